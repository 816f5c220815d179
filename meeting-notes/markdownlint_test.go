package meetingnotes

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// markdownlintConfig is markdownlint's default rule set minus the rules
// that judge what people wrote rather than the layout the archiver
// produces. The archiver may change whitespace only, so it cannot fix them,
// and the real archive files in the .github repository break each of them
// hundreds of times:
//
//   - MD010 hard tabs: chat lines are HH:MM:SS<TAB>Name:<TAB>text by design.
//   - MD013 line length, MD034 bare URLs, MD033 inline HTML, MD040 fence
//     language, MD049 emphasis style, MD051 link fragments: the text of
//     chat messages and agenda items, kept verbatim.
//   - MD024 duplicate headings: every meeting has "### Attendees:" and so
//     on; siblings_only still catches duplicates within one meeting.
//   - MD026 trailing punctuation: the subsection headings end with ":";
//     other punctuation is still reported.
//
// Everything about layout stays on: blank lines around headings, lists and
// fences, list indentation and markers, multiple blank lines, trailing
// spaces, heading levels, the final newline.
var markdownlintConfig = filepath.Join("testdata", "markdownlint.json")

// findMarkdownlint locates markdownlint-cli2 or markdownlint (npm package
// markdownlint-cli): OCISPEC_MARKDOWNLINT may name the program or a
// directory holding it (such as node_modules/.bin); otherwise PATH is
// searched.
func findMarkdownlint() (path string, cli2 bool) {
	names := []string{"markdownlint-cli2", "markdownlint"}
	if env := os.Getenv("OCISPEC_MARKDOWNLINT"); env != "" {
		if st, err := os.Stat(env); err == nil && !st.IsDir() {
			return env, filepath.Base(env) == "markdownlint-cli2"
		}
		for _, n := range names {
			p := filepath.Join(env, n)
			if _, err := os.Stat(p); err == nil {
				return p, n == "markdownlint-cli2"
			}
		}
	}
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p, n == "markdownlint-cli2"
		}
	}
	return "", false
}

// lintMarkdown runs markdownlint on file, or skips when it is not
// installed.
func lintMarkdown(t *testing.T, file string) {
	t.Helper()
	bin, cli2 := findMarkdownlint()
	if bin == "" {
		if os.Getenv("OCISPEC_REQUIRE_MARKDOWNLINT") != "" {
			t.Fatal("markdownlint not found but OCISPEC_REQUIRE_MARKDOWNLINT is set")
		}
		t.Log("markdownlint not found (install the npm package markdownlint-cli, or set OCISPEC_MARKDOWNLINT); skipping the lint check")
		return
	}
	cfg, err := filepath.Abs(markdownlintConfig)
	if err != nil {
		t.Fatal(err)
	}
	var cmd *exec.Cmd
	if cli2 {
		// markdownlint-cli2 reads .markdownlint.json from the file's
		// directory.
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, ".markdownlint.json"), readFile(t, cfg), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(file)), readFile(t, file), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd = exec.Command(bin, filepath.Base(file))
		cmd.Dir = dir
	} else {
		cmd = exec.Command(bin, "--config", cfg, file)
	}
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("%s on %s: %v\n%s", filepath.Base(bin), file, err, out)
	}
}

// TestMarkdownlintFixtureArchive lints what archiving the fixture produces.
func TestMarkdownlintFixtureArchive(t *testing.T) {
	if bin, _ := findMarkdownlint(); bin == "" {
		t.Skip("markdownlint not found (npm install -g markdownlint-cli, or set OCISPEC_MARKDOWNLINT)")
	}
	ws := fixtureWorkspace(t)
	if _, err := ws.run(Archiver{Before: cutoff, Period: PeriodCalendar}, AtomicWriter{}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"oci-weekly-notes-2026.md", "oci-weekly-notes-2025.md"} {
		lintMarkdown(t, filepath.Join(ws.dir, name))
	}
}
