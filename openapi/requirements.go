package openapi

import (
	"slices"

	"github.com/ocispec/ocispec/reqs"
	"github.com/ocispec/ocispec/specs"
)

// RequirementsByEndpoint maps each endpoint ID to the requirements behind
// it: those that refer to the endpoint (a link labelled with its ID, or
// with its ID without the row letter, "end-7" for "end-7a") and those in a
// section whose prose refers to it. The endpoints table's own section is
// not one of them.
func RequirementsByEndpoint(m *Model, g *reqs.Graph) map[string][]string {
	out := map[string][]string{}
	for _, r := range g.Requirements {
		for _, ref := range r.Refs {
			if ref.Kind != reqs.RefEndpoint {
				continue
			}
			for _, id := range resolveRef(ref.Target, m.Endpoints) {
				out[id] = appendNew(out[id], r.ID)
			}
		}
		sec := r.File + "#" + r.Section
		for id, secs := range m.Sections {
			if slices.Contains(secs, sec) && !m.tableSection(sec) {
				out[id] = appendNew(out[id], r.ID)
			}
		}
	}
	return out
}

// tableSection tells whether sec holds an endpoints table.
func (m *Model) tableSection(sec string) bool {
	for _, ep := range m.Endpoints {
		if len(ep.Row) > 0 && ep.Row[0].Section != nil && ep.File+"#"+ep.Row[0].Section.Anchor == sec {
			return true
		}
	}
	return false
}

// Build is FromSet, the requirement graph and Generate in one call, for
// commands and the site: the validated document of a set, and the
// malformed rows of its endpoints tables (each a *RowError).
func Build(set *specs.Set, opts Options) (*Document, []error, error) {
	m, err := FromSet(set)
	if err != nil {
		return nil, nil, err
	}
	if opts.Requirements == nil {
		opts.Requirements = RequirementsByEndpoint(m, reqs.Extract(set))
	}
	doc, err := Generate(m, opts)
	if err != nil {
		return nil, nil, err
	}
	return doc, m.RowErrors, nil
}
