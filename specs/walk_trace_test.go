package specs

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFilesSymlinksAndExplicitFiles: a walk follows no symbolic link and
// reads only regular files, and an exclude pattern never drops a file the
// spec set lists by name.
//
// Covers: paths-95c471, paths-2a0c8d, properties-b92ee8
func TestFilesSymlinksAndExplicitFiles(t *testing.T) {
	dir := t.TempDir()
	outside := t.TempDir()
	for _, f := range []string{"a.md", "drafts/e.md", filepath.Join(outside, "o.md")} {
		p := f
		if !filepath.IsAbs(p) {
			p = filepath.Join(dir, f)
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("# T\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(outside, filepath.Join(dir, "linked")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := os.Symlink(filepath.Join(outside, "o.md"), filepath.Join(dir, "link.md")); err != nil {
		t.Fatal(err)
	}
	files, err := Files(dir, []string{"."}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range files {
		got = append(got, f.Path)
	}
	if strings.Join(got, ",") != "a.md,drafts/e.md" {
		t.Errorf("walk = %v, want a.md,drafts/e.md (no symbolic links)", got)
	}
	files, err = Files(dir, []string{"drafts/e.md"}, []string{"drafts"})
	if err != nil || len(files) != 1 || files[0].Path != "drafts/e.md" {
		t.Errorf("explicit file under an excluded directory: %v, %v", files, err)
	}
}
