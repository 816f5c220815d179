package lint

import (
	"strings"

	"github.com/ocispec/ocispec/specs"
)

// Helpers shared by the BCP 14 rules.

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
	if strings.IndexByte(text, '1') < 0 || !strings.Contains(text, "nterpret") && !strings.Contains(text, "NTERPRET") {
		return false
	}
	t := strings.ToLower(text)
	if !strings.Contains(t, "key word") || !strings.Contains(t, "interpreted") {
		return false
	}
	return strings.Contains(t, "bcp 14") || strings.Contains(t, "bcp14") ||
		strings.Contains(t, "rfc 2119") || strings.Contains(t, "rfc2119")
}

// bcp14Keywords are the BCP 14 key words in capitals, each before any
// other that it starts with.
var bcp14Keywords = [...]string{
	"MUST NOT", "MUST", "REQUIRED", "SHALL NOT", "SHALL", "SHOULD NOT", "SHOULD",
	"NOT RECOMMENDED", "RECOMMENDED", "MAY", "OPTIONAL",
}

// findKeyword returns the leftmost key word of s, the longest at its
// place, standing as a word of its own (ASCII word boundaries).
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
// which every key word has; it lets rules skip most sentences cheaply.
func hasCapitalRun(s string) bool {
	for i := 1; i < len(s); i++ {
		if s[i] >= 'A' && s[i] <= 'Z' && s[i-1] >= 'A' && s[i-1] <= 'Z' {
			return true
		}
	}
	return false
}
