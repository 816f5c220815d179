package workspace

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseConfig(t *testing.T) {
	tests := []struct {
		name, yaml, wantErr string
	}{
		{"empty", "", ""},
		{"full", "specs:\n  - name: a\n    files: [a.md]\nlint:\n  rules:\n    rfc-link: warning\n", ""},
		{"unknown key", "specs:\n  - name: a\n    files: [a.md]\n    flies: [b]\n", "ocispec.yaml:4: field flies not found"},
		{"no name", "specs:\n  - files: [a.md]\n", "specs[0]: name is required"},
		{"no files", "specs:\n  - name: a\n", "files is required"},
		{"duplicate", "specs:\n  - {name: a, files: [x]}\n  - {name: a, files: [y]}\n", "duplicate spec set name"},
		{"bad severity", "lint:\n  rules:\n    rfc-link: loud\n", "lint.rules.rfc-link: severity \"loud\""},
		{"bad name", "specs:\n  - {name: ../etc, files: [x]}\n", "name \"../etc\" must match"},
		{"output is root", "output: .\n", "must not be the workspace root"},
		{"output is a spec dir", "output: docs\nspecs:\n  - {name: a, files: [docs/]}\n", "lists the output directory"},
		{"broken yaml", "specs: [\n", "ocispec.yaml:1: did not find expected node content"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := ParseConfig("ocispec.yaml", []byte(tt.yaml))
			if tt.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				if cfg.Output != "_site" {
					t.Errorf("output default = %q", cfg.Output)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error = %v, want %q", err, tt.wantErr)
			}
		})
	}
}

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
