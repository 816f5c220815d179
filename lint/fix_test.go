package lint

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ocispec/ocispec/specs"
)

func TestApply(t *testing.T) {
	src := []byte("abcdef")
	fixes := []*Fix{
		{Edits: []Edit{{specs.Span{Start: 1, End: 2}, "B"}}},
		{Edits: []Edit{{specs.Span{Start: 1, End: 3}, "X"}}}, // overlaps: skipped
		{Edits: []Edit{{specs.Span{Start: 4, End: 4}, "+"}, {specs.Span{Start: 5, End: 6}, "F"}}},
		{Edits: []Edit{{specs.Span{Start: 1, End: 2}, "B"}}},  // identical: merged
		{Edits: []Edit{{specs.Span{Start: 9, End: 12}, "?"}}}, // out of range
		nil,
	}
	got, n := Apply(src, fixes)
	if string(got) != "aBcd+eF" || n != 2 { // the identical fix adds nothing
		t.Errorf("Apply = %q, %d", got, n)
	}
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.md")
	if err := os.WriteFile(p, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := WriteFileAtomic(p, []byte("new")); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(p)
	fi, _ := os.Stat(p)
	if string(b) != "new" || fi.Mode().Perm() != 0o600 {
		t.Errorf("content %q mode %v", b, fi.Mode())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left: %v", entries)
	}
	if err := WriteFileAtomic(filepath.Join(dir, "missing", "x.md"), nil); err == nil || !strings.Contains(err.Error(), "x.md") {
		t.Errorf("error does not name the file: %v", err)
	}
}

// FuzzFix checks the fixer on arbitrary Markdown: one-sentence-per-line
// keeps the word sequence, a second pass changes nothing, and nothing
// fixable remains; all fixes together never panic and converge.
//
// Covers: one-sentence-per-line.md#fix
func FuzzFix(f *testing.F) {
	for _, s := range []string{
		"One. Two.\nThree\nfour.\n",
		"- Item one. Item two\n  continues.\n",
		"> Quote one. Quote two\n> wraps.\n",
		"See RFC 9110 (section 15.4). Then [RFC 2119](https://tools.ietf.org/html/rfc2119).\n",
		"1. First. Second.\n   - Nested. Also.\n",
		"He said \"stop.\" Then left. (See it.) Next!\n",
		"```\nA. B.\n```\n\n| a. b. |\n|---|\n",
		"Count to 3. 4. is not a list.\r\n",
	} {
		f.Add(s)
	}
	ospl, _ := Select(Config{Only: []string{"one-sentence-per-line"}})
	all, _ := Select(Config{})
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 4096 {
			return
		}
		out, _, err := FixSource("f.md", []byte(src), nil, ospl, Config{}, nil)
		if err != nil {
			return
		}
		if words(string(out)) != words(src) {
			t.Fatalf("words changed:\n%q\n%q", src, out)
		}
		again, n, _ := FixSource("f.md", out, nil, ospl, Config{}, nil)
		if n != 0 || string(again) != string(out) {
			t.Fatalf("not idempotent:\n%q\n%q\n%q", src, out, again)
		}
		full, _, err := FixSource("f.md", []byte(src), nil, all, Config{}, nil)
		if err != nil {
			return
		}
		if again, n, _ := FixSource("f.md", full, nil, all, Config{}, nil); n != 0 || string(again) != string(full) {
			t.Fatalf("all fixes not idempotent:\n%q\n%q\n%q", src, full, again)
		}
	})
}
