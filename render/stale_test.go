package render

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ocispec/ocispec/specs"
)

func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.Walk(src, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if fi.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestStalePagesRemoved rebuilds after a document is deleted: its page
// goes, everything else stays, and nothing outside the output is touched.
func TestStalePagesRemoved(t *testing.T) {
	tmp := t.TempDir()
	src := filepath.Join(tmp, "src")
	copyTree(t, "testdata/site", src)
	out := filepath.Join(tmp, "out")
	sibling := filepath.Join(tmp, "keep.html")
	if err := os.WriteFile(sibling, []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	build := func() Summary {
		set, err := specs.Load(src, []string{"."}, specs.LoadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		sum, err := Site([]Spec{{Name: "demo", Set: set}}, Options{Output: out})
		if err != nil {
			t.Fatal(err)
		}
		return sum
	}
	build()
	if _, err := os.Stat(filepath.Join(out, "demo", "b.html")); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(src, "b.md")); err != nil {
		t.Fatal(err)
	}
	sum := build()
	if _, err := os.Stat(filepath.Join(out, "demo", "b.html")); err == nil {
		t.Error("b.html survived the deletion of b.md")
	}
	// b.md linked the image and the schema; a.md did not.
	if _, err := os.Stat(filepath.Join(out, "demo", "img")); err == nil {
		t.Error("the deleted document's image directory survived")
	}
	if sum.Removed != 3 {
		t.Errorf("removed = %d, want 3 (b.html, the image, the schema)", sum.Removed)
	}
	for _, f := range []string{"index.html", "demo/a.html", marker} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Error(err)
		}
	}
	if _, err := os.Stat(sibling); err != nil {
		t.Error("a file beside the output directory was removed")
	}
}

// TestForeignOutputRefused: a non-empty directory that no build wrote may
// be the user's; the build must not delete its files.
func TestForeignOutputRefused(t *testing.T) {
	out := t.TempDir()
	mine := filepath.Join(out, "notes.txt")
	if err := os.WriteFile(mine, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Site([]Spec{{Name: "demo", Set: loadSet(t, "testdata/site")}}, Options{Output: out})
	if err == nil || !strings.Contains(err.Error(), "not written by ocispec build") {
		t.Fatalf("err = %v", err)
	}
	if _, err := os.Stat(mine); err != nil {
		t.Error("the user's file was removed")
	}
}

// TestOutputHoldingInputRefused: an output directory that contains a
// document of the build would have its sources treated as stale.
func TestOutputHoldingInputRefused(t *testing.T) {
	src := t.TempDir()
	copyTree(t, "testdata/site", src)
	_, err := Site([]Spec{{Name: "demo", Set: loadSet(t, src)}}, Options{Output: src})
	if err == nil || !strings.Contains(err.Error(), "holds the input") {
		t.Fatalf("err = %v", err)
	}
	if _, err := os.Stat(filepath.Join(src, "a.md")); err != nil {
		t.Error(err)
	}
}
