package lint

import (
	"bytes"
	"math/rand/v2"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/ocispec/ocispec/specs"
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
	parts := []string{"RFC", "RFC ", "RFC\u00a0", "1", "2119", "9110", " ", ",", "(", ")", "section ", "Sec.", "§", "Appendix ", "A", ".", "4", "x", "_", "é", " of ",
		"Section", "section", "sec.", "Sec", "appendix", "\t", "\n", "\f", "\v", "\r", "\u00a0", "\u00a0", "Z", "123456", "0", "12345", "( ", " (", "\xc2", "ection"}
	for range 200000 {
		s := randomJoin(r, parts, 12)
		ins = append(ins, s)
	}
	// Mentions built along the expression, with near misses.
	pick := func(alts ...string) string { return alts[r.IntN(len(alts))] }
	for range 100000 {
		ins = append(ins, pick("", "x", "_", " ", "é")+"RFC"+pick("", " ", "\u00a0", "  ", "\t")+pick("1", "9110", "12345", "123456", "0", "01", "")+
			pick("", ",", ", ", " ", "\u00a0", " (", "(", ", (", "  ( ", "x", "_", ".")+
			pick("Section", "section", "SECTION", "Sec.", "sec.", "Sec", "§", "Appendix", "appendix", "")+
			pick("", " ", "\t", "\n", "\f", "\r", "\v", "\u00a0", "  ")+
			pick("1", "15.4", "A", "A.1", "B2", "1.", "1.x", "a", "", "4.1.2", "Z9")+
			pick("", ")", " )", ".", ",", " RFC 2"))
	}
	for _, s := range ins {
		got, want := p.findMentions(s), p.mention.FindAllStringSubmatchIndex(s, -1)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("findMentions(%q) = %v, regexp finds %v", s, got, want)
		}
	}
}

// mentionsIn, with the hand-written matcher and the test before the
// prefixed expression, finds what the two expressions find.
func TestMentionsInMatchesRegexp(t *testing.T) {
	p := newRFCPatterns()
	want := func(s string, base int) []rfcMention {
		if !strings.Contains(s, "RFC") {
			return nil
		}
		var out []rfcMention
		for _, m := range p.prefixed.FindAllStringSubmatchIndex(s, -1) {
			n, _ := strconv.Atoi(s[m[4]:m[5]])
			out = append(out, rfcMention{Span: specs.Span{Start: base + m[0], End: base + m[1]}, Number: n, Section: s[m[2]:m[3]]})
		}
		for _, m := range p.mention.FindAllStringSubmatchIndex(s, -1) {
			start, end := m[0], m[1]
			if overlapsMention(out, base+start, base+end) {
				continue
			}
			n, _ := strconv.Atoi(s[m[2]:m[3]])
			sec := ""
			if m[4] >= 0 {
				sec = s[m[4]:m[5]]
				if strings.Contains(s[m[3]:m[4]], "(") && m[6] < 0 {
					end = m[3]
					sec = ""
				} else if m[6] < 0 && strings.HasSuffix(sec, ".") {
					end--
				}
			}
			out = append(out, rfcMention{Span: specs.Span{Start: base + start, End: base + end}, Number: n, Section: strings.TrimSuffix(sec, ".")})
		}
		return out
	}
	ins := []string{"see section 4 of RFC 9110", "Section 4.1 of RFC 1 and RFC 2 (section 3)", "§4 of RFC 5", "x§4 of RFC 5", "appendix A of RFC\u00a07", "Sec. 2 of  RFC 3",
		"section 1 of\u00a0RFC 2", "Section 2 of  \u00a0 RFC 3", "Section 2 ofRFC 3", "Section 2\u00a0of\u00a0\u00a0RFC 3", "RFC 1 of RFC 2 section 3 of RFC 4"}
	for _, s := range ociSpecs(t) {
		for _, d := range loadSpec(t, s).Docs {
			for _, b := range d.Blocks {
				for _, l := range b.Lines {
					if validSpan(d.Source, l) {
						ins = append(ins, string(d.Source[l.Start:l.End]))
					}
				}
			}
		}
	}
	r := rand.New(rand.NewPCG(15, 16))
	parts := []string{"RFC", "RFC ", "1", "2119", " ", " of ", "of", "section ", "Section", "sec.", "Sec. ", "§", "appendix ", "Appendix", "A", "4.1", ".", "(", ")", ",", "x", "\u00a0", "\t", "ec"}
	for range 100000 {
		s := randomJoin(r, parts, 12)
		ins = append(ins, s)
	}
	for _, s := range ins {
		if got, want := p.mentionsIn(s, 7), want(s, 7); !reflect.DeepEqual(got, want) {
			t.Errorf("mentionsIn(%q) = %v, the expressions find %v", s, got, want)
		}
	}
}

func TestNormLabelFastPath(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	parts := []string{"a", "B", " ", "  ", "\t", "\n", "\u00a0", "\u0085", "é", "x\r", "\v", "\f", "Z"}
	ins := []string{"", " ", "a", " a", "a ", "a b", "a  b", "A\tB", "é b"}
	for range 20000 {
		s := randomJoin(r, parts, 6)
		ins = append(ins, s)
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
		s := randomJoin(r, parts, 8)
		line := []byte(s)
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

// parseRFCURL, with its hand-written matcher and its early exits, returns
// what the url expression alone returns for URLs that mention "rfc".
func TestParseRFCURLMatchesRegexp(t *testing.T) {
	p := newRFCPatterns()
	want := func(u string) (int, string, bool) {
		if !strings.Contains(u, "rfc") && !strings.Contains(u, "RFC") {
			return 0, "", false
		}
		m := p.url.FindStringSubmatch(strings.TrimSpace(u))
		if m == nil {
			return 0, "", false
		}
		n := 0
		for _, g := range m[1:5] {
			if g != "" {
				n, _ = strconv.Atoi(g)
			}
		}
		return n, strings.TrimPrefix(m[5], "#"), n > 0
	}
	ins := []string{
		"", "rfc", "https://www.rfc-editor.org/rfc/rfc9110", "https://www.rfc-editor.org/rfc/rfc9110.html#section-15.4",
		"http://tools.ietf.org/html/rfc2119", "//www.ietf.org/rfc/rfc2119.txt", "https://datatracker.ietf.org/doc/html/rfc7231#page-12",
		"https://httpwg.org/specs/rfc9110.html#status.codes", " https://www.rfc-editor.org/info/rfc8174/ ", "HTTPS://TOOLS.IETF.ORG/HTML/RFC3986",
		"https://www.www.ietf.org/rfc/rfc1", "https://www.tools.ietf.org/rfc/rfc1", "https://rfc-editor.org/rfc/rfc0", "httpſ://tools.ietf.org/rfc/rfc1",
		"https://toolſ.ietf.org/rfc/rfc1", "https://tools.ietf.org/rfc/rfc1#a\nb", "https://tools.ietf.org/rfc/rfc1\n", "https://www.rfc-editor.org/rfc/rfc99999999999999999999999",
		"https://tools.ietf.org/html/rfc1.html/#x", "https://tools.ietf.org/html/rfc1/.html", "\x0ehttps://tools.ietf.org/html/rfc1",
	}
	for _, s := range ociSpecs(t) {
		for _, d := range loadSpec(t, s).Docs {
			for _, l := range d.Links {
				ins = append(ins, l.Destination)
			}
		}
	}
	r := rand.New(rand.NewPCG(11, 12))
	parts := []string{
		"https:", "http:", "HTTP:", "hTtPs:", "//", "/", "www.", "WWW.", "rfc-editor.org/", "RFC-Editor.org/", "tools.", "ietf.org/",
		"datatracker.ietf.org/doc/", "httpwg.org/specs/", "rfc/", "info/", "html/", "rfc", "RFC", "Rfc", "1", "2119", "0", "9110",
		".txt", ".html", ".pdf", ".HTML", "#", "#section-1", "\n", " ", "x", "ſ", "K", ".", "\x0e", "\x0f",
	}
	for range 100000 {
		s := randomJoin(r, parts, 10)
		ins = append(ins, s)
	}
	// URLs built along the pattern, with some parts swapped for near
	// misses.
	pick := func(alts ...string) string { return alts[r.IntN(len(alts))] }
	for range 100000 {
		u := pick("", "https:", "http:", "HTTPS:", "ftp:", "https") + pick("//", "/", "//") + pick("", "", "www.", "WWW.", "ww.") +
			pick("rfc-editor.org/"+pick("rfc/", "info/", "RFC/", "x/")+pick("rfc", "Rfc", "")+pick("1", "2119", "0", "", "12a")+pick("", ".txt", ".html", ".pdf", ".PDF", ".htm"),
				pick("tools.", "www.", "TOOLS.", "tool.")+"ietf.org/"+pick("html/", "rfc/", "doc/")+pick("rfc", "")+pick("1", "2119", "")+pick("", ".txt", ".html", ".pdf"),
				"datatracker.ietf.org/doc/"+pick("", "html/", "HTML/", "htm/")+pick("rfc", "RFC")+pick("1", "9110", ""),
				"httpwg.org/specs/"+pick("rfc", "RFC")+pick("1", "9110", "")+pick(".html", "", ".txt")) +
			pick("", "/", "//") + pick("", "#", "#section-1", "#a\nb", "#ſ", "x", " ")
		ins = append(ins, u)
	}
	matched := 0
	for _, u := range ins {
		if _, _, ok := want(u); ok {
			matched++
		}
	}
	if matched < 1000 {
		t.Fatalf("only %d of %d inputs are RFC URLs", matched, len(ins))
	}
	for _, u := range ins {
		n, frag, ok := p.parseRFCURL(u)
		wn, wfrag, wok := want(u)
		if n != wn || frag != wfrag || ok != wok {
			t.Errorf("parseRFCURL(%q) = %d, %q, %v; the expression gives %d, %q, %v", u, n, frag, ok, wn, wfrag, wok)
		}
	}
}

// hasCapitalRun tests eight bytes at a time what a byte loop tests.
func TestHasCapitalRun(t *testing.T) {
	slow := func(s string) bool {
		for i := 1; i < len(s); i++ {
			if s[i] >= 'A' && s[i] <= 'Z' && s[i-1] >= 'A' && s[i-1] <= 'Z' {
				return true
			}
		}
		return false
	}
	ins := []string{"", "A", "AB", "Ab", "aB", "abcdefgHIjk", "abcdefGH", "abcdefgH", "abcdefghIJ", "abcdefgHI", "@[`{AZ", "Z\x80Z", "\xc1\xc2", "é MUST"}
	// Every pair of bytes at every position around the word boundaries.
	for _, pos := range []int{0, 6, 7, 8, 14, 15, 16} {
		for c := range 256 {
			for _, d := range []byte{'@', 'A', 'M', 'Z', '[', 'a', 0xc1, 0xda} {
				b := []byte(strings.Repeat("x", 18))
				b[pos], b[pos+1] = byte(c), d
				ins = append(ins, string(b), string(b[:pos+2]))
				b[pos], b[pos+1] = d, byte(c)
				ins = append(ins, string(b), string(b[:pos+2]))
			}
		}
	}
	r := rand.New(rand.NewPCG(13, 14))
	for range 50000 {
		const alphabet = "aAZz@[`{ \xc1\xdaMU"
		b := make([]byte, r.IntN(40))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		ins = append(ins, string(b))
	}
	for _, s := range ins {
		if got, want := hasCapitalRun(s), slow(s); got != want {
			t.Errorf("hasCapitalRun(%q) = %v, want %v", s, got, want)
		}
	}
}

// isBoilerplate's search for a "1" turns away no boilerplate sentence.
func TestIsBoilerplatePrefilter(t *testing.T) {
	slow := func(text string) bool {
		if !hasInterpret(text) {
			return false
		}
		l := strings.ToLower(text)
		return strings.Contains(l, "key word") && strings.Contains(l, "interpreted") &&
			(strings.Contains(l, "bcp 14") || strings.Contains(l, "bcp14") || strings.Contains(l, "rfc 2119") || strings.Contains(l, "rfc2119"))
	}
	ins := append(fastMatcherInputs(t), bcp14Boilerplate8174, strings.ToUpper(bcp14Boilerplate8174),
		"The key words in this document are to be interpreted as described in RFC2119.",
		"The KEY WORDS are to be INTERPRETED as in BCP14.", "The key words are to be interpreted as in bcp 4.")
	for _, s := range ins {
		if got, want := isBoilerplate(s), slow(s); got != want {
			t.Errorf("isBoilerplate(%q) = %v, want %v", s, got, want)
		}
	}
}

// mayEndInID turns away no header that the ID header expression matches.
func TestMayEndInID(t *testing.T) {
	idHeader := regexp.MustCompile(`(?i)^(?:[a-z-]+ )?ids?$`)
	ins := []string{"", "ID", "id", "IDs", "IDS", "Ids", "idſ", "Rule ID", "rule-kind IDs", "ﬁd", "\u212aey ID", "Identifier", "Name", "d", "s", "ſ", "iD", "x ID "}
	r := rand.New(rand.NewPCG(27, 28))
	parts := []string{"i", "I", "d", "D", "s", "S", "ſ", " ", "-", "a", "K", "\u212a", "é"}
	for range 50000 {
		s := randomJoin(r, parts, 8)
		ins = append(ins, s)
	}
	for _, s := range ins {
		if idHeader.MatchString(s) && !mayEndInID(s) {
			t.Errorf("mayEndInID(%q) = false, but the expression matches", s)
		}
	}
}

// locate places a span within one line without a second search, where
// Position finds the same line and column.
func TestLocateMatchesPosition(t *testing.T) {
	src := "# Title\n\nOne line.\r\nTwo\rlines here.\n\n- item é\n  more\n"
	doc, err := specs.Parse("a.md", []byte(src), specs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for start := -2; start <= len(src)+2; start++ {
		for end := start - 2; end <= len(src)+2; end++ {
			f := Finding{Span: specs.Span{Start: start, End: end}}
			locate(doc, &f)
			p := doc.Position(start)
			e := doc.Position(max(end, start))
			if f.Line != p.Line || f.Column != p.Column || f.EndLine != e.Line || f.EndColumn != e.Column {
				t.Errorf("locate(%d, %d) = %d:%d-%d:%d, Position gives %d:%d-%d:%d", start, end, f.Line, f.Column, f.EndLine, f.EndColumn, p.Line, p.Column, e.Line, e.Column)
			}
		}
	}
}

// randomJoin joins up to max-1 parts picked at random: inputs for the
// tests that check a hand-written matcher against the code it replaced.
func randomJoin(r *rand.Rand, parts []string, max int) string {
	var b strings.Builder
	for range r.IntN(max) {
		b.WriteString(parts[r.IntN(len(parts))])
	}
	return b.String()
}
