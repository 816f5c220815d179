package lint

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/ocispec/ocispec/specs"
)

// The shortcuts of docCache and of the rules' helpers must answer what the
// slower code they replace answers.

func TestLinesMayContain(t *testing.T) {
	src := []byte("ab][cd\nRFC x\n")
	sp := func(a, b int) specs.Span { return specs.Span{Start: a, End: b} }
	for _, tt := range []struct {
		lines []specs.Span
		sub   string
		want  bool
	}{
		{nil, "][", false},
		{[]specs.Span{sp(0, 6)}, "][", true},
		{[]specs.Span{sp(0, 3)}, "][", false},
		{[]specs.Span{sp(7, 12)}, "][", false},
		{[]specs.Span{sp(7, 12)}, "RFC", true},
		{[]specs.Span{sp(0, 2), sp(7, 12)}, "][", true}, // the range from the first line to the last
		{[]specs.Span{sp(-1, 3)}, "RFC", true},          // an invalid line: the source holds it
		{[]specs.Span{sp(5, 4)}, "][", true},
	} {
		if got := linesMayContain(src, tt.lines, appendOffsets(nil, src, tt.sub), len(tt.sub)); got != tt.want {
			t.Errorf("linesMayContain(%v, %q) = %v, want %v", tt.lines, tt.sub, got, tt.want)
		}
	}
}

func TestAppendOffsets(t *testing.T) {
	for _, c := range []struct {
		src, sub string
		want     []int
	}{
		{"", "][", nil},
		{"][][", "][", []int{0, 2}},
		{"]]][[[", "][", []int{2}},
		{"RFCRFC RFC", "RFC", []int{0, 3, 7}},
		{"aaaa", "aa", []int{0, 1, 2}},
	} {
		if got := appendOffsets(nil, []byte(c.src), c.sub); !reflect.DeepEqual(got, c.want) {
			t.Errorf("appendOffsets(%q, %q) = %v, want %v", c.src, c.sub, got, c.want)
		}
	}
}

// defIndex finds the first definition of a label as a map of normLabel
// keys does.
func TestDefIndex(t *testing.T) {
	labels := []string{"a", "A", "foo bar", "Foo  Bar", "FOO\tbar", "é", "É", "x y", "RFC 2119", "rfc 2119", strings.Repeat("L", 70), strings.Repeat("l", 70), "  a  "}
	var defs []*specs.RefDef
	for _, l := range labels {
		defs = append(defs, &specs.RefDef{Label: l})
	}
	c := &docCache{doc: &specs.Document{RefDefs: defs}}
	first := map[string]int{}
	for i, l := range labels {
		if _, ok := first[normLabel(l)]; !ok {
			first[normLabel(l)] = i
		}
	}
	for _, l := range append(labels, "b", "FOO BAR", "foo  bar", "Rfc 2119", "") {
		wi, wok := first[normLabel(l)]
		if gi, gok := c.defIndex(l); gi != wi || gok != wok {
			t.Errorf("defIndex(%q) = %d, %v, want %d, %v", l, gi, gok, wi, wok)
		}
	}
}

func TestCodeSpans(t *testing.T) {
	sp := func(a, b int) specs.Span { return specs.Span{Start: a, End: b} }
	for _, tt := range []struct {
		src  string
		want []specs.Span
	}{
		{"no code", nil},
		{"a `b` c", []specs.Span{sp(2, 5)}},
		{"``a ` b`` and `c`", []specs.Span{sp(0, 9), sp(14, 17)}},
		{"a `b and ``c`", []specs.Span{sp(2, 13)}}, // runs of other lengths inside
		{"unclosed `a", nil},
		{"`a` `", []specs.Span{sp(0, 3)}},
	} {
		src := []byte(tt.src)
		if got := codeSpans(src, sp(0, len(src))); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("codeSpans(%q) = %v, want %v", tt.src, got, tt.want)
		}
	}
}

// The message helpers quote as %q does.
func TestAppendExcerpt(t *testing.T) {
	excerpt := func(s string) string {
		const max = 40
		if len(s) <= max {
			return s
		}
		cut := strings.LastIndexByte(s[:max], ' ')
		if cut < max/2 {
			cut = max
		}
		return s[:cut] + "…"
	}
	ins := []string{"", "short", `with "quotes" and \ backslash`, "tab\tand\nnewline", "\x7f del", "é accents é", strings.Repeat("word ", 20),
		strings.Repeat("é", 30), strings.Repeat("x", 39) + "é" + strings.Repeat("y", 10), strings.Repeat("x", 38) + "日本" + "zzzz", "\xff\xfe invalid " + strings.Repeat("z", 40)}
	r := rand.New(rand.NewPCG(23, 24))
	parts := []string{"a", " ", "é", "日", "\"", "\\", "\t", "\x00", "\xe2\x80", "…", "\u2028", "~"}
	for range 20000 {
		s := randomJoin(r, parts, 40)
		ins = append(ins, s)
	}
	for _, s := range ins {
		if got, want := string(appendExcerpt(nil, s)), fmt.Sprintf("%q", excerpt(s)); got != want {
			t.Errorf("appendExcerpt(%q) = %s, want %s", s, got, want)
		}
	}
}

// newLine gives the line ending and the container prefix of the line.
func TestNewLine(t *testing.T) {
	for _, c := range []struct {
		src   string
		start int
		want  string
	}{
		{"text\nmore", 0, "\n"},
		{"text\r\nmore", 0, "\r\n"},
		{"- item\n", 2, "\n  "},
		{"> 1. item\r\nx", 5, "\r\n>    "},
		{"  - * deep\n", 6, "\n      "},
		{"last", 0, "\n"},
		{"a\n\t- b", 5, "\n\t  "},
	} {
		end := lineEndAt([]byte(c.src), c.start)
		if got := newLine([]byte(c.src), specs.Span{Start: c.start, End: end}); got != c.want {
			t.Errorf("newLine(%q, %d) = %q, want %q", c.src, c.start, got, c.want)
		}
	}
}

func TestLineEndAt(t *testing.T) {
	for _, c := range []struct {
		src  string
		off  int
		want int
	}{
		{"", 0, 0}, {"abc", 0, 3}, {"ab\ncd", 0, 2}, {"ab\r\ncd", 0, 2}, {"ab\rcd\n", 1, 2}, {"ab\ncd\r", 3, 5}, {"\n", 0, 0}, {"ab", 2, 2},
	} {
		if got := lineEndAt([]byte(c.src), c.off); got != c.want {
			t.Errorf("lineEndAt(%q, %d) = %d, want %d", c.src, c.off, got, c.want)
		}
	}
}

// anchorIDs finds what a set of the IDs finds, and the smallest ID that
// differs only in case.
func TestAnchorIDs(t *testing.T) {
	ids := anchorIDs{"intro", "Intro", "INTRO", "setup", "k", "\u212a", "x-1"}
	for _, c := range []struct {
		id, fold string
		has, ok  bool
	}{
		{"intro", "INTRO", true, true}, {"iNtRo", "INTRO", false, true}, {"setup", "setup", true, true}, {"K", "k", false, true}, {"none", "", false, false}, {"X-1", "x-1", false, true},
	} {
		if got := ids.has(c.id); got != c.has {
			t.Errorf("has(%q) = %v, want %v", c.id, got, c.has)
		}
		if got, ok := ids.fold(c.id); got != c.fold || ok != c.ok {
			t.Errorf("fold(%q) = %q, %v, want %q, %v", c.id, got, ok, c.fold, c.ok)
		}
	}
}

// hasComment answers as bytes.Contains(src, "<!--").
func TestHasComment(t *testing.T) {
	r := rand.New(rand.NewPCG(25, 26))
	ins := []string{"", "<", "<!--", "x<!--", "!--", "<!-", "<!!--", "<<!--x", "!--<!--"}
	for range 20000 {
		b := make([]byte, r.IntN(12))
		for i := range b {
			b[i] = "<!-x"[r.IntN(4)]
		}
		ins = append(ins, string(b))
	}
	for _, s := range ins {
		if got, want := hasComment([]byte(s)), strings.Contains(s, "<!--"); got != want {
			t.Errorf("hasComment(%q) = %v, want %v", s, got, want)
		}
	}
}

// randomJoin joins up to max-1 parts picked at random.
func randomJoin(r *rand.Rand, parts []string, max int) string {
	var b strings.Builder
	for range r.IntN(max) {
		b.WriteString(parts[r.IntN(len(parts))])
	}
	return b.String()
}
