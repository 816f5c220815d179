package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRoughEdges: the small things of issue 17, each with the exact
// message a user sees.
func TestRoughEdges(t *testing.T) {
	tests := []struct {
		name      string
		args      []string
		code      int
		stdout    string // exact, when not "-"
		stderr    string // exact
		notStderr string
	}{
		{"minutes fmt without FILE", []string{"minutes", "fmt"}, 2, "", "ocispec: ocispec minutes fmt: want one FILE (a notes or archive file), got none\n", "arg(s)"},
		{"build with two DIRs", []string{"build", "a", "b"}, 2, "", "ocispec: ocispec build: want at most one DIR, got 2 (a b)\n", ""},
		{"reqs diff of a missing file", []string{"reqs", "diff", "nope", "../../examples/spec/spec.md"}, 2, "", "ocispec: nope: no such file or directory\n", "stat"},
		{"minutes fmt --check prints the name it promises", []string{"minutes", "fmt", "--check", "../../examples/minutes/notes.md"}, 1, "../../examples/minutes/notes.md: not in the archive layout\n", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, tt.args...)
			if code != tt.code || stdout != tt.stdout || stderr != tt.stderr {
				t.Errorf("exit %d, stdout %q, stderr %q\nwant exit %d, stdout %q, stderr %q", code, stdout, stderr, tt.code, tt.stdout, tt.stderr)
			}
		})
	}
	// The --check help says what --check does (it printed "print nothing").
	c, _, err := (&app{}).rootCmd().Find([]string{"minutes", "fmt"})
	if err != nil {
		t.Fatal(err)
	}
	if u := c.Flags().Lookup("check").Usage; !strings.Contains(u, "print its name") {
		t.Errorf("--check usage %q does not say it prints the file's name", u)
	}
}

// TestLintFixSummaryGrammar: "applied 1 fix in 1 file", not "1 fixes".
func TestLintFixSummaryGrammar(t *testing.T) {
	dir := writeTree(t, map[string]string{"a.md": "# A\n\nSee RFC 9110.\n"})
	code, _, stderr := runCLI(t, "lint", "--fix", "a.md")
	if want := "ocispec lint: applied 1 fix in 1 file\n"; code != 0 || stderr != want {
		t.Fatalf("exit %d, stderr %q; want %q", code, stderr, want)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "a.md")); !strings.Contains(string(b), "(https://www.rfc-editor.org/rfc/rfc9110)") {
		t.Errorf("not fixed: %q", b)
	}
}

// TestMinutesNotNotes: a file that is not meeting notes is an input error,
// not "0 meeting(s)".
//
// Covers: meetings-b8b92f
func TestMinutesNotNotes(t *testing.T) {
	code, stdout, stderr := runCLI(t, "minutes", "parse", "../../README.md")
	if want := "ocispec: ../../README.md: not meeting notes: no meeting (a \"## Month D, YYYY\" heading) and no notes header (a \"Time:\" line or tags)\n"; code != 2 || stdout != "" || stderr != want {
		t.Errorf("exit %d, stdout %q, stderr %q; want %q", code, stdout, stderr, want)
	}
}

// TestMinutesSuggestAliases: probable variants in the form of
// minutes.aliases, and the aliases of ocispec.yaml merge them.
func TestMinutesSuggestAliases(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"notes.md": "# N\nTime: x\n## May 14, 2026\n### Attendees:\n- Samuel Karp\n- Michael Brown\n## May 7, 2026\n### Attendees:\n- Sam\n- Mike\n",
	})
	code, stdout, stderr := runCLI(t, "minutes", "links", "--suggest-aliases", "notes.md")
	want := "# Probable name variants: check each, then add them to ocispec.yaml.\nminutes:\n    aliases:\n        Michael Brown:\n            - Mike\n        Samuel Karp:\n            - Sam\n"
	if code != 0 || stdout != want {
		t.Fatalf("exit %d, stderr %q, stdout\n%s\nwant\n%s", code, stderr, stdout, want)
	}
	cfg := "minutes:\n  source: notes.md\n  aliases:\n    Samuel Karp: [Sam]\n    Michael Brown: [Mike]\n"
	if err := os.WriteFile(filepath.Join(dir, "ocispec.yaml"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr = runCLI(t, "minutes", "links")
	if code != 0 || !strings.Contains(stdout, "Attendance (2 people):") || strings.Contains(stdout, "Mike ") {
		t.Errorf("links with aliases: exit %d, stderr %q, stdout\n%s", code, stderr, stdout)
	}
}
