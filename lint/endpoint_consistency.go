package lint

import (
	"github.com/ocispec/ocispec/openapi"
	"github.com/ocispec/ocispec/specs"
)

// endpointConsistency reports statuses (and the headers required with
// them) that the prose states for an endpoint but its endpoints table row
// lacks, and the statuses of a row that the prose never states. The
// openapi package reads both sides (openapi.Model.Inconsistencies), so the
// rule and the generated document agree on what the prose says.
type endpointConsistency struct{}

func (endpointConsistency) Meta() Meta {
	return Meta{
		ID:       "endpoint-consistency",
		Severity: Warning,
		Summary:  "The statuses an endpoints table row lists are those the prose states for the endpoint.",
	}
}

func (endpointConsistency) Check(doc *specs.Document, ctx *Context) []Finding {
	out := ctx.findings()
	if len(doc.Tables) == 0 {
		return out
	}
	m, err := openapi.FromSet(specs.NewSet("", doc))
	if err != nil {
		return out
	}
	for _, in := range m.Inconsistencies() {
		if in.Doc == doc {
			out = append(out, Finding{Span: in.Span, Message: in.Message})
		}
	}
	return out
}
