package render

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ocispec/ocispec/internal/testcorpus"
	"github.com/ocispec/ocispec/specs"
	"github.com/ocispec/ocispec/workspace"
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

// TestOpenAPIAndSchemaPages builds the example workspace with the API
// reference and schema features: pages exist, are linked from the home
// page, and every requirement link of the reference reaches its anchor.
func TestOpenAPIAndSchemaPages(t *testing.T) {
	root := testcorpus.RepoRoot()
	ws, err := workspace.Open(filepath.Join(root, "ocispec.yaml"), root)
	if err != nil {
		t.Fatal(err)
	}
	list, opts, _, err := FromWorkspace(ws, ws.Select(nil, workspace.OneSet))
	if err != nil {
		t.Fatal(err)
	}
	apis, warnings := OpenAPIFeatures(list)
	if len(warnings) > 0 || len(apis) != 1 {
		t.Fatalf("OpenAPI features = %d, %v; want 1 (widget-spec)", len(apis), warnings)
	}
	opts.Features = append(apis, SchemaFeatures(list)...)
	opts.Output = t.TempDir()
	if _, err := Site(list, opts); err != nil {
		t.Fatal(err)
	}
	home := read(t, filepath.Join(opts.Output, "index.html"))
	page := read(t, filepath.Join(opts.Output, "api", "widget-spec", "index.html"))
	if !strings.Contains(home, `href="api/widget-spec/index.html"`) || !strings.Contains(home, `href="schemas/ocispec/index.html"`) {
		t.Error("home page does not link the API reference and the schemas")
	}
	links := regexp.MustCompile(`href="\.\./\.\./(widget-spec/[a-z-]+\.html)#([^"]+)"`).FindAllStringSubmatch(page, -1)
	if len(links) < 10 {
		t.Fatalf("API reference links %d requirements", len(links))
	}
	for _, l := range links {
		if !strings.Contains(read(t, filepath.Join(opts.Output, l[1])), `id="`+l[2]+`"`) {
			t.Errorf("%s#%s: no such anchor", l[1], l[2])
		}
	}
	for _, f := range []string{"api/widget-spec/openapi.json", "api/widget-spec/openapi.yaml", "schemas/ocispec/config.schema.json"} {
		if _, err := os.Stat(filepath.Join(opts.Output, f)); err != nil {
			t.Error(err)
		}
	}
}
