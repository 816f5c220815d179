package lint

import (
	"bytes"
	"math/rand/v2"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// findMentions must find exactly what the unanchored mention expression
// finds.
func TestFindMentionsMatchesRegexp(t *testing.T) {
	p := newRFCPatterns()
	ins := []string{
		"", "RFC", "RFC 1", "RFC9110", "xRFC 9110", "_RFC 1", "RFCRFC 1", "RFC 1 RFC 2", "RFC 9110, Section 15.4.",
		"RFC 9110 (section 15.4)", "RFC 9110 (section 1", "RFC\u00a09110 §15.4", "see RFC 1 section RFC 2119",
		"éRFC 7230", "RFC 123456", "RFC 0", "[RFC 3986](https://www.rfc-editor.org/rfc/rfc3986)",
	}
	for _, s := range ociSpecs(t) {
		for _, d := range loadSpec(t, s).Docs {
			for _, b := range d.Blocks {
				for _, l := range b.Lines {
					if validSpan(d.Source, l) {
						ins = append(ins, string(d.Source[l.Start:l.End]))
					}
				}
				for _, st := range b.Sentences {
					ins = append(ins, st.Text)
				}
			}
			for _, l := range d.Links {
				ins = append(ins, l.Text)
			}
		}
	}
	r := rand.New(rand.NewPCG(3, 4))
	parts := []string{"RFC", "RFC ", "RFC\u00a0", "1", "2119", "9110", " ", ",", "(", ")", "section ", "Sec.", "§", "Appendix ", "A", ".", "4", "x", "_", "é", " of "}
	for range 50000 {
		var b strings.Builder
		for range r.IntN(12) {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		ins = append(ins, b.String())
	}
	for _, s := range ins {
		got, want := p.findMentions(s), p.mention.FindAllStringSubmatchIndex(s, -1)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("findMentions(%q) = %v, regexp finds %v", s, got, want)
		}
	}
}

func TestNormLabelFastPath(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	parts := []string{"a", "B", " ", "  ", "\t", "\n", "\u00a0", "\u0085", "é", "x\r", "\v", "\f", "Z"}
	ins := []string{"", " ", "a", " a", "a ", "a b", "a  b", "A\tB", "é b"}
	for range 20000 {
		var b strings.Builder
		for range r.IntN(6) {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		ins = append(ins, b.String())
	}
	for _, s := range ins {
		if got, want := normLabel(s), strings.ToLower(strings.Join(strings.Fields(s), " ")); got != want {
			t.Errorf("normLabel(%q) = %q, want %q", s, got, want)
		}
	}
}

// The <br> test of intentionalBreak folds case without lowering the line.
func TestBreakSuffixFold(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	parts := []string{"<", "b", "B", "r", "R", ">", "/", " ", "<br>", "<BR/>", "<Br />", "é", "\u212a", "İ", "x", "\xff"}
	for range 50000 {
		var b strings.Builder
		for range r.IntN(8) {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		line := []byte(b.String())
		for _, br := range []string{"<br>", "<br/>", "<br />"} {
			want := bytes.HasSuffix(bytes.ToLower(line), []byte(br))
			got := len(line) >= len(br) && bytes.EqualFold(line[len(line)-len(br):], []byte(br))
			if got != want {
				t.Errorf("%q ends in %q: got %v, want %v", line, br, got, want)
			}
		}
	}
}

// Sort orders as a stable sort by path, line, column and rule does.
func TestSortMatchesStableSort(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	for n := range 200 {
		fs := make([]Finding, n)
		for i := range fs {
			fs[i] = Finding{
				Path: []string{"a.md", "b.md", "c/d.md"}[r.IntN(3)], Line: r.IntN(4), Column: r.IntN(3),
				Rule: []string{"rfc-link", "broken-link"}[r.IntN(2)], Message: strconv.Itoa(i),
			}
		}
		want := slices.Clone(fs)
		sort.SliceStable(want, func(i, j int) bool {
			a, b := want[i], want[j]
			if a.Path != b.Path {
				return a.Path < b.Path
			}
			if a.Line != b.Line {
				return a.Line < b.Line
			}
			if a.Column != b.Column {
				return a.Column < b.Column
			}
			return a.Rule < b.Rule
		})
		Sort(fs)
		if !reflect.DeepEqual(fs, want) {
			t.Fatalf("n=%d: Sort differs from a stable sort", n)
		}
	}
}
