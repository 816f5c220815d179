package lint

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ocispec/ocispec/specs"
)

// TestListFilesMatchesLoad: ListFiles lists exactly what specs.Load parses,
// in the same order, so streaming and loading lint the same set.
func TestListFilesMatchesLoad(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"b.md", "a.md", "sub/c.md", "sub/d.MD", "vendor/x.md", "node_modules/y.md", "_site/z.md", ".git/w.md", "drafts/e.md", "notes.txt"} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("# T\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		paths, exclude []string
	}{
		{[]string{"."}, nil},
		{[]string{"."}, []string{"drafts"}},
		{[]string{"sub", "a.md", "sub/c.md"}, nil},
		{[]string{"."}, []string{"sub/**"}},
	}
	for _, c := range cases {
		set, err := specs.Load(dir, c.paths, specs.LoadOptions{Exclude: c.exclude})
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, d := range set.Docs {
			want = append(want, d.Path)
		}
		files, err := ListFiles(dir, c.paths, c.exclude)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range files {
			got = append(got, f.Path)
		}
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("%v %v: ListFiles = %v, Load = %v", c.paths, c.exclude, got, want)
		}
	}
	if _, err := ListFiles(dir, []string{"missing.md"}, nil); err == nil || !strings.Contains(err.Error(), "missing.md") {
		t.Errorf("missing path: %v", err)
	}
	for _, s := range ociSpecs(t) {
		set, err := specs.Load(s.dir, []string{"."}, specs.LoadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		files, err := ListFiles(s.dir, []string{"."}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(files) != len(set.Docs) {
			t.Errorf("%s: ListFiles found %d files, Load %d", s.name, len(files), len(set.Docs))
		}
	}
}

// TestStreamMatchesSet: linting documents one at a time gives the findings
// of linting the loaded set, cross-document links included.
func TestStreamMatchesSet(t *testing.T) {
	for _, s := range ociSpecs(t) {
		set := loadSpec(t, s)
		rules, _ := Select(Config{})
		want := RunRules(set, rules, Config{})
		var paths []string
		for _, d := range set.Docs {
			paths = append(paths, d.Path)
		}
		st := NewStream(set.Root, paths, rules, Config{})
		// Feed the documents in reverse: links to documents not seen yet
		// must still resolve.
		for i := len(set.Docs) - 1; i >= 0; i-- {
			d := set.Docs[i]
			doc, err := specs.Parse(d.Path, d.Source, specs.Options{})
			if err != nil {
				t.Fatal(err)
			}
			st.Add(doc)
		}
		got := st.Finish()
		if len(got) != len(want) {
			t.Fatalf("%s: stream %d findings, set %d", s.name, len(got), len(want))
		}
		for i := range got {
			g, w := got[i], want[i]
			g.Fix, w.Fix = nil, nil
			if g != w {
				t.Errorf("%s: finding %d: stream %+v, set %+v", s.name, i, g, w)
			}
		}
	}
}
