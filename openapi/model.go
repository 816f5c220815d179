package openapi

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/ocispec/ocispec/schema"
	"github.com/ocispec/ocispec/specs"
)

// A Model is what the generator, the traffic checker and the lint rule
// read from a spec set, once.
type Model struct {
	Set       *specs.Set
	Endpoints []*Endpoint
	// RowErrors are the malformed rows of the endpoints tables (each a
	// *RowError); the model holds the other rows.
	RowErrors []error
	Errors    []schema.ErrorCode
	// Patterns maps value kinds (name, tag, digest) to the regular
	// expressions the prose states for them.
	Patterns map[string]Pattern
	// Facts are the statuses, headers and bodies the prose states per
	// endpoint; facts with no Endpoint hold for every operation.
	Facts []Fact
	// Sections maps an endpoint ID to the sections ("file#anchor") whose
	// prose refers to it.
	Sections map[string][]string
	// Redirects is the source ("file:line") of a rule that any request
	// may be redirected, or "".
	Redirects string
}

// ErrNoEndpoints is returned by FromSet for a set without an endpoints
// table.
var ErrNoEndpoints = errors.New("no endpoints table")

// FromSet reads the model of a spec set. A set without an endpoints table
// is an error wrapping ErrNoEndpoints that names the files and the table
// it looked for; malformed rows are kept in RowErrors.
func FromSet(set *specs.Set) (*Model, error) {
	m := &Model{Set: set, Sections: map[string][]string{}}
	for _, doc := range set.Docs {
		eps, errs := Endpoints(doc)
		m.Endpoints = append(m.Endpoints, eps...)
		m.RowErrors = append(m.RowErrors, errs...)
		m.Errors = append(m.Errors, schema.ErrorCodes(doc)...)
	}
	if len(m.Endpoints) == 0 && len(m.RowErrors) == 0 {
		var files []string
		for _, d := range set.Docs {
			files = append(files, d.Path)
		}
		return nil, fmt.Errorf("%s: %w (a table with the columns %s)", strings.Join(files, ", "), ErrNoEndpoints,
			"ID, Method, API Endpoint, Success, Failure")
	}
	m.Patterns = findPatterns(set)
	m.Facts = proseFacts(set, m.Endpoints)
	m.readSections()
	m.Redirects = findRedirectRule(set)
	return m, nil
}

// readSections records the sections whose prose refers to each endpoint.
func (m *Model) readSections() {
	for _, doc := range m.Set.Docs {
		for _, b := range doc.Blocks {
			if b.Kind != specs.TableCell && b.Section != nil {
				m.blockSections(doc, b)
			}
		}
	}
}

func (m *Model) blockSections(doc *specs.Document, b *specs.Block) {
	sec := doc.Path + "#" + b.Section.Anchor
	for _, s := range b.Sentences {
		ids := sentenceEndpoints(s, m.Endpoints)
		if len(ids) == 0 || !introduces(s) {
			continue
		}
		for _, id := range ids {
			if !slices.Contains(m.Sections[id], sec) {
				m.Sections[id] = append(m.Sections[id], sec)
			}
		}
	}
}

// findRedirectRule finds the sentence that lets a registry redirect any
// request ("Registries MAY respond to any request with a redirect").
func findRedirectRule(set *specs.Set) string {
	for _, doc := range set.Docs {
		for _, b := range doc.Blocks {
			for _, s := range b.Sentences {
				t := strings.ToLower(s.Text)
				if strings.Contains(s.Text, "MAY") && strings.Contains(t, "any request") && strings.Contains(t, "redirect") {
					return fmt.Sprintf("%s:%d", doc.Path, doc.Position(s.Span.Start).Line)
				}
			}
		}
	}
	return ""
}

// Endpoint returns the endpoint with the ID, or nil.
func (m *Model) Endpoint(id string) *Endpoint {
	for _, ep := range m.Endpoints {
		if ep.ID == id {
			return ep
		}
	}
	return nil
}

// factsFor returns the facts that hold for an endpoint's method.
func (m *Model) factsFor(id, method string) []Fact {
	var out []Fact
	for _, f := range m.Facts {
		if f.Endpoint == id && (f.Method == "" || f.Method == method) {
			out = append(out, f)
		}
	}
	return out
}

// globalFacts are the headers the prose states for a status on any
// endpoint ("A `429` response SHOULD include a `Retry-After` header") or
// for every response (Warning).
func (m *Model) globalFacts() []Fact {
	var out []Fact
	for _, f := range m.Facts {
		if f.Endpoint == "" && f.Header != "" && !f.Request {
			out = append(out, f)
		}
	}
	return out
}

// mentions tells whether any document of the set contains s.
func (m *Model) mentions(s string) bool {
	for _, d := range m.Set.Docs {
		if strings.Contains(string(d.Source), s) {
			return true
		}
	}
	return false
}
