package lint

import "testing"

func TestBCP14MayNot(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		lines []int
	}{
		{"may not", "Containers MAY NOT access other devices.\n", []int{1}},
		{"wrapped", "Containers MAY\nNOT access other devices.\n", []int{1}},
		{"quoted", "Never write \"MAY NOT\" in a spec.\n", nil},
		{"code", "The `MAY NOT` phrase.\n", nil},
		{"must not", "Containers MUST NOT access other devices.\n", nil},
		{"lower case", "Containers may not access other devices.\n", nil},
		{"may then not", "Clients MAY retry, NOT wait.\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantLines(t, "bcp14-may-not", tt.src, tt.lines)
		})
	}
}

// TestBCP14MayNotColumn: the finding points at the two words.
func TestBCP14MayNotColumn(t *testing.T) {
	fs := lintSrc(t, "bcp14-may-not", "Containers MAY NOT access it.\n")
	if len(fs) != 1 || fs[0].Column != 12 || fs[0].EndColumn != 19 {
		t.Fatalf("findings = %+v, want one at columns 12-19", fs)
	}
}
