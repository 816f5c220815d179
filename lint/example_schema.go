package lint

import (
	"strings"

	"github.com/ocispec/ocispec/schema"
	"github.com/ocispec/ocispec/specs"
)

// exampleSchema validates every fenced block whose info string carries
// mediatype= against the schema of its media type (package schema):
// image-spec's built-in schemas, the mediaTypes option (which the
// workspace fills from schema.mediaTypes in ocispec.yaml), and the
// schemas generated from the set's property lists. It is a set rule: a
// manifest's schema refers to the descriptor's, generated from another
// document, so the examples are checked once every document is read.
type exampleSchema struct{}

// exampleSummary is what the rule keeps of one document.
type exampleSummary struct {
	examples []*schema.Example
	gen      []schema.Generated
}

func (exampleSchema) Meta() Meta {
	return Meta{
		ID:       "example-schema",
		Severity: Error,
		Summary:  "Media-typed JSON examples are valid JSON and validate against the schema of their media type.",
		Options: []Option{{Name: "mediaTypes", Type: Strings, Default: []string{},
			Summary: "MEDIATYPE=FILE pairs mapping media types to JSON Schema files"}},
	}
}

func (exampleSchema) Check(*specs.Document, *Context) []Finding { return nil }

func (exampleSchema) Summarize(doc *specs.Document, _ *Context) any {
	s := exampleSummary{examples: schema.Examples(doc)}
	if len(s.examples) > 0 && len(doc.Properties) > 0 {
		// Only documents that show examples have objects with a media
		// type; generating the others' schemas would cost lint a third
		// of its time on the OCI specs for nothing.
		s.gen = schema.GenerateDoc(doc, nil)
	}
	return s
}

func (exampleSchema) CheckSet(sums []Summary, ctx *Context) []Finding {
	var gen []schema.Generated
	var examples []*schema.Example
	for _, s := range sums {
		es, _ := s.Value.(exampleSummary)
		gen = append(gen, es.gen...)
		examples = append(examples, es.examples...)
	}
	if len(examples) == 0 {
		return nil
	}
	v, err := schema.NewSetValidator(gen, mediaTypeOption(ctx.Options))
	if err != nil {
		return []Finding{{Path: sums[0].Path, Line: 1, Column: 1, Message: err.Error()}}
	}
	var out []Finding
	for _, ex := range examples {
		if f := v.Check(ex); f != nil {
			msg := f.MediaType + ": " + f.Error
			if f.Pointer != "" {
				msg = f.MediaType + " at " + f.Pointer + ": " + f.Error
			}
			out = append(out, Finding{Path: ex.File, Span: f.Span, Line: f.Line, Column: f.Column, EndLine: f.Line, EndColumn: f.Column, Message: msg})
		}
	}
	return out
}

// mediaTypeOption reads the MEDIATYPE=FILE pairs of the mediaTypes option.
func mediaTypeOption(o Options) map[string]string {
	out := map[string]string{}
	for _, kv := range o.Strings("mediaTypes") {
		if mt, file, ok := strings.Cut(kv, "="); ok {
			out[mt] = file
		}
	}
	return out
}
