package specs_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ocispec/ocispec/specs"
)

var update = flag.Bool("update", false, "rewrite golden files")

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
			golden := filepath.Join("testdata", "golden", name+".dump")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("model of %s differs from %s (run go test ./specs -update and review the diff)\n%s", f, golden, firstDiff(string(want), got.String()))
			}
		})
	}
}

func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) && i < len(g); i++ {
		if w[i] != g[i] {
			return "line " + strconv.Itoa(i+1) + ":\n- " + w[i] + "\n+ " + g[i]
		}
	}
	return "lengths differ"
}
