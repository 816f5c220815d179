package render

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark-emoji/definition"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"

	"github.com/ocispec/ocispec/specs"
)

// renderBody renders a document's goldmark tree with the overrides. Raw
// HTML is sanitized fragment by fragment as the overrides meet it (every
// other string they write is escaped, every URL checked), which costs a
// tenth of sanitizing the whole page.
func renderBody(s *specSite, d *specs.Document, b *Builder) ([]byte, error) {
	ov := &overrides{site: s, doc: d, b: b, reqs: s.reqs[d], aliases: s.aliases[d.Path]}
	// A renderer per document: goldmark binds node renderers once, and
	// the overrides carry the document.
	md := specs.NewMarkdown(
		goldmark.WithRendererOptions(
			renderer.WithNodeRenderers(util.Prioritized(ov, 100)),
		),
	)
	var buf bytes.Buffer
	if err := md.Renderer().Render(&buf, d.Source, d.AST); err != nil {
		return nil, err
	}
	return emojify(buf.Bytes()), nil
}

// sanitizer keeps what specs legitimately use in raw HTML (anchors, ids,
// sup, sub, br, kbd, details, images, task-list checkboxes, the classes of
// highlighted code) and drops scripts, event handlers, styles and
// javascript: and data: URLs other than images. Links keep no nofollow:
// the content is the maintainers' own.
func sanitizer() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.RequireNoFollowOnLinks(false)
	p.AllowAttrs("id").Globally()
	p.AllowAttrs("name").OnElements("a")
	p.AllowAttrs("class").Matching(bluemonday.SpaceSeparatedTokens).OnElements("a", "code", "pre", "span", "div", "strong", "li", "ul", "ol", "input", "sup", "section")
	p.AllowAttrs("aria-label", "title", "data-id").OnElements("a")
	p.AllowElements("details", "summary", "kbd", "sup", "sub", "br", "picture", "source")
	p.AllowAttrs("open").OnElements("details")
	p.AllowAttrs("type").Matching(regexp.MustCompile(`^checkbox$`)).OnElements("input")
	p.AllowAttrs("checked", "disabled").OnElements("input")
	p.AllowAttrs("loading").Matching(regexp.MustCompile(`^lazy$`)).OnElements("img")
	p.AllowAttrs("srcset", "media").OnElements("source")
	p.AllowDataURIImages()
	// Sanitizing initializes the policy; afterwards it is safe for
	// concurrent use.
	p.Sanitize("")
	return p
}

var shortcode = regexp.MustCompile(`:[a-z0-9_+\-]+:`)

// emojify replaces GitHub emoji shortcodes (":white_check_mark:") in text
// with the emoji, as github.com does, outside tags, code and pre.
func emojify(src []byte) []byte {
	if !bytes.Contains(src, []byte(":")) {
		return src
	}
	table := definition.Github()
	var out bytes.Buffer
	depth := 0 // inside <code> or <pre>
	for len(src) > 0 {
		lt := bytes.IndexByte(src, '<')
		text := src
		if lt >= 0 {
			text = src[:lt]
		}
		if depth == 0 {
			text = shortcode.ReplaceAllFunc(text, func(m []byte) []byte {
				if e, ok := table.Get(string(m[1 : len(m)-1])); ok {
					return []byte(string(e.Unicode))
				}
				return m
			})
		}
		out.Write(text)
		if lt < 0 {
			break
		}
		gt := bytes.IndexByte(src[lt:], '>')
		if gt < 0 {
			out.Write(src[lt:])
			break
		}
		tag := strings.ToLower(string(src[lt : lt+gt+1]))
		switch {
		case strings.HasPrefix(tag, "<code") || strings.HasPrefix(tag, "<pre"):
			depth++
		case strings.HasPrefix(tag, "</code") || strings.HasPrefix(tag, "</pre"):
			depth = max(depth-1, 0)
		}
		out.Write(src[lt : lt+gt+1])
		src = src[lt+gt+1:]
	}
	return out.Bytes()
}
