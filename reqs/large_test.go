package reqs

import (
	"bytes"
	"testing"

	"github.com/ocispec/ocispec/internal/testcorpus"
	"github.com/ocispec/ocispec/specs"
)

// largeSource concatenates the OCI specs until the result holds at least
// size bytes: one large Markdown file in the style of real specs.
func largeSource(tb testing.TB, size int) []byte {
	tb.Helper()
	_, srcs, total := testcorpus.OCISources(tb)
	if total == 0 {
		tb.Skip("no OCI sources")
	}
	var b bytes.Buffer
	b.Grow(size + int(total))
	for b.Len() < size {
		for _, s := range srcs {
			b.Write(s)
			b.WriteString("\n\n")
		}
	}
	return b.Bytes()
}

// BenchmarkExtractLarge parses and extracts one generated 20 MB file, the
// whole work of `ocispec reqs` on it; time and memory must stay linear in
// what the three OCI specs cost (issue 17: within 2x of lint).
func BenchmarkExtractLarge(b *testing.B) {
	src := largeSource(b, 20<<20)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		d, err := specs.Parse("large.md", src, specs.Options{})
		if err != nil {
			b.Fatal(err)
		}
		Extract(specs.NewSet(".", d))
	}
}
