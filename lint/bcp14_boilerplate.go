package lint

import (
	"fmt"
	"regexp"

	"github.com/ocispec/ocispec/specs"
)

// bcp14Boilerplate requires a spec set that uses BCP 14 key words to carry
// the boilerplate that gives them meaning, and a document to carry it at
// most once.
func bcp14Boilerplate() *Rule {
	kw := keywordRegexp()
	return &Rule{
		ID:       "bcp14-boilerplate",
		Severity: Warning,
		Summary:  "A spec set that uses BCP 14 key words contains the BCP 14 boilerplate, once.",
		Check: func(doc *specs.Document, _ *Context) []Finding {
			var out []Finding
			seen := false
			for _, b := range doc.Blocks {
				for _, s := range b.Sentences {
					if !isBoilerplate(s.Text) {
						continue
					}
					if seen {
						out = append(out, Finding{Span: s.Span, Message: "the BCP 14 boilerplate appears again in this document: keep one"})
					}
					seen = true
				}
			}
			return out
		},
		Summarize: func(doc *specs.Document, _ *Context) any {
			return summarizeBoilerplate(kw, doc)
		},
		CheckSummaries: checkBoilerplateSet,
	}
}

// boilerplateSummary is what the set-level check keeps of a document.
type boilerplateSummary struct {
	has bool
	// first is the first key word of the document, when it has one.
	first *Finding
}

func summarizeBoilerplate(kw *regexp.Regexp, doc *specs.Document) boilerplateSummary {
	var sum boilerplateSummary
	for _, b := range doc.Blocks {
		if b.Kind == specs.HeadingText {
			continue
		}
		for _, s := range b.Sentences {
			if isBoilerplate(s.Text) {
				return boilerplateSummary{has: true}
			}
			if sum.first == nil && hasCapitalRun(s.Text) {
				if m := kw.FindString(outsideCode(s)); m != "" {
					f := At(doc, s.Span, fmt.Sprintf("%q is a BCP 14 key word but the spec set has no BCP 14 boilerplate; add RFC 8174's: %s",
						m, bcp14Boilerplate8174))
					sum.first = &f
				}
			}
		}
	}
	return sum
}

// checkBoilerplateSet reports the set's first key word when no document
// has the boilerplate.
func checkBoilerplateSet(sums []Summary, _ *Context) []Finding {
	var first *Finding
	for _, s := range sums {
		v := s.Value.(boilerplateSummary)
		if v.has {
			return nil
		}
		if first == nil {
			first = v.first
		}
	}
	if first == nil {
		return nil
	}
	return []Finding{*first}
}
