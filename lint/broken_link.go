package lint

import (
	"bytes"
	"fmt"
	"net/url"
	"path"
	"path/filepath"
	"strings"

	"github.com/ocispec/ocispec/specs"
)

// brokenLink reports links that reach nothing: fragments without an
// anchor, missing files, undefined references, and unused or duplicate
// reference definitions.
func brokenLink() *Rule {
	return &Rule{
		ID:       "broken-link",
		Severity: Error,
		Summary:  "Links reach an existing file and anchor; references are defined once and used.",
		Check: func(doc *specs.Document, ctx *Context) []Finding {
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
		},
	}
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
	var paths map[string]string
	if ctx.stream != nil {
		paths = ctx.stream.paths
	}
	target, frag, local := ctx.cache(doc).resolve(set, dest, paths)
	if !local {
		return Finding{}, false
	}
	// url.PathUnescape returns a string without "%" as it is.
	if strings.IndexByte(target, '%') >= 0 {
		if t, err := url.PathUnescape(target); err == nil {
			target = t
		}
	}
	if strings.IndexByte(frag, '%') >= 0 {
		if f, err := url.PathUnescape(frag); err == nil {
			frag = f
		}
	}
	var tdoc *specs.Document
	if target == doc.Path {
		tdoc = doc
	} else {
		tdoc = set.Doc(target)
	}
	if tdoc == nil && ctx.stream != nil && ctx.stream.inSet[target] {
		// Another document of the set: its anchors are checked once the
		// stream has seen it.
		if frag != "" {
			ctx.stream.deferAnchor(doc, l.Span, dest, target, frag)
		}
		return Finding{}, false
	}
	if tdoc == nil {
		osPath := filepath.FromSlash(target)
		if !filepath.IsAbs(osPath) {
			osPath = filepath.Join(set.Root, osPath)
		}
		if ctx.Files == nil || !ctx.Files.Exists(osPath) {
			return Finding{Span: l.Span, Message: fmt.Sprintf("link to %q: file %s does not exist", dest, target)}, true
		}
		if frag == "" || !isMarkdown(target) {
			return Finding{}, false
		}
		tdoc = ctx.Files.Doc(osPath, specs.Options{Abbreviations: ctx.Abbreviations})
		if tdoc == nil {
			return Finding{}, false
		}
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
			if !validSpan(src, line) {
				continue
			}
			seg := src[line.Start:line.End]
			var code []specs.Span
			codeDone := false
			for off := 0; ; {
				i := bytes.Index(seg[off:], []byte("]["))
				if i < 0 {
					break
				}
				mid := off + i // index of "]["
				off = mid + 2
				open := bytes.LastIndexByte(seg[:mid], '[')
				if open < 0 || bytes.IndexByte(seg[open+1:mid], ']') >= 0 {
					continue
				}
				end := bytes.IndexAny(seg[mid+2:], "[]")
				if end < 0 || seg[mid+2+end] != ']' {
					continue
				}
				closeAt := mid + 2 + end
				sp := specs.Span{Start: line.Start + open, End: line.Start + closeAt + 1}
				if open > 0 && seg[open-1] == '\\' {
					continue
				}
				// Most candidates are reference links: look at the links
				// before finding the line's code spans.
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
	}
	return out
}
