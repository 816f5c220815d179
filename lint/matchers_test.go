package lint

import (
	"reflect"
	"testing"

	"github.com/ocispec/ocispec/specs"
)

// The matchers shared by rules, by example.

func TestFindKeyword(t *testing.T) {
	for in, want := range map[string]string{
		"":                        "",
		"clients MUST NOT retry":  "MUST NOT",
		"clients MUST retry":      "MUST",
		"MUSTNOT":                 "",
		"xMUST":                   "",
		"MUST_":                   "",
		"MUST-NOT":                "MUST",
		"it is NOT RECOMMENDED":   "NOT RECOMMENDED",
		"RECOMMENDED and MAY":     "RECOMMENDED",
		"é MAY é":                 "MAY",
		"SHALL NOT!":              "SHALL NOT",
		"OPTIONAL":                "OPTIONAL",
		"Must, should and may":    "",
		"MAYBE REQUIRED":          "REQUIRED",
		"SHOULD NOT1 then SHOULD": "SHOULD",
	} {
		if got := findKeyword(in); got != want {
			t.Errorf("findKeyword(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestIsBoilerplate(t *testing.T) {
	for in, want := range map[string]bool{
		bcp14Boilerplate8174: true,
		"The key words in this document are to be interpreted as described in RFC2119.": true,
		"The KEY WORDS are to be INTERPRETED as in BCP14.":                              true,
		"The key words are to be interpreted as in bcp 4.":                              false,
		"Key words are interpreted by RFC 2119 readers.":                                true,
		"Some text about RFC 2119.":                                                     false,
	} {
		if got := isBoilerplate(in); got != want {
			t.Errorf("isBoilerplate(%q) = %v", in, got)
		}
	}
}

func TestMentionsIn(t *testing.T) {
	p := newRFCPatterns()
	type m = rfcMention
	sp := func(a, b int) specs.Span { return specs.Span{Start: a, End: b} }
	for _, tt := range []struct {
		in   string
		want []rfcMention
	}{
		{"no mention", nil},
		{"see RFC 9110.", []m{{Span: sp(4, 12), Number: 9110}}},
		{"RFC9110, Section 15.4.", []m{{Span: sp(0, 21), Number: 9110, Section: "15.4"}}},
		{"RFC 9110 (section 15.4) and RFC 1", []m{{Span: sp(0, 23), Number: 9110, Section: "15.4"}, {Span: sp(28, 33), Number: 1}}},
		{"RFC 9110 (section 1", []m{{Span: sp(0, 8), Number: 9110}}},
		{"section 4 of RFC 9110", []m{{Span: sp(0, 21), Number: 9110, Section: "4"}}},
		{"xRFC 1 and RFC 123456", nil},
		{"RFC\u00a09110 §15.4", []m{{Span: sp(0, 16), Number: 9110, Section: "15.4"}}},
	} {
		if got := p.mentionsIn(tt.in, 0); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("mentionsIn(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func TestParseRFCURL(t *testing.T) {
	p := newRFCPatterns()
	for _, tt := range []struct {
		in   string
		n    int
		frag string
	}{
		{"https://www.rfc-editor.org/rfc/rfc9110", 9110, ""},
		{"https://www.rfc-editor.org/rfc/rfc9110.html#section-15.4", 9110, "section-15.4"},
		{"http://tools.ietf.org/html/rfc2119", 2119, ""},
		{"//www.ietf.org/rfc/rfc2119.txt", 2119, ""},
		{"https://datatracker.ietf.org/doc/html/rfc7231#page-12", 7231, "page-12"},
		{"https://httpwg.org/specs/rfc9110.html#status.codes", 9110, "status.codes"},
		{" https://www.rfc-editor.org/info/rfc8174/ ", 8174, ""},
		{"HTTPS://TOOLS.IETF.ORG/HTML/RFC3986", 3986, ""},
		{"https://rfc-editor.org/rfc/rfc0", 0, ""},
		{"https://example.com/rfc9110", 0, ""},
		{"spec.md#rfc", 0, ""},
	} {
		n, frag, ok := p.parseRFCURL(tt.in)
		if n != tt.n || frag != tt.frag || ok != (tt.n > 0) {
			t.Errorf("parseRFCURL(%q) = %d, %q, %v; want %d, %q", tt.in, n, frag, ok, tt.n, tt.frag)
		}
	}
}

func TestNormLabel(t *testing.T) {
	for in, want := range map[string]string{"": "", "Foo  Bar": "foo bar", " a\tB\n": "a b", "É x": "é x"} {
		if got := normLabel(in); got != want {
			t.Errorf("normLabel(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSort(t *testing.T) {
	fs := []Finding{
		{Path: "b.md", Line: 1, Column: 1, Rule: "x", Message: "1"},
		{Path: "a.md", Line: 2, Column: 1, Rule: "x", Message: "2"},
		{Path: "a.md", Line: 1, Column: 5, Rule: "y", Message: "3"},
		{Path: "a.md", Line: 1, Column: 5, Rule: "x", Message: "4"},
		{Path: "a.md", Line: 1, Column: 5, Rule: "x", Message: "5"},
	}
	Sort(fs)
	var got string
	for _, f := range fs {
		got += f.Message
	}
	if got != "45321" {
		t.Errorf("order %s, want 45321", got)
	}
}
