package specs

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Covers: paths-135d9e, properties-dfae24
//
// Covers: spec-set-properties-448260
func TestFiles(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"b.md", "a.md", "sub/c.md", "sub/d.MD", "vendor/x.md", "node_modules/y.md", "_site/z.md", ".git/w.md", "drafts/e.md", "notes.txt"} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("# T\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		paths, exclude []string
		want           string
	}{
		{[]string{"."}, nil, "a.md,b.md,drafts/e.md,sub/c.md,sub/d.MD"},
		{[]string{"."}, []string{"drafts"}, "a.md,b.md,sub/c.md,sub/d.MD"},
		{[]string{"sub", "a.md", "sub/c.md"}, nil, "sub/c.md,sub/d.MD,a.md"},
		{[]string{"."}, []string{"sub/**"}, "a.md,b.md,drafts/e.md"},
		{[]string{"vendor/x.md"}, nil, "vendor/x.md"},
	}
	for _, tt := range tests {
		files, err := Files(dir, tt.paths, tt.exclude)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range files {
			got = append(got, f.Path)
		}
		if strings.Join(got, ",") != tt.want {
			t.Errorf("Files(%v, exclude %v) = %v, want %s", tt.paths, tt.exclude, got, tt.want)
		}
		set, err := Load(dir, tt.paths, LoadOptions{Exclude: tt.exclude})
		if err != nil {
			t.Fatal(err)
		}
		if len(set.Docs) != len(files) {
			t.Errorf("Load parsed %d documents, Files listed %d", len(set.Docs), len(files))
		}
	}
	if _, err := Files(dir, []string{"missing.md"}, nil); err == nil || !strings.Contains(err.Error(), "missing.md") {
		t.Errorf("missing path: %v", err)
	}
	if _, err := Files(dir, []string{"vendor"}, []string{"x.md"}); err == nil || !strings.Contains(err.Error(), "vendor: no Markdown files") {
		t.Errorf("directory without Markdown: %v", err)
	}
}
