package openapi

import (
	"fmt"
	"regexp"
	"strings"
)

// A Route is an endpoint template parsed: "/v2/<name>/blobs/<digest>"
// has the segments "v2", "<name>", "blobs", "<digest>".
type Route struct {
	// Segments are the path segments; a placeholder keeps its angle
	// brackets. A template that starts with a location placeholder
	// ("<blob-push-location>") has it as its only segment, Location set.
	Segments []string
	// Location names the placeholder of an opaque URL the registry
	// handed out ("blob-push-location"), or "".
	Location string
	// Trailing is true when the path ends in "/".
	Trailing bool
	// Query lists the query parameters in order.
	Query []QueryParam
}

// A QueryParam is one query parameter of a template.
type QueryParam struct {
	Name string
	// Placeholder is the value's placeholder name ("digest"), or "" for a
	// literal example value ("tag=1").
	Placeholder string
	// Repeated is true when the template names the parameter more than
	// once ("?tag=1&tag=2").
	Repeated bool
}

var (
	placeholderRE = regexp.MustCompile(`^<([A-Za-z][A-Za-z0-9_-]*)>$`)
	literalRE     = regexp.MustCompile(`^[A-Za-z0-9._~-]*$`)
	queryNameRE   = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_.-]*$`)
)

// ParseTemplate parses an endpoint template as the endpoints tables of OCI
// specs write them.
func ParseTemplate(t string) (Route, error) {
	var r Route
	path, query, _ := strings.Cut(t, "?")
	if err := r.parsePath(path); err != nil {
		return Route{}, err
	}
	if err := r.parseQuery(query); err != nil {
		return Route{}, err
	}
	return r, nil
}

func (r *Route) parsePath(path string) error {
	if m := placeholderRE.FindStringSubmatch(path); m != nil && strings.HasSuffix(m[1], "location") {
		r.Location = m[1]
		r.Segments = []string{path}
		return nil
	}
	if !strings.HasPrefix(path, "/") {
		return fmt.Errorf("does not start with / or a <...location> placeholder")
	}
	rest := strings.TrimPrefix(path, "/")
	r.Trailing = strings.HasSuffix(rest, "/") || rest == ""
	rest = strings.TrimSuffix(rest, "/")
	if rest == "" {
		return nil
	}
	for _, seg := range strings.Split(rest, "/") {
		if seg == "" {
			return fmt.Errorf("empty path segment")
		}
		if !placeholderRE.MatchString(seg) && !literalRE.MatchString(seg) {
			return fmt.Errorf("segment %q is neither a literal nor a whole <placeholder>", seg)
		}
		r.Segments = append(r.Segments, seg)
	}
	return nil
}

func (r *Route) parseQuery(query string) error {
	if query == "" {
		return nil
	}
	index := map[string]int{}
	for _, kv := range strings.Split(query, "&") {
		name, value, ok := strings.Cut(kv, "=")
		if !ok || !queryNameRE.MatchString(name) {
			return fmt.Errorf("query part %q is not name=value", kv)
		}
		ph := ""
		if m := placeholderRE.FindStringSubmatch(value); m != nil {
			ph = m[1]
		} else if !literalRE.MatchString(value) {
			return fmt.Errorf("query value %q is neither a literal nor a <placeholder>", value)
		}
		if i, seen := index[name]; seen {
			r.Query[i].Repeated = true
			continue
		}
		index[name] = len(r.Query)
		r.Query = append(r.Query, QueryParam{Name: name, Placeholder: ph})
	}
	return nil
}

// Placeholders returns the names of the path placeholders in order.
func (r Route) Placeholders() []string {
	var out []string
	for _, s := range r.Segments {
		if m := placeholderRE.FindStringSubmatch(s); m != nil && r.Location == "" {
			out = append(out, m[1])
		}
	}
	return out
}

// shape is the path with every placeholder replaced by "{}": rows whose
// paths have one shape share one OpenAPI path.
func (r Route) shape() string {
	if r.Location != "" {
		return "<location>"
	}
	var b strings.Builder
	for _, s := range r.Segments {
		b.WriteByte('/')
		if placeholderRE.MatchString(s) {
			b.WriteString("{}")
		} else {
			b.WriteString(s)
		}
	}
	if r.Trailing {
		b.WriteByte('/')
	}
	return b.String()
}
