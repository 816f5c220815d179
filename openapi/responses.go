package openapi

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"

	"github.com/ocispec/ocispec/schema"
)

func itoa(n int) string { return strconv.Itoa(n) }

func sameJSON(a, b any) bool {
	x, err1 := json.Marshal(a)
	y, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && string(x) == string(y)
}

// components are the schemas the responses refer to: the error envelope
// from the error-code table and the image-spec schemas.
func (g *generator) components() error {
	g.schemas["ErrorResponse"] = schema.ErrorEnvelope(g.m.Errors)
	if !g.m.mentions("application/vnd.oci.image.") {
		return nil
	}
	img, err := imageSpecComponents()
	if err != nil {
		return err
	}
	for k, v := range img {
		g.schemas[k] = v
	}
	return nil
}

// statusSet is the statuses of an operation with where each comes from.
type statusSet struct {
	codes []int
}

func (s *statusSet) add(codes ...int) {
	for _, c := range codes {
		if !slices.Contains(s.codes, c) {
			s.codes = append(s.codes, c)
		}
	}
}

// responses are the table's success and failure statuses of the rows, the
// statuses the prose states for them, and the spec-wide rules.
func (g *generator) responses(method string, rows []*Endpoint) map[string]any {
	var st statusSet
	var success []int
	for _, r := range rows {
		st.add(r.Success...)
		st.add(r.Failure...)
		success = append(success, r.Success...)
		for _, f := range g.m.factsFor(r.ID, method) {
			if f.Header == "" && f.MediaType == "" && f.Body == "" && f.Status != 0 {
				st.add(f.Status)
			}
		}
	}
	rangeRule := g.rangeRule(method, rows)
	if rangeRule != nil {
		st.add(http.StatusPartialContent, http.StatusRequestedRangeNotSatisfiable)
	}
	st.add(g.authStatuses()...)
	slices.Sort(st.codes)
	out := map[string]any{}
	for _, code := range st.codes {
		out[itoa(code)] = g.response(method, rows, code, slices.Contains(success, code))
	}
	if g.m.Redirects != "" {
		out["3XX"] = map[string]any{
			"description":      "a redirect; the registry MAY redirect any request",
			"x-ocispec-source": g.m.Redirects,
			"headers":          map[string]any{"Location": header(true, "where the request is redirected")},
		}
	}
	return out
}

// authStatuses are the statuses every operation may answer because the
// error-code table has a code for them: authentication required (401),
// access denied (403), too many requests (429).
func (g *generator) authStatuses() []int {
	var out []int
	for _, c := range g.m.Errors {
		switch {
		case containsFold(c.Message, "authentication") || containsFold(c.Message, "unauthorized"):
			out = append(out, http.StatusUnauthorized)
		case containsFold(c.Message, "denied") || containsFold(c.Message, "forbidden"):
			out = append(out, http.StatusForbidden)
		case containsFold(c.Message, "too many requests"):
			out = append(out, http.StatusTooManyRequests)
		}
	}
	return out
}

func header(required bool, description string) map[string]any {
	h := map[string]any{"schema": map[string]any{"type": "string"}}
	if required {
		h["required"] = true
	}
	if description != "" {
		h["description"] = description
	}
	return h
}

func (g *generator) response(method string, rows []*Endpoint, code int, success bool) map[string]any {
	resp := map[string]any{"description": statusText(code)}
	headers := g.headers(method, rows, code, success)
	if code >= 400 && method != http.MethodHead && sameJSON(headers, g.headers("", nil, code, false)) {
		// An error response that says nothing particular to the operation
		// is shared: components/responses/<code>.
		name := "Error" + itoa(code)
		if _, ok := g.responsesC[name]; !ok {
			shared := map[string]any{"description": statusText(code), "content": g.errorContent()}
			if len(headers) > 0 {
				shared["headers"] = headers
			}
			g.responsesC[name] = shared
		}
		return map[string]any{"$ref": "#/components/responses/" + name}
	}
	if len(headers) > 0 {
		resp["headers"] = headers
	}
	if method == http.MethodHead {
		return resp
	}
	if content := g.content(method, rows, code, success); len(content) > 0 {
		resp["content"] = content
	}
	return resp
}

func statusText(code int) string {
	if t := http.StatusText(code); t != "" {
		return t
	}
	return "status " + itoa(code)
}

// headers are the response headers the prose states for the status, the
// global ones, and those of HTTP itself (WWW-Authenticate on 401,
// RFC 9110 section 11.6.1; Content-Range on 206, section 15.3.7).
func (g *generator) headers(method string, rows []*Endpoint, code int, success bool) map[string]any {
	out := map[string]any{}
	add := func(f Fact) {
		h, _ := out[f.Header].(map[string]any)
		if h == nil {
			h = header(false, "")
			h["x-ocispec-source"] = f.File + ":" + itoa(f.Line)
			out[f.Header] = h
		}
		if f.Required {
			h["required"] = true
		}
	}
	for _, r := range rows {
		for _, f := range g.m.factsFor(r.ID, method) {
			if f.Header != "" && !f.Request && (f.Status == code || f.Status == 0 && success && code < 300) {
				add(f)
			}
		}
	}
	for _, f := range g.m.globalFacts() {
		if f.Status == code || f.Status == 0 {
			add(f)
		}
	}
	switch code {
	case http.StatusUnauthorized:
		out["WWW-Authenticate"] = header(true, "the authentication challenge (RFC 9110, section 11.6.1)")
	case http.StatusPartialContent:
		out["Content-Range"] = header(true, "the range sent (RFC 9110, section 14.4)")
	}
	delete(out, "Content-Type")
	return out
}

// content is the body of a response: the prose's example or media type
// for the status, manifests on manifest paths, bytes for other GETs, and
// the error envelope for 4xx.
func (g *generator) content(method string, rows []*Endpoint, code int, success bool) map[string]any {
	switch {
	case code >= 400 && code < 500:
		return g.errorContent()
	case !success || code == http.StatusNoContent || code >= 300:
		return nil
	}
	if c := g.proseContent(method, rows, code); len(c) > 0 {
		return c
	}
	if method != http.MethodGet {
		return nil
	}
	if isManifestRoute(rows[0].Route) {
		return g.manifestContent()
	}
	if !slices.ContainsFunc(rows[0].Route.Placeholders(), func(p string) bool { return placeholderKind(p) == kindDigest }) {
		return nil
	}
	return map[string]any{"application/octet-stream": map[string]any{"schema": map[string]any{"type": "string", "format": "binary"}},
		"*/*": map[string]any{"schema": map[string]any{"type": "string", "format": "binary"}}}
}

func (g *generator) errorContent() map[string]any {
	env := map[string]any{"schema": ref("ErrorResponse")}
	return map[string]any{"application/json": env, "*/*": map[string]any{}}
}

// proseContent is the body the prose states: a media type (with its
// image-spec schema when it has one), or a JSON example turned into a
// schema (schema.FromExample).
func (g *generator) proseContent(method string, rows []*Endpoint, code int) map[string]any {
	out := map[string]any{}
	for _, r := range rows {
		for _, f := range g.m.factsFor(r.ID, method) {
			if f.Status != 0 && f.Status != code {
				continue
			}
			switch {
			case f.MediaType != "":
				out[f.MediaType] = map[string]any{"schema": g.mediaTypeSchema(f.MediaType)}
			case f.Body != "":
				if s, err := schema.FromExample(f.Body); err == nil {
					out["application/json"] = map[string]any{"schema": s}
				}
			}
		}
	}
	return out
}

func (g *generator) mediaTypeSchema(mt string) map[string]any {
	for _, s := range imageSpecSchemas {
		if s.mediaType == mt {
			return ref(s.component)
		}
	}
	return map[string]any{}
}
