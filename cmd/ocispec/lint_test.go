package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ocispec/ocispec/internal/testgit"

	"go.yaml.in/yaml/v3"
)

// writeTree creates files under a fresh directory and makes it the working
// directory for the test.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	return dir
}

const cleanDoc = "# Clean\n\nThe key words \"MUST\" and \"MAY\" in this document are to be interpreted as described in BCP 14 [[RFC 2119](https://www.rfc-editor.org/rfc/rfc2119)] [[RFC 8174](https://www.rfc-editor.org/rfc/rfc8174)] when, and only when, they appear in all capitals, as shown here.\n\nClients MUST retry.\n"

// Covers: exit-status-5632aa, exit-status-096c79, text-output-18d9a0
func TestLintExitCodes(t *testing.T) {
	writeTree(t, map[string]string{
		"clean/a.md":        cleanDoc,
		"dirty/a.md":        "# Dirty\n\nOne. Two.\n",
		"info/a.md":         "# Info\n\nOne. Two.\n",
		"info/ocispec.yaml": "specs:\n  - name: x\n    files: [.]\nlint:\n  rules:\n    one-sentence-per-line: info\n",
	})
	tests := []struct {
		args     []string
		code     int
		inStdout string
		inStderr string
	}{
		{[]string{"lint", "clean"}, 0, "", ""},
		{[]string{"lint", "dirty"}, 1, "dirty/a.md:3:6: warning one-sentence-per-line:", ""},
		{[]string{"lint", "--rule", "rfc-link", "dirty"}, 0, "", ""},
		{[]string{"lint", "--rule", "no-such-rule", "dirty"}, 2, "", "unknown rule"},
		{[]string{"lint", "--format", "xml", "dirty"}, 2, "", "unsupported --format"},
		{[]string{"lint", "missing-dir"}, 2, "", "missing-dir"},
		{[]string{"lint", "--config", "info/ocispec.yaml"}, 0, "info one-sentence-per-line", ""},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, stdout, stderr := runCLI(t, tt.args...)
			if code != tt.code || !strings.Contains(stdout, tt.inStdout) || !strings.Contains(stderr, tt.inStderr) {
				t.Fatalf("exit %d, stdout %q, stderr %q; want exit %d, %q, %q", code, stdout, stderr, tt.code, tt.inStdout, tt.inStderr)
			}
		})
	}
}

// Covers: text-output-5f8dd0
func TestLintJSONPaths(t *testing.T) {
	dir := writeTree(t, map[string]string{"specs/sub/a.md": "# A\n\nOne. Two.\n"})
	t.Chdir(filepath.Join(dir, "specs"))
	code, stdout, _ := runCLI(t, "lint", "--format", "json", "sub")
	if code != 1 {
		t.Fatalf("exit %d", code)
	}
	var out struct {
		Findings []struct {
			File string `json:"file"`
			Line int    `json:"line"`
			Rule string `json:"rule"`
			Fix  *struct {
				Edits []struct{ Start, End int } `json:"edits"`
			} `json:"fix"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatal(err)
	}
	if len(out.Findings) != 1 || out.Findings[0].File != "sub/a.md" || out.Findings[0].Fix == nil {
		t.Errorf("findings = %+v", out.Findings)
	}
}

func TestLintFormats(t *testing.T) {
	writeTree(t, map[string]string{"a.md": "# A\n\nOne. Two.\n"})
	for format, want := range map[string]string{
		"sarif":  `"version": "2.1.0"`,
		"github": "::warning file=a.md,line=3,col=6,",
	} {
		code, stdout, _ := runCLI(t, "lint", "--format", format, "a.md")
		if code != 1 || !strings.Contains(stdout, want) {
			t.Errorf("%s: exit %d, output %q", format, code, stdout)
		}
	}
}

func TestLintFix(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"a.md": "# A\n\nOne. Two\nwraps. See RFC 9110.\n",
		"b.md": cleanDoc,
	})
	code, stdout, stderr := runCLI(t, "lint", "--fix", ".")
	if code != 0 {
		t.Fatalf("exit %d: %s %s", code, stdout, stderr)
	}
	got, _ := os.ReadFile(filepath.Join(dir, "a.md"))
	want := "# A\n\nOne.\nTwo wraps.\nSee [RFC 9110](https://www.rfc-editor.org/rfc/rfc9110).\n"
	if string(got) != want {
		t.Errorf("fixed file =\n%q\nwant\n%q", got, want)
	}
	if !strings.Contains(stderr, "applied") {
		t.Errorf("no summary on stderr: %q", stderr)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "b.md"))
	if string(b) != cleanDoc {
		t.Error("clean file rewritten")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("temporary files left: %v", entries)
	}
	code, _, stderr = runCLI(t, "lint", "--fix", ".")
	if code != 0 || stderr != "" {
		t.Errorf("second --fix: exit %d, %q", code, stderr)
	}
}

func TestLintDisableComment(t *testing.T) {
	writeTree(t, map[string]string{"a.md": "# A\n\n<!-- ocispec-disable-next-line one-sentence-per-line -->\nOne. Two.\n"})
	if code, stdout, _ := runCLI(t, "lint", "a.md"); code != 0 {
		t.Errorf("exit %d: %s", code, stdout)
	}
}

func TestLintChanged(t *testing.T) {
	testgit.Require(t)
	dir := writeTree(t, map[string]string{"a.md": "# A\n\nOne. Two.\n\nThree.\n"})
	git := func(args ...string) { t.Helper(); testgit.Run(t, dir, args...) }
	git("init", "-q", "-b", "main")
	git("add", ".")
	git("commit", "-qm", "base")
	if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte("# A\n\nOne. Two.\n\nThree. Four.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// Nothing staged yet: nothing reported.
	if code, stdout, stderr := runCLI(t, "lint", "--changed", "."); code != 0 || stdout != "" {
		t.Errorf("unstaged: exit %d %q %q", code, stdout, stderr)
	}
	git("add", "a.md")
	code, stdout, _ := runCLI(t, "lint", "--changed", ".")
	if code != 1 || !strings.Contains(stdout, "a.md:5:") || strings.Contains(stdout, "a.md:3:") {
		t.Errorf("staged: exit %d %q", code, stdout)
	}
	git("commit", "-qm", "change")
	code, stdout, _ = runCLI(t, "lint", "--changed=HEAD~1", ".")
	if code != 1 || !strings.Contains(stdout, "a.md:5:") || strings.Contains(stdout, "a.md:3:") {
		t.Errorf("against HEAD~1: exit %d %q", code, stdout)
	}
	// The revision as a separate argument, as the README shows it.
	for _, args := range [][]string{{"--changed", "HEAD~1", "."}, {"--changed", "HEAD~1"}, {"--changed", "HEAD~1", "a.md"}} {
		code, stdout, stderr := runCLI(t, append([]string{"lint"}, args...)...)
		if code != 1 || !strings.Contains(stdout, "a.md:5:") || strings.Contains(stdout, "a.md:3:") {
			t.Errorf("lint %q: exit %d %q %q", args, code, stdout, stderr)
		}
	}
	// From outside the checkout, git runs where the linted files are.
	outside := t.TempDir()
	t.Chdir(outside)
	for _, args := range [][]string{{"--changed=HEAD~1", dir}, {"--changed", "HEAD~1", dir}} {
		code, stdout, stderr := runCLI(t, append([]string{"lint"}, args...)...)
		if code != 1 || !strings.Contains(stdout, "a.md:5:") {
			t.Errorf("from outside the checkout, lint %q: exit %d %q %q", args, code, stdout, stderr)
		}
	}
	// Outside git the message says so, without git's command line.
	if err := os.WriteFile("x.md", []byte("# X\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI(t, "lint", "--changed", "x.md")
	if want := "ocispec: --changed: the current directory is not in a git repository\n"; code != 2 || stderr != want {
		t.Errorf("outside git: exit %d %q, want %q", code, stderr, want)
	}
	t.Chdir(dir)
	code, _, stderr = runCLI(t, "lint", "--changed=nope", ".")
	if want := "ocispec: --changed: \"nope\" is not a revision of the git repository in the current directory\n"; code != 2 || stderr != want {
		t.Errorf("bad revision: exit %d %q, want %q", code, stderr, want)
	}
	// --fix with --changed fixes only the changed lines.
	code, _, _ = runCLI(t, "lint", "--fix", "--changed=HEAD~1", ".")
	got, _ := os.ReadFile(filepath.Join(dir, "a.md"))
	if code != 0 || string(got) != "# A\n\nOne. Two.\n\nThree.\nFour.\n" {
		t.Errorf("fix changed lines: exit %d %q", code, got)
	}
}

// TestPreCommitHooks: the hooks run ocispec lint with flags it accepts.
func TestPreCommitHooks(t *testing.T) {
	b, err := os.ReadFile("../../.pre-commit-hooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var hooks []struct {
		ID       string `yaml:"id"`
		Entry    string `yaml:"entry"`
		Language string `yaml:"language"`
	}
	if err := yaml.Unmarshal(b, &hooks); err != nil {
		t.Fatal(err)
	}
	if len(hooks) == 0 {
		t.Fatal("no hooks")
	}
	for _, h := range hooks {
		args := strings.Fields(h.Entry)
		if h.Language != "golang" || len(args) < 2 || args[0] != "ocispec" || args[1] != "lint" {
			t.Errorf("%s: entry %q, language %q", h.ID, h.Entry, h.Language)
			continue
		}
		cmd, rest, err := (&app{}).rootCmd().Find(args[1:])
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.ParseFlags(rest); err != nil {
			t.Errorf("%s: %v", h.ID, err)
		}
	}
}
