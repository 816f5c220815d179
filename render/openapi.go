package render

import (
	"errors"
	"fmt"
	"path"

	"github.com/ocispec/ocispec/openapi"
	"github.com/ocispec/ocispec/reqs"
)

// OpenAPIPage is the HTTP API reference of one spec set: the OpenAPI 3.1
// document that package openapi generates from the set's endpoints table,
// as an HTML page with every operation, its statuses and the requirements
// behind it, plus openapi.json and openapi.yaml beside it.
type OpenAPIPage struct {
	Spec Spec
	Doc  *openapi.Document
	// Many is true when the site has several spec sets (the title then
	// names the set).
	Many bool
}

// OpenAPIFeatures returns the API reference of every spec set that has
// an endpoints table. A set whose model or generated document is invalid
// gets no reference and a warning (`ocispec openapi` reports the details);
// the rest of the site is still built.
func OpenAPIFeatures(list []Spec) (features []Feature, warnings []string) {
	for _, sp := range list {
		m, err := openapi.FromSet(sp.Set)
		if errors.Is(err, openapi.ErrNoEndpoints) {
			continue
		}
		if err != nil {
			warnings = append(warnings, fmt.Sprintf("%s: no HTTP API reference: %v", sp.Name, err))
			continue
		}
		g := reqs.Extract(sp.Set)
		doc, err := openapi.Generate(m, openapi.Options{Title: sp.Title, Version: sp.Version, Requirements: openapi.RequirementsByEndpoint(m, g)})
		if err != nil {
			warnings = append(warnings, fmt.Sprintf("%s: no HTTP API reference: %v", sp.Name, err))
			continue
		}
		features = append(features, OpenAPIPage{Spec: sp, Doc: doc, Many: len(list) > 1})
	}
	return features, warnings
}

func (p OpenAPIPage) dir() string { return path.Join("api", p.Spec.Name) }

// Nav links the reference.
func (p OpenAPIPage) Nav() (NavItem, bool) {
	title := "HTTP API"
	if p.Many {
		title = p.Spec.Name + " API"
	}
	return NavItem{Title: title, Href: path.Join(p.dir(), "index.html"),
		Description: fmt.Sprintf("OpenAPI 3.1 reference generated from the endpoints table: %d operations.", len(p.Doc.Operations))}, true
}

type apiOperation struct {
	openapi.Operation
	Reqs []apiReq
}

type apiReq struct{ ID, Href string }

type apiData struct {
	Page       Page
	Title      string
	Version    string
	Operations []apiOperation
}

// Render writes the reference page and the OpenAPI document.
func (p OpenAPIPage) Render(b *Builder) error {
	js, err := p.Doc.JSON()
	if err != nil {
		return err
	}
	ym, err := p.Doc.YAML()
	if err != nil {
		return err
	}
	if err := b.WriteFile(path.Join(p.dir(), "openapi.json"), js); err != nil {
		return err
	}
	if err := b.WriteFile(path.Join(p.dir(), "openapi.yaml"), ym); err != nil {
		return err
	}
	where := requirementPages(p.Spec)
	rel := path.Join(p.dir(), "index.html")
	d := apiData{Page: b.Page(rel, "HTTP API · "+p.Spec.Name), Title: p.Doc.T.Info.Title, Version: p.Doc.T.Info.Version}
	for _, op := range p.Doc.Operations {
		ao := apiOperation{Operation: op}
		for _, id := range op.Requirements {
			ao.Reqs = append(ao.Reqs, apiReq{ID: id, Href: where[id]})
		}
		d.Operations = append(d.Operations, ao)
	}
	return b.Execute("openapi.html", rel, d)
}

// requirementPages maps requirement IDs to their anchors on the site
// (relative to the site root).
func requirementPages(sp Spec) map[string]string {
	prefix := commonDir(sp.Set)
	out := map[string]string{}
	for _, r := range reqs.Extract(sp.Set).Requirements {
		out[r.ID] = path.Join(sp.Name, pagePath(r.Doc.Path, prefix)) + "#" + r.ID
	}
	return out
}
