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
