package lint

import (
	"fmt"
	"sort"
	"strings"

	"github.com/ocispec/ocispec/specs"
)

// tocMismatch checks a table of contents — a list of at least three items
// that are each one link to a heading of the same document — against the
// headings: every entry reaches a heading and carries its text, entries
// follow the heading order, and no heading at the list's top level is
// left out.
type tocMismatch struct{}

func (tocMismatch) Meta() Meta {
	return Meta{
		ID:       "toc-mismatch",
		Severity: Warning,
		Summary:  "A table of contents lists the document's headings, with their text, in order.",
	}
}

// minTOCEntries is the shortest list taken for a table of contents.
const minTOCEntries = 3

type tocEntry struct {
	link *specs.Link
	frag string
}

func (tocMismatch) Check(doc *specs.Document, ctx *Context) []Finding {
	out := ctx.findings()
	tocs := findTOCs(doc)
	if len(tocs) == 0 {
		return out
	}
	byAnchor := make(map[string]int, len(doc.Headings))
	for i, h := range doc.Headings {
		byAnchor[h.Anchor] = i
	}
	for _, toc := range tocs {
		out = checkOneTOC(out, doc, toc, byAnchor)
	}
	return out
}

// findTOCs returns runs of consecutive list-item blocks that are each a
// single link to a fragment of this document.
func findTOCs(doc *specs.Document) [][]tocEntry {
	var tocs [][]tocEntry
	var cur []tocEntry
	flush := func() {
		if len(cur) >= minTOCEntries {
			tocs = append(tocs, cur)
		}
		cur = nil
	}
	for _, b := range doc.Blocks {
		e, ok := tocEntryOf(b)
		if !ok {
			flush()
			continue
		}
		cur = append(cur, e)
	}
	flush()
	return tocs
}

func tocEntryOf(b *specs.Block) (tocEntry, bool) {
	if b.Kind != specs.Paragraph || b.Item == nil || len(b.Sentences) != 1 {
		return tocEntry{}, false
	}
	s := b.Sentences[0]
	if len(s.Links) != 1 {
		return tocEntry{}, false
	}
	l := s.Links[0]
	if !strings.HasPrefix(l.Destination, "#") || len(l.Destination) < 2 {
		return tocEntry{}, false
	}
	// The item is the link alone (allowing trailing punctuation).
	if strings.TrimRight(strings.TrimSpace(s.Text), ".;,") != l.Text {
		return tocEntry{}, false
	}
	return tocEntry{link: l, frag: l.Destination[1:]}, true
}

// checkOneTOC appends the findings of one table of contents to out;
// byAnchor maps each heading anchor to the heading's index.
func checkOneTOC(out []Finding, doc *specs.Document, toc []tocEntry, byAnchor map[string]int) []Finding {
	listed := map[int]bool{}
	top := 0 // the highest level (smallest number) listed
	last := -1
	ordered := true
	for _, e := range toc {
		hi, ok := tocHeading(doc, e, byAnchor)
		if !ok {
			if hi < 0 {
				out = append(out, Finding{Span: e.link.Span, Message: fmt.Sprintf("table of contents entry %q links to #%s, which is no heading", e.link.Text, e.frag)})
			}
			continue
		}
		h := doc.Headings[hi]
		listed[hi] = true
		if top == 0 || h.Level < top {
			top = h.Level
		}
		if !sameHeadingText(e.link.Text, h) {
			out = append(out, Finding{Span: e.link.Span, Message: fmt.Sprintf("table of contents entry %q does not match heading %q", e.link.Text, h.Text)})
		}
		if hi < last && ordered {
			ordered = false
			out = append(out, Finding{Span: e.link.Span, Message: fmt.Sprintf("table of contents entry %q is out of order: heading %q comes earlier", e.link.Text, h.Text)})
		}
		last = hi
	}
	if len(listed) == 0 {
		return out
	}
	return leftOut(out, doc, toc, listed, top)
}

// tocHeading returns the index of the heading that entry e links to, by
// its anchor or an explicit anchor inside it. ok is false when there is
// none; the index is then -1, or -2 for an explicit anchor outside any
// heading, which is no error.
func tocHeading(doc *specs.Document, e tocEntry, byAnchor map[string]int) (int, bool) {
	if hi, ok := byAnchor[e.frag]; ok {
		return hi, true
	}
	a, found := doc.Anchor(e.frag)
	if !found || a.Kind != specs.ExplicitAnchor {
		return -1, false
	}
	if a.Heading == nil {
		return -2, false
	}
	hi := indexOfHeading(doc, a.Heading)
	return hi, hi >= 0
}

// leftOut appends a finding for each heading at the list's top level,
// after the list, that it leaves out: deeper levels are often listed
// selectively. A heading above that level ends the part of the document
// the list covers, so a long file of many parts costs time in proportion
// to its length.
func leftOut(out []Finding, doc *specs.Document, toc []tocEntry, listed map[int]bool, top int) []Finding {
	tocEnd := toc[len(toc)-1].link.Span.End
	from := sort.Search(len(doc.Headings), func(i int) bool { return doc.Headings[i].Span.Start >= tocEnd })
	for i := from; i < len(doc.Headings); i++ {
		h := doc.Headings[i]
		if h.Level < top {
			break
		}
		if listed[i] || h.Level != top {
			continue
		}
		out = append(out, Finding{Span: toc[0].link.Span, Message: fmt.Sprintf("table of contents leaves out heading %q (#%s, line %d)", h.Text, h.Anchor, doc.Position(h.Span.Start).Line)})
	}
	return out
}

func indexOfHeading(doc *specs.Document, h *specs.Heading) int {
	for i, x := range doc.Headings {
		if x == h {
			return i
		}
	}
	return -1
}

// sameHeadingText compares an entry's text with a heading, ignoring case,
// spacing and code backticks; an entry whose slug is the heading's anchor
// also matches.
func sameHeadingText(entry string, h *specs.Heading) bool {
	if entry == h.Text {
		// The common case: equal texts normalize alike, so they match by
		// containment, or by slug when nothing is left of them.
		return true
	}
	norm := func(s string) string {
		s = strings.ReplaceAll(s, "`", "")
		return strings.ToLower(strings.Join(strings.Fields(s), " "))
	}
	e, t := norm(entry), norm(h.Text)
	// A shortened entry ("Proxying" for "Registry Proxying") still matches.
	if e != "" && (strings.Contains(t, e) || strings.Contains(e, t)) {
		return true
	}
	return specs.Slug(entry) == specs.Slug(h.Text)
}
