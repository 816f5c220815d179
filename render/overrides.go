package render

import (
	"bytes"
	"html"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	ghtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"

	"github.com/ocispec/ocispec/reqs"
	"github.com/ocispec/ocispec/specs"
)

// overrides renders what the site adds to goldmark's stock HTML: GitHub's
// heading ids and alias anchors, links between documents rewritten to
// pages, requirement anchors and highlighted keywords, highlighted code,
// explicit anchors closed, and warnings for missing images. Everything
// else is goldmark's renderer, which the overrides also delegate to.
type overrides struct {
	site     *specSite
	doc      *specs.Document
	b        *Builder
	reqs     []*reqs.Requirement // of doc, by offset
	aliases  map[string][]string // anchor → case-variant fragments used in the set
	base     map[ast.NodeKind]renderer.NodeRendererFunc
	headings int
	inLink   int
}

type funcMap map[ast.NodeKind]renderer.NodeRendererFunc

func (m funcMap) Register(k ast.NodeKind, f renderer.NodeRendererFunc) { m[k] = f }

func (o *overrides) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	base := funcMap{}
	// The stock renderer in its safe mode: raw HTML is ours to sanitize,
	// and autolinks to dangerous URLs lose their href.
	ghtml.NewRenderer().RegisterFuncs(base)
	o.base = base
	reg.Register(ast.KindHeading, o.heading)
	reg.Register(ast.KindLink, o.link)
	reg.Register(ast.KindImage, o.image)
	reg.Register(ast.KindText, o.text)
	reg.Register(ast.KindFencedCodeBlock, o.code)
	reg.Register(ast.KindCodeBlock, o.code)
	reg.Register(ast.KindRawHTML, o.rawHTML)
	reg.Register(ast.KindHTMLBlock, o.htmlBlock)
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
	if id == "" {
		_, _ = w.WriteString("<" + tag + ">")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("<" + tag + ` id="` + html.EscapeString(id) + `">`)
	o.writeAliases(w, id)
	_, _ = w.WriteString(`<a class="anchor" href="#` + html.EscapeString(id) + `" aria-label="Link to this section">#</a>`)
	return ast.WalkContinue, nil
}

// writeAliases writes an empty anchor for each fragment that a link in the
// set uses for id in another letter case, so the link works without
// JavaScript as it does on github.com.
func (o *overrides) writeAliases(w util.BufWriter, id string) {
	for _, a := range o.aliases[id] {
		_, _ = w.WriteString(`<a class="alias" id="` + html.EscapeString(a) + `"></a>`)
	}
}

func (o *overrides) link(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	l := n.(*ast.Link)
	if !entering {
		o.inLink--
		_, _ = w.WriteString("</a>")
		return ast.WalkContinue, nil
	}
	o.inLink++
	dest := ""
	if allowedURL(string(util.URLEscape(l.Destination, true)), false) {
		dest = string(util.URLEscape([]byte(o.rewrite(string(l.Destination))), true))
	}
	_, _ = w.WriteString(`<a href="` + html.EscapeString(dest) + `"`)
	if len(l.Title) > 0 {
		_, _ = w.WriteString(` title="` + html.EscapeString(string(l.Title)) + `"`)
	}
	_, _ = w.WriteString(">")
	return ast.WalkContinue, nil
}

// rewrite points links at other documents of the set to their pages.
func (o *overrides) rewrite(dest string) string {
	set := o.site.Set
	target, frag, local := set.Resolve(o.doc, dest)
	if !local || set.Doc(target) == nil {
		return dest
	}
	if target == o.doc.Path && frag != "" {
		return "#" + frag
	}
	rel := relPath(path.Dir(o.site.page(o.doc.Path)), o.site.page(target))
	if frag != "" {
		rel += "#" + frag
	}
	return rel
}

// relPath is the relative link from a page in directory fromDir to the
// page to, both relative to the site root.
func relPath(fromDir, to string) string {
	from := strings.Split(fromDir, "/")
	if fromDir == "." || fromDir == "" {
		from = nil
	}
	parts := strings.Split(to, "/")
	common := 0
	for common < len(from) && common < len(parts)-1 && from[common] == parts[common] {
		common++
	}
	return strings.Repeat("../", len(from)-common) + strings.Join(parts[common:], "/")
}

// image renders an image with lazy loading and a safe source, and warns
// about a local image that does not exist; the page is built anyway.
func (o *overrides) image(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	img := n.(*ast.Image)
	o.checkImage(string(img.Destination))
	dest := string(util.URLEscape(img.Destination, true))
	_, _ = w.WriteString(`<img src="`)
	if allowedURL(dest, true) {
		_, _ = w.WriteString(html.EscapeString(dest))
	}
	_, _ = w.WriteString(`" alt="` + html.EscapeString(plainText(n, src)) + `"`)
	if len(img.Title) > 0 {
		_, _ = w.WriteString(` title="` + html.EscapeString(string(img.Title)) + `"`)
	}
	_, _ = w.WriteString(` loading="lazy">`)
	return ast.WalkSkipChildren, nil
}

// plainText is the text of an inline tree, for alt attributes.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(src))
		case *ast.String:
			b.Write(t.Value)
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// allowedURL accepts relative URLs, fragments and the http, https and mailto
// schemes (and for images data: PNG, GIF, JPEG and WebP), judging the
// scheme as a browser does: ASCII whitespace and control characters
// removed, case ignored. javascript:, vbscript:, file: and other data:
// URLs are refused.
func allowedURL(u string, image bool) bool {
	var b strings.Builder
	for _, r := range u {
		if r > ' ' {
			b.WriteRune(r)
		}
	}
	clean := strings.ToLower(b.String())
	colon := strings.IndexByte(clean, ':')
	if colon < 0 || strings.ContainsAny(clean[:colon], "/?#") {
		return true // no scheme: relative
	}
	switch clean[:colon] {
	case "http", "https", "mailto":
		return true
	case "data":
		if !image {
			return false
		}
		for _, t := range []string{"data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"} {
			if strings.HasPrefix(clean, t) {
				return true
			}
		}
	}
	return false
}

func (o *overrides) checkImage(dest string) {
	target, _, local := o.site.Set.Resolve(o.doc, dest)
	if !local || strings.HasPrefix(dest, "data:") || target == "" {
		return
	}
	full := target
	if !filepath.IsAbs(full) {
		full = filepath.Join(o.site.Set.Root, filepath.FromSlash(target))
	}
	if _, err := os.Stat(full); err == nil {
		return
	}
	line := 0
	for _, l := range o.doc.Links {
		if l.Image && l.Destination == dest {
			line = o.doc.Position(l.Span.Start).Line
			break
		}
	}
	o.b.Warnf(docFile(o.site.Set.Root, o.doc.Path), line, "image %s: no such file", dest)
}

// text highlights the BCP 14 keywords of requirements and gives each its
// anchor (the requirement ID) and a permalink control showing the ID.
func (o *overrides) text(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	t := n.(*ast.Text)
	seg := t.Segment
	i := sort.Search(len(o.reqs), func(i int) bool { return o.reqs[i].Offset >= seg.Start })
	if !entering || t.IsRaw() || i == len(o.reqs) || o.reqs[i].Offset >= seg.Stop {
		return o.base[ast.KindText](w, src, n, entering)
	}
	pos := seg.Start
	for ; i < len(o.reqs) && o.reqs[i].Offset < seg.Stop; i++ {
		r := o.reqs[i]
		end := min(r.Offset+len(r.Keyword), seg.Stop)
		if !bytes.Equal(src[r.Offset:end], []byte(r.Keyword)) {
			end = r.Offset + len(strings.Fields(r.Keyword)[0])
		}
		ghtml.DefaultWriter.Write(w, src[pos:r.Offset])
		o.keyword(w, r, src[r.Offset:end])
		pos = end
	}
	ghtml.DefaultWriter.Write(w, src[pos:seg.Stop])
	switch {
	case t.HardLineBreak():
		_, _ = w.WriteString("<br>\n")
	case t.SoftLineBreak():
		_ = w.WriteByte('\n')
	}
	return ast.WalkContinue, nil
}

func (o *overrides) keyword(w util.BufWriter, r *reqs.Requirement, kw []byte) {
	id := html.EscapeString(r.ID)
	class := "kw kw-" + strings.ToLower(strings.ReplaceAll(string(r.Level), " ", "-"))
	_, _ = w.WriteString(`<strong class="` + class + `" id="` + id + `">`)
	_, _ = w.Write(kw)
	_, _ = w.WriteString(`</strong>`)
	if o.inLink == 0 {
		_, _ = w.WriteString(`<a class="req-link" href="#` + id + `" data-id="` + id + `" title="Requirement ` + id + `" aria-label="Link to requirement ` + id + `"></a>`)
	}
}

// explicitA matches an <a> start tag; its name or id attribute is kept as
// an empty anchor, as github.com renders them.
var (
	aTag     = regexp.MustCompile(`(?i)<a\s[^<>]*>`)
	nameAttr = regexp.MustCompile(`(?i)\sname\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'<>/=]+))`)
	idAttr   = regexp.MustCompile(`(?i)\sid\s*=`)
	selfEnd  = regexp.MustCompile(`\s*/\s*>$`)
)

// fixAnchors closes self-closing <a name="x" /> tags (browsers ignore the
// slash and would turn the heading and what follows into one link), gives
// a name-only anchor the same id, and adds the alias anchors of its name.
func (o *overrides) fixAnchors(raw []byte) []byte {
	if !bytes.Contains(bytes.ToLower(raw), []byte("<a")) {
		return raw
	}
	return aTag.ReplaceAllFunc(raw, func(tag []byte) []byte {
		m := nameAttr.FindSubmatch(tag)
		selfClosing := selfEnd.Match(tag)
		if m == nil && !selfClosing {
			return tag
		}
		out := selfEnd.ReplaceAll(tag, []byte(">"))
		name := ""
		if m != nil {
			name = string(bytes.Join(m[1:], nil))
			if !idAttr.Match(tag) {
				out = append(out[:len(out)-1], []byte(` id="`+html.EscapeString(name)+`">`)...)
			}
		}
		var tail bytes.Buffer
		if selfClosing {
			tail.WriteString("</a>")
		}
		for _, a := range o.aliases[name] {
			tail.WriteString(`<a class="alias" id="` + html.EscapeString(a) + `"></a>`)
		}
		if tail.Len() > 0 && !selfClosing && len(o.aliases[name]) > 0 {
			return out // aliases after an open anchor would nest links
		}
		return append(out, tail.Bytes()...)
	})
}

func (o *overrides) rawHTML(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	segs := n.(*ast.RawHTML).Segments
	var raw []byte
	for i := range segs.Len() {
		s := segs.At(i)
		raw = append(raw, s.Value(src)...)
	}
	_, _ = w.Write(o.b.policy.SanitizeBytes(o.fixAnchors(raw)))
	return ast.WalkSkipChildren, nil
}

func (o *overrides) htmlBlock(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	hb := n.(*ast.HTMLBlock)
	if !entering {
		return ast.WalkContinue, nil
	}
	var raw []byte
	for i := range hb.Lines().Len() {
		s := hb.Lines().At(i)
		raw = append(raw, s.Value(src)...)
	}
	if hb.HasClosure() {
		raw = append(raw, hb.ClosureLine.Value(src)...)
	}
	_, _ = w.Write(o.b.policy.SanitizeBytes(o.fixAnchors(raw)))
	return ast.WalkContinue, nil
}

// docFile names a document as the user knows it: its path joined to the
// set's root, so that warnings name a file the user can open.
func docFile(root, p string) string {
	if filepath.IsAbs(p) || root == "" || root == "." {
		return p
	}
	return filepath.ToSlash(filepath.Join(root, p))
}
