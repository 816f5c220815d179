package lint

import (
	"strings"
	"testing"
)

func TestDirectiveRule(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		lines []int
	}{
		{"known", "<!-- ocispec-disable-next-line rfc-link -->\nSee RFC 9110.\n", nil},
		{"every rule", "<!-- ocispec-disable -->\nText.\n<!-- ocispec-enable -->\n", nil},
		{"commas", "Text. <!-- ocispec-disable-line rfc-link,broken-link -->\n", nil},
		{"unknown rule", "<!-- ocispec-disable-next-line rfc-links -->\nSee RFC 9110.\n", []int{1}},
		{"one of two unknown", "<!-- ocispec-disable rfc-link, brokenlink -->\n", []int{1}},
		{"unknown directive", "<!-- ocispec-disabel rfc-link -->\nText.\n", []int{1}},
		{"mid-line, not a directive", "Write `x` or <!-- ocispec-disable nothing --> here.\n", nil},
		{"in code", "```\n<!-- ocispec-disable nothing -->\n```\n", nil},
		{"in a code span", "Write `<!-- ocispec-disable-line RULE -->` at the end of a line.\n", nil},
		{"other comment", "<!-- ocispecification notes -->\n", nil},
		{"misspelt verb", "<!-- ocispec-disable-nextline rfc-link -->\nSee RFC 9110.\n", []int{1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantLines(t, "directive", tt.src, tt.lines)
		})
	}
	fs := lintSrc(t, "directive", "<!-- ocispec-disable-next-line rfc-links -->\nText.\n")
	if len(fs) != 1 || !strings.Contains(fs[0].Message, `unknown rule "rfc-links"`) || !strings.Contains(fs[0].Message, "rfc-link,") {
		t.Errorf("message: %v", fs)
	}
}

// TestDirectiveInCodeSpan: a disable-line shown in a code span is an
// example, not a directive; it silences nothing.
func TestDirectiveInCodeSpan(t *testing.T) {
	wantLines(t, "rfc-link", "See RFC 9110 or write `<!-- ocispec-disable-line rfc-link -->`.\n", []int{1})
	wantLines(t, "rfc-link", "See RFC 9110. <!-- ocispec-disable-line rfc-link -->\n", nil)
}
