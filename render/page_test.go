package render

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestSpecPageRendering covers what a spec page adds to goldmark: GitHub
// heading ids, explicit anchors closed, alias anchors, requirement anchors
// and keywords, task lists, kbd, details, emoji outside code, chroma
// classes, no nofollow, and a warning for a missing image.
func TestSpecPageRendering(t *testing.T) {
	out := t.TempDir()
	sum, err := Site([]Spec{{Name: "gadget", Set: loadSet(t, "testdata/features"), Repository: "https://github.com/example/gadget", Branch: "trunk"}}, Options{Output: out})
	if err != nil {
		t.Fatal(err)
	}
	spec := read(t, filepath.Join(out, "gadget", "spec.html"))
	other := read(t, filepath.Join(out, "gadget", "other.html"))
	for _, want := range []string{
		`<h2 id="root-object">`,
		`<a name="gadgetRoot" id="gadgetRoot"></a>Root Object</h2>`,
		`<strong class="kw kw-must" id="root-object-`,
		`<a class="req-link" href="#root-object-`,
		`<input checked="" disabled="" type="checkbox"> done item`,
		`<kbd>Ctrl</kbd>`,
		`<details>`, `<summary>More</summary>`,
		"Status: ✅ and <code>:no_emoji_in_code:</code>",
		`<pre class="chroma"><code><span class="line"><span class="cl"><span class="p">{</span>`,
		`<a href="https://example.com/page">upstream</a>`,
		`<a href="other.html#Gadget-Types">`,
		`href="https://github.com/example/gadget/edit/trunk/spec.md"`,
		`href="https://github.com/example/gadget/blob/trunk/spec.md"`,
	} {
		if !strings.Contains(spec, want) {
			t.Errorf("spec.html lacks %s", want)
		}
	}
	if strings.Contains(spec, "nofollow") {
		t.Error("spec.html has nofollow links")
	}
	if !strings.Contains(other, `<a class="alias" id="Gadget-Types"></a>`) {
		t.Error("other.html lacks the alias anchor Gadget-Types")
	}
	if !strings.Contains(other, `<strong class="kw kw-should"`) {
		t.Error("other.html: SHOULD not highlighted")
	}
	want := []string{"testdata/features/spec.md:26: image img/nope.png: no such file"}
	if !slices.Equal(sum.Warnings, want) {
		t.Errorf("warnings = %q, want %q", sum.Warnings, want)
	}
	css := read(t, filepath.Join(out, "chroma.css"))
	if !strings.Contains(css, ".chroma .nt") || !strings.Contains(css, "prefers-color-scheme: dark") {
		t.Error("chroma.css lacks the classes or the dark scheme")
	}
}

// TestHostileInert renders hostile Markdown: no script runs, no handler
// or javascript: URL survives, and nothing is written outside the output.
func TestHostileInert(t *testing.T) {
	tmp := t.TempDir()
	out := filepath.Join(tmp, "out")
	if _, err := Site([]Spec{{Name: "../../evil", Set: loadSet(t, "testdata/hostile")}}, Options{Output: out}); err == nil {
		t.Error("a spec set named ../../evil was accepted")
	}
	if _, err := Site([]Spec{{Name: "hostile", Set: loadSet(t, "testdata/hostile")}}, Options{Output: out}); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(tmp)
	if len(entries) != 1 {
		t.Errorf("files beside the output: %v", entries)
	}
	checkInert(t, out)
}

// checkInert parses every page under out and fails on anything that could
// run: a script that is not one of the site's own files, an event handler,
// a javascript: or non-image data: URL, an iframe, object, embed or form.
func checkInert(t *testing.T, out string) {
	t.Helper()
	ours := map[string]bool{"site.js": true, "search.js": true, "search-index.js": true, "reqs.js": true}
	err := filepath.Walk(out, func(p string, fi os.FileInfo, err error) error {
		if err != nil || !strings.HasSuffix(p, ".html") {
			return err
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer func() { _ = f.Close() }()
		z := html.NewTokenizer(f)
		for {
			tt := z.Next()
			if tt == html.ErrorToken {
				return nil
			}
			if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
				continue
			}
			tok := z.Token()
			checkToken(t, p, tok, ours)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
}

func checkToken(t *testing.T, p string, tok html.Token, ours map[string]bool) {
	t.Helper()
	switch tok.Data {
	case "iframe", "object", "embed", "form", "style", "base", "meta":
		if tok.Data == "meta" || (tok.Data == "form" && (hasAttr(tok, "role", "search") || hasAttr(tok, "id", "req-filters"))) {
			return
		}
		t.Errorf("%s: <%s> survived", p, tok.Data)
	case "script":
		src := attr(tok, "src")
		if !ours[filepath.Base(src)] || strings.Contains(src, ":") {
			t.Errorf("%s: script %q", p, src)
		}
	}
	for _, a := range tok.Attr {
		v := strings.ToLower(strings.TrimSpace(a.Val))
		switch {
		case strings.HasPrefix(a.Key, "on") && !ourHandler(tok, a):
			t.Errorf("%s: <%s %s=%q>", p, tok.Data, a.Key, a.Val)
		case a.Key == "style":
			t.Errorf("%s: <%s style=%q>", p, tok.Data, a.Val)
		case strings.HasPrefix(v, "javascript:"), strings.HasPrefix(v, "data:") && !imageData(tok, v):
			t.Errorf("%s: <%s %s=%q>", p, tok.Data, a.Key, a.Val)
		}
	}
}

// ourHandler is the one handler the site writes: the filter form's.
func ourHandler(tok html.Token, a html.Attribute) bool {
	return tok.Data == "form" && a.Key == "onsubmit" && a.Val == "return false"
}

func imageData(tok html.Token, v string) bool {
	return tok.Data == "img" && strings.HasPrefix(v, "data:image/")
}

func attr(tok html.Token, key string) string {
	for _, a := range tok.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(tok html.Token, key, val string) bool { return attr(tok, key) == val }

func TestAllowedURL(t *testing.T) {
	for _, tt := range []struct {
		url   string
		image bool
		want  bool
	}{
		{"https://example.com/a", false, true},
		{"mailto:a@example.com", false, true},
		{"other.md#x", false, true},
		{"#frag", false, true},
		{"img/a:b.png", true, true},
		{"javascript:alert(1)", false, false},
		{"java\tscript:alert(1)", false, false},
		{" JavaScript:alert(1)", true, false},
		{"vbscript:x", false, false},
		{"file:///etc/passwd", true, false},
		{"data:text/html;base64,AAAA", false, false},
		{"data:image/png;base64,AAAA", false, false},
		{"data:image/png;base64,AAAA", true, true},
		{"data:image/svg+xml;base64,AAAA", true, false},
	} {
		if got := allowedURL(tt.url, tt.image); got != tt.want {
			t.Errorf("allowedURL(%q, %v) = %v, want %v", tt.url, tt.image, got, tt.want)
		}
	}
}
