package reqs

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ocispec/ocispec/specs"
)

// FuzzExtract checks that extraction never panics, that IDs are unique and
// that every requirement is located inside its document, and that a graph
// diffed against itself is empty.
func FuzzExtract(f *testing.F) {
	for _, name := range []string{"v1.md", "v2.md", "v4.md"} {
		src, err := os.ReadFile(filepath.Join("testdata", "reqs", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	for _, s := range []string{
		"A MUST b. C SHOULD NOT d, and MAY e.",
		"# H\n\n<!-- req: x -->\n<!-- req: x -->\nA MUST b.\n",
		"- **`p`** *string*\n\n  This REQUIRED property\n  - **`q`** MUST\n    NOT be.\n",
		"| Code | x |\n| --- | --- |\n| `E_X` | MUST `MUST` \"MAY\" |\n",
		"MUST\r\nNOT\r\n",
		"`MUST",
		"<!-- req: -->MAY",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		d, err := specs.Parse("f.md", src, specs.Options{})
		if err != nil {
			return
		}
		g := Extract(specs.NewSet(".", d))
		seen := map[string]bool{}
		for _, r := range g.Requirements {
			if r.ID == "" || seen[r.ID] {
				t.Fatalf("empty or duplicate ID %q", r.ID)
			}
			seen[r.ID] = true
			if _, ok := KeywordLevel(r.Keyword); !ok || keywordLevels[r.Keyword] != r.Level {
				t.Fatalf("keyword %q level %q", r.Keyword, r.Level)
			}
			if r.Offset < 0 || r.Offset > len(src) || r.Line < 1 || r.Column < 1 {
				t.Fatalf("%s at offset %d, %d:%d of %d bytes", r.ID, r.Offset, r.Line, r.Column, len(src))
			}
			if !strings.Contains(r.Text, strings.Fields(r.Keyword)[0]) {
				t.Fatalf("keyword %q not in %q", r.Keyword, r.Text)
			}
			if g.Requirement(r.ID) != r {
				t.Fatalf("lookup of %s", r.ID)
			}
		}
		if diff := DiffGraphs(g, g); !diff.Empty() || diff.Unchanged != len(g.Requirements) {
			t.Fatalf("self diff: %+v", diff)
		}
	})
}

// FuzzDiff checks that diffing two arbitrary documents never panics and
// accounts for every requirement exactly once on each side.
func FuzzDiff(f *testing.F) {
	var srcs [][]byte
	for _, name := range []string{"v1.md", "v2.md", "v3.md", "v4.md"} {
		src, err := os.ReadFile(filepath.Join("testdata", "reqs", name))
		if err != nil {
			f.Fatal(err)
		}
		srcs = append(srcs, src)
	}
	for i := 0; i+1 < len(srcs); i++ {
		f.Add(srcs[i], srcs[i+1])
	}
	f.Add([]byte("A MUST b. A MUST b."), []byte("A SHOULD b. A MAY b. A MUST NOT b."))
	f.Fuzz(func(t *testing.T, a, b []byte) {
		da, err := specs.Parse("s.md", a, specs.Options{})
		if err != nil {
			return
		}
		db, err := specs.Parse("s.md", b, specs.Options{})
		if err != nil {
			return
		}
		ga, gb := Extract(specs.NewSet(".", da)), Extract(specs.NewSet(".", db))
		d := DiffGraphs(ga, gb)
		// Every requirement is in one class; added, removed and changed
		// list one entry per sentence, so a side accounts for at least
		// one entry per sentence and at most one per requirement.
		checkAccounted(t, "old", len(d.Removed)+len(d.Changed)+d.Unchanged, ga)
		checkAccounted(t, "new", len(d.Added)+len(d.Changed)+d.Unchanged, gb)
		checkOnce(t, d)
		for _, c := range d.Changed {
			if _, ok := classify(c.Old, c.New); !ok {
				t.Fatalf("unchanged pair listed as %s", c.Kind)
			}
		}
	})
}

// checkAccounted checks that n diff entries account for graph g: at
// least one per sentence, at most one per requirement.
func checkAccounted(t *testing.T, side string, n int, g *Graph) {
	t.Helper()
	sentences := map[any]bool{}
	for i, r := range g.Requirements {
		if r.Sentence != nil {
			sentences[r.Sentence] = true
		} else {
			sentences[i] = true
		}
	}
	if n < len(sentences) || n > len(g.Requirements) {
		t.Fatalf("%s side: %d accounted, %d sentences, %d requirements", side, n, len(sentences), len(g.Requirements))
	}
}

// checkOnce checks that no requirement is listed twice.
func checkOnce(t *testing.T, d *Diff) {
	t.Helper()
	seen := map[*Requirement]bool{}
	list := append(append([]*Requirement{}, d.Added...), d.Removed...)
	for _, c := range d.Changed {
		list = append(list, c.Old, c.New)
	}
	for _, r := range list {
		if seen[r] {
			t.Fatalf("requirement %s listed twice", r.ID)
		}
		seen[r] = true
	}
}
