package lint

import (
	"regexp"
	"strings"

	"github.com/ocispec/ocispec/specs"
)

// Helpers shared by the BCP 14 rules.

// bcp14KeywordPattern matches the BCP 14 key words in capitals, longest
// first.
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
// boilerplate sentence.
func isBoilerplate(text string) bool {
	if !strings.Contains(text, "nterpret") && !strings.Contains(text, "NTERPRET") {
		return false
	}
	t := strings.ToLower(text)
	if !strings.Contains(t, "key word") || !strings.Contains(t, "interpreted") {
		return false
	}
	return strings.Contains(t, "bcp 14") || strings.Contains(t, "bcp14") ||
		strings.Contains(t, "rfc 2119") || strings.Contains(t, "rfc2119")
}

// keywordRegexp compiles bcp14KeywordPattern.
func keywordRegexp() *regexp.Regexp { return regexp.MustCompile(bcp14KeywordPattern) }

// hasCapitalRun reports whether s holds two capital ASCII letters in a row,
// which every key word has; it lets rules skip most sentences without a
// regular expression.
func hasCapitalRun(s string) bool {
	for i := 1; i < len(s); i++ {
		if s[i] >= 'A' && s[i] <= 'Z' && s[i-1] >= 'A' && s[i-1] <= 'Z' {
			return true
		}
	}
	return false
}
