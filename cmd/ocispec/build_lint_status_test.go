package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBuildLintStatusMatchesLint: the home page's lint status of the
// example workspace says what `ocispec lint` says (clean), with the same
// configuration, schema media types included.
func TestBuildLintStatusMatchesLint(t *testing.T) {
	cfg := filepath.Join("..", "..", "ocispec.yaml")
	if code, out, stderr := runCLI(t, "lint", "--config", cfg); code != 0 {
		t.Fatalf("lint: exit %d\n%s%s", code, out, stderr)
	}
	out := filepath.Join(t.TempDir(), "site")
	if code, _, stderr := runCLI(t, "build", "--config", cfg, "-o", out); code != 0 {
		t.Fatalf("build: exit %d: %s", code, stderr)
	}
	home, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(home), "lint error") || strings.Count(string(home), "lint clean") < 2 {
		t.Error("the home page's lint status disagrees with ocispec lint, which is clean")
	}
}
