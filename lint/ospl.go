package lint

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/ocispec/ocispec/specs"
)

// oneSentencePerLine reports lines holding more than one sentence and
// sentences wrapped across lines, in paragraphs, list items and block
// quotes. Code, tables, headings, HTML, link definitions and front matter
// are not prose blocks and are never touched.
func oneSentencePerLine() *Rule {
	return &Rule{
		ID:       "one-sentence-per-line",
		Severity: Warning,
		Summary:  "Each sentence starts on its own line and is not wrapped.",
		Fixable:  true,
		Check:    checkOSPL,
	}
}

func checkOSPL(doc *specs.Document, _ *Context) []Finding {
	var out []Finding
	src := doc.Source
	for _, b := range doc.Blocks {
		if b.Kind != specs.Paragraph || len(b.Sentences) == 0 || len(b.Lines) == 0 || !validLines(src, b.Lines) {
			continue
		}
		for i, s := range b.Sentences {
			first := lineIndex(b, s.Span.Start)
			last := lineIndex(b, s.Span.End)
			if i > 0 {
				prev := b.Sentences[i-1]
				if lineIndex(b, prev.Span.End) == first {
					out = append(out, splitFinding(src, b, prev, s, first))
				}
			}
			if last > first {
				if f, ok := wrapFinding(src, b, s, first, last); ok {
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

// excerpt shortens plain sentence text for a message.
func excerpt(s string) string {
	const max = 40
	if len(s) <= max {
		return s
	}
	cut := strings.LastIndexByte(s[:max], ' ')
	if cut < max/2 {
		cut = max
	}
	return s[:cut] + "…"
}

func splitFinding(src []byte, b *specs.Block, prev, s *specs.Sentence, line int) Finding {
	f := Finding{
		Span:    s.Span,
		Message: fmt.Sprintf("line holds more than one sentence: start %q on a new line", excerpt(s.Text)),
	}
	gap := specs.Span{Start: prev.Span.End, End: s.Span.Start}
	if gap.Len() > 0 && isBlank(src[gap.Start:gap.End]) && safeLineStart(src[s.Span.Start:b.Lines[len(b.Lines)-1].End]) {
		f.Fix = &Fix{
			Description: "start the sentence on a new line",
			Edits:       []Edit{{Span: gap, New: lineEnding(src, b.Lines[line].End) + continuationPrefix(src, b.Lines[line].Start)}},
		}
	}
	return f
}

func wrapFinding(src []byte, b *specs.Block, s *specs.Sentence, first, last int) (Finding, bool) {
	var edits []Edit
	breaks := 0
	for k := first; k < last; k++ {
		line := b.Lines[k]
		if intentionalBreak(src, line) {
			continue
		}
		breaks++
		end := line.End
		for end > line.Start && (src[end-1] == ' ' || src[end-1] == '\t') {
			end--
		}
		edits = append(edits, Edit{Span: specs.Span{Start: end, End: b.Lines[k+1].Start}, New: " "})
	}
	if breaks == 0 {
		return Finding{}, false
	}
	f := Finding{
		Span:    s.Span,
		Message: fmt.Sprintf("sentence %q wraps across %d lines: join it onto one line", excerpt(s.Text), breaks+1),
	}
	// A sentence that starts its line must still read as paragraph text
	// once joined.
	if s.Span.Start > b.Lines[first].Start || safeLineStart(src[s.Span.Start:b.Lines[last].End]) {
		f.Fix = &Fix{Description: "join the sentence onto one line", Edits: edits}
	}
	return f, true
}

// intentionalBreak reports whether a line break after line is meant: a
// hard line break (two trailing spaces, a backslash, <br>) or a line that
// ends in a colon, which introduces what follows.
func intentionalBreak(src []byte, line specs.Span) bool {
	end := line.End
	for end < len(src) && src[end] != '\n' && src[end] != '\r' {
		end++
	}
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
	end := off
	for end < len(src) && src[end] != '\n' && src[end] != '\r' {
		end++
	}
	return bytes.TrimLeft(src[off:end], " \t>")
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

// continuationPrefix returns the container prefix for a new line inside
// the same block: the text before lineStart on its line with list markers
// turned into spaces ("  - " becomes "    ", "> 1. " becomes ">    ").
func continuationPrefix(src []byte, lineStart int) string {
	ls := lineStart
	for ls > 0 && src[ls-1] != '\n' {
		ls--
	}
	p := []byte(string(src[ls:lineStart]))
	for i, c := range p {
		if c != ' ' && c != '\t' && c != '>' {
			p[i] = ' '
		}
	}
	return string(p)
}

// lineEnding returns the line ending used by the line holding off: "\r\n"
// in a CRLF file, else "\n".
func lineEnding(src []byte, off int) string {
	for off < len(src) && src[off] != '\n' {
		off++
	}
	if off > 0 && off < len(src) && src[off-1] == '\r' {
		return "\r\n"
	}
	return "\n"
}

func validLines(src []byte, lines []specs.Span) bool {
	for _, l := range lines {
		if !validSpan(src, l) {
			return false
		}
	}
	return true
}
