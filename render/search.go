package render

import (
	"encoding/json"

	"github.com/ocispec/ocispec/specs"
)

// searchEntry is one item of the prebuilt search index: a document, a
// section, a requirement or a meeting. Short keys keep the file small.
type searchEntry struct {
	Title string `json:"t"`
	// URL is relative to the site root.
	URL  string `json:"u"`
	Kind string `json:"k"`
	// Context is the spec set and document (or the year of a meeting).
	Context string `json:"c,omitempty"`
	Text    string `json:"x,omitempty"`
}

// renderSearch writes the index as search.json (for tools) and as
// search-index.js, which the search page loads with a script tag so that
// search works from file:// as well as from a server.
func (b *Builder) renderSearch(sets []*specSite, m *Minutes) error {
	var idx []searchEntry
	for _, s := range sets {
		idx = append(idx, specEntries(s)...)
	}
	idx = append(idx, minutesEntries(m)...)
	data, err := json.Marshal(idx)
	if err != nil {
		return err
	}
	if err := b.WriteFile("search.json", data); err != nil {
		return err
	}
	js := append([]byte("window.ocispecSearchIndex = "), data...)
	js = append(js, ";\n"...)
	if err := b.WriteFile("search-index.js", js); err != nil {
		return err
	}
	return b.Execute("search.html", "search.html", struct{ Page Page }{b.Page("search.html", "Search")})
}

func specEntries(s *specSite) []searchEntry {
	var idx []searchEntry
	for _, d := range append(append([]*specs.Document{}, s.docs...), s.extra...) {
		page := s.page(d.Path)
		title := docTitle(d)
		idx = append(idx, searchEntry{Title: title, URL: page, Kind: "document", Context: s.Title})
		for _, h := range d.Headings {
			if h.Level > 1 && h.Anchor != "" {
				idx = append(idx, searchEntry{Title: h.Text, URL: page + "#" + h.Anchor, Kind: "section", Context: s.Title + " › " + title})
			}
		}
	}
	for _, r := range s.graph.Requirements {
		idx = append(idx, searchEntry{
			Title: r.ID, URL: s.page(r.Doc.Path) + "#" + r.ID, Kind: "requirement",
			Context: s.Title + " › " + sectionTitle(r) + " · " + string(r.Level), Text: r.Text,
		})
	}
	return idx
}
