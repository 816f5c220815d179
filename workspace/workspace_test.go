package workspace

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Covers: zero-configuration-3cb17b, zero-configuration-c2bc28, file-location-7d41cd
func TestOpenZeroConfig(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte("# A\n\nText.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ws, err := Open("", dir)
	if err != nil {
		t.Fatal(err)
	}
	if ws.ConfigPath != "" || len(ws.Config.Specs) != 1 {
		t.Fatalf("want zero-config workspace, got %+v", ws)
	}
	sets, err := ws.SpecSets()
	if err != nil {
		t.Fatal(err)
	}
	if got := len(sets[0].Set.Docs); got != 1 {
		t.Fatalf("docs = %d, want 1", got)
	}
	again, _ := ws.SpecSets()
	if again[0].Set != sets[0].Set {
		t.Error("spec sets parsed twice")
	}
}

func TestOpenRepoWorkspace(t *testing.T) {
	ws, err := Open("", "..")
	if err != nil {
		t.Fatal(err)
	}
	if ws.ConfigPath == "" {
		t.Fatal("repository ocispec.yaml not found")
	}
	sets, err := ws.SpecSets()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sets {
		if len(s.Set.Docs) == 0 {
			t.Errorf("spec set %s has no documents", s.Config.Name)
		}
	}
}

// Covers: file-location-feaad7, file-location-06cf9c
func TestOpenMissingExplicitConfig(t *testing.T) {
	_, err := Open(filepath.Join(t.TempDir(), "nope.yaml"), ".")
	if err == nil || !strings.Contains(err.Error(), "nope.yaml") {
		t.Fatalf("error = %v", err)
	}
}

func TestOutputDirExcluded(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"a.md", "public/old.md"} {
		p := filepath.Join(dir, f)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("# T\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cfg := filepath.Join(dir, "ocispec.yaml")
	if err := os.WriteFile(cfg, []byte("output: public\nspecs:\n  - {name: a, files: [.]}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ws, err := Open(cfg, "")
	if err != nil {
		t.Fatal(err)
	}
	sets, err := ws.SpecSets()
	if err != nil {
		t.Fatal(err)
	}
	if n := len(sets[0].Set.Docs); n != 1 {
		t.Fatalf("docs = %d, want 1 (public/ is the output directory)", n)
	}
}
