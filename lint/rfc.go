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
	// prefixed matches "section 15.4 of RFC 9110".
	prefixed *regexp.Regexp
	// url matches URLs of RFC documents on the usual hosts.
	url *regexp.Regexp
}

func newRFCPatterns() *rfcPatterns {
	sec := `(?:[Ss]ection|[Ss]ec\.|§|[Aa]ppendix)\s*([0-9A-Z]+(?:\.[0-9]+)*)`
	mention := `RFC[ \x{00A0}]?([1-9][0-9]{0,4})\b(?:(?:,?[ \x{00A0}]+|[ \x{00A0}]*\([ \x{00A0}]*)` + sec + `(\))?)?`
	return &rfcPatterns{
		mention:  regexp.MustCompile(`\b` + mention),
		prefixed: regexp.MustCompile(`\b` + sec + `[ \x{00A0}]+of[ \x{00A0}]+RFC[ \x{00A0}]?([1-9][0-9]{0,4})\b`),
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
// false when u is not one. Every match holds "rfc" in some case, and the
// expression runs only on links that hold "rfc" or "RFC".
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
	// "section X of RFC N": the expression needs "of", spaces and "RFC",
	// and a section word.
	if ofRFC(s) && mayHaveSectionWord(s) {
		for _, m := range p.prefixed.FindAllStringSubmatchIndex(s, -1) {
			n, _ := strconv.Atoi(s[m[4]:m[5]])
			out = append(out, rfcMention{Span: specs.Span{Start: base + m[0], End: base + m[1]}, Number: n, Section: s[m[2]:m[3]]})
		}
	}
	for _, m := range p.mention.FindAllStringSubmatchIndex(s, -1) {
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

// ofRFC reports whether s holds "of", then spaces or no-break spaces,
// then "RFC", as every match of the prefixed expression does.
func ofRFC(s string) bool {
	for cur := 0; ; {
		i := strings.Index(s[cur:], "RFC")
		if i < 0 {
			return false
		}
		i += cur
		j := i
		for {
			if j > 0 && s[j-1] == ' ' {
				j--
			} else if j >= len("\u00a0") && s[j-len("\u00a0"):j] == "\u00a0" {
				j -= len("\u00a0")
			} else {
				break
			}
		}
		if j < i && j >= 2 && s[j-2:j] == "of" {
			return true
		}
		cur = i + 1
	}
}

// mayHaveSectionWord reports whether s may hold a section word of the
// prefixed expression: "[Ss]ection", "[Ss]ec.", "§" or "[Aa]ppendix".
func mayHaveSectionWord(s string) bool {
	return strings.Contains(s, "ec") || strings.Contains(s, "§") || strings.Contains(s, "ppendix")
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
// It jumps from backtick to backtick: most of a line is not code.
func codeSpans(src []byte, line specs.Span) []specs.Span {
	var out []specs.Span
	for i := line.Start; ; {
		start, stop, ok := backtickRun(src, i, line.End)
		if !ok {
			return out
		}
		// Find a closing run of the same length.
		i = stop
		for k := stop; ; {
			s, e, ok := backtickRun(src, k, line.End)
			if !ok {
				break
			}
			if e-s == stop-start {
				out = append(out, specs.Span{Start: start, End: e})
				i = e
				break
			}
			k = e
		}
	}
}

// backtickRun finds the next run of backticks in src[from:end].
func backtickRun(src []byte, from, end int) (start, stop int, ok bool) {
	k := bytes.IndexByte(src[from:end], '`')
	if k < 0 {
		return 0, 0, false
	}
	start = from + k
	stop = start
	for stop < end && src[stop] == '`' {
		stop++
	}
	return start, stop, true
}

func inSpans(spans []specs.Span, s specs.Span) bool {
	for _, c := range spans {
		if s.Start < c.End && c.Start < s.End {
			return true
		}
	}
	return false
}

// blockLinkAt returns the first link of a sentence of b whose source span
// contains s, or nil. The block's links are those of its sentences, in
// order.
func blockLinkAt(b *specs.Block, s specs.Span) *specs.Link {
	for _, st := range b.Sentences {
		for _, l := range st.Links {
			if l.Span.Start <= s.Start && s.End <= l.Span.End {
				return l
			}
		}
	}
	return nil
}

// normLabel normalizes a reference label as CommonMark matches them.
func normLabel(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// validSpan reports whether s indexes src; the model may hold empty
// placeholder spans (an empty table cell) that must not be sliced.
func validSpan(src []byte, s specs.Span) bool {
	return s.Start >= 0 && s.Start <= s.End && s.End <= len(src)
}

// A blockMention is an RFC mention found in a block's source.
type blockMention struct {
	rfcMention
	// Block is the index of the block in the document's Blocks.
	Block int
	// Line is the block line holding the mention.
	Line specs.Span
	// Link is the link whose span holds the mention, or nil.
	Link *specs.Link
	// InCode tells whether the mention lies in a code span.
	InCode bool
}

// appendBlockMentions appends the RFC mentions in the lines of b, block i
// of the document, to out; rfcAt holds the offsets of "RFC" in src
// (docCache.rfcOffsets).
func (p *rfcPatterns) appendBlockMentions(out []blockMention, src []byte, i int, b *specs.Block, rfcAt []int) []blockMention {
	if !linesMayContain(src, b.Lines, rfcAt, len("RFC")) {
		return out
	}
	for _, line := range b.Lines {
		if !validSpan(src, line) || !bytes.Contains(src[line.Start:line.End], []byte("RFC")) {
			continue
		}
		code := codeSpans(src, line)
		for _, m := range p.mentionsIn(string(src[line.Start:line.End]), line.Start) {
			out = append(out, blockMention{rfcMention: m, Block: i, Line: line, Link: blockLinkAt(b, m.Span), InCode: inSpans(code, m.Span)})
		}
	}
	return out
}
