package render

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ocispec/ocispec/specs"
)

// testFeature is a feature with one page, as certified or trace add theirs.
type testFeature struct {
	data bool
	rel  string
}

func (f testFeature) Nav() (NavItem, bool) {
	return NavItem{Title: "Widgets", Href: "widgets/index.html", Description: "All the widgets."}, f.data
}

func (f testFeature) Render(b *Builder) error {
	return b.Execute("feature_test.html", f.rel, struct {
		Page  Page
		Items []string
	}{b.Page(f.rel, "Widgets"), []string{"<b>one</b>"}})
}

func loadSet(t *testing.T, root string) *specs.Set {
	t.Helper()
	set, err := specs.Load(root, []string{"."}, specs.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return set
}

func TestFeaturePages(t *testing.T) {
	out := t.TempDir()
	set := loadSet(t, "testdata/site")
	b, err := newBuilder(Options{Output: out})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.tmpl.New("feature_test.html").Parse(`{{template "head" .Page}}<main class="page">{{range .Items}}<p>{{.}}</p>{{end}}</main>{{template "foot" .Page}}`); err != nil {
		t.Fatal(err)
	}
	features := []Feature{testFeature{data: true, rel: "widgets/index.html"}, testFeature{data: false, rel: "none/index.html"}}
	sum, err := b.build([]Spec{{Name: "demo", Set: set}}, Options{Output: out, Features: features})
	if err != nil {
		t.Fatal(err)
	}
	page := read(t, filepath.Join(out, "widgets", "index.html"))
	for _, want := range []string{`href="../style.css"`, `&lt;b&gt;one&lt;/b&gt;`, `<a href="../widgets/index.html" aria-current="page">Widgets</a>`} {
		if !strings.Contains(page, want) {
			t.Errorf("feature page lacks %s", want)
		}
	}
	home := read(t, filepath.Join(out, "index.html"))
	if !strings.Contains(home, `href="widgets/index.html"`) || !strings.Contains(home, "All the widgets.") {
		t.Error("home page does not link the feature")
	}
	if _, err := os.Stat(filepath.Join(out, "none")); err == nil {
		t.Error("a feature without data got pages")
	}
	if sum.Pages != 7 {
		t.Errorf("pages = %d, want 7", sum.Pages)
	}
}

func TestFeatureCannotWriteOutside(t *testing.T) {
	out := t.TempDir()
	b, err := newBuilder(Options{Output: filepath.Join(out, "site")})
	if err != nil {
		t.Fatal(err)
	}
	for _, rel := range []string{"../escape.html", "/abs.html", "a/../../escape.html", `..\escape.html`} {
		if err := b.WriteFile(rel, []byte("x")); err == nil {
			t.Errorf("WriteFile(%q) succeeded", rel)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "escape.html")); err == nil {
		t.Error("a file was written outside the output directory")
	}
}
