package render

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ocispec/ocispec/specs"
)

func buildSite(t *testing.T, root string, files []string) (string, Summary) {
	t.Helper()
	set, err := specs.Load(root, files, specs.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	sum, err := Site([]Spec{{Name: "demo", Title: "Demo", Version: "v1.0.0", Set: set}}, Options{Output: out, Title: "Site"})
	if err != nil {
		t.Fatal(err)
	}
	return out, sum
}

func TestSite(t *testing.T) {
	out, sum := buildSite(t, "testdata/site", []string{"."})
	// Two documents, the set's index and requirements, home and search.
	if sum.Documents != 2 || sum.Pages != 6 {
		t.Errorf("summary = %+v, want 2 documents and 6 pages", sum)
	}
	a := read(t, filepath.Join(out, "demo", "a.html"))
	for _, want := range []string{
		`<h1 id="alpha-spec">`,
		`<h2 id="second-part">`,
		`<h2 id="the-thing-endpoint">`,
		`href="b.html#beta-details"`,
		`href="#second-part"`,
		`<a name="manual" id="manual">`,
		`<a href="#the-thing-endpoint">The <code>thing</code> Endpoint</a>`,
	} {
		if !strings.Contains(a, want) {
			t.Errorf("a.html lacks %s", want)
		}
	}
	for _, bad := range []string{"<script>alert", "onclick", "steal()"} {
		if strings.Contains(a, bad) {
			t.Errorf("a.html keeps unsafe %q", bad)
		}
	}
	if b := read(t, filepath.Join(out, "demo", "b.html")); !strings.Contains(b, `href="a.html"`) {
		t.Error("b.html: link to a.md not rewritten")
	}
	if sum.Assets != 2 {
		t.Errorf("assets = %d, want 2 (image and schema)", sum.Assets)
	}
	for _, f := range []string{"index.html", "style.css", "demo/index.html", "demo/img/diagram.png", "demo/schema.json"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Error(err)
		}
	}
}

// TestSiteLinksResolve builds the example workspace's spec and checks that
// every internal link of every page reaches a page and an element id.
func TestSiteLinksResolve(t *testing.T) {
	out, _ := buildSite(t, "../examples/spec", []string{"."})
	ids := map[string]map[string]bool{}
	href := regexp.MustCompile(`href="([^"]*)"`)
	id := regexp.MustCompile(`\b(?:id|name)="([^"]*)"`)
	pages, _ := filepath.Glob(filepath.Join(out, "demo", "*.html"))
	if len(pages) < 3 {
		t.Fatalf("pages = %v", pages)
	}
	for _, p := range pages {
		ids[filepath.Base(p)] = pageAnchors(t, p, id)
	}
	for _, p := range pages {
		for _, m := range href.FindAllStringSubmatch(read(t, p), -1) {
			h := m[1]
			if strings.Contains(h, "://") || strings.HasPrefix(h, "mailto:") || strings.HasPrefix(h, "../") {
				continue
			}
			file, frag, _ := strings.Cut(h, "#")
			if file == "" {
				file = filepath.Base(p)
			}
			if ids[file] == nil {
				t.Errorf("%s: link %q: no page %s", filepath.Base(p), h, file)
				continue
			}
			if frag != "" && !ids[file][frag] {
				t.Errorf("%s: link %q: no id %q", filepath.Base(p), h, frag)
			}
		}
	}
}

func TestNoTempFilesLeft(t *testing.T) {
	out, _ := buildSite(t, "testdata/site", []string{"."})
	_ = filepath.Walk(out, func(p string, _ os.FileInfo, _ error) error {
		if strings.Contains(filepath.Base(p), ".tmp-") {
			t.Errorf("temp file left: %s", p)
		}
		return nil
	})
}

func TestHTMLPath(t *testing.T) {
	for in, want := range map[string]string{"a.md": "a.html", "x/README.md": "x/readme.html", "index.md": "index-page.html"} {
		if got := htmlPath(in); got != want {
			t.Errorf("htmlPath(%q) = %q, want %q", in, got, want)
		}
	}
}

func read(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func pageAnchors(t *testing.T, p string, id *regexp.Regexp) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	for _, m := range id.FindAllStringSubmatch(read(t, p), -1) {
		out[m[1]] = true
	}
	return out
}
