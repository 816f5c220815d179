package lint

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/ocispec/ocispec/specs"
)

// rfcLink requires every RFC mention in prose to link to the canonical RFC
// Editor URL, with the section when the text names one.
type rfcLink struct {
	p *rfcPatterns
}

func newRFCLink() rfcLink { return rfcLink{p: newRFCPatterns()} }

func (rfcLink) Meta() Meta {
	return Meta{
		ID:       "rfc-link",
		Severity: Warning,
		Summary:  "RFC mentions link to https://www.rfc-editor.org/rfc/rfcNNNN, at the named section.",
		Fixable:  true,
	}
}

func (r rfcLink) Check(doc *specs.Document, ctx *Context) []Finding {
	return checkRFCLink(ctx.findings(), r.p, doc, ctx.cache(doc))
}

func checkRFCLink(out []Finding, p *rfcPatterns, doc *specs.Document, c *docCache) []Finding {
	src := doc.Source
	// Unlinked mentions in paragraphs and table cells.
	for _, bm := range c.blockMentions(p) {
		b := doc.Blocks[bm.Block]
		if b.Kind == specs.HeadingText || bm.Link != nil || bm.InCode || insideHTMLTag(src, bm.Line, bm.Span) || sentenceLinksRFC(p, b, bm.rfcMention) {
			continue
		}
		out = append(out, unlinkedMention(src, bm))
	}
	// Links: canonical URL, matching number and section.
	for _, l := range doc.Links {
		if l.Image {
			continue
		}
		out = checkRFCLinkTarget(out, p, doc, l, c)
	}
	// Reference definitions pointing at RFCs through another host.
	for _, d := range doc.RefDefs {
		n, frag, ok := p.parseRFCURL(d.Destination)
		if !ok {
			continue
		}
		want := rfcEditorBase + strconv.Itoa(n) + fragSuffix(frag)
		if d.Destination == want {
			continue
		}
		f := Finding{Span: d.DestSpan, Message: fmt.Sprintf("RFC %d URL is not canonical: use %s", n, want)}
		if d.DestSpan.Len() > 0 {
			f.Fix = fixOne("use the RFC Editor URL", Edit{Span: d.DestSpan, New: want})
		}
		out = append(out, f)
	}
	return out
}

// unlinkedMention reports an RFC mention that is no link, with a fix that
// links it.
func unlinkedMention(src []byte, bm blockMention) Finding {
	m := bm.rfcMention
	text := string(src[m.Span.Start:m.Span.End])
	url := canonicalRFCURL(m.Number, m.Section)
	f := Finding{Span: m.Span, Message: fmt.Sprintf("%q is not linked: link it to %s", text, url)}
	// After "!" a link would become an image; after "\" or "]" it would
	// change other markup.
	if prev := m.Span.Start - 1; prev < bm.Line.Start || !strings.ContainsRune("!\\]", rune(src[prev])) {
		f.Fix = fixOne("link the RFC", Edit{Span: m.Span, New: "[" + text + "](" + url + ")"})
	}
	return f
}

// fragSuffix keeps a section or appendix fragment of an RFC URL and drops
// others (such as tools.ietf.org's "#page-12").
func fragSuffix(frag string) string {
	if strings.HasPrefix(frag, "section-") || strings.HasPrefix(frag, "appendix-") {
		return "#" + frag
	}
	return ""
}

// checkRFCLinkTarget appends the finding of link l, if any, to out.
func checkRFCLinkTarget(out []Finding, p *rfcPatterns, doc *specs.Document, l *specs.Link, c *docCache) []Finding {
	n, frag, isRFC := p.parseRFCURL(l.Destination)
	ms := p.mentionsIn(l.Text, 0)
	if !isRFC && len(ms) == 0 {
		return out
	}
	// What the link should point to.
	want := ""
	var msg string
	switch {
	case len(ms) == 1 && isRFC && ms[0].Number != n:
		return append(out, Finding{Span: l.Span, Message: fmt.Sprintf("link text names RFC %d but the URL points to RFC %d", ms[0].Number, n)})
	case len(ms) == 1 && isRFC && ms[0].Section != "" && frag != sectionFragment(ms[0].Section):
		want = canonicalRFCURL(n, ms[0].Section)
		msg = sectionMismatch(ms[0].Section, n, frag, want)
	case isRFC:
		want = rfcEditorBase + strconv.Itoa(n) + fragSuffix(frag)
		if l.Destination == want || refDefFinds(l, c) {
			return out
		}
		msg = fmt.Sprintf("RFC %d URL is not canonical: use %s", n, want)
	case len(ms) == 1 && strings.TrimSpace(l.Text[:ms[0].Span.Start]) == "" && isWebURL(l.Destination) && !l.Auto:
		want = canonicalRFCURL(ms[0].Number, ms[0].Section)
		msg = fmt.Sprintf("link to RFC %d does not point to the RFC Editor: use %s", ms[0].Number, want)
	default:
		return out
	}
	if want == l.Destination {
		return out
	}
	return append(out, Finding{Span: l.Span, Message: msg, Fix: rfcURLFix(doc, l, c, want)})
}

// sectionMismatch is the message for a link whose text names section sec
// of RFC n but whose URL has fragment frag.
func sectionMismatch(sec string, n int, frag, want string) string {
	if frag == "" {
		return fmt.Sprintf("link text names section %s of RFC %d but the URL has no section: use %s", sec, n, want)
	}
	return fmt.Sprintf("link text names section %s of RFC %d but the URL points to #%s: use %s", sec, n, frag, want)
}

// refDefFinds reports whether l takes its URL from a reference definition
// with the same URL, which gets the finding of its own.
func refDefFinds(l *specs.Link, c *docCache) bool {
	if l.Ref == "" {
		return false
	}
	d := c.def(l.Ref)
	return d != nil && d.Destination == l.Destination
}

// rfcURLFix returns the fix that points link l to want, or nil: an
// autolink is left alone (rewriting it would change its visible text), and
// a reference definition is rewritten only when this link alone uses it.
func rfcURLFix(doc *specs.Document, l *specs.Link, c *docCache, want string) *Fix {
	if l.Auto {
		return nil
	}
	if l.Ref != "" {
		if d := c.def(l.Ref); d != nil && d.DestSpan.Len() > 0 && usesOfLabel(doc, l.Ref) == 1 {
			return fixOne("use the RFC Editor URL", Edit{Span: d.DestSpan, New: want})
		}
		return nil
	}
	if ds, ok := inlineDestSpan(doc.Source, l); ok {
		return fixOne("use the RFC Editor URL", Edit{Span: ds, New: want})
	}
	return nil
}

func isWebURL(u string) bool {
	return strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://")
}

// usesOfLabel counts the links that use a reference label.
func usesOfLabel(doc *specs.Document, label string) int {
	n := 0
	want := normLabel(label)
	for _, l := range doc.Links {
		if l.Ref != "" && normLabel(l.Ref) == want {
			n++
		}
	}
	return n
}

// inlineDestSpan locates the destination of an inline link in source: the
// last "](" in the link's span followed by the destination.
func inlineDestSpan(src []byte, l *specs.Link) (specs.Span, bool) {
	if l.Span.End > len(src) || l.Destination == "" {
		return specs.Span{}, false
	}
	raw := src[l.Span.Start:l.Span.End]
	i := bytes.LastIndex(raw, []byte("]("))
	if i < 0 {
		return specs.Span{}, false
	}
	rest := raw[i+2:]
	j := 0
	for j < len(rest) && (rest[j] == ' ' || rest[j] == '\n' || rest[j] == '\t') {
		j++
	}
	angle := j < len(rest) && rest[j] == '<'
	if angle {
		j++
	}
	if !bytes.HasPrefix(rest[j:], []byte(l.Destination)) {
		return specs.Span{}, false
	}
	start := l.Span.Start + i + 2 + j
	return specs.Span{Start: start, End: start + len(l.Destination)}, true
}

// insideHTMLTag reports whether s lies inside an HTML tag (an attribute
// value such as title="RFC 1234") on its line.
func insideHTMLTag(src []byte, line, s specs.Span) bool {
	lt := bytes.LastIndexByte(src[line.Start:s.Start], '<')
	if lt < 0 {
		return false
	}
	gt := bytes.LastIndexByte(src[line.Start:s.Start], '>')
	return gt < lt && bytes.IndexByte(src[s.End:line.End], '>') >= 0
}

// sentenceLinksRFC reports whether the sentence holding m already links to
// the same RFC, as in a citation that repeats the number after the link.
func sentenceLinksRFC(p *rfcPatterns, b *specs.Block, m rfcMention) bool {
	for _, s := range b.Sentences {
		if m.Span.Start < s.Span.Start || m.Span.Start >= s.Span.End {
			continue
		}
		for _, l := range s.Links {
			if n, _, ok := p.parseRFCURL(l.Destination); ok && n == m.Number {
				return true
			}
		}
	}
	return false
}
