package lint

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ocispec/ocispec/specs"
)

func TestLintAndFixFiles(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.md")
	if err := os.WriteFile(a, []byte("# A\n\nOne. Two.\n\nThree. Four.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	files, err := specs.Files(dir, []string{"."}, nil)
	if err != nil {
		t.Fatal(err)
	}
	rules, err := Select(Config{Only: []string{"one-sentence-per-line"}})
	if err != nil {
		t.Fatal(err)
	}
	fs, err := LintFiles(dir, files, rules, Config{}, specs.Options{}, nil)
	if err != nil || len(fs) != 2 || fs[0].Path != "a.md" {
		t.Fatalf("LintFiles = %v, %v; want 2 findings in a.md", fs, err)
	}
	// Only line 5 changed: one finding, and --fix touches only that line.
	changed := ChangedLines{filepath.Clean(a): {5: true}}
	fs, _ = LintFiles(dir, files, rules, Config{}, specs.Options{}, changed)
	if len(fs) != 1 || fs[0].Line != 5 {
		t.Fatalf("with changed lines: %v", fs)
	}
	n, nfiles, err := FixFiles(files, rules, Config{}, changed)
	if err != nil || n != 1 || nfiles != 1 {
		t.Fatalf("FixFiles = %d, %d, %v", n, nfiles, err)
	}
	got, _ := os.ReadFile(a)
	if want := "# A\n\nOne. Two.\n\nThree.\nFour.\n"; string(got) != want {
		t.Errorf("fixed file = %q, want %q", got, want)
	}
}

// TestFixFilesAllOrNothing: an input error in one file leaves every file
// as it was.
func TestFixFilesAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.md")
	if err := os.WriteFile(a, []byte("One. Two.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "z.md"), []byte("bad \xff\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	files, err := specs.Files(dir, []string{"."}, nil)
	if err != nil {
		t.Fatal(err)
	}
	rules, _ := Select(Config{})
	if _, _, err := FixFiles(files, rules, Config{}, nil); err == nil || !strings.Contains(err.Error(), "z.md:1:5: invalid UTF-8") {
		t.Fatalf("error = %v", err)
	}
	if got, _ := os.ReadFile(a); string(got) != "One. Two.\n" {
		t.Errorf("a.md was rewritten: %q", got)
	}
}

func TestReadFileInto(t *testing.T) {
	dir := t.TempDir()
	for name, read := range map[string]func([]byte, string) ([]byte, error){"readFile": readFile, "readFileOS": readFileOS} {
		var buf []byte
		for _, size := range []int{0, 1, 511, 4096, 10, 100000, 3} {
			want := bytes.Repeat([]byte("abcdefg\n"), size/8+1)[:size]
			file := filepath.Join(dir, "f.md")
			if err := os.WriteFile(file, want, 0o644); err != nil {
				t.Fatal(err)
			}
			got, err := read(buf[:0], file)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("%s, size %d: read %d bytes, different", name, size, len(got))
			}
			buf = got
		}
		if _, err := read(nil, filepath.Join(dir, "missing.md")); err == nil || !strings.Contains(err.Error(), "missing.md") {
			t.Errorf("%s: missing file: error %v", name, err)
		}
		if _, err := read(nil, dir); err == nil {
			t.Errorf("%s: no error for a directory", name)
		}
	}
}
