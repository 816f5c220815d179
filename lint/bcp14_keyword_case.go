package lint

import (
	"fmt"
	"regexp"

	"github.com/ocispec/ocispec/specs"
)

// bcp14KeywordCase (off by default) reports key words capitalized as if
// normative but not in all capitals ("Must", "Should", "May" inside a
// sentence) and mixed forms such as "MUST not".
func bcp14KeywordCase() *Rule {
	title := regexp.MustCompile(`\b(Must|Should|Shall|May)( [Nn]ot)?\b`)
	mixed := regexp.MustCompile(`\b(MUST|SHOULD|SHALL) ([Nn]ot)\b`)
	return &Rule{
		ID:       "bcp14-keyword-case",
		Severity: Off,
		Summary:  "BCP 14 key words are written in all capitals or all lower case, never \"Must\" or \"MUST not\".",
		Check: func(doc *specs.Document, _ *Context) []Finding {
			var out []Finding
			for _, b := range doc.Blocks {
				if b.Kind == specs.HeadingText {
					continue
				}
				for _, s := range b.Sentences {
					text := outsideCode(s)
					for _, m := range title.FindAllStringSubmatchIndex(text, -1) {
						if m[0] == 0 || !wordStart(text, m[0]) {
							continue // sentence-initial capital
						}
						if m[3] == m[2]+3 && m[1] < len(text)-1 && text[m[1]] == ' ' && text[m[1]+1] >= '0' && text[m[1]+1] <= '9' {
							continue // "May 2024"
						}
						w := text[m[0]:m[1]]
						out = append(out, Finding{Span: s.Span, Message: fmt.Sprintf("%q is capitalized like a BCP 14 key word: write %q if it is normative, or lower case", w, upper(w))})
					}
					for _, m := range mixed.FindAllStringIndex(text, -1) {
						w := text[m[0]:m[1]]
						out = append(out, Finding{Span: s.Span, Message: fmt.Sprintf("%q mixes cases: write %q", w, upper(w))})
					}
				}
			}
			return out
		},
	}
}

// wordStart reports whether the word at i follows something other than
// sentence-opening punctuation (a quote or bracket at the sentence start
// still counts as the start).
func wordStart(text string, i int) bool {
	for j := 0; j < i; j++ {
		switch text[j] {
		case '"', '\'', '(', '[', '*', '_', ' ':
		default:
			return true
		}
	}
	return false
}

func upper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'a' && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}
