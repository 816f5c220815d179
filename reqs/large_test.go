package reqs

import (
	"bytes"
	"strconv"
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

// BenchmarkExtractLarge parses and extracts one generated file of 2 MB
// and of 20 MB, the whole work of `ocispec reqs` on it: MB/s must stay
// about the same, time and memory linear in the input (issue 17). The
// cmd/ocispec benchmark BenchmarkLargeFile compares reqs with lint.
func BenchmarkExtractLarge(b *testing.B) {
	for _, mb := range []int{2, 20} {
		b.Run(strconv.Itoa(mb)+"MB", func(b *testing.B) {
			src := largeSource(b, mb<<20)
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				d, err := specs.Parse("large.md", src, specs.Options{})
				if err != nil {
					b.Fatal(err)
				}
				Extract(specs.NewSet(".", d))
			}
		})
	}
}

// BenchmarkExtractLargeOnly is BenchmarkExtractLarge without the parse:
// the requirement graph's own share.
func BenchmarkExtractLargeOnly(b *testing.B) {
	for _, mb := range []int{2, 20} {
		b.Run(strconv.Itoa(mb)+"MB", func(b *testing.B) {
			src := largeSource(b, mb<<20)
			d, err := specs.Parse("large.md", src, specs.Options{})
			if err != nil {
				b.Fatal(err)
			}
			set := specs.NewSet(".", d)
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				Extract(set)
			}
		})
	}
}
