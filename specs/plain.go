package specs

import (
	"bytes"
	"encoding/binary"
	"html"
	"math/bits"
	"slices"
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// plainText is a block's inline content with markup removed, plus a map
// back to source offsets. Sentences are found in the plain text and located
// in the source through the map.
type plainText struct {
	buf []byte
	// runs map plain offsets to source: runs[i] covers plain
	// [runs[i].plain, runs[i+1].plain) starting at source runs[i].src. A
	// run with src < 0 is synthetic (no source bytes).
	runs      []run
	code      [][2]int
	protected [][2]int
	links     []plainLink
	anchors   []htmlAnchor
}

type run struct{ plain, src int }

type plainLink struct {
	at   int // plain offset of the link text start
	link *Link
}

type htmlAnchor struct {
	id   string
	span Span
}

// plain flattens the inline children of n. The result reuses the
// builder's scratch buffers and is valid until the next call.
func (b *builder) plain(n ast.Node) *plainText {
	pt := &b.scratch
	pt.buf, pt.runs, pt.code, pt.protected = pt.buf[:0], pt.runs[:0], pt.code[:0], pt.protected[:0]
	pt.links, pt.anchors = pt.links[:0], pt.anchors[:0]
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		b.inline(pt, c)
	}
	return pt
}

// appendSrc appends source bytes, collapsing whitespace runs to one space.
// It copies the longest stretches that need no change in one go: most
// text is words and single spaces.
func (pt *plainText) appendSrc(src []byte, start int) {
	for len(src) > 0 {
		afterSpace := len(pt.buf) == 0 || pt.buf[len(pt.buf)-1] == ' ' || pt.buf[len(pt.buf)-1] == '\n'
		i := verbatimPrefix(src, afterSpace)
		if i > 0 {
			pt.mark(start)
			pt.buf = append(pt.buf, src[:i]...)
		}
		if i == len(src) {
			return
		}
		// src[i] is white space: one space, unless one is there already.
		if n := len(pt.buf); n > 0 && pt.buf[n-1] != ' ' && pt.buf[n-1] != '\n' {
			pt.mark(start + i)
			pt.buf = append(pt.buf, ' ')
		}
		src, start = src[i+1:], start+i+1
	}
}

// verbatimPrefix is the length of the longest prefix of src that
// appendSrc copies unchanged: up to a tab, CR or LF, or a space after a
// space (afterSpace: the text before src ends in one). Words and single
// spaces are most of the text, and a byte-at-a-time loop over them was
// appendSrc's main cost, so it tests eight bytes at a time (SWAR): each
// byte's high bit says whether it is a space or a control character, and
// a space after a space is a bad byte.
func verbatimPrefix(src []byte, afterSpace bool) int {
	const lo7, ctl, spaces = 0x7f7f7f7f7f7f7f7f, 0x6060606060606060, 0x2020202020202020
	n := len(src)
	if n < 8 {
		return verbatimBytes(src, afterSpace)
	}
	var carry uint64 // 0x80: the byte before the word is a space
	if afterSpace {
		carry = 0x80
	}
	i := 0
	for i+8 <= n {
		x := binary.LittleEndian.Uint64(src[i:])
		y := x ^ spaces
		// Exact per-byte tests (no borrow crosses bytes): sp has the high
		// bit of each byte that is ' ', lt of each below ' '.
		sp := ^(((y & lo7) + lo7) | y | lo7)
		lt := ^(((x & lo7) + ctl) | x | lo7)
		if bad := lt | sp&(sp<<8|carry); bad != 0 {
			k := i + bits.TrailingZeros64(bad)>>3
			if verbatimStop(src[k]) {
				return k
			}
			i, carry = k+1, 0 // another control character is copied as it is
			continue
		}
		carry = sp >> 56
		i += 8
	}
	// The last bytes: a word that overlaps the one before, with the bytes
	// before i masked off (the byte before i is in the word).
	for i < n {
		j := n - 8
		x := binary.LittleEndian.Uint64(src[j:])
		y := x ^ spaces
		sp := ^(((y & lo7) + lo7) | y | lo7)
		lt := ^(((x & lo7) + ctl) | x | lo7)
		bad := (lt | sp&(sp<<8)) & (^uint64(0) << ((i - j) * 8))
		if bad == 0 {
			return n
		}
		k := j + bits.TrailingZeros64(bad)>>3
		if verbatimStop(src[k]) {
			return k
		}
		i = k + 1
	}
	return n
}

// verbatimStop reports which of the bytes verbatimPrefix flags end the
// stretch: a tab, CR or LF, or a space (flagged only after a space);
// other control characters are copied.
func verbatimStop(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// verbatimBytes is verbatimPrefix a byte at a time, for short src.
func verbatimBytes(src []byte, afterSpace bool) int {
	for i, c := range src {
		switch c {
		case '\t', '\n', '\r':
			return i
		case ' ':
			if afterSpace {
				return i
			}
			afterSpace = true
		default:
			afterSpace = false
		}
	}
	return len(src)
}

// appendText appends a text segment, dropping the backslash of escaped
// ASCII punctuation ("foo\_bar", "a \| b" in a table) as a renderer
// would. Code span content does not come here: its backslashes are text.
func (pt *plainText) appendText(src []byte, start int) {
	for {
		i := bytes.IndexByte(src, '\\')
		if i < 0 || i+1 >= len(src) || !isASCIIPunct(src[i+1]) {
			pt.appendSrc(src, start)
			return
		}
		pt.appendSrc(src[:i], start)
		pt.appendSrc(src[i+1:i+2], start+i+1)
		src, start = src[i+2:], start+i+2
	}
}

func isASCIIPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}

// mark starts a new run at the current plain offset unless the source
// offset continues the current run.
func (pt *plainText) mark(src int) {
	if n := len(pt.runs); n > 0 {
		r := pt.runs[n-1]
		if r.src >= 0 && r.src+(len(pt.buf)-r.plain) == src {
			return
		}
	}
	pt.runs = append(pt.runs, run{plain: len(pt.buf), src: src})
}

func (pt *plainText) appendBreak(src int) {
	if n := len(pt.buf); n > 0 && pt.buf[n-1] == ' ' {
		pt.buf[n-1] = '\n'
		return
	}
	if len(pt.buf) == 0 {
		return
	}
	pt.runs = append(pt.runs, run{plain: len(pt.buf), src: src})
	pt.buf = append(pt.buf, '\n')
}

func (pt *plainText) appendSynthetic(s string, src int) {
	for i := 0; i < len(s); i++ {
		if s[i] == ' ' && (len(pt.buf) == 0 || pt.buf[len(pt.buf)-1] == ' ' || pt.buf[len(pt.buf)-1] == '\n') {
			continue
		}
		pt.runs = append(pt.runs, run{plain: len(pt.buf), src: src})
		pt.buf = append(pt.buf, s[i])
	}
}

func (b *builder) inline(pt *plainText, n ast.Node) {
	switch n := n.(type) {
	case *ast.Text:
		pt.appendText(n.Segment.Value(b.src), n.Segment.Start)
		if n.SoftLineBreak() || n.HardLineBreak() {
			// Keep line breaks as '\n': the splitter treats a full stop at
			// the end of a line as a boundary even before a lower-case word.
			pt.appendBreak(n.Segment.Stop)
		}
	case *ast.String:
		pt.appendSynthetic(string(n.Value), b.pos(n))
	case *ast.CodeSpan:
		b.codeSpan(pt, n)
	case *ast.AutoLink:
		b.autoLink(pt, n)
	case *ast.Link:
		b.link(pt, n, n.Destination, n.Title, n.Reference, false)
	case *ast.Image:
		// An image is not prose: its alt text is recorded on the link but
		// contributes no words to sentences (a row of badges is no
		// sentence).
		mark := len(pt.buf)
		b.link(pt, n, n.Destination, n.Title, n.Reference, true)
		pt.truncate(mark)
	case *ast.RawHTML:
		b.rawHTML(pt, n)
	case *east.TaskCheckBox:
	default:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			b.inline(pt, c)
		}
	}
}

// codeSpan flattens a code span: its content between backticks, a
// protected range of the plain text and a code range of the sentence.
func (b *builder) codeSpan(pt *plainText, n *ast.CodeSpan) {
	start := len(pt.buf)
	open := b.pos(n)
	pt.appendSynthetic("`", open)
	last := open
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch t := c.(type) {
		case *ast.Text:
			pt.appendSrc(t.Segment.Value(b.src), t.Segment.Start)
			last = t.Segment.Stop
		case *ast.String:
			pt.appendSynthetic(string(t.Value), last)
		}
	}
	// The closing backtick run follows the content.
	closeAt := last
	for closeAt < len(b.src) && b.src[closeAt] != '`' {
		closeAt++
	}
	pt.runs = append(pt.runs, run{plain: len(pt.buf), src: closeAt})
	pt.buf = append(pt.buf, '`')
	pt.code = append(pt.code, [2]int{start, len(pt.buf)})
	pt.protected = append(pt.protected, [2]int{start, len(pt.buf)})
}

// autoLink flattens an autolink into its label, protected from sentence
// splitting, and records the link.
func (b *builder) autoLink(pt *plainText, n *ast.AutoLink) {
	start := len(pt.buf)
	label := n.Label(b.src)
	at := b.pos(n)
	if i := bytes.Index(b.src[at:min(len(b.src), at+len(label)+2)], label); i >= 0 {
		pt.appendSrc(label, at+i)
	} else {
		pt.appendSynthetic(string(label), at)
	}
	pt.protected = append(pt.protected, [2]int{start, len(pt.buf)})
	url := string(n.URL(b.src))
	l := &Link{Span: Span{at, b.autolinkEnd(at, len(label))}, Text: string(label), Destination: url, Auto: true}
	pt.links = append(pt.links, plainLink{at: start, link: l})
}

// rawHTML records the name= and id= anchors of inline HTML; it adds no
// words.
func (b *builder) rawHTML(pt *plainText, n *ast.RawHTML) {
	if n.Segments == nil || n.Segments.Len() == 0 {
		return
	}
	sp := Span{n.Segments.At(0).Start, n.Segments.At(n.Segments.Len() - 1).Stop}
	raw := b.src[sp.Start:sp.End]
	for _, m := range anchorAttr.FindAllSubmatchIndex(raw, -1) {
		for g := 3; g <= 5; g++ {
			if m[2*g] >= 0 && m[2*g+1] > m[2*g] {
				pt.anchors = append(pt.anchors, htmlAnchor{id: string(raw[m[2*g]:m[2*g+1]]), span: Span{sp.Start + m[0], sp.Start + m[1]}})
			}
		}
	}
}

func (b *builder) autolinkEnd(at, n int) int {
	end := at + n
	if at < len(b.src) && b.src[at] == '<' {
		end += 2
	}
	return min(end, len(b.src))
}

// link flattens a link's label and records it with its source span.
func (b *builder) link(pt *plainText, n ast.Node, dest, title []byte, ref *ast.ReferenceLink, image bool) {
	start := len(pt.buf)
	at := b.pos(n)
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		b.inline(pt, c)
	}
	// A full stop inside link text ends no sentence, except as the text's
	// last character ("[the site. Really](x)" is one sentence,
	// "[Read this.](x) Next." two).
	if end := len(pt.buf) - 1; end-start > 1 {
		pt.protected = append(pt.protected, [2]int{start, end})
	}
	l := &Link{Destination: string(dest), Title: string(title), Image: image, Text: strings.TrimSpace(string(pt.buf[start:]))}
	if ref != nil {
		l.Ref = string(ref.Value)
		if l.Ref == "" {
			l.Ref = l.Text
		}
	}
	l.Span = Span{at, b.linkEnd(n, at)}
	pt.links = append(pt.links, plainLink{at: start, link: l})
}

// linkEnd finds the end of "[text](dest)", "[text][ref]" or "[text]" in
// source: goldmark records where a link starts but not where it ends.
func (b *builder) linkEnd(n ast.Node, at int) int {
	src := b.src
	i := at
	if i < len(src) && src[i] == '!' {
		i++
	}
	i = labelEnd(src, i)
	if i >= len(src) {
		return len(src)
	}
	switch src[i] {
	case '(':
		return parenEnd(src, i)
	case '[':
		if j := bytes.IndexByte(src[i:], ']'); j >= 0 {
			return i + j + 1
		}
	}
	return i
}

// labelEnd returns the offset after the balanced link label that starts at
// src[i], passing bytes that change nothing a run at a time; code spans
// and escaped brackets do not count.
func labelEnd(src []byte, i int) int {
	depth := 0
	for ; i < len(src); i++ {
		for depth > 0 && i < len(src) && linkEndClass[src[i]]&1 == 0 {
			i++
		}
		if i >= len(src) {
			break
		}
		switch src[i] {
		case '\\':
			i++
		case '`':
			i = codeRunEnd(src, i)
		case '[':
			depth++
		case ']':
			depth--
		}
		if depth == 0 {
			return i + 1
		}
	}
	return i
}

// codeRunEnd returns the offset of the last backtick of the code span
// whose opening run starts at src[i], or i when the run is not closed.
func codeRunEnd(src []byte, i int) int {
	j := i
	for j < len(src) && src[j] == '`' {
		j++
	}
	ticks := src[i:j]
	if k := bytes.Index(src[j:], ticks); k >= 0 {
		return j + k + len(ticks) - 1
	}
	return i
}

// parenEnd returns the offset after the balanced destination in brackets
// that starts at src[i].
func parenEnd(src []byte, i int) int {
	depth := 0
	for ; i < len(src); i++ {
		for depth > 0 && i < len(src) && linkEndClass[src[i]]&2 == 0 {
			i++
		}
		if i >= len(src) {
			break
		}
		switch src[i] {
		case '\\':
			i++
		case '(':
			depth++
		case ')':
			depth--
		}
		if depth == 0 {
			return min(i+1, len(src))
		}
	}
	return len(src)
}

// linkEndClass marks the bytes that linkEnd looks at in a link label (1)
// and in a destination (2).
var linkEndClass = [256]byte{'\\': 3, '`': 1, '[': 1, ']': 1, '(': 2, ')': 2}

// mergeRanges sorts ranges and merges overlapping ones in place: link
// text may contain code spans, and the splitter wants disjoint ranges.
func mergeRanges(rs [][2]int) [][2]int {
	if len(rs) < 2 {
		return rs
	}
	if !slices.IsSortedFunc(rs, cmpStart) {
		slices.SortFunc(rs, cmpStart)
	}
	out := rs[:1]
	for _, r := range rs[1:] {
		last := &out[len(out)-1]
		if r[0] < last[1] {
			last[1] = max(last[1], r[1])
			continue
		}
		out = append(out, r)
	}
	return out
}

func cmpStart(a, b [2]int) int { return a[0] - b[0] }

// truncate drops plain text after mark, with its runs, code and protected
// ranges; links recorded since mark keep their position at mark.
func (pt *plainText) truncate(mark int) {
	pt.buf = pt.buf[:mark]
	for len(pt.runs) > 0 && pt.runs[len(pt.runs)-1].plain >= mark {
		pt.runs = pt.runs[:len(pt.runs)-1]
	}
	for len(pt.code) > 0 && pt.code[len(pt.code)-1][1] > mark {
		pt.code = pt.code[:len(pt.code)-1]
	}
	for len(pt.protected) > 0 && pt.protected[len(pt.protected)-1][1] > mark {
		pt.protected = pt.protected[:len(pt.protected)-1]
	}
	for i := range pt.links {
		pt.links[i].at = min(pt.links[i].at, mark)
	}
}

// toSource maps a plain offset to a source offset.
func (pt *plainText) toSource(p int) int { return toSource(pt.runs, p) }

func toSource(runs []run, p int) int {
	if len(runs) == 0 {
		return 0
	}
	i := sort.Search(len(runs), func(i int) bool { return runs[i].plain > p }) - 1
	if i < 0 {
		i = 0
	}
	r := runs[i]
	return r.src + (p - r.plain)
}

// sourceSpan is the source range of the plain text, if it has any.
func (pt *plainText) sourceSpan() (Span, bool) {
	if len(pt.buf) == 0 {
		return Span{}, false
	}
	return Span{pt.toSource(0), pt.toSource(len(pt.buf)-1) + 1}, true
}

// headingText is the text GitHub slugs: the heading's text content, with
// character references decoded ("&lt;AppBar&gt;" slugs as "appbar").
func (pt *plainText) headingText() string {
	t := strings.TrimSpace(string(pt.buf))
	if strings.IndexByte(t, '&') >= 0 {
		t = html.UnescapeString(t)
	}
	return t
}

// sentences splits a block's plain text into sentences located in source.
func (b *builder) sentences(blk *Block, pt *plainText, split bool) {
	if isBlankText(pt.buf) {
		for _, pl := range pt.links {
			pl.link.Block = blk
			b.doc.Links = append(b.doc.Links, pl.link)
		}
		return
	}
	text := string(pt.buf)
	var ends []int
	if split {
		b.ends = b.p.splitter.splitInto(b.ends[:0], text, mergeRanges(pt.protected))
		ends = b.ends
	}
	bs := blk.Span()
	// One slab per document holds every block's run map; a block keeps a
	// subslice (earlier arrays stay valid when the slab grows).
	from := len(b.runSlab)
	b.runSlab = append(b.runSlab, pt.runs...)
	blk.runs = b.runSlab[from:len(b.runSlab):len(b.runSlab)]
	// Sentences, their pointers, code ranges and links come from slabs
	// too; each block or sentence keeps a full subslice, so an append to
	// one never writes into the next.
	sentFrom := len(b.sentPtrs)
	start := 0
	srcStart := firstNonSpace(b.src, bs.Start, bs.End)
	li := 0
	for i := 0; i <= len(ends); i++ {
		end := len(text)
		if i < len(ends) {
			end = ends[i]
		}
		s := b.newSentence()
		s.Block = blk
		if i < len(ends) {
			s.Span = Span{srcStart, b.extendEnd(blk, pt.toSource(end-1)+1)}
		} else {
			s.Span = Span{srcStart, lastNonSpace(b.src, bs.Start, bs.End)}
		}
		b.sentenceText(s, text, start, end)
		b.sentenceCode(s, pt)
		li = b.sentenceLinks(s, blk, pt, li, end)
		b.sentPtrs = append(b.sentPtrs, s)
		if i < len(ends) {
			next := end
			for next < len(text) && (text[next] == ' ' || text[next] == '\n') {
				next++
			}
			srcStart = b.extendStart(blk, pt.toSource(next), s.Span.End)
			start = next
		}
	}
	n := len(b.sentPtrs)
	blk.Sentences = b.sentPtrs[sentFrom:n:n]
	for ; li < len(pt.links); li++ {
		pt.links[li].link.Block = blk
		b.doc.Links = append(b.doc.Links, pt.links[li].link)
	}
}

// extendEnd moves a sentence end over closing markup ("**", "_", "`",
// "](url)") up to the next whitespace.
func (b *builder) extendEnd(blk *Block, end int) int {
	limit := b.lineEnd(blk, end)
	for end < limit && !isSpaceByte(b.src[end]) {
		end++
	}
	return end
}

// extendStart moves a sentence start back over opening markup ("**", "[",
// "`") to the preceding whitespace, never before the line's segment or the
// previous sentence's end.
func (b *builder) extendStart(blk *Block, start, floor int) int {
	ls := b.lineStart(blk, start)
	floor = max(floor, ls)
	for start > floor && !isSpaceByte(b.src[start-1]) {
		start--
	}
	return max(start, floor)
}

func (b *builder) lineEnd(blk *Block, off int) int {
	if l, ok := lineAt(blk.Lines, off); ok {
		return l.End
	}
	return off
}

func (b *builder) lineStart(blk *Block, off int) int {
	if l, ok := lineAt(blk.Lines, off); ok {
		return l.Start
	}
	return off
}

// lineAt finds the line segment holding off; segments are sorted.
func lineAt(lines []Span, off int) (Span, bool) {
	i := sort.Search(len(lines), func(i int) bool { return lines[i].End >= off })
	if i < len(lines) && lines[i].Start <= off {
		return lines[i], true
	}
	return Span{}, false
}

func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r'
}

func firstNonSpace(src []byte, start, end int) int {
	for start < end && (src[start] == ' ' || src[start] == '\t') {
		start++
	}
	return start
}

func lastNonSpace(src []byte, start, end int) int {
	for end > start && (src[end-1] == ' ' || src[end-1] == '\t' || src[end-1] == '\n' || src[end-1] == '\r') {
		end--
	}
	return end
}

// sentenceText sets s.Text to text[start:end] without the white space
// around it, line breaks read as spaces.
func (b *builder) sentenceText(s *Sentence, text string, start, end int) {
	lead, stop := start, end
	for lead < stop && (text[lead] == ' ' || text[lead] == '\n') {
		lead++
	}
	for stop > lead && (text[stop-1] == ' ' || text[stop-1] == '\n') {
		stop--
	}
	s.Text = text[lead:stop]
	if strings.IndexByte(s.Text, '\n') >= 0 {
		s.Text = strings.ReplaceAll(s.Text, "\n", " ")
	}
	s.lead = lead
}

// sentenceCode gives s the code ranges of the block's plain text that lie
// within it, relative to its text.
func (b *builder) sentenceCode(s *Sentence, pt *plainText) {
	codeFrom := len(b.codeSlab)
	for _, c := range pt.code {
		if c[0] >= s.lead && c[1] <= s.lead+len(s.Text) {
			b.codeSlab = append(b.codeSlab, [2]int{c[0] - s.lead, c[1] - s.lead})
		}
	}
	if n := len(b.codeSlab); n > codeFrom {
		s.Code = b.codeSlab[codeFrom:n:n]
	}
}

// sentenceLinks gives s the links of the block's plain text from index li
// that start before end, and returns the index of the next.
func (b *builder) sentenceLinks(s *Sentence, blk *Block, pt *plainText, li, end int) int {
	linkFrom := len(b.linkPtrs)
	for li < len(pt.links) && pt.links[li].at < end {
		l := pt.links[li].link
		l.Block = blk
		b.linkPtrs = append(b.linkPtrs, l)
		b.doc.Links = append(b.doc.Links, l)
		li++
	}
	if n := len(b.linkPtrs); n > linkFrom {
		s.Links = b.linkPtrs[linkFrom:n:n]
	}
	return li
}

// isBlankText reports plain text of white space only, as
// strings.TrimSpace sees it, without converting it to a string.
func isBlankText(b []byte) bool {
	for _, c := range b {
		switch {
		case c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\v' || c == '\f':
		case c >= 0x80:
			return strings.TrimSpace(string(b)) == ""
		default:
			return false
		}
	}
	return true
}
