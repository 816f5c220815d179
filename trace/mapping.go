package trace

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// A Mapping is a mapping file: entries that trace tests, named by
// pattern, to requirements, for suites whose code cannot be annotated
// (such as the OCI conformance suite). docs/trace.md describes the format.
type Mapping struct {
	File    string
	Entries []*Entry
}

// An Entry maps the tests whose names match any of its patterns to its
// targets.
type Entry struct {
	// Patterns are globs over full test names: "*" matches any run of
	// characters other than "/", "**" any run including "/", "?" one
	// character other than "/", "{a,b}" either alternative.
	Patterns []string
	Targets  []Target
	// Requests lists the HTTP requests ("METHOD /path") the tests make
	// that justify the entry; Note is free text.
	Requests []string
	Note     string
	Line     int

	res []*regexp.Regexp
}

// A SyntaxError is a mapping file that does not parse, with the line of
// the problem.
type SyntaxError struct {
	File string
	Line int
	Msg  string
}

func (e *SyntaxError) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("%s: %s", e.File, e.Msg)
	}
	return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
}

// Matches reports whether the test name matches one of e's patterns.
func (e *Entry) Matches(name string) bool {
	for _, re := range e.res {
		if re.MatchString(name) {
			return true
		}
	}
	return false
}

// matching returns the names that match one of e's patterns.
func (e *Entry) matching(names []string) []string {
	var out []string
	for _, n := range names {
		if e.Matches(n) {
			out = append(out, n)
		}
	}
	return out
}

// ParseMapping parses a mapping file. Every problem is a *SyntaxError
// naming file and line.
func ParseMapping(file string, data []byte) (*Mapping, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, yamlError(file, err)
	}
	m := &Mapping{File: file}
	if len(root.Content) == 0 {
		return m, nil
	}
	doc := root.Content[0]
	if doc.Kind != yaml.MappingNode {
		return nil, &SyntaxError{file, doc.Line, "want a mapping with the key \"entries\""}
	}
	for i := 0; i+1 < len(doc.Content); i += 2 {
		k, v := doc.Content[i], doc.Content[i+1]
		switch k.Value {
		case "entries":
			if v.Kind != yaml.SequenceNode {
				return nil, &SyntaxError{file, v.Line, "entries: want a list"}
			}
			for _, n := range v.Content {
				e, err := parseEntry(file, n)
				if err != nil {
					return nil, err
				}
				m.Entries = append(m.Entries, e)
			}
		case "description":
		default:
			return nil, &SyntaxError{file, k.Line, fmt.Sprintf("unknown key %q (want entries, description)", k.Value)}
		}
	}
	return m, nil
}

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

func yamlError(file string, err error) error {
	msg := err.Error()
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1]) // the pattern has digits only
		return &SyntaxError{file, line, m[2]}
	}
	return &SyntaxError{file, 0, strings.TrimPrefix(msg, "yaml: ")}
}

func parseEntry(file string, n *yaml.Node) (*Entry, error) {
	if n.Kind != yaml.MappingNode {
		return nil, &SyntaxError{file, n.Line, "entry: want a mapping with the keys match and covers"}
	}
	e := &Entry{Line: n.Line}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		var err error
		switch k.Value {
		case "match":
			e.Patterns, err = stringList(file, k.Value, v)
		case "covers":
			err = e.parseCovers(file, v)
		case "requests":
			e.Requests, err = stringList(file, k.Value, v)
		case "note":
			if v.Kind != yaml.ScalarNode {
				err = &SyntaxError{file, v.Line, "note: want a string"}
			}
			e.Note = v.Value
		default:
			err = &SyntaxError{file, k.Line, fmt.Sprintf("unknown key %q (want match, covers, requests, note)", k.Value)}
		}
		if err != nil {
			return nil, err
		}
	}
	if len(e.Patterns) == 0 {
		return nil, &SyntaxError{file, n.Line, "entry has no match pattern"}
	}
	if len(e.Targets) == 0 {
		return nil, &SyntaxError{file, n.Line, "entry covers nothing"}
	}
	for _, p := range e.Patterns {
		e.res = append(e.res, globRE(p))
	}
	return e, nil
}

func (e *Entry) parseCovers(file string, v *yaml.Node) error {
	names, err := stringList(file, "covers", v)
	if err != nil {
		return err
	}
	for _, name := range names {
		m := targetRE.FindStringSubmatch(strings.TrimSpace(name))
		if m == nil {
			return &SyntaxError{file, v.Line, fmt.Sprintf("covers: malformed target %q", name)}
		}
		e.Targets = append(e.Targets, Target{Name: m[1], Revision: m[2]})
	}
	return nil
}

// stringList reads a string or a list of strings.
func stringList(file, key string, v *yaml.Node) ([]string, error) {
	switch v.Kind {
	case yaml.ScalarNode:
		if v.Value == "" {
			return nil, &SyntaxError{file, v.Line, key + ": empty"}
		}
		return []string{v.Value}, nil
	case yaml.SequenceNode:
		out := make([]string, 0, len(v.Content))
		for _, c := range v.Content {
			if c.Kind != yaml.ScalarNode || c.Value == "" {
				return nil, &SyntaxError{file, c.Line, key + ": want a non-empty string"}
			}
			out = append(out, c.Value)
		}
		return out, nil
	}
	return nil, &SyntaxError{file, v.Line, key + ": want a string or a list of strings"}
}

// globRE compiles a test-name glob into an anchored regular expression:
// "*" is any run of characters but "/", "**" any run, "?" one character
// but "/", and "{a,b}" either alternative (not nested).
func globRE(p string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString("^")
	lit, inBrace := 0, false
	flush := func(i int) { b.WriteString(regexp.QuoteMeta(p[lit:i])) }
	for i := 0; i < len(p); i++ {
		var re string
		switch {
		case strings.HasPrefix(p[i:], "**"):
			re = ".*"
		case p[i] == '*':
			re = "[^/]*"
		case p[i] == '?':
			re = "[^/]"
		case p[i] == '{' && !inBrace && strings.IndexByte(p[i:], '}') > 0:
			re, inBrace = "(?:", true
		case p[i] == ',' && inBrace:
			re = "|"
		case p[i] == '}' && inBrace:
			re, inBrace = ")", false
		default:
			continue
		}
		flush(i)
		b.WriteString(re)
		if re == ".*" {
			i++
		}
		lit = i + 1
	}
	flush(len(p))
	b.WriteString("$")
	return regexp.MustCompile(b.String())
}
