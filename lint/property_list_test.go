package lint

import (
	"strings"
	"testing"
)

func TestPropertyList(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string // message fragments, in order
	}{
		{"well formed", "- **a** _string_, REQUIRED\n\n  Text.\n\n- **b** _integer_, OPTIONAL\n", nil},
		{"runtime style", "* **`a`** (string, REQUIRED) text.\n* **`b`** (bool, OPTIONAL) text.\n", nil},
		{"bad marker", "- **a** _string_, MANDATORY\n", []string{`marker "MANDATORY" is neither REQUIRED nor OPTIONAL`}},
		{"no marker in parentheses", "* **`a`** (string) text.\n", []string{"no REQUIRED or OPTIONAL marker"}},
		{"no type among typed", "- **a** _string_, REQUIRED\n- **b**\n", []string{`property "b" has no type`}},
		{"untyped keys alone are fine", "- **org.example.a** a key.\n- **org.example.b** another key.\n", nil},
		{"lazy continuation", "- **a** _string_, REQUIRED\n\n    First line\nlazy line.\n", []string{"inconsistent indentation"}},
		{"unclosed parenthesis", "* **`a`** (string, REQUIRED text.\n", []string{"unclosed parenthesis"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := lintSrc(t, "property-list", tt.src)
			if len(fs) != len(tt.want) {
				t.Fatalf("got %d findings, want %d: %v", len(fs), len(tt.want), fs)
			}
			for i, w := range tt.want {
				if !strings.Contains(fs[i].Message, w) {
					t.Errorf("finding %d = %q, want it to contain %q", i, fs[i].Message, w)
				}
			}
		})
	}
}
