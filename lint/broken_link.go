package lint

import (
	"bytes"
	"fmt"
	"net/url"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/ocispec/ocispec/specs"
)

// brokenLink reports links that reach nothing: fragments without an
// anchor, missing files, undefined references, and unused or duplicate
// reference definitions.
//
// A link to another document of the set, when the run holds one document
// at a time, is judged in CheckSet against the anchors that document's
// summary kept.
type brokenLink struct{}

func (brokenLink) Meta() Meta {
	return Meta{
		ID:       "broken-link",
		Severity: Error,
		Summary:  "Links reach an existing file and anchor; references are defined once and used.",
	}
}

func (brokenLink) Check(doc *specs.Document, ctx *Context) []Finding {
	out := ctx.findings()
	for _, l := range doc.Links {
		if l.Auto {
			continue
		}
		if f, ok := checkLinkTarget(doc, l, ctx); ok {
			out = append(out, f)
		}
	}
	c := ctx.cache(doc)
	out = checkRefDefs(out, doc, c)
	return undefinedRefs(out, doc, c)
}

// linkSummary is what broken-link keeps of a document: its anchor IDs and
// its links to fragments of other documents of the set, located.
type linkSummary struct {
	anchors anchorIDs
	pending []pendingAnchor
}

// pendingKey is the Context.Memo key of a document's pending links.
type pendingKey struct{}

// pendingLinks returns the list, kept in ctx, of doc's links to fragments
// of other documents of the set.
func pendingLinks(doc *specs.Document, ctx *Context) *[]pendingAnchor {
	return ctx.Memo(doc, pendingKey{}, func() any { return new([]pendingAnchor) }).(*[]pendingAnchor)
}

func (brokenLink) Summarize(doc *specs.Document, ctx *Context) any {
	ids := make(anchorIDs, len(doc.Anchors))
	for i, a := range doc.Anchors {
		ids[i] = a.ID
	}
	pending := *pendingLinks(doc, ctx)
	for i := range pending {
		f := At(doc, pending[i].span, "")
		pending[i].path = doc.Path
		pending[i].line, pending[i].column, pending[i].endLine, pending[i].endColumn = f.Line, f.Column, f.EndLine, f.EndColumn
	}
	return linkSummary{anchors: ids, pending: slices.Clip(pending)}
}

// CheckSet judges the links to other documents against their anchors.
func (brokenLink) CheckSet(sums []Summary, _ *Context) []Finding {
	anchors := make(map[string]anchorIDs, len(sums))
	for _, s := range sums {
		anchors[s.Path] = s.Value.(linkSummary).anchors
	}
	var out []Finding
	for _, s := range sums {
		for _, p := range s.Value.(linkSummary).pending {
			ids := anchors[p.target]
			if ids.has(p.frag) {
				continue
			}
			out = append(out, Finding{
				Path: p.path, Span: p.span, Line: p.line, Column: p.column, EndLine: p.endLine, EndColumn: p.endColumn,
				Message: brokenAnchorMessage(ids, p.dest, p.target, p.frag),
			})
		}
	}
	return out
}

// pendingAnchor is a link from the document at path to target#frag,
// located. It keeps only what its finding needs: there are many.
type pendingAnchor struct {
	path               string
	span               specs.Span
	line, column       int
	endLine, endColumn int
	dest, target, frag string
}

// anchorIDs are the anchor IDs of one document, kept after the document is
// gone. Documents have few anchors, so a list searched from the start
// costs less to build than a map and is as quick to search.
type anchorIDs []string

func (a anchorIDs) has(id string) bool {
	return slices.Contains(a, id)
}

// fold finds an ID equal to id ignoring case, preferring the smallest for
// a stable message.
func (a anchorIDs) fold(id string) (string, bool) {
	best, found := "", false
	for _, x := range a {
		if len(x) == len(id) && strings.EqualFold(x, id) && (!found || x < best) {
			best, found = x, true
		}
	}
	return best, found
}

// brokenAnchorMessage says that target, with anchors ids, has no anchor
// frag.
func brokenAnchorMessage(ids anchorIDs, dest, target, frag string) string {
	if id, ok := ids.fold(frag); ok {
		return fmt.Sprintf("link to %q: anchor #%s in %s differs only in case from #%s", dest, frag, target, id)
	}
	return fmt.Sprintf("link to %q: no anchor #%s in %s", dest, frag, target)
}

func checkLinkTarget(doc *specs.Document, l *specs.Link, ctx *Context) (Finding, bool) {
	dest := strings.TrimSpace(l.Destination)
	if dest == "" || strings.HasPrefix(dest, "/") || hasScheme(dest) {
		return Finding{}, false
	}
	set := ctx.Set
	if set == nil {
		set = specs.NewSet(".", doc)
	}
	target, frag, local := ctx.cache(doc).resolve(set, dest, ctx.paths)
	if !local {
		return Finding{}, false
	}
	target, frag = unescape(target), unescape(frag)
	tdoc, f, done := linkedDoc(doc, l, ctx, set, dest, target, frag)
	if done {
		return f, f.Message != ""
	}
	if frag == "" || tdoc.HasAnchor(frag) {
		return Finding{}, false
	}
	where := "in this document"
	if tdoc != doc {
		where = "in " + target
	}
	if id, ok := tdoc.AnchorFold(frag); ok {
		return Finding{Span: l.Span, Message: fmt.Sprintf("link to %q: anchor #%s %s differs only in case from #%s", dest, frag, where, id)}, true
	}
	return Finding{Span: l.Span, Message: fmt.Sprintf("link to %q: no anchor #%s %s", dest, frag, where)}, true
}

// unescape is url.PathUnescape, keeping s when it is not a valid escape.
func unescape(s string) string {
	// url.PathUnescape returns a string without "%" as it is.
	if strings.IndexByte(s, '%') >= 0 {
		if u, err := url.PathUnescape(s); err == nil {
			return u
		}
	}
	return s
}

// linkedDoc returns the document that link l, to target#frag, reaches:
// doc itself, a document of the set, or a Markdown file outside it. done
// is true when the link is settled without one: judged later (another
// document of a set linted one at a time), fine (a file without fragment),
// or broken (f has a message).
func linkedDoc(doc *specs.Document, l *specs.Link, ctx *Context, set *specs.Set, dest, target, frag string) (tdoc *specs.Document, f Finding, done bool) {
	if target == doc.Path {
		return doc, f, false
	}
	if tdoc = set.Doc(target); tdoc != nil {
		return tdoc, f, false
	}
	if ctx.inSetDoc(target) {
		// Another document of the set: its anchors are checked by
		// CheckSet.
		if frag != "" {
			p := pendingLinks(doc, ctx)
			*p = append(*p, pendingAnchor{span: l.Span, dest: dest, target: target, frag: frag})
		}
		return nil, f, true
	}
	osPath := filepath.FromSlash(target)
	if !filepath.IsAbs(osPath) {
		osPath = filepath.Join(set.Root, osPath)
	}
	if ctx.Files == nil || !ctx.Files.Exists(osPath) {
		return nil, Finding{Span: l.Span, Message: fmt.Sprintf("link to %q: file %s does not exist", dest, target)}, true
	}
	if frag == "" || !isMarkdown(target) {
		return nil, f, true
	}
	tdoc = ctx.Files.Doc(osPath, specs.Options{Abbreviations: ctx.Abbreviations})
	return tdoc, f, tdoc == nil
}

func hasScheme(dest string) bool {
	i := strings.IndexByte(dest, ':')
	if i <= 0 {
		return false
	}
	for _, c := range dest[:i] {
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'
		if !ok {
			return false
		}
	}
	return true
}

func isMarkdown(p string) bool {
	switch strings.ToLower(path.Ext(p)) {
	case ".md", ".markdown":
		return true
	}
	return false
}

// checkRefDefs appends to out the duplicate and unused reference
// definitions.
func checkRefDefs(out []Finding, doc *specs.Document, c *docCache) []Finding {
	if len(doc.RefDefs) == 0 {
		return out
	}
	// used tells, for the first definition of each label, whether a link
	// uses the label.
	used := make([]bool, len(doc.RefDefs))
	for _, l := range doc.Links {
		if l.Ref != "" {
			if i, ok := c.defIndex(l.Ref); ok {
				used[i] = true
			}
		}
	}
	c.refDefs()
	for i, d := range doc.RefDefs {
		if first := c.defs[c.defKeys[i]]; first != i {
			out = append(out, Finding{Span: d.Span, Message: fmt.Sprintf("reference [%s] is defined again (first at line %d); the first definition wins", d.Label, doc.Position(doc.RefDefs[first].Span.Start).Line)})
			continue
		}
		if !used[i] {
			out = append(out, Finding{Span: d.Span, Message: fmt.Sprintf("reference [%s] is defined but never used", d.Label)})
		}
	}
	return out
}

// undefinedRefs appends to out the "[text][label]" and "[text][]" whose
// label has no definition: CommonMark renders them as literal text. Only
// blocks that hold a "][" are searched (docCache.refOffsets).
func undefinedRefs(out []Finding, doc *specs.Document, c *docCache) []Finding {
	src := doc.Source
	at := c.refOffsets()
	for _, b := range doc.Blocks {
		if !linesMayContain(src, b.Lines, at, len("][")) {
			continue
		}
		for _, line := range b.Lines {
			if validSpan(src, line) {
				out = undefinedOnLine(out, src, b, line, c)
			}
		}
	}
	return out
}

// undefinedOnLine appends the undefined references of one line of block b.
func undefinedOnLine(out []Finding, src []byte, b *specs.Block, line specs.Span, c *docCache) []Finding {
	seg := src[line.Start:line.End]
	var code []specs.Span
	codeDone := false
	for off := 0; ; {
		i := bytes.Index(seg[off:], []byte("]["))
		if i < 0 {
			return out
		}
		mid := off + i // index of "]["
		off = mid + 2
		open, closeAt, ok := refAround(seg, mid)
		if !ok {
			continue
		}
		sp := specs.Span{Start: line.Start + open, End: line.Start + closeAt + 1}
		// Most candidates are reference links: look at the links before
		// finding the line's code spans.
		if blockLinkAt(b, sp) != nil {
			continue
		}
		if !codeDone {
			code, codeDone = codeSpans(src, line), true
		}
		if inSpans(code, sp) {
			continue
		}
		label := seg[mid+2 : closeAt]
		if len(label) == 0 {
			label = seg[open+1 : mid]
		}
		if len(bytes.TrimSpace(label)) == 0 || c.def(string(label)) != nil {
			continue
		}
		out = append(out, Finding{Span: sp, Message: fmt.Sprintf("reference [%s] is not defined", label)})
	}
}

// refAround finds the "[text][label]" around the "][" at mid of seg: the
// offsets of its opening and closing brackets. An escaped opening bracket
// starts none.
func refAround(seg []byte, mid int) (open, closeAt int, ok bool) {
	open = bytes.LastIndexByte(seg[:mid], '[')
	if open < 0 || bytes.IndexByte(seg[open+1:mid], ']') >= 0 {
		return 0, 0, false
	}
	end := bytes.IndexAny(seg[mid+2:], "[]")
	if end < 0 || seg[mid+2+end] != ']' {
		return 0, 0, false
	}
	if open > 0 && seg[open-1] == '\\' {
		return 0, 0, false
	}
	return open, mid + 2 + end, true
}
