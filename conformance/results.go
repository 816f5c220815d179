package conformance

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Summary is a conformance v2 results.yaml: the run's configuration and one
// status per API and per data test, in file order.
type Summary struct {
	File   string
	Config *Config
	APIs   []Entry
	Data   []Entry
}

// Entry is one line of results.yaml's apis or data mapping.
type Entry struct {
	Name   string
	Status Status
	Line   int
}

// Counts tallies the apis and data entries: the "counts" of a product with
// a conformance v2 summary.
func (s *Summary) Counts() Counts {
	var c Counts
	for _, e := range s.APIs {
		c.Add(e.Status)
	}
	for _, e := range s.Data {
		c.Add(e.Status)
	}
	return c
}

// ParseSummary reads results.yaml. Keys are matched case-insensitively
// (writers use both "config" and "Config"); unknown top-level keys are
// ignored; an unknown status is an error with its line.
func ParseSummary(data []byte, file string) (*Summary, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, yamlErr(file, err)
	}
	s := &Summary{File: file}
	if len(doc.Content) == 0 {
		return nil, fileErr(file, 0, "empty results file")
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, fileErr(file, root.Line, "results file is not a mapping")
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		if err := s.section(file, root.Content[i], root.Content[i+1]); err != nil {
			return nil, err
		}
	}
	return s, nil
}

func (s *Summary) section(file string, k, v *yaml.Node) error {
	var err error
	switch strings.ToLower(k.Value) {
	case "config":
		s.Config, err = configFromNode(v)
		if err != nil {
			err = fileErr(file, v.Line, "config: %v", err)
		}
	case "apis":
		s.APIs, err = entries(file, v)
	case "data":
		s.Data, err = entries(file, v)
	}
	return err
}

func entries(file string, n *yaml.Node) ([]Entry, error) {
	if n.Kind != yaml.MappingNode {
		return nil, fileErr(file, n.Line, "want a mapping of test names to statuses")
	}
	out := make([]Entry, 0, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		st, err := ParseStatus(v.Value)
		if err != nil || v.Kind != yaml.ScalarNode {
			return nil, fileErr(file, v.Line, "%s: unknown test status %q", k.Value, v.Value)
		}
		out = append(out, Entry{Name: k.Value, Status: st, Line: k.Line})
	}
	return out, nil
}

// yamlErr turns a yaml error into a FileError; yaml.v3 puts "line N:" in its
// messages.
func yamlErr(file string, err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	var line int
	if _, scanErr := fmt.Sscanf(msg, "line %d:", &line); scanErr == nil {
		_, msg, _ = strings.Cut(msg, ": ")
	}
	return fileErr(file, line, "%s", msg)
}
