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
			var out []Finding
			for _, l := range doc.Links {
				if l.Auto {
					continue
				}
				if f, ok := checkLinkTarget(doc, l, ctx); ok {
					out = append(out, f)
				}
			}
			out = append(out, checkRefDefs(doc)...)
			out = append(out, undefinedRefs(doc)...)
			return out
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
	target, frag, local := set.Resolve(doc, dest)
	if !local {
		return Finding{}, false
	}
	if t, err := url.PathUnescape(target); err == nil {
		target = t
	}
	if f, err := url.PathUnescape(frag); err == nil {
		frag = f
	}
	tdoc := set.Doc(target)
	if target == doc.Path {
		tdoc = doc
	}
	if tdoc == nil && ctx.stream != nil && ctx.stream.inSet[target] {
		// Another document of the set: its anchors are checked once the
		// stream has seen it.
		if frag != "" {
			ctx.stream.deferAnchor(doc, Finding{Span: l.Span, Rule: "broken-link"}, dest, target, frag)
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

// checkRefDefs reports duplicate and unused reference definitions.
func checkRefDefs(doc *specs.Document) []Finding {
	if len(doc.RefDefs) == 0 {
		return nil
	}
	used := map[string]bool{}
	for _, l := range doc.Links {
		if l.Ref != "" {
			used[normLabel(l.Ref)] = true
		}
	}
	var out []Finding
	first := map[string]*specs.RefDef{}
	for _, d := range doc.RefDefs {
		k := normLabel(d.Label)
		if prev, ok := first[k]; ok {
			out = append(out, Finding{Span: d.Span, Message: fmt.Sprintf("reference [%s] is defined again (first at line %d); the first definition wins", d.Label, doc.Position(prev.Span.Start).Line)})
			continue
		}
		first[k] = d
		if !used[k] {
			out = append(out, Finding{Span: d.Span, Message: fmt.Sprintf("reference [%s] is defined but never used", d.Label)})
		}
	}
	return out
}

// undefinedRefs finds "[text][label]" and "[text][]" whose label has no
// definition: CommonMark renders them as literal text.
func undefinedRefs(doc *specs.Document) []Finding {
	defined := map[string]bool{}
	for _, d := range doc.RefDefs {
		defined[normLabel(d.Label)] = true
	}
	src := doc.Source
	var out []Finding
	for _, b := range doc.Blocks {
		if !linesMayContain(src, b.Lines, "][") {
			continue
		}
		var links []*specs.Link
		for _, line := range b.Lines {
			if !validSpan(src, line) {
				continue
			}
			seg := src[line.Start:line.End]
			var code []specs.Span
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
				if links == nil {
					links = blockLinks(doc, b)
				}
				if code == nil {
					code = codeSpans(src, line)
				}
				if inSpans(code, sp) || linkAt(links, sp) != nil {
					continue
				}
				label := string(seg[mid+2 : closeAt])
				if label == "" {
					label = string(seg[open+1 : mid])
				}
				if strings.TrimSpace(label) == "" || defined[normLabel(label)] {
					continue
				}
				out = append(out, Finding{Span: sp, Message: fmt.Sprintf("reference [%s] is not defined", label)})
			}
		}
	}
	return out
}
