package schema_test

import (
	"os"
	"testing"

	"github.com/ocispec/ocispec/internal/testcorpus"
	"github.com/ocispec/ocispec/schema"
	"github.com/ocispec/ocispec/specs"
)

// BenchmarkExamplesImageSpec is `ocispec schema examples` over image-spec
// without the file reads: parse every document, compile each schema once
// (a fresh validator per iteration) and validate every media-typed
// example. The target is under 100 ms on one core (make bench).
func BenchmarkExamplesImageSpec(b *testing.B) {
	dir := testcorpus.ModuleDir(b, testcorpus.ImageSpec)
	files := testcorpus.Markdown(b, dir)
	srcs := make([][]byte, len(files))
	for i, f := range files {
		var err error
		if srcs[i], err = os.ReadFile(f); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		v := schema.NewValidator()
		n := 0
		for i, src := range srcs {
			d, err := specs.Parse(files[i], src, specs.Options{})
			if err != nil {
				b.Fatal(err)
			}
			ex, valid, _ := v.CheckDocument(d)
			if ex != valid {
				b.Fatalf("%s: %d of %d examples invalid", files[i], ex-valid, ex)
			}
			n += ex
		}
		if n < 10 {
			b.Fatalf("only %d examples", n)
		}
	}
}

// BenchmarkGenerateOCI generates the schemas of every document of
// image-spec and runtime-spec (parsed once, outside the loop): the work
// lint's example-schema rule adds per document.
func BenchmarkGenerateOCI(b *testing.B) {
	names, srcs, total := testcorpus.OCISources(b)
	docs := make([]*specs.Document, len(srcs))
	for i, src := range srcs {
		var err error
		if docs[i], err = specs.Parse(names[i], src, specs.Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(total)
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			schema.GenerateDoc(d, nil)
		}
	}
}
