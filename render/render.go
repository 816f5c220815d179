// Package render turns the parsed workspace into a static site: one page
// per spec document, an index per spec set and a home page. Content flows
// model → page data → embedded html/template, as in Hugo; the Markdown is
// never re-parsed, the goldmark tree in the model is rendered directly.
package render

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/ocispec/ocispec/internal/atomicfile"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"

	"github.com/ocispec/ocispec/specs"
)

//go:embed templates/*.html templates/*.css
var templatesFS embed.FS

// A Spec is one spec set to publish.
type Spec struct {
	Name, Title, Version, Repository string
	Set                              *specs.Set
}

// Options configure a site build.
type Options struct {
	// Output is the directory written; it is created if missing.
	Output string
	Title  string
}

// Summary reports what a build wrote.
type Summary struct {
	Pages     int
	Documents int
	Specs     int
	// Assets counts the images and other local files the pages link to,
	// copied beside them.
	Assets int
}

// Site renders the specs into opts.Output. Each file is written atomically.
func Site(specList []Spec, opts Options) (Summary, error) {
	var sum Summary
	t, err := template.New("").Funcs(template.FuncMap{"inline": inlineCode}).ParseFS(templatesFS, "templates/*.html")
	if err != nil {
		return sum, err
	}
	css, err := fs.ReadFile(templatesFS, "templates/style.css")
	if err != nil {
		return sum, err
	}
	if err := writeFile(filepath.Join(opts.Output, "style.css"), css); err != nil {
		return sum, err
	}
	policy := sanitizer()
	home := homePage{Title: opts.Title}
	for _, sp := range specList {
		sum.Specs++
		prefix := commonDir(sp.Set)
		idx := specIndex{Spec: sp, Page: page{Title: sp.Title, Root: "../", Site: opts.Title}}
		for _, d := range sp.Set.Docs {
			body, err := renderDoc(sp.Set, d, prefix, policy)
			if err != nil {
				return sum, fmt.Errorf("%s: render: %w", d.Path, err)
			}
			out := path.Join(sp.Name, pagePath(d.Path, prefix))
			dp := docPage{
				Page:  page{Title: docTitle(d), Root: strings.Repeat("../", strings.Count(out, "/")), Site: opts.Title},
				Spec:  sp,
				Doc:   d,
				Body:  template.HTML(body),
				TOC:   toc(d),
				Index: strings.Repeat("../", strings.Count(out, "/")-1) + "index.html",
			}
			if sp.Repository != "" {
				dp.Edit = strings.TrimSuffix(sp.Repository, "/") + "/blob/main/" + d.Path
			}
			if err := execute(t, "doc.html", filepath.Join(opts.Output, filepath.FromSlash(out)), dp); err != nil {
				return sum, err
			}
			idx.Docs = append(idx.Docs, indexEntry{Title: dp.Page.Title, Href: strings.TrimPrefix(out, sp.Name+"/"), Path: d.Path, Headings: len(d.Headings)})
			sum.Pages++
			sum.Documents++
		}
		n, err := copyAssets(sp, prefix, filepath.Join(opts.Output, sp.Name))
		if err != nil {
			return sum, err
		}
		sum.Assets += n
		if err := execute(t, "spec.html", filepath.Join(opts.Output, sp.Name, "index.html"), idx); err != nil {
			return sum, err
		}
		sum.Pages++
		home.Specs = append(home.Specs, homeEntry{Title: sp.Title, Name: sp.Name, Version: sp.Version, Docs: len(sp.Set.Docs)})
	}
	home.Page = page{Title: opts.Title, Root: "", Site: opts.Title}
	if err := execute(t, "home.html", filepath.Join(opts.Output, "index.html"), home); err != nil {
		return sum, err
	}
	sum.Pages++
	return sum, nil
}

type page struct {
	Title, Root, Site string
}

type homePage struct {
	Page  page
	Title string
	Specs []homeEntry
}

type homeEntry struct {
	Title, Name, Version string
	Docs                 int
}

type specIndex struct {
	Page page
	Spec Spec
	Docs []indexEntry
}

type indexEntry struct {
	Title, Href, Path string
	Headings          int
}

type docPage struct {
	Page  page
	Spec  Spec
	Doc   *specs.Document
	Body  template.HTML
	TOC   []tocEntry
	Edit  string
	Index string
}

type tocEntry struct {
	Level  int
	Anchor string
	Text   string
}

func toc(d *specs.Document) []tocEntry {
	var out []tocEntry
	for _, h := range d.Headings {
		if h.Level >= 2 && h.Level <= 3 {
			out = append(out, tocEntry{Level: h.Level, Anchor: h.Anchor, Text: h.Text})
		}
	}
	return out
}

func docTitle(d *specs.Document) string {
	for _, h := range d.Headings {
		if h.Level == 1 {
			return h.Text
		}
	}
	return strings.TrimSuffix(path.Base(d.Path), path.Ext(d.Path))
}

// htmlPath maps "x.md" to "x.html" and "README.md" to "readme.html";
// index.html is the spec set's own contents page.
func htmlPath(p string) string {
	base := strings.TrimSuffix(path.Base(p), path.Ext(p))
	if strings.EqualFold(base, "README") || strings.EqualFold(base, "index") {
		base = strings.ToLower(base) + "-page"
		if strings.HasPrefix(base, "readme") {
			base = "readme"
		}
	}
	return path.Join(path.Dir(p), base+".html")
}

// maxAsset bounds the size of a linked file copied into the site.
const maxAsset = 64 << 20

// copyAssets copies the local files that the set's documents link to or
// embed (images, schemas, licences), other than Markdown, into dir at the
// same place relative to the set's common directory, so the links keep
// working on the site. Targets outside that directory are left alone.
func copyAssets(sp Spec, prefix, dir string) (int, error) {
	seen := map[string]bool{}
	n := 0
	for _, d := range sp.Set.Docs {
		for _, l := range d.Links {
			target, _, local := sp.Set.Resolve(d, l.Destination)
			if !local || strings.EqualFold(path.Ext(target), ".md") || seen[target] {
				continue
			}
			seen[target] = true
			if t, err := url.PathUnescape(target); err == nil {
				target = t
			}
			rel := strings.TrimPrefix(target, prefix)
			if !strings.HasPrefix(target, prefix) || rel == "" || rel == ".." || strings.HasPrefix(rel, "../") || path.IsAbs(rel) {
				continue
			}
			src := target
			if !filepath.IsAbs(src) {
				src = filepath.Join(sp.Set.Root, filepath.FromSlash(target))
			}
			fi, err := os.Stat(src)
			if err != nil || !fi.Mode().IsRegular() || fi.Size() > maxAsset {
				continue // a broken link is lint's finding, not a build error
			}
			data, err := os.ReadFile(src)
			if err != nil {
				return n, fmt.Errorf("%s: %w", target, err)
			}
			if err := writeFile(filepath.Join(dir, filepath.FromSlash(rel)), data); err != nil {
				return n, err
			}
			n++
		}
	}
	return n, nil
}

// pagePath is where a document's page goes within its spec's directory:
// the path below the set's common directory, as .html.
func pagePath(doc, prefix string) string {
	return htmlPath(strings.TrimPrefix(doc, prefix))
}

// commonDir is the longest directory prefix ("a/b/") shared by every
// document of the set, so a spec kept in examples/spec/ is published at the
// top of its site directory.
func commonDir(set *specs.Set) string {
	if len(set.Docs) == 0 {
		return ""
	}
	prefix := path.Dir(set.Docs[0].Path) + "/"
	for _, d := range set.Docs[1:] {
		for prefix != "" && !strings.HasPrefix(d.Path, prefix) {
			prefix = path.Dir(strings.TrimSuffix(prefix, "/"))
			if prefix == "." || prefix == "/" {
				prefix = ""
			} else {
				prefix += "/"
			}
		}
	}
	if prefix == "./" {
		return ""
	}
	return prefix
}

// inlineCode renders plain heading text for navigation: escaped, with
// `code` spans as <code>.
func inlineCode(s string) template.HTML {
	parts := strings.Split(s, "`")
	var b strings.Builder
	for i, p := range parts {
		esc := template.HTMLEscapeString(p)
		if i%2 == 1 && i < len(parts)-1 {
			b.WriteString("<code>" + esc + "</code>")
		} else {
			if i%2 == 1 {
				b.WriteString("`")
			}
			b.WriteString(esc)
		}
	}
	return template.HTML(b.String())
}

func execute(t *template.Template, name, out string, data any) error {
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, name, data); err != nil {
		return fmt.Errorf("%s: %w", out, err)
	}
	return writeFile(out, buf.Bytes())
}

// writeFile writes atomically: a temp file in the same directory, synced,
// then renamed over the target, so a reader never sees half a page.
func writeFile(name string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	if err := atomicfile.Write(name, data, 0o644, nil); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// sanitizer keeps what specs legitimately use in raw HTML (anchors, ids,
// tables, details) and drops scripts, handlers and styles.
func sanitizer() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.AllowAttrs("id").Globally()
	p.AllowAttrs("name").OnElements("a")
	p.AllowAttrs("class").Matching(bluemonday.SpaceSeparatedTokens).OnElements("a", "code", "pre", "span", "div")
	p.AllowAttrs("aria-label").OnElements("a")
	p.AllowElements("details", "summary")
	return p
}

// renderDoc renders the document's goldmark tree with GitHub's heading ids
// and .md links rewritten to the rendered pages.
func renderDoc(set *specs.Set, d *specs.Document, prefix string, policy *bluemonday.Policy) ([]byte, error) {
	// A renderer per document: goldmark binds node renderers once, and
	// the overrides carry the document.
	md := goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote),
		goldmark.WithRendererOptions(
			html.WithUnsafe(),
			renderer.WithNodeRenderers(util.Prioritized(&overrides{set: set, doc: d, prefix: prefix}, 100)),
		),
	)
	var buf bytes.Buffer
	if err := md.Renderer().Render(&buf, d.Source, d.AST); err != nil {
		return nil, err
	}
	return policy.SanitizeBytes(buf.Bytes()), nil
}
