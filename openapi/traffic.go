package openapi

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"

	"github.com/ocispec/ocispec/conformance"
)

// A TrafficReport is the result of checking recorded exchanges against a
// document.
type TrafficReport struct {
	Exchanges int       `json:"exchanges"`
	Valid     int       `json:"valid"`
	Invalid   []Invalid `json:"invalid"`
	// ByOperation counts exchanges per operationId ("" for exchanges no
	// operation matches).
	ByOperation map[string]*OperationCount `json:"byOperation"`
	// Errors are problems with whole files (truncated XML, invalid
	// UTF-8); the exchanges read before the problem are still checked.
	Errors []string `json:"errors,omitempty"`
	// Omitted counts invalid exchanges beyond MaxInvalid, not listed.
	Omitted int `json:"omitted,omitempty"`
}

// An Invalid is one exchange that does not validate.
type Invalid struct {
	Test   string `json:"test"`
	Method string `json:"method"`
	URL    string `json:"url"`
	Status int    `json:"status"`
	Reason string `json:"reason"`
	// Class is the reason without the values that differ between
	// exchanges, for grouping.
	Class string `json:"class"`
	File  string `json:"file"`
	Line  int    `json:"line"`
}

// OperationCount tallies the exchanges of one operation.
type OperationCount struct {
	Exchanges int `json:"exchanges"`
	Valid     int `json:"valid"`
}

// MaxInvalid bounds the invalid exchanges a report lists, so that a huge
// file of failures keeps memory bounded; the rest are counted in Omitted.
const MaxInvalid = 10000

// A Checker validates exchanges against one document.
type Checker struct {
	doc    *openapi3.T
	router *router
	opts   *openapi3filter.Options
}

// NewChecker prepares a document for checking traffic.
func NewChecker(doc *openapi3.T) (*Checker, error) {
	r, err := newRouter(doc)
	if err != nil {
		return nil, err
	}
	opts := &openapi3filter.Options{
		IncludeResponseStatus: true,
		MultiError:            false,
		AuthenticationFunc:    openapi3filter.NoopAuthenticationFunc,
	}
	return &Checker{doc: doc, router: r, opts: opts}, nil
}

// LoadDocument reads and validates an OpenAPI document (YAML or JSON).
func LoadDocument(path string) (*openapi3.T, error) {
	doc, err := openapi3.NewLoader().LoadFromFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return doc, nil
}

// NewReport returns an empty report.
func NewReport() *TrafficReport {
	return &TrafficReport{Invalid: []Invalid{}, ByOperation: map[string]*OperationCount{}}
}

// CheckFile checks every exchange recorded in one junit file, streaming
// test cases so that memory stays bounded by the largest one. A file that
// cannot be read to its end is recorded in Errors.
func (c *Checker) CheckFile(rep *TrafficReport, r io.Reader, file string) {
	jr := conformance.NewJUnitReader(r, file)
	for {
		tc, err := jr.Next()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			rep.Errors = append(rep.Errors, err.Error())
			return
		}
		for i := range tc.Exchanges {
			c.record(rep, tc, &tc.Exchanges[i], file)
		}
	}
}

func (c *Checker) record(rep *TrafficReport, tc *conformance.TestCase, ex *conformance.Exchange, file string) {
	rep.Exchanges++
	opID, err := c.Check(ex)
	cnt := rep.ByOperation[opID]
	if cnt == nil {
		cnt = &OperationCount{}
		rep.ByOperation[opID] = cnt
	}
	cnt.Exchanges++
	if err == nil {
		rep.Valid++
		cnt.Valid++
		return
	}
	if len(rep.Invalid) >= MaxInvalid {
		rep.Omitted++
		return
	}
	inv := Invalid{Test: tc.Name, Method: ex.Request.Method, URL: ex.Request.URL, Reason: oneLine(err.Error(), 400),
		Class: classify(err), File: file, Line: ex.Line}
	if ex.Response != nil {
		inv.Status = ex.Response.StatusCode
	}
	rep.Invalid = append(rep.Invalid, inv)
}

// Check validates one exchange's request and response and returns the
// operationId it matched.
func (c *Checker) Check(ex *conformance.Exchange) (string, error) {
	req, err := httpRequest(&ex.Request)
	if err != nil {
		return "", err
	}
	route, params, err := c.router.find(req)
	if err != nil {
		return "", &checkError{class: "no operation", err: err}
	}
	opID := route.Operation.OperationID
	opts := *c.opts
	opts.ExcludeRequestBody = !ex.Request.Body.Complete
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route, Options: &opts}
	if err := openapi3filter.ValidateRequest(context.Background(), in); err != nil {
		return opID, &checkError{class: "request", err: err}
	}
	if ex.Response == nil {
		return opID, &checkError{class: "no response recorded", err: errors.New("the log records no response")}
	}
	return opID, c.checkResponse(in, ex.Response)
}

func (c *Checker) checkResponse(in *openapi3filter.RequestValidationInput, resp *conformance.Response) error {
	ropts := *in.Options
	ropts.ExcludeResponseBody = !resp.Body.Complete
	rin := in
	if in.Request.Method == http.MethodHead {
		// openapi3filter skips every HEAD response; the HEAD operation has
		// no body, so validating it as if it were a GET checks its status
		// and headers only.
		clone := *in
		clone.Request = in.Request.Clone(context.Background())
		clone.Request.Method = http.MethodGet
		rin = &clone
	}
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: rin, Status: resp.StatusCode, Header: resp.Header, Options: &ropts}
	out.SetBodyBytes(resp.Body.Data)
	if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
		return &checkError{class: "response", err: err}
	}
	if resp.StatusCode >= 300 && resp.StatusCode < 400 && resp.Header.Get("Location") == "" {
		return &checkError{class: "response", err: errors.New("redirect without Location")}
	}
	return nil
}

func httpRequest(r *conformance.Request) (*http.Request, error) {
	u, err := url.Parse(r.URL)
	if err != nil {
		return nil, &checkError{class: "request URL", err: err}
	}
	req, err := http.NewRequest(r.Method, u.String(), bytes.NewReader(r.Body.Data))
	if err != nil {
		return nil, &checkError{class: "request URL", err: err}
	}
	req.Header = r.Header.Clone()
	return req, nil
}

// checkError is a validation failure with the part of the exchange it
// concerns.
type checkError struct {
	class string
	err   error
}

func (e *checkError) Error() string { return e.class + ": " + e.err.Error() }
func (e *checkError) Unwrap() error { return e.err }

// classify groups a failure: the part, and kin-openapi's reason without
// the values of the exchange.
func classify(err error) string {
	var ce *checkError
	if !errors.As(err, &ce) {
		return "other"
	}
	var re *openapi3filter.ResponseError
	var rq *openapi3filter.RequestError
	switch {
	case errors.As(err, &re):
		reason := re.Reason
		if strings.HasPrefix(reason, "response header") || strings.HasPrefix(reason, "unable to decode header") {
			return ce.class + ": " + reason
		}
		return ce.class + ": " + firstClause(reason)
	case errors.As(err, &rq):
		if rq.Parameter != nil {
			return fmt.Sprintf("%s: %s parameter %q: %s", ce.class, rq.Parameter.In, rq.Parameter.Name, firstClause(rq.Reason))
		}
		return ce.class + ": " + firstClause(rq.Reason)
	}
	return ce.class + ": " + firstClause(ce.err.Error())
}

func firstClause(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	if i := strings.IndexByte(s, '"'); i > 0 {
		s = strings.TrimSpace(s[:i])
	}
	return strings.TrimSuffix(s, ":")
}

func oneLine(s string, max int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > max {
		s = s[:max] + "…"
	}
	return s
}

// Operations returns the operationIds of the report, sorted.
func (r *TrafficReport) Operations() []string {
	out := make([]string, 0, len(r.ByOperation))
	for k := range r.ByOperation {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
