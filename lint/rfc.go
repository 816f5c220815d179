package lint

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"

	"github.com/ocispec/ocispec/specs"
)

// Helpers shared by rfc-link and rfc-obsolete: finding RFC mentions in
// prose and RFC numbers in URLs.

const rfcEditorBase = "https://www.rfc-editor.org/rfc/rfc"

// rfcPatterns are compiled once per rule construction.
type rfcPatterns struct {
	// mention matches "RFC 9110", "RFC9110", optionally followed by a
	// section: "RFC 9110 section 15.4", "RFC 9110, Section 15.4",
	// "RFC 9110 (section 15.4)", "RFC 9110 §15.4".
	mention *regexp.Regexp
	// mentionAt is mention without its leading \b, anchored: mentions
	// runs it only where "RFC" starts a word.
	mentionAt *regexp.Regexp
	// prefixed matches "section 15.4 of RFC 9110".
	prefixed *regexp.Regexp
	// url matches URLs of RFC documents on the usual hosts.
	url *regexp.Regexp
}

func newRFCPatterns() *rfcPatterns {
	sec := `(?:[Ss]ection|[Ss]ec\.|§|[Aa]ppendix)\s*([0-9A-Z]+(?:\.[0-9]+)*)`
	mention := `RFC[ \x{00A0}]?([1-9][0-9]{0,4})\b(?:(?:,?[ \x{00A0}]+|[ \x{00A0}]*\([ \x{00A0}]*)` + sec + `(\))?)?`
	return &rfcPatterns{
		mention:   regexp.MustCompile(`\b` + mention),
		mentionAt: regexp.MustCompile(`^` + mention),
		prefixed:  regexp.MustCompile(`\b` + sec + `[ \x{00A0}]+of[ \x{00A0}]+RFC[ \x{00A0}]?([1-9][0-9]{0,4})\b`),
		url: regexp.MustCompile(`^(?i:(?:https?:)?//(?:www\.)?(?:` +
			`rfc-editor\.org/(?:rfc|info)/rfc([0-9]+)(?:\.txt|\.html|\.pdf)?/?` +
			`|(?:tools|www)\.ietf\.org/(?:html|rfc)/rfc([0-9]+)(?:\.txt|\.html)?/?` +
			`|datatracker\.ietf\.org/doc/(?:html/)?rfc([0-9]+)/?` +
			`|httpwg\.org/specs/rfc([0-9]+)\.html` +
			`))(#.*)?$`),
	}
}

// An rfcMention is one "RFC N" in source.
type rfcMention struct {
	Span    specs.Span
	Number  int
	Section string // "15.4", "A", or ""
}

// sectionFragment turns a section name into an RFC Editor fragment.
func sectionFragment(sec string) string {
	if sec == "" {
		return ""
	}
	if c := sec[0]; c >= 'A' && c <= 'Z' {
		return "appendix-" + sec
	}
	return "section-" + sec
}

// canonicalRFCURL is the RFC Editor URL of RFC n, at a section if given.
func canonicalRFCURL(n int, sec string) string {
	u := rfcEditorBase + strconv.Itoa(n)
	if f := sectionFragment(sec); f != "" {
		u += "#" + f
	}
	return u
}

// parseRFCURL returns the RFC number and fragment of an RFC URL, or ok ==
// false when u is not one.
func (p *rfcPatterns) parseRFCURL(u string) (n int, frag string, ok bool) {
	if !strings.Contains(u, "rfc") && !strings.Contains(u, "RFC") {
		return 0, "", false
	}
	m := p.url.FindStringSubmatch(strings.TrimSpace(u))
	if m == nil {
		return 0, "", false
	}
	for _, g := range m[1:5] {
		if g != "" {
			n, _ = strconv.Atoi(g)
		}
	}
	return n, strings.TrimPrefix(m[5], "#"), n > 0
}

// mentionsIn finds RFC mentions in s (plain text or source), relative to
// s; base is added to every span.
func (p *rfcPatterns) mentionsIn(s string, base int) []rfcMention {
	if !strings.Contains(s, "RFC") {
		return nil
	}
	var out []rfcMention
	if strings.Contains(s, " of") { // "section X of RFC N"
		for _, m := range p.prefixed.FindAllStringSubmatchIndex(s, -1) {
			n, _ := strconv.Atoi(s[m[4]:m[5]])
			out = append(out, rfcMention{Span: specs.Span{Start: base + m[0], End: base + m[1]}, Number: n, Section: s[m[2]:m[3]]})
		}
	}
	for _, m := range p.findMentions(s) {
		start, end := m[0], m[1]
		if overlapsMention(out, base+start, base+end) {
			continue
		}
		n, _ := strconv.Atoi(s[m[2]:m[3]])
		sec := ""
		if m[4] >= 0 {
			sec = s[m[4]:m[5]]
			// An unbalanced "(section 1" keeps the bracket out.
			if strings.Contains(s[m[3]:m[4]], "(") && m[6] < 0 {
				end = m[3]
				sec = ""
			} else if m[6] < 0 && strings.HasSuffix(sec, ".") {
				end--
			}
		}
		out = append(out, rfcMention{Span: specs.Span{Start: base + start, End: base + end}, Number: n, Section: strings.TrimSuffix(sec, ".")})
	}
	return out
}

// findMentions returns what p.mention.FindAllStringSubmatchIndex(s, -1)
// returns. A match starts with "RFC" at a word boundary, so it tries the
// anchored expression only there instead of at every byte.
func (p *rfcPatterns) findMentions(s string) [][]int {
	var out [][]int
	for cur := 0; cur < len(s); {
		i := strings.Index(s[cur:], "RFC")
		if i < 0 {
			break
		}
		i += cur
		cur = i + 1
		if i > 0 && isWordByte(s[i-1]) {
			continue
		}
		m := p.mentionAt.FindStringSubmatchIndex(s[i:])
		if m == nil {
			continue
		}
		for k, v := range m {
			if v >= 0 {
				m[k] = v + i
			}
		}
		out = append(out, m)
		cur = m[1]
	}
	return out
}

func overlapsMention(ms []rfcMention, start, end int) bool {
	for _, m := range ms {
		if start < m.Span.End && m.Span.Start < end {
			return true
		}
	}
	return false
}

// codeSpans returns the source ranges of code spans on one line segment.
func codeSpans(src []byte, line specs.Span) []specs.Span {
	var out []specs.Span
	i := line.Start
	for i < line.End {
		if src[i] != '`' {
			i++
			continue
		}
		j := i
		for j < line.End && src[j] == '`' {
			j++
		}
		run := j - i
		// Find a closing run of the same length.
		k := j
		closed := false
		for k < line.End {
			if src[k] != '`' {
				k++
				continue
			}
			e := k
			for e < line.End && src[e] == '`' {
				e++
			}
			if e-k == run {
				out = append(out, specs.Span{Start: i, End: e})
				i = e
				closed = true
				break
			}
			k = e
		}
		if !closed {
			i = j
		}
	}
	return out
}

func inSpans(spans []specs.Span, s specs.Span) bool {
	for _, c := range spans {
		if s.Start < c.End && c.Start < s.End {
			return true
		}
	}
	return false
}

// linkAt returns the link of doc whose source span contains s, or nil.
func linkAt(links []*specs.Link, s specs.Span) *specs.Link {
	for _, l := range links {
		if l.Span.Start <= s.Start && s.End <= l.Span.End {
			return l
		}
	}
	return nil
}

// blockLinks returns the links whose span lies within the block.
func blockLinks(doc *specs.Document, b *specs.Block) []*specs.Link {
	var out []*specs.Link
	for _, s := range b.Sentences {
		out = append(out, s.Links...)
	}
	return out
}

// normLabel normalizes a reference label as CommonMark matches them.
func normLabel(s string) string {
	if plainLabel(s) {
		// strings.Fields would give back s: skip its allocations.
		return strings.ToLower(s)
	}
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// plainLabel reports whether s is ASCII with single spaces between words
// and no other white space, so that joining its fields gives s.
func plainLabel(s string) bool {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' {
		return s == ""
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 0x80, c == '\t', c == '\n', c == '\v', c == '\f', c == '\r':
			return false
		case c == ' ' && s[i-1] == ' ':
			return false
		}
	}
	return true
}

// validSpan reports whether s indexes src; the model may hold empty
// placeholder spans (an empty table cell) that must not be sliced.
func validSpan(src []byte, s specs.Span) bool {
	return s.Start >= 0 && s.Start <= s.End && s.End <= len(src)
}

// A blockMention is an RFC mention found in a block's source.
type blockMention struct {
	rfcMention
	// Line is the block line holding the mention.
	Line specs.Span
	// Link is the link whose span holds the mention, or nil.
	Link *specs.Link
	// InCode tells whether the mention lies in a code span.
	InCode bool
}

// blockMentions finds the RFC mentions in the lines of b. The block's
// links (blockLinks) are gathered only when a line mentions an RFC.
func (p *rfcPatterns) blockMentions(src []byte, b *specs.Block) []blockMention {
	if !linesMayContain(src, b.Lines, "RFC") {
		return nil
	}
	var out []blockMention
	var links []*specs.Link
	for _, line := range b.Lines {
		if !validSpan(src, line) || !bytes.Contains(src[line.Start:line.End], []byte("RFC")) {
			continue
		}
		if links == nil {
			links = blockLinks(nil, b)
		}
		code := codeSpans(src, line)
		for _, m := range p.mentionsIn(string(src[line.Start:line.End]), line.Start) {
			out = append(out, blockMention{rfcMention: m, Line: line, Link: linkAt(links, m.Span), InCode: inSpans(code, m.Span)})
		}
	}
	return out
}

// linesMayContain reports whether sub may occur within one of lines: it
// searches the source from the first line's start to the last line's end
// once, instead of line by line. It answers true when a line is not a valid
// span, leaving that line to the caller.
func linesMayContain(src []byte, lines []specs.Span, sub string) bool {
	lo, hi := len(src), 0
	for _, l := range lines {
		if !validSpan(src, l) {
			return true
		}
		lo, hi = min(lo, l.Start), max(hi, l.End)
	}
	return lo < hi && bytes.Contains(src[lo:hi], []byte(sub))
}
