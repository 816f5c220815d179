package render

import (
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/ocispec/ocispec/reqs"
)

// funcs are the template helpers.
var funcs = template.FuncMap{
	"inline": inlineCode,
	"lower":  strings.ToLower,
	"plural": plural,
	// certified pages
	"headers":     headerLines,
	"counts":      countsText,
	"statusClass": statusClass,
}

// siteNav lists the site's sections: the spec sets, the minutes and every
// feature that has data, in that order.
func siteNav(sets []*specSite, opts Options) []NavItem {
	var nav []NavItem
	for _, s := range sets {
		nav = append(nav, NavItem{Title: s.Title, Href: path.Join(s.Name, "index.html"), Description: s.Description})
	}
	if opts.Minutes != nil {
		nav = append(nav, NavItem{Title: "Minutes", Href: "minutes/index.html", Description: "Weekly meeting notes by year, and the issues and pull requests they discussed."})
	}
	for _, f := range opts.Features {
		if item, ok := f.Nav(); ok {
			nav = append(nav, item)
		}
	}
	return nav
}

// writeStatic writes the stylesheets and scripts every page shares.
func (b *Builder) writeStatic() error {
	for _, name := range []string{"style.css", "site.js", "search.js", "reqs.js"} {
		data, err := fs.ReadFile(templatesFS, "templates/"+name)
		if err != nil {
			return err
		}
		if err := b.WriteFile(name, data); err != nil {
			return err
		}
	}
	css, err := chromaCSS()
	if err != nil {
		return err
	}
	return b.WriteFile("chroma.css", css)
}

func (b *Builder) renderFeatures(fs []Feature) error {
	for _, f := range fs {
		if _, ok := f.Nav(); !ok {
			continue
		}
		if err := f.Render(b); err != nil {
			return err
		}
	}
	return nil
}

// count is one bar of a chart.
type count struct {
	Label string
	N     int
}

// specSummary is what the home page and a set's index show about a set.
type specSummary struct {
	Spec        *specSite
	Href        string
	Docs, Extra []navDoc
	Total       int
	Levels      []count
	Roles       []count
	Chart       template.HTML
}

var levelOrder = []reqs.Level{"MUST", "MUST NOT", "SHOULD", "SHOULD NOT", "MAY"}

func summarize(s *specSite) specSummary {
	sum := specSummary{Spec: s, Href: path.Join(s.Name, "index.html"), Total: len(s.graph.Requirements)}
	sum.Docs, _, _ = navDocs(s, s.docs, nil)
	sum.Extra, _, _ = navDocs(s, s.extra, nil)
	levels := map[reqs.Level]int{}
	roles := map[string]int{}
	for _, r := range s.graph.Requirements {
		levels[r.Level]++
		roles[roleOf(r)]++
	}
	for _, l := range levelOrder {
		if levels[l] > 0 {
			sum.Levels = append(sum.Levels, count{string(l), levels[l]})
		}
	}
	for r, n := range roles {
		sum.Roles = append(sum.Roles, count{r, n})
	}
	sort.Slice(sum.Roles, func(i, j int) bool {
		if sum.Roles[i].N != sum.Roles[j].N {
			return sum.Roles[i].N > sum.Roles[j].N
		}
		return sum.Roles[i].Label < sum.Roles[j].Label
	})
	if len(sum.Roles) > 8 {
		other := 0
		for _, c := range sum.Roles[7:] {
			other += c.N
		}
		sum.Roles = append(sum.Roles[:7], count{"other", other})
	}
	sum.Chart = charts(sum.Levels, sum.Roles)
	return sum
}

// roleOf is the normalized role a requirement binds (registry, client,
// runtime, …: reqs.Role), not the subject as written, so the chart and
// the index filter group "Clients" and "the client" together.
func roleOf(r *reqs.Requirement) string {
	if r.Role == "" {
		return "unspecified"
	}
	return string(r.Role)
}

type specPage struct {
	Page Page
	specSummary
	Reqs string
}

func (b *Builder) renderSpecIndex(s *specSite) error {
	rel := path.Join(s.Name, "index.html")
	p := specPage{Page: b.Page(rel, s.Title), specSummary: summarize(s), Reqs: path.Join(s.Name, "requirements.html")}
	return b.Execute("spec.html", rel, p)
}

type homePage struct {
	Page     Page
	Specs    []specSummary
	Sections []NavItem
}

func (b *Builder) renderHome(sets []*specSite, features []Feature) error {
	p := homePage{Page: b.Page("index.html", b.title)}
	for _, s := range sets {
		p.Specs = append(p.Specs, summarize(s))
	}
	p.Sections = append(p.Sections, b.nav[len(sets):]...)
	_ = features
	return b.Execute("home.html", "index.html", p)
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
	return template.HTML(b.String()) //nolint:gosec // every part escaped above
}

// charts draws the requirement counts per level and per role as inline
// SVG bar charts: no chart library, nothing fetched.
func charts(levels, roles []count) template.HTML {
	if len(levels) == 0 {
		return ""
	}
	return `<div class="charts">` + barChart("Requirements by level", levels, true) + barChart("Requirements by role", roles, false) + `</div>`
}

func barChart(title string, bars []count, levelColours bool) template.HTML {
	const rowH, labelW, barW = 22, 120, 220
	maxN := 1
	for _, c := range bars {
		maxN = max(maxN, c.N)
	}
	h := rowH*len(bars) + 4
	var sb strings.Builder
	fmt.Fprintf(&sb, `<figure class="chart"><figcaption>%s</figcaption><svg role="img" aria-label="%s" viewBox="0 0 %d %d" width="%d" height="%d">`,
		template.HTMLEscapeString(title), template.HTMLEscapeString(title), labelW+barW+50, h, labelW+barW+50, h)
	for i, c := range bars {
		y := i*rowH + 2
		w := max(2, c.N*barW/maxN)
		cls := "bar"
		if levelColours {
			cls += " bar-" + strings.ToLower(strings.ReplaceAll(c.Label, " ", "-"))
		}
		fmt.Fprintf(&sb, `<text x="%d" y="%d" text-anchor="end" class="bar-label">%s</text>`, labelW-8, y+15, template.HTMLEscapeString(c.Label))
		fmt.Fprintf(&sb, `<rect x="%d" y="%d" width="%d" height="16" rx="3" class="%s"><title>%s: %d</title></rect>`, labelW, y+2, w, cls, template.HTMLEscapeString(c.Label), c.N)
		fmt.Fprintf(&sb, `<text x="%d" y="%d" class="bar-value">%d</text>`, labelW+w+6, y+15, c.N)
	}
	sb.WriteString(`</svg></figure>`)
	return template.HTML(sb.String()) //nolint:gosec // labels escaped above
}

// plural writes a count with its noun: "1 lint error", "2 lint errors".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
