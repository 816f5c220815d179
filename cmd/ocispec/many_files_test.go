package main

import (
	"slices"
	"strings"
	"testing"
)

// TestManyFilesOneBad: a file that cannot be read or parsed is reported
// with its path as typed, the other files are processed and their results
// printed, and the command exits 2 — with the same words in lint, reqs and
// build.
func TestManyFilesOneBad(t *testing.T) {
	writeTree(t, map[string]string{
		"spec/a-good.md": "# Good\n\nA registry MUST do it. And more.\n",
		"spec/b-bin.md":  "# Binary\n\x00\x01\n",
		"spec/c-utf8.md": "# Bad\n\nbad \xff\n",
	})
	wantErrs := []string{
		"ocispec: nope.md: no such file or directory",
		"ocispec: spec/b-bin.md:2:1: binary file (NUL byte)",
		"ocispec: spec/c-utf8.md:3:5: invalid UTF-8",
	}
	tests := []struct {
		name     string
		args     []string
		inStdout string
	}{
		{"lint", []string{"lint", "spec", "nope.md"}, "spec/a-good.md:3:24: "},
		{"reqs", []string{"reqs", "spec", "nope.md"}, "A registry MUST do it."},
		{"build", []string{"build", "spec", "nope.md", "-o", "site"}, "built "},
	}
	var first []string
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.name == "build" {
				tt.args = []string{"build", "spec", "-o", "site"} // build takes one DIR
			}
			code, stdout, stderr := runCLI(t, tt.args...)
			if code != exitUsage {
				t.Errorf("exit %d, want 2", code)
			}
			if !strings.Contains(stdout, tt.inStdout) {
				t.Errorf("stdout lacks the good file's result %q:\n%s", tt.inStdout, stdout)
			}
			lines := strings.Split(strings.TrimSpace(stderr), "\n")
			want := wantErrs
			if tt.name == "build" {
				want = wantErrs[1:]
			}
			if !slices.Equal(lines, want) {
				t.Errorf("stderr lines\n%q\nwant\n%q", lines, want)
			}
			last2 := lines[max(0, len(lines)-2):]
			if first == nil {
				first = last2
			} else if !slices.Equal(last2, first) {
				t.Errorf("%s words its errors differently from lint: %q vs %q", tt.name, last2, first)
			}
		})
	}
}
