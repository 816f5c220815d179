package meetingnotes

import (
	"regexp"
	"strings"
)

var (
	headingRE  = regexp.MustCompile(`^(#{1,6})(?:[ \t]+|$)`)
	listRE     = regexp.MustCompile(`^([ \t]*)([-*+]|\d{1,9}[.)])(?:[ \t]+(.*)|$)`)
	linkOnlyRE = regexp.MustCompile(`^(?:<https?://[^\s>]+>|https?://\S+|\[[^\]]*\]\([^)\s]*\))$`)
)

// headingLevel returns the ATX heading level of s, or 0.
func headingLevel(s string) int {
	m := headingRE.FindStringSubmatch(s)
	if m == nil {
		return 0
	}
	return len(m[1])
}

// listItem reports whether s is a list item and returns its indentation
// width (tabs count as four columns), marker and text.
func listItem(s string) (indent int, marker, text string, ok bool) {
	m := listRE.FindStringSubmatch(s)
	if m == nil {
		return 0, "", "", false
	}
	for _, r := range m[1] {
		if r == '\t' {
			indent += 4 - indent%4
		} else {
			indent++
		}
	}
	return indent, m[2], strings.TrimRight(m[3], " \t"), true
}

// fence tracks fenced code blocks, inside which nothing is a heading, list
// or chat line.
type fence struct {
	marker string // the opening run of ` or ~, empty when outside a block
	line   int    // line number of the opening fence
}

// step updates the state for line s and reports whether s is part of a
// fenced block (the fence lines included).
func (f *fence) step(s string, n int) bool {
	t := strings.TrimLeft(s, " \t")
	if f.marker != "" {
		if strings.HasPrefix(t, f.marker) && strings.Trim(t, f.marker[:1]+" \t") == "" {
			f.marker = ""
		}
		return true
	}
	for _, c := range []string{"`", "~"} {
		if strings.HasPrefix(t, c+c+c) {
			run := len(t) - len(strings.TrimLeft(t, c))
			if c == "`" && strings.Contains(t[run:], "`") {
				return false // an inline code span, not a fence
			}
			f.marker, f.line = t[:run], n
			return true
		}
	}
	return false
}

// isFlattened reports whether a section lost its layout: it has more than
// one line and not a single blank line, which is what the HackMD export
// produces and what no hand-formatted section looks like. Only flattened
// sections are re-laid-out; any other section is the author's layout and is
// kept line for line, which is what lets archive files round-trip.
func isFlattened(body []string) bool {
	if len(body) < 2 {
		return false
	}
	for _, s := range body {
		if strings.TrimSpace(s) == "" {
			return false
		}
	}
	return true
}

// keepLayout returns the lines of a section that has its layout. The only
// change is rewriting single-space chat separators (an export artefact) to
// tabs, which fmt also does in flattened sections, so fmt stays idempotent.
func keepLayout(body []string) []string {
	out := make([]string, len(body))
	var f fence
	for i, s := range body {
		if f.step(s, i) {
			out[i] = s
			continue
		}
		out[i] = canonicalChatLine(s)
	}
	return out
}

// layouter builds the archive layout of a flattened section: blank lines
// around headings, lists, paragraphs and code blocks, two-space list
// nesting, tab-separated chat lines.
type layouter struct {
	out       []string
	needBlank bool
	preSub    bool // a meeting's lines before its first subsection
	inChat    bool // inside a run of chat lines
	lastPara  bool // the previous line was paragraph text
}

func (l *layouter) blank() { l.needBlank = true }

func (l *layouter) emit(s string) {
	if l.needBlank && len(l.out) > 0 && l.out[len(l.out)-1] != "" {
		l.out = append(l.out, "")
	}
	l.needBlank = false
	l.out = append(l.out, s)
}

// relayout lays out a flattened section. meeting is true for a meeting
// section, whose lines before the first subsection (recording, location,
// cancellation) are separate paragraphs.
func relayout(body []string, meeting bool) []string {
	l := layouter{preSub: meeting}
	for i := 0; i < len(body); i++ {
		i = l.line(body, i)
	}
	return l.out
}

// line lays out body[i] and returns the index of the last line it used
// (a fenced block or a list run takes several).
func (l *layouter) line(body []string, i int) int {
	var f fence
	if f.step(body[i], i) {
		return l.fenced(body, i, &f)
	}
	s := strings.TrimRight(body[i], " \t\r")
	if lvl := headingLevel(s); lvl > 0 {
		l.heading(s, lvl)
		return i
	}
	if _, _, _, ok := parseChatLine(s); ok {
		if !l.inChat {
			l.blank()
		}
		l.emit(canonicalChatLine(s))
		l.inChat, l.lastPara = true, false
		return i
	}
	if l.inChat {
		l.emit(s) // continuation of a multi-line chat message
		return i
	}
	if _, _, _, ok := listItem(s); ok {
		return l.list(body, i, s)
	}
	if s != "" {
		l.paragraphLine(s)
	}
	return i
}

// fenced copies a fenced code block verbatim, starting at body[i].
func (l *layouter) fenced(body []string, i int, f *fence) int {
	l.blank()
	l.emit(body[i])
	for i+1 < len(body) && f.marker != "" {
		i++
		f.step(body[i], i)
		l.emit(body[i])
	}
	l.blank()
	l.lastPara = false
	return i
}

func (l *layouter) heading(s string, lvl int) {
	l.blank()
	l.emit(s)
	l.blank()
	l.inChat, l.lastPara = false, false
	if lvl >= 3 {
		l.preSub = false
	}
}

// list lays out the run of list items starting with s at body[i].
func (l *layouter) list(body []string, i int, s string) int {
	run := []string{s}
	j := i + 1 // s is an item, so the loop always advances
	for ; j < len(body); j++ {
		t := strings.TrimRight(body[j], " \t\r")
		if _, _, _, ok := listItem(t); !ok {
			break
		}
		run = append(run, t)
	}
	l.blank()
	for _, item := range nestList(run) {
		l.emit(item)
	}
	l.blank()
	l.lastPara = false
	return j - 1
}

func (l *layouter) paragraphLine(s string) {
	if l.preSub || !l.lastPara {
		l.blank()
	}
	l.emit(s)
	l.lastPara = true
	if l.preSub {
		l.blank()
	}
}

// nestList renders a run of list items with two spaces per nesting level.
// If the run has any indentation it is trusted and only normalised;
// otherwise the nesting the export flattened is inferred (see inferLevels).
func nestList(items []string) []string {
	indents := make([]int, len(items))
	markers := make([]string, len(items))
	texts := make([]string, len(items))
	indented := false
	for i, s := range items {
		indents[i], markers[i], texts[i], _ = listItem(s)
		if indents[i] > 0 {
			indented = true
		}
	}
	var levels []int
	if indented {
		levels = levelsFromIndent(indents)
	} else {
		levels = inferLevels(texts)
	}
	out := make([]string, len(items))
	for i := range items {
		line := strings.Repeat("  ", levels[i]) + markers[i]
		if texts[i] != "" {
			line += " " + texts[i]
		}
		out[i] = line
	}
	return out
}

// levelsFromIndent turns indentation widths into nesting levels: an item is
// one level below the nearest earlier item with a smaller indentation.
func levelsFromIndent(indents []int) []int {
	levels := make([]int, len(indents))
	var stack []int // indentation of the open ancestors
	for i, in := range indents {
		for len(stack) > 0 && stack[len(stack)-1] >= in {
			stack = stack[:len(stack)-1]
		}
		levels[i] = len(stack)
		stack = append(stack, in)
	}
	return levels
}

// isLinkOnly reports whether a list item is nothing but a link.
func isLinkOnly(text string) bool { return linkOnlyRE.MatchString(strings.TrimSpace(text)) }

// inferLevels recovers list nesting lost by the export, from the two
// conventions the notes follow: an item ending in a colon introduces the
// items after it (until the next such item, or until a text item follows a
// run of bare links), and an item that is only a link belongs to the text
// item before it. Anything else stays at the top level: a wrong guess would
// put words in the minutes' mouth, a flat list does not.
func inferLevels(texts []string) []int {
	levels := make([]int, len(texts))
	group := -1 // level of the open colon item, or -1
	groupLinks, groupChildren := true, false
	for i, t := range texts {
		link := isLinkOnly(t)
		colon := !link && strings.HasSuffix(strings.TrimSpace(t), ":")
		lvl := 0
		if group >= 0 {
			switch {
			case colon:
				lvl = group
			case groupChildren && groupLinks && !link:
				lvl, group = group, -1
			default:
				lvl = group + 1
				groupChildren = true
				groupLinks = groupLinks && link
			}
		}
		if link && i > 0 && !colon {
			prevLink := isLinkOnly(texts[i-1])
			switch {
			case prevLink && levels[i-1] > lvl:
				lvl = levels[i-1]
			case !prevLink && levels[i-1] == lvl && !strings.HasSuffix(strings.TrimSpace(texts[i-1]), ":"):
				lvl++
			}
		}
		if colon {
			group, groupLinks, groupChildren = lvl, true, false
		}
		levels[i] = lvl
	}
	return levels
}
