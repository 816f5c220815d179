package trace

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// An Outcome is the result of one test in one results file.
type Outcome string

// Outcomes, from best to worst; a test that appears several times in a
// file (retries, duplicate names) gets the worst.
const (
	Skip Outcome = "skip"
	Pass Outcome = "pass"
	Fail Outcome = "fail"
)

func (o Outcome) rank() int {
	switch o {
	case Fail:
		return 3
	case Pass:
		return 2
	case Skip:
		return 1
	}
	return 0
}

// worse returns the worse of two outcomes ("" is no outcome).
func worse(a, b Outcome) Outcome {
	if b.rank() > a.rank() {
		return b
	}
	return a
}

// A Results is one results file: the outcome of each test it names, for
// one run of a test suite (one product, in conformance terms).
type Results struct {
	// File is the path as given; Name labels the run in reports.
	File string `json:"file"`
	Name string `json:"name"`
	// Format is "go-test-json" or the junit flavour.
	Format   string             `json:"format"`
	Outcomes map[string]Outcome `json:"-"`
	// Tests lists test names in the order of first appearance.
	Tests []string `json:"-"`
}

func (r *Results) add(name string, o Outcome) {
	prev, ok := r.Outcomes[name]
	if !ok {
		r.Tests = append(r.Tests, name)
	}
	r.Outcomes[name] = worse(prev, o)
}

// ReadResults reads results files, detecting each one's format from its
// content. A file that cannot be read, is truncated or has an unknown
// format is a finding naming the file, and the other files are still
// read.
func ReadResults(files []string) ([]*Results, []Finding) {
	var out []*Results
	var finds []Finding
	for _, f := range files {
		r, err := readResultsFile(f)
		if err != nil {
			finds = append(finds, Finding{Kind: FindingResults, File: f, Message: err.Error()})
			continue
		}
		out = append(out, r)
	}
	nameRuns(out)
	return out, finds
}

func readResultsFile(file string) (*Results, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	trimmed := bytes.TrimLeft(data, " \t\r\n\ufeff")
	switch {
	case len(trimmed) == 0:
		return nil, fmt.Errorf("empty results file")
	case trimmed[0] == '{':
		return ReadGoTestJSON(file, data)
	case trimmed[0] == '<':
		return readJUnit(file, data)
	}
	return nil, fmt.Errorf("unknown results format (want junit XML or go test -json output)")
}

// goTestEvent is one line of go test -json (test2json) output.
type goTestEvent struct {
	Action  string
	Package string
	Test    string
}

// ReadGoTestJSON reads the output of go test -json. Test names are the
// package import path, a dot and the test name ("pkg.TestX/sub"). A line
// that is not a JSON event, or a test that started but has no outcome,
// means the file is truncated: an error naming file and line.
func ReadGoTestJSON(file string, data []byte) (*Results, error) {
	r := &Results{File: file, Format: "go-test-json", Outcomes: map[string]Outcome{}}
	running := map[string]int{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	line := 0
	for sc.Scan() {
		line++
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		var ev goTestEvent
		if err := json.Unmarshal(b, &ev); err != nil {
			return nil, fmt.Errorf("line %d: not a go test -json event (truncated?): %w", line, err)
		}
		if ev.Test == "" {
			continue
		}
		name := ev.Package + "." + ev.Test
		switch ev.Action {
		case "run":
			running[name] = line
		case "pass", "fail", "skip":
			delete(running, name)
			r.add(name, Outcome(ev.Action))
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	for name, l := range running {
		return nil, fmt.Errorf("line %d: test %s started but has no outcome (truncated file?)", l, name)
	}
	return r, nil
}

// nameRuns labels each run by what distinguishes its path from the
// others: a junit.xml file by its directory (as oci-conformance lays out
// one product per directory), and the leading and trailing path elements
// all runs share are dropped ("v1.1/zot" for .../v1.1/zot/junit.xml next
// to .../v1.0/zot/junit.xml).
func nameRuns(rs []*Results) {
	if len(rs) == 0 {
		return
	}
	parts := make([][]string, len(rs))
	for i, r := range rs {
		p := strings.Split(filepath.ToSlash(filepath.Clean(r.File)), "/")
		if len(p) > 1 && p[len(p)-1] == "junit.xml" {
			p = p[:len(p)-1]
		}
		parts[i] = p
	}
	if len(rs) == 1 {
		rs[0].Name = parts[0][len(parts[0])-1]
		return
	}
	pre, suf := commonEnds(parts)
	used := map[string]int{}
	for i, r := range rs {
		p := parts[i]
		r.Name = filepath.ToSlash(r.File)
		if pre+suf < len(p) {
			r.Name = strings.Join(p[pre:len(p)-suf], "/")
		}
		// The same file given twice is two runs with two names.
		if used[r.Name]++; used[r.Name] > 1 {
			r.Name += " (" + strconv.Itoa(used[r.Name]) + ")"
		}
	}
}

// commonEnds returns the number of leading and trailing path elements all
// paths share.
func commonEnds(parts [][]string) (pre, suf int) {
	minLen := len(parts[0])
	for _, p := range parts {
		minLen = min(minLen, len(p))
	}
	for pre < minLen-1 && allEqual(parts, func(p []string) string { return p[pre] }) {
		pre++
	}
	for suf < minLen-1-pre && allEqual(parts, func(p []string) string { return p[len(p)-1-suf] }) {
		suf++
	}
	return pre, suf
}

func allEqual(parts [][]string, at func([]string) string) bool {
	first := at(parts[0])
	for _, p := range parts[1:] {
		if at(p) != first {
			return false
		}
	}
	return true
}
