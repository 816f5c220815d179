package lint

import (
	"slices"
	"strings"

	"github.com/ocispec/ocispec/specs"
)

// directiveRule reports ocispec comments that silence nothing: an unknown
// directive ("ocispec-disabel") or a rule name that no rule has. Both are
// typos that would otherwise leave a finding silenced nowhere, or a
// deliberate exception that no longer applies, without a word.
func directiveRule() *Rule {
	var known map[string]bool // rule IDs, built on first use
	var names string          // the same, listed for messages
	return &Rule{
		ID:       "directive",
		Severity: Warning,
		Summary:  "Inline ocispec comments use a known directive and name known rules.",
		Check: func(doc *specs.Document, ctx *Context) []Finding {
			out := ctx.findings()
			scanDirectives(doc, func(start, end int, verb string, rules []string) {
				span := specs.Span{Start: start, End: end}
				if !slices.Contains(directiveVerbs, verb) {
					out = append(out, Finding{Span: span, Message: "unknown directive \"ocispec-" + verb + "\": use ocispec-" + strings.Join(directiveVerbs, ", ocispec-")})
					return
				}
				if known == nil {
					ids := IDs()
					known, names = map[string]bool{}, strings.Join(ids, ", ")
					for _, id := range ids {
						known[id] = true
					}
				}
				for _, r := range rules {
					if !known[r] {
						out = append(out, Finding{Span: span, Message: "ocispec-" + verb + " names unknown rule \"" + r + "\" (known: " + names + ")"})
					}
				}
			})
			return out
		},
	}
}
