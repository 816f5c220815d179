package reqs

import "strings"

// A Filter selects requirements; empty fields match everything.
type Filter struct {
	// Role is one of Roles.
	Role Role
	// Level matches a requirement's level or its level in effect
	// (--level "MUST NOT" includes "MAY NOT").
	Level Level
	// Property matches a property path and the paths below it ("config"
	// matches "config.Labels", "layers" matches "layers[].digest").
	Property string
}

// Empty reports a filter that keeps everything.
func (f Filter) Empty() bool { return f == Filter{} }

// Match reports whether r passes the filter.
func (f Filter) Match(r *Requirement) bool {
	if f.Role != "" && r.Role != f.Role {
		return false
	}
	if f.Level != "" && r.Level != f.Level && r.Level.Effect() != f.Level {
		return false
	}
	if p := f.Property; p != "" && r.Property != p && !strings.HasPrefix(r.Property, p+".") && !strings.HasPrefix(r.Property, p+"[]") {
		return false
	}
	return true
}

// Filter returns the graph of the requirements that pass f, with the
// edges that touch them.
func (g *Graph) Filter(f Filter) *Graph {
	if f.Empty() {
		return g
	}
	out := &Graph{Requirements: []*Requirement{}, Edges: []Edge{}, Warnings: g.Warnings, byID: map[string]*Requirement{}}
	for _, r := range g.Requirements {
		if f.Match(r) {
			out.Requirements = append(out.Requirements, r)
			out.byID[r.ID] = r
		}
	}
	for _, e := range g.Edges {
		from, to := out.byID[e.From] != nil, e.ToKind == RefRequirement && out.byID[e.To] != nil
		switch e.Kind {
		case EdgeContains:
			if to {
				out.Edges = append(out.Edges, e)
			}
		case EdgeRefines:
			if from && to {
				out.Edges = append(out.Edges, e)
			}
		default:
			if from {
				out.Edges = append(out.Edges, e)
			}
		}
	}
	return out
}
