package specs

import (
	"reflect"
	"strings"
	"testing"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"One. Two.", []string{"One.", "Two."}},
		{"Use e.g. Foo here. Next.", []string{"Use e.g. Foo here.", "Next."}},
		{"That is, i.e. The thing.", []string{"That is, i.e. The thing."}},
		{"A vs. B wins. Yes.", []string{"A vs. B wins.", "Yes."}},
		{"Files, etc. The end.", []string{"Files, etc.", "The end."}},
		{"Files, etc. and more.", []string{"Files, etc. and more."}},
		{"Also a.k.a. Foo. Bar.", []string{"Also a.k.a. Foo.", "Bar."}},
		{"Ask Mr. Smith or Dr. Who. Done.", []string{"Ask Mr. Smith or Dr. Who.", "Done."}},
		{"Use v1.2.3 now. Next.", []string{"Use v1.2.3 now.", "Next."}},
		{"Version 1.0. Then more.", []string{"Version 1.0.", "Then more."}},
		{"See section 5.1 for it.", []string{"See section 5.1 for it."}},
		{"Go to registry.example.com now. Ok.", []string{"Go to registry.example.com now.", "Ok."}},
		{`He said "stop." Then left.`, []string{`He said "stop."`, "Then left."}},
		{"(A note.) Next.", []string{"(A note.)", "Next."}},
		{"Two.  Spaces.", []string{"Two.", "Spaces."}},
		{"Lower. case follows. no break here.", []string{"Lower. case follows. no break here."}},
		{"Wait... What? Yes! Ok.", []string{"Wait...", "What?", "Yes!", "Ok."}},
		{"List follows:", []string{"List follows:"}},
		{"Costs 1.5. 2 more.", []string{"Costs 1.5.", "2 more."}},
		{"Ends with code `x`. `y` starts.", []string{"Ends with code `x`.", "`y` starts."}},
		{"Line ends here.\nrunc starts the next.", []string{"Line ends here.", "runc starts the next."}},
		{"Files, etc.\nand more.", []string{"Files, etc.\nand more."}},
		{"Use e.g.\nfoo here.", []string{"Use e.g.\nfoo here."}},
		{"Implementor's Note:\nFor example, this.", []string{"Implementor's Note:", "For example, this."}},
		{"Keys have the format of:\n`a/b` or `c`.", []string{"Keys have the format of:", "`a/b` or `c`."}},
		{"Time: 17:00 GMT. Then.", []string{"Time: 17:00 GMT.", "Then."}},
		{"See Vol. 2 for details.", []string{"See Vol. 2 for details."}},
		{"Run it on Jan. 5 each year. Done.", []string{"Run it on Jan. 5 each year.", "Done."}},
		{"Up to number 1.\n2. Not a list.", []string{"Up to number 1.", "2. Not a list."}},
	}
	sp := newSplitter(nil)
	for _, tt := range tests {
		var got []string
		start := 0
		for _, e := range sp.Split(tt.in, nil) {
			got = append(got, tt.in[start:e])
			start = e + 1
			for start < len(tt.in) && (tt.in[start] == ' ' || tt.in[start] == '\n') {
				start++
			}
		}
		got = append(got, tt.in[start:])
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Split(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSplitExtraAbbreviations(t *testing.T) {
	sp := newSplitter([]string{"approx", "Sect."})
	if got := sp.Split("It is approx. Ten. See Sect. Four.", nil); len(got) != 1 {
		t.Errorf("got %d boundaries, want 1", len(got))
	}
	// A title abbreviation counts only with its capital: "ms." ends a
	// sentence that gives a time in milliseconds.
	sp = newSplitter(nil)
	if got := sp.Split("It takes 7 ms.\nThe next one.", nil); len(got) != 1 {
		t.Errorf("got %d boundaries after \"ms.\", want 1", len(got))
	}
	if got := sp.Split("Ask Ms. Smith.", nil); len(got) != 0 {
		t.Errorf("got %d boundaries after \"Ms.\", want 0", len(got))
	}
	// An abbreviation longer than any built-in one is honoured too (words
	// over twelve bytes were once never looked up).
	sp = newSplitter([]string{"Supplementum."})
	if got := sp.Split("See Supplementum. Two for this.", nil); len(got) != 0 {
		t.Errorf("got %d boundaries after a long abbreviation, want 0", len(got))
	}
}

// TestHeadingAttributesAreText: "{#x}" is literal text on github.com, so
// it is part of the slug.
func TestHeadingAttributesAreText(t *testing.T) {
	d, err := Parse("a.md", []byte("## Title {#x}\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := d.Headings[0].Anchor; got != "title-x" {
		t.Errorf("anchor = %q, want title-x", got)
	}
}

func TestSlugger(t *testing.T) {
	var s Slugger
	for _, tt := range []struct{ in, want string }{
		{"Hello World", "hello-world"},
		{"Hello World", "hello-world-1"},
		{"Hello World-1", "hello-world-1-1"},
		{"Hello World", "hello-world-2"},
		{"*Image Index* Property Descriptions", "image-index-property-descriptions"},
		{"Code `x` & y!", "code-x--y"},
		{"Ünïcode Überschrift", "ünïcode-überschrift"},
		{"snake_case (v1.0)", "snake_case-v10"},
		{"", ""},
	} {
		if got := s.Slug(tt.in); got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestSlugASCIIPath checks the ASCII shortcut of Slug against the rune
// path, which a non-ASCII letter forces.
func TestSlugASCIIPath(t *testing.T) {
	var all strings.Builder
	for c := 0; c < 0x80; c++ {
		all.WriteByte(byte(c))
	}
	for _, text := range []string{all.String(), "Hello, World!", "  Two  spaces_and-dashes  ", "API v1.2 (Draft)"} {
		got := Slug(text)
		want := strings.TrimSuffix(Slug(text+"é"), "é")
		if got != want {
			t.Errorf("Slug(%q) = %q, rune path gives %q", text, got, want)
		}
	}
}
