package specs

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// TestBadInput: hostile files never panic or hang, and errors name the file.
//
// Covers: error-messages-bdcb66
func TestBadInput(t *testing.T) {
	deepList := func(n int) []byte {
		var b bytes.Buffer
		for i := 0; i < n; i++ {
			b.WriteString(strings.Repeat("  ", i))
			b.WriteString("- item\n")
		}
		return b.Bytes()
	}
	tests := []struct {
		name    string
		src     []byte
		wantErr string // substring; "" means it must parse
	}{
		{"empty", nil, ""},
		{"binary", []byte("PNG\x00\x01\x02"), "bad.md:1:4: binary file"},
		{"invalid utf8", []byte("# Title\n\nok \xff\xfe here\n"), "bad.md:3:4: invalid UTF-8"},
		{"huge line", bytes.Repeat([]byte("word. Another "), 10<<20/14), ""},
		{"deep list", deepList(5000), "bad.md:"},
		{"deep quote", append(bytes.Repeat([]byte(">"), 20000), " text\n"...), "bad.md:1: nesting too deep"},
		{"crlf", []byte("# Title\r\n\r\nOne. Two.\r\nThree\r\nfour.\r\n"), ""},
		{"bom", []byte("\uFEFF# Title\n\nText.\n"), ""},
		{"unterminated fence", []byte("# T\n\n```json\n{\"a\": 1}\n"), ""},
		{"unterminated front matter", []byte("---\ntitle: x\n# T\n"), ""},
		{"empty table cells", []byte("| a | b |\n|---|---|\n| | x |\n||\n"), ""},
		{"only markup", []byte("**\n\n[]()\n\n`\n\n<a name=\n"), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			done := make(chan struct{})
			var err error
			go func() {
				defer close(done)
				var d *Document
				d, err = Parse("bad.md", tt.src, Options{})
				if err == nil {
					checkInvariants(t, d)
				}
			}()
			select {
			case <-done:
			case <-time.After(20 * time.Second):
				t.Fatal("parse hangs")
			}
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Fatalf("error = %v, want %q", err, tt.wantErr)
			}
		})
	}
}

func TestCRLFAndBOMPositions(t *testing.T) {
	d, err := Parse("x.md", []byte("\uFEFF# Title\r\n\r\nOne. Two.\r\nThree\r\nfour.\r\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Headings) != 1 || d.Headings[0].Anchor != "title" {
		t.Fatalf("headings = %+v", d.Headings)
	}
	var got []string
	for _, b := range d.Blocks {
		if b.Kind != Paragraph {
			continue
		}
		for _, s := range b.Sentences {
			got = append(got, d.Text(s.Span))
		}
	}
	want := []string{"One.", "Two.", "Three\r\nfour."}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("sentences = %q, want %q", got, want)
	}
}

// checkInvariants holds for every parsed document.
func checkInvariants(t testing.TB, d *Document) {
	t.Helper()
	n := len(d.Source)
	ok := func(s Span) bool { return 0 <= s.Start && s.Start <= s.End && s.End <= n }
	for _, b := range d.Blocks {
		checkBlockInvariants(t, b, ok)
	}
	for _, l := range d.Links {
		if !ok(l.Span) {
			t.Fatalf("link span %v out of range", l.Span)
		}
	}
	for _, h := range d.Headings {
		if !ok(h.Span) {
			t.Fatalf("heading span %v out of range", h.Span)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"# T\n\nA. B.\n",
		"- a\n  - b. C.\n",
		"> q. R.\n",
		"| a | b |\n|---|---|\n| c. D. | e |\n",
		"[x]: http://e\n\n[y][x] `z. Q` e.g. Foo\n",
		"---\na: b\n---\n# H <a name=\"x\"/>\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		d, err := Parse("f.md", src, Options{})
		if err != nil {
			return
		}
		checkInvariants(t, d)
	})
}

func FuzzSplit(f *testing.F) {
	for _, s := range []string{"A. B.", "e.g. Foo. Bar", "v1.2.3. Next", "\"Quote.\" Next", "x... Y", ""} {
		f.Add(s)
	}
	sp := newSplitter(nil)
	f.Fuzz(func(t *testing.T, s string) {
		prev := 0
		for _, e := range sp.Split(s, nil) {
			if e <= prev || e > len(s) {
				t.Fatalf("boundary %d after %d in %q", e, prev, s)
			}
			prev = e
		}
	})
}

// TestFootnotesKeepSourceOrder: goldmark moves footnote definitions to the
// end of its tree; the model keeps them where they are written, in their
// section, as github.com renders them from there.
func TestFootnotesKeepSourceOrder(t *testing.T) {
	src := "# A\n\nText[^1].\n\n[^1]: A note MUST stay here.\n\n## B\n\nLater.\n"
	d, err := Parse("f.md", []byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range d.Blocks {
		if b.Kind == Paragraph {
			got = append(got, b.Sentences[0].Text+"@"+b.Section.Anchor)
		}
	}
	want := "Text.@a|A note MUST stay here.@a|Later.@b"
	if strings.Join(got, "|") != want {
		t.Errorf("blocks = %q, want %q", strings.Join(got, "|"), want)
	}
}

// TestBackslashEscapes: escaped punctuation reads as the character itself,
// and the sentence still maps back to its source.
func TestBackslashEscapes(t *testing.T) {
	src := "Use foo\\_bar and a \\* star, `not\\_code`. Then more.\n"
	d, err := Parse("e.md", []byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := d.Blocks[0].Sentences[0]
	if want := "Use foo_bar and a * star, `not\\_code`."; s.Text != want {
		t.Errorf("text = %q, want %q", s.Text, want)
	}
	if i := strings.Index(s.Text, "star"); src[s.SourceOffset(i):s.SourceOffset(i)+4] != "star" {
		t.Errorf("SourceOffset(%d) = %d, not at \"star\"", i, s.SourceOffset(i))
	}
}

// checkBlockInvariants checks the spans of one block; ok tells a span
// within the source.
func checkBlockInvariants(t testing.TB, b *Block, ok func(Span) bool) {
	t.Helper()
	for _, l := range b.Lines {
		if !ok(l) {
			t.Fatalf("line span %v out of range", l)
		}
	}
	prev := -1
	for _, s := range b.Sentences {
		if !ok(s.Span) || s.Span.Start < prev {
			t.Fatalf("sentence span %v out of order or range (prev end %d)", s.Span, prev)
		}
		prev = s.Span.End
		for _, c := range s.Code {
			if c[0] < 0 || c[1] > len(s.Text) || c[0] > c[1] {
				t.Fatalf("code range %v outside %q", c, s.Text)
			}
		}
	}
}
