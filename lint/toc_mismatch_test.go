package lint

import (
	"strings"
	"testing"
)

func TestTOCMismatch(t *testing.T) {
	const body = "\n## One\n\n### One A\n\n## Two Things\n\n## Three\n"
	tests := []struct {
		name string
		toc  string
		want []string // message fragments
	}{
		{"matching", "- [One](#one)\n  - [One A](#one-a)\n- [Two Things](#two-things)\n- [Three](#three)\n", nil},
		{"shortened entry", "- [One](#one)\n- [Two](#two-things)\n- [Three](#three)\n", nil},
		{"sub-levels listed selectively", "- [One](#one)\n- [Two Things](#two-things)\n- [Three](#three)\n", nil},
		{"missing heading", "- [One](#one)\n- [Two Things](#two-things)\n- [One A](#one-a)\n", []string{"leaves out heading \"Three\"", "out of order"}},
		{"stale anchor", "- [One](#one)\n- [Two](#two)\n- [Three](#three)\n", []string{"leaves out heading \"Two Things\"", "links to #two, which is no heading"}},
		{"wrong text", "- [One](#one)\n- [Four](#two-things)\n- [Three](#three)\n", []string{"does not match heading \"Two Things\""}},
		{"short list is no toc", "- [One](#one)\n- [Two](#two)\n", nil},
		{"prose items are no toc", "- See [One](#one) first.\n- [Two](#two)\n- [Three](#three)\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "# Title\n\n## Contents\n\n" + tt.toc + body
			fs := lintSrc(t, "toc-mismatch", src)
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
