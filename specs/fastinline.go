package specs

import (
	"bytes"
	"regexp"
	"unicode/utf8"

	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// The fast inline path reads a block's inline Markdown straight from its
// source lines and flattens it into the same plainText as b.plain does for
// goldmark's inline tree. It reproduces goldmark v1.8.7 (GFM and footnotes)
// step by step rather than CommonMark in the abstract: the model must not
// change with the parser, and goldmark has quirks of its own (link bottoms,
// linkify after any inline node, emphasis consumption) that a cleaner
// implementation would not share. So the code below mirrors goldmark's
// parser.parseBlock loop, its inline parsers and its delimiter processing
// on a small node arena, then walks that tree the way builder.inline walks
// goldmark's. Nothing is allocated per node; strings are made only where
// the model keeps them (links and anchors).

// plainFast flattens the inline content of a block whose lines (as
// goldmark's n.Lines()) are given. task tells whether goldmark's task list
// parser could fire (the block is a list item's first child). It returns
// false when the block holds something the fast path does not reproduce
// exactly; the caller then parses it with goldmark. Like b.plain, the result
// reuses the builder's scratch buffers.
func (b *builder) plainFast(lines *text.Segments, task bool) (pt *plainText, ok bool) {
	uses := len(b.footnoteUses)
	p := b.inlineParser()
	defer func() {
		// A bug here must cost speed, never a crash or a wrong model:
		// anything unexpected falls back to goldmark.
		if r := recover(); r != nil {
			ok = false
		}
		if !ok {
			b.footnoteUses = b.footnoteUses[:uses]
			pt = nil
		}
		p.release()
	}()
	return p.run(b, lines, task)
}

// inlineParser returns the Parser's fast inline parser, whose buffers
// are reused from block to block and document to document.
func (b *builder) inlineParser() *fiParser {
	if b.p == nil {
		return new(fiParser)
	}
	if b.p.inline == nil {
		b.p.inline = new(fiParser)
	}
	return b.p.inline
}

// Node kinds of the arena; each stands for the goldmark node of that name.
const (
	fiBlock    = iota + 1 // the block itself (Paragraph, Heading, ...)
	fiText                // ast.Text
	fiCode                // ast.CodeSpan; its children are raw fiText
	fiAuto                // ast.AutoLink
	fiLink                // ast.Link
	fiImage               // ast.Image
	fiHTML                // ast.RawHTML
	fiDelim               // parser.Delimiter (emphasis or strikethrough)
	fiLabel               // parser's linkLabelState ("[" or "![")
	fiSpan                // ast.Emphasis or Strikethrough: children only
	fiFootnote            // FootnoteLink: no text
	fiTask                // TaskCheckBox: no text
)

// Node flags.
const (
	fiSoft  = 1 << iota // Text: soft line break
	fiHard              // Text: hard line break
	fiOpen              // Delimiter: can open
	fiClose             // Delimiter: can close
	fiImg               // label: "![" opens an image
	fiProto             // AutoLink: www. link, destination gets "http://"
	fiRef               // Link: has a reference
)

// nilNode is goldmark's untyped nil; typedNil is a nil *Delimiter held in
// an ast.Node interface, which goldmark's link bottoms use and which
// compares unequal to nil and to every node.
const (
	nilNode  = -1
	typedNil = -2
)

// emitted is what an inline parser returns for what it flattened itself,
// making no node.
const emitted = -3

type fiNode struct {
	parent, first, last, prev, next int32
	prevDelim, nextDelim            int32
	kind, flags, char               byte
	start, stop                     int // segment (Text, Delimiter, label, AutoLink label, RawHTML span)
	pos                             int // goldmark's Pos(); -1 when unset
	length, origLength              int // Delimiter; length indexes links for Link and Image
}

// fiLinkData is a link's destination, title and reference label, kept
// apart so that nodes hold no pointers.
type fiLinkData struct{ dest, title, ref []byte }

type fiSeg struct{ start, stop int }

// fiPos is a reader position: line index and the current segment.
type fiPos struct{ line, start, stop int }

type fiParser struct {
	b    *builder
	src  []byte
	segs []fiSeg
	task bool

	// blockReader state
	line, start, stop, last int

	nodes                 []fiNode
	links                 []fiLinkData
	delimFirst, delimLst  int32
	labels                []int32 // open link labels, innermost last
	bottoms               []int32 // link bottoms, in step with labels
	vbuf                  []byte  // values spanning lines (labels, titles)
	tbuf                  []byte  // raw HTML stream for the tag matcher
	cell                  int8    // table cell: 0 unknown, 1 yes, -1 no, -2 can't tell
	atLine, atFrom, atOff int     // next "@" at or after atFrom on line atLine, or -1
	fail                  bool
	bsLine                int  // the line of the last backslash the inline loop met, or -1
	quiet                 bool // the block has no "@"

	// A block's Links come from one slab and their strings are parts of
	// one string, made when the block is done: two allocations per block
	// with links rather than up to five per link.
	pending []fiString // the block's Links so far
	sbuf    []byte     // their strings, one after another

	pt      *plainText // the block's plain text, which flatten appends to
	emitted bool       // direct has flattened some of the block
	amatch  [][4]int   // fiAnchorAttrs' matches
}

func (p *fiParser) release() {
	clear(p.links)
	p.links = p.links[:0]
	p.pending, p.pt = p.pending[:0], nil
	p.b, p.src = nil, nil
}

// newLink makes a link node with its data.
func (p *fiParser) newLink(dest, title, ref []byte) int32 {
	n := p.newNode(fiLink)
	p.nodes[n].length = len(p.links)
	p.links = append(p.links, fiLinkData{dest, title, ref})
	return n
}

func (p *fiParser) run(b *builder, lines *text.Segments, task bool) (*plainText, bool) {
	p.b, p.src, p.task = b, b.src, task
	p.segs = p.segs[:0]
	p.nodes, p.links = p.nodes[:0], p.links[:0]
	p.labels, p.bottoms = p.labels[:0], p.bottoms[:0]
	p.vbuf = p.vbuf[:0]
	p.delimFirst, p.delimLst = nilNode, nilNode
	p.cell, p.fail = 0, false
	p.bsLine, p.quiet = -1, false
	p.sbuf, p.pending = p.sbuf[:0], p.pending[:0]
	p.atLine = -1
	if lines != nil {
		// Sliced, not At: At copies each segment.
		segs := lines.Sliced(0, lines.Len())
		n, prev := len(segs), 0
		for i := range segs {
			s := &segs[i]
			// Padding (tabs partly eaten by indentation) and forced
			// newlines make goldmark's values differ from the source
			// bytes; goldmark gives neither to inline blocks, but be sure.
			if s.Padding != 0 || s.ForceNewline || s.Start < prev || s.Stop > len(p.src) || s.Start > s.Stop ||
				i < n-1 && s.Start == s.Stop {
				return nil, false
			}
			prev = s.Stop
			p.segs = append(p.segs, fiSeg{s.Start, s.Stop})
		}
	}
	// Most blocks have no e-mail address: testing that once for the block
	// spares most tests of where linkify may match.
	if len(p.segs) > 0 {
		p.quiet = bytes.IndexByte(p.src[p.segs[0].start:p.segs[len(p.segs)-1].stop], '@') < 0
	}
	pt := &b.scratch
	pt.buf, pt.runs, pt.code, pt.protected = pt.buf[:0], pt.runs[:0], pt.code[:0], pt.protected[:0]
	pt.links, pt.anchors = pt.links[:0], pt.anchors[:0]
	p.pt, p.emitted = pt, false
	p.newNode(fiBlock)
	p.parse()
	p.processDelimiters(nilNode)
	p.closeBlock()
	// goldmark's delimiter list outlives the block when a delimiter is
	// not where ClearDelimiters looks for it; we cannot follow that.
	if p.delimFirst != nilNode || p.fail {
		return nil, false
	}
	for c := p.nodes[0].first; c >= 0; c = p.nodes[c].next {
		p.flatten(pt, c)
	}
	if p.fail {
		return nil, false
	}
	if len(p.pending) > 0 {
		all := string(p.sbuf)
		slab := make([]Link, len(p.pending))
		for i := range p.pending {
			q := &p.pending[i]
			l := &slab[i]
			*l = Link{Span: q.span, Auto: q.auto, Image: q.image}
			l.Destination, l.Title = all[q.dest.start:q.dest.stop], all[q.title.start:q.title.stop]
			l.Text, l.Ref = all[q.text.start:q.text.stop], all[q.ref.start:q.ref.stop]
			if q.refIsText {
				l.Ref = l.Text
			}
			pt.links[q.at].link = l
		}
	}
	return pt, true
}

// direct reports whether text at the block's top level can go straight
// into the plain text rather than into a node: when no delimiter or link
// label is pending, nothing that follows can move what came before. The
// nodes made before, if any, are flattened first: they are final too.
// Most text of a spec is such text, and making, linking and later walking
// its nodes was much of the work.
//
// The text must also flatten as it would in goldmark's node, which may
// merge it with text before and after it on the line (text never merges
// across lines): appendText of a merged node is appendText of its parts
// unless one has a backslash (appendText stops unescaping a node at a
// backslash that escapes nothing). So a line with a backslash keeps its
// nodes.
func (p *fiParser) direct() bool {
	return p.bsLine != p.line && p.flush()
}

// flush flattens the nodes made so far when nothing pending (a delimiter
// or a link label) can still move them, and reports whether it could.
func (p *fiParser) flush() bool {
	if p.delimFirst != nilNode || len(p.labels) > 0 {
		return false
	}
	for c := p.nodes[0].first; c >= 0; {
		next := p.nodes[c].next
		p.flatten(p.pt, c)
		p.nodes[c].parent, p.nodes[c].prev, p.nodes[c].next = nilNode, nilNode, nilNode
		c = next
		p.emitted = true
	}
	p.nodes[0].first, p.nodes[0].last = nilNode, nilNode
	return true
}

// emit is text at the top level when direct allows it.
func (p *fiParser) emit(start, stop int) {
	p.pt.appendSrc(p.src[start:stop], start)
	p.emitted = true
}

// fiString is a Link to make, and where its strings are in
// fiParser.sbuf. It holds no pointers, so that recording one costs no
// write barriers.
type fiString struct {
	span                   Span
	at                     int   // its index in plainText.links
	dest, title, text, ref fiSeg // where its strings are
	auto, image            bool
	refIsText              bool // Ref is Text (a collapsed or shortcut reference)
}

// addString appends b to sbuf and says where it is.
func (p *fiParser) addString(b []byte) fiSeg {
	start := len(p.sbuf)
	p.sbuf = append(p.sbuf, b...)
	return fiSeg{start, len(p.sbuf)}
}

// ---- the node arena (goldmark's ast.BaseNode operations) ----

func (p *fiParser) newNode(kind byte) int32 {
	n := len(p.nodes)
	if n == cap(p.nodes) {
		p.nodes = append(p.nodes, fiNode{})
	}
	p.nodes = p.nodes[:n+1]
	// Field by field: append of a composite literal built it on the stack
	// first and copied it.
	nd := &p.nodes[n]
	nd.parent, nd.first, nd.last, nd.prev, nd.next = nilNode, nilNode, nilNode, nilNode, nilNode
	nd.prevDelim, nd.nextDelim = nilNode, nilNode
	nd.kind, nd.flags, nd.char = kind, 0, 0
	nd.start, nd.stop, nd.pos, nd.length, nd.origLength = 0, 0, -1, 0, 0
	return int32(n)
}

func (p *fiParser) newText(start, stop int) int32 {
	n := p.newNode(fiText)
	p.nodes[n].start, p.nodes[n].stop = start, stop
	return n
}

func (p *fiParser) removeChild(parent, v int32) {
	nv := &p.nodes[v]
	if nv.parent != parent {
		return
	}
	prev, next := nv.prev, nv.next
	if prev >= 0 {
		p.nodes[prev].next = next
	} else {
		p.nodes[parent].first = next
	}
	if next >= 0 {
		p.nodes[next].prev = prev
	} else {
		p.nodes[parent].last = prev
	}
	nv.parent, nv.prev, nv.next = nilNode, nilNode, nilNode
}

func (p *fiParser) isolate(v int32) {
	if par := p.nodes[v].parent; par >= 0 {
		p.removeChild(par, v)
	}
}

func (p *fiParser) appendChild(parent, v int32) {
	p.isolate(v)
	np := &p.nodes[parent]
	if np.first < 0 {
		np.first = v
		p.nodes[v].next, p.nodes[v].prev = nilNode, nilNode
	} else {
		last := np.last
		p.nodes[last].next = v
		p.nodes[v].prev = last
	}
	p.nodes[v].parent = parent
	np.last = v
}

func (p *fiParser) insertBefore(parent, v1, v int32) {
	if v1 < 0 {
		p.appendChild(parent, v)
		return
	}
	p.isolate(v)
	if p.nodes[v1].parent != parent {
		return
	}
	prev := p.nodes[v1].prev
	if prev >= 0 {
		p.nodes[prev].next = v
		p.nodes[v].prev = prev
	} else {
		p.nodes[parent].first = v
		p.nodes[v].prev = nilNode
	}
	p.nodes[v].next = v1
	p.nodes[v1].prev = v
	p.nodes[v].parent = parent
}

func (p *fiParser) insertAfter(parent, v1, v int32) {
	p.insertBefore(parent, p.nodes[v1].next, v)
}

func (p *fiParser) replaceChild(parent, v1, v int32) {
	p.insertBefore(parent, v1, v)
	p.removeChild(parent, v1)
}

// mergeOrAppendText is ast.MergeOrAppendTextSegment on the block.
func (p *fiParser) mergeOrAppendText(start, stop int) {
	if p.direct() {
		p.emit(start, stop)
		return
	}
	if l := p.nodes[0].last; l >= 0 {
		t := &p.nodes[l]
		if t.kind == fiText && t.stop == start && t.flags&fiSoft == 0 {
			t.stop = stop
			return
		}
	}
	p.appendChild(0, p.newText(start, stop))
}

// mergeOrReplaceText is ast.MergeOrReplaceTextSegment.
func (p *fiParser) mergeOrReplaceText(parent, n int32, start, stop int) {
	if prev := p.nodes[n].prev; prev >= 0 {
		t := &p.nodes[prev]
		if t.kind == fiText && t.stop == start && t.flags&fiSoft == 0 {
			t.stop = stop
			p.removeChild(parent, n)
			return
		}
	}
	p.replaceChild(parent, n, p.newText(start, stop))
}

// ---- text.blockReader over the segments ----

func (p *fiParser) pos() fiPos { return fiPos{p.line, p.start, p.stop} }

func (p *fiParser) setPos(q fiPos) { p.line, p.start, p.stop = q.line, q.start, q.stop }

func (p *fiParser) resetPosition() {
	p.line, p.start, p.stop, p.last = -1, -1, -1, 0
	if len(p.segs) > 0 {
		p.last = p.segs[len(p.segs)-1].stop
	}
	p.advanceLine()
}

func (p *fiParser) advanceLine() {
	p.line++
	if p.line < len(p.segs) {
		p.start, p.stop = p.segs[p.line].start, p.segs[p.line].stop
	}
}

func (p *fiParser) peekLine() []byte {
	if p.line < len(p.segs) && p.start >= 0 && p.start < p.last {
		return p.src[p.start:p.stop]
	}
	return nil
}

const fiEOF = 0xff

func (p *fiParser) peek() byte {
	if p.line < len(p.segs) && p.start >= 0 && p.start < p.last {
		return p.src[p.start]
	}
	return fiEOF
}

func (p *fiParser) advance(n int) {
	if n < p.stop-p.start {
		p.start += n
		return
	}
	// blockReader steps one byte at a time: past a line's last byte it
	// moves to the next line, except on the block's last line.
	for n > 0 {
		if p.stop >= p.last {
			p.start += n
			return
		}
		rem := max(p.stop-1-p.start, 0)
		if n <= rem {
			p.start += n
			return
		}
		p.start += rem
		n -= rem + 1
		p.advanceLine()
	}
}

func (p *fiParser) precedingChar() rune {
	if len(p.segs) < 1 || p.line == 0 && p.start <= p.segs[0].start {
		return '\n'
	}
	i := p.start - 1
	for ; i < len(p.src) && i >= 0; i-- {
		if utf8.RuneStart(p.src[i]) {
			break
		}
	}
	if i < 0 || i >= len(p.src) {
		return '\n'
	}
	r, _ := utf8.DecodeRune(p.src[i:])
	return r
}

// skipSpaces is text's skipSpacesReader: it crosses lines.
func (p *fiParser) skipSpaces() {
	for {
		line := p.peekLine()
		if line == nil {
			return
		}
		for _, c := range line {
			if !util.IsSpace(c) {
				return
			}
			p.advance(1)
		}
	}
}

// value is blockReader.Value: the bytes of [start, stop) that lie in the
// block's segments (container markers between lines left out).
func (p *fiParser) value(start, stop int) []byte {
	line := len(p.segs) - 1
	for ; line >= 0; line-- {
		if start >= p.segs[line].start {
			break
		}
	}
	if line >= 0 && stop <= p.segs[line].stop {
		if start >= stop {
			return nil
		}
		return p.src[start:stop]
	}
	from := len(p.vbuf)
	i := start
	for ; line < len(p.segs); line++ {
		s := p.segs[max(line, 0)]
		if i < 0 {
			i = s.start
		}
		if j := min(stop, s.stop); i < j {
			p.vbuf = append(p.vbuf, p.src[i:j]...)
		}
		i = -1
		if s.stop > stop {
			break
		}
	}
	return p.vbuf[from:len(p.vbuf):len(p.vbuf)]
}

// ---- parser.parseBlock ----

func (p *fiParser) parse() {
	escaped := false
	p.resetPosition()
lines:
	for {
		line := p.peekLine()
		if line == nil {
			break
		}
		lineLength := len(line)
		var hard, visible, soft bool
		hasNewLine := line[lineLength-1] == '\n'
		switch {
		case hasNewLine && (lineLength >= 3 && line[lineLength-2] == '\\' && line[lineLength-3] != '\\' ||
			lineLength == 2 && line[0] == '\\'):
			lineLength -= 2
			hard, visible = true, true
		case hasNewLine && (lineLength >= 4 && line[lineLength-3] == '\\' && line[lineLength-2] == '\r' && line[lineLength-4] != '\\' ||
			lineLength == 3 && line[0] == '\\' && line[1] == '\r'):
			lineLength -= 3
			hard, visible = true, true
		case hasNewLine && lineLength >= 3 && line[lineLength-3] == ' ' && line[lineLength-2] == ' ':
			lineLength -= 3
			hard = true
		case hasNewLine && lineLength >= 4 && line[lineLength-4] == ' ' && line[lineLength-3] == ' ' && line[lineLength-2] == '\r':
			lineLength -= 4
			hard = true
		case hasNewLine:
			soft = true
		}
		// startPos is goldmark's startPosition where it matters: at the
		// line head and after the last trigger whose parser ran. Between
		// such triggers goldmark also splits the text at every space, in
		// vain unless linkify matches there, and merges the pieces again;
		// the fast path splits only where it parses, and at the line's
		// end where goldmark's last split was.
		l, startPos := p.line, p.start
		n, at := 0, -2 // at: index in line of the next "@", -1 none, -2 unknown
		// Most lines have no e-mail address: the scan below then passes
		// spaces as it passes letters, and looks out for URLs.
		quiet := p.quiet || bytes.IndexByte(line, '@') < 0
		for i := 0; i < lineLength; i++ {
			if i != 0 && !escaped {
				// The common case: a run of bytes no parser looks at,
				// and spaces where linkify cannot match (a URL starts
				// with h, f or w, an e-mail address with a letter or
				// digit and has an "@" later on the line).
				j, ln, inLabel := i, line[:lineLength], len(p.labels) > 0
				class := &fiClass
				if inLabel || quiet {
					class = &fiQuietClass
					if !inLabel {
						class = &fiWatchClass
					}
				}
				for j < len(ln) {
					if class != &fiClass {
						if j = fiSkipQuiet(ln, j, class); j >= len(ln) {
							break
						}
					}
					c := ln[j]
					if k := class[c]; k == fiSkip {
						j++
						continue
					} else if k == fiStop {
						break
					} else if k == fiWatch {
						// Stop at the space before a URL, as at the
						// spaces of fiClass (those before this scan
						// went through linkifyMay).
						if s := fiURLSpace(ln, i, j); s >= 0 {
							j = s
							break
						}
						j++
						continue
					}
					if !inLabel && j+1 < len(line) {
						if d := line[j+1]; (d == 'h' || d == 'f' || d == 'w') && fiURLPrefix(line[j+1:]) {
							break
						} else if fiAlnum[d] {
							if at == -2 || at >= 0 && at <= j {
								at = bytes.IndexByte(line[j+1:], '@')
								if at >= 0 {
									at += j + 1
								}
							}
							if at >= 0 {
								break
							}
						}
					}
					j++
				}
				n += j - i
				if i = j; i >= lineLength {
					break
				}
			}
			c := line[i]
			if c == '\n' {
				break
			}
			isSpace := util.IsSpace(c) && c != '\r'
			isPunct := util.IsPunct(c)
			// "(" has only linkify's parser: where that cannot match, the
			// split and the parser's failure would change nothing, but on
			// a line with a backslash before (see direct).
			if (isPunct && !escaped || isSpace || i == 0) && (isPunct && c != '(' || p.linkifyMay(line[i:], p.start+n) || c == '(' && p.bsLine == p.line) {
				pc := c
				if isSpace || i == 0 && !isPunct {
					pc = ' '
				}
				if fiTrigger(pc) {
					p.advance(n)
					n = 0
					saved := p.pos()
					if i != 0 {
						p.mergeOrAppendText(startPos, p.start)
						startPos = p.start
					}
					if node := p.inline(pc, saved); node >= 0 {
						if p.nodes[node].pos < 0 {
							p.nodes[node].pos = startPos
						}
						p.appendChild(0, node)
						if nd := &p.nodes[node]; nd.kind == fiDelim && nd.flags&fiClose != 0 && len(p.labels) == 0 && p.bsLine != p.line {
							p.matchDelimiters(nilNode)
						}
						continue lines
					} else if node == emitted {
						continue lines
					}
				}
			}
			if escaped {
				escaped = false
				n++
				continue
			}
			if c == '\\' {
				escaped = true
				p.bsLine = p.line
			}
			n++
		}
		if n != 0 {
			p.advance(n)
		}
		if p.line != l {
			continue
		}
		// goldmark's last text node starts at the line's last space or
		// tab (all trigger linkify, in vain); the text before it is one
		// node with what it merges into. The split matters: it bounds the
		// trimming of trailing spaces, and appendText stops unescaping a
		// node at a backslash that escapes nothing. On a line without
		// backslashes only the first matters, and one node will do.
		stop := p.start
		split := -1
		// Neither bound matters on a line without backslashes whose text
		// ends in no space: spare the search.
		if p.bsLine == p.line || stop > startPos && util.IsSpace(p.src[stop-1]) {
			for q := stop - 1; q > startPos; q-- {
				if c := p.src[q]; c == ' ' || c == '\t' {
					split = q
					break
				}
			}
		}
		if split >= 0 && p.bsLine == p.line {
			p.mergeOrAppendText(startPos, split)
			startPos = split
		}
		if !hard || !visible {
			stop -= util.TrimRightSpaceLength(p.src[max(startPos, split):stop])
		}
		var t int32
		if p.direct() {
			p.emit(startPos, stop)
			if soft || hard {
				p.pt.appendBreak(stop)
			}
			p.advanceLine()
			continue
		}
		if split > startPos {
			// Adjacent text nodes without backslashes flatten as one.
			p.mergeOrAppendText(startPos, stop)
			t = p.nodes[0].last
		} else {
			t = p.newText(startPos, stop)
			p.appendChild(0, t)
		}
		if soft {
			p.nodes[t].flags |= fiSoft
		}
		if hard {
			p.nodes[t].flags |= fiHard
		}
		p.advanceLine()
	}
}

// atAhead reports an "@" on the current line after off; an e-mail address
// needs one. The position of the next "@" is cached: spaces come often.
func (p *fiParser) atAhead(off int) bool {
	if p.atLine != p.line || p.atFrom > off || p.atOff >= 0 && p.atOff <= off {
		p.atLine, p.atFrom = p.line, off
		p.atOff = -1
		if off < p.stop {
			if i := bytes.IndexByte(p.src[off:p.stop], '@'); i >= 0 {
				p.atOff = off + i
			}
		}
	}
	return p.atOff > off
}

// Byte classes of the inline loop's fast scan.
const (
	fiSkip  = iota // triggers nothing and changes no state; or a tab, where linkify never matches
	fiSpace        // a space: linkify may match after it
	fiStop         // a trigger, a backslash, a line feed
	fiWatch        // a ':' or '.' that may end "http:", "https:", "ftp:" or "www."
)

// fiClass classes bytes for the fast scan; fiAlnum marks ASCII letters
// and digits, with which an e-mail address starts.
var fiClass, fiAlnum = func() (t [256]byte, a [256]bool) {
	for c := range 256 {
		b := byte(c)
		switch {
		case b == ' ':
			t[c] = fiSpace
		case b == '\t' || !fiTrigger(b) && b != '\\' && (!util.IsSpace(b) || b == '\r'):
			t[c] = fiSkip
		default:
			t[c] = fiStop
		}
		a[c] = util.IsAlphaNumeric(b)
	}
	return t, a
}()

// fiQuietClass is fiClass where linkify cannot match (in a link label):
// spaces are skipped. fiWatchClass is fiClass where linkify cannot match
// an e-mail address (on a line without "@"): it looks out for the
// rarer bytes of URLs, ':' and '.', rather than at each space.
var fiQuietClass, fiWatchClass = func() (q, w [256]byte) {
	q = fiClass
	q[' '] = fiSkip
	w = q
	w[':'], w['.'] = fiWatch, fiWatch
	return q, w
}()

// fiURLSpace is the index of the space in ln before "http:", "https:",
// "ftp:" or "www." whose ':' or '.' is at j, if it is at i or after, or -1.
func fiURLSpace(ln []byte, i, j int) int {
	if j < 1 {
		return -1
	}
	var s string
	switch c := ln[j-1]; {
	case ln[j] == '.':
		if c != 'w' {
			return -1
		}
		s = "www"
	case c == 's':
		s = "https"
	case c == 'p' && j >= 4 && ln[j-4] == 'h':
		s = "http"
	case c == 'p':
		s = "ftp"
	default:
		return -1
	}
	if k := j - len(s) - 1; k >= i && ln[k] == ' ' && string(ln[k+1:j]) == s {
		return k
	}
	return -1
}

// fiSkipQuiet returns the index of the first byte of ln at or after j
// that class (fiQuietClass or fiWatchClass) does not skip. Most bytes
// are skipped: it tests four at a time (fiSkip is 0).
func fiSkipQuiet(ln []byte, j int, class *[256]byte) int {
	for ; j+4 <= len(ln); j += 4 {
		if class[ln[j]]|class[ln[j+1]]|class[ln[j+2]]|class[ln[j+3]] != fiSkip {
			break
		}
	}
	for ; j < len(ln); j++ {
		if class[ln[j]] != fiSkip {
			return j
		}
	}
	return j
}

// fiMayHaveAnchor is a necessary condition for anchorAttr to match raw:
// "name" or "id" (in any case, which (?i) folds in ASCII only for these
// letters) before an "=", with only \s between.
func fiMayHaveAnchor(raw []byte) bool {
	for i := 0; i < len(raw); i++ {
		k := bytes.IndexByte(raw[i:], '=')
		if k < 0 {
			return false
		}
		i += k
		j := i
		for j > 0 && fiReSpace(raw[j-1]) {
			j--
		}
		if j >= 2 && raw[j-2]|0x20 == 'i' && raw[j-1]|0x20 == 'd' ||
			j >= 4 && raw[j-4]|0x20 == 'n' && raw[j-3]|0x20 == 'a' && raw[j-2]|0x20 == 'm' && raw[j-1]|0x20 == 'e' {
			return true
		}
	}
	return false
}

// fiAnchorAttrs is anchorAttr.FindAllSubmatchIndex(raw, -1) written out,
// as the regexp was a good part of the fast path's time on specs that
// have many <a name> anchors. Each match is {start, end, value start,
// value end}, the value being whichever of groups 3 to 5 matched. It
// returns false, to leave raw to the regexp, for a tag name with
// non-ASCII bytes: (?i)[a-z] also matches U+017F and U+212A.
//
// The regexp is deterministic but for the lazy [^>]*?, which takes the
// first "name" or "id" after the tag name, up to the first ">", from
// which an attribute value follows; every other part can match only its
// longest run.
func fiAnchorAttrs(raw []byte, dst [][4]int) ([][4]int, bool) {
	for s := 0; s < len(raw); s++ {
		if raw[s] != '<' {
			continue
		}
		t := s + 1
		if t >= len(raw) || !isAlpha(raw[t]) {
			if t < len(raw) && raw[t] >= 0x80 {
				return dst, false
			}
			continue
		}
		for t < len(raw) && (isAlpha(raw[t]) || raw[t] >= '0' && raw[t] <= '9') {
			t++
		}
		if t < len(raw) && raw[t] >= 0x80 {
			return dst, false
		}
		if t >= len(raw) || !fiReSpace(raw[t]) {
			continue
		}
		for k := t + 1; k < len(raw) && raw[k] != '>'; k++ {
			if fiWordByte(raw[k-1]) {
				continue // \b
			}
			var v int
			switch {
			case k+4 <= len(raw) && raw[k]|0x20 == 'n' && raw[k+1]|0x20 == 'a' && raw[k+2]|0x20 == 'm' && raw[k+3]|0x20 == 'e':
				v = k + 4
			case k+2 <= len(raw) && raw[k]|0x20 == 'i' && raw[k+1]|0x20 == 'd':
				v = k + 2
			default:
				continue
			}
			for v < len(raw) && fiReSpace(raw[v]) {
				v++
			}
			if v >= len(raw) || raw[v] != '=' {
				continue
			}
			v++
			for v < len(raw) && fiReSpace(raw[v]) {
				v++
			}
			if v >= len(raw) {
				continue
			}
			var m [4]int
			switch c := raw[v]; c {
			case '"', '\'':
				e := bytes.IndexByte(raw[v+1:], c)
				if e < 0 {
					continue
				}
				m = [4]int{s, v + 1 + e + 1, v + 1, v + 1 + e}
			default:
				e := v
				for e < len(raw) && !fiReSpace(raw[e]) && raw[e] != '"' && raw[e] != '\'' && raw[e] != '>' && raw[e] != '/' {
					e++
				}
				if e == v {
					continue
				}
				m = [4]int{s, e, v, e}
			}
			dst = append(dst, m)
			s = m[1] - 1 // the next match starts after this one
			break
		}
	}
	return dst, true
}

// fiReSpace is the regexp's \s.
func fiReSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

// fiWordByte is the regexp's \w, which \b looks at.
func fiWordByte(c byte) bool { return isAlpha(c) || c >= '0' && c <= '9' || c == '_' }

// fiTrigger reports the characters that have inline parsers: goldmark's
// defaults, GFM's linkify (' ' stands for any space and a line head),
// strikethrough and task list, and footnotes.
func fiTrigger(c byte) bool {
	switch c {
	case '`', '!', '[', ']', '<', '*', '_', '~', '(', ' ':
		return true
	}
	return false
}

// inline runs the parsers of trigger c in goldmark's priority order,
// restoring the position after each that fails.
func (p *fiParser) inline(c byte, saved fiPos) int32 {
	for k := 0; ; k++ {
		n, more := p.tryParser(c, k)
		if n >= 0 || n == emitted {
			return n
		}
		p.setPos(saved)
		if !more {
			return nilNode
		}
	}
}

// tryParser runs the k-th parser of trigger c; more tells whether another
// follows. The orders: task list (0), footnote (101), link (200); code
// span; autolink (300), raw HTML (400); emphasis and strikethrough (500),
// linkify (999).
func (p *fiParser) tryParser(c byte, k int) (n int32, more bool) {
	switch c {
	case '`':
		return p.parseCodeSpan(), false
	case '!':
		if k == 0 {
			return p.parseFootnote(), true
		}
		return p.parseLink(), false
	case '[':
		switch k {
		case 0:
			return p.parseTask(), true
		case 1:
			return p.parseFootnote(), true
		}
		return p.parseLink(), false
	case ']':
		return p.parseLink(), false
	case '<':
		if k == 0 {
			return p.parseAutoLink(), true
		}
		return p.parseRawHTML(), false
	case '*', '_':
		return p.parseDelimiter(c), false
	case '~':
		if k == 0 {
			return p.parseDelimiter(c), true
		}
	}
	return p.parseLinkify(), false // '~' second, '(' and spaces
}

// ---- code spans (parser/code_span.go) ----

func (p *fiParser) parseCodeSpan() int32 {
	line := p.peekLine()
	startSeg := p.start
	opener := 0
	for opener < len(line) && line[opener] == '`' {
		opener++
	}
	p.advance(opener)
	saved := p.pos()
	node := int32(nilNode) // made when needed: a span on one line may need none
	for {
		line := p.peekLine()
		if line == nil {
			p.setPos(saved)
			// Unclosed: the backticks are text.
			return p.newText(startSeg, startSeg+opener)
		}
		segStart := p.start
		for i := 0; i < len(line); i++ {
			if line[i] != '`' {
				continue
			}
			oldi := i
			for i < len(line) && line[i] == '`' {
				i++
			}
			if i-oldi == opener && (i >= len(line) || line[i] != '`') {
				stop := segStart + i - opener
				if node < 0 && p.flush() {
					// The span is on one line and final where it is: it
					// goes straight into the plain text.
					p.advance(i)
					p.emitCode(startSeg, segStart, stop)
					return emitted
				}
				if node < 0 {
					node = p.newNode(fiCode)
				}
				if stop > segStart {
					p.appendChild(node, p.newText(segStart, stop))
				}
				p.advance(i)
				p.trimCode(node)
				return node
			}
		}
		if node < 0 {
			node = p.newNode(fiCode)
		}
		p.appendChild(node, p.newText(segStart, p.stop))
		p.advanceLine()
	}
}

// emitCode flattens a code span on one line as flattenCode does its node:
// open is the opening backtick, [start, stop) the content that trimCode
// trims.
func (p *fiParser) emitCode(open, start, stop int) {
	pt := p.pt
	from := len(pt.buf)
	pt.appendSynthetic("`", open)
	last := open
	if stop > start {
		if c, d := p.src[start], p.src[stop-1]; (c == ' ' || c == '\n') && (d == ' ' || d == '\n') && !util.IsBlank(p.src[start:stop]) {
			start, stop = start+1, stop-1
		}
		p.appendCode(pt, start, stop)
		last = stop
	}
	p.closeCode(pt, from, last)
	p.emitted = true
}

// trimCode strips one space or newline from both ends of a code span
// that is not all blank.
func (p *fiParser) trimCode(node int32) {
	blank := true
	for c := p.nodes[node].first; c >= 0; c = p.nodes[c].next {
		if !util.IsBlank(p.src[p.nodes[c].start:p.nodes[c].stop]) {
			blank = false
			break
		}
	}
	if blank {
		return
	}
	first, last := &p.nodes[p.nodes[node].first], &p.nodes[p.nodes[node].last]
	spaceOrNL := func(c byte) bool { return c == ' ' || c == '\n' }
	if first.start < first.stop && spaceOrNL(p.src[first.start]) && last.start < last.stop && spaceOrNL(p.src[last.stop-1]) {
		first.start++
		last.stop--
	}
}

// ---- emphasis and strikethrough (parser/delimiter.go) ----

func (p *fiParser) parseDelimiter(c byte) int32 {
	before := p.precedingChar()
	line := p.peekLine()
	j := 0
	for j < len(line) && line[j] == c {
		j++
	}
	if c == '~' && (j > 2 || before == '~') {
		return nilNode
	}
	after := ' '
	if j != len(line) {
		after = util.ToRune(line, j)
	}
	beforePunct, beforeSpace := util.IsPunctRune(before), util.IsSpaceRune(before)
	afterPunct, afterSpace := util.IsPunctRune(after), util.IsSpaceRune(after)
	isLeft := !afterSpace && (!afterPunct || beforeSpace || beforePunct)
	isRight := !beforeSpace && (!beforePunct || afterSpace || afterPunct)
	canOpen, canClose := isLeft, isRight
	if c == '_' {
		canOpen = isLeft && (!isRight || beforePunct)
		canClose = isRight && (!isLeft || afterPunct)
	}
	n := p.newNode(fiDelim)
	d := &p.nodes[n]
	d.char, d.length, d.origLength = c, j, j
	if canOpen {
		d.flags |= fiOpen
	}
	if canClose {
		d.flags |= fiClose
	}
	d.start, d.stop = p.start, p.start+j
	p.advance(j)
	// PushDelimiter
	if p.delimFirst == nilNode {
		p.delimFirst, p.delimLst = n, n
	} else {
		l := p.delimLst
		p.delimLst = n
		p.nodes[l].nextDelim = n
		p.nodes[n].prevDelim = l
	}
	return n
}

func (p *fiParser) removeDelimiter(d int32) {
	dn := &p.nodes[d]
	if dn.prevDelim == nilNode {
		p.delimFirst = dn.nextDelim
	} else {
		p.nodes[dn.prevDelim].nextDelim = dn.nextDelim
		if dn.nextDelim != nilNode {
			p.nodes[dn.nextDelim].prevDelim = dn.prevDelim
		}
	}
	if dn.nextDelim == nilNode {
		p.delimLst = dn.prevDelim
	}
	if p.delimFirst != nilNode {
		p.nodes[p.delimFirst].prevDelim = nilNode
	}
	if p.delimLst != nilNode {
		p.nodes[p.delimLst].nextDelim = nilNode
	}
	dn.nextDelim, dn.prevDelim = nilNode, nilNode
	if dn.length != 0 {
		p.mergeOrReplaceText(dn.parent, d, dn.start, dn.stop)
	} else if dn.parent >= 0 {
		p.removeChild(dn.parent, d)
	}
}

// clearDelimiters walks back over the last delimiter's siblings, as
// goldmark does, turning delimiters into text.
func (p *fiParser) clearDelimiters(bottom int32) {
	if p.delimLst == nilNode {
		return
	}
	for c := p.delimLst; c >= 0 && c != bottom; {
		prev := p.nodes[c].prev
		if p.nodes[c].kind == fiDelim {
			p.removeDelimiter(c)
		}
		c = prev
	}
}

func (p *fiParser) consumption(opener, closer int32) int {
	o, c := &p.nodes[opener], &p.nodes[closer]
	if (o.flags&fiClose != 0 || c.flags&fiOpen != 0) && (o.origLength+c.origLength)%3 == 0 && c.origLength%3 != 0 {
		return 0
	}
	if o.length >= 2 && c.length >= 2 {
		return 2
	}
	return 1
}

func (p *fiParser) consume(d int32, n int) {
	dn := &p.nodes[d]
	dn.length -= n
	dn.stop = dn.start + dn.length
}

// processDelimiters is parser.ProcessDelimiters; bottom is a node,
// nilNode or typedNil.
func (p *fiParser) processDelimiters(bottom int32) {
	p.matchDelimiters(bottom)
	p.clearDelimiters(bottom)
}

// matchDelimiters is processDelimiters but for the final clearDelimiters:
// it makes the emphasis spans but leaves delimiters pending.
//
// The parse loop also calls it (with nilNode) whenever a delimiter that
// can close arrives outside link labels, which goldmark does only at the
// end of the block: pending delimiters make text go into nodes rather
// than straight into the plain text (see direct), and an early bold
// label would do so for its whole paragraph. It matches the same: closers
// are matched in order, each against the openers before it, which only
// the closers before it have changed; a closer left unmatched finds no
// match later either, when the end of the block visits it again; spans
// are made before later links, but those lie after them. (Link labels
// keep their goldmark bottoms: the delimiters matched early are exactly
// those that no closer inside a later label could see.) A delimiter that
// becomes text early may merge with text that follows it on the line, as
// it would not in goldmark; on a line without backslashes so far that
// flattens the same (see direct).
func (p *fiParser) matchDelimiters(bottom int32) {
	last := p.delimLst
	if last == nilNode {
		return
	}
	closer := int32(nilNode)
	if bottom != nilNode {
		if bottom != last {
			for c := p.nodes[last].prev; c >= 0 && c != bottom; c = p.nodes[c].prev {
				if p.nodes[c].kind == fiDelim {
					closer = c
				}
			}
		}
	} else {
		closer = p.delimFirst
	}
	if closer == nilNode {
		return
	}
	for closer != nilNode {
		if p.nodes[closer].flags&fiClose == 0 {
			closer = p.nodes[closer].nextDelim
			continue
		}
		consume, found, maybeOpener := 0, false, false
		opener := p.nodes[closer].prevDelim
		for ; opener != nilNode && opener != bottom; opener = p.nodes[opener].prevDelim {
			if p.nodes[opener].flags&fiOpen != 0 && p.nodes[opener].char == p.nodes[closer].char {
				maybeOpener = true
				if consume = p.consumption(opener, closer); consume > 0 {
					found = true
					break
				}
			}
		}
		if !found {
			next := p.nodes[closer].nextDelim
			if !maybeOpener && p.nodes[closer].flags&fiOpen == 0 {
				p.removeDelimiter(closer)
			}
			closer = next
			continue
		}
		p.consume(opener, consume)
		p.consume(closer, consume)
		node := p.newNode(fiSpan)
		p.nodes[node].pos = p.nodes[opener].start
		parent := p.nodes[opener].parent
		for child := p.nodes[opener].next; child >= 0 && child != closer; {
			next := p.nodes[child].next
			p.appendChild(node, child)
			child = next
		}
		p.insertAfter(parent, opener, node)
		for c := p.nodes[opener].nextDelim; c != nilNode && c != closer; {
			next := p.nodes[c].nextDelim
			p.removeDelimiter(c)
			c = next
		}
		if p.nodes[opener].length == 0 {
			p.removeDelimiter(opener)
		}
		if p.nodes[closer].length == 0 {
			next := p.nodes[closer].nextDelim
			p.removeDelimiter(closer)
			closer = next
		}
	}
}

// ---- links and images (parser/link.go) ----

func (p *fiParser) pushBottom() {
	b := p.delimLst
	if b == nilNode {
		b = typedNil
	}
	p.bottoms = append(p.bottoms, b)
}

func (p *fiParser) popBottom() int32 {
	if len(p.bottoms) == 0 {
		return nilNode
	}
	b := p.bottoms[len(p.bottoms)-1]
	p.bottoms = p.bottoms[:len(p.bottoms)-1]
	return b
}

func (p *fiParser) openLabel(pos int, image bool) int32 {
	start := pos
	if image {
		start--
	}
	n := p.newNode(fiLabel)
	p.nodes[n].start, p.nodes[n].stop = start, pos+1
	if image {
		p.nodes[n].flags |= fiImg
	}
	p.labels = append(p.labels, n)
	p.advance(1)
	return n
}

// labelFail turns the label back into text and drops its bottom.
func (p *fiParser) labelFail(last int32) int32 {
	p.mergeOrReplaceText(p.nodes[last].parent, last, p.nodes[last].start, p.nodes[last].stop)
	p.popBottom()
	return nilNode
}

func (p *fiParser) parseLink() int32 {
	line := p.peekLine()
	segStart := p.start
	switch line[0] {
	case '!':
		if len(line) > 1 && line[1] == '[' {
			p.advance(1)
			p.pushBottom()
			return p.openLabel(segStart+1, true)
		}
		return nilNode
	case '[':
		p.pushBottom()
		return p.openLabel(segStart, false)
	}
	// ']'
	if len(p.labels) == 0 {
		return nilNode
	}
	last := p.labels[len(p.labels)-1]
	p.advance(1)
	p.labels = p.labels[:len(p.labels)-1]
	// goldmark measures from the first open label to the one now last.
	if len(p.labels) > 0 && p.nodes[p.labels[len(p.labels)-1]].stop-p.nodes[p.labels[0]].start > 998 {
		return p.labelFail(last)
	}
	if p.nodes[last].flags&fiImg == 0 && p.containsLink(last) {
		return p.labelFail(last)
	}
	c := p.peek()
	saved := p.pos()
	link := int32(nilNode)
	switch c {
	case '(':
		link = p.parseInlineLink(last)
	case '[':
		var hasValue bool
		link, hasValue = p.parseRefLink(last)
		if link < 0 && hasValue {
			return p.labelFail(last)
		}
	}
	if link < 0 {
		p.setPos(saved)
		ref := p.value(p.nodes[last].stop, segStart)
		if len(ref) > 999 {
			return p.labelFail(last)
		}
		t, ok := p.ref(ref)
		if !ok {
			return p.labelFail(last)
		}
		link = p.newLink(t.dest, t.title, ref)
		p.linkLabel(link, last)
		p.nodes[link].flags |= fiRef
	}
	if p.nodes[last].flags&fiImg != 0 {
		p.nodes[link].kind = fiImage
	}
	if par := p.nodes[last].parent; par >= 0 {
		p.removeChild(par, last)
	}
	p.nodes[link].pos = p.nodes[last].start
	return link
}

// ref looks a label up in the link reference definitions. Most labels
// are their own key (lower-case ASCII, single spaces, nothing to trim):
// util.ToLinkReference, which allocates, is for the others.
func (p *fiParser) ref(label []byte) (refTarget, bool) {
	if len(p.b.refs) == 0 {
		return refTarget{}, false
	}
	plain := len(label) > 0 && label[0] != ' ' && label[len(label)-1] != ' '
	for i := 0; plain && i < len(label); i++ {
		c := label[i]
		plain = c >= 0x21 && c < 0x7f && (c < 'A' || c > 'Z') || c == ' ' && label[i-1] != ' '
	}
	if plain {
		t, ok := p.b.refs[string(label)]
		return t, ok
	}
	t, ok := p.b.refs[util.ToLinkReference(label)]
	return t, ok
}

func (p *fiParser) containsLink(n int32) bool {
	for c := n; c >= 0; c = p.nodes[c].next {
		if p.nodes[c].kind == fiLink || p.containsLink(p.nodes[c].first) {
			return true
		}
	}
	return false
}

// linkLabel is processLinkLabel: the label's inlines become the link's.
func (p *fiParser) linkLabel(link, last int32) {
	p.processDelimiters(p.popBottom())
	for c := p.nodes[last].next; c >= 0; {
		next := p.nodes[c].next
		p.removeChild(0, c)
		p.appendChild(link, c)
		c = next
	}
}

func (p *fiParser) parseInlineLink(last int32) int32 {
	p.advance(1) // '('
	p.skipSpaces()
	var dest, title []byte
	if p.peek() == ')' {
		p.advance(1)
	} else {
		var ok bool
		if dest, ok = p.linkDestination(); !ok {
			return nilNode
		}
		p.skipSpaces()
		if p.peek() == ')' {
			p.advance(1)
		} else {
			if title, ok = p.linkTitle(); !ok {
				return nilNode
			}
			p.skipSpaces()
			if p.peek() != ')' {
				return nilNode
			}
			p.advance(1)
		}
	}
	link := p.newLink(dest, title, nil)
	p.linkLabel(link, last)
	return link
}

func (p *fiParser) linkDestination() ([]byte, bool) {
	p.skipSpaces()
	line := p.peekLine()
	if p.peek() == '<' {
		for i := 1; i < len(line); i++ {
			c := line[i]
			if c == '\\' && i < len(line)-1 && util.IsPunct(line[i+1]) {
				i++
				continue
			}
			if c == '>' {
				p.advance(i + 1)
				return line[1:i], true
			}
		}
		return nil, false
	}
	opened, i := 0, 0
	for i < len(line) {
		c := line[i]
		if c == '\\' && i < len(line)-1 && util.IsPunct(line[i+1]) {
			i += 2
			continue
		} else if c == '(' {
			opened++
		} else if c == ')' {
			opened--
			if opened < 0 {
				break
			}
		} else if util.IsSpace(c) {
			break
		}
		i++
	}
	p.advance(i)
	return line[:i], i != 0
}

func (p *fiParser) linkTitle() ([]byte, bool) {
	p.skipSpaces()
	opener := p.peek()
	if opener != '"' && opener != '\'' && opener != '(' {
		return nil, false
	}
	closer := opener
	if opener == '(' {
		closer = ')'
	}
	p.advance(1)
	from := p.start
	to, ok := p.findClosure(opener, closer)
	if !ok {
		return nil, false
	}
	return p.value(from, to), true
}

// findClosure is text's findClosureReader with goldmark's link options (no
// nesting, across lines, advancing): it returns the closer's offset.
func (p *fiParser) findClosure(opener, closer byte) (int, bool) {
	for {
		bs := p.peekLine()
		if bs == nil {
			return 0, false
		}
		segStart := p.start
		for i := 0; i < len(bs); i++ {
			c := bs[i]
			if c == '\\' && i < len(bs)-1 && util.IsPunct(bs[i+1]) {
				i++
				continue
			}
			if c == closer {
				p.advance(i + 1)
				return segStart + i, true
			}
			if c == opener {
				return 0, false
			}
		}
		p.advanceLine()
	}
}

func (p *fiParser) parseRefLink(last int32) (int32, bool) {
	org := p.start
	p.advance(1) // '['
	from := p.start
	to, ok := p.findClosure('[', ']')
	if !ok {
		return nilNode, false
	}
	ref := p.value(from, to)
	if util.IsBlank(ref) { // collapsed: [text][]
		ref = p.value(p.nodes[last].stop, org-1)
	}
	if len(ref) > 999 {
		return nilNode, true
	}
	t, found := p.ref(ref)
	if !found {
		return nilNode, true
	}
	link := p.newLink(t.dest, t.title, ref)
	p.linkLabel(link, last)
	p.nodes[link].flags |= fiRef
	return link, true
}

// ---- footnote references and task checkboxes (extension/) ----

func (p *fiParser) parseFootnote() int32 {
	line := p.peekLine()
	segStart := p.start
	pos := 1
	if line[0] == '!' {
		pos++
	}
	if pos >= len(line) || line[pos] != '^' {
		return nilNode
	}
	pos++
	if pos >= len(line) {
		return nilNode
	}
	open := pos
	closure := fiFindClosure(line[pos:min(len(line), pos+999)])
	if closure < 0 {
		return nilNode
	}
	closes := pos + closure
	label := p.src[segStart+open : segStart+closes]
	p.advance(closes + 1)
	if !p.b.footnotes[string(label)] {
		return nilNode
	}
	p.b.footnoteUses = append(p.b.footnoteUses, string(label))
	if line[0] == '!' {
		p.appendChild(0, p.newText(segStart, segStart+1))
	}
	return p.newNode(fiFootnote)
}

// fiFindClosure is util.FindClosure(bs, '[', ']', false, false).
func fiFindClosure(bs []byte) int {
	for i := 0; i < len(bs); i++ {
		switch c := bs[i]; {
		case c == '\\' && i < len(bs)-1 && util.IsPunct(bs[i+1]):
			i++
		case c == ']':
			return i
		case c == '[':
			return -1
		}
	}
	return -1
}

// parseTask matches `^\[([\sxX])\]\s*` at the head of a list item's first
// block.
func (p *fiParser) parseTask() int32 {
	if !p.task || p.nodes[0].first >= 0 || p.emitted {
		return nilNode
	}
	line := p.peekLine()
	reSpace := func(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }
	if len(line) < 3 || line[2] != ']' || !reSpace(line[1]) && line[1] != 'x' && line[1] != 'X' {
		return nilNode
	}
	i := 3
	for i < len(line) && reSpace(line[i]) {
		i++
	}
	p.advance(i)
	return p.newNode(fiTask)
}

// ---- autolinks and raw HTML (parser/auto_link.go, raw_html.go) ----

func (p *fiParser) parseAutoLink() int32 {
	line := p.peekLine()
	segStart := p.start
	stop := util.FindEmailIndex(line[1:])
	if stop < 0 {
		stop = util.FindURLIndex(line[1:])
	}
	if stop < 0 {
		return nilNode
	}
	stop++
	if stop >= len(line) || line[stop] != '>' {
		return nilNode
	}
	n := p.newNode(fiAuto)
	p.nodes[n].start, p.nodes[n].stop = segStart+1, segStart+stop
	p.advance(stop + 1)
	return n
}

func (p *fiParser) parseRawHTML() int32 {
	line := p.peekLine()
	switch {
	case len(line) > 1 && util.IsAlphaNumeric(line[1]):
		return p.parseTag(false)
	case len(line) > 2 && line[1] == '/' && util.IsAlphaNumeric(line[2]):
		return p.parseTag(true)
	case bytes.HasPrefix(line, []byte("<!--")):
		return p.parseComment()
	case bytes.HasPrefix(line, []byte("<?")):
		return p.parseUntil([]byte("?>"))
	case len(line) > 2 && line[1] == '!' && line[2] >= 'A' && line[2] <= 'Z':
		return p.parseUntil([]byte(">"))
	case bytes.HasPrefix(line, []byte("<![CDATA[")):
		return p.parseUntil([]byte("]]>"))
	}
	return nilNode
}

func (p *fiParser) htmlNode(start, stop int) int32 {
	n := p.newNode(fiHTML)
	p.nodes[n].start, p.nodes[n].stop = start, stop
	return n
}

// parseComment ignores goldmark's per-document cache of failed searches:
// within a block, or over blocks in source order, it changes nothing. With
// footnotes goldmark parses blocks out of source order (definitions sit
// where the first one is), so there a failed search falls back.
func (p *fiParser) parseComment() int32 {
	saved := p.pos()
	line := p.peekLine()
	start := p.start
	for _, empty := range []string{"<!-->", "<!--->"} {
		if bytes.HasPrefix(line, []byte(empty)) {
			p.advance(len(empty))
			return p.htmlNode(start, start+len(empty))
		}
	}
	offset := 4
	line = line[offset:]
	for {
		if i := bytes.Index(line, []byte("-->")); i >= 0 {
			end := p.start + offset + i + 3
			p.advance(offset + i + 3)
			return p.htmlNode(start, end)
		}
		offset = 0
		p.advanceLine()
		if line = p.peekLine(); line == nil {
			break
		}
	}
	p.failedSearch()
	p.setPos(saved)
	return nilNode
}

// failedSearch records an unclosed comment, processing instruction,
// declaration or CDATA section: see parseComment.
func (p *fiParser) failedSearch() {
	if len(p.b.footnotes) > 0 {
		p.fail = true
	}
}

func (p *fiParser) parseUntil(closer []byte) int32 {
	saved := p.pos()
	start := p.start
	for {
		line := p.peekLine()
		if line == nil {
			break
		}
		if i := bytes.Index(line, closer); i >= 0 {
			end := p.start + i + len(closer)
			p.advance(i + len(closer))
			return p.htmlNode(start, end)
		}
		p.advanceLine()
	}
	p.failedSearch()
	p.setPos(saved)
	return nilNode
}

// parseTag matches goldmark's open or close tag regexp. goldmark runs it
// on a rune reader over the block's lines, which ends at the first U+FFFD;
// the matcher reads the same stream, one more line whenever it needs one.
func (p *fiParser) parseTag(closing bool) int32 {
	p.tbuf = p.tbuf[:0]
	final := false
	for l := p.line; ; l++ {
		seg := p.segs[l]
		from := seg.start
		if l == p.line {
			from = p.start
		}
		chunk := p.src[from:seg.stop]
		if i := bytes.Index(chunk, []byte("\uFFFD")); i >= 0 {
			chunk, final = chunk[:i], true
		}
		p.tbuf = append(p.tbuf, chunk...)
		final = final || l == len(p.segs)-1
		m := tagMatcher{buf: p.tbuf, final: final}
		n := m.match(closing)
		if m.more {
			continue
		}
		if n < 0 {
			return nilNode
		}
		start := p.start
		p.advance(n)
		return p.htmlNode(start, p.start)
	}
}

// tagMatcher matches
//
//	^<([A-Za-z][A-Za-z0-9-]*)(?:[\r\n \t]+[a-zA-Z_:][a-zA-Z0-9:._-]*(?:[\r\n \t]*=[\r\n \t]*(?:[^"'=<>`\x00-\x20]+|'[^']*'|"[^"]*"))?)*(?:[ \t]|(?:\r\n|\n){0,1})*/?>
//
// or the closing ^</([A-Za-z][A-Za-z0-9-]*)(?:[ \t]|(?:\r\n|\n){0,1})*>,
// returning the match length or -1. The grammar never backtracks over a
// ">" so a deterministic scan finds the regexp's one match. Reading past
// buf sets more unless buf is the whole stream.
type tagMatcher struct {
	buf   []byte
	final bool
	more  bool
}

func (m *tagMatcher) at(i int) (byte, bool) {
	if i < len(m.buf) {
		return m.buf[i], true
	}
	if !m.final {
		m.more = true
	}
	return 0, false
}

// skip returns the first position from i whose byte is not accepted by
// keep (or the end of the input).
func (m *tagMatcher) skip(i int, keep func(byte) bool) int {
	for {
		c, ok := m.at(i)
		if !ok || !keep(c) {
			return i
		}
		i++
	}
}

func (m *tagMatcher) match(closing bool) int {
	i := 1
	if closing {
		i = 2
	}
	if c, ok := m.at(i); !ok || !isAlpha(c) {
		return -1
	}
	i++
	i = m.skip(i, isTagNameByte)
	if !closing {
		i = m.attributes(i)
		if m.more {
			return -1
		}
	}
	// (?:[ \t]|\r\n|\n)*
	for {
		c, ok := m.at(i)
		if !ok {
			break
		}
		if c == ' ' || c == '\t' || c == '\n' {
			i++
			continue
		}
		if c == '\r' {
			if c2, ok := m.at(i + 1); ok && c2 == '\n' {
				i += 2
				continue
			}
		}
		break
	}
	if m.more {
		return -1
	}
	c, ok := m.at(i)
	if !closing && ok && c == '/' {
		i++
		c, ok = m.at(i)
	}
	if !ok || c != '>' {
		return -1
	}
	return i + 1
}

func isAlpha(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isTagNameByte(c byte) bool { return isAlpha(c) || c >= '0' && c <= '9' || c == '-' }

func isAttrNameByte(c byte) bool { return isTagNameByte(c) || c == ':' || c == '.' || c == '_' }

func isTagSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// attributes consumes the attribute list from i.
func (m *tagMatcher) attributes(i int) int {
	for {
		j := i
		j = m.skip(j, isTagSpace)
		if j == i {
			return i
		}
		c, ok := m.at(j)
		if !ok || !isAlpha(c) && c != '_' && c != ':' {
			return i
		}
		j++
		j = m.skip(j, isAttrNameByte)
		i = m.value(j)
		if m.more {
			return i
		}
	}
}

// value consumes an optional "= value" after an attribute name at i.
func (m *tagMatcher) value(i int) int {
	j := i
	j = m.skip(j, isTagSpace)
	if c, ok := m.at(j); !ok || c != '=' {
		return i
	}
	j++
	j = m.skip(j, isTagSpace)
	c, ok := m.at(j)
	if !ok {
		return i
	}
	switch c {
	case '"', '\'':
		for k := j + 1; ; k++ {
			d, ok := m.at(k)
			if !ok {
				return i
			}
			if d == c {
				return k + 1
			}
		}
	}
	k := j
	for {
		d, ok := m.at(k)
		if !ok || d <= 0x20 || d == '"' || d == '\'' || d == '=' || d == '<' || d == '>' || d == '`' {
			break
		}
		k++
	}
	if k == j {
		return i
	}
	return k
}

// ---- GFM linkify (extension/linkify.go) ----

var (
	fiWWWRegexp = regexp.MustCompile(`^www\.[-a-zA-Z0-9@:%._\+~#=]{1,256}\.[a-z]+(?:[/#?][-a-zA-Z0-9@:%_\+.~#!?&/=\(\);,'">\^{}\[\]` + "`" + `]*)?`)
	fiURLRegexp = regexp.MustCompile(`^(?:http|https|ftp)://[-a-zA-Z0-9@:%._\+~#=]{1,256}\.[a-z]+(?::\d+)?(?:[/#?][-a-zA-Z0-9@:%_+.~#$!?&/=\(\);,'">\^{}\[\]` + "`" + `]*)?`)
)

// linkifyMay is a cheap test that linkify, triggered at line (source
// offset off), could match there: a URL starts with h, f or w, an e-mail
// address has an "@" later on the line.
func (p *fiParser) linkifyMay(line []byte, off int) bool {
	if len(p.labels) > 0 {
		return false
	}
	if c := line[0]; c == ' ' || c == '*' || c == '_' || c == '~' || c == '(' {
		line, off = line[1:], off+1
	}
	if len(line) == 0 {
		return false
	}
	if c := line[0]; c == 'h' || c == 'f' || c == 'w' {
		if fiURLPrefix(line) {
			return true
		}
	}
	return !p.quiet && fiAlnum[line[0]] && p.atAhead(off)
}

// fiURLPrefix reports the starts of the URLs linkify looks for.
func fiURLPrefix(b []byte) bool {
	if len(b) < 4 {
		return false
	}
	switch b[0] {
	case 'h':
		return bytes.HasPrefix(b, []byte("http:")) || bytes.HasPrefix(b, []byte("https:"))
	case 'f':
		return bytes.HasPrefix(b, []byte("ftp:"))
	case 'w':
		return bytes.HasPrefix(b, []byte("www."))
	}
	return false
}

func (p *fiParser) parseLinkify() int32 {
	if len(p.labels) > 0 { // pc.IsInLinkLabel
		return nilNode
	}
	line := p.peekLine()
	segStart := p.start
	consumes, start := 0, segStart
	if c := line[0]; c == ' ' || c == '*' || c == '_' || c == '~' || c == '(' {
		consumes++
		start++
		line = line[1:]
	}
	var m []int
	proto := false
	if bytes.HasPrefix(line, []byte("http:")) || bytes.HasPrefix(line, []byte("https:")) || bytes.HasPrefix(line, []byte("ftp:")) {
		m = fiURLRegexp.FindIndex(line)
	}
	if m == nil && bytes.HasPrefix(line, []byte("www.")) {
		m = fiWWWRegexp.FindIndex(line)
		proto = true
	}
	end := 0
	if m != nil {
		end = m[1]
	} else {
		if len(line) > 0 && util.IsPunct(line[0]) {
			return nilNode
		}
		stop := util.FindEmailIndex(line)
		if stop < 0 {
			return nilNode
		}
		at := bytes.IndexByte(line, '@')
		if bytes.IndexByte(line[at:stop-1], '.') < 0 {
			return nilNode
		}
		end = stop
		if line[end-1] == '.' {
			end--
		}
		if end < len(line) && (line[end] == '-' || line[end] == '_') {
			return nilNode
		}
	}
	if consumes != 0 {
		p.mergeOrAppendText(segStart, segStart+1)
	}
	i := linkifyTrim(line, end)
	p.advance(consumes + i)
	n := p.newNode(fiAuto)
	p.nodes[n].start, p.nodes[n].stop = start, start+i
	if proto {
		p.nodes[n].flags |= fiProto
	}
	return n
}

// linkifyTrim drops trailing punctuation, unbalanced ")" and a trailing
// entity reference from a linkified URL.
func linkifyTrim(line []byte, end int) int {
	opening := bytes.Count(line[:end], []byte{'('})
	closing := bytes.Count(line[:end], []byte{')'})
	i := end
	for i > 1 {
		switch line[i-1] {
		case '?', '!', '.', ',', ':', '*', '_', '~':
			i--
		case ')':
			if closing <= opening {
				return i
			}
			closing--
			i--
		case ';':
			j := i - 2
			for ; j > 0; j-- {
				if !util.IsAlphaNumeric(line[j]) {
					break
				}
			}
			if j == i-2 || line[j] != '&' {
				return i
			}
			i = j
		default:
			return i
		}
	}
	return i
}

// ---- the end of the block ----

// closeBlock is the link parser's CloseBlock: open labels become text.
func (p *fiParser) closeBlock() {
	p.bottoms = p.bottoms[:0]
	for _, s := range p.labels {
		if par := p.nodes[s].parent; par >= 0 {
			p.replaceChild(par, s, p.newText(p.nodes[s].start, p.nodes[s].stop))
		}
	}
	p.labels = p.labels[:0]
}

// ---- flattening (builder.inline) ----

func (p *fiParser) flatten(pt *plainText, n int32) {
	b := p.b
	nd := &p.nodes[n]
	switch nd.kind {
	case fiText:
		pt.appendText(p.src[nd.start:nd.stop], nd.start)
		if nd.flags&(fiSoft|fiHard) != 0 {
			pt.appendBreak(nd.stop)
		}
	case fiCode:
		p.flattenCode(pt, n)
	case fiAuto:
		start := len(pt.buf)
		label := p.src[nd.start:nd.stop]
		at := min(max(nd.pos, 0), len(b.src))
		if i := bytes.Index(b.src[at:min(len(b.src), at+len(label)+2)], label); i >= 0 {
			pt.appendSrc(label, at+i)
		} else {
			pt.appendSynthetic(string(label), at)
		}
		pt.protected = append(pt.protected, [2]int{start, len(pt.buf)})
		q := fiString{span: Span{at, b.autolinkEnd(at, len(label))}, auto: true, at: len(pt.links)}
		if nd.flags&fiProto != 0 {
			q.dest = p.addString([]byte("http://"))
		} else {
			q.dest.start = len(p.sbuf)
		}
		q.text = p.addString(label)
		q.dest.stop = q.text.stop
		p.pending = append(p.pending, q)
		pt.links = append(pt.links, plainLink{at: start}) // link set by run
	case fiLink:
		p.flattenLink(pt, n, false)
	case fiImage:
		mark := len(pt.buf)
		p.flattenLink(pt, n, true)
		pt.truncate(mark)
	case fiHTML:
		sp := Span{nd.start, nd.stop}
		raw := b.src[sp.Start:sp.End]
		if !fiMayHaveAnchor(raw) {
			break // spare the search: most raw HTML is <br>, </a> or <a href=...>
		}
		var ok bool
		if p.amatch, ok = fiAnchorAttrs(raw, p.amatch[:0]); ok {
			for _, m := range p.amatch {
				if m[3] > m[2] {
					pt.anchors = append(pt.anchors, htmlAnchor{id: string(raw[m[2]:m[3]]), span: Span{sp.Start + m[0], sp.Start + m[1]}})
				}
			}
			break
		}
		for _, m := range anchorAttr.FindAllSubmatchIndex(raw, -1) {
			for g := 3; g <= 5; g++ {
				if m[2*g] >= 0 && m[2*g+1] > m[2*g] {
					pt.anchors = append(pt.anchors, htmlAnchor{id: string(raw[m[2*g]:m[2*g+1]]), span: Span{sp.Start + m[0], sp.Start + m[1]}})
				}
			}
		}
	case fiTask:
	default:
		for c := nd.first; c >= 0; c = p.nodes[c].next {
			p.flatten(pt, c)
		}
	}
}

func (p *fiParser) flattenCode(pt *plainText, n int32) {
	start := len(pt.buf)
	open := min(max(p.nodes[n].pos, 0), len(p.src))
	pt.appendSynthetic("`", open)
	last := open
	for c := p.nodes[n].first; c >= 0; c = p.nodes[c].next {
		t := &p.nodes[c]
		if t.kind != fiText {
			continue
		}
		p.appendCode(pt, t.start, t.stop)
		last = t.stop
	}
	p.closeCode(pt, start, last)
}

// closeCode appends the closing backtick of a code span whose content
// ends at last, and records the span from start in the plain text.
func (p *fiParser) closeCode(pt *plainText, start, last int) {
	closeAt := last
	for closeAt < len(p.src) && p.src[closeAt] != '`' {
		closeAt++
	}
	pt.runs = append(pt.runs, run{plain: len(pt.buf), src: closeAt})
	pt.buf = append(pt.buf, '`')
	pt.code = append(pt.code, [2]int{start, len(pt.buf)})
	pt.protected = append(pt.protected, [2]int{start, len(pt.buf)})
}

// appendCode appends code span text. In a table cell goldmark's table
// transformer drops the backslash of each "\|" in code (the pipe was
// escaped only for the table), splitting the text there.
func (p *fiParser) appendCode(pt *plainText, start, stop int) {
	if bytes.IndexByte(p.src[start:stop], '|') < 0 {
		pt.appendSrc(p.src[start:stop], start)
		return
	}
	for {
		i := bytes.Index(p.src[start:stop], []byte(`\|`))
		if i < 0 || !p.inCell() {
			pt.appendSrc(p.src[start:stop], start)
			return
		}
		pt.appendSrc(p.src[start:start+i], start)
		start += i + 1
	}
}

// inCell tells a table cell from other blocks by its one segment's
// neighbours: a cell's segment is trimmed between pipes (or the row's
// ends); a paragraph's or heading's segment runs to the end of its line
// and starts after container markers or "#". A segment alone on its line
// could be either (a one-column table without pipes): fall back.
func (p *fiParser) inCell() bool {
	if p.cell == 0 {
		p.cell = p.classifyCell()
	}
	if p.cell == -2 {
		p.fail = true
	}
	return p.cell == 1
}

func (p *fiParser) classifyCell() int8 {
	if len(p.segs) != 1 {
		return -1
	}
	s := p.segs[0]
	i := s.start - 1
	for i >= 0 && (p.src[i] == ' ' || p.src[i] == '\t') {
		i--
	}
	j := s.stop
	for j < len(p.src) && (p.src[j] == ' ' || p.src[j] == '\t') {
		j++
	}
	if i >= 0 && p.src[i] == '|' || j < len(p.src) && p.src[j] == '|' {
		return 1
	}
	if i >= 0 && p.src[i] == '#' {
		return -1
	}
	return -2
}

func (p *fiParser) flattenLink(pt *plainText, n int32, image bool) {
	b := p.b
	nd := &p.nodes[n]
	start := len(pt.buf)
	at := min(max(nd.pos, 0), len(b.src))
	for c := nd.first; c >= 0; c = p.nodes[c].next {
		p.flatten(pt, c)
	}
	if end := len(pt.buf) - 1; end-start > 1 {
		pt.protected = append(pt.protected, [2]int{start, end})
	}
	data := p.links[nd.length]
	q := fiString{span: Span{at, b.linkEnd(nil, at)}, image: image, at: len(pt.links), dest: p.addString(data.dest), title: p.addString(data.title), text: p.addString(bytes.TrimSpace(pt.buf[start:]))}
	if nd.flags&fiRef != 0 {
		q.ref = p.addString(data.ref)
		q.refIsText = len(data.ref) == 0
	}
	p.pending = append(p.pending, q)
	pt.links = append(pt.links, plainLink{at: start}) // link set by run
}
