package specs

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// The fast block parser builds the block tree goldmark would build (block
// nodes, their Lines, positions and reference definitions; no inline
// nodes) in one pass over the lines, several times faster than goldmark,
// whose per-line cost goes to interfaces, a context map and trying every
// block parser in turn. It covers the Markdown that specifications are
// written in. On anything else (tabs in indentation, lazy continuation
// lines, setext headings, indented code, rare HTML blocks, footnotes...)
// it gives up and the caller parses with goldmark: it must never build a
// tree that differs from goldmark's. fastblock_test.go checks that on real
// specs and by fuzzing.
//
// The rules follow goldmark v1.8.7's block parsers (parser/*.go and
// extension/table.go), which implement CommonMark 0.31 with quirks of
// their own; comments name a quirk where the code copies one.

type contKind uint8

const (
	contDoc contKind = iota
	contQuote
	contList
	contItem
	contFootnote
)

type fcont struct {
	node ast.Node
	kind contKind
	// offset is a list item's content column, relative to where its
	// list's container content starts.
	offset int
	// list marker ('-', '*', '+', '.' or ')') and kind.
	marker  byte
	ordered bool
}

type leafKind uint8

const (
	leafNone leafKind = iota
	leafPara
	leafFence
	leafHTML
	leafCode
)

type fastBlocks struct {
	src   []byte
	doc   *ast.Document
	conts []fcont
	leaf  ast.Node
	lk    leafKind
	// fenced code
	fenceChar   byte
	fenceLen    int
	fenceIndent int
	htmlType    ast.HTMLBlockType
	refs        map[string]refTarget
	footnotes   []*east.Footnote
	lines       []text.Segment // the open leaf's lines
	nodes       *arena
	failed      bool
	why         string
	whyAt       int
	lineStart   int
}

// A fastTree is the fast block parser's result.
type fastTree struct {
	doc *ast.Document
	// refs holds the link reference definitions.
	refs map[string]refTarget
	// footnotes lists the footnote definitions in source order; they sit
	// in a FootnoteList where the first one was, as in goldmark's tree
	// before its footnote transformer runs.
	footnotes []*east.Footnote
}

// parseBlocksFast returns goldmark's block tree for src, whose line starts
// are given, or ok=false when src needs goldmark.
func parseBlocksFast(src []byte, starts []int, ar *arena) (t fastTree, ok bool) {
	t, ok, _ = parseBlocksFastWhy(src, starts, ar)
	return t, ok
}

// parseBlocksFastWhy is parseBlocksFast that also says why it gave up.
func parseBlocksFastWhy(src []byte, starts []int, ar *arena) (t fastTree, ok bool, why string) {
	if ar == nil {
		ar = new(arena)
	}
	if bytes.IndexByte(src, '\r') >= 0 || bytes.IndexByte(src, '\v') >= 0 || bytes.IndexByte(src, '\f') >= 0 {
		return t, false, "carriage return, vertical tab or form feed"
	}
	p := &fastBlocks{src: src, doc: ast.NewDocument(), conts: make([]fcont, 1, 16), nodes: ar}
	p.conts[0] = fcont{node: p.doc, kind: contDoc}
	for i, ls := range starts {
		if ls >= len(src) || p.failed {
			break
		}
		end, next := len(src), len(src)
		if i+1 < len(starts) {
			next = starts[i+1]
			end = next - 1
		}
		p.lineStart = ls
		p.line(ls, end, next)
	}
	if !p.failed {
		p.closeFrom(1)
		p.closeLeaf()
		p.moveFootnotes()
	}
	if p.failed {
		line := bytes.Count(src[:p.whyAt], []byte("\n")) + 1
		return t, false, fmt.Sprintf("line %d: %s", line, p.why)
	}
	return fastTree{doc: p.doc, refs: p.refs, footnotes: p.footnotes}, true, ""
}

// fail gives up on the document; why names the construct, for tests.
func (p *fastBlocks) fail(why string) {
	if !p.failed {
		p.failed, p.why, p.whyAt = true, why, p.lineStart
	}
}

// spaces counts the spaces at pos; a tab there gives up, since goldmark
// expands tabs into columns with padding this parser does not model.
func (p *fastBlocks) spaces(pos, end int) int {
	i := pos
	for i < end && p.src[i] == ' ' {
		i++
	}
	if i < end && p.src[i] == '\t' {
		p.fail("tab")
	}
	return i - pos
}

func isBlankLine(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' {
			return false
		}
	}
	return true
}

// line processes one line: [ls, end) without the newline, next is the
// start of the following line (so [ls, next) is goldmark's segment).
func (p *fastBlocks) line(ls, end, next int) {
	pos := ls
	m := 1
	// Match the open containers.
match:
	for ; m < len(p.conts); m++ {
		c := &p.conts[m]
		blank := isBlankLine(p.src[pos:end])
		switch c.kind {
		case contQuote:
			ind := p.spaces(pos, end)
			if ind > 3 || pos+ind >= end || p.src[pos+ind] != '>' {
				break match
			}
			pos += ind + 1
			if pos < end && p.src[pos] == '\t' {
				p.fail("tab")
				return
			}
			if pos < end && p.src[pos] == ' ' {
				pos++
			}
		case contList:
			if blank {
				continue
			}
			if m+1 >= len(p.conts) {
				p.fail("list without item")
				return
			}
			item := &p.conts[m+1]
			ind := p.spaces(pos, end)
			if ind >= item.offset {
				continue
			}
			if ind >= 4 {
				p.fail("goldmark closes the list but keeps the item")
				return
			}
			mk, ok := p.listMarker(pos, end)
			if !ok || mk.indent >= item.offset+4 {
				break match
			}
			if mk.marker != c.marker || mk.ordered != c.ordered {
				break match
			}
			if isThematicBreak(p.src[mk.markerAt:end]) {
				if p.lk == leafPara {
					p.fail("maybe a setext heading")
					return
				}
				break match
			}
			// A sibling item: the list goes on, its last item closes.
			m++
			break match
		case contItem:
			if blank {
				pos = end // goldmark's item advances to the line end
				continue
			}
			ind := p.spaces(pos, end)
			if ind < c.offset {
				if ind >= 4 {
					p.fail("tab")
					return
				}
				break match
			}
			pos += c.offset
		case contFootnote:
			if blank {
				continue
			}
			ind := p.spaces(pos, end)
			if ind < 4 {
				break match
			}
			pos += 4
		}
	}
	if p.failed {
		return
	}
	if pos >= len(p.src) {
		return // goldmark sees no line at the very end of the input
	}
	all := m == len(p.conts)
	rest := p.src[pos:end]
	blank := isBlankLine(rest)

	// Raw leaves take the line when every container matched.
	switch p.lk {
	case leafFence:
		if all {
			p.fenceLine(pos, end, next)
			return
		}
	case leafCode:
		if all {
			ind := p.spaces(pos, end)
			if p.failed {
				return
			}
			switch {
			case ind >= 4:
				seg := text.NewSegment(pos+4, next)
				seg.ForceNewline = true
				p.addLine(seg)
				return
			case blank:
				p.addLine(text.NewSegment(next-1, next))
				return
			}
			p.closeLeaf()
		}
	case leafHTML:
		if all {
			if p.htmlType == ast.HTMLBlockType2 {
				if bytes.Contains(rest, []byte("-->")) {
					p.leaf.(*ast.HTMLBlock).ClosureLine = text.NewSegment(pos, next)
					p.closeLeaf()
					return
				}
				p.addLine(text.NewSegment(pos, next))
				return
			}
			if !blank {
				p.addLine(text.NewSegment(pos, next))
				return
			}
			p.closeLeaf()
		}
	}

	if blank {
		p.closeFrom(m)
		p.closeLeaf()
		return
	}

	// Open new blocks.
	for !p.failed {
		ind := p.spaces(pos, end)
		if p.failed {
			return
		}
		paraHere := p.lk == leafPara && all
		lazy := p.lk == leafPara && !all
		if ind >= 4 {
			if paraHere || lazy {
				p.addLine(text.NewSegment(pos, next))
				return
			}
			p.closeFrom(m)
			p.closeLeaf()
			cb := ast.NewCodeBlock()
			cb.SetPos(pos + ind)
			seg := text.NewSegment(pos+4, next)
			seg.ForceNewline = true
			p.appendBlock(cb)
			p.leaf, p.lk = cb, leafCode
			p.addLine(seg)
			return
		}
		at := pos + ind
		c := p.src[at]
		switch c {
		case '>':
			p.closeFrom(m)
			p.closeLeaf()
			q := ast.NewBlockquote()
			q.SetPos(at)
			p.appendBlock(q)
			p.conts = append(p.conts, fcont{node: q, kind: contQuote})
			m = len(p.conts)
			all = true
			pos = at + 1
			if pos < end && p.src[pos] == '\t' {
				p.fail("tab")
				return
			}
			if pos < end && p.src[pos] == ' ' {
				pos++
			}
			if isBlankLine(p.src[pos:end]) {
				return
			}
			continue
		case '#':
			if h := p.atxHeading(at, end, next); h != nil {
				p.closeFrom(m)
				p.closeLeaf()
				p.appendBlock(h)
				return
			}
		case '`', '~':
			if f := p.openFence(pos, at, end, next); f != nil {
				p.closeFrom(m)
				p.closeLeaf()
				p.appendBlock(f)
				p.leaf, p.lk = f, leafFence
				return
			}
		case '<':
			if h, typ := p.htmlStart(pos, end, paraHere || lazy); h != nil {
				p.closeFrom(m)
				p.closeLeaf()
				p.appendBlock(h)
				p.leaf, p.lk, p.htmlType = h, leafHTML, typ
				p.addLine(text.NewSegment(pos, next))
				if typ == ast.HTMLBlockType2 && bytes.Contains(p.src[pos:end], []byte("-->")) {
					p.closeLeaf()
				}
				return
			}
		}
		if (c == '-' || c == '=') && paraHere && isSetextBar(p.src[pos:end]) {
			p.fail("setext heading")
			return
		}
		if (c == '-' || c == '*' || c == '_') && isThematicBreak(p.src[at:end]) {
			if lazy && c == '-' {
				p.fail("lazy thematic break")
				return
			}
			p.closeFrom(m)
			p.closeLeaf()
			tb := ast.NewThematicBreak()
			tb.SetPos(at)
			p.appendBlock(tb)
			return
		}
		if c == '-' || c == '*' || c == '+' || c >= '0' && c <= '9' {
			if mk, ok := p.listMarker(pos, end); ok {
				if mk.empty {
					if paraHere {
						// cannot interrupt a paragraph: text
						goto text
					}
					p.fail("empty list item")
					return
				}
				if mk.offset > 4 {
					p.fail("item starting with indented code")
					return
				}
				if paraHere && mk.ordered && mk.start != 1 {
					goto text
				}
				p.closeFrom(m)
				p.closeLeaf()
				parent := &p.conts[len(p.conts)-1]
				if parent.kind != contList || parent.marker != mk.marker || parent.ordered != mk.ordered {
					if parent.kind == contList {
						p.fail("list in list")
						return
					}
					l := ast.NewList(mk.marker)
					if mk.ordered {
						l.Start = mk.start
					}
					l.SetPos(at)
					p.appendBlock(l)
					p.conts = append(p.conts, fcont{node: l, kind: contList, marker: mk.marker, ordered: mk.ordered})
				}
				off := mk.markerAt + mk.width - pos + mk.offset
				li := p.nodes.items.new()
				li.Offset = off
				li.SetPos(at)
				p.appendBlock(li)
				p.conts = append(p.conts, fcont{node: li, kind: contItem, offset: off})
				m = len(p.conts)
				all = true
				pos = mk.markerAt + mk.width + mk.offset
				continue
			}
		}
		if c == '[' && at+1 < end && p.src[at+1] == '^' {
			if colon := p.footnoteLabel(at, end); colon > 0 {
				p.closeFrom(m)
				p.closeLeaf()
				for _, c := range p.conts {
					if c.kind == contFootnote {
						p.fail("nested footnote definition")
						return
					}
				}
				fn := east.NewFootnote(p.src[at+2 : colon-1])
				fn.SetPos(at)
				p.appendBlock(fn)
				p.footnotes = append(p.footnotes, fn)
				p.conts = append(p.conts, fcont{node: fn, kind: contFootnote})
				m, all = len(p.conts), true
				pos = colon + 1
				if isBlankLine(p.src[pos:end]) {
					return
				}
				continue
			}
			if p.failed {
				return
			}
		}
	text:
		if paraHere || lazy {
			// A lazy continuation line leaves the unmatched containers
			// open.
			p.addLine(text.NewSegment(pos, next))
			return
		}
		p.closeFrom(m)
		p.closeLeaf()
		para := p.nodes.paras.new()
		p.appendBlock(para)
		p.leaf, p.lk = para, leafPara
		p.addLine(text.NewSegment(pos, next))
		return
	}
}

// footnoteLabel returns the offset of the colon of a footnote definition
// "[^label]:" starting at 'at', or 0. Escapes and brackets in the label
// are left to goldmark.
func (p *fastBlocks) footnoteLabel(at, end int) int {
	s := p.src
	limit := min(end, at+2+999)
	for i := at + 2; i < limit; i++ {
		switch s[i] {
		case '\\', '[':
			p.fail("footnote label with escapes or brackets")
			return 0
		case ']':
			if i+1 < end && s[i+1] == ':' && !isBlankLine(s[at+2:i]) {
				return i + 1
			}
			return 0
		}
	}
	if limit < end {
		p.fail("long footnote label")
	}
	return 0
}

// moveFootnotes does what goldmark's footnote parser does when it closes
// a definition: definitions move, in order, into one FootnoteList put
// where the first one was.
func (p *fastBlocks) moveFootnotes() {
	if len(p.footnotes) == 0 {
		return
	}
	list := east.NewFootnoteList()
	first := p.footnotes[0]
	first.Parent().InsertBefore(first.Parent(), first, list)
	for _, fn := range p.footnotes {
		fn.Parent().RemoveChild(fn.Parent(), fn)
		list.AppendChild(list, fn)
	}
}

// appendBlock adds n to the innermost open container.
func (p *fastBlocks) appendBlock(n ast.Node) {
	parent := p.conts[len(p.conts)-1].node
	parent.AppendChild(parent, n)
}

// closeFrom closes the containers from index m on, with the open leaf.
func (p *fastBlocks) closeFrom(m int) {
	if m >= len(p.conts) {
		return
	}
	p.closeLeaf()
	p.conts = p.conts[:m]
}

// addLine adds a line to the open leaf. Lines gather in a scratch slice
// and reach the node in one allocation when it closes.
func (p *fastBlocks) addLine(seg text.Segment) {
	p.lines = append(p.lines, seg)
}

func (p *fastBlocks) closeLeaf() {
	if p.leaf != nil && len(p.lines) > 0 {
		p.leaf.Lines().AppendAll(p.lines)
		p.lines = p.lines[:0]
	}
	switch p.lk {
	case leafPara:
		p.closeParagraph(p.leaf.(*ast.Paragraph))
	case leafCode:
		// goldmark drops trailing blank lines of indented code.
		lines := p.leaf.Lines()
		n := lines.Len()
		for n > 0 && util.IsBlank(segValue(lines.At(n-1), p.src)) {
			n--
		}
		lines.SetSliced(0, n)
	}
	p.leaf, p.lk = nil, leafNone
}

type listMark struct {
	indent   int // spaces before the marker
	markerAt int
	width    int // marker width ("-" 1, "10." 3)
	offset   int // spaces after the marker that belong to the marker
	marker   byte
	ordered  bool
	start    int
	empty    bool
}

// listMarker parses a list item marker at pos, as goldmark's
// parseListItem and calcListOffset do.
func (p *fastBlocks) listMarker(pos, end int) (listMark, bool) {
	s := p.src
	i := pos
	for i < end && s[i] == ' ' {
		i++
	}
	if i < end && s[i] == '\t' {
		p.fail("tab")
		return listMark{}, false
	}
	mk := listMark{indent: i - pos, markerAt: i}
	if mk.indent > 3 || i >= end {
		return mk, false
	}
	switch c := s[i]; {
	case c == '-' || c == '*' || c == '+':
		mk.marker = c
		i++
	case c >= '0' && c <= '9':
		j := i
		for j < end && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j-i > 9 || j >= end || s[j] != '.' && s[j] != ')' {
			return mk, false
		}
		mk.ordered, mk.marker = true, s[j]
		mk.start, _ = strconv.Atoi(string(s[i:j]))
		i = j + 1
	default:
		return mk, false
	}
	mk.width = i - mk.markerAt
	if i < end && s[i] == '\t' {
		p.fail("tab")
		return mk, false
	}
	if i < end && s[i] != ' ' {
		return mk, false
	}
	j := i
	for j < end && s[j] == ' ' {
		j++
	}
	if j < end && s[j] == '\t' {
		p.fail("tab")
		return mk, false
	}
	if j >= end {
		mk.empty = true
		mk.offset = 1
		return mk, true
	}
	mk.offset = j - i
	return mk, true
}

// isThematicBreak is goldmark's: three or more of one of "*-_", spaces
// allowed between.
func isThematicBreak(line []byte) bool {
	var mark byte
	count := 0
	for _, c := range line {
		if c == ' ' || c == '\t' {
			continue
		}
		if mark == 0 {
			if c != '*' && c != '-' && c != '_' {
				return false
			}
			mark = c
		} else if c != mark {
			return false
		}
		count++
	}
	return count > 2
}

// isSetextBar reports whether line (with up to three leading spaces) is a
// setext heading underline.
func isSetextBar(line []byte) bool {
	t := bytes.TrimLeft(line, " ")
	if len(line)-len(t) > 3 || len(t) == 0 {
		return false
	}
	c := t[0]
	if c != '=' && c != '-' {
		return false
	}
	t = bytes.TrimRight(t, " \t")
	for _, x := range t {
		if x != c {
			return false
		}
	}
	return true
}

// atxHeading parses "# text ##" at 'at' as goldmark's atxHeadingParser.
func (p *fastBlocks) atxHeading(at, end, next int) *ast.Heading {
	s := p.src
	i := at
	for i < end && s[i] == '#' {
		i++
	}
	level := i - at
	if level > 6 {
		return nil
	}
	if i == len(s) { // a lone '#' at the end of the file
		h := p.nodes.headings.new()
		h.Level = level
		h.SetPos(at)
		return h
	}
	if i < end && s[i] != ' ' {
		if s[i] == '\t' {
			p.fail("tab")
		}
		return nil
	}
	h := p.nodes.headings.new()
	h.Level = level
	h.SetPos(at)
	j := i
	for j < end && s[j] == ' ' {
		j++
	}
	if j < end && s[j] == '\t' {
		p.fail("tab")
		return nil
	}
	if j >= end {
		return h // empty heading
	}
	stop := end
	for stop > j && (s[stop-1] == ' ' || s[stop-1] == '\t') {
		stop--
	}
	line := s[j:stop]
	k := len(line) - 1
	for k > 0 && line[k] == '#' {
		k--
	}
	if k == 0 && line[0] == '#' {
		return h // "### ###"
	}
	n := len(line)
	if k != len(line)-1 && (line[k] == ' ' || line[k] == '\t') {
		n = k
		for n > 0 && (line[n-1] == ' ' || line[n-1] == '\t') {
			n--
		}
	}
	h.Lines().Append(text.NewSegment(j, j+n))
	return h
}

// openFence opens a fenced code block at 'at' (pos is where the line's
// container content starts).
func (p *fastBlocks) openFence(pos, at, end, next int) *ast.FencedCodeBlock {
	s := p.src
	ch := s[at]
	i := at
	for i < end && s[i] == ch {
		i++
	}
	if i-at < 3 {
		return nil
	}
	var info *ast.Text
	rest := s[i:end]
	l := len(rest) - len(bytes.TrimLeft(rest, " \t"))
	r := len(rest) - len(bytes.TrimRight(rest, " \t"))
	// goldmark looks for an info string only before the last byte of the
	// line, newline included.
	if i < next-1 && l < len(rest)-r {
		value := rest[l : len(rest)-r]
		if ch == '`' && bytes.IndexByte(value, '`') >= 0 {
			return nil
		}
		info = ast.NewTextSegment(text.NewSegment(i+l, end-r))
	}
	f := ast.NewFencedCodeBlock(info)
	f.SetPos(at)
	p.fenceChar, p.fenceLen, p.fenceIndent = ch, i-at, at-pos
	return f
}

func (p *fastBlocks) fenceLine(pos, end, next int) {
	s := p.src
	ind := 0
	for pos+ind < end && s[pos+ind] == ' ' {
		ind++
	}
	if pos+ind < end && s[pos+ind] == '\t' {
		p.fail("tab")
	}
	if ind < 4 && !p.failed {
		i := pos + ind
		for i < end && s[i] == p.fenceChar {
			i++
		}
		if i-(pos+ind) >= p.fenceLen && isBlankLine(s[i:end]) {
			p.closeLeaf()
			return
		}
	}
	if p.failed {
		// A tab in the indentation: harmless in a block whose fence is
		// not indented, when the tab makes the line indented by four
		// columns or more, so that it cannot close the block either.
		col := pos + ind - p.lineStart
		if p.fenceIndent > 0 || ind+4-col%4 < 4 {
			return
		}
		p.failed, p.why = false, ""
		seg := text.NewSegment(pos, next)
		seg.ForceNewline = true
		p.addLine(seg)
		return
	}
	// Strip up to the fence's indentation; goldmark strips fewer spaces
	// when the line has fewer, except on a blank line.
	strip := min(ind, p.fenceIndent)
	if ind < p.fenceIndent && pos+ind == end {
		strip = 0
	}
	seg := text.NewSegment(pos+strip, next)
	seg.ForceNewline = true
	p.addLine(seg)
}

var (
	// Copied from goldmark's parser/html_block.go and raw_html.go.
	htmlAttributePattern = `(?:[\r\n \t]+[a-zA-Z_:][a-zA-Z0-9:._-]*(?:[\r\n \t]*=[\r\n \t]*(?:[^\"'=<>` + "`" + `\x00-\x20]+|'[^']*'|"[^"]*"))?)`
	htmlBlockType1Open   = regexp.MustCompile(`(?i)^[ ]{0,3}<(script|pre|style|textarea)(?:\s.*|>.*|/>.*|)(?:\r\n|\n)?$`)
	htmlBlockType6       = regexp.MustCompile(`^[ ]{0,3}<(?:/[ ]*)?([a-zA-Z]+[a-zA-Z0-9\-]*)(?:[ ].*|>.*|/>.*|)(?:\r\n|\n)?$`)
	htmlBlockType7       = regexp.MustCompile(`^[ ]{0,3}<(/[ ]*)?([a-zA-Z]+[a-zA-Z0-9\-]*)(` + htmlAttributePattern + `*)[ ]*(?:>|/>)[ ]*(?:\r\n|\n)?$`)
)

// htmlStart reports whether the line opens an HTML block of a type this
// parser handles (2, 6 and 7); types 1, 3, 4 and 5 give up.
func (p *fastBlocks) htmlStart(pos, end int, afterPara bool) (*ast.HTMLBlock, ast.HTMLBlockType) {
	line := p.src[pos:end]
	t := bytes.TrimLeft(line, " ")
	if len(t) < 2 {
		return nil, 0
	}
	switch {
	case t[1] == '?' || t[1] == '!' && !bytes.HasPrefix(t, []byte("<!--")):
		if t[1] == '?' || len(t) > 2 && (t[2] >= 'A' && t[2] <= 'Z' || t[2] == '[') {
			p.fail("HTML block of type 3, 4 or 5")
			return nil, 0
		}
		return nil, 0
	case bytes.HasPrefix(t, []byte("<!--")):
		h := ast.NewHTMLBlock(ast.HTMLBlockType2)
		h.SetPos(pos + len(line) - len(t))
		return h, ast.HTMLBlockType2
	}
	if htmlBlockType1Open.Match(line) {
		p.fail("HTML block of type 1")
		return nil, 0
	}
	var typ ast.HTMLBlockType
	if m := htmlBlockType7.FindSubmatchIndex(line); m != nil {
		isClose := m[2] > -1 && line[m[2]] == '/'
		hasAttr := m[6] != m[7]
		tag := strings.ToLower(string(line[m[4]:m[5]]))
		switch {
		case htmlBlockTags[tag]:
			typ = ast.HTMLBlockType6
		case tag != "script" && tag != "style" && tag != "pre" && !afterPara && (!isClose || !hasAttr):
			typ = ast.HTMLBlockType7
		}
	}
	if typ == 0 {
		if m := htmlBlockType6.FindSubmatchIndex(line); m != nil && htmlBlockTags[strings.ToLower(string(line[m[2]:m[3]]))] {
			typ = ast.HTMLBlockType6
		}
	}
	if typ == 0 {
		return nil, 0
	}
	h := ast.NewHTMLBlock(typ)
	h.SetPos(pos + len(line) - len(t))
	return h, typ
}

// htmlBlockTags are the type 6 tag names of goldmark's allowedBlockTags.
var htmlBlockTags = map[string]bool{
	"address": true, "article": true, "aside": true, "base": true, "basefont": true, "blockquote": true,
	"body": true, "caption": true, "center": true, "col": true, "colgroup": true, "dd": true,
	"details": true, "dialog": true, "dir": true, "div": true, "dl": true, "dt": true,
	"fieldset": true, "figcaption": true, "figure": true, "footer": true, "form": true, "frame": true,
	"frameset": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"head": true, "header": true, "hr": true, "html": true, "iframe": true, "legend": true,
	"li": true, "link": true, "main": true, "menu": true, "menuitem": true, "meta": true, "nav": true,
	"noframes": true, "ol": true, "optgroup": true, "option": true, "p": true, "param": true,
	"search": true, "section": true, "summary": true, "table": true, "tbody": true, "td": true,
	"tfoot": true, "th": true, "thead": true, "title": true, "tr": true, "track": true, "ul": true,
}

// closeParagraph runs goldmark's paragraph transformers (reference
// definitions, then tables) and the paragraph's own close.
func (p *fastBlocks) closeParagraph(para *ast.Paragraph) {
	p.linkRefs(para)
	if para.Parent() == nil {
		return
	}
	p.table(para)
	if para.Parent() == nil {
		return
	}
	lines := para.Lines()
	for i := 0; i < lines.Len(); i++ {
		lines.Set(i, trimLeftSeg(lines.At(i), p.src))
	}
	n := lines.Len()
	lines.Set(n-1, trimRightSeg(lines.At(n-1), p.src))
}

// linkRefs takes leading "[label]: destination" lines out of the
// paragraph. Only the one-line form without escapes, angle brackets or
// parentheses is handled; a paragraph that may hold another form gives up.
func (p *fastBlocks) linkRefs(para *ast.Paragraph) {
	lines := para.Lines()
	n := 0
	for ; n < lines.Len(); n++ {
		seg := lines.At(n)
		line := p.src[seg.Start:seg.Stop]
		t := bytes.TrimLeft(line, " ")
		if len(t) == 0 || t[0] != '[' {
			break
		}
		if len(line)-len(t) > 3 {
			break
		}
		switch refDefStart(t) {
		case refNone:
			goto done
		case refMaybe:
			if n+1 < lines.Len() {
				p.fail("link label over lines")
				return
			}
			goto done
		case refUnsure:
			p.fail("link label with escapes")
			return
		}
		label, dest, title, res := simpleRefDef(t)
		switch res {
		case refNone:
			goto done
		case refUnsure:
			p.fail("complex link reference definition")
			return
		}
		if title == nil && n+1 < lines.Len() {
			// A title may follow on the next line.
			nl := lines.At(n + 1)
			if t := bytes.TrimLeft(p.src[nl.Start:nl.Stop], " "); len(t) > 0 && (t[0] == '"' || t[0] == '\'' || t[0] == '(') {
				p.fail("reference title on the next line")
				return
			}
		}
		start := seg.Start + len(line) - len(t)
		rd := ast.NewLinkReferenceDefinition(label, dest, title)
		rd.Lines().Append(trimRightSeg(text.NewSegment(start, seg.Stop), p.src))
		para.Parent().InsertBefore(para.Parent(), para, rd)
		key := util.ToLinkReference(label)
		if p.refs == nil {
			p.refs = make(map[string]refTarget)
		}
		if _, dup := p.refs[key]; !dup {
			p.refs[key] = refTarget{dest: dest, title: title}
		}
	}
done:
	if n == 0 {
		return
	}
	if n == lines.Len() {
		para.Parent().RemoveChild(para.Parent(), para)
		return
	}
	lines.SetSliced(n, lines.Len())
}

type refStart uint8

const (
	refNone   refStart = iota // not a definition
	refDef                    // "[label]:" on the line
	refMaybe                  // the label does not close on this line
	refUnsure                 // escapes: leave it to goldmark
)

// refDefStart tells whether the line t, starting with '[', begins a link
// reference definition, following goldmark's label search (no nesting).
func refDefStart(t []byte) refStart {
	for i := 1; i < len(t); i++ {
		switch t[i] {
		case '\\':
			return refUnsure
		case '[':
			return refNone
		case ']':
			if i+1 < len(t) && t[i+1] == ':' {
				return refDef
			}
			return refNone
		}
	}
	return refMaybe
}

// simpleRefDef parses a definition that fits on its line, as goldmark's
// parseLinkReferenceDefinition: `[label]: dest`, with an optional title in
// double or single quotes or parentheses. Escapes and angle-bracket
// destinations are left to goldmark.
func simpleRefDef(t []byte) (label, dest, title []byte, res refStart) {
	t = bytes.TrimRight(t, " \t\n")
	end := bytes.IndexByte(t, ']')
	label = t[1:end]
	if len(label) > 999 || isBlankLine(label) {
		return nil, nil, nil, refUnsure
	}
	r := bytes.TrimLeft(t[end+2:], " \t")
	if len(r) == 0 || r[0] == '<' {
		return nil, nil, nil, refUnsure
	}
	opened, i := 0, 0
scan:
	for ; i < len(r); i++ {
		switch c := r[i]; c {
		case '\\':
			return nil, nil, nil, refUnsure
		case '(':
			opened++
		case ')':
			opened--
			if opened < 0 {
				break scan
			}
		case ' ', '\t':
			break scan
		default:
			if c < 0x20 || c == 0x7f {
				return nil, nil, nil, refUnsure
			}
		}
	}
	dest = r[:i]
	rest := r[i:]
	if len(dest) == 0 {
		return nil, nil, nil, refUnsure
	}
	if len(rest) == 0 {
		return label, dest, nil, refDef
	}
	tt := bytes.TrimLeft(rest, " \t")
	if len(tt) == len(rest) {
		return nil, nil, nil, refNone // junk right after the destination
	}
	closer := tt[0]
	switch closer {
	case '"', '\'':
	case '(':
		closer = ')'
	default:
		return nil, nil, nil, refNone // no title: junk after the destination
	}
	for j := 1; j < len(tt); j++ {
		switch c := tt[j]; {
		case c == '\\' || c == tt[0] && c != closer:
			return nil, nil, nil, refUnsure
		case c == closer:
			if j != len(tt)-1 {
				return nil, nil, nil, refNone // junk after the title
			}
			return label, dest, tt[1:j], refDef
		}
	}
	return nil, nil, nil, refUnsure // the title may go on
}

// table turns the paragraph into a GFM table when a line is a delimiter
// row, as goldmark's tableParagraphTransformer.
func (p *fastBlocks) table(para *ast.Paragraph) {
	lines := para.Lines()
	if lines.Len() < 2 {
		return
	}
	for i := 1; i < lines.Len(); i++ {
		align := p.delimiterRow(lines.At(i))
		if align == nil {
			continue
		}
		header := p.tableRow(lines.At(i-1), align, true)
		if header == nil || len(align) != header.ChildCount() {
			return
		}
		t := east.NewTable()
		t.Alignments = align
		t.SetPos(para.Pos())
		t.AppendChild(t, east.NewTableHeader(header))
		for j := i + 1; j < lines.Len(); j++ {
			t.AppendChild(t, p.tableRow(lines.At(j), align, false))
		}
		lines.SetSliced(0, i-1)
		para.Parent().InsertAfter(para.Parent(), para, t)
		if lines.Len() == 0 {
			para.Parent().RemoveChild(para.Parent(), para)
		} else {
			last := lines.At(i - 2)
			last.Stop--
			lines.Set(i-2, last)
		}
		return
	}
}

func (p *fastBlocks) delimiterRow(seg text.Segment) []east.Alignment {
	line := p.src[seg.Start:seg.Stop]
	if !isTableDelim(line) {
		return nil
	}
	cols := bytes.Split(line, []byte{'|'})
	if util.IsBlank(cols[0]) {
		cols = cols[1:]
	}
	if len(cols) > 0 && util.IsBlank(cols[len(cols)-1]) {
		cols = cols[:len(cols)-1]
	}
	var out []east.Alignment
	for _, col := range cols {
		c := bytes.TrimFunc(col, isRESpace)
		if len(c) == 0 {
			return nil
		}
		l, r := c[0] == ':', c[len(c)-1] == ':'
		body := c
		if l {
			body = body[1:]
		}
		if r && len(body) > 0 {
			body = body[:len(body)-1]
		}
		if len(body) == 0 || len(bytes.TrimLeft(body, "-")) > 0 {
			return nil
		}
		switch {
		case l && r:
			out = append(out, east.AlignCenter)
		case l:
			out = append(out, east.AlignLeft)
		case r:
			out = append(out, east.AlignRight)
		default:
			out = append(out, east.AlignNone)
		}
	}
	return out
}

// isRESpace is \s of Go's regexp syntax, which goldmark's delimiter
// patterns use.
func isRESpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\f' || r == '\r'
}

// isTableDelim is goldmark's: at most three columns of indentation, only
// "-|:" and spaces, and not only dashes.
func isTableDelim(bs []byte) bool {
	if w, _ := util.IndentWidth(bs, 0); w > 3 {
		return false
	}
	allSep := true
	for _, b := range bs {
		if b != '-' {
			allSep = false
		}
		if !util.IsSpace(b) && b != '-' && b != '|' && b != ':' {
			return false
		}
	}
	return !allSep
}

func (p *fastBlocks) tableRow(seg text.Segment, align []east.Alignment, header bool) *east.TableRow {
	npos := seg
	seg = trimRightSeg(trimLeftSeg(seg, p.src), p.src)
	line := p.src[seg.Start:seg.Stop]
	row := east.NewTableRow(align)
	row.SetPos(npos.Start)
	pos, limit := 0, len(line)
	if len(line) > 0 && line[0] == '|' {
		pos++
	}
	if len(line) > 0 && line[limit-1] == '|' {
		limit--
	}
	i := 0
	for ; pos < limit; i++ {
		a := east.AlignNone
		if i >= len(align) {
			if !header {
				return row
			}
		} else {
			a = align[i]
		}
		cell := p.nodes.cells.new()
		cell.SetPos(npos.Start + pos)
		cell.Alignment = a
		backtick := false
		closure := pos
		for ; closure < limit; closure++ {
			if line[closure] == '`' {
				backtick = true
			}
			if line[closure] == '|' {
				if closure == 0 || line[closure-1] != '\\' {
					break
				} else if backtick {
					p.fail("goldmark re-parses such cells after the fact")
				}
			}
		}
		cs := trimRightSeg(trimLeftSeg(text.NewSegment(seg.Start+pos, seg.Start+closure), p.src), p.src)
		cell.Lines().Append(cs)
		row.AppendChild(row, cell)
		pos = closure + 1
	}
	for ; i < len(align); i++ {
		row.AppendChild(row, east.NewTableCell())
	}
	return row
}

func trimLeftSeg(s text.Segment, src []byte) text.Segment  { return s.TrimLeftSpace(src) }
func trimRightSeg(s text.Segment, src []byte) text.Segment { return s.TrimRightSpace(src) }

func segValue(s text.Segment, src []byte) []byte { return s.Value(src) }

// A slab hands out zeroed values from chunks, one allocation for many
// nodes: a document has thousands of paragraphs, items and cells, and
// allocating each alone is a good part of the parse. A recycled slab
// (see Parser.Recycle) hands out its chunks again.
type slab[T any] struct {
	chunk []T
	used  [][]T // chunks handed out, the current one last
	free  [][]T // recycled chunks
}

func (s *slab[T]) new() *T {
	if len(s.chunk) == cap(s.chunk) {
		if n := len(s.free); n > 0 {
			s.chunk = s.free[n-1][:0]
			s.free = s.free[:n-1]
			clear(s.chunk[:cap(s.chunk)])
		} else {
			// Chunks double from 8 to 256 values: small documents
			// waste little, large ones allocate rarely.
			s.chunk = make([]T, 0, min(max(8, 2*cap(s.chunk)), 256))
		}
		s.used = append(s.used, s.chunk)
	}
	s.chunk = s.chunk[:len(s.chunk)+1]
	return &s.chunk[len(s.chunk)-1]
}

// recycle makes every chunk handed out available again.
func (s *slab[T]) recycle() {
	s.free = append(s.free, s.used...)
	clear(s.used)
	s.used, s.chunk = s.used[:0], nil
}
