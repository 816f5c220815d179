package lint

import (
	"strings"
	"testing"

	"github.com/ocispec/ocispec/specs"
)

// TestStreamMatchesSet compares three ways to lint a spec set that share
// no path but the rules: RunRules over the loaded set, where links between
// documents resolve through the set itself; a Stream fed the documents one
// at a time in reverse, where they resolve through broken-link's summaries;
// and LintFiles over the files on disk, as `ocispec lint` runs, on
// GOMAXPROCS goroutines.
func TestStreamMatchesSet(t *testing.T) {
	for _, s := range ociSpecs(t) {
		set := loadSpec(t, s)
		rules, _ := Select(Config{})
		want := RunRules(set, rules, Config{})
		if s.name == "runtime-spec" && !hasCrossDocumentFinding(want) {
			t.Fatalf("%s: no finding on a link between documents: the comparison would prove little", s.name)
		}
		sameFindings(t, s.name+" stream", streamReversed(t, set, rules), want)
		sameFindings(t, s.name+" files", lintFiles(t, s, rules), want)
	}
}

func hasCrossDocumentFinding(fs []Finding) bool {
	for _, f := range fs {
		if f.Rule == "broken-link" && strings.Contains(f.Message, "no anchor #") && !strings.Contains(f.Message, "in this document") {
			return true
		}
	}
	return false
}

// streamReversed lints set through a Stream, last document first: links to
// documents not seen yet must still resolve.
func streamReversed(t *testing.T, set *specs.Set, rules []*Enabled) []Finding {
	var paths []string
	for _, d := range set.Docs {
		paths = append(paths, d.Path)
	}
	st := NewStream(set.Root, paths, rules, Config{})
	for i := len(set.Docs) - 1; i >= 0; i-- {
		d := set.Docs[i]
		doc, err := specs.Parse(d.Path, d.Source, specs.Options{})
		if err != nil {
			t.Fatal(err)
		}
		st.Add(doc)
	}
	return st.Finish()
}

// lintFiles lints the files of spec s as `ocispec lint` does.
func lintFiles(t *testing.T, s ociSpec, rules []*Enabled) []Finding {
	files, err := specs.Files(s.dir, []string{"."}, []string{".github"})
	if err != nil {
		t.Fatal(err)
	}
	var keep []specs.File
	for _, f := range files {
		if s.skip == nil || !s.skip(f.Path) {
			keep = append(keep, f)
		}
	}
	fs, err := LintFiles(s.dir, keep, rules, Config{}, specs.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

func sameFindings(t *testing.T, name string, got, want []Finding) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d findings, the set gives %d", name, len(got), len(want))
	}
	for i := range got {
		g, w := got[i], want[i]
		g.Fix, w.Fix = nil, nil
		if g != w {
			t.Errorf("%s: finding %d: %+v, the set gives %+v", name, i, g, w)
		}
	}
}
