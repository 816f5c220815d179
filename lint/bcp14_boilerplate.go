package lint

import (
	"fmt"

	"github.com/ocispec/ocispec/specs"
)

// bcp14Boilerplate requires a spec set that uses BCP 14 key words to carry
// the boilerplate that gives them meaning, and a document to carry it at
// most once.
type bcp14Boilerplate struct{}

func (bcp14Boilerplate) Meta() Meta {
	return Meta{
		ID:       "bcp14-boilerplate",
		Severity: Warning,
		Summary:  "A spec set that uses BCP 14 key words contains the BCP 14 boilerplate, once.",
	}
}

func (bcp14Boilerplate) Check(doc *specs.Document, ctx *Context) []Finding {
	out := ctx.findings()
	// Every boilerplate sentence after the first, headings included.
	for i, sp := range scanBoilerplate(doc, ctx).spans {
		if i > 0 {
			out = append(out, Finding{Span: sp, Message: "the BCP 14 boilerplate appears again in this document: keep one"})
		}
	}
	return out
}

func (bcp14Boilerplate) Summarize(doc *specs.Document, ctx *Context) any {
	return summarizeBoilerplate(doc, scanBoilerplate(doc, ctx))
}

func (bcp14Boilerplate) CheckSet(sums []Summary, ctx *Context) []Finding {
	return checkBoilerplateSet(sums, ctx)
}

// boilerplateSummary is what the set-level check keeps of a document.
type boilerplateSummary struct {
	has bool
	// first is the first key word of the document, when it has one,
	// located but without its message: only the set's first is reported.
	first *Finding
	// keyword is the key word at first.
	keyword string
}

// boilerplateScan lists the boilerplate sentences of one document, so that
// Check and Summarize test each sentence once.
type boilerplateScan struct {
	// spans holds the boilerplate sentences in document order.
	spans []specs.Span
	// inProse tells whether one of them lies outside a heading.
	inProse bool
}

// boilerplateKey is the Context.Memo key of the scan.
type boilerplateKey struct{}

// scanBoilerplate returns the scan of doc, kept in ctx for the rule's
// other function.
func scanBoilerplate(doc *specs.Document, ctx *Context) *boilerplateScan {
	return ctx.Memo(doc, boilerplateKey{}, func() any {
		sc := &boilerplateScan{}
		for _, b := range doc.Blocks {
			for _, s := range b.Sentences {
				if isBoilerplate(s.Text) {
					sc.spans = append(sc.spans, s.Span)
					sc.inProse = sc.inProse || b.Kind != specs.HeadingText
				}
			}
		}
		return sc
	}).(*boilerplateScan)
}

func summarizeBoilerplate(doc *specs.Document, sc *boilerplateScan) boilerplateSummary {
	if sc.inProse {
		return boilerplateSummary{has: true}
	}
	// No sentence outside the headings is boilerplate: find the first key
	// word.
	for _, b := range doc.Blocks {
		if b.Kind == specs.HeadingText {
			continue
		}
		for _, s := range b.Sentences {
			if hasCapitalRun(s.Text) {
				if m := findKeyword(outsideCode(s)); m != "" {
					f := At(doc, s.Span, "")
					return boilerplateSummary{first: &f, keyword: m}
				}
			}
		}
	}
	return boilerplateSummary{}
}

// checkBoilerplateSet reports the set's first key word when no document
// has the boilerplate.
func checkBoilerplateSet(sums []Summary, _ *Context) []Finding {
	var first *boilerplateSummary
	for _, s := range sums {
		v := s.Value.(boilerplateSummary)
		if v.has {
			return nil
		}
		if first == nil && v.first != nil {
			first = &v
		}
	}
	if first == nil {
		return nil
	}
	f := *first.first
	f.Message = fmt.Sprintf("%q is a BCP 14 key word but the spec set has no BCP 14 boilerplate; add RFC 8174's: %s", first.keyword, bcp14Boilerplate8174)
	return []Finding{f}
}
