package specs

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
)

// propBuilder reads the property descriptions of one document from its
// blocks, in source order.
type propBuilder struct {
	doc    *Document
	roots  []*Property
	all    []*Property
	byItem map[*ListItem][]*Property
	// scopes holds the properties a paragraph-form header declares for
	// its section and the subsections below it.
	scopes     map[*Heading]scope
	paragraphs []*Property // paragraph-form properties, in order
	listStyle  map[*Property]*Block
	blockIndex map[*Block]int // index in Document.Blocks of list-form headers
	typedList  map[listKey]bool
	problems   []PropertyProblem
}

// A listKey names a list: its enclosing item and section.
type listKey struct {
	item *ListItem
	sec  *Heading
}

type scope struct {
	props []*Property
	block *Block
}

// buildProperties fills Document.Properties and PropertyProblems.
func (d *Document) buildProperties() {
	if !bytes.Contains(d.Source, []byte("**")) {
		return
	}
	pb := &propBuilder{doc: d, byItem: map[*ListItem][]*Property{}, scopes: map[*Heading]scope{}, listStyle: map[*Property]*Block{}, blockIndex: map[*Block]int{}, typedList: map[listKey]bool{}}
	for i, b := range d.Blocks {
		switch {
		case b.Kind != Paragraph:
		case b.Item == nil:
			pb.paragraph(b)
		case b.Item.First == b:
			pb.listItem(i, b)
		}
	}
	pb.finish()
	d.Properties, d.PropertyProblems = pb.roots, pb.problems
}

func (pb *propBuilder) line(b *Block, i int) string {
	return string(pb.doc.Source[b.Lines[i].Start:b.Lines[i].End])
}

// paragraph reads paragraph-form headers: every line of a paragraph
// outside lists that starts with a bold code name and a type.
func (pb *propBuilder) paragraph(b *Block) {
	for i := range b.Lines {
		line := pb.line(b, i)
		var h propHeader
		ok := false
		switch {
		case strings.HasPrefix(line, "**`"):
			h, ok = parseHeader(line, true)
		case strings.HasPrefix(line, "`"):
			h, ok = parseSentenceHeader(line)
		}
		if !ok || !h.typed {
			continue
		}
		props := pb.add(pb.outerScope(b.Section), h, b.Lines[i].Start)
		pb.paragraphs = append(pb.paragraphs, props...)
		if sc, ok := pb.scopes[b.Section]; ok && sc.block == b {
			props = append(sc.props, props...)
		}
		pb.scopes[b.Section] = scope{props: props, block: b}
	}
}

// listItem reads a list item whose first line is a property header.
func (pb *propBuilder) listItem(i int, b *Block) {
	h, ok := parseHeader(pb.line(b, 0), false)
	if !ok {
		return
	}
	parents, nested := pb.itemParents(b.Item)
	if !nested {
		key := listKey{b.Item.Parent, b.Section}
		pb.typedList[key] = pb.typedList[key] || h.typed
		if !h.typed && !h.code && !strings.Contains(h.names[0], ".") && !pb.typedList[key] {
			// "- **Widget**: a named ..." is a term, not a property: a
			// top-level untyped bold name is a property only as code, as
			// a dotted key ("org.opencontainers.image.created") or after
			// typed properties in its list.
			return
		}
		parents = pb.leadScope(i, b)
	}
	if !h.typed && allScalar(parents) {
		// "* **`pid`** processes inside ...": values of a scalar, not
		// properties.
		for _, p := range parents {
			p.Values = append(p.Values, h.names...)
		}
		return
	}
	props := pb.add(parents, h, b.Lines[0].Start)
	pb.byItem[b.Item] = props
	pb.blockIndex[b] = i
	for _, p := range props {
		p.Item = b.Item
		p.Span.End = max(p.Span.End, b.Item.Span.End)
		pb.listStyle[p] = b
	}
	pb.checkIndent(i, b)
}

// itemParents returns the properties of the nearest enclosing list item
// that is a property header.
func (pb *propBuilder) itemParents(li *ListItem) ([]*Property, bool) {
	for it := li.Parent; it != nil; it = it.Parent {
		if ps, ok := pb.byItem[it]; ok {
			return ps, true
		}
	}
	return nil, false
}

func allScalar(ps []*Property) bool {
	for _, p := range ps {
		if p.Type == nil || (p.Type.Kind != "string" && p.Type.Kind != "integer") {
			return false
		}
	}
	return len(ps) > 0
}

// outerScope returns the scope of the sections enclosing sec (not sec
// itself): where a paragraph-form header in sec belongs.
func (pb *propBuilder) outerScope(sec *Heading) []*Property {
	if sec == nil {
		return nil
	}
	return pb.sectionScope(sec.Parent)
}

// sectionScope returns the properties declared by the nearest
// paragraph-form header in sec or a section enclosing it.
func (pb *propBuilder) sectionScope(sec *Heading) []*Property {
	for h := sec; h != nil; h = h.Parent {
		if sc, ok := pb.scopes[h]; ok {
			return sc.props
		}
	}
	return pb.scopes[nil].props
}

// leadScope places a top-level property list: under the object its
// lead-in names ("the `process` object supports the following
// properties:"), else under the section's scope.
func (pb *propBuilder) leadScope(i int, b *Block) []*Property {
	sc := pb.sectionScope(b.Section)
	lead := pb.leadIn(i, b)
	if lead == nil {
		return sc
	}
	name, array := leadInName(lead)
	if name == "" {
		return sc
	}
	return pb.resolve(name, array, sc, lead)
}

// leadIn returns the paragraph just before b's list, in the same
// container and section, when it ends with a colon.
func (pb *propBuilder) leadIn(i int, b *Block) *Block {
	for j := i - 1; j >= 0; j-- {
		p := pb.doc.Blocks[j]
		if p.Section != b.Section || p.Kind == HeadingText {
			return nil
		}
		if p.Kind != Paragraph || p.Item != b.Item.Parent {
			continue
		}
		src := bytes.TrimRight(pb.doc.Source[p.Span().Start:p.Span().End], " \t*_")
		if !bytes.HasSuffix(src, []byte(":")) {
			return nil
		}
		return p
	}
	return nil
}

var (
	leadCodeRE  = regexp.MustCompile("\\b(?:[Tt]he `([A-Za-z_][\\w.]*)` (?:root )?(?:object|structure|field)|Each (?:entry|item|object|element) (?:of|in) `([A-Za-z_][\\w.]*)`)")
	leadPlainRE = regexp.MustCompile(`(?i)\bthe ([a-z_][\w]*) (?:object|structure) (?:has|supports|contains)`)
)

// leadInName returns the object a lead-in paragraph names, and whether it
// says the object is an array.
func leadInName(lead *Block) (string, bool) {
	for k := len(lead.Sentences) - 1; k >= 0; k-- {
		t := lead.Sentences[k].Text
		m := leadCodeRE.FindStringSubmatch(t)
		if m == nil {
			m = leadPlainRE.FindStringSubmatch(t)
		}
		switch {
		case m == nil:
		case len(m) > 2 && m[2] != "":
			return m[2], true // "Each entry of `errors`"
		default:
			return m[1], strings.Contains(t, "array")
		}
	}
	return "", false
}

// resolve finds the object a lead-in names: a property of the scope, a
// child of it, any property of the document so far, or else an implicit
// object under the scope.
func (pb *propBuilder) resolve(name string, array bool, sc []*Property, lead *Block) []*Property {
	for _, s := range sc {
		if s.Name == name {
			return []*Property{s}
		}
	}
	var found []*Property
	for _, s := range sc {
		if c := s.Child(name); c != nil {
			found = append(found, c)
		}
	}
	if found != nil {
		return found
	}
	for k := len(pb.all) - 1; k >= 0; k-- {
		if pb.all[k].Name == name {
			return pb.all[k : k+1]
		}
	}
	typ := &PropertyType{Kind: "object"}
	if array {
		typ = &PropertyType{Kind: "array", Items: typ}
	}
	start := lead.Span().Start
	return pb.attach(sc, func(parent *Property) *Property {
		return &Property{Name: name, TypeText: typ.String(), Type: typ, Implicit: true,
			Header: Span{start, start}, Span: lead.Span(), Line: pb.doc.Position(start).Line}
	})
}

// add creates the properties a header declares under each parent (or at
// the root), recording its problems.
func (pb *propBuilder) add(parents []*Property, h propHeader, lineStart int) []*Property {
	for _, pr := range h.problems {
		pb.problems = append(pb.problems, PropertyProblem{Span{lineStart + pr.at, lineStart + pr.end}, pr.msg})
	}
	ref := h.typeRef
	if h.refLabel {
		ref = pb.refDest(ref)
	}
	var out []*Property
	for _, name := range h.names {
		out = append(out, pb.attach(parents, func(*Property) *Property {
			p := &Property{Name: name, Marker: h.marker, Condition: h.condition, Notes: h.notes,
				Header: Span{lineStart, lineStart + h.end}, Line: pb.doc.Position(lineStart).Line}
			p.Span = p.Header
			if h.typed {
				p.TypeText, p.Type = h.typeText, normalizeType(h.typeText, ref)
			}
			if h.marker != "" {
				p.MarkerSpan = Span{lineStart + h.markerAt[0], lineStart + h.markerAt[1]}
			}
			return p
		})...)
	}
	return out
}

// attach adds a property made by mk under each parent, or at the root.
func (pb *propBuilder) attach(parents []*Property, mk func(*Property) *Property) []*Property {
	if len(parents) == 0 {
		p := mk(nil)
		p.Names = []string{p.Name}
		p.Path = p.Name
		pb.roots = append(pb.roots, p)
		pb.all = append(pb.all, p)
		return []*Property{p}
	}
	out := make([]*Property, 0, len(parents))
	for _, parent := range parents {
		p := mk(parent)
		p.Parent = parent
		p.Names, p.Path = childPath(parent, p.Name)
		parent.Children = append(parent.Children, p)
		pb.all = append(pb.all, p)
		out = append(out, p)
	}
	return out
}

// childPath builds a child's path: array items are marked "[]".
func childPath(parent *Property, name string) ([]string, string) {
	names := append([]string(nil), parent.Names...)
	path := parent.Path
	if parent.Type != nil && parent.Type.Kind == "array" {
		names = append(names, "[]")
		path += "[]"
	}
	return append(names, name), path + "." + name
}

// refDest resolves a reference label in a type ("[descriptor][desc]").
func (pb *propBuilder) refDest(label string) string {
	for _, r := range pb.doc.RefDefs {
		if strings.EqualFold(r.Label, label) {
			return r.Destination
		}
	}
	return label
}

// checkIndent reports description lines of a list-form property that
// continue a paragraph less indented than it starts (a lazy
// continuation, which Markdown accepts but which misleads a reader about
// where the description belongs).
func (pb *propBuilder) checkIndent(i int, b *Block) {
	d := pb.doc
	for _, blk := range d.Blocks[i:] {
		if blk.Span().Start >= b.Item.Span.End {
			return
		}
		if blk.Item != b.Item || len(blk.Lines) < 2 {
			continue
		}
		col := d.Position(blk.Lines[0].Start).Column
		for _, l := range blk.Lines[1:] {
			if c := d.Position(l.Start).Column; c < col {
				pb.problems = append(pb.problems, PropertyProblem{l, fmt.Sprintf("inconsistent indentation: the description continues at column %d, left of its column %d", c, col)})
			}
		}
	}
}
