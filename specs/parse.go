package specs

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// Options tune parsing.
type Options struct {
	// Abbreviations extends the words that never end a sentence
	// ("approx." or "approx").
	Abbreviations []string
}

// Limits that keep hostile input from exhausting the machine. Real specs are
// far below them; a file beyond them is rejected with a clear error rather
// than parsed slowly.
const (
	maxFileSize = 64 << 20
	maxNesting  = 1000
)

// A Parser parses documents with one goldmark instance and one sentence
// splitter; it is safe for sequential reuse, not for concurrent use (a
// concurrent caller gives each goroutine its own).
type Parser struct {
	md       goldmark.Markdown
	splitter *splitter
}

// NewMarkdown returns ocispec's one goldmark configuration: GitHub
// Flavored Markdown and footnotes, as github.com renders the OCI specs,
// and no heading attributes ({#id}), which github.com shows as text and
// slugs. The model is parsed with it and the site renders with it (adding
// renderer options), so the HTML and the model cannot disagree.
func NewMarkdown(opts ...goldmark.Option) goldmark.Markdown {
	return goldmark.New(append([]goldmark.Option{goldmark.WithExtensions(extension.GFM, extension.Footnote)}, opts...)...)
}

// NewParser returns a parser of the goldmark configuration of NewMarkdown.
func NewParser(opts Options) *Parser {
	return &Parser{md: NewMarkdown(), splitter: newSplitter(opts.Abbreviations)}
}

// Parse parses one document; path is recorded in the document and named in
// errors.
func Parse(path string, src []byte, opts Options) (*Document, error) {
	return NewParser(opts).Parse(path, src)
}

// Parse parses one document.
func (p *Parser) Parse(path string, src []byte) (*Document, error) {
	d := &Document{Path: path, Source: src}
	d.lineStarts = lineStarts(src)
	if err := d.check(); err != nil {
		return nil, err
	}
	work, fm := prepare(src)
	d.FrontMatter = fm
	root := p.md.Parser().Parse(text.NewReader(work))
	d.AST = root
	b := &builder{doc: d, src: work, p: p}
	b.presize(len(work))
	b.walk(root)
	b.finish()
	return d, nil
}

// presize gives the per-document slices room for a document of n bytes,
// from the proportions of real specifications, so that they rarely grow
// (each growth copies them).
func (b *builder) presize(n int) {
	b.runSlab = make([]run, 0, n/36+16)
	b.spanSlab = make([]Span, 0, n/80+16)
	b.sentPtrs = make([]*Sentence, 0, n/96+16)
	b.doc.Blocks = make([]*Block, 0, n/96+16)
	b.doc.Anchors = make([]Anchor, 0, n/600+8)
	b.doc.anchorSet = make(map[string]int, n/600+8)
}

// newBlock and newSentence take model values from the slabs, created on
// first use.
func (b *builder) newBlock() *Block {
	if b.blockSlab == nil {
		b.blockSlab = new(slab[Block])
	}
	return b.blockSlab.new()
}

func (b *builder) newSentence() *Sentence {
	if b.sentSlab == nil {
		b.sentSlab = new(slab[Sentence])
	}
	return b.sentSlab.new()
}

// check rejects input the model cannot represent faithfully.
func (d *Document) check() error {
	src := d.Source
	if len(src) > maxFileSize {
		return &FileError{Path: d.Path, Err: fmt.Errorf("file too large (%d bytes, limit %d)", len(src), maxFileSize)}
	}
	if i := bytes.IndexByte(src, 0); i >= 0 {
		pos := d.Position(i)
		return &FileError{Path: d.Path, Line: pos.Line, Column: pos.Column, Err: errors.New("binary file (NUL byte)")}
	}
	if !utf8.Valid(src) {
		for i := 0; i < len(src); {
			r, n := utf8.DecodeRune(src[i:])
			if r == utf8.RuneError && n == 1 {
				pos := d.Position(i)
				return &FileError{Path: d.Path, Line: pos.Line, Column: pos.Column, Err: errors.New("invalid UTF-8")}
			}
			i += n
		}
	}
	if line, depth := nestingDepth(src, d.lineStarts); depth > maxNesting {
		return &FileError{Path: d.Path, Line: line, Err: fmt.Errorf("nesting too deep (%d levels of lists or block quotes, limit %d)", depth, maxNesting)}
	}
	return nil
}

// nestingDepth estimates the deepest container nesting on any line: each
// leading ">" counts, as does each leading indentation step before a list
// marker. It is a cheap guard, not a parser; starts are the line starts.
func nestingDepth(src []byte, starts []int) (line, depth int) {
	for ln, start := range starts {
		d, ws := 0, 0
		i := start
	scan:
		for ; i < len(src); i++ {
			switch src[i] {
			case '>':
				d++
			case ' ':
				ws++
			case '\t':
				ws += 4
			default:
				break scan
			}
		}
		// Indentation counts only before a list marker: two spaces per
		// level is the tightest list nesting.
		if i < len(src) && (src[i] == '-' || src[i] == '*' || src[i] == '+' || src[i] >= '0' && src[i] <= '9') {
			d += ws / 2
		}
		if d > depth {
			depth, line = d, ln+1
		}
	}
	return line, depth
}

// prepare blanks a byte order mark and YAML front matter with spaces, so
// Markdown parsers skip them while every offset stays that of the source.
func prepare(src []byte) (work []byte, fm *FrontMatter) {
	work = src
	if bytes.HasPrefix(src, []byte("\uFEFF")) {
		work = blankOut(work, 0, 3)
	}
	if fm = frontMatter(work); fm != nil {
		work = blankOut(work, fm.Span.Start, fm.Span.End)
	}
	return work, fm
}

func blankOut(src []byte, start, end int) []byte {
	out := make([]byte, len(src))
	copy(out, src)
	for i := start; i < end; i++ {
		if out[i] != '\n' && out[i] != '\r' {
			out[i] = ' '
		}
	}
	return out
}

// frontMatter finds a leading "---" YAML block.
func frontMatter(src []byte) *FrontMatter {
	s := src
	off := 0
	for off < len(s) && s[off] == ' ' { // a blanked BOM
		off++
	}
	if !bytes.HasPrefix(s[off:], []byte("---")) {
		return nil
	}
	first := bytes.IndexByte(s[off:], '\n')
	if first < 0 || strings.TrimSpace(string(s[off:off+first])) != "---" {
		return nil
	}
	bodyStart := off + first + 1
	i := bodyStart
	for i < len(s) {
		e := bytes.IndexByte(s[i:], '\n')
		var line []byte
		next := len(s)
		if e >= 0 {
			line, next = s[i:i+e], i+e+1
		} else {
			line = s[i:]
		}
		t := strings.TrimRight(string(line), " \r")
		if t == "---" || t == "..." {
			return &FrontMatter{Span: Span{off, next}, Body: Span{bodyStart, i}}
		}
		i = next
	}
	return nil
}

func lineStarts(src []byte) []int {
	starts := make([]int, 1, bytes.Count(src, []byte("\n"))+1)
	for i := 0; ; {
		j := bytes.IndexByte(src[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		starts = append(starts, i)
	}
	return starts
}

// Position maps a byte offset in Source to a 1-based line and column.
func (d *Document) Position(off int) Position {
	if d.lineStarts == nil {
		d.lineStarts = lineStarts(d.Source)
	}
	if off < 0 {
		off = 0
	}
	if off > len(d.Source) {
		off = len(d.Source)
	}
	i := sort.Search(len(d.lineStarts), func(i int) bool { return d.lineStarts[i] > off }) - 1
	return Position{Line: i + 1, Column: off - d.lineStarts[i] + 1}
}

// Offset maps a 1-based line and column back to a byte offset.
func (d *Document) Offset(p Position) int {
	if p.Line < 1 || p.Line > len(d.lineStarts) {
		return len(d.Source)
	}
	return min(d.lineStarts[p.Line-1]+p.Column-1, len(d.Source))
}

// LineSpan returns the span of the 1-based line, without its line ending.
func (d *Document) LineSpan(line int) Span {
	if line < 1 || line > len(d.lineStarts) {
		return Span{len(d.Source), len(d.Source)}
	}
	start := d.lineStarts[line-1]
	end := len(d.Source)
	if line < len(d.lineStarts) {
		end = d.lineStarts[line] - 1
	}
	if end > start && d.Source[end-1] == '\r' {
		end--
	}
	return Span{start, end}
}

// Lines returns the number of lines in the document.
func (d *Document) Lines() int { return len(d.lineStarts) }

// HasAnchor reports whether #id reaches an anchor of the document, exactly
// as github.com would resolve it.
func (d *Document) HasAnchor(id string) bool {
	_, ok := d.anchorSet[id]
	return ok
}

// AnchorFold finds an anchor that matches id ignoring case, for messages
// that tell a near miss from a missing anchor.
func (d *Document) AnchorFold(id string) (string, bool) {
	for _, a := range d.Anchors {
		if strings.EqualFold(a.ID, id) {
			return a.ID, true
		}
	}
	return "", false
}

// Anchor returns the anchor with the given id.
func (d *Document) Anchor(id string) (Anchor, bool) {
	i, ok := d.anchorSet[id]
	if !ok {
		return Anchor{}, false
	}
	return d.Anchors[i], true
}

// Text returns the source text of a span.
func (d *Document) Text(s Span) string { return string(d.Source[s.Start:s.End]) }

// builder turns the goldmark tree into the document model.
type builder struct {
	doc     *Document
	src     []byte // the parsed bytes: Source with BOM and front matter blanked
	p       *Parser
	slugger Slugger
	heads   []*Heading // open heading stack by level
	section *Heading
	scratch plainText
	runSlab []run
	// Slabs for the many small values of a document's model.
	sentSlab  *slab[Sentence]
	blockSlab *slab[Block]
	sentPtrs  []*Sentence
	linkPtrs  []*Link
	codeSlab  [][2]int
	spanSlab  []Span
	ends      []int // sentence ends of the current block

}

// walk builds the model from the block tree. It carries the enclosing
// list item and block-quote depth down the tree instead of looking them
// up, which ast.Walk would need a map for.
func (b *builder) walk(root ast.Node) {
	b.walkIn(root, container{})
}

// container is what a block inherits from the blocks around it.
type container struct {
	item  *ListItem
	quote int
}

func (b *builder) walkIn(n ast.Node, in container) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		b.visit(c, in)
	}
}

func (b *builder) visit(n ast.Node, in container) {
	switch n := n.(type) {
	case *ast.Heading:
		b.heading(n)
		return
	case *ast.Paragraph, *ast.TextBlock:
		b.prose(n, Paragraph, in)
		return
	case *ast.ListItem:
		li := &ListItem{Span: b.nodeSpan(n), Depth: 1}
		if p := in.item; p != nil {
			li.Parent, li.Depth = p, p.Depth+1
		}
		li.Marker = b.marker(n, li.Span.Start)
		b.doc.ListItems = append(b.doc.ListItems, li)
		in.item = li
	case *ast.Blockquote:
		in.quote++
	case *east.Table:
		b.table(n, in)
		return
	case *ast.FencedCodeBlock:
		b.code(n, true)
	case *ast.CodeBlock:
		b.code(n, false)
	case *ast.HTMLBlock:
		sp := b.linesSpan(n.Lines())
		if n.HasClosure() {
			sp.End = max(sp.End, n.ClosureLine.Stop)
		}
		sp = trimEOL(b.src, sp)
		b.doc.HTMLBlocks = append(b.doc.HTMLBlocks, &HTMLBlock{Span: sp})
		b.explicitAnchors(sp, nil)
	case *ast.LinkReferenceDefinition:
		b.refDef(n)
	}
	b.walkIn(n, in)
}

// pos is n's source offset clamped to the source: goldmark counts
// expanded tabs, so a position can point past the bytes it came from.
func (b *builder) pos(n ast.Node) int {
	return min(max(n.Pos(), 0), len(b.src))
}

func (b *builder) marker(n *ast.ListItem, start int) string {
	s := b.src[min(start, len(b.src)):]
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i < len(s) {
		i++
	}
	return string(s[:min(i, len(s))])
}

// nodeSpan spans a block node: from its position to the end of its last
// descendant's lines.
func (b *builder) nodeSpan(n ast.Node) Span {
	start := n.Pos()
	end := start
	spanEnd(n, &start, &end)
	// goldmark positions count expanded tabs; clamp to the source.
	start = min(max(start, 0), len(b.src))
	end = min(max(end, start), len(b.src))
	return trimEOL(b.src, Span{start, end})
}

// spanEnd extends *end to the end of x's lines or text and of its last
// descendants, searching back until the span is not empty; *start, when
// unknown (negative), becomes the start of the first lines met.
func spanEnd(x ast.Node, start, end *int) {
	if t, ok := x.(*ast.Text); ok {
		*end = max(*end, t.Segment.Stop)
	}
	if x.Type() != ast.TypeBlock {
		return
	}
	if l := x.Lines(); l != nil && l.Len() > 0 {
		*end = max(*end, l.At(l.Len()-1).Stop)
		if *start < 0 {
			*start = l.At(0).Start
		}
	}
	for c := x.LastChild(); c != nil; c = c.PreviousSibling() {
		spanEnd(c, start, end)
		if *end > *start {
			break
		}
	}
}

func trimEOL(src []byte, s Span) Span {
	for s.End > s.Start && (src[s.End-1] == '\n' || src[s.End-1] == '\r') {
		s.End--
	}
	return s
}

func (b *builder) linesSpan(l *text.Segments) Span {
	if l == nil || l.Len() == 0 {
		return Span{}
	}
	return Span{l.At(0).Start, l.At(l.Len() - 1).Stop}
}

func (b *builder) blockLines(l *text.Segments) []Span {
	from := len(b.spanSlab)
	for i := 0; i < l.Len(); i++ {
		seg := l.At(i)
		b.spanSlab = append(b.spanSlab, trimEOL(b.src, Span{seg.Start, seg.Stop}))
	}
	n := len(b.spanSlab)
	return b.spanSlab[from:n:n]
}

func (b *builder) heading(n *ast.Heading) {
	pt := b.plain(n)
	h := &Heading{Level: n.Level, Text: pt.headingText(), Span: b.nodeSpan(n)}
	if l := n.Lines(); l != nil && l.Len() > 0 {
		// ATX headings: extend to the line start so the span covers "##".
		ls := b.doc.LineSpan(b.doc.Position(l.At(0).Start).Line)
		last := b.doc.LineSpan(b.doc.Position(l.At(l.Len() - 1).Start).Line)
		h.Span = Span{ls.Start, last.End}
	} else {
		h.Span = b.doc.LineSpan(b.doc.Position(b.pos(n)).Line)
	}
	h.Anchor = b.slugger.Slug(h.Text)
	for len(b.heads) > 0 && b.heads[len(b.heads)-1].Level >= h.Level {
		b.heads = b.heads[:len(b.heads)-1]
	}
	if len(b.heads) > 0 {
		h.Parent = b.heads[len(b.heads)-1]
	}
	b.heads = append(b.heads, h)
	b.section = h
	b.doc.Headings = append(b.doc.Headings, h)
	b.addAnchor(Anchor{ID: h.Anchor, Kind: HeadingAnchor, Span: h.Span, Heading: h})
	for _, id := range pt.anchors {
		h.Explicit = append(h.Explicit, id.id)
		b.addAnchor(Anchor{ID: id.id, Kind: ExplicitAnchor, Span: id.span, Heading: h})
	}
	if l := n.Lines(); l != nil && l.Len() > 0 {
		blk := b.newBlock()
		*blk = Block{Kind: HeadingText, Lines: b.blockLines(l), Section: h}
		b.sentences(blk, pt, false)
		h.Block = blk
		b.doc.Blocks = append(b.doc.Blocks, blk)
	}
}

func (b *builder) addAnchor(a Anchor) {
	if b.doc.anchorSet == nil {
		b.doc.anchorSet = make(map[string]int)
	}
	if _, dup := b.doc.anchorSet[a.ID]; !dup {
		b.doc.anchorSet[a.ID] = len(b.doc.Anchors)
	}
	b.doc.Anchors = append(b.doc.Anchors, a)
}

func (b *builder) prose(n ast.Node, kind BlockKind, in container) {
	l := n.Lines()
	if l == nil || l.Len() == 0 {
		return
	}
	blk := b.newBlock()
	*blk = Block{Kind: kind, Lines: b.blockLines(l), Section: b.section, Quote: in.quote, Item: in.item}
	if blk.Item != nil && blk.Item.First == nil {
		blk.Item.First = blk
	}
	pt := b.plain(n)
	for _, a := range pt.anchors {
		b.addAnchor(Anchor{ID: a.id, Kind: ExplicitAnchor, Span: a.span})
	}
	b.sentences(blk, pt, true)
	b.doc.Blocks = append(b.doc.Blocks, blk)
}

func (b *builder) table(t *east.Table, in container) {
	tb := &Table{Span: b.nodeSpan(t), Section: b.section}
	row := 0
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		var cells []*Block
		col := 0
		// An empty cell has no text to locate it; it gets an empty span
		// after the previous cell (or at the row's start).
		last := b.pos(r)
		if r.Pos() < 0 {
			last = tb.Span.Start
		}
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			blk := b.cell(c, tb, row, col, last, in)
			last = blk.Lines[0].End
			cells = append(cells, blk)
			col++
		}
		if row == 0 {
			tb.Header = cells
		} else {
			tb.Rows = append(tb.Rows, cells)
		}
		row++
	}
	b.extendTable(tb)
	b.doc.Tables = append(b.doc.Tables, tb)
}

// cell adds the block of table cell c at row and col; last is where the
// previous cell ended, where an empty cell, without text to locate it, is
// placed.
func (b *builder) cell(c ast.Node, tb *Table, row, col, last int, in container) *Block {
	pt := b.plain(c)
	blk := b.newBlock()
	*blk = Block{Kind: TableCell, Section: b.section, Table: tb, Row: row, Col: col, Quote: in.quote, Item: in.item}
	sp, ok := pt.sourceSpan()
	if !ok {
		at := max(b.pos(c), last)
		sp = Span{at, at}
	}
	b.spanSlab = append(b.spanSlab, sp)
	n := len(b.spanSlab)
	blk.Lines = b.spanSlab[n-1 : n : n]
	for _, a := range pt.anchors {
		b.addAnchor(Anchor{ID: a.id, Kind: ExplicitAnchor, Span: a.span})
	}
	b.sentences(blk, pt, true)
	b.doc.Blocks = append(b.doc.Blocks, blk)
	return blk
}

// extendTable extends the table's span to the end of its last row's line.
func (b *builder) extendTable(tb *Table) {
	if tb.Span.End > 0 {
		tb.Span.End = b.doc.LineSpan(b.doc.Position(tb.Span.End).Line).End
	}
	for _, row := range tb.Rows {
		for _, c := range row {
			if c.Lines[0].End > tb.Span.End {
				tb.Span.End = b.doc.LineSpan(b.doc.Position(c.Lines[0].End).Line).End
			}
		}
	}
}

func (b *builder) code(n ast.Node, fenced bool) {
	cb := &CodeBlock{Fenced: fenced, Section: b.section}
	l := n.Lines()
	var content strings.Builder
	size := 0
	for i := 0; i < l.Len(); i++ {
		seg := l.At(i)
		size += seg.Len() + 1 // a forced newline may be added
	}
	content.Grow(size)
	for i := 0; i < l.Len(); i++ {
		seg := l.At(i)
		content.Write(seg.Value(b.src))
	}
	cb.Text = content.String()
	if l.Len() > 0 {
		cb.Content = Span{l.At(0).Start, l.At(l.Len() - 1).Stop}
	}
	if fc, ok := n.(*ast.FencedCodeBlock); ok {
		if fc.Info != nil {
			cb.Info = strings.TrimSpace(string(fc.Info.Segment.Value(b.src)))
			cb.Lang = cb.Info
			if i := strings.IndexAny(cb.Lang, " ,{"); i >= 0 {
				cb.Lang = cb.Lang[:i]
			}
		}
		cb.Span = b.fencedSpan(n, cb.Content)
	} else {
		cb.Span = trimEOL(b.src, cb.Content)
	}
	b.doc.CodeBlocks = append(b.doc.CodeBlocks, cb)
}

// fencedSpan returns the span of fenced code block n with its fence
// lines, which are not in n.Lines(): they are found around the content.
func (b *builder) fencedSpan(n ast.Node, content Span) Span {
	l := n.Lines()
	open := b.pos(n)
	if n.Pos() < 0 && l.Len() > 0 {
		open = l.At(0).Start
	}
	openLine := b.doc.Position(open).Line
	if l.Len() > 0 && b.doc.Position(l.At(0).Start).Line == openLine {
		openLine-- // Pos may point at the content
	}
	start := b.doc.LineSpan(max(openLine, 1)).Start
	end := content.End
	if l.Len() == 0 {
		end = b.doc.LineSpan(openLine).End + 1
	}
	if end >= len(b.src) {
		return Span{start, end}
	}
	cl := b.doc.LineSpan(b.doc.Position(end).Line)
	t := strings.TrimSpace(string(b.src[cl.Start:cl.End]))
	if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
		return Span{start, cl.End}
	}
	return Span{start, trimEOL(b.src, Span{start, end}).End}
}

func (b *builder) refDef(n *ast.LinkReferenceDefinition) {
	sp := trimEOL(b.src, b.linesSpan(n.Lines()))
	rd := &RefDef{Span: sp, Label: string(n.Label), Destination: string(n.Destination), Title: string(n.Title)}
	src := b.src[sp.Start:sp.End]
	if i := bytes.Index(src, []byte("]:")); i >= 0 {
		j := i + 2
		for j < len(src) && (src[j] == ' ' || src[j] == '\t' || src[j] == '\n' || src[j] == '\r') {
			j++
		}
		k := j
		if k < len(src) && src[k] == '<' {
			for k < len(src) && src[k] != '>' {
				k++
			}
			if k < len(src) {
				k++
			}
		} else {
			for k < len(src) && src[k] != ' ' && src[k] != '\t' && src[k] != '\n' && src[k] != '\r' {
				k++
			}
		}
		rd.DestSpan = Span{sp.Start + j, sp.Start + k}
	}
	b.doc.RefDefs = append(b.doc.RefDefs, rd)
}

var anchorAttr = regexp.MustCompile(`(?i)<[a-z][a-z0-9]*\s[^>]*?\b(name|id)\s*=\s*("([^"]*)"|'([^']*)'|([^\s"'>/]+))`)

// explicitAnchors records name= and id= attributes in raw HTML.
func (b *builder) explicitAnchors(sp Span, h *Heading) {
	raw := b.src[sp.Start:sp.End]
	if !bytes.Contains(raw, []byte("name")) && !bytes.Contains(raw, []byte("id")) {
		return
	}
	for _, m := range anchorAttr.FindAllSubmatchIndex(raw, -1) {
		id := ""
		for g := 3; g <= 5; g++ {
			if m[2*g] >= 0 {
				id = string(raw[m[2*g]:m[2*g+1]])
			}
		}
		if id == "" {
			continue
		}
		b.addAnchor(Anchor{ID: id, Kind: ExplicitAnchor, Span: Span{sp.Start + m[0], sp.Start + m[1]}, Heading: h})
	}
}

// finish restores source order where goldmark moved nodes (footnote
// definitions go to the end of its tree) and gives such blocks the section
// they are written in.
func (b *builder) finish() {
	d := b.doc
	if !sort.SliceIsSorted(d.Blocks, func(i, j int) bool { return d.Blocks[i].Span().Start < d.Blocks[j].Span().Start }) {
		sort.SliceStable(d.Blocks, func(i, j int) bool { return d.Blocks[i].Span().Start < d.Blocks[j].Span().Start })
		for _, blk := range d.Blocks {
			if blk.Kind != HeadingText {
				blk.Section = headingAt(d.Headings, blk.Span().Start)
			}
		}
		sort.SliceStable(d.Links, func(i, j int) bool { return d.Links[i].Span.Start < d.Links[j].Span.Start })
	}
	d.buildProperties()
}

// headingAt returns the last heading starting before off.
func headingAt(hs []*Heading, off int) *Heading {
	i := sort.Search(len(hs), func(i int) bool { return hs[i].Span.Start > off })
	if i == 0 {
		return nil
	}
	return hs[i-1]
}
