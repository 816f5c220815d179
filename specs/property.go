package specs

import (
	"sort"
	"strings"
)

// A Property is one documented field of a JSON object, as a specification
// describes it in prose: a bold name, a type and a REQUIRED or OPTIONAL
// marker, followed by its description. The OCI specs write them in three
// styles, all read into this one model:
//
//   - **`schemaVersion`** *int*            (image-spec manifest, index, descriptor;
//     This REQUIRED property ...            the marker is in the description)
//   - **architecture** _string_, REQUIRED  (image-spec config)
//   - **`ociVersion`** (string, REQUIRED)  (runtime-spec, list items)
//     **`uidMappings`** (array of objects, OPTIONAL)  (runtime-spec, paragraphs)
//
// Properties nest by list indentation and by lead-ins ("the `process`
// object supports the following properties:"); a paragraph-form property
// scopes the property lists of its section and subsections.
//
// Path joins the names from the root with ".", and marks the items of an
// array with "[]" after the array's name, as image-spec writes it
// ("layers[].mediaType", "manifests[].platform.os"). A name is kept as
// written even when it contains a dot ("os.version"); Names holds the
// unambiguous segments.
type Property struct {
	Name string `json:"name"`
	Path string `json:"path"`
	// Names are the path's segments, with "[]" as a segment of its own for
	// array items.
	Names []string `json:"-"`
	// TypeText is the type as written, markup removed ("array of objects",
	// "string-string map", "descriptor").
	TypeText string        `json:"typeText,omitempty"`
	Type     *PropertyType `json:"type,omitempty"`
	// Marker is "REQUIRED", "OPTIONAL" or "" when the prose gives none;
	// Condition is what follows the marker ("unless `type` is `p`"), and
	// Notes any further parts of the header ("DEPRECATED").
	Marker    string   `json:"marker,omitempty"`
	Condition string   `json:"condition,omitempty"`
	Notes     []string `json:"notes,omitempty"`
	// Values are the enumerated values a scalar property's description
	// lists as bold code items ("* **`pid`** processes inside ...").
	Values []string `json:"values,omitempty"`
	// Implicit is set for an object a lead-in names ("the `user`
	// structure has the following fields:") that has no header of its own.
	Implicit bool `json:"implicit,omitempty"`
	// Header locates the bold name and type; Span covers the header and
	// the whole description, children included.
	Header Span `json:"-"`
	Span   Span `json:"-"`
	Line   int  `json:"line"`
	// MarkerSpan locates the REQUIRED or OPTIONAL word, in the header or
	// in the description's first sentence.
	MarkerSpan Span `json:"-"`
	// Blocks are the prose blocks of the description, header block first.
	Blocks   []*Block    `json:"-"`
	Item     *ListItem   `json:"-"`
	Parent   *Property   `json:"-"`
	Children []*Property `json:"children,omitempty"`
}

// Required reports an unconditional REQUIRED marker.
func (p *Property) Required() bool { return p.Marker == "REQUIRED" && p.Condition == "" }

// Walk calls fn for p and its descendants, depth first, in source order;
// fn returning false skips a property's children.
func (p *Property) Walk(fn func(*Property) bool) {
	if !fn(p) {
		return
	}
	for _, c := range p.Children {
		c.Walk(fn)
	}
}

// Child returns the child property with the given name, or nil.
func (p *Property) Child(name string) *Property {
	for _, c := range p.Children {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// A PropertyType is a normalized property type: Kind is "string",
// "integer", "number", "boolean", "object", "array", "map", "any", "ref" (a link
// to another document's type, or a named type) or "" when the text is not
// understood. Format keeps an integer's width as written ("int64",
// "uint32").
type PropertyType struct {
	Kind   string        `json:"kind"`
	Format string        `json:"format,omitempty"`
	Items  *PropertyType `json:"items,omitempty"`
	Values *PropertyType `json:"values,omitempty"`
	// Ref is a link destination ("descriptor.md") or a type name
	// ("LinuxIDMapping").
	Ref string `json:"ref,omitempty"`
}

// String renders the normalized type: "array of string", "map of string
// to string", "ref descriptor.md".
func (t *PropertyType) String() string {
	switch {
	case t == nil || t.Kind == "":
		return "unknown"
	case t.Kind == "array":
		return "array of " + t.Items.String()
	case t.Kind == "map":
		return "map of string to " + t.Values.String()
	case t.Kind == "ref":
		return "ref " + t.Ref
	}
	return t.Kind
}

// A PropertyProblem is a malformed property description: the property is
// kept with what could be read, and lint's property-list rule reports it.
type PropertyProblem struct {
	Span    Span
	Message string
}

// PropertyAt returns the innermost property whose description contains
// the byte offset, or nil. When two properties share a description
// (**`uidMappings`**, **`gidMappings`**), the first is returned.
func (d *Document) PropertyAt(off int) *Property {
	var found *Property
	list := d.Properties
	for len(list) > 0 {
		i := sort.Search(len(list), func(i int) bool { return list[i].Span.Start > off })
		if i == 0 {
			break
		}
		// Only the nearest header before off can hold it (siblings do
		// not overlap), or the properties sharing that header; a
		// property holds its children's descriptions too (a paragraph-form
		// object's children may sit in later subsections).
		j := i - 1
		for j > 0 && list[j-1].Span.Start == list[j].Span.Start {
			j--
		}
		// Headers sharing one description (uidMappings, gidMappings):
		// the first.
		for j > 0 && off < list[j-1].reach() && off < list[j].reach() {
			j--
		}
		var next *Property
		for k := j; k < i && next == nil; k++ {
			if off < list[k].reach() {
				next = list[k]
			}
		}
		if next == nil {
			break
		}
		found, list = next, next.Children
	}
	return found
}

// reach is the end of p's description or of its last descendant's,
// whichever is later.
func (p *Property) reach() int {
	end := p.Span.End
	for _, c := range p.Children {
		end = max(end, c.reach())
	}
	return end
}

// AllProperties lists every property of the document, depth first.
func (d *Document) AllProperties() []*Property {
	var out []*Property
	for _, p := range d.Properties {
		p.Walk(func(p *Property) bool { out = append(out, p); return true })
	}
	return out
}

// normalizeType reads a type as the OCI specs write it ("int", "int64",
// "array of strings", "array of type LinuxIDMapping", "string-string map",
// "map[string]string") into a PropertyType; ref is the destination of a
// link in the type text.
func normalizeType(text, ref string) *PropertyType {
	t := strings.ToLower(strings.TrimSpace(text))
	switch {
	case ref != "" && !strings.HasPrefix(t, "array of"):
		return &PropertyType{Kind: "ref", Ref: ref}
	case strings.HasPrefix(t, "array of "):
		return &PropertyType{Kind: "array", Items: normalizeType(singularType(text[len("array of "):]), ref)}
	case strings.HasSuffix(t, " map") || strings.HasPrefix(t, "map"):
		return &PropertyType{Kind: "map", Values: mapValueType(t)}
	}
	return scalarType(strings.TrimSpace(text))
}

// singularType turns the item type of "array of strings" into "string".
func singularType(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "type ")
	if strings.HasSuffix(s, "s") && scalarType(s[:len(s)-1]).Kind != "" {
		return s[:len(s)-1]
	}
	return s
}

// mapValueType reads the value type of "string-string map", "map of
// string to T" or "map[string]T".
func mapValueType(t string) *PropertyType {
	switch {
	case strings.HasSuffix(t, " map"):
		kv := strings.SplitN(strings.TrimSuffix(t, " map"), "-", 2)
		return scalarType(kv[len(kv)-1])
	case strings.HasPrefix(t, "map of ") && strings.Contains(t, " to "):
		return normalizeType(t[strings.LastIndex(t, " to ")+4:], "")
	case strings.HasPrefix(t, "map[") && strings.Contains(t, "]"):
		return scalarType(t[strings.Index(t, "]")+1:])
	}
	return &PropertyType{Kind: "string"}
}

// scalarType normalizes one word of a type; a capitalized identifier is a
// named type.
func scalarType(w string) *PropertyType {
	switch lw := strings.ToLower(w); lw {
	case "string":
		return &PropertyType{Kind: "string"}
	case "bool", "boolean":
		return &PropertyType{Kind: "boolean"}
	case "object":
		return &PropertyType{Kind: "object"}
	case "array":
		return &PropertyType{Kind: "array", Items: &PropertyType{}}
	case "any":
		return &PropertyType{Kind: "any"}
	case "number", "float", "float64", "double":
		return &PropertyType{Kind: "number"}
	case "integer", "int", "uint", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64":
		return &PropertyType{Kind: "integer", Format: lw}
	}
	if isTypeName(w) {
		return &PropertyType{Kind: "ref", Ref: w}
	}
	return &PropertyType{}
}

// isTypeName reports an identifier that starts with an upper-case letter
// ("LinuxIDMapping").
func isTypeName(w string) bool {
	if w == "" || w[0] < 'A' || w[0] > 'Z' {
		return false
	}
	for _, r := range w {
		if !isIdentRune(r) {
			return false
		}
	}
	return true
}

func isIdentRune(r rune) bool {
	return r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
}
