package specs

import (
	"regexp"
	"strings"
)

// A propHeader is what one header line says: the bold names, the type and
// the marker, with offsets relative to the start of the line.
type propHeader struct {
	names     []string
	typed     bool   // a type was written (emphasis or parentheses)
	code      bool   // the names are code spans
	typeText  string // markup removed
	typeRef   string // link destination inside the type, or a reference label
	refLabel  bool   // typeRef is a reference label to resolve
	marker    string
	condition string
	notes     []string
	markerAt  [2]int // marker word, relative to the line; zero when none
	end       int    // end of the header (names and type)
	problems  []lineProblem
}

// A lineProblem is a malformed header part, relative to the line.
type lineProblem struct {
	at, end int
	msg     string
}

// parseHeader reads a property header at the start of line, or reports
// false when the line does not start with a bold property name. code
// requires the names in code spans (the paragraph form, where bold
// without code is emphasis, not a property).
func parseHeader(line string, code bool) (propHeader, bool) {
	var h propHeader
	i, ok := h.parseNames(line, code)
	if !ok {
		return h, false
	}
	h.end = i
	j := skipSpaces(line, i)
	rest := line[j:]
	switch {
	case strings.HasPrefix(rest, "*(") || strings.HasPrefix(rest, "_("):
		h.parseParens(line, j+1, rest[:1])
	case strings.HasPrefix(rest, "("):
		h.parseParens(line, j, "")
	case len(rest) > 1 && (rest[0] == '*' || rest[0] == '_') && rest[1] != rest[0]:
		h.parseEmphasis(line, j)
	}
	return h, true
}

// sentenceHeaderRE matches runtime-spec's sentence form of an object
// property: "`memory` is an OPTIONAL configuration for ...".
var sentenceHeaderRE = regexp.MustCompile("^`([A-Za-z_][\\w.-]*)` is an? (REQUIRED|OPTIONAL) (?:configuration|object|structure)\\b")

// parseSentenceHeader reads the sentence form as a header of an object.
func parseSentenceHeader(line string) (propHeader, bool) {
	m := sentenceHeaderRE.FindStringSubmatchIndex(line)
	if m == nil {
		return propHeader{}, false
	}
	h := propHeader{names: []string{line[m[2]:m[3]]}, typed: true, typeText: "object", marker: line[m[4]:m[5]], end: m[1]}
	h.markerAt = [2]int{m[4], m[5]}
	return h, true
}

// parseNames reads "**`a`**", "**a**", "**`a, b`**" and "**`a`**, **`b`**"
// and returns the offset after the last name.
func (h *propHeader) parseNames(line string, code bool) (int, bool) {
	i := 0
	for strings.HasPrefix(line[i:], "**") {
		end := strings.Index(line[i+2:], "**")
		if end < 0 {
			return 0, false
		}
		inner := line[i+2 : i+2+end]
		names, ok := boldNames(inner, code)
		if !ok {
			return 0, false
		}
		h.code = inner[0] == '`'
		h.names = append(h.names, names...)
		i += 2 + end + 2
		if j := skipSpaces(line, i); strings.HasPrefix(line[j:], ",") && strings.HasPrefix(line[skipSpaces(line, j+1):], "**") {
			i = skipSpaces(line, j+1)
			continue
		}
		break
	}
	return i, len(h.names) > 0
}

// boldNames reads the names inside one bold span: a code span (possibly
// "a, b") or, unless code is required, a bare identifier.
func boldNames(inner string, code bool) ([]string, bool) {
	if len(inner) > 2 && inner[0] == '`' && inner[len(inner)-1] == '`' {
		var out []string
		for _, n := range strings.Split(inner[1:len(inner)-1], ",") {
			if n = strings.TrimSpace(n); !isPropName(n) {
				return nil, false
			}
			out = append(out, strings.TrimSpace(n))
		}
		return out, true
	}
	if code || !isPropName(inner) {
		return nil, false
	}
	return []string{inner}, true
}

// isPropName reports a plausible JSON property name: no spaces, letters,
// digits and the punctuation of OCI names (diff_ids, os.version,
// org.opencontainers.image.created, io.k8s-style keys).
func isPropName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !isIdentRune(r) && r != '.' && r != '-' && r != '/' {
			return false
		}
	}
	return true
}

// parseParens reads "(type, MARKER, notes)" starting at line[at] == '(';
// close is the emphasis character wrapped around the parentheses, if any.
func (h *propHeader) parseParens(line string, at int, closeEm string) {
	end := matchingParen(line, at)
	if end < 0 {
		h.problems = append(h.problems, lineProblem{at, len(line), "unclosed parenthesis in property header"})
		end = len(line)
	}
	h.typed = true
	parts, offs := splitTop(line[at+1:end], at+1)
	if f := strings.Fields(parts[0]); len(parts) == 1 && len(f) > 1 && (f[len(f)-1] == "REQUIRED" || f[len(f)-1] == "OPTIONAL") {
		// "(object OPTIONAL)": the comma left out (runtime-spec config-vm).
		cut := strings.LastIndex(parts[0], f[len(f)-1])
		parts, offs = []string{parts[0][:cut], parts[0][cut:]}, []int{offs[0], offs[0] + cut}
	}
	h.setType(parts[0])
	if len(parts) > 1 {
		h.setMarker(parts[1], offs[1])
	} else {
		h.problems = append(h.problems, lineProblem{at, end, "property header has no REQUIRED or OPTIONAL marker"})
	}
	for _, n := range parts[min(2, len(parts)):] {
		h.notes = append(h.notes, stripEmphasis(n))
	}
	h.end = min(end+1, len(line))
	if closeEm != "" && strings.HasPrefix(line[h.end:], closeEm) {
		h.end++
	}
}

// parseEmphasis reads "*type*" or "_type_, MARKER" starting at line[at].
func (h *propHeader) parseEmphasis(line string, at int) {
	em := line[at]
	end := strings.IndexByte(line[at+1:], em)
	if end < 0 {
		return
	}
	end += at + 1
	h.typed = true
	h.setType(line[at+1 : end])
	h.end = end + 1
	j := skipSpaces(line, h.end)
	if !strings.HasPrefix(line[j:], ",") {
		return
	}
	j = skipSpaces(line, j+1)
	h.setMarker(line[j:], j)
	h.end = len(line)
}

// setType records the type text, reading a link in it as a reference to
// another document's type.
func (h *propHeader) setType(s string) {
	s = strings.TrimSpace(s)
	if open := strings.IndexByte(s, '['); open >= 0 {
		if mid := strings.Index(s[open:], "]("); mid > 0 {
			if cl := strings.IndexByte(s[open+mid:], ')'); cl > 0 {
				h.typeRef = strings.Fields(s[open+mid+2:open+mid+cl] + " ")[0]
				s = s[:open] + s[open+1:open+mid] + s[open+mid+cl+1:]
			}
		} else if mid := strings.Index(s[open:], "]["); mid > 0 {
			if cl := strings.IndexByte(s[open+mid:], ']'); cl >= 0 {
				if cl2 := strings.IndexByte(s[open+mid+2:], ']'); cl2 >= 0 {
					label := s[open+mid+2 : open+mid+2+cl2]
					if label == "" {
						label = s[open+1 : open+mid]
					}
					h.typeRef, h.refLabel = label, true
					s = s[:open] + s[open+1:open+mid] + s[open+mid+2+cl2+1:]
				}
			}
		}
	}
	h.typeText = strings.TrimSpace(strings.Map(plainTypeRune, s))
	h.typeText = strings.Join(strings.Fields(h.typeText), " ")
}

// setMarker reads "REQUIRED", "OPTIONAL" or "REQUIRED unless ..." at
// line offset at.
func (h *propHeader) setMarker(s string, at int) {
	lead := len(s) - len(strings.TrimLeft(s, " *_"))
	word := s[lead:]
	if i := strings.IndexAny(word, " *_,)"); i >= 0 {
		word = word[:i]
	}
	switch word {
	case "REQUIRED", "OPTIONAL":
		h.marker = word
		h.markerAt = [2]int{at + lead, at + lead + len(word)}
		h.condition = strings.TrimSpace(strings.Trim(s[lead+len(word):], " *_"))
	default:
		h.problems = append(h.problems, lineProblem{at + lead, at + len(s), "marker " + quoteWord(strings.TrimSpace(s)) + " is neither REQUIRED nor OPTIONAL"})
		h.notes = append(h.notes, stripEmphasis(s))
	}
}

func quoteWord(s string) string { return "\"" + s + "\"" }

// stripEmphasis removes emphasis markers and spaces around a header part.
func stripEmphasis(s string) string { return strings.Trim(s, " *_") }

// matchingParen returns the index of the parenthesis closing line[at], or
// -1; code spans are skipped.
func matchingParen(line string, at int) int {
	depth := 0
	for i := at; i < len(line); i++ {
		switch line[i] {
		case '`':
			if j := strings.IndexByte(line[i+1:], '`'); j >= 0 {
				i += j + 1
			}
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// splitTop splits s on commas outside code spans and brackets, returning
// each part and its offset (base added).
func splitTop(s string, base int) ([]string, []int) {
	var parts []string
	var offs []int
	start, depth, code := 0, 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '`':
			code = !code
		case c == '[' || c == '(':
			depth++
		case c == ']' || c == ')':
			depth--
		case c == ',' && !code && depth == 0:
			parts, offs = append(parts, s[start:i]), append(offs, base+start)
			start = i + 1
		}
	}
	return append(parts, s[start:]), append(offs, base+start)
}

func skipSpaces(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i
}

// plainTypeRune drops the emphasis and code marks of a type and reads an
// underscore as a space (a strings.Replacer built on every call cost a
// tenth of linting a large file).
func plainTypeRune(r rune) rune {
	switch r {
	case '`', '*':
		return -1
	case '_':
		return ' '
	}
	return r
}
