package render

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/ocispec/ocispec/conformance"
)

// Certified is the feature of the certified and conformance pages: an
// overview of every product's results by category, a page per product and
// spec version, and the list of certified products. The data comes from
// package conformance; problems with one product are shown on its page and
// reported as warnings (the command exits 1), and the others still render.
type Certified struct {
	Tree   *conformance.Tree
	Policy conformance.Policy
}

// certDir is the feature's directory in the site.
const certDir = "certified"

// Nav implements Feature.
func (c *Certified) Nav() (NavItem, bool) {
	if c == nil || c.Tree == nil || (len(c.Tree.Results) == 0 && len(c.Tree.Problems) == 0) {
		return NavItem{}, false
	}
	return NavItem{Title: "Conformance", Href: certDir + "/index.html",
		Description: "Certified products and every conformance result, failures included, by spec version and category."}, true
}

// Render implements Feature.
func (c *Certified) Render(b *Builder) error {
	for _, p := range c.Tree.Problems {
		warnErr(b, p)
	}
	products := make([]*certProduct, 0, len(c.Tree.Results))
	for _, r := range c.Tree.Results {
		p, err := newCertProduct(r, c.Policy)
		if err != nil {
			warnErr(b, err)
			continue
		}
		for _, e := range r.Problems {
			warnErr(b, e)
		}
		products = append(products, p)
	}
	css, err := templatesFS.ReadFile("templates/certified.css")
	if err != nil {
		return err
	}
	if err := b.WriteFile("certified.css", css); err != nil {
		return err
	}
	if err := parallel(len(products), func(i int) error { return c.renderProduct(b, products[i]) }); err != nil {
		return err
	}
	return b.Execute("certified.html", certDir+"/index.html", c.overview(b, products))
}

// warnErr records a problem as a build warning with its file and line.
func warnErr(b *Builder, err error) {
	var fe *conformance.FileError
	if errors.As(err, &fe) {
		b.Warnf(fe.File, fe.Line, "%v", fe.Err)
		return
	}
	b.Warnf("conformance", 0, "%v", err)
}

// productRel is the page of a result, relative to the site root. Every
// element must be a safe file name: a directory that tries to leave the
// output directory is refused with an error naming it.
func productRel(r *conformance.Result) (string, error) {
	for _, e := range []string{r.Spec, r.Version, r.Dir} {
		if !conformance.SafeName(e) {
			return "", fmt.Errorf("%s: refused: %q is not a safe name for a page", r.Path, e)
		}
	}
	return path.Join(certDir, r.Spec, r.Version, r.Dir+".html"), nil
}

// copyLogo writes a product's local logo beside its page and returns its
// name there.
func copyLogo(b *Builder, p *certProduct) (string, error) {
	if p.R.Logo == "" {
		return "", nil
	}
	data, err := os.ReadFile(p.R.Logo)
	if err != nil {
		return "", err
	}
	name := p.R.Dir + "-logo" + strings.ToLower(filepath.Ext(p.R.Logo))
	if err := b.WriteFile(path.Join(path.Dir(p.Rel), name), data); err != nil {
		return "", err
	}
	return name, nil
}

// overviewColumns is the union of the categories of products of one spec,
// in display order.
func overviewColumns(ps []*certProduct) []string {
	var cols []string
	for _, p := range ps {
		for _, c := range p.A.Categories {
			if !slices.Contains(cols, c.Name) {
				cols = append(cols, c.Name)
			}
		}
	}
	slices.SortStableFunc(cols, conformance.CompareCategories)
	return cols
}
