package specs

import (
	"bytes"
	"regexp"
	"strings"
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
}

func (p *fiParser) release() {
	clear(p.links)
	p.links = p.links[:0]
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
	p.atLine = -1
	if lines != nil {
		n := lines.Len()
		prev := 0
		for i := range n {
			s := lines.At(i)
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
	p.newNode(fiBlock)
	p.parse()
	p.processDelimiters(nilNode)
	p.closeBlock()
	// goldmark's delimiter list outlives the block when a delimiter is
	// not where ClearDelimiters looks for it; we cannot follow that.
	if p.delimFirst != nilNode || p.fail {
		return nil, false
	}
	pt := &b.scratch
	pt.buf, pt.runs, pt.code, pt.protected = pt.buf[:0], pt.runs[:0], pt.code[:0], pt.protected[:0]
	pt.links, pt.anchors = pt.links[:0], pt.anchors[:0]
	for c := p.nodes[0].first; c >= 0; c = p.nodes[c].next {
		p.flatten(pt, c)
	}
	if p.fail {
		return nil, false
	}
	return pt, true
}

// ---- the node arena (goldmark's ast.BaseNode operations) ----

func (p *fiParser) newNode(kind byte) int32 {
	p.nodes = append(p.nodes, fiNode{
		parent: nilNode, first: nilNode, last: nilNode, prev: nilNode, next: nilNode,
		prevDelim: nilNode, nextDelim: nilNode, kind: kind, pos: -1,
	})
	return int32(len(p.nodes) - 1)
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
		for i := 0; i < lineLength; i++ {
			if i != 0 && !escaped {
				// The common case: a run of bytes no parser looks at,
				// and spaces where linkify cannot match (a URL starts
				// with h, f or w, an e-mail address with a letter or
				// digit and has an "@" later on the line).
				j, ln, inLabel := i, line[:lineLength], len(p.labels) > 0
				for j < len(ln) {
					c := ln[j]
					if k := fiClass[c]; k == fiSkip {
						j++
						continue
					} else if k == fiStop {
						break
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
			if (isPunct && !escaped || isSpace || i == 0) && (isPunct || p.linkifyMay(line[i:], p.start+n)) {
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
		// node at a backslash that escapes nothing.
		stop := p.start
		for q := stop - 1; q > startPos; q-- {
			if c := p.src[q]; c == ' ' || c == '\t' {
				p.mergeOrAppendText(startPos, q)
				startPos = q
				break
			}
		}
		if !hard || !visible {
			stop -= util.TrimRightSpaceLength(p.src[startPos:stop])
		}
		t := p.newText(startPos, stop)
		if soft {
			p.nodes[t].flags |= fiSoft
		}
		if hard {
			p.nodes[t].flags |= fiHard
		}
		p.appendChild(0, t)
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
		if n >= 0 {
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
	node := p.newNode(fiCode)
	for {
		line := p.peekLine()
		if line == nil {
			p.setPos(saved)
			// Unclosed: the backticks are text. The node made for the
			// span stays unattached, as in goldmark.
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
				if stop := segStart + i - opener; stop > segStart {
					p.appendChild(node, p.newText(segStart, stop))
				}
				p.advance(i)
				p.trimCode(node)
				return node
			}
		}
		p.appendChild(node, p.newText(segStart, p.stop))
		p.advanceLine()
	}
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
		p.clearDelimiters(bottom)
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
	p.clearDelimiters(bottom)
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
	if !p.task || p.nodes[0].first >= 0 {
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

func (m *tagMatcher) match(closing bool) int {
	i := 1
	if closing {
		i = 2
	}
	if c, ok := m.at(i); !ok || !isAlpha(c) {
		return -1
	}
	i++
	for {
		c, ok := m.at(i)
		if !ok || !isTagNameByte(c) {
			break
		}
		i++
	}
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
		for {
			c, ok := m.at(j)
			if !ok || !isTagSpace(c) {
				break
			}
			j++
		}
		if j == i {
			return i
		}
		c, ok := m.at(j)
		if !ok || !isAlpha(c) && c != '_' && c != ':' {
			return i
		}
		j++
		for {
			c, ok := m.at(j)
			if !ok || !isAttrNameByte(c) {
				break
			}
			j++
		}
		i = m.value(j)
		if m.more {
			return i
		}
	}
}

// value consumes an optional "= value" after an attribute name at i.
func (m *tagMatcher) value(i int) int {
	j := i
	for {
		c, ok := m.at(j)
		if !ok || !isTagSpace(c) {
			break
		}
		j++
	}
	if c, ok := m.at(j); !ok || c != '=' {
		return i
	}
	j++
	for {
		c, ok := m.at(j)
		if !ok || !isTagSpace(c) {
			break
		}
		j++
	}
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
	return fiURLPrefix(line) || fiAlnum[line[0]] && p.atAhead(off)
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
		url := string(label)
		if nd.flags&fiProto != 0 {
			url = "http://" + url
		}
		l := &Link{Span: Span{at, b.autolinkEnd(at, len(label))}, Text: string(label), Destination: url, Auto: true}
		pt.links = append(pt.links, plainLink{at: start, link: l})
	case fiLink:
		p.flattenLink(pt, n, false)
	case fiImage:
		mark := len(pt.buf)
		p.flattenLink(pt, n, true)
		pt.truncate(mark)
	case fiHTML:
		sp := Span{nd.start, nd.stop}
		raw := b.src[sp.Start:sp.End]
		if bytes.IndexByte(raw, '=') < 0 {
			break // anchorAttr needs "name=" or "id=": spare the regexp
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
		t := p.nodes[c]
		if t.kind != fiText {
			continue
		}
		p.appendCode(pt, t.start, t.stop)
		last = t.stop
	}
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
	l := &Link{Destination: string(data.dest), Title: string(data.title), Image: image, Text: strings.TrimSpace(string(pt.buf[start:]))}
	if nd.flags&fiRef != 0 {
		l.Ref = string(data.ref)
		if l.Ref == "" {
			l.Ref = l.Text
		}
	}
	l.Span = Span{at, b.linkEnd(nil, at)}
	pt.links = append(pt.links, plainLink{at: start, link: l})
}
