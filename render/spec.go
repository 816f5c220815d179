package render

import (
	"net/url"
	"path"
	"sort"
	"strings"

	"github.com/ocispec/ocispec/reqs"
	"github.com/ocispec/ocispec/specs"
)

// A Spec is one spec set to publish.
type Spec struct {
	Name    string
	Title   string // "" for the first H1 of the README or first document
	Version string
	// Repository is the source repository's web URL; with Branch (git's
	// default branch when empty) and RepoRoot (the local directory of the
	// repository; the set's root when empty) it makes the "edit" and "view
	// source" links.
	Repository, Branch, RepoRoot string
	Set                          *specs.Set
	// Ordered says Set.Docs is already in reading order (the config lists
	// the files); otherwise the reading order is inferred.
	Ordered bool
	// Lint is the spec set's lint result, or nil when lint did not run.
	Lint *LintStatus
}

// LintStatus counts a spec set's lint findings by severity.
type LintStatus struct {
	Errors, Warnings, Infos int
}

// specSite is a spec set prepared for rendering.
type specSite struct {
	Spec
	Description string
	// docs are the documents in reading order, extra the project files
	// (governance, contributing) listed after them; hidden ones (.github)
	// get pages but no place in the navigation.
	docs, extra, hidden []*specs.Document
	prefix              string // the set's common directory
	graph               *reqs.Graph
	reqs                map[*specs.Document][]*reqs.Requirement
	aliases             map[string]map[string][]string
}

func prepareSpecs(list []Spec) []*specSite {
	out := make([]*specSite, 0, len(list))
	for _, sp := range list {
		s := &specSite{Spec: sp, prefix: commonDir(sp.Set)}
		s.docs, s.extra, s.hidden = readingOrder(sp.Set, s.prefix, sp.Ordered)
		if s.Title == "" {
			s.Title = defaultTitle(s)
		}
		s.Description = description(s)
		s.graph = reqs.Extract(sp.Set)
		s.reqs = map[*specs.Document][]*reqs.Requirement{}
		for _, r := range s.graph.Requirements {
			s.reqs[r.Doc] = append(s.reqs[r.Doc], r)
		}
		for _, rs := range s.reqs {
			sort.Slice(rs, func(i, j int) bool { return rs[i].Offset < rs[j].Offset })
		}
		s.aliases = caseAliases(sp.Set)
		out = append(out, s)
	}
	return out
}

// page is where a document's page goes, relative to the site root.
func (s *specSite) page(docPath string) string {
	return path.Join(s.Name, pagePath(docPath, s.prefix))
}

var governance = map[string]bool{
	"governance": true, "maintainers": true, "contributing": true, "code_of_conduct": true,
	"code-of-conduct": true, "security": true, "releases": true, "releasing": true,
	"changelog": true, "emeritus": true, "adopters": true, "license": true, "maintainers_guide": true,
	"support": true, "authors": true, "notice": true, "gotchas": true,
}

func docBase(p string) string {
	return strings.ToLower(strings.TrimSuffix(path.Base(p), path.Ext(p)))
}

func isHidden(p string) bool {
	return strings.HasPrefix(p, ".github/") || strings.Contains(p, "/.github/")
}

// readingOrder returns the documents as a reader meets them. A configured
// list is kept. Otherwise the README comes first, then spec.md, then the
// documents in the order those link to them (image-spec's and
// runtime-spec's spec.md are tables of contents), then the rest in path
// order; governance files come last and .github files are left out of
// the navigation.
func readingOrder(set *specs.Set, prefix string, ordered bool) (docs, extra, hidden []*specs.Document) {
	var rest []*specs.Document
	for _, d := range set.Docs {
		switch {
		case isHidden(d.Path):
			hidden = append(hidden, d)
		case governance[docBase(d.Path)] && !ordered:
			extra = append(extra, d)
		default:
			rest = append(rest, d)
		}
	}
	if ordered {
		return rest, extra, hidden
	}
	seen := map[*specs.Document]bool{}
	var queue []*specs.Document
	push := func(d *specs.Document) {
		if d != nil && !seen[d] && !governance[docBase(d.Path)] && !isHidden(d.Path) {
			seen[d] = true
			queue = append(queue, d)
		}
	}
	push(set.Doc(prefix + "README.md"))
	push(set.Doc(prefix + "spec.md"))
	for i := 0; i < len(queue); i++ {
		for _, l := range queue[i].Links {
			if target, _, local := set.Resolve(queue[i], l.Destination); local && !l.Image {
				push(set.Doc(target))
			}
		}
	}
	for _, d := range rest {
		push(d)
	}
	return queue, extra, hidden
}

func defaultTitle(s *specSite) string {
	for _, d := range append(append([]*specs.Document{s.Set.Doc(s.prefix + "README.md")}, s.docs...), s.extra...) {
		if d == nil {
			continue
		}
		for _, h := range d.Headings {
			if h.Level == 1 {
				return h.Text
			}
		}
		break
	}
	return s.Name
}

// description is the first real paragraph of the README (or the first
// document): one or two sentences saying what the spec is.
func description(s *specSite) string {
	d := s.Set.Doc(s.prefix + "README.md")
	if d == nil && len(s.docs) > 0 {
		d = s.docs[0]
	}
	if d == nil {
		return ""
	}
	for _, b := range d.Blocks {
		if b.Kind != specs.Paragraph || b.Item != nil || b.Quote > 0 {
			continue
		}
		var parts []string
		for _, st := range b.Sentences {
			parts = append(parts, st.Text)
		}
		text := strings.Join(strings.Fields(strings.Join(parts, " ")), " ")
		if len(text) < 40 {
			continue
		}
		if len(text) > 320 {
			cut := strings.LastIndexByte(text[:320], ' ')
			text = text[:max(cut, 200)] + " …"
		}
		return text
	}
	return ""
}

// caseAliases finds the fragments that links in the set use and that
// match an anchor of their target only case-insensitively (GitHub resolves
// those): target document → anchor → the fragments to add as aliases.
func caseAliases(set *specs.Set) map[string]map[string][]string {
	out := map[string]map[string][]string{}
	for _, d := range set.Docs {
		for _, l := range d.Links {
			target, frag, local := set.Resolve(d, l.Destination)
			td := set.Doc(target)
			if !local || frag == "" || td == nil {
				continue
			}
			if f, err := url.PathUnescape(frag); err == nil {
				frag = f
			}
			addAlias(out, td, frag)
		}
	}
	return out
}

func addAlias(out map[string]map[string][]string, td *specs.Document, frag string) {
	exact, match := false, ""
	for _, a := range td.Anchors {
		if a.ID == frag {
			exact = true
			break
		}
		if match == "" && strings.EqualFold(a.ID, frag) {
			match = a.ID
		}
	}
	if exact || match == "" {
		return
	}
	m := out[td.Path]
	if m == nil {
		m = map[string][]string{}
		out[td.Path] = m
	}
	for _, f := range m[match] {
		if f == frag {
			return
		}
	}
	m[match] = append(m[match], frag)
}

// pagePath is where a document's page goes within its spec's directory:
// the path below the set's common directory, as .html.
func pagePath(doc, prefix string) string {
	return htmlPath(strings.TrimPrefix(doc, prefix))
}

// htmlPath maps "x.md" to "x.html" and "README.md" to "readme.html";
// index.html is the spec set's own contents page.
func htmlPath(p string) string {
	base := strings.TrimSuffix(path.Base(p), path.Ext(p))
	switch {
	case strings.EqualFold(base, "README"):
		base = "readme"
	case strings.EqualFold(base, "index"):
		base = strings.ToLower(base) + "-page"
	}
	return path.Join(path.Dir(p), base+".html")
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
