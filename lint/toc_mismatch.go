package lint

import (
	"fmt"
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
	for _, toc := range findTOCs(doc) {
		out = checkOneTOC(out, doc, toc)
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

// checkOneTOC appends the findings of one table of contents to out.
func checkOneTOC(out []Finding, doc *specs.Document, toc []tocEntry) []Finding {
	byAnchor := map[string]int{}
	for i, h := range doc.Headings {
		byAnchor[h.Anchor] = i
	}
	listed := map[int]bool{}
	levels := map[int]bool{}
	last := -1
	ordered := true
	tocEnd := toc[len(toc)-1].link.Span.End
	for _, e := range toc {
		hi, ok := byAnchor[e.frag]
		if !ok {
			if a, found := doc.Anchor(e.frag); found && a.Kind == specs.ExplicitAnchor {
				if a.Heading != nil {
					hi = indexOfHeading(doc, a.Heading)
					ok = hi >= 0
				} else {
					continue
				}
			}
		}
		if !ok {
			out = append(out, Finding{Span: e.link.Span, Message: fmt.Sprintf("table of contents entry %q links to #%s, which is no heading", e.link.Text, e.frag)})
			continue
		}
		h := doc.Headings[hi]
		listed[hi] = true
		levels[h.Level] = true
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
	// Headings at the list's top level, after the list, that it leaves
	// out. Deeper levels are often listed selectively.
	top := 0
	for l := range levels {
		if top == 0 || l < top {
			top = l
		}
	}
	for i, h := range doc.Headings {
		if listed[i] || h.Level != top || h.Span.Start < tocEnd {
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
