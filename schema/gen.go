package schema

import (
	"encoding/json"
	"net/url"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/ocispec/ocispec/specs"
)

// Draft is the JSON Schema dialect of generated schemas.
const Draft = "https://json-schema.org/draft/2020-12/schema"

// An Object is one JSON object a document describes: a run of top-level
// properties, closed by a media-typed example of it (image-spec and the
// example spec describe a manifest, then show one; a document may
// describe several objects that way). A document with no media-typed
// example after its properties is one object.
type Object struct {
	Doc *specs.Document
	// Name is the file stem of the generated schema: the document's base
	// name for its first object, then base name and section anchor
	// ("manifest.widget-config").
	Name string
	// MediaType is that of the example closing the object, if any.
	MediaType  string
	Title      string
	Properties []*specs.Property
}

// SchemaFile is the file name Generate's output is written to.
func (o *Object) SchemaFile() string { return o.Name + ".schema.json" }

// Objects splits a document's top-level properties into objects; objects
// whose properties all lack a type (lists of annotation keys) are left
// out.
func Objects(doc *specs.Document) []*Object {
	var out []*Object
	var cur []*specs.Property
	blocks := mediaTypedBlocks(doc)
	bi, pending := 0, ""
	flush := func(mt string) {
		if typedAny(cur) {
			out = append(out, newObject(doc, len(out), mt, cur))
		}
		cur, pending = nil, ""
	}
	for _, p := range doc.Properties {
		for ; bi < len(blocks) && blocks[bi].Span.Start < p.Header.Start; bi++ {
			if len(cur) > 0 {
				flush(blockMediaType(blocks[bi]))
			} else {
				pending = blockMediaType(blocks[bi]) // an example shown before its properties
			}
		}
		cur = append(cur, p)
	}
	if len(cur) > 0 {
		if bi < len(blocks) {
			pending = blockMediaType(blocks[bi])
		}
		flush(pending)
	}
	return out
}

func typedAny(ps []*specs.Property) bool {
	for _, p := range ps {
		if p.Type != nil {
			return true
		}
	}
	return false
}

func newObject(doc *specs.Document, n int, mt string, ps []*specs.Property) *Object {
	base := strings.TrimSuffix(path.Base(doc.Path), path.Ext(doc.Path))
	o := &Object{Doc: doc, Name: base, MediaType: mt, Properties: ps, Title: base}
	if len(doc.Headings) > 0 {
		o.Title = doc.Headings[0].Text
	}
	if sec := topSection(doc, ps[0]); sec != nil && n > 0 {
		o.Name = base + "." + sec.Anchor
		o.Title = sec.Text
	}
	return o
}

// topSection returns the level-2 (or outermost below the title) section
// holding a property.
func topSection(doc *specs.Document, p *specs.Property) *specs.Heading {
	var sec *specs.Heading
	for _, h := range doc.Headings {
		if h.Span.Start > p.Header.Start {
			break
		}
		sec = h
	}
	for sec != nil && sec.Parent != nil && sec.Parent.Parent != nil {
		sec = sec.Parent
	}
	return sec
}

// mediaTypedBlocks lists the fenced blocks whose info string names a
// media type, in source order.
func mediaTypedBlocks(doc *specs.Document) []*specs.CodeBlock {
	var out []*specs.CodeBlock
	for _, c := range doc.CodeBlocks {
		if c.Fenced && blockMediaType(c) != "" {
			out = append(out, c)
		}
	}
	return out
}

// InfoParams reads the parameters of an image-spec style info string
// ("json,title=Manifest&mediatype=application/vnd.oci.image.manifest.v1%2Bjson").
func InfoParams(info string) url.Values {
	f := strings.Fields(info)
	if len(f) == 0 {
		return nil
	}
	_, q, ok := strings.Cut(f[0], ",")
	if !ok {
		return nil
	}
	v, err := url.ParseQuery(q)
	if err != nil {
		return nil
	}
	return v
}

func blockMediaType(c *specs.CodeBlock) string { return InfoParams(c.Info).Get("mediatype") }

// A generator builds the schema of one object.
type generator struct {
	doc *specs.Document
	// refFile maps a type's link ("descriptor.md#properties") to the
	// schema it stands for ("descriptor.schema.json").
	refFile func(string) string
}

// Generate returns the JSON Schema (2020-12) of an object. refFile maps a
// link in a property's type to a schema reference; nil uses the linked
// document's base name ("descriptor.md" -> "descriptor.schema.json").
func Generate(o *Object, refFile func(string) string) *Ordered {
	if refFile == nil {
		refFile = DefaultRef
	}
	g := &generator{doc: o.Doc, refFile: refFile}
	s := &Ordered{}
	s.Set("$schema", Draft)
	s.Set("$id", o.SchemaFile())
	s.Set("title", o.Title)
	if o.MediaType != "" {
		s.Set("x-ocispec-mediatype", o.MediaType)
	}
	s.Set("x-ocispec-file", o.Doc.Path)
	g.object(s, o.Properties)
	return s
}

// DefaultRef maps a link to another document's type to that document's
// generated schema ("descriptor.md#properties" -> "descriptor.schema.json").
// A named type ("LinuxIDMapping") maps to "": the prose defines no schema
// for it, so the property is an object that names its type.
func DefaultRef(ref string) string {
	file, _, _ := strings.Cut(ref, "#")
	if strings.HasSuffix(file, ".md") {
		return strings.TrimSuffix(path.Base(file), ".md") + ".schema.json"
	}
	return ""
}

// object fills s with "type": "object", the properties and required.
func (g *generator) object(s *Ordered, props []*specs.Property) {
	s.Set("type", "object")
	ps := &Ordered{}
	var required []string
	seen := map[string]bool{}
	for _, p := range props {
		if seen[p.Name] {
			continue
		}
		seen[p.Name] = true
		ps.Set(p.Name, g.property(p))
		if p.Required() || g.mustBePresent(p) {
			required = append(required, p.Name)
		}
	}
	s.Set("properties", ps)
	if len(required) > 0 {
		s.Set("required", required)
	}
}

// property builds one property's schema, each keyword with its source
// line under x-ocispec-line.
func (g *generator) property(p *specs.Property) *Ordered {
	s := &Ordered{}
	lines := &Ordered{}
	sents := g.ownSentences(p)
	if len(sents) > 0 {
		s.Set("description", sents[0].Text)
	}
	g.typed(s, p.Type, p.Children)
	if p.Type != nil {
		lines.Set(firstKey(s), p.Line)
	}
	if p.Required() {
		lines.Set("required", g.doc.Position(p.MarkerSpan.Start).Line)
	}
	g.valueKeywords(s, lines, p, sents)
	s.Set("x-ocispec-line", lines)
	return s
}

// firstKey is the first type keyword written ("type" or "$ref").
func firstKey(s *Ordered) string {
	for _, kv := range s.kv {
		if kv.k == "type" || kv.k == "$ref" {
			return kv.k
		}
	}
	return "type"
}

// typed writes the keywords of a normalized type.
func (g *generator) typed(s *Ordered, t *specs.PropertyType, children []*specs.Property) {
	switch {
	case t == nil || t.Kind == "" || t.Kind == "any":
	case t.Kind == "ref":
		if ref := g.refFile(t.Ref); ref != "" {
			s.Set("$ref", ref)
		} else {
			s.Set("type", "object")
			s.Set("x-ocispec-type", t.Ref)
		}
	case t.Kind == "array":
		s.Set("type", "array")
		items := &Ordered{}
		if len(children) > 0 && (t.Items == nil || t.Items.Kind != "ref") {
			g.object(items, children)
		} else {
			g.typed(items, t.Items, nil)
		}
		s.Set("items", items)
	case t.Kind == "map":
		s.Set("type", "object")
		v := &Ordered{}
		g.typed(v, t.Values, nil)
		s.Set("additionalProperties", v)
	case t.Kind == "object" && len(children) > 0:
		g.object(s, children)
	default:
		s.Set("type", t.Kind)
	}
}

var (
	constRE   = regexp.MustCompile("\\bMUST be (?:set to )?`([^`]+)`")
	patternRE = regexp.MustCompile(`regular expression|MUST match`)
	codeRE    = regexp.MustCompile("`([^`]+)`")
)

// ownSentences lists the sentences of a property's own description (not
// of its children's).
func (g *generator) ownSentences(p *specs.Property) []*specs.Sentence {
	var out []*specs.Sentence
	bs := g.doc.Blocks
	i := sort.Search(len(bs), func(i int) bool { return bs[i].Span().Start >= p.Span.Start })
	for _, b := range bs[max(i-1, 0):] {
		if b.Span().Start >= p.Span.End {
			break
		}
		if b.Span().End <= p.Span.Start {
			continue
		}
		for _, s := range b.Sentences {
			if s.Span.Start >= p.Header.End && g.doc.PropertyAt(s.Span.Start) == p {
				out = append(out, s)
			}
		}
	}
	return out
}

// mustBePresent reports "MUST be present" in a property's description.
func (g *generator) mustBePresent(p *specs.Property) bool {
	for _, s := range g.ownSentences(p) {
		if strings.Contains(s.Text, "MUST be present") && !strings.Contains(s.Text, "MUST NOT") {
			return true
		}
	}
	return false
}

// valueKeywords reads const, enum and pattern from the description:
// "MUST be `2`", "MUST be one of `a`, `b`", "MUST match the regular
// expression `^[a-z]+$`".
func (g *generator) valueKeywords(s, lines *Ordered, p *specs.Property, sents []*specs.Sentence) {
	if p.Type == nil {
		return
	}
	kind := p.Type.Kind
	if kind != "string" && kind != "integer" && kind != "number" && kind != "boolean" {
		return
	}
	for _, sent := range sents {
		if !strings.Contains(sent.Text, "MUST") && !strings.Contains(sent.Text, "expression") {
			continue
		}
		kw, v := valueKeyword(sent.Text, p.Name, kind)
		if kw != "" {
			s.Set(kw, v)
			lines.Set(kw, g.doc.Position(sent.Span.Start).Line)
		}
	}
}

// valueKeyword reads one sentence's const, enum or pattern, if any.
func valueKeyword(t, name, kind string) (string, any) {
	switch {
	case strings.Contains(t, "MUST be one of"):
		if vals := enumValues(t[strings.Index(t, "MUST be one of")+len("MUST be one of"):], kind); len(vals) > 0 {
			return "enum", vals
		}
	case strings.Contains(t, "regular expression") || strings.Contains(t, "MUST match"):
		if m := codeRE.FindStringSubmatch(t[patternRE.FindStringIndex(t)[0]:]); m != nil && kind == "string" && validPattern(m[1]) {
			return "pattern", m[1]
		}
	case (strings.Contains(t, "MUST be `") || strings.Contains(t, "MUST be set to `")) && aboutItself(t, name):
		// An unclosed code span ("MUST be `" at the end) names no value.
		if m := constRE.FindStringSubmatch(t); m != nil {
			if v, ok := literal(m[1], kind); ok {
				return "const", v
			}
		}
	}
	return "", nil
}

// enumValues reads the code spans listed right after "MUST be one of";
// "one of the codes in the table below" lists none.
func enumValues(rest, kind string) []any {
	rest = strings.TrimLeft(rest, " :")
	if !strings.HasPrefix(rest, "`") {
		return nil
	}
	var vals []any
	for _, m := range codeRE.FindAllStringSubmatch(rest, -1) {
		if v, ok := literal(m[1], kind); ok {
			vals = append(vals, v)
		}
	}
	return vals
}

// aboutItself reports a sentence whose subject before "MUST" is the
// property itself ("This MUST be `2`", "MUST be set to `layers`",
// "`name` MUST be ..."), not another field it mentions.
func aboutItself(t, name string) bool {
	before, _, _ := strings.Cut(t, "MUST")
	for _, m := range codeRE.FindAllStringSubmatch(before, -1) {
		if m[1] != name {
			return false
		}
	}
	return true
}

// literal reads a code span as a value of the property's kind.
func literal(code, kind string) (any, bool) {
	switch kind {
	case "string":
		return code, true
	case "integer":
		n, err := strconv.ParseInt(code, 10, 64)
		return n, err == nil
	case "number":
		f, err := strconv.ParseFloat(code, 64)
		return f, err == nil
	case "boolean":
		b, err := strconv.ParseBool(code)
		return b, err == nil
	}
	return nil, false
}

func validPattern(p string) bool {
	_, err := regexp.Compile(p)
	return err == nil
}

// Ordered is a JSON object that keeps its keys in insertion order, so a
// generated schema reads in the order of the prose.
type Ordered struct{ kv []keyValue }

type keyValue struct {
	k string
	v any
}

// Set adds or replaces a key.
func (o *Ordered) Set(k string, v any) {
	for i := range o.kv {
		if o.kv[i].k == k {
			o.kv[i].v = v
			return
		}
	}
	o.kv = append(o.kv, keyValue{k, v})
}

// Get returns a key's value.
func (o *Ordered) Get(k string) (any, bool) {
	for _, kv := range o.kv {
		if kv.k == k {
			return kv.v, true
		}
	}
	return nil, false
}

// Keys lists the keys in order.
func (o *Ordered) Keys() []string {
	out := make([]string, len(o.kv))
	for i, kv := range o.kv {
		out[i] = kv.k
	}
	return out
}

// MarshalJSON writes the keys in order.
func (o *Ordered) MarshalJSON() ([]byte, error) {
	var b strings.Builder
	b.WriteByte('{')
	for i, kv := range o.kv {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(kv.k)
		v, err := json.Marshal(kv.v)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return []byte(b.String()), nil
}
