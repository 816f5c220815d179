package schema

import (
	"encoding/json"
	"fmt"
	"io"
	"path"
	"sort"
	"strings"

	"github.com/ocispec/ocispec/specs"
)

// A Generated schema is one file `schema gen` writes: an object's schema
// from its property list, or a distribution-style error envelope from an
// error-code table.
type Generated struct {
	File      string `json:"file"`
	Source    string `json:"source"`
	Line      int    `json:"line"`
	Title     string `json:"title"`
	MediaType string `json:"mediatype,omitempty"`
	Schema    any    `json:"schema"`
	object    *Object
}

// GenerateDoc generates the schemas of one document's objects, and the
// error envelope of its error-code table when it has one (distribution.go).
func GenerateDoc(doc *specs.Document, refFile func(string) string) []Generated {
	var out []Generated
	for _, o := range Objects(doc) {
		out = append(out, Generated{File: o.SchemaFile(), Source: doc.Path, Line: o.Properties[0].Line,
			Title: o.Title, MediaType: o.MediaType, Schema: Generate(o, refFile), object: o})
	}
	if codes := ErrorCodes(doc); len(codes) > 0 {
		env := ErrorEnvelope(codes)
		base := strings.TrimSuffix(path.Base(doc.Path), path.Ext(doc.Path))
		env["$schema"], env["$id"], env["title"] = Draft, base+".errors.schema.json", "Error envelope"
		out = append(out, Generated{File: base + ".errors.schema.json", Source: doc.Path, Line: codes[0].Line,
			Title: "Error envelope", Schema: env})
	}
	return out
}

// GenerateSet generates the schemas of every document of a set, in
// reading order.
func GenerateSet(set *specs.Set) []Generated {
	var out []Generated
	for _, d := range set.Docs {
		out = append(out, GenerateDoc(d, setRef(set, d))...)
	}
	return out
}

// setRef maps a type's link to the schema of the linked document when the
// set holds it and it documents an object, else to "" (no $ref that
// would dangle).
func setRef(set *specs.Set, from *specs.Document) func(string) string {
	return func(ref string) string {
		file, _, _ := strings.Cut(ref, "#")
		if !strings.HasSuffix(file, ".md") {
			return ""
		}
		target := set.Doc(path.Join(path.Dir(from.Path), file))
		if target == nil || len(Objects(target)) == 0 {
			return ""
		}
		return DefaultRef(ref)
	}
}

// NewSetValidator returns a validator for the examples of the given
// generated schemas: configured media types (mediaTypes maps a media
// type to a JSON Schema file) first, then image-spec's built-in schemas,
// then the generated schemas for the media types their examples show.
func NewSetValidator(gen []Generated, mediaTypes map[string]string) (*Validator, error) {
	v := NewValidator()
	mts := make([]string, 0, len(mediaTypes))
	for mt := range mediaTypes {
		mts = append(mts, mt)
	}
	sort.Strings(mts)
	for _, mt := range mts {
		if err := v.AddSchemaFile(mt, mediaTypes[mt]); err != nil {
			return nil, err
		}
	}
	if err := v.addGenerated(gen); err != nil {
		return nil, err
	}
	return v, nil
}

// CheckSets validates the examples of the documents of sets.
func (v *Validator) CheckSets(sets ...*specs.Set) *ExampleReport {
	r := &ExampleReport{Invalid: []ExampleFinding{}}
	for _, set := range sets {
		for _, d := range set.Docs {
			n, ok, fs := v.CheckDocument(d)
			r.Examples += n
			r.Valid += ok
			r.Invalid = append(r.Invalid, fs...)
		}
	}
	return r
}

// ReportFormats lists the formats of WriteExamples and WriteDrift.
func ReportFormats() []string { return []string{"text", "json"} }

// WriteExamples writes an example report: text (one finding a line,
// file:line:column first, then a summary) or JSON.
func WriteExamples(w io.Writer, format string, r *ExampleReport) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	case "", "text":
		var b strings.Builder
		for _, f := range r.Invalid {
			fmt.Fprintf(&b, "%s:%d:%d: %s", f.File, f.Line, f.Column, f.MediaType)
			if f.Pointer != "" {
				fmt.Fprintf(&b, " at %s", f.Pointer)
			}
			fmt.Fprintf(&b, ": %s\n", f.Error)
		}
		fmt.Fprintf(&b, "%d examples, %d valid, %d invalid\n", r.Examples, r.Valid, len(r.Invalid))
		_, err := io.WriteString(w, b.String())
		return err
	}
	return fmt.Errorf("unknown format %q (want text or json)", format)
}

// A SetReport is what a site page shows about a set's schemas: every
// generated schema with its source file, line, title and media type, and
// the verdict on every example.
type SetReport struct {
	Schemas  []Generated    `json:"schemas"`
	Examples *ExampleReport `json:"examples"`
}

// ReportSet generates the schemas of a set and validates its examples;
// mediaTypes maps media types to schema files as in NewSetValidator.
func ReportSet(set *specs.Set, mediaTypes map[string]string) (*SetReport, error) {
	gen := GenerateSet(set)
	v, err := NewSetValidator(gen, mediaTypes)
	if err != nil {
		return nil, err
	}
	return &SetReport{Schemas: gen, Examples: v.CheckSets(set)}, nil
}
