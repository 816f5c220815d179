package openapi

import (
	"errors"
	"strings"
	"testing"

	"github.com/ocispec/ocispec/specs"
)

// FuzzEndpoints feeds endpoint rows to the table reader: every row is
// either an endpoint or a RowError with a line, never a panic.
func FuzzEndpoints(f *testing.F) {
	for _, seed := range []string{
		"| end-1 | `GET` | `/v2/` | `200` | `404`/`401` |",
		"| end-2 | `GET` / `HEAD` | `/v2/<name>/blobs/<digest>` | `200` | `404` |",
		"| end-7b | `PUT` | `/v2/<name>/manifests/<digest>?tag=1&tag=2` | `201` | `404`/`413` |",
		"| end-6 | `PUT` | `<blob-push-location>?digest=<digest>` | `201` | `404`/`400`/`416` |",
		"| end-x | `FETCH` | `v2` | `2O0` | |",
	} {
		f.Add(seed)
	}
	p := specs.NewParser(specs.Options{})
	f.Fuzz(func(t *testing.T, row string) {
		src := "# T\n\n| ID | Method | API Endpoint | Success | Failure |\n| -- | -- | -- | -- | -- |\n" + row + "\n"
		doc, err := p.Parse("fuzz.md", []byte(src))
		if err != nil {
			return
		}
		eps, errs := Endpoints(doc)
		if rows := endpointRows(doc); len(eps)+len(errs) != rows {
			t.Fatalf("%d endpoints and %d errors for %d rows", len(eps), len(errs), rows)
		}
		checkRows(t, eps, errs)
	})
}

// FuzzParseTemplate: a template that parses has a shape and placeholders
// that name path parameters.
func FuzzParseTemplate(f *testing.F) {
	for _, seed := range []string{"/v2/", "/v2/<name>/tags/list?n=<int>&last=<tagname>", "<location>", "/a/<b>/?c=<d>&c=1"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, in string) {
		r, err := ParseTemplate(in)
		if err != nil {
			return
		}
		if s := r.shape(); s == "" {
			t.Fatalf("%q: empty shape", in)
		}
		for _, p := range r.Placeholders() {
			if p == "" || strings.ContainsAny(p, "<>/{}") {
				t.Fatalf("%q: placeholder %q", in, p)
			}
		}
	})
}

func endpointRows(doc *specs.Document) int {
	rows := 0
	for _, tb := range doc.Tables {
		if endpointTable(tb) != nil {
			rows += len(tb.Rows)
		}
	}
	return rows
}

// checkRows: every row error has file:line, every accepted row parses.
func checkRows(t *testing.T, eps []*Endpoint, errs []error) {
	t.Helper()
	for _, e := range errs {
		var re *RowError
		if !errors.As(e, &re) || re.Line < 1 || !strings.HasPrefix(e.Error(), "fuzz.md:") {
			t.Fatalf("row error without file:line: %v", e)
		}
	}
	for _, ep := range eps {
		if _, err := ParseTemplate(ep.Template); err != nil {
			t.Fatalf("accepted row's template does not parse: %v", err)
		}
	}
}
