package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

// Covers: exit-status-7878d7, exit-status-0ec5e2
func TestExitCodes(t *testing.T) {
	tests := []struct {
		args     []string
		code     int
		inStderr string
	}{
		{[]string{"version"}, 0, ""},
		{[]string{"version", "--format", "json"}, 0, ""},
		{[]string{"version", "--format", "yaml"}, 2, "unsupported --format"},
		{[]string{"--bogus"}, 2, "unknown flag"},
		{[]string{"openapi"}, 2, "requires at least 1 arg"},
		{[]string{"build", "--format", "sarif"}, 2, "unsupported --format"},
		{[]string{"build", "--config", "does-not-exist.yaml"}, 2, "does-not-exist.yaml"},
		{[]string{"nosuchcommand"}, 2, "unknown command"},
		{[]string{"completion", "nosh"}, 2, "unknown shell"},
		{[]string{"completion", "bash"}, 0, ""},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, _, stderr := runCLI(t, tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.inStderr) {
				t.Fatalf("exit %d, stderr %q; want exit %d and %q", code, stderr, tt.code, tt.inStderr)
			}
		})
	}
}

// TestHelpShowsExamples: every subcommand documents how to call it.
//
// Covers: cli.md#synopsis
func TestHelpShowsExamples(t *testing.T) {
	a := &app{}
	for _, c := range a.rootCmd().Commands() {
		if c.Name() == "help" {
			continue
		}
		if c.Example == "" {
			t.Errorf("%s: --help shows no examples", c.Name())
		}
	}
}

func TestBuildZeroConfig(t *testing.T) {
	out := t.TempDir()
	code, stdout, stderr := runCLI(t, "build", "../../render/testdata/site", "-o", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "built 6 pages from 2 documents in 1 spec sets") {
		t.Errorf("summary = %q", stdout)
	}
	// b.md links a file that does not exist: the home page says so.
	if home, err := os.ReadFile(filepath.Join(out, "index.html")); err != nil || !strings.Contains(string(home), `<span class="status status-bad">1 lint error</span>`) {
		t.Errorf("home page lacks the lint status (%v)", err)
	}
}

// TestBuildErrorsNameTheFile: a zero-config build names files as the user
// typed the directory, and a missing directory by its own name.
func TestBuildErrorsNameTheFile(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "My Spec")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(sub, "bad.md"), []byte("# T\n\nbad \xff\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI(t, "build", sub, "-o", filepath.Join(dir, "site"))
	if code != 2 || !strings.Contains(stderr, filepath.ToSlash(filepath.Join(sub, "bad.md"))+":3:5: invalid UTF-8") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	missing := filepath.Join(dir, "nope")
	code, _, stderr = runCLI(t, "build", missing, "-o", filepath.Join(dir, "site"))
	if code != 2 || !strings.Contains(stderr, missing+": no such file or directory") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

// TestBuildRefusesOutputAmongInputs: -o must not point at the sources.
func TestBuildRefusesOutputAmongInputs(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte("# A\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{dir, filepath.Dir(dir)} {
		code, _, stderr := runCLI(t, "build", dir, "-o", out)
		if code != 2 || !strings.Contains(stderr, "holds the inputs") {
			t.Errorf("-o %s: exit %d, stderr %q", out, code, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "index.html")); err == nil {
		t.Error("build wrote index.html among the sources")
	}
	// An input directory whose name merely starts with ".." is inside
	// (refused here or by the site's own check).
	dotted := filepath.Join(dir, "..data")
	if err := os.MkdirAll(dotted, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dotted, "b.md"), []byte("# B\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCLI(t, "build", dotted, "-o", dir); code != 2 || !strings.Contains(stderr, "holds the input") {
		t.Errorf("-o %s with input %s: exit %d, stderr %q", dir, dotted, code, stderr)
	}
}

// TestSpecSetNames: lint, reqs and build accept a configured spec set's
// name where they take a path.
func TestSpecSetNames(t *testing.T) {
	cfg := filepath.Join("..", "..", "ocispec.yaml")
	if code, _, stderr := runCLI(t, "lint", "--config", cfg, "widget-spec"); code != 0 {
		t.Errorf("lint widget-spec: exit %d: %s", code, stderr)
	}
	if code, out, stderr := runCLI(t, "reqs", "--config", cfg, "widget-spec"); code != 0 || !strings.Contains(out, "examples/spec/") {
		t.Errorf("reqs widget-spec: exit %d: %s", code, stderr)
	}
	code, out, stderr := runCLI(t, "build", "--config", cfg, "widget-spec", "-o", t.TempDir())
	if code != 0 || !strings.Contains(out, "in 1 spec sets") {
		t.Errorf("build widget-spec: exit %d, %q, %s", code, out, stderr)
	}
}

func TestMinutesParseDefaultsToConfiguredSource(t *testing.T) {
	// Without FILE, parse reads minutes.source (resolved against the
	// config's directory): exactly what naming that file prints.
	code, out, stderr := runCLI(t, "minutes", "parse", "--format", "json", "--config", filepath.Join("..", "..", "ocispec.yaml"))
	_, want, _ := runCLI(t, "minutes", "parse", "--format", "json", filepath.Join("..", "..", "examples", "minutes", "notes.md"))
	if code != 0 || out != want {
		t.Errorf("default source: exit %d, stderr %q, output differs from the configured file's:\n%.300s\nwant\n%.300s", code, stderr, out, want)
	}
	var doc struct {
		Meetings []struct{ Date string }
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil || len(doc.Meetings) != 4 || doc.Meetings[0].Date != "2026-05-14" {
		t.Errorf("default source: %d meetings (%v), first %+v; want the 4 of examples/minutes/notes.md from 2026-05-14", len(doc.Meetings), err, doc.Meetings)
	}
	dir := t.TempDir()
	cfg := filepath.Join(dir, "ocispec.yaml")
	if err := os.WriteFile(cfg, []byte("specs: []\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCLI(t, "minutes", "parse", "--config", cfg); code != 2 || !strings.Contains(stderr, "no minutes.source") {
		t.Errorf("without a source: exit %d, stderr %q", code, stderr)
	}
}
