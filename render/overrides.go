package render

import (
	"html"
	"path"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"

	"github.com/ocispec/ocispec/specs"
)

// overrides renders headings with the model's GitHub anchors and rewrites
// links between spec documents to the rendered pages. Everything else is
// goldmark's stock HTML renderer.
type overrides struct {
	set      *specs.Set
	doc      *specs.Document
	prefix   string // the set's common directory, stripped from page paths
	headings int
}

func (o *overrides) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, o.heading)
	reg.Register(ast.KindLink, o.link)
}

func (o *overrides) heading(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	h := n.(*ast.Heading)
	tag := "h" + string(rune('0'+h.Level))
	if !entering {
		_, _ = w.WriteString("</" + tag + ">\n")
		return ast.WalkContinue, nil
	}
	id := ""
	if o.headings < len(o.doc.Headings) {
		id = o.doc.Headings[o.headings].Anchor
	}
	o.headings++
	_, _ = w.WriteString("<" + tag + ` id="` + html.EscapeString(id) + `">`)
	if id != "" {
		_, _ = w.WriteString(`<a class="anchor" href="#` + html.EscapeString(id) + `" aria-label="Link to this section">#</a>`)
	}
	return ast.WalkContinue, nil
}

func (o *overrides) link(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	l := n.(*ast.Link)
	if !entering {
		_, _ = w.WriteString("</a>")
		return ast.WalkContinue, nil
	}
	dest := o.rewrite(string(l.Destination))
	_, _ = w.WriteString(`<a href="` + html.EscapeString(dest) + `"`)
	if len(l.Title) > 0 {
		_, _ = w.WriteString(` title="` + html.EscapeString(string(l.Title)) + `"`)
	}
	_, _ = w.WriteString(">")
	return ast.WalkContinue, nil
}

// rewrite points links at other documents of the set to their pages.
func (o *overrides) rewrite(dest string) string {
	target, frag, local := o.set.Resolve(o.doc, dest)
	if !local || o.set.Doc(target) == nil {
		return dest
	}
	if target == o.doc.Path && frag != "" {
		return "#" + frag
	}
	rel := relPath(path.Dir(pagePath(o.doc.Path, o.prefix)), pagePath(target, o.prefix))
	if frag != "" {
		rel += "#" + frag
	}
	return rel
}

func relPath(from, to string) string {
	if from == "." {
		return to
	}
	up := strings.Count(from, "/") + 1
	return strings.Repeat("../", up) + to
}
