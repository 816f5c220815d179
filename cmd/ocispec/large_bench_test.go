package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ocispec/ocispec/internal/testcorpus"
)

// BenchmarkLargeFile runs `ocispec lint` and `ocispec reqs` on one
// generated 20 MB Markdown file (the three OCI specs concatenated until
// the size is reached), the whole command in process: issue 17 wants reqs
// within 2x of lint, in time and memory.
func BenchmarkLargeFile(b *testing.B) {
	_, srcs, total := testcorpus.OCISources(b)
	if total == 0 {
		b.Skip("no OCI sources")
	}
	var buf bytes.Buffer
	for buf.Len() < 20<<20 {
		for _, s := range srcs {
			buf.Write(s)
			buf.WriteString("\n\n")
		}
	}
	file := filepath.Join(b.TempDir(), "large.md")
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	b.Chdir(b.TempDir()) // zero config
	for _, cmd := range []string{"lint", "reqs"} {
		b.Run(cmd, func(b *testing.B) {
			b.SetBytes(int64(buf.Len()))
			b.ReportAllocs()
			for b.Loop() {
				if code := run([]string{cmd, file}, strings.NewReader(""), io.Discard, io.Discard); code > 1 {
					b.Fatalf("%s: exit %d", cmd, code)
				}
			}
		})
	}
}
