package meetingnotes

import (
	"os"
	"path/filepath"
	"testing"

	goldenfile "github.com/ocispec/ocispec/internal/golden"
)

// corpusDir locates the real OCI notes in ../shared, beside the repository
// (the repository is ../.. from this package). Tests that need it skip when
// it is absent: the real notes are development data, never copied here.
func corpusDir(t testing.TB) string {
	t.Helper()
	dir := filepath.Join("..", "..", "shared", "corpus")
	if _, err := os.Stat(filepath.Join(dir, "seeds", "oci-weekly-discussion-hackmd.md")); err != nil {
		t.Skipf("real notes not available (%v)", err)
	}
	return dir
}

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func mustParse(t testing.TB, name string, data []byte) *Document {
	t.Helper()
	d, err := Parse(name, data)
	if err != nil {
		t.Fatalf("Parse(%s): %v", name, err)
	}
	return d
}

// copyDir copies the regular files of src into dst.
func copyDir(t testing.TB, src, dst string) {
	t.Helper()
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dst, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Type().IsRegular() {
			if err := os.WriteFile(filepath.Join(dst, e.Name()), readFile(t, filepath.Join(src, e.Name())), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// meetingKey identifies a meeting across files.
func meetingKey(m *Meeting) string { return m.Date + " " + canonical(m.Heading) }

// contentOf maps each meeting of the documents to its canonical lines.
func contentOf(docs ...*Document) map[string][]string {
	out := map[string][]string{}
	for _, d := range docs {
		for _, m := range d.Meetings {
			out[meetingKey(m)] = canonicalLines(m.sec.out)
		}
	}
	return out
}

// golden compares got with testdata/golden/name (rewritten with -update).
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", "golden", name), got)
}
