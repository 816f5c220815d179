package specs_test

import (
	"testing"

	"github.com/ocispec/ocispec/specs"
)

// FuzzProperties parses generated Markdown and checks the property
// model's invariants: spans inside the source, headers inside their
// descriptions, children inside their parents' trees, and every header
// found again by PropertyAt.
func FuzzProperties(f *testing.F) {
	for _, s := range []string{
		"- **`a`** *int*\n\n  This REQUIRED property.\n",
		"- **a** _string_, REQUIRED\n  - **b** _object_, OPTIONAL\n",
		"* **`a`** (string, REQUIRED) x\n    * **`b`** (bool OPTIONAL)\n",
		"**`a`** (object, OPTIONAL) x.\n**`b`** (array of objects, OPTIONAL)\n\nEach entry has:\n\n* **`c`** (int, REQUIRED)\n",
		"## S\n\nThe `x` structure has the following fields:\n\n* **`y`** *(uint, REQUIRED unless `z`)*\n",
		"* **`a, b`**, **`c`** *(x, MANDATORY, **DEPRECATED**)*\n",
		"- **a** _string_, (\n- **b** (",
		"`m` is an OPTIONAL configuration for it.\n\n* **`n`** (int, OPTIONAL)\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		d, err := specs.Parse("f.md", []byte(src), specs.Options{})
		if err != nil {
			return
		}
		for _, p := range d.AllProperties() {
			checkProperty(t, d, p)
		}
		for _, pr := range d.PropertyProblems {
			if pr.Span.Start < 0 || pr.Span.End > len(src) || pr.Span.Start > pr.Span.End {
				t.Fatalf("problem span %v outside source of %d bytes", pr.Span, len(src))
			}
		}
	})
}

func checkProperty(t *testing.T, d *specs.Document, p *specs.Property) {
	n := len(d.Source)
	if p.Header.Start < 0 || p.Span.End > n || p.Header.Start > p.Header.End || p.Span.Start > p.Header.Start || p.Span.End < p.Header.End {
		t.Fatalf("%s: header %v, span %v, source %d bytes", p.Path, p.Header, p.Span, n)
	}
	if p.Name == "" || p.Line < 1 || p.Type.String() == "" {
		t.Fatalf("incomplete property %+v", p)
	}
	for _, c := range p.Children {
		if c.Parent != p {
			t.Fatalf("%s: child %s has another parent", p.Path, c.Path)
		}
	}
	if !p.Implicit && p.Span.Len() > 0 && d.PropertyAt(p.Header.Start) == nil {
		t.Fatalf("%s: PropertyAt(header) = nil", p.Path)
	}
}
