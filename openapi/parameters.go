package openapi

import (
	"net/http"
	"strings"
)

// kindSchema is the schema of a value of a kind, with the pattern the
// prose states, anchored (JSON Schema patterns are not).
func (g *generator) kindSchema(kind string) map[string]any {
	pattern := func(k string) map[string]any {
		s := map[string]any{"type": "string"}
		if p, ok := g.m.Patterns[k]; ok {
			s["pattern"] = "^" + p.Regexp + "$"
			if p.File != "" {
				src := p.File
				if p.Line > 0 {
					src += ":" + itoa(p.Line)
				}
				s["x-ocispec-source"] = src
			}
		}
		return s
	}
	switch kind {
	case kindName, kindTag, kindDigest:
		return pattern(kind)
	case kindReference:
		return map[string]any{"anyOf": []any{pattern(kindTag), pattern(kindDigest)}}
	case kindInteger:
		return map[string]any{"type": "integer", "minimum": 0}
	case kindSession:
		return map[string]any{"type": "string", "description": "the opaque upload session the registry named in Location"}
	}
	return map[string]any{"type": "string"}
}

// parameters are the path and query parameters of an operation over
// rows: a path parameter takes the schemas of every row's placeholder at
// its position, a query parameter is required when every row has it.
func (g *generator) parameters(path, method string, rows []*Endpoint) []any {
	var out []any
	names := pathParams(path)
	for i, name := range names {
		var schemas []any
		for _, r := range rows {
			kind := kindSession
			if ph := g.placeholders(r.Route); i < len(ph) {
				kind = placeholderKind(ph[i])
			}
			s := g.kindSchema(kind)
			if !containsSchema(schemas, s) {
				schemas = append(schemas, s)
			}
		}
		schema := schemas[0]
		if len(schemas) > 1 {
			schema = map[string]any{"anyOf": schemas}
		}
		out = append(out, map[string]any{"name": name, "in": "path", "required": true, "schema": schema})
	}
	out = append(out, g.queryParams(rows)...)
	if g.rangeRule(method, rows) != nil {
		out = append(out, map[string]any{"name": "Range", "in": "header", "required": false,
			"description": "a byte range (RFC 9110, section 14.2)", "schema": map[string]any{"type": "string"}})
	}
	return out
}

// placeholders are the path placeholders of a route; an upload location
// has those of the row that opens the session, then the session.
func (g *generator) placeholders(r Route) []string {
	if r.Location == "" {
		return r.Placeholders()
	}
	var out []string
	if up := g.uploadRow(); up != nil {
		out = up.Route.Placeholders()
	}
	return append(out, r.Location)
}

func pathParams(path string) []string {
	var out []string
	for _, seg := range strings.Split(path, "/") {
		if strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") {
			out = append(out, seg[1:len(seg)-1])
		}
	}
	return out
}

func containsSchema(list []any, s map[string]any) bool {
	for _, x := range list {
		if sameJSON(x, s) {
			return true
		}
	}
	return false
}

func (g *generator) queryParams(rows []*Endpoint) []any {
	var order []string
	count := map[string]int{}
	params := map[string]QueryParam{}
	for _, r := range rows {
		for _, q := range r.Route.Query {
			if _, ok := params[q.Name]; !ok {
				order = append(order, q.Name)
				params[q.Name] = q
			}
			count[q.Name]++
		}
	}
	var out []any
	for _, name := range order {
		q := params[name]
		s := g.kindSchema(queryKind(q))
		p := map[string]any{"name": name, "in": "query", "required": count[name] == len(rows), "schema": s}
		if q.Repeated {
			p["schema"] = map[string]any{"type": "array", "items": s}
			p["style"] = "form"
			p["explode"] = true
		}
		out = append(out, p)
	}
	return out
}

// queryKind is the kind of a query value: its placeholder's, or the
// parameter name's for a literal ("tag=1").
func queryKind(q QueryParam) string {
	switch {
	case q.Placeholder != "":
		return placeholderKind(q.Placeholder)
	case q.Name == "n":
		return kindInteger
	}
	return placeholderKind(q.Name)
}

// rangeRule is the fact that an operation's endpoint is to support the
// Range request header, or nil.
func (g *generator) rangeRule(method string, rows []*Endpoint) *Fact {
	if method != http.MethodGet {
		return nil
	}
	for _, r := range rows {
		for _, f := range g.m.factsFor(r.ID, method) {
			if f.Request && f.Header == "Range" {
				return &f
			}
		}
	}
	return nil
}

// requestBody is the body of a PUT, POST or PATCH: manifests by media
// type on a manifest path, bytes elsewhere.
func (g *generator) requestBody(method string, rows []*Endpoint) map[string]any {
	switch method {
	case http.MethodPut, http.MethodPost, http.MethodPatch:
	default:
		return nil
	}
	if isManifestRoute(rows[0].Route) {
		return map[string]any{"required": true, "content": g.manifestContent()}
	}
	return map[string]any{"required": false, "content": map[string]any{
		"application/octet-stream": map[string]any{"schema": map[string]any{"type": "string", "format": "binary"}},
	}}
}

// isManifestRoute tells whether a route addresses manifests: its
// last literal segment is "manifests".
func isManifestRoute(r Route) bool {
	last := ""
	for _, s := range r.Segments {
		if !placeholderRE.MatchString(s) {
			last = s
		}
	}
	return last == "manifests"
}

// manifestContent maps the manifest media types to their schemas: the
// image-spec types the spec names, and the media types its prose requires
// of manifests.
func (g *generator) manifestContent() map[string]any {
	content := map[string]any{}
	for _, s := range imageSpecSchemas {
		if s.component != "Descriptor" && g.m.mentions(s.mediaType) {
			content[s.mediaType] = map[string]any{"schema": ref(s.component)}
		}
	}
	if len(content) == 0 {
		content["application/json"] = map[string]any{"schema": map[string]any{"type": "object"}}
	}
	return content
}

func ref(component string) map[string]any {
	return map[string]any{"$ref": "#/components/schemas/" + component}
}
