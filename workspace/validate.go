package workspace

import (
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// A ConfigError is one problem of a configuration file: the file, the line
// and column of the key or value at fault (0 when the problem has none),
// and a message in the words of docs/config.md.
type ConfigError struct {
	File         string
	Line, Column int
	Msg          string
}

func (e *ConfigError) Error() string {
	switch {
	case e.Line == 0:
		return e.File + ": " + e.Msg
	case e.Column == 0: // the YAML parser knows only the line
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Msg)
}

// ConfigErrors are all the problems of one configuration file, in the
// order of the file; the CLI prints one per line.
type ConfigErrors []*ConfigError

func (es ConfigErrors) Error() string {
	msgs := make([]string, len(es))
	for i, e := range es {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// A validator walks the YAML tree of a configuration file against the Go
// type that receives it (Config), so a key added to Config is validated
// as soon as it exists: unknown keys, and values of the wrong kind, are
// reported with their positions in the words docs/config.md uses ("an
// array of strings", never a Go type name). The documented constraints
// beyond a value's kind are in constraints (constraints.go), keyed by the
// key's path.
type validator struct {
	file  string
	root  *yaml.Node // the top-level mapping
	errs  ConfigErrors
	rules map[string]constraint
	// nodes records the node of every key path with an index, e.g.
	// "specs[1].files[0]", for checks that run after decoding (Open
	// checks that files exist).
	nodes map[string]*yaml.Node
}

// errorf records a problem at node n (nil: the file as a whole).
func (v *validator) errorf(n *yaml.Node, format string, args ...any) {
	e := &ConfigError{File: v.file, Msg: fmt.Sprintf(format, args...)}
	if n != nil {
		e.Line, e.Column = n.Line, n.Column
	}
	v.errs = append(v.errs, e)
}

// validateConfig checks data, the content of the configuration file
// named file, and decodes it into cfg. It reports every problem it finds,
// not only the first.
func validateConfig(file string, data []byte, cfg *Config) (map[string]*yaml.Node, error) {
	v := &validator{file: file, rules: constraints(), nodes: map[string]*yaml.Node{}}
	if !utf8.Valid(data) {
		v.errorf(nil, "the file must be encoded in UTF-8")
		return nil, v.errs
	}
	root, err := parseYAML(data)
	if err != nil {
		v.errs = append(v.errs, yamlSyntaxError(file, err))
		return nil, v.errs
	}
	if root == nil { // empty, or only comments: no spec sets
		return v.nodes, nil
	}
	if root.Kind != yaml.MappingNode {
		v.errorf(root, "the top-level value must be a mapping of keys such as specs and lint, not %s", describe(root))
		return nil, v.errs
	}
	v.root = root
	if v.walk("", "", root, reflect.TypeFor[Config]()) {
		if err := root.Decode(cfg); err != nil {
			v.errs = append(v.errs, yamlSyntaxError(file, err))
		}
	}
	if len(v.errs) > 0 {
		slices.SortStableFunc(v.errs, func(a, b *ConfigError) int {
			return cmpPos(a.Line, a.Column, b.Line, b.Column)
		})
		return nil, v.errs
	}
	return v.nodes, nil
}

func cmpPos(l1, c1, l2, c2 int) int {
	if l1 != l2 {
		return l1 - l2
	}
	return c1 - c2
}

// parseYAML returns the top-level value of the single YAML document in
// data, or nil when there is none.
func parseYAML(data []byte) (*yaml.Node, error) {
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		return nil, err
	}
	var next yaml.Node
	if err := dec.Decode(&next); err == nil {
		return nil, fmt.Errorf("line %d: the file must hold a single YAML document, and a second one starts here", next.Line)
	}
	if doc.Kind == yaml.DocumentNode && len(doc.Content) == 1 {
		return doc.Content[0], nil
	}
	return nil, nil
}

var unmarshalerType = reflect.TypeFor[yaml.Unmarshaler]()

// walk checks node n, the value at key path (e.g. "specs[].name"; indexed
// in ipath: "specs[0].name"), against type t and the path's constraint.
// It reports whether n has the right kind throughout, so that it can be
// decoded.
func (v *validator) walk(path, ipath string, n *yaml.Node, t reflect.Type) bool {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	v.nodes[ipath] = n
	ok := v.walkKind(path, ipath, n, t)
	if c := v.rules[path]; ok && c != nil {
		c(v, n)
	}
	return ok
}

func (v *validator) walkKind(path, ipath string, n *yaml.Node, t reflect.Type) bool {
	if reflect.PointerTo(t).Implements(unmarshalerType) {
		// The type reads several forms itself (e.g. a string or a
		// mapping); its errors say "line N: ..." like the decoder's.
		if err := n.Decode(reflect.New(t).Interface()); err != nil {
			v.errs = append(v.errs, yamlSyntaxError(v.file, err))
			return false
		}
		return true
	}
	if n.Tag == "!!null" && t.Kind() != reflect.Interface {
		return true // an empty value is an absent one
	}
	switch t.Kind() {
	case reflect.Struct:
		return v.walkStruct(path, ipath, n, t)
	case reflect.Slice:
		return v.walkSlice(path, ipath, n, t)
	case reflect.Map:
		return v.walkMap(path, ipath, n, t)
	case reflect.Interface:
		return true
	}
	if n.Kind != yaml.ScalarNode || !scalarFits(n, t.Kind()) {
		v.errorf(n, "%s must be %s, not %s", keyName(path), kindName(t), describe(n))
		return false
	}
	return true
}

// scalarFits reports whether a scalar node can be decoded into kind k.
func scalarFits(n *yaml.Node, k reflect.Kind) bool {
	switch k {
	case reflect.String:
		return true
	case reflect.Bool:
		return n.Tag == "!!bool"
	case reflect.Int, reflect.Int64:
		_, err := strconv.Atoi(n.Value)
		return n.Tag == "!!int" && err == nil
	case reflect.Float64:
		return n.Tag == "!!int" || n.Tag == "!!float"
	}
	return false
}

func (v *validator) walkSlice(path, ipath string, n *yaml.Node, t reflect.Type) bool {
	if n.Kind != yaml.SequenceNode {
		v.errorf(n, "%s must be %s, not %s", keyName(path), kindName(t), describe(n))
		return false
	}
	ok := true
	for i, el := range n.Content {
		ok = v.walk(path+"[]", fmt.Sprintf("%s[%d]", ipath, i), el, t.Elem()) && ok
	}
	return ok
}

func (v *validator) walkMap(path, ipath string, n *yaml.Node, t reflect.Type) bool {
	if n.Kind != yaml.MappingNode {
		v.errorf(n, "%s must be %s, not %s", keyName(path), kindName(t), describe(n))
		return false
	}
	ok := v.uniqueKeys(path, n)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i].Value
		ok = v.walk(path+".*", ipath+"."+k, n.Content[i+1], t.Elem()) && ok
	}
	return ok
}

func (v *validator) walkStruct(path, ipath string, n *yaml.Node, t reflect.Type) bool {
	if n.Kind != yaml.MappingNode {
		v.errorf(n, "%s must be %s, not %s", keyName(path), kindName(t), describe(n))
		return false
	}
	fields := yamlFields(t)
	ok := v.uniqueKeys(path, n)
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, val := n.Content[i], n.Content[i+1]
		ft, known := fields[key.Value]
		if !known {
			v.errorf(key, "unknown key %q%s%s", key.Value, inKey(path), suggest(key.Value, fields))
			ok = false
			continue
		}
		ok = v.walk(join(path, key.Value), join(ipath, key.Value), val, ft) && ok
	}
	return ok
}

// uniqueKeys reports a key given twice in one mapping.
func (v *validator) uniqueKeys(path string, n *yaml.Node) bool {
	seen := map[string]bool{}
	ok := true
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if seen[k.Value] {
			v.errorf(k, "key %q is given twice%s", k.Value, inKey(path))
			ok = false
		}
		seen[k.Value] = true
	}
	return ok
}

// yamlFields maps the YAML keys of struct type t (inline fields
// flattened) to their types.
func yamlFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for f := range t.Fields() {
		tag := f.Tag.Get("yaml")
		name, opts, _ := strings.Cut(tag, ",")
		switch {
		case name == "-" || !f.IsExported() && !f.Anonymous:
			continue
		case strings.Contains(opts, "inline"):
			for k, ft := range yamlFields(f.Type) {
				out[k] = ft
			}
			continue
		case name == "":
			name = strings.ToLower(f.Name)
		}
		out[name] = f.Type
	}
	return out
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// keyName names the key at path for a message: "specs[].files" reads
// "specs[].files", the top level "the file".
func keyName(path string) string {
	if path == "" {
		return "the file"
	}
	return path
}

func inKey(path string) string {
	if path == "" {
		return ""
	}
	return " in " + path
}

// suggest proposes the known key that differs from key only in case, or
// lists the known keys.
func suggest(key string, fields map[string]reflect.Type) string {
	names := make([]string, 0, len(fields))
	for k := range fields {
		if strings.EqualFold(k, key) {
			return fmt.Sprintf(" (keys are case-sensitive: did you mean %q?)", k)
		}
		names = append(names, k)
	}
	slices.Sort(names)
	return " (known: " + strings.Join(names, ", ") + ")"
}

// kindName says what a value of Go type t is in the words of
// docs/config.md.
func kindName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int64:
		return "an integer"
	case reflect.Float64:
		return "a number"
	case reflect.Struct:
		return "an object"
	case reflect.Slice:
		return "an array of " + plural(t.Elem())
	case reflect.Map:
		return "a map of " + plural(t.Elem())
	}
	return "a value"
}

func plural(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "strings"
	case reflect.Struct, reflect.Map:
		return "objects"
	case reflect.Slice:
		return "arrays"
	case reflect.Bool:
		return "booleans"
	}
	return "values"
}

// describe names what a YAML node holds, for "must be X, not Y".
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "an object"
	case yaml.SequenceNode:
		return "an array"
	}
	switch n.Tag {
	case "!!int", "!!float":
		return "the number " + n.Value
	case "!!bool":
		return n.Value
	case "!!null":
		return "empty"
	}
	return strconv.Quote(n.Value)
}

// yamlSyntaxError turns the YAML library's "yaml: line N: msg" into a
// ConfigError at line N.
func yamlSyntaxError(file string, err error) *ConfigError {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if num, text, ok := strings.Cut(rest, ": "); ok {
			if line, err := strconv.Atoi(num); err == nil {
				return &ConfigError{File: file, Line: line, Msg: text}
			}
		}
	}
	return &ConfigError{File: file, Msg: msg}
}
