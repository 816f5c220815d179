package lint

import "github.com/ocispec/ocispec/specs"

// propertyList reports malformed property descriptions: a bold name with
// no type among typed siblings, a marker that is neither REQUIRED nor
// OPTIONAL, a header with no marker, and descriptions that continue at an
// inconsistent indentation. The property model keeps what it could read
// (specs.Document.PropertyProblems); this rule only reports it.
type propertyList struct{}

func (propertyList) Meta() Meta {
	return Meta{
		ID:       "property-list",
		Severity: Warning,
		Summary:  "Property descriptions have a name, a type and a REQUIRED or OPTIONAL marker, consistently indented.",
	}
}

func (propertyList) Check(doc *specs.Document, ctx *Context) []Finding {
	out := ctx.findings()
	for _, p := range doc.PropertyProblems {
		out = append(out, Finding{Span: p.Span, Message: p.Message})
	}
	return out
}
