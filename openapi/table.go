package openapi

import (
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"github.com/ocispec/ocispec/specs"
)

// An Endpoint is one row of a spec's endpoints table.
type Endpoint struct {
	// ID is the row's identifier, e.g. "end-4a".
	ID string
	// Methods are the upper-case HTTP methods of the row ("GET", "HEAD").
	Methods []string
	// Template is the API endpoint as written, e.g.
	// "/v2/<name>/blobs/uploads/?digest=<digest>".
	Template string
	// Route is Template parsed into path segments and query parameters.
	Route Route
	// Success and Failure are the status codes of the row.
	Success, Failure []int
	// File and Line locate the row.
	File string
	Line int
	// Doc and Row give the row's cells to the lint rule.
	Doc *specs.Document
	Row []*specs.Block
}

// A RowError is a malformed row of an endpoints table: the other rows
// are still read.
type RowError struct {
	File string
	Line int
	Msg  string
}

func (e *RowError) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

// endpointColumns are the header cells an endpoints table has, in any
// order and case.
var endpointColumns = []string{"id", "method", "api endpoint", "success", "failure"}

// endpointTable is the column index of each of endpointColumns in one
// table, or nil when the table is not an endpoints table.
func endpointTable(t *specs.Table) []int {
	cols := make([]int, len(endpointColumns))
	for i, want := range endpointColumns {
		cols[i] = -1
		for j, h := range t.Header {
			if strings.EqualFold(cellText(h), want) {
				cols[i] = j
			}
		}
		if cols[i] < 0 {
			return nil
		}
	}
	return cols
}

// Endpoints reads the endpoints tables of a document. Malformed rows are
// returned as RowErrors; the good rows are returned with them.
func Endpoints(doc *specs.Document) ([]*Endpoint, []error) {
	var eps []*Endpoint
	var errs []error
	for _, t := range doc.Tables {
		cols := endpointTable(t)
		if cols == nil {
			continue
		}
		for _, row := range t.Rows {
			ep, err := parseRow(doc, row, cols)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			eps = append(eps, ep)
		}
	}
	return eps, errs
}

func parseRow(doc *specs.Document, row []*specs.Block, cols []int) (*Endpoint, error) {
	line := rowLine(doc, row)
	fail := func(format string, args ...any) error {
		return &RowError{File: doc.Path, Line: line, Msg: fmt.Sprintf(format, args...)}
	}
	cell := func(i int) string {
		if cols[i] >= len(row) || row[cols[i]] == nil {
			return ""
		}
		return cellText(row[cols[i]])
	}
	for i, name := range endpointColumns {
		if cell(i) == "" {
			return nil, fail("endpoint row has no %s", name)
		}
	}
	ep := &Endpoint{ID: strings.Trim(cell(0), "`"), Template: strings.Trim(cell(2), "` "), File: doc.Path, Line: line, Doc: doc, Row: row}
	var err error
	if ep.Methods, err = parseMethods(cell(1)); err != nil {
		return nil, fail("%s: %v", ep.ID, err)
	}
	if ep.Route, err = ParseTemplate(ep.Template); err != nil {
		return nil, fail("%s: path template %q: %v", ep.ID, ep.Template, err)
	}
	if ep.Success, err = parseStatuses(cell(3)); err != nil {
		return nil, fail("%s: success: %v", ep.ID, err)
	}
	if ep.Failure, err = parseStatuses(cell(4)); err != nil {
		return nil, fail("%s: failure: %v", ep.ID, err)
	}
	return ep, nil
}

func rowLine(doc *specs.Document, row []*specs.Block) int {
	for _, c := range row {
		if c != nil && len(c.Lines) > 0 {
			return doc.Position(c.Span().Start).Line
		}
	}
	return 0
}

var listSep = regexp.MustCompile(`[\s/,|]+`)

// splitList splits a cell such as "`GET` / `HEAD`" or "`404`/`401`".
func splitList(s string) []string {
	var out []string
	for _, f := range listSep.Split(strings.ReplaceAll(s, "`", " "), -1) {
		if f != "" {
			out = append(out, f)
		}
	}
	return out
}

var knownMethods = map[string]bool{
	http.MethodGet: true, http.MethodHead: true, http.MethodPost: true, http.MethodPut: true,
	http.MethodPatch: true, http.MethodDelete: true, http.MethodOptions: true,
}

func parseMethods(s string) ([]string, error) {
	var out []string
	for _, m := range splitList(s) {
		if !knownMethods[m] {
			return nil, fmt.Errorf("unknown method %q", m)
		}
		out = append(out, m)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no method")
	}
	return out, nil
}

func parseStatuses(s string) ([]int, error) {
	var out []int
	for _, f := range splitList(s) {
		n, err := strconv.Atoi(f)
		if err != nil || n < 100 || n > 599 {
			return nil, fmt.Errorf("%q is not an HTTP status code", f)
		}
		out = append(out, n)
	}
	return out, nil
}

// cellText is a table cell's plain text, code spans kept with their
// backticks, surrounding space trimmed.
func cellText(b *specs.Block) string {
	if b == nil {
		return ""
	}
	parts := make([]string, 0, len(b.Sentences))
	for _, s := range b.Sentences {
		parts = append(parts, s.Text)
	}
	return strings.TrimSpace(strings.Join(parts, " "))
}
