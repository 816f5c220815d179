package lint

import (
	"bytes"
	"slices"
	"strconv"
	"strings"

	"github.com/ocispec/ocispec/specs"
)

// oneSentencePerLine reports lines holding more than one sentence and
// sentences wrapped across lines, in paragraphs, list items and block
// quotes. Code, tables, headings, HTML, link definitions and front matter
// are not prose blocks and are never touched.
type oneSentencePerLine struct{}

func (oneSentencePerLine) Meta() Meta {
	return Meta{
		ID:       "one-sentence-per-line",
		Severity: Warning,
		Summary:  "Each sentence starts on its own line and is not wrapped.",
		Fixable:  true,
	}
}

func (oneSentencePerLine) Check(doc *specs.Document, ctx *Context) []Finding {
	out := ctx.findings()
	src := doc.Source
	for _, b := range doc.Blocks {
		if b.Kind != specs.Paragraph || len(b.Sentences) == 0 || len(b.Lines) == 0 || !validLines(src, b.Lines) {
			continue
		}
		if len(b.Lines) == 1 && len(b.Sentences) == 1 {
			// One sentence on one line, the common case: nothing to
			// split or join, and no need to load the sentence.
			continue
		}
		prevLast := 0 // lineIndex of the previous sentence's end
		for i, s := range b.Sentences {
			first := lineIndex(b, s.Span.Start)
			last := lineIndex(b, s.Span.End)
			if i > 0 && prevLast == first {
				out = append(out, splitFinding(ctx, src, b, b.Sentences[i-1], s, first))
			}
			prevLast = last
			if last > first {
				if f, ok := wrapFinding(ctx, src, b, s, first, last); ok {
					out = append(out, f)
				}
			}
		}
	}
	return out
}

// lineIndex returns the index of the block line holding offset off (an
// offset at a line's end belongs to that line).
func lineIndex(b *specs.Block, off int) int {
	lo, hi := 0, len(b.Lines)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if b.Lines[mid].Start <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	// An offset in the gap before line lo+1 (a container prefix) still
	// belongs to line lo.
	return lo
}

// appendExcerpt appends to b the first words of plain sentence text,
// quoted as by %q, for a message: up to 40 bytes, cut after a word when one
// ends in the second half, then "…".
func appendExcerpt(b []byte, s string) []byte {
	const max = 40
	if len(s) <= max {
		return strconv.AppendQuote(b, s)
	}
	cut := strings.LastIndexByte(s[:max], ' ')
	if cut < max/2 {
		cut = max
	}
	return strconv.AppendQuote(b, s[:cut]+"…")
}

func splitFinding(ctx *Context, src []byte, b *specs.Block, prev, s *specs.Sentence, line int) Finding {
	var buf [128]byte
	msg := append(buf[:0], "line holds more than one sentence: start "...)
	msg = appendExcerpt(msg, s.Text)
	msg = append(msg, " on a new line"...)
	f := Finding{Span: s.Span, Message: ctx.text(msg)}
	gap := specs.Span{Start: prev.Span.End, End: s.Span.Start}
	if gap.Len() > 0 && isBlank(src[gap.Start:gap.End]) && safeLineStart(src[s.Span.Start:b.Lines[len(b.Lines)-1].End]) {
		f.Fix = ctx.fixOne("start the sentence on a new line", Edit{Span: gap, New: newLine(src, b.Lines[line])})
	}
	return f
}

func wrapFinding(ctx *Context, src []byte, b *specs.Block, s *specs.Sentence, first, last int) (Finding, bool) {
	var buf [8]Edit
	edits := buf[:0]
	for k := first; k < last; k++ {
		line := b.Lines[k]
		if intentionalBreak(src, line) {
			continue
		}
		end := line.End
		for end > line.Start && (src[end-1] == ' ' || src[end-1] == '\t') {
			end--
		}
		edits = append(edits, Edit{Span: specs.Span{Start: end, End: b.Lines[k+1].Start}, New: " "})
	}
	breaks := len(edits)
	if breaks == 0 {
		return Finding{}, false
	}
	var mbuf [128]byte
	msg := append(mbuf[:0], "sentence "...)
	msg = appendExcerpt(msg, s.Text)
	msg = append(msg, " wraps across "...)
	msg = strconv.AppendInt(msg, int64(breaks+1), 10)
	msg = append(msg, " lines: join it onto one line"...)
	f := Finding{Span: s.Span, Message: ctx.text(msg)}
	// A sentence that starts its line must still read as paragraph text
	// once joined.
	if s.Span.Start > b.Lines[first].Start || safeLineStart(src[s.Span.Start:b.Lines[last].End]) {
		const desc = "join the sentence onto one line"
		if len(edits) == 1 {
			f.Fix = ctx.fixOne(desc, edits[0])
		} else {
			f.Fix = &Fix{Description: desc, Edits: slices.Clone(edits)}
		}
	}
	return f, true
}

// intentionalBreak reports whether a line break after line is meant: a
// hard line break (two trailing spaces, a backslash, <br>) or a line that
// ends in a colon, which introduces what follows.
func intentionalBreak(src []byte, line specs.Span) bool {
	end := lineEndAt(src, line.End)
	raw := src[line.Start:end]
	if bytes.HasSuffix(raw, []byte("  ")) || bytes.HasSuffix(raw, []byte("\t")) {
		return true
	}
	t := bytes.TrimRight(raw, " \t")
	if bytes.HasSuffix(t, []byte("\\")) && !bytes.HasSuffix(t, []byte("\\\\")) {
		return true
	}
	for _, br := range []string{"<br>", "<br/>", "<br />"} {
		// As bytes.HasSuffix(bytes.ToLower(t), br), without lowering the
		// line: only ASCII letters fold to the letters of br.
		if len(t) >= len(br) && bytes.EqualFold(t[len(t)-len(br):], []byte(br)) {
			return true
		}
	}
	// A colon, possibly inside closing emphasis ("**Note:**"), ends an
	// introduction.
	if bytes.HasSuffix(bytes.TrimRight(t, "*_"), []byte(":")) {
		return true
	}
	// Lines made only of links or images (badge rows) stay as written.
	return linkOnly(t) || linkOnly(nextLine(src, end))
}

// nextLine returns the content of the line after the line ending at off,
// with leading container prefixes trimmed.
func nextLine(src []byte, off int) []byte {
	for off < len(src) && (src[off] == '\r' || src[off] == '\n') {
		if src[off] == '\n' {
			off++
			break
		}
		off++
	}
	return bytes.TrimLeft(src[off:lineEndAt(src, off)], " \t>")
}

// lineEndAt returns the offset of the first "\n" or "\r" at or after off,
// or len(src).
func lineEndAt(src []byte, off int) int {
	rest := src[off:]
	if i := bytes.IndexByte(rest, '\n'); i >= 0 {
		rest = rest[:i]
	}
	if i := bytes.IndexByte(rest, '\r'); i >= 0 {
		return off + i
	}
	return off + len(rest)
}

// linkOnly reports whether a line consists of one or more links or images
// and nothing else.
func linkOnly(line []byte) bool {
	t := bytes.TrimSpace(line)
	if len(t) < 4 || (t[0] != '[' && t[0] != '!') {
		return false
	}
	last := t[len(t)-1]
	return (last == ')' || last == ']') && bytes.Contains(t, []byte("](")) && !bytes.Contains(t, []byte("). ")) && !bytes.Contains(t, []byte(") and "))
}

func isBlank(b []byte) bool {
	return len(bytes.Trim(b, " \t")) == 0
}

// safeLineStart reports whether text placed at the start of a new
// continuation line stays paragraph text: it must not open a block
// (heading, list item, quote, fence, thematic break, HTML block, table).
func safeLineStart(rest []byte) bool {
	// Judge the line as the fixer leaves it: later line breaks of the
	// sentence are joined with a space ("-\nsee below." becomes a list
	// item "- see below." once joined).
	rest = joinedStart(rest)
	if len(rest) == 0 {
		return false
	}
	has := func(p string) bool { return bytes.HasPrefix(rest, []byte(p)) }
	switch rest[0] {
	case '>', '|', '=', '<':
		return false
	case '#':
		i := 0
		for i < len(rest) && rest[i] == '#' {
			i++
		}
		return i > 6 || i < len(rest) && rest[i] != ' ' && rest[i] != '\t'
	case '`':
		return !has("```")
	case '~':
		return !has("~~~")
	case '_':
		return !has("___") && !has("_ _")
	case '-', '+', '*':
		c := string(rest[0])
		return len(rest) > 1 && rest[1] != ' ' && rest[1] != '\t' && !has(c+c+c) && !has("--")
	}
	i := 0
	for i < len(rest) && i < 10 && rest[i] >= '0' && rest[i] <= '9' {
		i++
	}
	if i > 0 && i < len(rest) && (rest[i] == '.' || rest[i] == ')') {
		return false
	}
	return true
}

// joinedStart returns the first bytes of rest with each line break and
// the container prefix after it (spaces, tabs, ">") collapsed to one space,
// as a join leaves them.
func joinedStart(rest []byte) []byte {
	const n = 16
	if !bytes.ContainsAny(rest[:min(len(rest), n)], "\r\n") {
		return rest
	}
	out := make([]byte, 0, n)
	for i := 0; i < len(rest) && len(out) < n; i++ {
		c := rest[i]
		if c == '\n' || c == '\r' {
			for i+1 < len(rest) && strings.IndexByte(" \t>\r\n", rest[i+1]) >= 0 {
				i++
			}
			out = append(out, ' ')
			continue
		}
		out = append(out, c)
	}
	return out
}

// newLine returns what starts a new line inside a block after the text of
// line: the line ending of the file at that line ("\r\n" in a CRLF file,
// else "\n") and the container prefix before line's start with list
// markers turned into spaces ("  - " becomes "    ", "> 1. " becomes
// ">    ").
func newLine(src []byte, line specs.Span) string {
	nl := "\n"
	off := line.End
	for off < len(src) && src[off] != '\n' {
		off++
	}
	if off > 0 && off < len(src) && src[off-1] == '\r' {
		nl = "\r\n"
	}
	ls := line.Start
	for ls > 0 && src[ls-1] != '\n' {
		ls--
	}
	if ls == line.Start {
		return nl
	}
	p := make([]byte, 0, len(nl)+line.Start-ls)
	p = append(p, nl...)
	for _, c := range src[ls:line.Start] {
		if c != ' ' && c != '\t' && c != '>' {
			c = ' '
		}
		p = append(p, c)
	}
	return string(p)
}

func validLines(src []byte, lines []specs.Span) bool {
	for _, l := range lines {
		if !validSpan(src, l) {
			return false
		}
	}
	return true
}
