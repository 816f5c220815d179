package conformance

import (
	"bufio"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// Format is the flavour of a junit.xml file.
type Format string

// The three JUnit flavours of oci-conformance.
const (
	// FormatGinkgoV1 is conformance v1 (distribution-spec v1.0) Ginkgo v1
	// output: a <testsuite> of <testcase> elements without a status
	// attribute, failures and skips as <failure> and <skipped> children.
	FormatGinkgoV1 Format = "ginkgo-v1"
	// FormatGinkgoV2 is Ginkgo v2 output: <testsuites>, suite properties
	// such as SuiteSucceeded, a status attribute on every <testcase>.
	FormatGinkgoV2 Format = "ginkgo-v2"
	// FormatConformanceV2 is the conformance v2 suite's output: a "Config"
	// suite property holding the run's configuration as YAML, test names
	// as slash-separated paths and HTTP exchanges in <system-err>.
	FormatConformanceV2 Format = "conformance-v2"
)

// TestCase is one <testcase> of a junit file.
type TestCase struct {
	// Name is the test's full name as the file records it.
	Name string
	// Category groups tests for display and for workflows: the Ginkgo
	// container after the suite's top container ("Pull", "Push",
	// "Content Discovery", "Content Management") or, in conformance v2,
	// the first path element after the suite name ("sha256 blobs",
	// "image").
	Category string
	Status   Status
	// Message is the one-line reason for a non-passing test: the
	// failure, error or skip message.
	Message string
	// Detail is the full failure or error text (location, expectation).
	Detail   string
	Duration time.Duration
	// Log is the test's system-out and system-err text without the
	// recorded exchanges, kept for tests that did not pass (at most
	// maxLog bytes).
	Log string
	// Exchanges are the HTTP exchanges the test's log recorded, in order.
	Exchanges []Exchange
	// Line is the line of the <testcase> element in the file.
	Line int
}

// Suite describes a junit file as a whole.
type Suite struct {
	Format Format
	// Name is the first <testsuite>'s name.
	Name string
	// Declared tallies what the <testsuite> attributes claim (tests,
	// failures, errors, skipped, disabled, summed over suites);
	// DeclaredTests is their "tests" sum. They may differ from the
	// test cases actually present, which is what counts.
	Declared      Counts
	DeclaredTests int
	// Properties are the suite properties in file order.
	Properties []Setting
	// Config is the run's configuration (conformance v2), or nil.
	Config *Config
}

// JUnit is a whole junit file read by ReadJUnit.
type JUnit struct {
	File  string
	Suite Suite
	Tests []TestCase
}

// Counts tallies the file's test cases.
func (j *JUnit) Counts() Counts {
	var c Counts
	for i := range j.Tests {
		c.Add(j.Tests[i].Status)
	}
	return c
}

const maxLog = 8 << 10

// JUnitReader streams the test cases of one junit file. Memory is bounded by
// the largest single test case, not by the file.
type JUnitReader struct {
	// DropPassingExchanges skips the HTTP exchanges of passing tests,
	// which saves most of the work for a reader that only reports
	// outcomes and failures.
	DropPassingExchanges bool

	dec     *xml.Decoder
	file    string
	suite   Suite
	depth   int  // open elements
	rooted  bool // the root element was seen
	decided bool // suite.Format is known
	err     error
}

// NewJUnitReader returns a reader of the junit file r; file names it in
// errors.
func NewJUnitReader(r io.Reader, file string) *JUnitReader {
	dec := xml.NewDecoder(bufio.NewReaderSize(r, 64<<10))
	return &JUnitReader{dec: dec, file: file}
}

// Suite describes the file. Its properties and format are known once the
// first test case was returned; its declared counts once Next returned
// io.EOF.
func (r *JUnitReader) Suite() *Suite { return &r.suite }

// Next returns the next test case, io.EOF after the last, or a *FileError
// for a file that is not well-formed XML (truncated, invalid UTF-8), not
// JUnit, or records a status nobody knows. After an error Next keeps
// returning it.
func (r *JUnitReader) Next() (*TestCase, error) {
	if r.err != nil {
		return nil, r.err
	}
	tc, err := r.next()
	if err != nil {
		r.err = err
	}
	return tc, err
}

func (r *JUnitReader) next() (*TestCase, error) {
	for {
		tok, err := r.dec.Token()
		if err != nil {
			return nil, r.tokenErr(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			r.depth++
			tc, err := r.start(t)
			if tc != nil || err != nil {
				return tc, err
			}
		case xml.EndElement:
			r.depth--
		case xml.CharData:
			if r.depth == 0 && len(strings.TrimSpace(string(t))) > 0 {
				return nil, r.errf("text outside the root element")
			}
		}
	}
}

func (r *JUnitReader) tokenErr(err error) error {
	var se *xml.SyntaxError
	switch {
	case errors.As(err, &se):
		return &FileError{File: r.file, Line: se.Line, Err: fmt.Errorf("malformed XML (truncated or not UTF-8?): %s", se.Msg)}
	case errors.Is(err, io.EOF) && !r.rooted:
		return r.errf("empty file: no <testsuites> or <testsuite> element")
	case errors.Is(err, io.EOF) && r.depth > 0:
		return r.errf("truncated: file ends inside an element")
	case errors.Is(err, io.EOF):
		return io.EOF
	}
	return &FileError{File: r.file, Err: err}
}

func (r *JUnitReader) line() int {
	l, _ := r.dec.InputPos()
	return l
}

func (r *JUnitReader) errf(format string, args ...any) *FileError {
	return fileErr(r.file, r.line(), format, args...)
}

// start handles a start element outside any test case.
func (r *JUnitReader) start(t xml.StartElement) (*TestCase, error) {
	if !r.rooted {
		r.rooted = true
		if t.Name.Local != "testsuites" && t.Name.Local != "testsuite" {
			return nil, r.errf("unknown format: root element <%s>, want <testsuites> or <testsuite>", t.Name.Local)
		}
	}
	switch t.Name.Local {
	case "testsuite":
		r.readSuiteAttrs(t)
	case "property":
		return nil, r.readProperty(t)
	case "testcase":
		r.decide(t)
		tc, err := r.readCase(t)
		r.depth--
		return tc, err
	}
	return nil, nil
}

func (r *JUnitReader) readSuiteAttrs(t xml.StartElement) {
	if r.suite.Name == "" {
		r.suite.Name = attr(t, "name")
	}
	n := func(k string) int { v, _ := strconv.Atoi(attr(t, k)); return v }
	r.suite.DeclaredTests += n("tests")
	r.suite.Declared.Fail += n("failures")
	r.suite.Declared.Error += n("errors")
	r.suite.Declared.Skip += n("skipped")
	r.suite.Declared.Disabled += n("disabled")
	r.suite.Declared.Pass = r.suite.DeclaredTests - r.suite.Declared.Total()
}

func (r *JUnitReader) readProperty(t xml.StartElement) error {
	name, value := attr(t, "name"), attr(t, "value")
	r.suite.Properties = append(r.suite.Properties, Setting{Key: name, Value: value})
	if name != "Config" {
		return nil
	}
	cfg, err := ParseConfig([]byte(value))
	if err != nil {
		return r.errf("suite property Config: %v", err)
	}
	r.suite.Config = cfg
	return nil
}

// decide fixes the format at the first test case: properties come first.
func (r *JUnitReader) decide(t xml.StartElement) {
	if r.decided {
		return
	}
	r.decided = true
	switch {
	case r.suite.Config != nil:
		r.suite.Format = FormatConformanceV2
	case hasAttr(t, "status"):
		r.suite.Format = FormatGinkgoV2
	default:
		r.suite.Format = FormatGinkgoV1
	}
}

func attr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func hasAttr(t xml.StartElement, name string) bool {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return true
		}
	}
	return false
}

// ReadJUnit reads a whole junit file. Exchanges of passing tests are kept
// only when keepAll is set (a validator of traffic wants them; a results
// page does not).
func ReadJUnit(r io.Reader, file string, keepAll bool) (*JUnit, error) {
	jr := NewJUnitReader(r, file)
	jr.DropPassingExchanges = !keepAll
	j := &JUnit{File: file}
	for {
		tc, err := jr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			j.Suite = *jr.Suite()
			return j, err
		}
		j.Tests = append(j.Tests, *tc)
	}
	j.Suite = *jr.Suite()
	return j, nil
}
