package render

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"os"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"

	"github.com/ocispec/ocispec/conformance"
	"github.com/ocispec/ocispec/specs"
)

type certProductPage struct {
	Page     Page
	P        *certProduct
	Overview string
	Logo     string
	Bars     template.HTML
	README   template.HTML
	Badges   template.HTML
	Report   string
	Groups   []testGroup
	Required []string
}

func (c *Certified) renderProduct(b *Builder, p *certProduct) error {
	title := fmt.Sprintf("%s %s · %s %s", p.Name, p.Version, p.R.Spec, p.R.Version)
	pg := certProductPage{Page: b.Page(p.Rel, title), P: p, Overview: relTo(p.Rel, certDir+"/index.html"), Groups: p.testGroups()}
	var err error
	if pg.Logo, err = copyLogo(b, p); err != nil {
		b.Warnf(p.R.Logo, 0, "logo not copied: %v", err)
	}
	if pg.Logo != "" {
		p.LogoFile = path.Join(path.Dir(p.Href()), pg.Logo)
	}
	if pg.Report, err = copyReport(b, p); err != nil {
		b.Warnf(p.R.ReportHTML, 0, "report not copied: %v", err)
	}
	pg.Bars = categoryBars(p.A.TestCategories)
	if len(p.A.TestCategories) == 0 {
		pg.Bars = categoryBars(p.A.Categories)
	}
	pg.README = markdownHTML(b, path.Join(p.R.Path, "README.md"), p.R.README)
	pg.Badges = markdownHTML(b, "badges.md", p.R.Badges)
	req := c.Policy.RequiredFor(p.R.Version)
	pg.Required = req.Categories
	if p.R.Summary != nil {
		pg.Required = append(slices.Clone(req.APIs), req.Data...)
	}
	return b.Execute("certified-product.html", p.Rel, pg)
}

// copyReport copies report.html beside the product page, sanitized: it is
// the product's own page and may carry scripts.
func copyReport(b *Builder, p *certProduct) (string, error) {
	if p.R.ReportHTML == "" {
		return "", nil
	}
	data, err := os.ReadFile(p.R.ReportHTML)
	if err != nil {
		return "", err
	}
	name := p.R.Dir + "-report.html"
	return name, b.WriteFile(path.Join(path.Dir(p.Rel), name), b.policy.SanitizeBytes(data))
}

// markdownHTML renders untrusted Markdown (a product README, badges) with
// the one goldmark configuration of package specs, images shown as links so
// that nothing remote is loaded, and sanitizes the result.
func markdownHTML(b *Builder, name string, src []byte) template.HTML {
	if len(bytes.TrimSpace(src)) == 0 {
		return ""
	}
	d, err := specs.Parse(name, src, specs.Options{})
	if err != nil {
		return template.HTML("<pre>" + template.HTMLEscapeString(string(src)) + "</pre>") //nolint:gosec // escaped
	}
	md := specs.NewMarkdown(goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(imageAsLink{}, 100))))
	var buf bytes.Buffer
	if err := md.Renderer().Render(&buf, d.Source, d.AST); err != nil {
		return ""
	}
	return template.HTML(b.policy.SanitizeBytes(buf.Bytes())) //nolint:gosec // sanitized
}

// imageAsLink renders an image as its alt text, linked to the image unless
// it already sits in a link: badges and README images are third-party
// content that a results page must not load.
type imageAsLink struct{}

func (imageAsLink) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindImage, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		img := n.(*ast.Image)
		alt := template.HTMLEscapeString(string(img.Text(src))) //nolint:staticcheck // plain alt text
		if alt == "" {
			alt = "image"
		}
		inLink := n.Parent() != nil && n.Parent().Kind() == ast.KindLink
		if u := safeURL(string(img.Destination)); u != "" && !inLink {
			fmt.Fprintf(w, `<a class="image-link" href="%s">%s</a>`, template.HTMLEscapeString(string(u)), alt)
		} else {
			fmt.Fprintf(w, `<span class="image-alt">%s</span>`, alt)
		}
		return ast.WalkSkipChildren, nil
	})
}

// categoryBars draws one stacked bar per category (pass, fail, error,
// skip, disabled) as inline SVG.
func categoryBars(cats []conformance.CategoryCounts) template.HTML {
	if len(cats) == 0 {
		return ""
	}
	const rowH, labelW, barW = 24, 140, 200
	h := rowH*len(cats) + 4
	var sb strings.Builder
	fmt.Fprintf(&sb, `<svg class="cert-bars" role="img" aria-label="Results by category" viewBox="0 0 %d %d" width="100%%" preserveAspectRatio="xMinYMin meet">`, labelW+barW+60, h)
	for i, c := range cats {
		y := i*rowH + 2
		fmt.Fprintf(&sb, `<text x="%d" y="%d" text-anchor="end" class="bar-label">%s</text>`, labelW-8, y+15, template.HTMLEscapeString(c.Name))
		x, total := labelW, max(c.Counts.Total(), 1)
		for _, s := range conformance.Statuses {
			n := c.Counts.Of(s)
			if n == 0 {
				continue
			}
			w := max(2, n*barW/total)
			fmt.Fprintf(&sb, `<rect x="%d" y="%d" width="%d" height="16" class="st-%s"><title>%s: %d %s</title></rect>`,
				x, y+2, w, strings.ToLower(string(s)), template.HTMLEscapeString(c.Name), n, strings.ToLower(string(s)))
			x += w
		}
		fmt.Fprintf(&sb, `<text x="%d" y="%d" class="bar-value">%d/%d</text>`, x+6, y+15, c.Counts.Pass, c.Counts.Total())
	}
	sb.WriteString(`</svg>`)
	return template.HTML(sb.String()) //nolint:gosec // labels escaped above
}

// overviewPage is the data of certified/index.html.
type overviewPage struct {
	Page     Page
	Versions []string
	Specs    []overviewSpec
	Problems []string
}

type overviewSpec struct {
	Name      string
	Failures  []failure
	Columns   []string
	Rows      []overviewRow
	Certified []certGroup
}

type overviewRow struct {
	P     *certProduct
	Cells []cell
}

// certGroup is the certified products of one spec version and kind.
type certGroup struct {
	Version  string
	Kind     string
	Products []*certProduct
}

func (c *Certified) overview(b *Builder, products []*certProduct) overviewPage {
	pg := overviewPage{Page: b.Page(certDir+"/index.html", "Conformance")}
	for _, e := range c.Tree.Problems {
		pg.Problems = append(pg.Problems, e.Error())
	}
	bySpec := map[string][]*certProduct{}
	var names []string
	for _, p := range products {
		if _, ok := bySpec[p.R.Spec]; !ok {
			names = append(names, p.R.Spec)
		}
		bySpec[p.R.Spec] = append(bySpec[p.R.Spec], p)
		if !slices.Contains(pg.Versions, p.R.Version) {
			pg.Versions = append(pg.Versions, p.R.Version)
		}
	}
	slices.SortFunc(pg.Versions, func(a, b string) int { return -conformance.CompareVersions(a, b) })
	for _, n := range names {
		pg.Specs = append(pg.Specs, overviewOf(n, bySpec[n]))
	}
	return pg
}

func overviewOf(name string, ps []*certProduct) overviewSpec {
	s := overviewSpec{Name: name, Columns: overviewColumns(ps)}
	groups := map[string]*certGroup{}
	var keys []string
	for _, p := range ps {
		s.Rows = append(s.Rows, overviewRow{P: p, Cells: p.cells(s.Columns)})
		s.Failures = append(s.Failures, p.failures()...)
		if !p.A.Certified {
			continue
		}
		kind := "Open source and self-hosted"
		if p.Hosted {
			kind = "Hosted services"
		}
		k := p.R.Version + "\x00" + kind
		if groups[k] == nil {
			groups[k] = &certGroup{Version: p.R.Version, Kind: kind}
			keys = append(keys, k)
		}
		groups[k].Products = append(groups[k].Products, p)
	}
	sort.SliceStable(keys, func(i, j int) bool {
		a, b := groups[keys[i]], groups[keys[j]]
		if a.Version != b.Version {
			return conformance.CompareVersions(a.Version, b.Version) > 0
		}
		return a.Kind > b.Kind
	})
	for _, k := range keys {
		s.Certified = append(s.Certified, *groups[k])
	}
	return s
}

// statusClass is the CSS class of a status.
func statusClass(s conformance.Status) string {
	if s == "" {
		return "st-none"
	}
	return "st-" + strings.ToLower(string(s))
}

// headerLines renders a header map sorted, one "Key: value" a line.
func headerLines(h http.Header) string {
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var sb strings.Builder
	for _, k := range keys {
		for _, v := range h[k] {
			sb.WriteString(k + ": " + v + "\n")
		}
	}
	return sb.String()
}
