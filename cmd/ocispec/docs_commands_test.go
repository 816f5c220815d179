package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/ocispec/ocispec/internal/testgit"
)

// docsWithCommands are the documents whose command lines must all work.
// Add a document here when it shows ocispec command lines.
var docsWithCommands = []string{"README.md", "docs/cli.md"}

// A docCommand is one ocispec command line shown in a document.
type docCommand struct {
	where string   // file:line
	line  string   // as shown
	args  []string // after "ocispec"
	// stdout is the file a "> FILE" redirection names ("" for none).
	stdout string
	// exit is the documented exit status: 0, unless the line ends with
	// the explicit marker "# exits N".
	exit int
}

var (
	fenceRe      = regexp.MustCompile("^\\s*(```+|~~~+)\\s*(\\w*)")
	inlineCmdRe  = regexp.MustCompile("`((?:go run \\./cmd/)?ocispec [^`]+)`")
	exitMarkerRe = regexp.MustCompile(`#\s*exits (\d)\b`)
	// placeholderRe matches a synopsis rather than a command line:
	// [optional] parts, ellipses and upper-case placeholders (DIR, FILE).
	placeholderRe = regexp.MustCompile(`\[|…|\.\.\.|<|\b[A-Z]{2,}[0-9]?\b`)
)

// docCommands extracts the command lines of a Markdown document: the lines
// of sh, bash, shell or console code blocks that run ocispec, and inline
// code spans that are whole ocispec command lines (no placeholders).
func docCommands(t *testing.T, name string, src []byte) []docCommand {
	t.Helper()
	var cmds []docCommand
	inShell, inFence := false, ""
	for i, raw := range strings.Split(string(src), "\n") {
		where := name + ":" + strconv.Itoa(i+1)
		if m := fenceRe.FindStringSubmatch(raw); m != nil {
			switch {
			case inFence == "":
				inFence = m[1]
				inShell = m[2] == "sh" || m[2] == "bash" || m[2] == "shell" || m[2] == "console"
			case strings.HasPrefix(m[1], inFence) && m[2] == "":
				inFence, inShell = "", false
			}
			continue
		}
		if inShell {
			if c, ok := parseDocCommand(t, where, strings.TrimPrefix(strings.TrimSpace(raw), "$ ")); ok {
				cmds = append(cmds, c)
			}
			continue
		}
		if inFence != "" {
			continue
		}
		for _, m := range inlineCmdRe.FindAllStringSubmatch(raw, -1) {
			if placeholderRe.MatchString(m[1]) {
				continue
			}
			if c, ok := parseDocCommand(t, where, m[1]); ok {
				cmds = append(cmds, c)
			}
		}
	}
	return cmds
}

// parseDocCommand splits a shell line that runs ocispec into arguments.
// It reads single and double quotes, a "> FILE" redirection and a
// trailing comment; a pipe ends the ocispec part.
func parseDocCommand(t *testing.T, where, line string) (docCommand, bool) {
	t.Helper()
	var words []string
	for _, prefix := range []string{"go run ./cmd/ocispec ", "ocispec "} {
		if rest, ok := strings.CutPrefix(line, prefix); ok {
			words = shellWords(rest)
			break
		}
	}
	if words == nil {
		return docCommand{}, false
	}
	c := docCommand{where: where, line: line}
	if m := exitMarkerRe.FindStringSubmatch(line); m != nil {
		c.exit, _ = strconv.Atoi(m[1])
	}
	for i := 0; i < len(words); i++ {
		switch w := words[i]; {
		case w == "|" || strings.HasPrefix(w, "#"):
			return c, true
		case w == ">" && i+1 < len(words):
			c.stdout = words[i+1]
			i++
		case strings.HasPrefix(w, ">") && len(w) > 1:
			c.stdout = w[1:]
		default:
			c.args = append(c.args, w)
		}
	}
	return c, true
}

// shellWords splits s at unquoted blanks, removing quotes.
func shellWords(s string) []string {
	words := []string{}
	var cur strings.Builder
	quote, inWord := byte(0), false
	for i := 0; i < len(s); i++ {
		ch := s[i]
		switch {
		case quote != 0 && ch == quote:
			quote = 0
		case quote != 0:
			cur.WriteByte(ch)
		case ch == '\'' || ch == '"':
			quote, inWord = ch, true
		case ch == ' ' || ch == '\t':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteByte(ch)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words
}

// copyWorkspace copies the repository's working files (not .git, outputs
// or tools) into a temporary directory, so documented commands that write
// (build, minutes archive --write-back, lint --fix) change only the copy.
func copyWorkspace(t *testing.T, from string) string {
	t.Helper()
	to := t.TempDir()
	skip := map[string]bool{".git": true, "_site": true, ".tools": true, "node_modules": true, ".work": true}
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(to, rel)
		switch {
		case d.Name() == ".git" && !d.IsDir():
			// A worktree's .git is a file pointing at the real
			// repository: copied, git in the copy would commit there.
			return nil
		case skip[d.Name()] && d.IsDir():
			return filepath.SkipDir
		case d.Name() == ".git":
			// In a git worktree .git is a file naming the real repository:
			// copied, it made the test's git commands commit there.
			return nil
		case d.IsDir():
			return os.MkdirAll(dst, 0o755)
		case !d.Type().IsRegular():
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return to
}

// TestDocumentedCommands runs every ocispec command line of README.md and
// docs/cli.md against a copy of the example workspace (a git checkout
// with an origin/main, as in CI) and expects exit status 0, or the status
// the line declares with "# exits N".
func TestDocumentedCommands(t *testing.T) {
	testgit.Require(t)
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	var cmds []docCommand
	for _, name := range docsWithCommands {
		src, err := os.ReadFile(filepath.Join(repo, name))
		if err != nil {
			t.Fatal(err)
		}
		cmds = append(cmds, docCommands(t, name, src)...)
	}
	if len(cmds) < 5 {
		t.Fatalf("found only %d command lines in %v", len(cmds), docsWithCommands)
	}
	ws := copyWorkspace(t, repo)
	if _, err := os.Lstat(filepath.Join(ws, ".git")); err == nil {
		t.Fatal("the copy holds a .git: git would run in the repository")
	}
	testgit.Run(t, ws, "init", "-q", "-b", "main")
	testgit.Run(t, ws, "add", "-A")
	testgit.Run(t, ws, "commit", "-qm", "example workspace")
	testgit.Run(t, ws, "update-ref", "refs/remotes/origin/main", "HEAD")
	out := t.TempDir()
	for _, c := range cmds {
		t.Run(c.where, func(t *testing.T) {
			t.Chdir(ws)
			var stdout, stderr bytes.Buffer
			code := run(c.args, strings.NewReader(""), &stdout, &stderr)
			if code != c.exit {
				t.Fatalf("%s\nexit %d, want %d (mark a line that fails by design with \"# exits N\")\nstderr: %s", c.line, code, c.exit, stderr.String())
			}
			if c.stdout != "" && code == 0 {
				if err := os.WriteFile(filepath.Join(out, filepath.Base(c.stdout)), stdout.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

// TestDocCommandsParse: the extraction finds block and inline commands,
// skips synopses, and reads the exit marker and redirections.
func TestDocCommandsParse(t *testing.T) {
	doc := "Run `ocispec lint --changed origin/main` or `ocispec lint [PATH...]` or `ocispec build DIR`.\n\n```sh\n$ ocispec reqs --format dot spec.md | dot -Tsvg > r.svg\nocispec completion bash > /etc/bash_completion.d/ocispec\nocispec lint bad.md   # exits 1: a finding\nmake test\n```\n\n```yaml\nocispec lint x\n```\n"
	got := docCommands(t, "d.md", []byte(doc))
	want := []docCommand{
		{where: "d.md:1", args: []string{"lint", "--changed", "origin/main"}},
		{where: "d.md:4", args: []string{"reqs", "--format", "dot", "spec.md"}},
		{where: "d.md:5", args: []string{"completion", "bash"}, stdout: "/etc/bash_completion.d/ocispec"},
		{where: "d.md:6", args: []string{"lint", "bad.md"}, exit: 1},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d commands %+v, want %d", len(got), got, len(want))
	}
	for i := range want {
		g := got[i]
		g.line = ""
		if g.where != want[i].where || strings.Join(g.args, " ") != strings.Join(want[i].args, " ") || g.stdout != want[i].stdout || g.exit != want[i].exit {
			t.Errorf("command %d = %+v, want %+v", i, g, want[i])
		}
	}
}
