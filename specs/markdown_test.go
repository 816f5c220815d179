package specs_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ocispec/ocispec/internal/testcorpus"
)

// TestOneGoldmarkConfiguration: goldmark is configured in one place,
// specs.NewMarkdown, so that an extension added for the model is also in
// the HTML and the other way round. Every other package calls it.
func TestOneGoldmarkConfiguration(t *testing.T) {
	root := testcorpus.RepoRoot()
	var found []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "testdata" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if strings.Contains(string(src), "goldmark.New(") {
			rel, _ := filepath.Rel(root, p)
			found = append(found, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(found) != 1 || found[0] != "specs/parse.go" {
		t.Errorf("goldmark.New is called in %v; want only specs/parse.go (use specs.NewMarkdown)", found)
	}
}
