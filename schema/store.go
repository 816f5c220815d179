// Package schema derives JSON Schemas from the property model of the
// prose (specs.Property), compares them with hand-written schemas (drift)
// and validates the media-typed JSON examples of a spec against the
// schemas for their media types.
package schema

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// A Store reads the JSON Schema files of one directory and follows $refs
// between them (image-spec's and runtime-spec's schemas reference
// definitions in sibling files).
type Store struct {
	dir   string
	files map[string]any
}

// NewStore returns a store over the schema files in dir.
func NewStore(dir string) *Store {
	return &Store{dir: dir, files: map[string]any{}}
}

// A Node is one schema object located in a file.
type Node struct {
	File string
	Map  map[string]any
}

// Load reads and parses one file of the store's directory.
func (s *Store) Load(name string) (Node, error) {
	if v, ok := s.files[name]; ok {
		return asNode(name, v)
	}
	path := filepath.Join(s.dir, filepath.FromSlash(name))
	data, err := os.ReadFile(path)
	if err != nil {
		return Node{}, err
	}
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		return Node{}, fmt.Errorf("%s:%s", path, jsonErrorPos(data, err))
	}
	s.files[name] = v
	return asNode(name, v)
}

func asNode(file string, v any) (Node, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return Node{}, fmt.Errorf("%s: schema is not an object", file)
	}
	return Node{File: file, Map: m}, nil
}

// Deref follows $ref until the node has none; a ref names a file of the
// store, a JSON pointer, or both ("defs.json#/definitions/uint64").
func (s *Store) Deref(n Node) (Node, error) {
	for range 32 {
		ref, ok := n.Map["$ref"].(string)
		if !ok {
			return n, nil
		}
		next, err := s.resolve(n.File, ref)
		if err != nil {
			return n, err
		}
		n = next
	}
	return n, fmt.Errorf("%s: $ref cycle", n.File)
}

func (s *Store) resolve(base, ref string) (Node, error) {
	file, frag, _ := strings.Cut(ref, "#")
	if file == "" {
		file = base
	} else {
		file = filepath.ToSlash(filepath.Join(filepath.Dir(base), file))
	}
	root, err := s.Load(file)
	if err != nil {
		return Node{}, fmt.Errorf("%s: unresolvable $ref %q: %w", base, ref, err)
	}
	var v any = root.Map
	for _, tok := range strings.Split(strings.TrimPrefix(frag, "/"), "/") {
		if tok == "" {
			continue
		}
		tok, _ = url.PathUnescape(tok)
		tok = strings.NewReplacer("~1", "/", "~0", "~").Replace(tok)
		m, ok := v.(map[string]any)
		if !ok || m[tok] == nil {
			return Node{}, fmt.Errorf("%s: unresolvable $ref %q", base, ref)
		}
		v = m[tok]
	}
	return asNode(file, v)
}

// Branches returns the node itself and, dereferenced, the schemas of its
// allOf, anyOf and oneOf, which together say what an instance may hold.
func (s *Store) Branches(n Node) []Node {
	n, err := s.Deref(n)
	if err != nil {
		return nil
	}
	out := []Node{n}
	for _, k := range []string{"allOf", "anyOf", "oneOf"} {
		list, _ := n.Map[k].([]any)
		for _, v := range list {
			if m, ok := v.(map[string]any); ok {
				out = append(out, s.Branches(Node{File: n.File, Map: m})...)
			}
		}
	}
	return out
}

// Properties returns the properties an object schema defines, by name,
// across its branches.
func (s *Store) Properties(n Node) map[string]Node {
	out := map[string]Node{}
	for _, b := range s.Branches(n) {
		props, _ := b.Map["properties"].(map[string]any)
		for k, v := range props {
			if m, ok := v.(map[string]any); ok {
				if _, seen := out[k]; !seen {
					out[k] = Node{File: b.File, Map: m}
				}
			}
		}
	}
	return out
}

// Items returns the item schema of an array schema, across its branches.
func (s *Store) Items(n Node) (Node, bool) {
	for _, b := range s.Branches(n) {
		if m, ok := b.Map["items"].(map[string]any); ok {
			return Node{File: b.File, Map: m}, true
		}
	}
	return Node{}, false
}

// Required returns the names a schema requires, across its allOf
// branches (anyOf and oneOf do not require).
func (s *Store) Required(n Node) []string {
	n, _ = s.Deref(n)
	var out []string
	add := func(m map[string]any) {
		list, _ := m["required"].([]any)
		for _, v := range list {
			if name, ok := v.(string); ok {
				out = append(out, name)
			}
		}
	}
	add(n.Map)
	all, _ := n.Map["allOf"].([]any)
	for _, v := range all {
		if m, ok := v.(map[string]any); ok {
			add(m)
		}
	}
	sort.Strings(out)
	return out
}

// jsonErrorPos turns a JSON syntax error into "line:column: message".
func jsonErrorPos(data []byte, err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	if !errors.As(err, &se) && !errors.As(err, &te) {
		return " " + err.Error()
	}
	line, col := LineCol(data, syntaxOffset(data, err))
	return fmt.Sprintf("%d:%d: %v", line, col, err)
}

// LineCol returns the 1-based line and byte column of offset off in data.
func LineCol(data []byte, off int) (int, int) {
	off = min(max(off, 0), len(data))
	line, start := 1, 0
	for i := 0; i < off; i++ {
		if data[i] == '\n' {
			line, start = line+1, i+1
		}
	}
	return line, off - start + 1
}
