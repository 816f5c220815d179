package lint

import (
	"bufio"
	"bytes"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/ocispec/ocispec/internal/gitexec"
)

// ChangedLines maps an absolute, cleaned file path to the set of its
// changed (added or modified) line numbers on the new side of a diff.
type ChangedLines map[string]map[int]bool

// Has reports whether line of the file at absolute path abs changed.
func (c ChangedLines) Has(abs string, line int) bool {
	return c[filepath.Clean(abs)][line]
}

// Touches reports whether any line in [line, endLine] of the file at
// absolute path abs changed.
func (c ChangedLines) Touches(abs string, line, endLine int) bool {
	for l := line; l <= max(line, endLine); l++ {
		if c.Has(abs, l) {
			return true
		}
	}
	return false
}

// GitChanged runs `git diff -U0` in dir and returns the changed lines. With
// rev == "" it diffs the staged index against HEAD (what a pre-commit hook
// is about to commit); otherwise it diffs the working tree against the
// merge base of rev and HEAD (what a pull request changes), falling back
// to rev itself when there is no merge base.
func GitChanged(dir, rev string) (ChangedLines, error) {
	top, err := gitexec.Output(dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, err
	}
	root := strings.TrimSpace(string(top))
	args := []string{"diff", "-U0", "--no-color", "--no-ext-diff", "--relative=", "--src-prefix=a/", "--dst-prefix=b/"}
	if rev == "" {
		args = append(args, "--cached")
	} else {
		base := rev
		if mb, err := gitexec.Output(dir, "merge-base", rev, "HEAD"); err == nil {
			base = strings.TrimSpace(string(mb))
		}
		args = append(args, base)
	}
	out, err := gitexec.Output(root, args...)
	if err != nil {
		return nil, err
	}
	return ParseUnifiedDiff(root, out)
}

// ParseUnifiedDiff reads a `git diff -U0` patch and returns the new-side
// changed lines of each file, keyed by filepath.Join(root, path).
func ParseUnifiedDiff(root string, patch []byte) (ChangedLines, error) {
	c := ChangedLines{}
	var cur map[int]bool
	sc := bufio.NewScanner(bytes.NewReader(patch))
	sc.Buffer(make([]byte, 0, 64*1024), 64*1024*1024)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "+++ "):
			name := strings.TrimPrefix(line, "+++ ")
			if name == "/dev/null" {
				cur = nil
				continue
			}
			name = unquoteGitPath(name)
			name = strings.TrimPrefix(name, "b/")
			p := filepath.Clean(filepath.Join(root, filepath.FromSlash(name)))
			if c[p] == nil {
				c[p] = map[int]bool{}
			}
			cur = c[p]
		case strings.HasPrefix(line, "@@ "):
			if cur == nil {
				continue
			}
			start, count, err := parseHunkNew(line)
			if err != nil {
				return nil, err
			}
			for l := start; l < start+count; l++ {
				cur[l] = true
			}
		}
	}
	return c, sc.Err()
}

// parseHunkNew parses the "+start,count" part of "@@ -a,b +c,d @@".
func parseHunkNew(h string) (start, count int, err error) {
	f := strings.Fields(h)
	if len(f) < 3 || !strings.HasPrefix(f[2], "+") {
		return 0, 0, fmt.Errorf("malformed hunk header %q", h)
	}
	spec := strings.TrimPrefix(f[2], "+")
	count = 1
	if i := strings.IndexByte(spec, ','); i >= 0 {
		if count, err = strconv.Atoi(spec[i+1:]); err != nil {
			return 0, 0, fmt.Errorf("malformed hunk header %q", h)
		}
		spec = spec[:i]
	}
	if start, err = strconv.Atoi(spec); err != nil {
		return 0, 0, fmt.Errorf("malformed hunk header %q", h)
	}
	return start, count, nil
}

// unquoteGitPath undoes git's C-style quoting of unusual file names.
func unquoteGitPath(s string) string {
	if len(s) >= 2 && s[0] == '"' {
		if u, err := strconv.Unquote(s); err == nil {
			return u
		}
	}
	return s
}

// FilterChanged keeps the findings whose line range touches a changed
// line. abs maps a finding's path to its absolute file path.
func FilterChanged(fs []Finding, changed ChangedLines, abs func(path string) string) []Finding {
	var out []Finding
	for _, f := range fs {
		p := abs(f.Path)
		end := f.EndLine
		if end < f.Line {
			end = f.Line
		}
		for l := f.Line; l <= end; l++ {
			if changed.Has(p, l) {
				out = append(out, f)
				break
			}
		}
	}
	return out
}
