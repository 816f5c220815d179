package specs_test

import (
	"testing"

	"github.com/ocispec/ocispec/internal/testcorpus"
	"github.com/ocispec/ocispec/specs"
)

// BenchmarkParseOCISpecs parses every Markdown file of image-spec,
// runtime-spec and (when ../shared is present) distribution-spec at HEAD; the target is under 20 ms per
// iteration on one core (run with -cpu 1).
func BenchmarkParseOCISpecs(b *testing.B) {
	names, srcs, total := testcorpus.OCISources(b)
	b.SetBytes(total)
	b.ReportAllocs()
	p := specs.NewParser(specs.Options{})
	for b.Loop() {
		for i, src := range srcs {
			if _, err := p.Parse(names[i], src); err != nil {
				b.Fatal(err)
			}
		}
	}
}
