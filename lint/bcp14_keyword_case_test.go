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
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantLines(t, "bcp14-keyword-case", tt.src, tt.lines)
		})
	}
}
