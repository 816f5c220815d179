package openapi

import (
	"fmt"
	"net/http"
	"regexp"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"
)

// router finds the operation of a recorded request. kin-openapi's routers
// match a path parameter as one segment, but OCI repository names hold
// slashes ("library/ubuntu"), which the spec's name expression allows; so
// each path becomes a regular expression built from its parameters'
// patterns, tried most literal first.
type router struct {
	doc    *openapi3.T
	routes []compiledPath
}

type compiledPath struct {
	path string
	item *openapi3.PathItem
	// re matches the parameters' patterns; loose matches any value, so
	// that a request with a bad value still finds its operation and the
	// validator names the parameter.
	re, loose *regexp.Regexp
	names     []string
	groups    []int // the submatch index of each name, in re and loose
	literal   int
}

func newRouter(doc *openapi3.T) (*router, error) {
	r := &router{doc: doc}
	for path, item := range doc.Paths.Map() {
		cp, err := compilePath(path, item)
		if err != nil {
			return nil, err
		}
		r.routes = append(r.routes, cp)
	}
	sort.Slice(r.routes, func(i, j int) bool {
		if r.routes[i].literal != r.routes[j].literal {
			return r.routes[i].literal > r.routes[j].literal
		}
		return r.routes[i].path < r.routes[j].path
	})
	return r, nil
}

func compilePath(path string, item *openapi3.PathItem) (compiledPath, error) {
	cp := compiledPath{path: path, item: item}
	var strict, loose strings.Builder
	for i, seg := range strings.Split(path, "/") {
		if i > 0 {
			strict.WriteByte('/')
			loose.WriteByte('/')
		}
		if strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") {
			name := seg[1 : len(seg)-1]
			expr := paramExpr(item, name)
			fmt.Fprintf(&strict, "(?P<p%d>%s)", len(cp.names), expr)
			anyValue := `[^/]+`
			if strings.Contains(expr, "/") {
				anyValue = `.+?`
			}
			fmt.Fprintf(&loose, "(?P<p%d>%s)", len(cp.names), anyValue)
			cp.names = append(cp.names, name)
			continue
		}
		cp.literal += len(seg)
		strict.WriteString(regexp.QuoteMeta(seg))
		loose.WriteString(regexp.QuoteMeta(seg))
	}
	var err error
	if cp.re, err = regexp.Compile("^" + strict.String() + "$"); err != nil {
		return cp, fmt.Errorf("path %s: %w", path, err)
	}
	cp.loose = regexp.MustCompile("^" + loose.String() + "$")
	for i := range cp.names {
		cp.groups = append(cp.groups, cp.re.SubexpIndex(fmt.Sprintf("p%d", i)))
	}
	return cp, nil
}

// paramExpr is the expression a path parameter matches: its schema's
// pattern (or the patterns of its anyOf), else one segment. Parameters
// are looked up on the operations, which all declare them alike.
func paramExpr(item *openapi3.PathItem, name string) string {
	for _, op := range item.Operations() {
		p := op.Parameters.GetByInAndName(openapi3.ParameterInPath, name)
		if p == nil || p.Schema == nil || p.Schema.Value == nil {
			continue
		}
		var alts []string
		for _, s := range schemaAlternatives(p.Schema.Value) {
			if s.Pattern == "" {
				return `[^/]+`
			}
			alts = append(alts, "(?:"+strings.TrimSuffix(strings.TrimPrefix(s.Pattern, "^"), "$")+")")
		}
		if len(alts) > 0 {
			return "(?:" + strings.Join(alts, "|") + ")"
		}
	}
	return `[^/]+`
}

func schemaAlternatives(s *openapi3.Schema) []*openapi3.Schema {
	var out []*openapi3.Schema
	if len(s.AnyOf) == 0 {
		return []*openapi3.Schema{s}
	}
	for _, a := range s.AnyOf {
		if a.Value != nil {
			out = append(out, schemaAlternatives(a.Value)...)
		}
	}
	return out
}

// find returns the route and path parameters of a request: the first
// path whose parameter patterns match, else the first that matches with
// any values.
func (r *router) find(req *http.Request) (*routers.Route, map[string]string, error) {
	pathMatched := false
	for _, strict := range []bool{true, false} {
		for i := range r.routes {
			cp := &r.routes[i]
			re, groups := cp.re, cp.groups
			if !strict {
				re, groups = cp.loose, nil
			}
			m := re.FindStringSubmatch(req.URL.Path)
			if m == nil {
				continue
			}
			pathMatched = true
			op := cp.item.GetOperation(req.Method)
			if op == nil {
				continue
			}
			params := make(map[string]string, len(cp.names))
			for j, n := range cp.names {
				g := j + 1
				if groups != nil {
					g = groups[j]
				}
				params[n] = m[g]
			}
			return &routers.Route{Spec: r.doc, Path: cp.path, PathItem: cp.item, Method: req.Method, Operation: op}, params, nil
		}
	}
	if pathMatched {
		return nil, nil, fmt.Errorf("method %s not in the document for %s", req.Method, req.URL.Path)
	}
	return nil, nil, fmt.Errorf("no path of the document matches %s", req.URL.Path)
}
