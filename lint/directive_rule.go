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
type directiveRule struct {
	known map[string]bool // rule IDs
	names string          // the same, listed for messages
}

// newDirectiveRule returns the rule that knows the IDs of the other rules
// and its own.
func newDirectiveRule(others []Rule) directiveRule {
	ids := make([]string, 0, len(others)+1)
	for _, o := range others {
		ids = append(ids, o.Meta().ID)
	}
	ids = append(ids, "directive")
	r := directiveRule{known: map[string]bool{}, names: strings.Join(ids, ", ")}
	for _, id := range ids {
		r.known[id] = true
	}
	return r
}

func (directiveRule) Meta() Meta {
	return Meta{
		ID:       "directive",
		Severity: Warning,
		Summary:  "Inline ocispec comments use a known directive and name known rules.",
	}
}

func (r directiveRule) Check(doc *specs.Document, ctx *Context) []Finding {
	out := ctx.findings()
	scanDirectives(doc, func(start, end int, verb string, rules []string) {
		span := specs.Span{Start: start, End: end}
		if !slices.Contains(directiveVerbs, verb) {
			out = append(out, Finding{Span: span, Message: "unknown directive \"ocispec-" + verb + "\": use ocispec-" + strings.Join(directiveVerbs, ", ocispec-")})
			return
		}
		for _, id := range rules {
			if !r.known[id] {
				out = append(out, Finding{Span: span, Message: "ocispec-" + verb + " names unknown rule \"" + id + "\" (known: " + r.names + ")"})
			}
		}
	})
	return out
}
