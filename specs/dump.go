package specs

import (
	"fmt"
	"io"
)

// Dump writes a readable outline of the model with positions; golden tests
// compare it and it helps when a splitting decision needs explaining.
func (d *Document) Dump(w io.Writer) {
	pos := func(s Span) string {
		a, b := d.Position(s.Start), d.Position(s.End)
		return fmt.Sprintf("%d:%d-%d:%d", a.Line, a.Column, b.Line, b.Column)
	}
	fmt.Fprintf(w, "document %s (%d lines)\n", d.Path, d.Lines())
	if d.FrontMatter != nil {
		fmt.Fprintf(w, "front matter %s\n", pos(d.FrontMatter.Span))
	}
	for _, h := range d.Headings {
		fmt.Fprintf(w, "heading %s h%d #%s %q\n", pos(h.Span), h.Level, h.Anchor, h.Text)
	}
	for _, a := range d.Anchors {
		if a.Kind == ExplicitAnchor {
			fmt.Fprintf(w, "anchor %s #%s\n", pos(a.Span), a.ID)
		}
	}
	for _, b := range d.Blocks {
		d.dumpBlock(w, b, pos)
	}
	for _, r := range d.RefDefs {
		fmt.Fprintf(w, "refdef %s [%s] %q dest@%s\n", pos(r.Span), r.Label, r.Destination, pos(r.DestSpan))
	}
	for _, t := range d.Tables {
		fmt.Fprintf(w, "table %s %d columns, %d rows\n", pos(t.Span), len(t.Header), len(t.Rows))
	}
	for _, c := range d.CodeBlocks {
		fmt.Fprintf(w, "code %s fenced=%v info=%q lang=%q\n", pos(c.Span), c.Fenced, c.Info, c.Lang)
	}
	for _, h := range d.HTMLBlocks {
		fmt.Fprintf(w, "html %s\n", pos(h.Span))
	}
}

// dumpBlock writes one block of Dump, its sentences, code and links.
func (d *Document) dumpBlock(w io.Writer, b *Block, pos func(Span) string) {
	extra := ""
	if b.Item != nil {
		extra += fmt.Sprintf(" item(depth %d %s)", b.Item.Depth, b.Item.Marker)
	}
	if b.Quote > 0 {
		extra += fmt.Sprintf(" quote(%d)", b.Quote)
	}
	if b.Table != nil {
		extra += fmt.Sprintf(" cell(%d,%d)", b.Row, b.Col)
	}
	sec := ""
	if b.Section != nil {
		sec = "#" + b.Section.Anchor
	}
	fmt.Fprintf(w, "%s %s %s%s\n", b.Kind, pos(b.Span()), sec, extra)
	for _, s := range b.Sentences {
		fmt.Fprintf(w, "  sentence %s %q\n", pos(s.Span), s.Text)
		for _, c := range s.Code {
			fmt.Fprintf(w, "    code %q\n", s.Text[c[0]:c[1]])
		}
		for _, l := range s.Links {
			fmt.Fprintf(w, "    link %s %q -> %q ref=%q auto=%v\n", pos(l.Span), l.Text, l.Destination, l.Ref, l.Auto)
		}
	}
}
