package lint

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/ocispec/ocispec/specs"
)

// Tests over the real OCI specs: image-spec and runtime-spec ship their
// Markdown in the Go module cache, distribution-spec comes from
// ../shared/corpus when present. No corpus text is copied into the repo:
// the golden files hold only file:line:column and rule IDs.

// ociSpec is one real spec checkout.
type ociSpec struct {
	name, dir string
	// skip lists files that are not part of the spec as published (the
	// corpus keeps old releases next to spec.md).
	skip func(rel string) bool
}

func moduleDir(t testing.TB, mod string) string {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-json", mod).Output()
	if err != nil {
		return ""
	}
	var m struct{ Dir string }
	if json.Unmarshal(out, &m) != nil || m.Dir == "" {
		return ""
	}
	if _, err := os.Stat(m.Dir); err != nil {
		return ""
	}
	return m.Dir
}

func ociSpecs(t testing.TB) []ociSpec {
	t.Helper()
	var out []ociSpec
	for _, m := range []struct{ name, mod string }{
		{"image-spec", "github.com/opencontainers/image-spec"},
		{"runtime-spec", "github.com/opencontainers/runtime-spec"},
	} {
		if dir := moduleDir(t, m.mod); dir != "" {
			out = append(out, ociSpec{name: m.name, dir: dir})
		}
	}
	ds := filepath.Join("..", "..", "shared", "corpus", "distribution-spec")
	if _, err := os.Stat(filepath.Join(ds, "spec.md")); err == nil {
		out = append(out, ociSpec{name: "distribution-spec", dir: ds, skip: func(rel string) bool {
			return strings.HasPrefix(rel, "spec-v")
		}})
	}
	return out
}

func ociSpecDirs(t testing.TB) []string {
	var dirs []string
	for _, s := range ociSpecs(t) {
		dirs = append(dirs, s.dir)
	}
	return dirs
}

// loadSpec loads a spec's Markdown (without .github and the skipped files).
func loadSpec(t testing.TB, s ociSpec) *specs.Set {
	t.Helper()
	set, err := specs.Load(s.dir, []string{"."}, specs.LoadOptions{Exclude: []string{".github"}})
	if err != nil {
		t.Fatal(err)
	}
	if s.skip != nil {
		var keep []*specs.Document
		for _, d := range set.Docs {
			if !s.skip(d.Path) {
				keep = append(keep, d)
			}
		}
		set = specs.NewSet(set.Root, keep...)
	}
	return set
}

// TestOCISpecFindings pins every finding on the real specs. Each was
// reviewed by hand as a real violation; a new line in the diff is a false
// alarm or a newly found violation to review before -update.
func TestOCISpecFindings(t *testing.T) {
	all := ociSpecs(t)
	if len(all) == 0 {
		t.Skip("no OCI spec sources available")
	}
	for _, s := range all {
		t.Run(s.name, func(t *testing.T) {
			fs, err := Run(loadSpec(t, s), Config{})
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			for _, f := range fs {
				fmt.Fprintf(&b, "%s:%d:%d %s\n", f.Path, f.Line, f.Column, f.Rule)
			}
			golden(t, filepath.Join("corpus", s.name+".golden"), b.Bytes())
		})
	}
}

// plainWords is the word sequence of a document's prose as rendered
// (markup and URLs dropped), the words a reader sees.
func plainWords(t testing.TB, path string, src []byte) []string {
	t.Helper()
	d, err := specs.Parse(path, src, specs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var w []string
	for _, b := range d.Blocks {
		for _, s := range b.Sentences {
			w = append(w, strings.Fields(s.Text)...)
		}
	}
	return w
}

// TestOCISpecFix runs --fix over the real specs: one-sentence-per-line
// alone keeps every source word; all fixes keep every rendered word; a
// second pass changes nothing; nothing fixable is left.
func TestOCISpecFix(t *testing.T) {
	all := ociSpecs(t)
	if len(all) == 0 {
		t.Skip("no OCI spec sources available")
	}
	ospl, _ := Select(Config{Only: []string{"one-sentence-per-line"}})
	rules, _ := Select(Config{})
	for _, s := range all {
		t.Run(s.name, func(t *testing.T) {
			set := loadSpec(t, s)
			for _, d := range set.Docs {
				checkDocFix(t, set, d, ospl, rules)
			}
		})
	}
}

// checkDocFix checks the fixes of one document: see TestOCISpecFix.
func checkDocFix(t *testing.T, set *specs.Set, d *specs.Document, ospl, rules []*Enabled) {
	t.Helper()
	out, _, err := FixSource(d.Path, d.Source, set, ospl, Config{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if words(string(out)) != words(string(d.Source)) {
		t.Errorf("%s: one-sentence-per-line fix changed the source words", d.Path)
	}
	full, _, err := FixSource(d.Path, d.Source, set, rules, Config{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if a, b := plainWords(t, d.Path, d.Source), plainWords(t, d.Path, full); strings.Join(a, " ") != strings.Join(b, " ") {
		t.Errorf("%s: fixes changed the rendered words", d.Path)
	}
	again, n, _ := FixSource(d.Path, full, set, rules, Config{}, nil)
	if n != 0 || !bytes.Equal(again, full) {
		t.Errorf("%s: a second fix changed the document (%d fixes)", d.Path, n)
	}
	nd, err := specs.Parse(d.Path, full, specs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range (oneSentencePerLine{}).Check(nd, nil) {
		if f.Fix != nil {
			t.Errorf("%s: still fixable after --fix: %s", d.Path, f.Message)
		}
	}
}

// TestOCISpecRFCsKnown pins the RFCs each spec cites, as the mention
// finder sees them (numbers only: no spec text is copied): a mention form
// the finder stops seeing, or a new false mention, changes the list.
func TestOCISpecRFCsKnown(t *testing.T) {
	all := ociSpecs(t)
	if len(all) == 0 {
		t.Skip("no OCI spec sources available")
	}
	p := newRFCPatterns()
	for _, s := range all {
		set := loadSpec(t, s)
		seen := map[int]bool{}
		for _, d := range set.Docs {
			for _, b := range d.Blocks {
				for _, l := range b.Lines {
					for _, m := range p.mentionsIn(string(d.Source[l.Start:l.End]), l.Start) {
						seen[m.Number] = true
					}
				}
			}
		}
		var ns []int
		for n := range seen {
			ns = append(ns, n)
		}
		sort.Ints(ns)
		golden(t, filepath.Join("corpus", s.name+".rfcs.golden"), []byte(fmt.Sprintln(ns)))
	}
}
