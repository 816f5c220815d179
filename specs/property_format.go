package specs

import (
	"encoding/json"
	"fmt"
	"io"
	"path"
	"strings"
)

// A PropertyTree is the property model of a set of documents, as
// `ocispec reqs --properties` prints it.
type PropertyTree struct {
	Documents []PropertyDoc `json:"documents"`
}

// PropertyDoc is the property tree of one document.
type PropertyDoc struct {
	File string `json:"file"`
	// Owner is the path of the property of another document that this
	// document defines (runtime-spec's config-linux.md is `linux`), or "".
	Owner      string      `json:"owner,omitempty"`
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
		pd := PropertyDoc{File: file, Properties: d.Properties}
		if o := s.PropertyOwner(d); o != nil {
			pd.Owner = o.Path
		}
		t.Documents = append(t.Documents, pd)
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
			if d.Owner != "" {
				fmt.Fprintf(&b, "  (the properties of %s)\n", d.Owner)
			}
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

// PropertyOwner returns the object property of another document of the
// set whose header links to doc as its definition, such as runtime-spec's
// “* **`linux`** (object, OPTIONAL) [Linux-specific
// configuration](config-linux.md).“: the top-level properties of doc are
// that property's. It returns nil when no document links so.
func (s *Set) PropertyOwner(doc *Document) *Property {
	for _, d := range s.Docs {
		if d == doc || len(d.Properties) == 0 {
			continue
		}
		for _, l := range d.Links {
			if p := d.PropertyAt(l.Span.Start); p != nil && linksTo(d, l, doc) && ownsBy(d, p, l) {
				return p
			}
		}
	}
	return nil
}

// linksTo reports a relative link from d to the document doc.
func linksTo(d *Document, l *Link, doc *Document) bool {
	file, _, _ := strings.Cut(l.Destination, "#")
	if file == "" || strings.Contains(file, "://") {
		return false
	}
	return path.Clean(path.Join(path.Dir(d.Path), file)) == path.Clean(doc.Path)
}

// ownsBy reports an object property whose header line holds the link.
func ownsBy(d *Document, p *Property, l *Link) bool {
	return p.Type != nil && p.Type.Kind == "object" && l.Span.Start >= p.Header.End && d.Position(l.Span.Start).Line == p.Line
}
