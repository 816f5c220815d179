package lint

import (
	"testing"

	"github.com/ocispec/ocispec/specs"
)

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
