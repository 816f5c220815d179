package render

import (
	"encoding/json"
	"fmt"
	"html/template"
	"path"

	"github.com/ocispec/ocispec/schema"
)

// SchemasPage lists the JSON Schemas that package schema generates from a
// spec set's property lists and error-code tables: each schema as a file
// beside the page and highlighted on it, with a link to the prose it comes
// from.
type SchemasPage struct {
	Spec      Spec
	Generated []schema.Generated
	Many      bool
}

// SchemaFeatures returns the schemas page of every spec set that documents
// objects.
func SchemaFeatures(list []Spec) []Feature {
	var out []Feature
	for _, sp := range list {
		if gen := schema.GenerateSet(sp.Set); len(gen) > 0 {
			out = append(out, SchemasPage{Spec: sp, Generated: gen, Many: len(list) > 1})
		}
	}
	return out
}

func (p SchemasPage) dir() string { return path.Join("schemas", p.Spec.Name) }

// Nav links the page.
func (p SchemasPage) Nav() (NavItem, bool) {
	title := "Schemas"
	if p.Many {
		title = p.Spec.Name + " schemas"
	}
	return NavItem{Title: title, Href: path.Join(p.dir(), "index.html"),
		Description: fmt.Sprintf("%d JSON Schemas generated from the property descriptions.", len(p.Generated))}, true
}

type schemaEntry struct {
	Title, MediaType, File, Source string
	Line                           int
	Code                           template.HTML
}

type schemasData struct {
	Page    Page
	Spec    string
	Schemas []schemaEntry
}

// Render writes each schema and the page.
func (p SchemasPage) Render(b *Builder) error {
	rel := path.Join(p.dir(), "index.html")
	d := schemasData{Page: b.Page(rel, "Schemas · "+p.Spec.Name), Spec: p.Spec.Name}
	prefix := commonDir(p.Spec.Set)
	written := map[string]schema.Generated{}
	for _, g := range p.Generated {
		// Two documents of one name (a/m.md, b/m.md) generate one file
		// name: keep the first and say so, never overwrite it silently.
		if first, ok := written[path.Base(g.File)]; ok {
			b.Warnf(g.Source, g.Line, "schema %s is not published: %s:%d generates a schema of the same name", path.Base(g.File), first.Source, first.Line)
			continue
		}
		written[path.Base(g.File)] = g
		data, err := json.MarshalIndent(g.Schema, "", "  ")
		if err != nil {
			return fmt.Errorf("%s: %w", g.File, err)
		}
		if err := b.WriteFile(path.Join(p.dir(), path.Base(g.File)), append(data, '\n')); err != nil {
			return err
		}
		d.Schemas = append(d.Schemas, schemaEntry{
			Title: g.Title, MediaType: g.MediaType, File: path.Base(g.File), Line: g.Line,
			Source: path.Join(p.Spec.Name, pagePath(g.Source, prefix)),
			Code:   template.HTML(highlight(b.lexer("json"), "json", string(data))), //nolint:gosec // chroma escapes
		})
	}
	return b.Execute("schemas.html", rel, d)
}
