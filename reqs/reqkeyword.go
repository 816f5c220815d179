package reqs

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// Level is a normalized BCP 14 requirement level.
type Level string

// The normalized levels. REQUIRED and SHALL normalize to MUST, SHALL NOT
// to MUST NOT, RECOMMENDED to SHOULD, NOT RECOMMENDED to SHOULD NOT and
// OPTIONAL to MAY. "MAY NOT" is a level of its own: RFC 2119 does not
// define it, and authors who write it ("Containers MAY NOT access ...")
// mean a prohibition, so it is MUST NOT in effect (Effect) while the
// keyword is kept as written; lint suggests "MUST NOT" or "need not".
const (
	LevelMust      Level = "MUST"
	LevelMustNot   Level = "MUST NOT"
	LevelShould    Level = "SHOULD"
	LevelShouldNot Level = "SHOULD NOT"
	LevelMay       Level = "MAY"
	LevelMayNot    Level = "MAY NOT"
)

// Levels lists the levels, strongest first.
func Levels() []Level {
	return []Level{LevelMust, LevelMustNot, LevelMayNot, LevelShould, LevelShouldNot, LevelMay}
}

// Effect is the level a requirement has in effect: MUST NOT for MAY NOT,
// the level itself otherwise.
func (l Level) Effect() Level {
	if l == LevelMayNot {
		return LevelMustNot
	}
	return l
}

// negative reports a prohibition (MUST NOT, SHOULD NOT, MAY NOT).
func (l Level) negative() bool {
	switch l {
	case LevelMustNot, LevelShouldNot, LevelMayNot:
		return true
	}
	return false
}

// strength orders levels by how much they constrain an implementation,
// ignoring polarity: MUST and MUST NOT are absolute, SHOULD and SHOULD NOT
// are strong advice, MAY is a permission.
func (l Level) strength() int {
	switch l {
	case LevelMust, LevelMustNot, LevelMayNot:
		return 3
	case LevelShould, LevelShouldNot:
		return 2
	case LevelMay:
		return 1
	}
	return 0
}

// keywordLevels maps every BCP 14 keyword, as written, to its level.
var keywordLevels = map[string]Level{
	"MUST":            LevelMust,
	"MUST NOT":        LevelMustNot,
	"REQUIRED":        LevelMust,
	"SHALL":           LevelMust,
	"SHALL NOT":       LevelMustNot,
	"SHOULD":          LevelShould,
	"SHOULD NOT":      LevelShouldNot,
	"RECOMMENDED":     LevelShould,
	"NOT RECOMMENDED": LevelShouldNot,
	"MAY":             LevelMay,
	"MAY NOT":         LevelMayNot,
	"OPTIONAL":        LevelMay,
}

// KeywordLevel returns the level of a BCP 14 keyword written in upper case,
// and false for anything else.
func KeywordLevel(keyword string) (Level, bool) {
	l, ok := keywordLevels[keyword]
	return l, ok
}

// A keywordHit is one BCP 14 keyword found in a sentence's plain text.
type keywordHit struct {
	Start, End int // byte range in the text
	Keyword    string
	Level      Level
	// Normative is false for keywords inside code spans or quoted as words.
	Normative bool
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

func isUpperByte(c byte) bool { return c >= 'A' && c <= 'Z' }

// scanKeywords returns every upper-case BCP 14 keyword in text, longest
// match first ("MUST NOT" is one keyword, "NOT RECOMMENDED" too). A keyword
// is a whole word: the bytes around it are not letters, digits or
// underscores, so "MUST/SHOULD/MAY" holds three keywords and "MUSTER"
// none. sep is the whitespace allowed between the words of a two-word
// keyword: " " for normalized text. Hits inside code (sorted byte ranges of
// text) or wrapped in quotes ("MUST", 'MAY', “SHOULD”) are returned with
// Normative false.
func scanKeywords(text string, code [][2]int) []keywordHit {
	return appendKeywords(nil, text, code)
}

// appendKeywords is scanKeywords appending to hits, so that callers can
// reuse one buffer across sentences.
func appendKeywords(hits []keywordHit, text string, code [][2]int) []keywordHit {
	ci := 0
	for i := 0; i < len(text); i++ {
		if !isUpperByte(text[i]) || (i > 0 && isWordByte(text[i-1])) {
			continue
		}
		j := i
		for j < len(text) && isUpperByte(text[j]) {
			j++
		}
		if j < len(text) && isWordByte(text[j]) {
			i = j
			continue
		}
		kw, end := keywordAt(text, i, j)
		if kw == "" {
			i = j - 1
			continue
		}
		for ci < len(code) && code[ci][1] <= i {
			ci++
		}
		inCode := ci < len(code) && code[ci][0] <= i
		h := keywordHit{Start: i, End: end, Keyword: kw, Level: keywordLevels[kw]}
		h.Normative = !inCode && !quoted(text, i, end)
		hits = append(hits, h)
		i = end - 1
	}
	markKeywordLists(hits, text)
	return hits
}

// markKeywordLists marks keywords listed as words as not normative: a run
// of three or more keywords joined only by commas, slashes, "and" or "or"
// ("all the MUST, REQUIRED, and SHALL requirements"), or of two followed by
// a noun such as "requirements" ("the MUST and SHOULD requirements").
func markKeywordLists(hits []keywordHit, text string) {
	for i := 0; i < len(hits); {
		j := i + 1
		for j < len(hits) && listGap(text[hits[j-1].End:hits[j].Start]) {
			j++
		}
		if n := j - i; n >= 3 || n == 2 && listNoun(text[hits[j-1].End:]) {
			for k := i; k < j; k++ {
				hits[k].Normative = false
			}
		}
		i = j
	}
}

// listGap reports text between two keywords of a list: a comma or slash,
// optionally with "and" or "or", or "and"/"or" alone.
func listGap(gap string) bool {
	g := strings.TrimSpace(gap)
	if g == "" {
		return false // "MUST MAY" is no list
	}
	switch strings.TrimSpace(strings.TrimLeft(g, ",/")) {
	case "", "and", "or", "and/or":
		return true
	}
	return false
}

// listNoun reports text that starts with a noun naming keywords or levels.
func listNoun(after string) bool {
	w := strings.ToLower(strings.TrimLeft(after, " "))
	for _, n := range []string{"requirement", "keyword", "key word", "level", "statement", "clause", "marker"} {
		if strings.HasPrefix(w, n) {
			return true
		}
	}
	return false
}

// keywordAt returns the keyword that starts with the upper-case word
// text[i:j], and where it ends, or "" when the word starts none.
func keywordAt(text string, i, j int) (string, int) {
	switch word := text[i:j]; word {
	case "MUST", "SHALL", "SHOULD", "MAY":
		if k, ok := secondWord(text, j, "NOT"); ok {
			return word + " NOT", k
		}
		return word, j
	case "NOT":
		if k, ok := secondWord(text, j, "RECOMMENDED"); ok {
			return "NOT RECOMMENDED", k
		}
	case "REQUIRED", "RECOMMENDED", "OPTIONAL":
		return word, j
	}
	return "", j
}

// secondWord reports whether text[at:] is whitespace followed by the whole
// word w, and returns the offset after it.
func secondWord(text string, at int, w string) (int, bool) {
	k := at
	for k < len(text) && (text[k] == ' ' || text[k] == '\t' || text[k] == '\n' || text[k] == '\r') {
		k++
	}
	if k == at || !strings.HasPrefix(text[k:], w) {
		return 0, false
	}
	e := k + len(w)
	if e < len(text) && isWordByte(text[e]) {
		return 0, false
	}
	return e, true
}

// quoted reports whether text[start:end] is wrapped in quotation marks,
// which mentions the keyword as a word rather than using it.
func quoted(text string, start, end int) bool {
	open, _ := utf8.DecodeLastRuneInString(text[:start])
	closer, _ := utf8.DecodeRuneInString(text[end:])
	switch open {
	case '"', '\'', '\u201c', '\u2018', '\u00ab':
	default:
		return false
	}
	switch closer {
	case '"', '\'', '\u201d', '\u2019', '\u00bb':
		return true
	}
	return false
}

// boilerplateRE matches the BCP 14 boilerplate paragraph of RFC 2119 and
// RFC 8174 and its common variants.
var boilerplateRE = regexp.MustCompile(`(?i)\bkey\s*words?\b.*\b(?:are|is)\s+to\s+be\s+interpreted\s+as\s+described\s+in\b.*(?:2119|8174|BCP\s*14)`)

// isBoilerplate reports whether the plain text of a block is the BCP 14
// boilerplate, whose keywords are mentioned, not used.
func isBoilerplate(text string) bool {
	return strings.Contains(text, "interpreted") && boilerplateRE.MatchString(text)
}

// stripCode returns text with the code ranges replaced by a placeholder
// word, so that later heuristics see no keywords or conditions inside code.
func stripCode(text string, code [][2]int) string {
	if len(code) == 0 {
		return text
	}
	var sb strings.Builder
	prev := 0
	for _, c := range code {
		if c[0] < prev || c[1] > len(text) || c[0] > c[1] {
			continue
		}
		sb.WriteString(text[prev:c[0]])
		sb.WriteString(strings.Repeat("x", c[1]-c[0]))
		prev = c[1]
	}
	sb.WriteString(text[prev:])
	return sb.String()
}

// normalizeText is the formatting-insensitive form of a requirement's text
// used for IDs and for diffs: code-span backticks and emphasis leftovers
// dropped, quotes unified, whitespace collapsed, case folded and trailing
// punctuation and a leading label ("Note:") removed. Each normative keyword is replaced by "§" so that a
// level change keeps the ID; levels are compared separately.
func normalizeText(text string, hits []keywordHit) string {
	var sb strings.Builder
	sb.Grow(len(text))
	h := 0
	space := false
	for i := 0; i < len(text); {
		for h < len(hits) && !hits[h].Normative {
			h++
		}
		if h < len(hits) && hits[h].Start == i {
			if space && sb.Len() > 0 {
				sb.WriteByte(' ')
			}
			space = false
			sb.WriteString("§")
			i = hits[h].End
			h++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		i += n
		switch r = normRune(r); r {
		case 0:
			continue
		case ' ':
			space = true
			continue
		}
		if space && sb.Len() > 0 {
			sb.WriteByte(' ')
		}
		space = false
		sb.WriteRune(r)
	}
	out := strings.TrimRight(sb.String(), ".:;!? ")
	// A short label before a colon ("Implementers note: ...") is dropped:
	// the splitter makes it a sentence of its own when the colon ends a
	// line, and part of the sentence when the paragraph is re-wrapped.
	if i := strings.Index(out, ": "); i > 0 && i <= maxLabel && !strings.Contains(out[:i], "§") {
		out = out[i+2:]
	}
	if strings.Contains(out, "rfc") {
		out = rfcCiteRE.ReplaceAllString(out, "rfc $1")
	}
	return out
}

// normRune maps a rune of a requirement's text to its normalized form:
// 0 for markup dropped, ' ' for any space, straight quotes for
// typographic ones, lower case for ASCII letters.
func normRune(r rune) rune {
	switch r {
	case '`', '*':
		return 0
	case '\u201c', '\u201d':
		return '"'
	case '\u2018', '\u2019':
		return '\''
	case ' ', '\t', '\n', '\r', '\u00a0':
		return ' '
	}
	if r >= 'A' && r <= 'Z' {
		r += 'a' - 'A'
	}
	return r
}

// maxLabel is the longest label, in bytes, that normalizeText drops.
const maxLabel = 40

// rfcCiteRE matches an RFC citation in normalized text; "RFC5988",
// "RFC 5988" and "RFC 9110 (section 14)" are the same citation written
// differently (the section is part of the link target).
var rfcCiteRE = regexp.MustCompile(`\brfc ?0*([0-9]+)(?: \((?:section|sec\.|§) ?[0-9][0-9.]*\))?`)
