package lint

import (
	"strings"
	"testing"
)

// The hard cases of issue 4, each with the lines that must be reported and,
// when fixable, the fixed text.
//
// Covers: what-it-checks-0cf588, writing-style-ee858f, writing-style-552d47
func TestOneSentencePerLine(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		lines []int
		fixed string // "" means unchanged
	}{
		{"abbreviations", "Use a tag, e.g. latest, i.e. the newest, vs. a digest, a.k.a. pinned.\nAsk Dr. Smith and Mr. Jones.\n", nil, ""},
		{"etc ends a sentence", "Images, layers, etc. Then more.\n", []int{1}, "Images, layers, etc.\nThen more.\n"},
		{"etc inside", "Images, layers, etc. and more.\n", nil, ""},
		{"version numbers", "Use v1.2.3 or 1.0.1 today.\n", nil, ""},
		{"version then sentence", "Released in 1.0. Then a new sentence.\n", []int{1}, "Released in 1.0.\nThen a new sentence.\n"},
		{"section numbers", "See section 5.1 and 4.2.3 for details.\n", nil, ""},
		{"domains and urls", "Push to registry.example.com or https://example.com/a.b/c.d for more.\n", nil, ""},
		{"code span with full stop", "Run `a. B` and `x. Y` now.\n", nil, ""},
		{"closing quote", "He said \"stop.\" Then left.\n", []int{1}, "He said \"stop.\"\nThen left.\n"},
		{"closing bracket", "It works. (See the spec.) Next one.\n", []int{1, 1}, "It works.\n(See the spec.)\nNext one.\n"},
		{"emphasis", "*Done.* Next.\n", []int{1}, "*Done.*\nNext.\n"},
		{"two spaces", "One.  Two.\n", []int{1}, "One.\nTwo.\n"},
		{"lower-case start", "Use foo. bar is next.\n", nil, ""},
		{"ellipsis", "Wait... then go.\n", nil, ""},
		{"question and exclamation", "Why? Because! Yes.\n", []int{1, 1}, "Why?\nBecause!\nYes.\n"},
		{"colon before list", "The rules are:\n- one\n- two\n", nil, ""},
		{"colon line", "**Note:**\nThis is one sentence.\n", nil, ""},
		{"wrapped", "A sentence that\nwraps over\nthree lines.\n", []int{1}, "A sentence that wraps over three lines.\n"},
		{"wrapped and doubled", "One sentence\nwraps. Another follows.\n", []int{1, 2}, "One sentence wraps.\nAnother follows.\n"},
		{"list item", "- Item one. Item two\n  continues.\n", []int{1, 1}, "- Item one.\n  Item two continues.\n"},
		{"ordered list item", "1. First. Second.\n", []int{1}, "1. First.\n   Second.\n"},
		{"nested list", "- outer\n  - Inner one. Inner two.\n", []int{2}, "- outer\n  - Inner one.\n    Inner two.\n"},
		{"block quote", "> Quote one. Quote two\n> wraps.\n", []int{1, 1}, "> Quote one.\n> Quote two wraps.\n"},
		{"quote in list", "- > A. B.\n", []int{1}, "- > A.\n  > B.\n"},
		{"hard breaks", "Line one  \nline two\\\nline three<br>\nline four.\n", nil, ""},
		{"badges", "![a](https://example.com/a.svg)\n![b](https://example.com/b.svg)\n", nil, ""},
		{"code block", "```\nOne. Two.\nwrapped\ncode\n```\n\n    One. Two.\n", nil, ""},
		{"table", "| a | b |\n| - | - |\n| One. Two. | x |\n", nil, ""},
		{"heading", "# One. Two.\n\nSetext. Heading.\n===\n", nil, ""},
		{"html", "<div>\nOne. Two.\n</div>\n", nil, ""},
		{"link definition", "[x]: https://example.com \"One. Two.\"\n\nSee [x].\n", nil, ""},
		{"front matter", "---\ntitle: One. Two.\n---\n\nText.\n", nil, ""},
		{"unsafe split", "Count to 3. 4. is not a list.\n", []int{1}, ""},
		{"link text wraps", "See [the long\nlink](https://example.com) here.\n", []int{1}, "See [the long link](https://example.com) here.\n"},
		{"crlf", "One. Two.\r\nThree\r\nfour.\r\n", []int{1, 2}, "One.\r\nTwo.\r\nThree four.\r\n"},
		{"split then join would make a heading", "The registry stores blobs. #\n1 is the first one.\n", []int{1, 1}, "The registry stores blobs. # 1 is the first one.\n"},
		{"join would make a list item", "It is done. -\nsee below.\n", []int{1, 1}, "It is done. - see below.\n"},
		{"join in a quote would make a list item", "> It is done. -\n> see below.\n", []int{1, 1}, "> It is done. - see below.\n"},
		{"line-start join would make a list item", "Intro text.\n+\nsee below.\n", []int{2}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantLines(t, "one-sentence-per-line", tt.src, tt.lines)
			got := wantFixed(t, "one-sentence-per-line", tt.src, tt.fixed)
			if w1, w2 := words(tt.src), words(got); w1 != w2 {
				t.Errorf("fix changed the words:\n%s\n%s", w1, w2)
			}
		})
	}
}

// words is the whitespace-separated word sequence of Markdown source,
// ignoring block-quote markers (a join removes the marker of the joined
// line, a split adds one).
func words(s string) string {
	var out []string
	for _, w := range strings.Fields(s) {
		if w = strings.TrimLeft(w, ">"); w != "" {
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}

func TestOSPLCRLF(t *testing.T) {
	src := "One. Two.\r\nThree\r\nfour.\r\n"
	got := fixSrc(t, "one-sentence-per-line", src)
	if words(got) != words(src) {
		t.Errorf("words changed: %q", got)
	}
	if fs := lintSrc(t, "one-sentence-per-line", got); len(fs) != 0 {
		t.Errorf("after fix: %v", fs)
	}
}
