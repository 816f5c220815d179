package specs_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ocispec/ocispec/internal/golden"

	"github.com/ocispec/ocispec/specs"
)

// TestGoldenModel compares the model outline of our own fixtures and the
// example workspace with testdata/golden; run with -update after an
// intended change and review the diff.
func TestGoldenModel(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.md")
	examples, _ := filepath.Glob("../examples/spec/*.md")
	files = append(files, examples...)
	if len(files) < 2 {
		t.Fatalf("fixtures missing: %v", files)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			d, err := specs.Parse(filepath.ToSlash(f), src, specs.Options{})
			if err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			d.Dump(&got)
			name := strings.TrimSuffix(filepath.Base(f), ".md")
			if strings.HasPrefix(f, "..") {
				name = "example-" + name
			}
			golden.Check(t, filepath.Join("testdata", "golden", name+".dump"), got.Bytes())
		})
	}
}
