package lint

import (
	"strconv"
	"strings"
	"testing"

	"github.com/ocispec/ocispec/specs"
)

// countRule is a SetRule defined by a test, as a rule file of another
// package area would define one: it reports each heading, and the set's
// number of headings once, at the first document, when it exceeds the
// option "max".
type countRule struct{}

func (countRule) Meta() Meta {
	return Meta{ID: "test-count", Severity: Warning, Summary: "test", Options: []Option{{Name: "max", Type: Int, Default: 1}}}
}

func (countRule) Check(doc *specs.Document, ctx *Context) []Finding {
	out := ctx.findings()
	for _, h := range doc.Headings {
		out = append(out, Finding{Span: h.Span, Message: "heading " + h.Text})
	}
	return out
}

func (countRule) Summarize(doc *specs.Document, _ *Context) any { return len(doc.Headings) }

func (countRule) CheckSet(sums []Summary, ctx *Context) []Finding {
	n := 0
	for _, s := range sums {
		n += s.Value.(int)
	}
	if n <= ctx.Options.Int("max") {
		return nil
	}
	return []Finding{{Path: sums[0].Path, Line: 1, Column: 1, EndLine: 1, EndColumn: 1, Message: "too many headings"}}
}

// TestPluggedRule runs a rule the registry does not know through a
// stream: the stream needs no knowledge of the rule, its options come
// from the config over its declared defaults, the set-wide check sees
// every document in set order, and a directive silences it.
func TestPluggedRule(t *testing.T) {
	a, _ := specs.Parse("a.md", []byte("# A\n\ntext\n"), specs.Options{})
	b, _ := specs.Parse("b.md", []byte("<!-- ocispec-disable test-count -->\n# B\n"), specs.Options{})
	for _, tt := range []struct {
		opts map[string]any
		want string
	}{
		{nil, "a.md:1:1 heading A|a.md:1:1 too many headings"},
		{map[string]any{"max": 2}, "a.md:1:1 heading A"},
	} {
		e := enable(countRule{}, Warning, tt.opts)
		// b first: set order, not arrival order, decides the set check.
		st := NewStream(".", []string{"a.md", "b.md"}, []*Enabled{e}, Config{})
		st.Add(b)
		st.Add(a)
		var got []string
		for _, f := range st.Finish() {
			got = append(got, f.Path+":"+itoa(f.Line)+":"+itoa(f.Column)+" "+f.Message)
		}
		if g := strings.Join(got, "|"); g != tt.want {
			t.Errorf("options %v: got %s, want %s", tt.opts, g, tt.want)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestCheckOptions(t *testing.T) {
	for _, tt := range []struct {
		id   string
		opts map[string]any
		want string // "" for no error
	}{
		{"broken-link", nil, ""},
		{"no-such-rule", nil, `unknown rule "no-such-rule"`},
		{"broken-link", map[string]any{"colour": true}, `rule broken-link has no option "colour" (it takes none)`},
	} {
		err := CheckOptions(tt.id, tt.opts)
		if got := errString(err); !strings.Contains(got, tt.want) || (tt.want == "") != (err == nil) {
			t.Errorf("CheckOptions(%s, %v) = %q, want %q", tt.id, tt.opts, got, tt.want)
		}
	}
	if _, err := Select(Config{Options: map[string]map[string]any{"rfc-link": {"x": 1}}}); err == nil {
		t.Error("Select accepted an unknown option")
	}
	for _, tt := range []struct {
		typ OptionType
		v   any
		ok  bool
	}{
		{Bool, true, true}, {Bool, "yes", false}, {Int, 3, true}, {Int, 3.5, false},
		{String, "x", true}, {Strings, []any{"a", "b"}, true}, {Strings, []any{"a", 1}, false},
	} {
		if got := tt.typ.Check(tt.v); got != tt.ok {
			t.Errorf("%s.Check(%#v) = %v", tt.typ, tt.v, got)
		}
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
