package specs

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// modelDigest writes every field of the model that an analysis can read,
// so two parses can be compared exactly.
func modelDigest(d *Document) string {
	var b strings.Builder
	d.Dump(&b)
	idx := map[*ListItem]int{}
	for i, li := range d.ListItems {
		idx[li] = i
	}
	item := func(li *ListItem) int {
		if li == nil {
			return -1
		}
		return idx[li]
	}
	for i, li := range d.ListItems {
		fmt.Fprintf(&b, "item %d %v %q depth=%d parent=%d\n", i, li.Span, li.Marker, li.Depth, item(li.Parent))
	}
	for _, h := range d.Headings {
		fmt.Fprintf(&b, "heading %v %q explicit=%q\n", h.Span, h.Anchor, h.Explicit)
	}
	for _, a := range d.Anchors {
		fmt.Fprintf(&b, "anchor %q %d %v heading=%v\n", a.ID, a.Kind, a.Span, a.Heading != nil)
	}
	for _, blk := range d.Blocks {
		fmt.Fprintf(&b, "block %s lines=%v quote=%d item=%d row=%d col=%d runs=%v\n", blk.Kind, blk.Lines, blk.Quote, item(blk.Item), blk.Row, blk.Col, blk.runs)
		for _, s := range blk.Sentences {
			fmt.Fprintf(&b, "  sentence %v lead=%d code=%v links=%d\n", s.Span, s.lead, s.Code, len(s.Links))
		}
	}
	for _, l := range d.Links {
		fmt.Fprintf(&b, "link %v %q dest=%q title=%q ref=%q auto=%v image=%v\n", l.Span, l.Text, l.Destination, l.Title, l.Ref, l.Auto, l.Image)
	}
	for _, r := range d.RefDefs {
		fmt.Fprintf(&b, "refdef %v %q %q %q %v\n", r.Span, r.Label, r.Destination, r.Title, r.DestSpan)
	}
	for _, t := range d.Tables {
		fmt.Fprintf(&b, "table %v header=%d rows=%d\n", t.Span, len(t.Header), len(t.Rows))
	}
	for _, c := range d.CodeBlocks {
		fmt.Fprintf(&b, "code %v %v %q\n", c.Span, c.Content, c.Text)
	}
	return b.String()
}

// checkModelOnly compares the model built by the fast parsers with the
// one built through goldmark, and reports whether the fast parsers took
// the document.
func checkModelOnly(t testing.TB, name string, src []byte) bool {
	t.Helper()
	want, err := NewParser(Options{}).Parse(name, src)
	got, err2 := NewParser(Options{ModelOnly: true}).Parse(name, src)
	if (err == nil) != (err2 == nil) {
		t.Fatalf("%s: goldmark error %v, fast error %v", name, err, err2)
	}
	if err != nil {
		return false
	}
	if got.AST != nil && got.fast {
		t.Errorf("%s: a fast parse has an AST", name)
	}
	if w, g := modelDigest(want), modelDigest(got); w != g {
		t.Errorf("%s: the fast model differs at %s", name, diffFirst(w, g))
	}
	return got.fast
}

func TestModelOnlyCorpus(t *testing.T) {
	fast, total := 0, 0
	for _, f := range fastCorpus(t) {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		total++
		if checkModelOnly(t, f, src) {
			fast++
		} else {
			t.Logf("goldmark parsed %s", f)
		}
	}
	t.Logf("the fast parsers took %d of %d files", fast, total)
}

// FuzzModelOnly checks that the fast parsers build the same model as
// goldmark whenever they take a document.
func FuzzModelOnly(f *testing.F) {
	for _, s := range fastBlockSeeds {
		f.Add(s)
	}
	// One parser for the whole run, recycling every document: reused
	// memory must not leak from one input into the next.
	p := NewParser(Options{ModelOnly: true})
	f.Fuzz(func(t *testing.T, s string) {
		checkModelOnly(t, "input.md", []byte(s))
		want, err := NewParser(Options{ModelOnly: true}).Parse("input.md", []byte(s))
		if err != nil {
			return
		}
		got, err := p.Parse("input.md", []byte(s))
		if err != nil {
			t.Fatalf("recycling parser: %v", err)
		}
		if w, g := modelDigest(want), modelDigest(got); w != g {
			t.Errorf("recycling parser: model differs at %s", diffFirst(w, g))
		}
		p.Recycle(got)
	})
}

// TestRecycleKeepsModels parses the corpus with one parser that recycles
// each document before the next, in two orders, and compares every model
// with a fresh parse: reused memory must not leak from one document into
// another.
func TestRecycleKeepsModels(t *testing.T) {
	files := fastCorpus(t)
	want := map[string]string{}
	srcs := map[string][]byte{}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		srcs[f] = src
		if d, err := NewParser(Options{ModelOnly: true}).Parse(f, src); err == nil {
			want[f] = modelDigest(d)
		}
	}
	p := NewParser(Options{ModelOnly: true})
	for _, order := range [][]string{files, reversed(files)} {
		for _, f := range order {
			d, err := p.Parse(f, srcs[f])
			if err != nil {
				continue
			}
			if got := modelDigest(d); got != want[f] {
				t.Errorf("%s: model after recycling differs at %s", f, diffFirst(want[f], got))
			}
			fast := d.fast
			p.Recycle(d)
			if fast && (d.Blocks != nil || d.arena != nil) {
				t.Errorf("%s: a recycled document keeps its model", f)
			}
		}
	}
}

func reversed(s []string) []string {
	out := make([]string, len(s))
	for i, x := range s {
		out[len(s)-1-i] = x
	}
	return out
}
