package lint

import "testing"

func TestBCP14KeywordCase(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		lines []int
	}{
		{"title case inside", "Clients Must retry.\n", []int{1}},
		{"should", "A client Should send it.\n", []int{1}},
		{"sentence start", "May the client retry? Must it?\n", nil},
		{"quoted start", "\"Must\" is not a key word here.\n", nil},
		{"month", "Released on May 5 2024.\n", nil},
		{"mixed", "Clients MUST not retry.\n", []int{1}},
		{"capitals", "Clients MUST NOT retry and MAY wait.\n", nil},
		{"lower", "Clients must retry.\n", nil},
		{"heading", "## Clients Must Retry\n", nil},
		{"code", "The `Must` token.\n", nil},
		{"month with comma", "The team in May, 2026 shipped it.\n", nil},
		{"after a label", "**Q: Should I validate it?**\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantLines(t, "bcp14-keyword-case", tt.src, tt.lines)
		})
	}
}

// TestBCP14KeywordCaseColumn: the finding points at the word.
func TestBCP14KeywordCaseColumn(t *testing.T) {
	fs := lintSrc(t, "bcp14-keyword-case", "A client Should send it.\n")
	if len(fs) != 1 || fs[0].Column != 10 || fs[0].EndColumn != 16 {
		t.Fatalf("findings = %+v, want one at columns 10-16", fs)
	}
}
