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
	// "RFC 9110 (section 15.4)", "RFC 9110 §15.4". nextMention matches it
	// by hand; a test holds the two equal.
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
// false when u is not one. Most links are relative or point elsewhere: the
// expression needs "//", after "http:" or "https:" in any case, at the
// start, so anything else is turned away before it runs.
func (p *rfcPatterns) parseRFCURL(u string) (n int, frag string, ok bool) {
	t := strings.TrimSpace(u)
	if !strings.HasPrefix(t, "//") && (len(t) < 4 || !strings.EqualFold(t[:4], "http")) || otherHost(t) {
		return 0, "", false
	}
	if !strings.Contains(u, "rfc") && !strings.Contains(u, "RFC") {
		return 0, "", false
	}
	if n, frag, ok, sure := rfcURLASCII(t); sure {
		return n, frag, ok
	}
	m := p.url.FindStringSubmatch(t)
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

// otherHost reports whether t, after "http:", "https:" (in any case) or
// neither and then "//", names a host that no RFC URL has: every host of
// the url pattern, "www." included, starts with "r", "t", "w", "d" or "h"
// in either case, and no other byte matches those when case is ignored.
// It turns away most web links at their first byte.
func otherHost(t string) bool {
	if !cutPrefixFold(&t, "https:") {
		cutPrefixFold(&t, "http:")
	}
	if !cutPrefixFold(&t, "//") {
		return false // left to the full test
	}
	if t == "" {
		return true
	}
	switch t[0] | 0x20 {
	case 'r', 't', 'w', 'd', 'h':
		return false
	}
	return true
}

// rfcURLASCII matches t against the url pattern by hand, as the regular
// expression is slow for a test made on every link. Every literal of the
// pattern is ASCII and matched ignoring case, and at each optional part the
// next byte decides whether it is there, so one pass without backtracking
// finds the one match. sure is false when t holds a byte outside ASCII,
// where case folding reaches beyond ASCII ("ſ" matches "s"): the regular
// expression then decides.
func rfcURLASCII(t string) (n int, frag string, ok, sure bool) {
	for i := 0; i < len(t); i++ {
		if t[i] >= 0x80 {
			return 0, "", false, false
		}
	}
	s := t
	if !cutPrefixFold(&s, "https:") {
		cutPrefixFold(&s, "http:")
	}
	if !cutPrefixFold(&s, "//") {
		return 0, "", false, true
	}
	// "www." may belong to the host ("www.ietf.org") or be the optional
	// prefix of another one; at most one reading matches.
	digits, rest, found := rfcURLPath(s)
	if !found && len(s) >= 4 && strings.EqualFold(s[:4], "www.") {
		digits, rest, found = rfcURLPath(s[4:])
	}
	if !found {
		return 0, "", false, true
	}
	// The fragment is "#" and anything but a line feed.
	if rest != "" && (rest[0] != '#' || strings.IndexByte(rest, '\n') >= 0) {
		return 0, "", false, true
	}
	n, _ = strconv.Atoi(digits)
	return n, strings.TrimPrefix(rest, "#"), n > 0, true
}

// rfcURLPath matches s, a URL after "//" and the optional "www.", against
// the hosts and paths of the url pattern. It returns the RFC number's
// digits and what follows the path, which must be empty or a fragment.
func rfcURLPath(s string) (digits, rest string, ok bool) {
	switch {
	case cutPrefixFold(&s, "rfc-editor.org/"):
		if !cutPrefixFold(&s, "rfc/") && !cutPrefixFold(&s, "info/") {
			return "", "", false
		}
		if !cutPrefixFold(&s, "rfc") || !cutDigits(&s, &digits) {
			return "", "", false
		}
		_ = cutPrefixFold(&s, ".txt") || cutPrefixFold(&s, ".html") || cutPrefixFold(&s, ".pdf")
		cutPrefixFold(&s, "/")
	case cutPrefixFold(&s, "tools.ietf.org/") || cutPrefixFold(&s, "www.ietf.org/"):
		if !cutPrefixFold(&s, "html/") && !cutPrefixFold(&s, "rfc/") {
			return "", "", false
		}
		if !cutPrefixFold(&s, "rfc") || !cutDigits(&s, &digits) {
			return "", "", false
		}
		_ = cutPrefixFold(&s, ".txt") || cutPrefixFold(&s, ".html")
		cutPrefixFold(&s, "/")
	case cutPrefixFold(&s, "datatracker.ietf.org/doc/"):
		cutPrefixFold(&s, "html/")
		if !cutPrefixFold(&s, "rfc") || !cutDigits(&s, &digits) {
			return "", "", false
		}
		cutPrefixFold(&s, "/")
	case cutPrefixFold(&s, "httpwg.org/specs/rfc"):
		if !cutDigits(&s, &digits) || !cutPrefixFold(&s, ".html") {
			return "", "", false
		}
	default:
		return "", "", false
	}
	return digits, s, true
}

// cutPrefixFold removes prefix, an ASCII string, from the start of *s,
// ignoring ASCII case, and reports whether it was there.
func cutPrefixFold(s *string, prefix string) bool {
	if len(*s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		c := (*s)[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[i] {
			return false
		}
	}
	*s = (*s)[len(prefix):]
	return true
}

// cutDigits moves the leading ASCII digits of *s, at least one, to
// *digits.
func cutDigits(s *string, digits *string) bool {
	i := 0
	for i < len(*s) && (*s)[i] >= '0' && (*s)[i] <= '9' {
		i++
	}
	*digits, *s = (*s)[:i], (*s)[i:]
	return i > 0
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
	for cur := 0; ; {
		m, ok := nextMention(s, cur)
		if !ok {
			break
		}
		cur = m[1]
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

// findMentions returns what p.mention.FindAllStringSubmatchIndex(s, -1)
// returns (see nextMention).
func (p *rfcPatterns) findMentions(s string) [][]int {
	var out [][]int
	for cur := 0; ; {
		m, ok := nextMention(s, cur)
		if !ok {
			break
		}
		out = append(out, m[:])
		cur = m[1]
	}
	return out
}

// nextMention finds the first match of the mention expression in s that
// starts at or after cur, with its submatch offsets as
// FindStringSubmatchIndex gives them. A match starts with "RFC" at a word
// boundary, so only those places are tried, by mentionAt.
func nextMention(s string, cur int) (m [8]int, ok bool) {
	for cur < len(s) {
		i := strings.Index(s[cur:], "RFC")
		if i < 0 {
			break
		}
		i += cur
		cur = i + 1
		if i > 0 && isWordByte(s[i-1]) {
			continue
		}
		if m, ok := mentionAt(s, i); ok {
			return m, true
		}
	}
	return m, false
}

// mentionAt matches the mention expression (mentionAt) at s[i:], which
// starts with "RFC", by hand. In the expression, each optional or repeated
// part is followed by something it cannot match itself, so taking the
// longest run at each step, as the backtracking matcher tries first, is
// the only way to match; where two alternatives could both start, the
// first is tried first, as the expression does.
func mentionAt(s string, i int) (m [8]int, ok bool) {
	// RFC[ \x{00A0}]?([1-9][0-9]{0,4})\b
	p := i + len("RFC")
	if p < len(s) && s[p] == ' ' {
		p++
	} else if strings.HasPrefix(s[p:], "\u00a0") {
		p += len("\u00a0")
	}
	q := p
	for q < len(s) && s[q] >= '0' && s[q] <= '9' {
		q++
	}
	if q == p || s[p] == '0' || q-p > 5 || q < len(s) && isWordByte(s[q]) {
		return m, false
	}
	m = [8]int{i, q, p, q, -1, -1, -1, -1}
	// (?:(?:,?[ \x{00A0}]+|[ \x{00A0}]*\([ \x{00A0}]*)SECTION(\))?)?
	x := q
	if x < len(s) && s[x] == ',' {
		x++
	}
	if y := skipSpaces(s, x); y > x {
		if sec, ok := sectionAt(s, y); ok {
			return withSection(m, sec), true
		}
	}
	if y := skipSpaces(s, q); y < len(s) && s[y] == '(' {
		if sec, ok := sectionAt(s, skipSpaces(s, y+1)); ok {
			return withSection(m, sec), true
		}
	}
	return m, true
}

// withSection completes a mention match with a section match: the section
// name is group 2, the closing bracket group 3.
func withSection(m [8]int, sec [4]int) [8]int {
	m[4], m[5] = sec[0], sec[1]
	m[6], m[7] = sec[2], sec[3]
	m[1] = sec[1]
	if sec[3] >= 0 {
		m[1] = sec[3]
	}
	return m
}

// skipSpaces returns the end of the run of spaces and no-break spaces at
// s[i:].
func skipSpaces(s string, i int) int {
	for i < len(s) {
		switch {
		case s[i] == ' ':
			i++
		case strings.HasPrefix(s[i:], "\u00a0"):
			i += len("\u00a0")
		default:
			return i
		}
	}
	return i
}

// sectionAt matches (?:[Ss]ection|[Ss]ec\.|§|[Aa]ppendix)\s*([0-9A-Z]+(?:\.[0-9]+)*)(\))?
// at s[i:], returning the offsets of the name and of the closing bracket
// (-1 when there is none).
func sectionAt(s string, i int) (sec [4]int, ok bool) {
	rest := s[i:]
	switch {
	case strings.HasPrefix(rest, "Section") || strings.HasPrefix(rest, "section"):
		i += len("Section")
	case strings.HasPrefix(rest, "Sec.") || strings.HasPrefix(rest, "sec."):
		i += len("Sec.")
	case strings.HasPrefix(rest, "§"):
		i += len("§")
	case strings.HasPrefix(rest, "Appendix") || strings.HasPrefix(rest, "appendix"):
		i += len("Appendix")
	default:
		return sec, false
	}
	// \s is [\t\n\f\r ].
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\f' || s[i] == '\r') {
		i++
	}
	start := i
	for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] >= 'A' && s[i] <= 'Z') {
		i++
	}
	if i == start {
		return sec, false
	}
	for i+1 < len(s) && s[i] == '.' && s[i+1] >= '0' && s[i+1] <= '9' {
		i += 2
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
	}
	sec = [4]int{start, i, -1, -1}
	if i < len(s) && s[i] == ')' {
		sec[2], sec[3] = i, i+1
	}
	return sec, true
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
