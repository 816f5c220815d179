package render

import (
	"fmt"
	"html/template"
	"net/url"
	"path"
	"strings"

	"github.com/ocispec/ocispec/conformance"
)

// certProduct is one result with what its pages show.
type certProduct struct {
	R       *conformance.Result
	A       conformance.Assessment
	Rel     string // page path from the site root
	Name    string
	Vendor  string
	Version string
	Hosted  bool
	Counts  conformance.Counts
	JUnit   conformance.Counts
	// LogoURL is the remote logo, linked and never fetched.
	LogoURL template.URL
	// LogoFile is the copied local logo, relative to the overview.
	LogoFile string
	Links    []certLink
	Config   []conformance.Setting
}

type certLink struct {
	Label string
	URL   template.URL
}

func newCertProduct(r *conformance.Result, pol conformance.Policy) (*certProduct, error) {
	rel, err := productRel(r)
	if err != nil {
		return nil, err
	}
	p := &certProduct{R: r, A: conformance.Assess(r, pol), Rel: rel, Name: r.Name(), Counts: r.Counts(), JUnit: r.JUnitCounts()}
	if pr := r.Product; pr != nil {
		p.Vendor, p.Version, p.Hosted = pr.Vendor, pr.Version, pr.Hosted()
		p.LogoURL = safeURL(pr.LogoURL)
		for _, l := range []certLink{{"Website", safeURL(pr.WebsiteURL)}, {"Source", safeURL(pr.RepoURL)}, {"Documentation", safeURL(pr.DocumentationURL)}} {
			if l.URL != "" {
				p.Links = append(p.Links, l)
			}
		}
	}
	p.Config = declaredConfig(r)
	return p, nil
}

// safeURL passes only absolute http and https URLs; anything else (a
// javascript: URL, a path) is dropped.
func safeURL(s string) template.URL {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return template.URL(u.String()) //nolint:gosec // scheme checked above
}

func declaredConfig(r *conformance.Result) []conformance.Setting {
	if r.Summary != nil && r.Summary.Config != nil {
		return r.Summary.Config.Settings
	}
	if r.JUnit != nil && r.JUnit.Suite.Config != nil {
		return r.JUnit.Suite.Config.Settings
	}
	return nil
}

// Initial is the first letter of the name, shown where there is no logo.
func (p *certProduct) Initial() string {
	for _, r := range p.Name {
		return strings.ToUpper(string(r))
	}
	return "?"
}

// Href is the product page relative to the overview.
func (p *certProduct) Href() string { return strings.TrimPrefix(p.Rel, certDir+"/") }

// Problems are the product's bad inputs as text.
func (p *certProduct) Problems() []string {
	out := make([]string, 0, len(p.R.Problems))
	for _, e := range p.R.Problems {
		out = append(out, e.Error())
	}
	return out
}

// Status is the one word for the product: Problem (bad input), Certified
// (every required workflow passed; optional ones may fail, and the matrix
// shows them), Failing (a test failed) or Not certified.
func (p *certProduct) Status() string {
	switch {
	case len(p.R.Problems) > 0:
		return "Problem"
	case p.A.Certified:
		return "Certified"
	case p.Counts.Failed() > 0 || p.JUnit.Failed() > 0:
		return "Failing"
	}
	return "Not certified"
}

// StatusClass is the CSS class of Status.
func (p *certProduct) StatusClass() string {
	return "verdict-" + strings.ReplaceAll(strings.ToLower(p.Status()), " ", "-")
}

// cell is one category of one product in the overview matrix.
type cell struct {
	Category string
	Anchor   string
	Counts   conformance.Counts
	Status   conformance.Status
	Title    string
}

func (p *certProduct) cells(cols []string) []cell {
	out := make([]cell, 0, len(cols))
	for _, col := range cols {
		c := cell{Category: col, Anchor: anchor(col)}
		for _, cc := range p.A.Categories {
			if cc.Name == col {
				c.Counts, c.Status = cc.Counts, cc.Counts.Worst()
			}
		}
		c.Title = fmt.Sprintf("%s: %s", col, countsText(c.Counts))
		out = append(out, c)
	}
	return out
}

// countsText is "3 pass, 1 fail" with the zero counts left out.
func countsText(c conformance.Counts) string {
	var parts []string
	for _, s := range conformance.Statuses {
		if n := c.Of(s); n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, strings.ToLower(string(s))))
		}
	}
	if len(parts) == 0 {
		return "no tests"
	}
	return strings.Join(parts, ", ")
}

// testGroup is the tests of one category on a product page.
type testGroup struct {
	Name   string
	Anchor string
	Counts conformance.Counts
	Tests  []testRow
}

// testRow is one test on a product page, with what the template shows
// worked out here rather than in template calls (hundreds per page).
type testRow struct {
	T *conformance.TestCase
	// Short is the name without the suite and category it repeats.
	Short  string
	Class  string
	Failed bool
}

func newTestRow(t *conformance.TestCase) testRow {
	return testRow{T: t, Short: shortName(t.Name, t.Category), Class: statusClass(t.Status), Failed: t.Status.Failed()}
}

// shortName drops what a test name repeats of its suite and category:
// "Suite/cat/name" becomes "name" ("Suite/ping" stays "ping"), "Suite
// Tests Cat rest" becomes "rest".
func shortName(name, category string) string {
	if parts := strings.Split(name, "/"); len(parts) > 1 {
		if len(parts) > 2 && parts[1] == category {
			return strings.Join(parts[2:], "/")
		}
		return strings.Join(parts[1:], "/")
	}
	if _, after, ok := strings.Cut(name, " "+category+" "); ok && after != "" {
		return after
	}
	return name
}

func (p *certProduct) testGroups() []testGroup {
	if p.R.JUnit == nil {
		return nil
	}
	var out []testGroup
	for _, cc := range p.A.TestCategories {
		g := testGroup{Name: cc.Name, Anchor: anchor(cc.Name), Counts: cc.Counts}
		for i := range p.R.JUnit.Tests {
			if t := &p.R.JUnit.Tests[i]; t.Category == cc.Name {
				g.Tests = append(g.Tests, newTestRow(t))
			}
		}
		out = append(out, g)
	}
	return out
}

// anchor is a fragment id for a category.
func anchor(s string) string {
	return "cat-" + strings.ToLower(strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') && (r < '0' || r > '9')
	}), "-"))
}

// relTo returns the path of site-root-relative target as seen from page.
func relTo(page, target string) string {
	return strings.Repeat("../", strings.Count(page, "/")) + path.Clean(target)
}

// failure is one failed workflow or test, listed on the overview.
type failure struct {
	P       *certProduct
	Name    string
	Anchor  string
	Status  conformance.Status
	Message string
}

// failures lists the product's failed results.yaml workflows and failed
// junit tests, so that the overview states every failure.
func (p *certProduct) failures() []failure {
	var out []failure
	if p.R.Summary != nil {
		for _, w := range p.A.Workflows {
			if w.Status.Failed() {
				out = append(out, failure{P: p, Name: w.Name + " (results.yaml)", Anchor: anchor(w.Category), Status: w.Status})
			}
		}
	}
	if p.R.JUnit != nil {
		for i := range p.R.JUnit.Tests {
			if t := &p.R.JUnit.Tests[i]; t.Status.Failed() {
				out = append(out, failure{P: p, Name: t.Name, Anchor: anchor(t.Category), Status: t.Status, Message: t.Message})
			}
		}
	}
	return out
}
