package lint

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/ocispec/ocispec/internal/testgit"
)

func TestParseUnifiedDiff(t *testing.T) {
	patch := `diff --git a/docs/a.md b/docs/a.md
index 1..2 100644
--- a/docs/a.md
+++ b/docs/a.md
@@ -3 +3 @@ heading
-old
+new
@@ -10,0 +11,3 @@
+x
+y
+z
@@ -20,2 +22,0 @@
-gone
-gone
diff --git a/b.md b/b.md
deleted file mode 100644
--- a/b.md
+++ /dev/null
@@ -1 +0,0 @@
-x
diff --git "a/sp ace.md" "b/sp ace.md"
--- "a/sp ace.md"
+++ "b/sp ace.md"
@@ -1,0 +1 @@
+new
`
	c, err := ParseUnifiedDiff("/repo", []byte(patch))
	if err != nil {
		t.Fatal(err)
	}
	a := filepath.Join("/repo", "docs", "a.md")
	for _, l := range []int{3, 11, 12, 13} {
		if !c.Has(a, l) {
			t.Errorf("line %d not changed", l)
		}
	}
	for _, l := range []int{2, 4, 10, 14, 22} {
		if c.Has(a, l) {
			t.Errorf("line %d changed", l)
		}
	}
	if !c.Has(filepath.Join("/repo", "sp ace.md"), 1) {
		t.Error("quoted path not parsed")
	}
	if _, err := ParseUnifiedDiff("/repo", []byte("+++ b/x\n@@ bad @@\n")); err == nil {
		t.Error("malformed hunk accepted")
	}
	fs := []Finding{{Path: "docs/a.md", Line: 11, EndLine: 11}, {Path: "docs/a.md", Line: 5, EndLine: 6}, {Path: "docs/a.md", Line: 1, EndLine: 3}}
	got := FilterChanged(fs, c, func(p string) string { return filepath.Join("/repo", p) })
	if len(got) != 2 || got[0].Line != 11 || got[1].Line != 1 {
		t.Errorf("FilterChanged = %v", got)
	}
}

func TestGitChanged(t *testing.T) {
	testgit.Require(t)
	dir := t.TempDir()
	run := func(args ...string) { t.Helper(); testgit.Run(t, dir, args...) }
	write := func(s string) {
		if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run("init", "-q", "-b", "main")
	write("one\ntwo\nthree\n")
	run("add", "a.md")
	run("commit", "-qm", "base")
	write("one\nTWO\nthree\nfour\n")
	run("add", "a.md")
	abs, _ := filepath.EvalSymlinks(filepath.Join(dir, "a.md"))
	staged, err := GitChanged(dir, "")
	if err != nil {
		t.Fatal(err)
	}
	if !staged.Has(abs, 2) || !staged.Has(abs, 4) || staged.Has(abs, 1) {
		t.Errorf("staged = %v", staged)
	}
	run("commit", "-qm", "change")
	vsMain, err := GitChanged(dir, "HEAD~1")
	if err != nil {
		t.Fatal(err)
	}
	if !vsMain.Has(abs, 2) || vsMain.Has(abs, 3) {
		t.Errorf("against HEAD~1 = %v", vsMain)
	}
	if _, err := GitChanged(dir, "no-such-rev"); err == nil {
		t.Error("bad revision accepted")
	}
}
