package openapi

import (
	"fmt"
	"slices"

	"github.com/ocispec/ocispec/specs"
)

// An Inconsistency is a status or header on which an endpoint's table row
// and its prose disagree.
type Inconsistency struct {
	Endpoint string
	// Doc and Span locate the place reported; Other is the other place
	// ("api.md:115").
	Doc     *specs.Document
	Span    specs.Span
	Other   string
	Message string
}

// Inconsistencies compares each endpoint's row with its prose: a status
// the prose states (alone or with a header it requires) that the row
// lacks is reported at the sentence; a status of the row that the prose
// about the endpoint never states is reported at the row. Endpoints the
// prose says nothing normative about are left alone.
func (m *Model) Inconsistencies() []Inconsistency {
	var out []Inconsistency
	for _, ep := range m.Endpoints {
		facts := m.endpointFacts(ep.ID)
		if len(facts) == 0 {
			continue
		}
		out = append(out, m.proseOnly(ep, facts)...)
		out = append(out, m.rowOnly(ep, facts)...)
	}
	return out
}

func (m *Model) endpointFacts(id string) []Fact {
	var out []Fact
	for _, f := range m.Facts {
		if f.Endpoint == id && !f.Request && f.MediaType == "" && f.Body == "" {
			out = append(out, f)
		}
	}
	return out
}

// rowStatuses are the success and failure statuses of a row.
func rowStatuses(ep *Endpoint) []int {
	return append(slices.Clone(ep.Success), ep.Failure...)
}

func (m *Model) proseOnly(ep *Endpoint, facts []Fact) []Inconsistency {
	var out []Inconsistency
	row := fmt.Sprintf("%s:%d", ep.File, ep.Line)
	reported := map[int]bool{}
	for _, f := range facts {
		// Redirects are allowed on any request by a rule of their own.
		if f.Status == 0 || f.Status/100 == 3 || slices.Contains(rowStatuses(ep), f.Status) || reported[f.Status] {
			continue
		}
		reported[f.Status] = true
		msg := fmt.Sprintf("the prose states %d for %s, which its endpoints table row (%s) does not list", f.Status, ep.ID, row)
		if f.Header != "" {
			msg = fmt.Sprintf("the prose requires %s on a %d response of %s, a status its endpoints table row (%s) does not list", f.Header, f.Status, ep.ID, row)
		}
		out = append(out, Inconsistency{Endpoint: ep.ID, Doc: m.Set.Doc(f.File), Span: f.Span, Other: row, Message: msg})
	}
	return out
}

// rowOnly reports the success statuses of a row that prose stating
// statuses for the endpoint never states. Failure statuses are often
// stated once for several endpoints ("If the blob is not found ..."), so
// a failure the prose omits is no finding.
func (m *Model) rowOnly(ep *Endpoint, facts []Fact) []Inconsistency {
	if !slices.ContainsFunc(facts, func(f Fact) bool { return f.Header == "" && f.Status != 0 }) {
		return nil
	}
	var out []Inconsistency
	first := fmt.Sprintf("%s:%d", facts[0].File, facts[0].Line)
	for _, st := range ep.Success {
		if slices.ContainsFunc(facts, func(f Fact) bool { return f.Status == st }) {
			continue
		}
		out = append(out, Inconsistency{Endpoint: ep.ID, Doc: ep.Doc, Span: ep.Row[0].Span(), Other: first,
			Message: fmt.Sprintf("%s lists %d, but the prose about %s (from %s) never states it", ep.ID, st, ep.ID, first)})
	}
	return out
}
