package schema

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/ocispec/ocispec/specs"
)

// Kinds of drift between prose and a schema.
const (
	MissingInSchema  = "missing-in-schema"
	MissingInProse   = "missing-in-prose"
	RequiredMismatch = "required-mismatch"
	TypeMismatch     = "type-mismatch"
	EnumMismatch     = "enum-mismatch"
)

// A Difference is one real disagreement between the prose's property
// model and a hand-written schema. Path names the property from the
// object's root, with "[]" after an array's name for its items
// ("/manifests[]/platform").
type Difference struct {
	Kind   string `json:"kind"`
	Path   string `json:"path"`
	Prose  any    `json:"prose"`
	Schema any    `json:"schema"`
	File   string `json:"file"`
	Line   int    `json:"line"`
}

// A DriftReport lists the differences of one document against one schema.
type DriftReport struct {
	Differences []Difference `json:"differences"`
}

// Drift compares the properties of doc with the schema file root of the
// store (following $refs across the store's directory). props are the
// prose properties to compare, usually doc.Properties.
func Drift(doc *specs.Document, props []*specs.Property, store *Store, root string) (*DriftReport, error) {
	n, err := store.Load(root)
	if err != nil {
		return nil, err
	}
	d := &drifter{doc: doc, store: store, report: &DriftReport{Differences: []Difference{}}, gen: &generator{doc: doc, refFile: DefaultRef}}
	d.object(nil, props, n, "")
	return d.report, d.err
}

type drifter struct {
	err    error      // the first unresolvable $ref
	gen    *generator // reads enum and const from the prose as gen does
	doc    *specs.Document
	store  *Store
	report *DriftReport
}

func (d *drifter) add(kind, path string, line int, prose, schema any) {
	d.report.Differences = append(d.report.Differences, Difference{Kind: kind, Path: path, Prose: prose, Schema: schema, File: d.doc.Path, Line: line})
}

// object compares the prose children of parent (nil at the root) with
// the properties of schema node n.
func (d *drifter) object(parent *specs.Property, children []*specs.Property, n Node, prefix string) {
	schemaProps := d.store.Properties(n)
	required := d.store.Required(n)
	seen := map[string]bool{}
	for _, c := range children {
		if seen[c.Name] {
			continue
		}
		seen[c.Name] = true
		path := prefix + "/" + c.Name
		sn, ok := schemaProps[c.Name]
		if !ok {
			d.add(MissingInSchema, path, c.Line, c.Name, nil)
			continue
		}
		if req := slices.Contains(required, c.Name); req != c.Required() && (c.Marker != "" || !refined(parent)) {
			d.add(RequiredMismatch, path, c.Line, proseMarker(c), req)
		}
		d.property(c, sn, path)
	}
	if refined(parent) {
		return // the prose only adds restrictions to a type defined elsewhere
	}
	line := 0
	if parent != nil {
		line = parent.Line
	}
	names := make([]string, 0, len(schemaProps))
	for name := range schemaProps {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if !seen[name] {
			d.add(MissingInProse, prefix+"/"+name, line, nil, name)
		}
	}
}

// refined reports a property whose type (or item type) is defined in
// another document: the fields the prose lists under it only add
// restrictions to that type.
func refined(p *specs.Property) bool {
	if p == nil || p.Type == nil {
		return false
	}
	t := p.Type
	if t.Kind == "array" && t.Items != nil {
		t = t.Items
	}
	return t.Kind == "ref"
}

func proseMarker(p *specs.Property) string {
	if p.Marker == "" {
		return "unmarked"
	}
	return strings.TrimSpace(p.Marker + " " + p.Condition)
}

// property compares one property's type and, when the prose lists its
// fields, its children.
func (d *drifter) property(p *specs.Property, n Node, path string) {
	if _, err := d.store.Deref(n); err != nil {
		if d.err == nil {
			d.err = err
		}
		return
	}
	if want, got := proseKind(p.Type), d.schemaKinds(n); want != "" && len(got) > 0 && !slices.Contains(got, want) {
		d.add(TypeMismatch, path, p.Line, p.Type.String(), strings.Join(got, "|"))
	}
	if prose, schema := d.proseEnum(p), d.schemaEnum(n); len(prose) > 0 && len(schema) > 0 && !slices.Equal(prose, schema) {
		d.add(EnumMismatch, path, p.Line, prose, schema)
	}
	if len(p.Children) == 0 {
		return
	}
	target := n
	if p.Type != nil && p.Type.Kind == "array" {
		items, ok := d.store.Items(n)
		if !ok {
			return
		}
		target, path = items, path+"[]"
	}
	d.object(p, p.Children, target, path)
}

// proseKind is the JSON Schema type the prose's type stands for, or ""
// when the prose type cannot be compared (a link to another document's
// type, or a type not understood).
func proseKind(t *specs.PropertyType) string {
	if t == nil {
		return ""
	}
	switch t.Kind {
	case "map":
		return "object"
	case "ref", "":
		return ""
	}
	return t.Kind
}

// schemaKinds lists the JSON types a schema allows, null left out.
func (d *drifter) schemaKinds(n Node) []string {
	var out []string
	for _, b := range d.store.Branches(n) {
		switch t := b.Map["type"].(type) {
		case string:
			out = appendKind(out, t)
		case []any:
			for _, v := range t {
				if s, ok := v.(string); ok {
					out = appendKind(out, s)
				}
			}
		}
	}
	return out
}

func appendKind(out []string, k string) []string {
	if k == "null" || slices.Contains(out, k) {
		return out
	}
	return append(out, k)
}

// WriteDrift writes a report as text (one difference a line, file:line
// first) or JSON.
func WriteDrift(w io.Writer, format string, r *DriftReport) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	case "", "text":
		var b strings.Builder
		for _, x := range r.Differences {
			fmt.Fprintf(&b, "%s:%d: %s %s (prose: %v, schema: %v)\n", x.File, x.Line, x.Kind, x.Path, orDash(x.Prose), orDash(x.Schema))
		}
		_, err := io.WriteString(w, b.String())
		return err
	}
	return fmt.Errorf("unknown format %q (want text or json)", format)
}

func orDash(v any) any {
	if v == nil {
		return "-"
	}
	return v
}

// proseEnum is the set of values the prose allows ("MUST be one of",
// "MUST be `2`"), as sorted strings.
func (d *drifter) proseEnum(p *specs.Property) []string {
	s := d.gen.property(p)
	if v, ok := s.Get("enum"); ok {
		return enumStrings(v.([]any))
	}
	if v, ok := s.Get("const"); ok {
		return enumStrings([]any{v})
	}
	return nil
}

// schemaEnum is the set of values a schema allows by enum or const.
func (d *drifter) schemaEnum(n Node) []string {
	for _, b := range d.store.Branches(n) {
		if v, ok := b.Map["enum"].([]any); ok {
			return enumStrings(v)
		}
		if v, ok := b.Map["const"]; ok {
			return enumStrings([]any{v})
		}
	}
	return nil
}

func enumStrings(vs []any) []string {
	out := make([]string, 0, len(vs))
	for _, v := range vs {
		out = append(out, fmt.Sprint(v))
	}
	sort.Strings(out)
	return out
}
