package lint

import (
	"strings"
	"testing"
)

// Covers: what-it-checks-ba130a, writing-style-3c6a26
func TestRFCLink(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		lines []int
		fixed string
	}{
		{"canonical", "See [RFC 9110](https://www.rfc-editor.org/rfc/rfc9110).\n", nil, ""},
		{"canonical section", "See [RFC 9110 (section 15.4)](https://www.rfc-editor.org/rfc/rfc9110#section-15.4).\n", nil, ""},
		{"unlinked", "See RFC 9110 for details.\n", []int{1}, "See [RFC 9110](https://www.rfc-editor.org/rfc/rfc9110) for details.\n"},
		{"unlinked no space", "See RFC9110.\n", []int{1}, "See [RFC9110](https://www.rfc-editor.org/rfc/rfc9110).\n"},
		{"unlinked section", "See RFC 9110 (section 15.4).\n", []int{1}, "See [RFC 9110 (section 15.4)](https://www.rfc-editor.org/rfc/rfc9110#section-15.4).\n"},
		{"unlinked section comma", "See RFC 9110, Section 15.4.\n", []int{1}, "See [RFC 9110, Section 15.4](https://www.rfc-editor.org/rfc/rfc9110#section-15.4).\n"},
		{"section of", "See section 3.2 of RFC 3986.\n", []int{1}, "See [section 3.2 of RFC 3986](https://www.rfc-editor.org/rfc/rfc3986#section-3.2).\n"},
		{"tools.ietf.org", "See [RFC 3986](https://tools.ietf.org/html/rfc3986).\n", []int{1}, "See [RFC 3986](https://www.rfc-editor.org/rfc/rfc3986).\n"},
		{"datatracker", "See [RFC 3986](https://datatracker.ietf.org/doc/html/rfc3986#section-3).\n", []int{1}, "See [RFC 3986](https://www.rfc-editor.org/rfc/rfc3986#section-3).\n"},
		{"txt", "See [RFC 2119](http://www.ietf.org/rfc/rfc2119.txt).\n", []int{1}, "See [RFC 2119](https://www.rfc-editor.org/rfc/rfc2119).\n"},
		{"http rfc-editor", "See [RFC 2119](http://www.rfc-editor.org/rfc/rfc2119).\n", []int{1}, "See [RFC 2119](https://www.rfc-editor.org/rfc/rfc2119).\n"},
		{"page fragment dropped", "See [RFC 2119](https://tools.ietf.org/html/rfc2119#page-2).\n", []int{1}, "See [RFC 2119](https://www.rfc-editor.org/rfc/rfc2119).\n"},
		{"section missing in url", "See [`RFC 3549 Section 2.3.3.2`](https://www.rfc-editor.org/rfc/rfc3549).\n", []int{1}, "See [`RFC 3549 Section 2.3.3.2`](https://www.rfc-editor.org/rfc/rfc3549#section-2.3.3.2).\n"},
		{"section mismatch", "See [RFC 9110 section 15.4](https://www.rfc-editor.org/rfc/rfc9110#section-15.3).\n", []int{1}, "See [RFC 9110 section 15.4](https://www.rfc-editor.org/rfc/rfc9110#section-15.4).\n"},
		{"number mismatch", "See [RFC 9110](https://www.rfc-editor.org/rfc/rfc9111).\n", []int{1}, ""},
		{"non-RFC host", "See [RFC 9110](https://example.com/http).\n", []int{1}, "See [RFC 9110](https://www.rfc-editor.org/rfc/rfc9110).\n"},
		{"other text to rfc", "Use the [Host header](https://tools.ietf.org/html/rfc7230#section-5.4).\n", []int{1}, "Use the [Host header](https://www.rfc-editor.org/rfc/rfc7230#section-5.4).\n"},
		{"reference definition", "See [RFC 3986][rfc3986].\n\n[rfc3986]: https://tools.ietf.org/html/rfc3986\n", []int{3}, "See [RFC 3986][rfc3986].\n\n[rfc3986]: https://www.rfc-editor.org/rfc/rfc3986\n"},
		{"citation after link", "As in [RFC 2119](https://www.rfc-editor.org/rfc/rfc2119) (BCP 14, RFC 2119, March 1997).\n", nil, ""},
		{"code span", "The string `RFC 9110` is code.\n", nil, ""},
		{"code block", "```\nRFC 9110\n```\n", nil, ""},
		{"heading", "# RFC 9110 notes\n", nil, ""},
		{"autolink", "See <https://tools.ietf.org/html/rfc2119>.\n", []int{1}, ""},
		{"bracketed citation", "As described in BCP 14 [RFC2119] [RFC8174].\n", []int{1, 1}, "As described in BCP 14 [[RFC2119](https://www.rfc-editor.org/rfc/rfc2119)] [[RFC8174](https://www.rfc-editor.org/rfc/rfc8174)].\n"},
		{"after bang", "Wow!RFC 9110\n", []int{1}, ""},
		{"table cell", "| a |\n| - |\n| RFC 6838 |\n", []int{3}, "| a |\n| - |\n| [RFC 6838](https://www.rfc-editor.org/rfc/rfc6838) |\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantLines(t, "rfc-link", tt.src, tt.lines)
			got := wantFixed(t, "rfc-link", tt.src, tt.fixed)
			if fs := lintSrc(t, "rfc-link", got); tt.fixed != "" && len(fs) != 0 {
				t.Errorf("after fix: %v", fs)
			}
		})
	}
}

func TestRFCURL(t *testing.T) {
	p := newRFCPatterns()
	for u, want := range map[string]int{
		"https://www.rfc-editor.org/rfc/rfc9110":             9110,
		"https://www.rfc-editor.org/rfc/rfc9110.html#sec":    9110,
		"https://rfc-editor.org/info/rfc8259":                8259,
		"https://tools.ietf.org/html/rfc7230#section-2":      7230,
		"http://www.ietf.org/rfc/rfc2119.txt":                2119,
		"https://datatracker.ietf.org/doc/html/rfc3986":      3986,
		"https://datatracker.ietf.org/doc/rfc3986/":          3986,
		"https://httpwg.org/specs/rfc9110.html#field.accept": 9110,
		"https://example.com/rfc9110":                        0,
		"https://tools.ietf.org/html/draft-ietf-foo":         0,
	} {
		n, _, ok := p.parseRFCURL(u)
		if n != want || ok != (want != 0) {
			t.Errorf("parseRFCURL(%q) = %d, %v; want %d", u, n, ok, want)
		}
	}
	if got := canonicalRFCURL(9110, "A.1"); !strings.HasSuffix(got, "rfc9110#appendix-A.1") {
		t.Errorf("appendix URL = %s", got)
	}
}
