package workspace

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ocispec/ocispec/internal/testgit"

	"github.com/ocispec/ocispec/specs"
)

func TestLoadRevision(t *testing.T) {
	testgit.Require(t)
	dir := t.TempDir()
	write := func(name, text string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git := func(args ...string) { t.Helper(); testgit.Run(t, dir, args...) }
	git("init", "-q")
	write("spec.md", "# Spec\n\nClients MUST do it.\n")
	write("vendor/x.md", "# X\n")
	write("drafts/d.md", "# D\n")
	write("notes.txt", "not markdown\n")
	git("add", "-A")
	git("commit", "-qm", "one")
	write("spec.md", "# Spec\n\nClients SHOULD do it.\n")

	set, err := LoadRevision(dir, "HEAD", []string{"."}, specs.LoadOptions{Exclude: []string{"drafts"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Docs) != 1 || set.Docs[0].Path != "spec.md" {
		t.Fatalf("docs = %v, want only spec.md", set.Docs)
	}
	if !strings.Contains(string(set.Docs[0].Source), "MUST") {
		t.Error("loaded the working tree, not HEAD")
	}
	if _, err := LoadRevision(dir, "no-such-rev", []string{"."}, specs.LoadOptions{}); err == nil {
		t.Error("unknown revision: no error")
	}
}
