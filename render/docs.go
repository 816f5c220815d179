package render

import (
	"html/template"
	"net/url"
	"path"
	"path/filepath"
	"strings"

	"github.com/ocispec/ocispec/specs"
)

// docPage is the data of doc.html.
type docPage struct {
	Page  Page
	Spec  *specSite
	Docs  []navDoc
	Extra []navDoc
	TOC   []tocEntry
	Body  template.HTML
	// Prev and Next follow the reading order; nil at the ends.
	Prev, Next *navDoc
	// Edit and Source link to the file in its repository.
	Edit, Source string
	Index, Reqs  string
}

// navDoc is a document in the sidebar; Href is relative to the site root.
type navDoc struct {
	Title, Href string
	Current     bool
}

type tocEntry struct {
	Level  int
	Anchor string
	Text   string
}

func toc(d *specs.Document) []tocEntry {
	var out []tocEntry
	for _, h := range d.Headings {
		if h.Level >= 2 && h.Level <= 3 && h.Anchor != "" {
			out = append(out, tocEntry{Level: h.Level, Anchor: h.Anchor, Text: h.Text})
		}
	}
	return out
}

func docTitle(d *specs.Document) string {
	for _, h := range d.Headings {
		if h.Level == 1 && h.Text != "" {
			return h.Text
		}
	}
	return strings.TrimSuffix(path.Base(d.Path), path.Ext(d.Path))
}

// renderSpecs writes every document page of every set in parallel, then
// each set's index and requirements pages and linked files.
func (b *Builder) renderSpecs(sets []*specSite, sum *Summary) error {
	type job struct {
		s *specSite
		d *specs.Document
	}
	var jobs []job
	for _, s := range sets {
		for _, group := range [][]*specs.Document{s.docs, s.extra, s.hidden} {
			for _, d := range group {
				jobs = append(jobs, job{s, d})
			}
		}
	}
	if err := parallel(len(jobs), func(i int) error { return b.renderDoc(jobs[i].s, jobs[i].d) }); err != nil {
		return err
	}
	for _, s := range sets {
		sum.Specs++
		sum.Documents += len(s.docs) + len(s.extra) + len(s.hidden)
		n, err := b.copyAssets(s)
		if err != nil {
			return err
		}
		sum.Assets += n
		if err := b.renderSpecIndex(s); err != nil {
			return err
		}
		if err := b.renderRequirements(s); err != nil {
			return err
		}
	}
	return nil
}

func (b *Builder) renderDoc(s *specSite, d *specs.Document) error {
	body, err := renderBody(s, d, b)
	if err != nil {
		return err
	}
	rel := s.page(d.Path)
	p := docPage{
		Page:  b.Page(rel, docTitle(d)),
		Spec:  s,
		TOC:   toc(d),
		Body:  template.HTML(body), //nolint:gosec // sanitized by bluemonday in renderBody
		Index: path.Join(s.Name, "index.html"),
		Reqs:  path.Join(s.Name, "requirements.html"),
	}
	p.Page.Current = path.Join(s.Name, "index.html")
	p.Docs, p.Prev, p.Next = navDocs(s, s.docs, d)
	p.Extra, _, _ = navDocs(s, s.extra, d)
	p.Edit, p.Source = sourceLinks(s.Spec, d.Path)
	return b.Execute("doc.html", rel, p)
}

func navDocs(s *specSite, docs []*specs.Document, cur *specs.Document) (out []navDoc, prev, next *navDoc) {
	at := -1
	for i, d := range docs {
		out = append(out, navDoc{Title: docTitle(d), Href: s.page(d.Path), Current: d == cur})
		if d == cur {
			at = i
		}
	}
	if at > 0 {
		prev = &out[at-1]
	}
	if at >= 0 && at+1 < len(out) {
		next = &out[at+1]
	}
	return out, prev, next
}

// sourceLinks makes the "edit this page" and "view source" links of a
// document from the repository, branch and the document's path in it.
func sourceLinks(sp Spec, docPath string) (edit, view string) {
	repo := strings.TrimSuffix(strings.TrimSuffix(sp.Repository, "/"), ".git")
	if repo == "" || !strings.HasPrefix(repo, "https://") {
		return "", ""
	}
	branch := sp.Branch
	if branch == "" {
		branch = "main"
	}
	p := docPath
	if sp.RepoRoot != "" {
		abs := filepath.FromSlash(docPath)
		if !filepath.IsAbs(abs) {
			abs = filepath.Join(sp.Set.Root, abs)
		}
		abs, _ = filepath.Abs(abs)
		rel, err := filepath.Rel(sp.RepoRoot, abs)
		if err != nil || !filepath.IsLocal(rel) {
			return "", ""
		}
		p = filepath.ToSlash(rel)
	}
	esc := escapePath(p)
	return repo + "/edit/" + branch + "/" + esc, repo + "/blob/" + branch + "/" + esc
}

func escapePath(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		parts[i] = url.PathEscape(s)
	}
	return strings.Join(parts, "/")
}
