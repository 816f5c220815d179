package specs

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// defaultAbbreviations never end a sentence, whatever follows them. "etc."
// is deliberately absent: it often ends a sentence, and the lower-case rule
// already keeps "etc. and" together.
var defaultAbbreviations = []string{
	"e.g.", "i.e.", "vs.", "a.k.a.", "aka.", "cf.", "viz.", "approx.", "incl.",
	"mr.", "mrs.", "ms.", "dr.", "prof.", "jr.", "sr.", "st.", "no.", "fig.",
	"al.", "resp.", "inc.", "ltd.", "co.", "ca.", "eq.", "sec.", "u.s.",
	"vol.", "p.", "pp.", "ch.", "art.", "para.", "cf.", "est.",
	"jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec.",
}

// titles are the abbreviations that stand before a name, written in lower
// case: as such they are something else.
var titles = map[string]bool{"mr.": true, "mrs.": true, "ms.": true, "dr.": true, "prof.": true, "st.": true, "jr.": true, "sr.": true}

// splitter finds sentence boundaries in plain text.
type splitter struct {
	abbrev map[string]bool
	// longest is the length of the longest abbreviation: a longer word
	// needs no lookup.
	longest int
}

func newSplitter(extra []string) *splitter {
	s := &splitter{abbrev: make(map[string]bool, len(defaultAbbreviations)+len(extra))}
	for _, a := range defaultAbbreviations {
		s.abbrev[a] = true
		s.longest = max(s.longest, len(a))
	}
	for _, a := range extra {
		a = strings.ToLower(strings.TrimSpace(a))
		if a == "" {
			continue
		}
		if !strings.HasSuffix(a, ".") {
			a += "."
		}
		s.abbrev[a] = true
		s.longest = max(s.longest, len(a))
	}
	return s
}

// isCloser reports characters that may follow a sentence's terminator and
// still belong to it: closing quotes and brackets.
func isCloser(r rune) bool {
	switch r {
	case '"', '\'', ')', ']', '\u201d', '\u2019', '}':
		return true
	}
	return false
}

func isOpener(r rune) bool {
	switch r {
	case '"', '\'', '(', '[', '\u201c', '\u2018', '{':
		return true
	}
	return false
}

// Split returns the end offsets (exclusive, before the separating space) of
// every sentence in text but the last. protected holds sorted, disjoint byte
// ranges (code spans, URLs) inside which no boundary may fall.
func (s *splitter) Split(text string, protected [][2]int) []int {
	return s.splitInto(nil, text, protected)
}

// terminators are the bytes that may end a sentence.
const terminators = ".?!:"

var isTerminator = [256]bool{'.': true, '?': true, '!': true, ':': true}

// A termFinder finds the next terminator with one vectorized IndexByte per
// terminator byte, remembering each one's next position, instead of
// testing every byte of the text.
type termFinder struct {
	at [len(terminators)]int // next position of each; -1: none left
}

func newTermFinder() termFinder {
	var f termFinder
	for k := range f.at {
		f.at[k] = -2 // not searched yet
	}
	return f
}

// next returns the position of the first terminator at or after from, or
// -1.
func (f *termFinder) next(text string, from int) int {
	if from >= len(text) {
		return -1
	}
	if len(text)-from < 48 {
		// A short rest (table cells, headings, a sentence's tail): four
		// IndexByte calls cost more than looking at each byte.
		for i := from; i < len(text); i++ {
			if isTerminator[text[i]] {
				return i
			}
		}
		return -1
	}
	best := -1
	for k := range f.at {
		if f.at[k] == -1 {
			continue
		}
		if f.at[k] < from {
			if j := strings.IndexByte(text[from:], terminators[k]); j >= 0 {
				f.at[k] = from + j
			} else {
				f.at[k] = -1
				continue
			}
		}
		if best < 0 || f.at[k] < best {
			best = f.at[k]
		}
	}
	return best
}

// splitInto is Split appending to ends, so a caller can reuse its buffer.
func (s *splitter) splitInto(ends []int, text string, protected [][2]int) []int {
	sentStart := 0
	p := 0 // index into protected
	f := newTermFinder()
	for i := f.next(text, 0); i >= 0 && i < len(text); i = f.next(text, i+1) {
		c := text[i]
		for p < len(protected) && protected[p][1] <= i {
			p++
		}
		if p < len(protected) && protected[p][0] <= i {
			i = protected[p][1] - 1
			continue
		}
		if c == ':' {
			// A colon ends a sentence only at the end of a source line,
			// as in "**Note:**" on a line of its own or a line that
			// introduces what follows; mid-line it never does.
			if i+1 < len(text) && text[i+1] == '\n' && !inProtected(protected, p, i) {
				ends = append(ends, i+1)
				sentStart = i + 2
			}
			continue
		}
		j, k := s.boundary(text, sentStart, i)
		if k >= len(text) {
			break
		}
		if k < 0 {
			i = j - 1
			continue
		}
		ends = append(ends, j)
		sentStart = k
		i = k - 1
	}
	return ends
}

// boundary judges the terminator at text[i]: a sentence ends at j and the
// next starts at k, or k is negative when the sentence goes on (j is then
// where to look further), or k is len(text) when nothing follows.
func (s *splitter) boundary(text string, sentStart, i int) (j, k int) {
	j = terminatorEnd(text, i)
	if j >= len(text) || (text[j] != ' ' && text[j] != '\t' && text[j] != '\n') {
		return j, -1
	}
	k = j
	for k < len(text) && (text[k] == ' ' || text[k] == '\t' || text[k] == '\n') {
		k++
	}
	if k < len(text) && s.continues(text, sentStart, i, j, k) {
		return j, -1
	}
	return j, k
}

// terminatorEnd returns the end of the run of terminators ("?!", "...")
// and closers that starts at text[i].
func terminatorEnd(text string, i int) int {
	j := i + 1
	for j < len(text) && (text[j] == '.' || text[j] == '?' || text[j] == '!') {
		j++
	}
	for j < len(text) {
		r, n := utf8.DecodeRuneInString(text[j:])
		if !isCloser(r) {
			break
		}
		j += n
	}
	return j
}

// continues reports whether the sentence that started at sentStart goes on
// past the terminator at text[i] (its run ends at j, the next word starts
// at k): after an abbreviation or a number, or before a lower-case word
// ("etc. and more"), unless the full stop ends a source line: in
// one-sentence-per-line files a new line after a full stop is a new
// sentence, even one that starts with a lower-case name such as "runc".
func (s *splitter) continues(text string, sentStart, i, j, k int) bool {
	if text[i] == '.' && (i+1 == len(text) || text[i+1] != '.') && (s.isAbbrev(text[:i+1]) || numberOnly(text[sentStart:i])) {
		return true
	}
	lineEnd := strings.IndexByte(text[j:k], '\n') >= 0
	return !startsSentence(text[k:]) && (!lineEnd || strings.HasSuffix(text[:i+1], "etc."))
}

// numberOnly reports a "sentence" that would be a bare number ("2." at the
// start of a line, as in a numbered step written inside a paragraph).
func numberOnly(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// isAbbrev reports whether the word ending text (which ends in '.') is a
// known abbreviation.
func (s *splitter) isAbbrev(text string) bool {
	start := len(text) - 1
	for start > 0 {
		r, n := utf8.DecodeLastRuneInString(text[:start])
		if unicode.IsSpace(r) || isOpener(r) || r == '`' || r == '*' || r == '_' {
			break
		}
		start -= n
	}
	word := text[start:]
	if len(word) > s.longest {
		return false
	}
	if titles[word] {
		// Lower-case "ms." or "st." is a unit or a word at the end of a
		// sentence ("within 500 ms."), not "Ms." or "St.".
		return false
	}
	// Lower-case ASCII in a small buffer: the map lookup of
	// string(bytes) does not allocate.
	var buf [32]byte
	if len(word) <= len(buf) {
		for i := 0; i < len(word); i++ {
			c := word[i]
			if c >= 0x80 {
				return s.abbrev[strings.ToLower(word)]
			}
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf[i] = c
		}
		return s.abbrev[string(buf[:len(word)])]
	}
	return s.abbrev[strings.ToLower(word)]
}

// startsSentence reports whether text, the first non-space text after a
// terminator, can begin a new sentence: anything but a lower-case letter,
// after skipping opening quotes and brackets.
func startsSentence(text string) bool {
	for len(text) > 0 {
		r, n := utf8.DecodeRuneInString(text)
		if isOpener(r) || r == '*' || r == '_' {
			text = text[n:]
			continue
		}
		return !unicode.IsLower(r)
	}
	return false
}

func inProtected(protected [][2]int, p, i int) bool {
	for ; p < len(protected) && protected[p][0] <= i; p++ {
		if i < protected[p][1] {
			return true
		}
	}
	return false
}
