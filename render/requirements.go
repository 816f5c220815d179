package render

import (
	"path"
	"sort"

	"github.com/ocispec/ocispec/reqs"
)

// reqPage is the data of requirements.html: every requirement of a set,
// filterable by level, role, section and property with reqs.js.
type reqPage struct {
	Page                                Page
	Spec                                *specSite
	Rows                                []reqRow
	Levels, Roles, Sections, Properties []string
}

type reqRow struct {
	ID, Level, Role, Property, Text string
	// Section is the anchor of the enclosing heading, SectionTitle its text.
	Section, SectionTitle string
	Doc, Href             string
}

func (b *Builder) renderRequirements(s *specSite) error {
	rel := path.Join(s.Name, "requirements.html")
	p := reqPage{Page: b.Page(rel, "Requirements · "+s.Title), Spec: s}
	p.Page.Current = path.Join(s.Name, "index.html")
	seen := map[string]map[string]bool{"role": {}, "section": {}, "property": {}}
	levels := map[string]bool{}
	for _, r := range s.graph.Requirements {
		row := reqRow{
			ID: r.ID, Level: string(r.Level), Role: roleOf(r), Property: r.Property, Text: r.Text,
			Section: r.Section, SectionTitle: sectionTitle(r), Doc: docTitle(r.Doc),
			Href: relPath(s.Name, s.page(r.Doc.Path)) + "#" + r.ID,
		}
		p.Rows = append(p.Rows, row)
		levels[row.Level] = true
		add(&p.Roles, seen["role"], row.Role)
		add(&p.Sections, seen["section"], row.SectionTitle)
		add(&p.Properties, seen["property"], row.Property)
	}
	for _, l := range levelOrder {
		if levels[string(l)] {
			p.Levels = append(p.Levels, string(l))
		}
	}
	sort.Strings(p.Roles)
	sort.Strings(p.Properties)
	return b.Execute("requirements.html", rel, p)
}

func add(list *[]string, seen map[string]bool, v string) {
	if v != "" && !seen[v] {
		seen[v] = true
		*list = append(*list, v)
	}
}

func sectionTitle(r *reqs.Requirement) string {
	if r.Sentence != nil && r.Sentence.Block != nil && r.Sentence.Block.Section != nil {
		return r.Sentence.Block.Section.Text
	}
	for _, h := range r.Doc.Headings {
		if h.Anchor == r.Section {
			return h.Text
		}
	}
	return docTitle(r.Doc)
}
