package specs_test

import (
	"os"
	"testing"

	"github.com/ocispec/ocispec/internal/testcorpus"
	"github.com/ocispec/ocispec/specs"
)

// loadOCISources reads the Markdown of the three OCI specs once.
func loadOCISources(b *testing.B) (names []string, srcs [][]byte, total int64) {
	for _, dir := range testcorpus.OCISpecs(b) {
		for _, f := range testcorpus.Markdown(b, dir) {
			if testcorpus.IsArchivedVersion(f) {
				continue
			}
			src, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			names = append(names, f)
			srcs = append(srcs, src)
			total += int64(len(src))
		}
	}
	return names, srcs, total
}

// BenchmarkParseOCISpecs parses every Markdown file of image-spec,
// runtime-spec and (when ../shared is present) distribution-spec at HEAD; the target is under 20 ms per
// iteration on one core (run with -cpu 1).
func BenchmarkParseOCISpecs(b *testing.B) {
	names, srcs, total := loadOCISources(b)
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

// BenchmarkParseOCISpecsModelOnly is BenchmarkParseOCISpecs with the fast
// parsers that lint uses (Options.ModelOnly).
func BenchmarkParseOCISpecsModelOnly(b *testing.B) {
	names, srcs, total := loadOCISources(b)
	b.SetBytes(total)
	b.ReportAllocs()
	p := specs.NewParser(specs.Options{ModelOnly: true})
	for b.Loop() {
		for i, src := range srcs {
			if _, err := p.Parse(names[i], src); err != nil {
				b.Fatal(err)
			}
		}
	}
}
