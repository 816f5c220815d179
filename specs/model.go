// Package specs parses specification Markdown into a document model that
// keeps exact source positions, and derives the RFC 2119 requirement graph
// from it.
//
// Every command of ocispec works on the same model: a Set is loaded once and
// handed to lint, reqs, openapi, schema, render and trace. Positions are byte
// offsets into Document.Source; Document.Position maps them to line:column
// only when something is printed, so fixes can be expressed as byte-range
// edits without re-parsing.
package specs

import (
	"github.com/yuin/goldmark/ast"
)

// A Set is an ordered collection of spec documents, in reading order.
type Set struct {
	Docs []*Document
	// Root is the directory relative to which Document.Path is expressed;
	// links between documents are resolved against it.
	Root string

	byPath map[string]*Document
}

// Doc returns the document with the given slash-separated path relative to
// the set root, or nil.
func (s *Set) Doc(path string) *Document {
	return s.byPath[path]
}

// A Span is a half-open byte range [Start, End) in Document.Source.
type Span struct {
	Start, End int
}

// Len returns the number of bytes in the span.
func (s Span) Len() int { return s.End - s.Start }

// A Position is a human-facing location: 1-based line and column, where the
// column counts bytes as most editors and SARIF consumers expect.
type Position struct {
	Line, Column int
}

// A Document is one parsed Markdown file.
type Document struct {
	// Path is slash-separated and relative to the Set root (or as given).
	Path string
	// Source is the file content exactly as read; every Span indexes it.
	Source []byte
	// AST is the goldmark tree. Renderers use it; analyses should prefer the
	// typed slices below.
	AST ast.Node

	FrontMatter *FrontMatter
	Headings    []*Heading
	// Anchors holds every fragment target of the document: heading slugs and
	// explicit <a name>, <a id> and id= anchors, in source order.
	Anchors []Anchor
	// Blocks holds the prose containers (paragraphs, tight list item text,
	// table cells and headings) in source order. Sentences live in blocks.
	Blocks     []*Block
	Links      []*Link
	RefDefs    []*RefDef
	Tables     []*Table
	CodeBlocks []*CodeBlock
	HTMLBlocks []*HTMLBlock
	ListItems  []*ListItem
	// Properties are the documented JSON properties (property*.go), the
	// roots of their tree in source order; PropertyProblems are the
	// malformed headers and lists met while reading them.
	Properties       []*Property
	PropertyProblems []PropertyProblem

	lineStarts []int
	anchorSet  map[string]int // anchor id -> index in Anchors
}

// FrontMatter is a leading YAML block delimited by "---" lines.
type FrontMatter struct {
	Span Span
	// Body is the span of the YAML between the delimiters.
	Body Span
}

// A Heading is an ATX or setext heading.
type Heading struct {
	Level int
	// Text is the heading's plain text: inline markup and inline HTML
	// removed, code span content kept, as GitHub builds the slug from it.
	Text string
	// Anchor is the GitHub-compatible slug, already de-duplicated within
	// the document ("-1", "-2" suffixes).
	Anchor string
	Span   Span
	// Explicit lists explicit anchors (<a name="...">) inside the heading.
	Explicit []string
	// Parent is the enclosing heading of lower level, or nil.
	Parent *Heading
	// Block is the heading's prose block (for sentences in headings).
	Block *Block
}

// Path returns the anchors of the heading and its ancestors, outermost
// first.
func (h *Heading) Path() []string {
	var p []string
	for x := h; x != nil; x = x.Parent {
		p = append(p, x.Anchor)
	}
	for i, j := 0, len(p)-1; i < j; i, j = i+1, j-1 {
		p[i], p[j] = p[j], p[i]
	}
	return p
}

// AnchorKind tells where an anchor comes from.
type AnchorKind int

const (
	// HeadingAnchor is a slug GitHub derives from a heading.
	HeadingAnchor AnchorKind = iota
	// ExplicitAnchor is an <a name>, <a id> or id= attribute in HTML.
	ExplicitAnchor
)

// An Anchor is a fragment target within a document.
type Anchor struct {
	ID   string
	Kind AnchorKind
	Span Span
	// Heading is set for heading anchors and for explicit anchors placed
	// inside a heading.
	Heading *Heading
}

// BlockKind classifies prose blocks.
type BlockKind int

const (
	// Paragraph is a paragraph, or the text of a tight list item.
	Paragraph BlockKind = iota
	// TableCell is one cell of a GFM table (header or body).
	TableCell
	// HeadingText is the inline content of a heading.
	HeadingText
)

func (k BlockKind) String() string {
	switch k {
	case Paragraph:
		return "paragraph"
	case TableCell:
		return "table cell"
	case HeadingText:
		return "heading"
	}
	return "unknown"
}

// A Block is a run of inline prose: a paragraph, a table cell or a heading's
// text.
type Block struct {
	Kind BlockKind
	// Lines are the source segments of the block's lines, excluding
	// container prefixes (list indentation, "> " markers) and the line
	// ending. A fixer rebuilds the block from these.
	Lines []Span
	// Sentences in source order; together they cover every word of the
	// block.
	Sentences []*Sentence
	// Section is the nearest preceding heading, or nil before the first.
	Section *Heading
	// Item is the innermost list item containing the block, or nil.
	Item *ListItem
	// Quote is the block-quote nesting depth.
	Quote int
	// Table and Row/Col locate a table cell; Row 0 is the header row.
	Table    *Table
	Row, Col int

	runs []run // plain-text to source map of the block's sentences
}

// Span returns the source range from the first line's start to the last
// line's end.
func (b *Block) Span() Span {
	if len(b.Lines) == 0 {
		return Span{}
	}
	return Span{b.Lines[0].Start, b.Lines[len(b.Lines)-1].End}
}

// A Sentence is one sentence of prose, located in the source.
type Sentence struct {
	// Span covers the sentence in Source, including inline markup that
	// opens or closes it (emphasis markers, link brackets, backticks). It
	// may cross lines (a wrapped sentence).
	Span Span
	// Text is the plain text: markup removed, link text kept, code spans
	// kept with their backticks, whitespace normalized to single spaces.
	Text string
	// Code holds byte ranges of Text that are code spans (backticks
	// included); keywords there are not normative.
	Code [][2]int
	// Links are the links that start inside the sentence.
	Links []*Link
	Block *Block

	lead int // offset of Text in the block's plain text
}

// SourceOffset maps a byte offset in Text to the source byte it was taken
// from, so a finding can point at a word rather than at the sentence.
func (s *Sentence) SourceOffset(i int) int {
	if s.Block == nil || len(s.Block.runs) == 0 {
		return s.Span.Start
	}
	return toSource(s.Block.runs, s.lead+i)
}

// A Link is an inline, reference or autolink.
type Link struct {
	// Span covers the link in source (best effort for the closing part of
	// reference links).
	Span Span
	// Text is the plain text of the link label.
	Text string
	// Destination is the resolved target (for reference links, the
	// definition's destination).
	Destination string
	Title       string
	// Ref is the reference label for reference links, "" for inline links.
	Ref string
	// Auto is true for autolinks and bare URLs found by GFM linkify.
	Auto  bool
	Image bool
	Block *Block
}

// A RefDef is a link reference definition ("[label]: destination").
type RefDef struct {
	Span        Span
	Label       string
	Destination string
	Title       string
	// DestSpan locates the destination in source, for fixers.
	DestSpan Span
}

// A Table is a GFM table.
type Table struct {
	Span    Span
	Header  []*Block
	Rows    [][]*Block
	Section *Heading
}

// A CodeBlock is a fenced or indented code block.
type CodeBlock struct {
	Span Span
	// Info is the full info string of a fenced block, e.g.
	// "json,title=Manifest&mediatype=application/vnd.oci.image.manifest.v1%2Bjson".
	Info string
	// Lang is the first word of Info up to a space or comma.
	Lang    string
	Fenced  bool
	Content Span
	// Text is the code content with container indentation removed.
	Text    string
	Section *Heading
}

// An HTMLBlock is a raw HTML block.
type HTMLBlock struct {
	Span Span
}

// A ListItem is one item of a bullet or ordered list.
type ListItem struct {
	Span Span
	// Marker is "-", "*", "+", "1." or "1)" style text as written.
	Marker string
	// Depth is 1 for a top-level item.
	Depth  int
	Parent *ListItem
	// First is the first prose block of the item, if it has one.
	First *Block
}
