package specs

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// A PropertyTree is the property model of a set of documents, as
// `ocispec reqs --properties` prints it.
type PropertyTree struct {
	Documents []PropertyDoc `json:"documents"`
}

// PropertyDoc is the property tree of one document.
type PropertyDoc struct {
	File       string      `json:"file"`
	Properties []*Property `json:"properties"`
}

// PropertyFormats lists the formats WriteProperties writes.
func PropertyFormats() []string { return []string{"text", "json"} }

// Properties collects the property trees of a set's documents that have
// any, with paths as mapped by rel (nil keeps them).
func (s *Set) Properties(rel func(string) string) *PropertyTree {
	t := &PropertyTree{Documents: []PropertyDoc{}}
	for _, d := range s.Docs {
		if len(d.Properties) == 0 {
			continue
		}
		file := d.Path
		if rel != nil {
			file = rel(file)
		}
		t.Documents = append(t.Documents, PropertyDoc{File: file, Properties: d.Properties})
	}
	return t
}

// WriteProperties writes the tree as text (an indented outline with
// file:line) or JSON.
func WriteProperties(w io.Writer, format string, t *PropertyTree) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(t)
	case "", "text":
		var b strings.Builder
		for _, d := range t.Documents {
			fmt.Fprintf(&b, "%s\n", d.File)
			for _, p := range d.Properties {
				writePropertyText(&b, d.File, p, 1)
			}
		}
		_, err := io.WriteString(w, b.String())
		return err
	}
	return fmt.Errorf("unknown format %q (want text or json)", format)
}

func writePropertyText(b *strings.Builder, file string, p *Property, depth int) {
	fmt.Fprintf(b, "%s%s  %s", strings.Repeat("  ", depth), p.Path, p.Type.String())
	if p.Marker != "" {
		fmt.Fprintf(b, "  %s", p.Marker)
		if p.Condition != "" {
			fmt.Fprintf(b, " %s", p.Condition)
		}
	}
	if len(p.Values) > 0 {
		fmt.Fprintf(b, "  values=%s", strings.Join(p.Values, ","))
	}
	if p.Implicit {
		b.WriteString("  (implicit)")
	}
	fmt.Fprintf(b, "  line %d\n", p.Line)
	for _, c := range p.Children {
		writePropertyText(b, file, c, depth+1)
	}
}
