package lint

import (
	"strings"

	"github.com/ocispec/ocispec/specs"
)

// Helpers shared by the BCP 14 rules.

// bcp14KeywordPattern matches the BCP 14 key words in capitals, longest
// first. findKeyword implements it without a regular expression; a test
// holds the two equal.
const bcp14KeywordPattern = `\b(?:MUST NOT|MUST|REQUIRED|SHALL NOT|SHALL|SHOULD NOT|SHOULD|NOT RECOMMENDED|RECOMMENDED|MAY|OPTIONAL)\b`

// The RFC 8174 boilerplate, suggested when a set lacks one.
const bcp14Boilerplate8174 = `The key words "MUST", "MUST NOT", "REQUIRED", "SHALL", "SHALL NOT", "SHOULD", "SHOULD NOT", "RECOMMENDED", "NOT RECOMMENDED", "MAY", and "OPTIONAL" in this document are to be interpreted as described in BCP 14 [RFC 2119] [RFC 8174] when, and only when, they appear in all capitals, as shown here.`

// outsideCode returns s.Text with its code spans blanked out.
func outsideCode(s *specs.Sentence) string {
	if len(s.Code) == 0 {
		return s.Text
	}
	b := []byte(s.Text)
	for _, c := range s.Code {
		for i := c[0]; i < c[1] && i < len(b); i++ {
			b[i] = ' '
		}
	}
	return string(b)
}

// isBoilerplate reports whether a sentence is a BCP 14 / RFC 2119
// boilerplate sentence. Each of "bcp 14", "bcp14", "rfc 2119" and
// "rfc2119" holds a "1", and lowering text makes no digit, so a sentence
// without one, most sentences, is ruled out by one byte search.
func isBoilerplate(text string) bool {
	if strings.IndexByte(text, '1') < 0 || !hasInterpret(text) {
		return false
	}
	t := strings.ToLower(text)
	if !strings.Contains(t, "key word") || !strings.Contains(t, "interpreted") {
		return false
	}
	return strings.Contains(t, "bcp 14") || strings.Contains(t, "bcp14") ||
		strings.Contains(t, "rfc 2119") || strings.Contains(t, "rfc2119")
}

// hasInterpret reports whether text contains "nterpret" or "NTERPRET",
// which every boilerplate sentence does. It looks for the rarer "p" (or
// "P") first, so the common case, a sentence without it, costs one
// vectorized byte search per case.
func hasInterpret(text string) bool {
	return hasAround(text, 'p', "nterpret") || hasAround(text, 'P', "NTERPRET")
}

// hasAround reports whether word, whose fifth byte is c, occurs in text.
func hasAround(text string, c byte, word string) bool {
	const at = 4 // index of c in word
	for off := at; off < len(text); {
		i := strings.IndexByte(text[off:], c)
		if i < 0 {
			return false
		}
		i += off
		if i+len(word)-at <= len(text) && text[i-at:i-at+len(word)] == word {
			return true
		}
		off = i + 1
	}
	return false
}

// bcp14Keywords are the alternatives of bcp14KeywordPattern, in its order.
var bcp14Keywords = [...]string{
	"MUST NOT", "MUST", "REQUIRED", "SHALL NOT", "SHALL", "SHOULD NOT", "SHOULD",
	"NOT RECOMMENDED", "RECOMMENDED", "MAY", "OPTIONAL",
}

// findKeyword returns what keywordRegexp().FindString(s) returns, the
// leftmost key word of s preferring the earlier alternative, without a
// regular expression: \b is an ASCII word boundary.
func findKeyword(s string) string {
	for i := 0; i+3 <= len(s); i++ {
		switch s[i] {
		case 'M', 'R', 'S', 'N', 'O':
		default:
			continue
		}
		if i > 0 && isWordByte(s[i-1]) {
			continue
		}
		for _, k := range bcp14Keywords {
			if e := i + len(k); strings.HasPrefix(s[i:], k) && (e == len(s) || !isWordByte(s[e])) {
				return k
			}
		}
	}
	return ""
}

// isWordByte reports whether c is in \w, [0-9A-Za-z_].
func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// hasCapitalRun reports whether s holds two capital ASCII letters in a row,
// which every key word has; it lets rules skip most sentences without a
// regular expression. It tests eight bytes at a time (see capitals).
func hasCapitalRun(s string) bool {
	var prev uint64 // 0x80 when the byte before the current word is a capital
	i := 0
	for ; i+8 <= len(s); i += 8 {
		c := capitals(load64(s, i))
		// A capital following a capital, within the word or across the
		// boundary with the previous one.
		if c&(c<<8) != 0 || c&prev != 0 {
			return true
		}
		prev = c >> 56
	}
	for ; i < len(s); i++ {
		up := s[i] >= 'A' && s[i] <= 'Z'
		if up && prev != 0 {
			return true
		}
		prev = 0
		if up {
			prev = 0x80
		}
	}
	return false
}

// capitals returns, for each byte of x, its high bit set when the byte is
// an ASCII capital ('A' to 'Z') and clear otherwise. With the high bits
// cleared, adding 0x3f to a byte sets its high bit when it is at least 'A'
// and adding 0x25 when it is above 'Z'; neither sum carries into the next
// byte.
func capitals(x uint64) uint64 {
	const (
		low7 = 0x7f7f7f7f7f7f7f7f
		high = 0x8080808080808080
	)
	y := x & low7
	atLeastA := y + 0x3f3f3f3f3f3f3f3f
	aboveZ := y + 0x2525252525252525
	return atLeastA &^ aboveZ &^ x & high
}

// load64 reads the eight bytes of s from i as a little-endian word; the
// compiler turns it into one load.
func load64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}
