package schema_test

import (
	"testing"

	"github.com/ocispec/ocispec/schema"
	"github.com/ocispec/ocispec/specs"
)

// FuzzExamples runs the example checker and the schema generator over
// generated Markdown: info strings, JSON in examples (the position
// mapping of findings) and property lists. Nothing may panic, and every
// finding lies inside the document.
func FuzzExamples(f *testing.F) {
	for _, s := range []string{
		"```json,title=D&mediatype=application/vnd.oci.descriptor.v1%2Bjson\n{\"size\": \"x\"}\n```\n",
		"- a\n\n  ```json,mediatype=application/vnd.oci.image.index.v1%2Bjson&expect=invalid\n  {\n   \"manifests\": [1,\n  ```\n",
		"```  \n{}\n```\n",
		"```json,mediatype=%zz\n[]\n```\n",
		"- **`a`** *int*\n\n  This REQUIRED property MUST be `2`.\n\n```json,mediatype=x/y\n{\"a\": 3}\n```\n",
		"* **`m`** (string, REQUIRED) MUST be one of `a`, `b`.\n\n```json,mediatype=x/z\n{\"m\": \"c\"} {}\n```\n",
	} {
		f.Add(s)
	}
	v := schema.NewValidator()
	f.Fuzz(func(t *testing.T, src string) {
		d, err := specs.Parse("f.md", []byte(src), specs.Options{})
		if err != nil {
			return
		}
		gen := schema.GenerateDoc(d, nil)
		sv, err := schema.NewSetValidator(gen, nil)
		if err != nil {
			sv = v
		}
		_, _, fs := sv.CheckDocument(d)
		for _, x := range fs {
			if x.Line < 1 || x.Line > d.Lines()+1 || x.Column < 1 || x.Span.Start > len(src) {
				t.Fatalf("finding outside the document: %+v", x)
			}
		}
	})
}
