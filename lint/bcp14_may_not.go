package lint

import (
	"regexp"

	"github.com/ocispec/ocispec/specs"
)

// bcp14MayNot reports "MAY NOT", which RFC 2119 does not define: a reader
// cannot tell a prohibition ("MUST NOT") from a permission not to
// ("need not"). The requirement graph reads it as MUST NOT in effect
// (docs/requirements.md, level MAY NOT).
type bcp14MayNot struct {
	re *regexp.Regexp
}

func newBCP14MayNot() bcp14MayNot {
	return bcp14MayNot{re: regexp.MustCompile(`\bMAY\s+NOT\b`)}
}

func (bcp14MayNot) Meta() Meta {
	return Meta{
		ID:       "bcp14-may-not",
		Severity: Warning,
		Summary:  "\"MAY NOT\" is not a BCP 14 key word: write \"MUST NOT\" to forbid, or \"need not\" to permit not doing it.",
	}
}

func (r bcp14MayNot) Check(doc *specs.Document, ctx *Context) []Finding {
	out := ctx.findings()
	for _, b := range doc.Blocks {
		for _, s := range b.Sentences {
			text := outsideCode(s)
			for _, m := range r.re.FindAllStringIndex(text, -1) {
				if m[0] > 0 && m[1] < len(text) && (text[m[0]-1] == '"' || text[m[0]-1] == '\'') && text[m[1]] == text[m[0]-1] {
					continue // "MAY NOT" quoted as a word
				}
				out = append(out, Finding{
					Span:    wordSpan(s, m[0], m[1]),
					Message: "\"MAY NOT\" is ambiguous: write \"MUST NOT\" to forbid, or \"need not\" to permit not doing it",
				})
			}
		}
	}
	return out
}
