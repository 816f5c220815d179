package lint

import (
	"fmt"
	"regexp"

	"github.com/ocispec/ocispec/specs"
)

// bcp14KeywordCase (off by default) reports key words capitalized as if
// normative but not in all capitals ("Must", "Should", "May" inside a
// sentence) and mixed forms such as "MUST not".
type bcp14KeywordCase struct {
	title, mixed *regexp.Regexp
}

func newBCP14KeywordCase() bcp14KeywordCase {
	return bcp14KeywordCase{
		title: regexp.MustCompile(`\b(Must|Should|Shall|May)( [Nn]ot)?\b`),
		mixed: regexp.MustCompile(`\b(MUST|SHOULD|SHALL) ([Nn]ot)\b`),
	}
}

func (bcp14KeywordCase) Meta() Meta {
	return Meta{
		ID:       "bcp14-keyword-case",
		Severity: Off,
		Summary:  "BCP 14 key words are written in all capitals or all lower case, never \"Must\" or \"MUST not\".",
	}
}

func (r bcp14KeywordCase) Check(doc *specs.Document, ctx *Context) []Finding {
	out := ctx.findings()
	for _, b := range doc.Blocks {
		if b.Kind == specs.HeadingText {
			continue
		}
		for _, s := range b.Sentences {
			out = r.checkSentence(out, s)
		}
	}
	return out
}

func (r bcp14KeywordCase) checkSentence(out []Finding, s *specs.Sentence) []Finding {
	text := outsideCode(s)
	for _, m := range r.title.FindAllStringSubmatchIndex(text, -1) {
		if m[0] == 0 || !wordStart(text, m[0]) || afterLabel(text, m[0]) {
			continue // sentence-initial capital, or the start of "Q: Should ..."
		}
		if m[3] == m[2]+3 && isDate(text[m[1]:]) {
			continue // "May 2024", "May, 2026", "May 5"
		}
		w := text[m[0]:m[1]]
		out = append(out, Finding{Span: wordSpan(s, m[0], m[1]), Message: fmt.Sprintf("%q is capitalized like a BCP 14 key word: write %q if it is normative, or lower case", w, upper(w))})
	}
	for _, m := range r.mixed.FindAllStringIndex(text, -1) {
		w := text[m[0]:m[1]]
		out = append(out, Finding{Span: wordSpan(s, m[0], m[1]), Message: fmt.Sprintf("%q mixes cases: write %q", w, upper(w))})
	}
	return out
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

// afterLabel reports a word that starts the text after a colon, as in
// "Q: Should I ...?" or "Note: May be empty.", which is capitalized as a
// sentence start.
func afterLabel(text string, i int) bool {
	j := i
	for j > 0 && (text[j-1] == ' ' || text[j-1] == '*' || text[j-1] == '_') {
		j--
	}
	return j > 0 && text[j-1] == ':'
}

// isDate reports text that follows "May" in a date: optional comma, then a
// digit.
func isDate(rest string) bool {
	if len(rest) > 0 && rest[0] == ',' {
		rest = rest[1:]
	}
	return len(rest) > 1 && rest[0] == ' ' && rest[1] >= '0' && rest[1] <= '9'
}

// wordSpan locates text[i:j] of a sentence in the source.
func wordSpan(s *specs.Sentence, i, j int) specs.Span {
	return specs.Span{Start: s.SourceOffset(i), End: s.SourceOffset(j-1) + 1}
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
