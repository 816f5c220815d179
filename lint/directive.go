package lint

import (
	"bytes"
	"strings"

	"github.com/ocispec/ocispec/specs"
)

// Inline comments that silence rules:
//
//	<!-- ocispec-disable-next-line RULE [RULE...] -->
//	<!-- ocispec-disable RULE [RULE...] -->  ...  <!-- ocispec-enable RULE [RULE...] -->
//
// Without a rule ID a comment applies to every rule. A comment counts only
// when it starts its line (after container prefixes) and lies outside code
// blocks, so documentation can show the syntax in examples.
const directivePrefix = "ocispec-"

// lineRange is an inclusive range of 1-based lines; to == 0 means "to the
// end of the document".
type lineRange struct {
	rule     string // "" for every rule
	from, to int
}

type directives struct {
	ranges []lineRange
}

func (d directives) suppressed(rule string, line int) bool {
	for _, r := range d.ranges {
		if (r.rule == "" || r.rule == rule) && line >= r.from && (r.to == 0 || line <= r.to) {
			return true
		}
	}
	return false
}

// parseDirectives scans doc for ocispec comments.
func parseDirectives(doc *specs.Document) directives {
	src := doc.Source
	var ds directiveScan
	scanDirectives(doc, func(start, end int, verb string, rules []string) {
		if len(rules) == 0 {
			rules = []string{""}
		}
		line := doc.Position(start).Line
		endLine := doc.Position(end).Line
		switch verb {
		case "disable-next-line":
			next := nextContentLine(src, end, endLine)
			ds.add(rules, next, next)
		case "disable-line":
			ds.add(rules, line, endLine)
		case "disable":
			ds.disable(rules, line)
		case "enable":
			ds.enable(rules, line)
		}
	})
	for _, r := range ds.order {
		if from, ok := ds.open[r]; ok {
			ds.d.ranges = append(ds.d.ranges, lineRange{rule: r, from: from})
		}
	}
	return ds.d
}

// directiveScan is the state of parseDirectives.
type directiveScan struct {
	d     directives
	open  map[string]int // rule -> start line of an open disable
	order []string       // rules in the order they were disabled
}

func (ds *directiveScan) add(rules []string, from, to int) {
	for _, r := range rules {
		ds.d.ranges = append(ds.d.ranges, lineRange{rule: r, from: from, to: to})
	}
}

func (ds *directiveScan) disable(rules []string, line int) {
	if ds.open == nil {
		ds.open = map[string]int{}
	}
	for _, r := range rules {
		if _, ok := ds.open[r]; !ok {
			ds.order = append(ds.order, r)
			ds.open[r] = line
		}
	}
}

func (ds *directiveScan) enable(rules []string, line int) {
	for _, r := range rules {
		if r != "" {
			ds.close(r, line)
			continue
		}
		// A bare enable closes everything.
		for _, o := range ds.order {
			ds.close(o, line)
		}
	}
}

func (ds *directiveScan) close(r string, line int) {
	if from, ok := ds.open[r]; ok {
		ds.d.ranges = append(ds.d.ranges, lineRange{rule: r, from: from, to: line})
		delete(ds.open, r)
	}
}

// scanDirectives calls fn for each ocispec comment that counts: outside
// code, and starting its line unless it is a disable-line. verb is the
// word after "ocispec-"; rules are the names after it, split at spaces or
// commas.
func scanDirectives(doc *specs.Document, fn func(start, end int, verb string, rules []string)) {
	src := doc.Source
	if !hasComment(src) || !bytes.Contains(src, []byte(directivePrefix)) {
		return
	}
	off := 0
	for off < len(src) {
		i := bytes.Index(src[off:], []byte("<!--"))
		if i < 0 {
			break
		}
		start := off + i
		j := bytes.Index(src[start:], []byte("-->"))
		if j < 0 {
			break
		}
		end := start + j + 3
		off = end
		body := strings.TrimSpace(string(src[start+4 : end-3]))
		if !strings.HasPrefix(body, directivePrefix) || inCode(doc, start) {
			continue
		}
		fields := strings.FieldsFunc(body, func(r rune) bool { return r == ' ' || r == '\t' || r == ',' || r == '\n' })
		verb := strings.TrimPrefix(fields[0], directivePrefix)
		// Only disable-line may end the line it silences, and there it
		// must not be inside a code span, where documentation shows the
		// syntax.
		if !startsLine(src, start) {
			if verb != "disable-line" {
				continue
			}
			line := doc.LineSpan(doc.Position(start).Line)
			if inSpans(codeSpans(src, line), specs.Span{Start: start, End: start + 1}) {
				continue
			}
		}
		fn(start, end, verb, fields[1:])
	}
}

// directiveVerbs are the known directives, after "ocispec-".
var directiveVerbs = []string{"disable-next-line", "disable-line", "disable", "enable"}

// hasComment reports whether src holds "<!--". It searches for "!--",
// whose "!" is much rarer than "<" in Markdown, and looks at the byte
// before each.
func hasComment(src []byte) bool {
	for off := 1; off < len(src); {
		i := bytes.Index(src[off:], []byte("!--"))
		if i < 0 {
			return false
		}
		if src[off+i-1] == '<' {
			return true
		}
		off += i + 1
	}
	return false
}

// nextContentLine returns the first non-blank line after offset off, whose
// own line number is line.
func nextContentLine(src []byte, off, line int) int {
	// Move to the end of the current line.
	for off < len(src) && src[off] != '\n' {
		off++
	}
	for off < len(src) {
		off++ // past '\n'
		line++
		k := off
		for k < len(src) && (src[k] == ' ' || src[k] == '\t' || src[k] == '\r' || src[k] == '>') {
			k++
		}
		if k < len(src) && src[k] != '\n' {
			return line
		}
		off = k
	}
	return line
}

// startsLine reports whether only container prefixes (spaces, tabs, '>')
// precede off on its line.
func startsLine(src []byte, off int) bool {
	for k := off - 1; k >= 0 && src[k] != '\n'; k-- {
		switch src[k] {
		case ' ', '\t', '>':
		default:
			return false
		}
	}
	return true
}

// inCode reports whether off lies inside a code block.
func inCode(doc *specs.Document, off int) bool {
	for _, c := range doc.CodeBlocks {
		if off >= c.Span.Start && off < c.Span.End {
			return true
		}
	}
	return false
}
