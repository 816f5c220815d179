// Package trace relates the requirements of a spec set to the tests that
// cover them and to those tests' results: evidence comes from "Covers:"
// annotations in Go test code and from mapping files, outcomes from
// go test -json and junit files. docs/trace.md is the normative
// description of the annotations, the mapping format, the statuses and
// the JSON report; keep them in step.
package trace

import (
	"sort"
	"strings"

	"github.com/ocispec/ocispec/reqs"
)

// Status is the traceability status of a requirement.
type Status string

// Statuses.
const (
	StatusPass      Status = "pass"
	StatusFail      Status = "fail"
	StatusSkip      Status = "skip"
	StatusCovered   Status = "covered"
	StatusStale     Status = "stale"
	StatusUncovered Status = "uncovered"
)

// Input is everything a trace is built from.
type Input struct {
	Requirements []*reqs.Requirement
	Scan         *Scan
	Mappings     []*Mapping
	Results      []*Results
	// Findings carries problems found while reading the inputs (results
	// files that could not be read), reported with the trace.
	Findings []Finding
}

// Options filter the requirements a report lists and counts.
type Options struct {
	// Level keeps requirements of this level group (MUST, SHOULD, MAY;
	// "MUST" includes MUST NOT) or exact level ("MUST NOT").
	Level string
	// Role keeps requirements whose role (actor) is this.
	Role string
}

// An evidence is one test tracing to one requirement.
type evidence struct {
	test   string
	via    string // "annotation" or "mapping"
	file   string
	line   int
	stale  bool
	target string
}

// Build traces requirements to tests and outcomes.
func Build(in Input, opt Options) *Report {
	idx := newIndex(in.Requirements)
	rep := &Report{Runs: in.Results, Findings: append([]Finding(nil), in.Findings...)}
	if in.Scan != nil {
		rep.Findings = append(rep.Findings, in.Scan.Findings...)
	}
	ev := map[*reqs.Requirement][]evidence{}
	traced := map[string]bool{}
	annotationEvidence(rep, idx, in.Scan, ev, traced)
	names := allTestNames(in.Scan, in.Results)
	mappingEvidence(rep, idx, in.Mappings, names, ev, traced)
	for _, r := range in.Requirements {
		if !opt.keep(r) {
			continue
		}
		rep.Requirements = append(rep.Requirements, traceRequirement(r, ev[r], in.Results))
	}
	rep.Untraced = untraced(in.Scan, names, traced)
	rep.Levels = levelCoverage(rep.Requirements)
	sortFindings(rep.Findings)
	return rep
}

func (o Options) keep(r *reqs.Requirement) bool {
	if o.Level != "" && !levelMatches(string(r.Level), o.Level) {
		return false
	}
	if o.Role != "" && !strings.EqualFold(r.Actor, o.Role) {
		return false
	}
	return true
}

// levelMatches reports whether level is want or in want's group.
func levelMatches(level, want string) bool {
	want = strings.ToUpper(strings.TrimSpace(want))
	return level == want || LevelGroup(level) == want
}

// LevelGroup returns the coverage group of a level: MUST NOT counts as
// MUST, SHOULD NOT as SHOULD.
func LevelGroup(level string) string {
	return strings.TrimSuffix(level, " NOT")
}

// index resolves annotation targets: requirement IDs, section anchors
// and endpoint IDs.
type index struct {
	byID       map[string]*reqs.Requirement
	bySection  map[string][]*reqs.Requirement
	byEndpoint map[string][]*reqs.Requirement
}

func newIndex(all []*reqs.Requirement) *index {
	x := &index{
		byID:       make(map[string]*reqs.Requirement, len(all)),
		bySection:  map[string][]*reqs.Requirement{},
		byEndpoint: map[string][]*reqs.Requirement{},
	}
	for _, r := range all {
		x.byID[r.ID] = r
		for _, a := range r.SectionPath {
			x.bySection[a] = append(x.bySection[a], r)
		}
		for _, ref := range r.Refs {
			if ref.Kind == reqs.RefEndpoint {
				x.byEndpoint[ref.Target] = append(x.byEndpoint[ref.Target], r)
			}
		}
	}
	return x
}

// resolve returns the requirements a target names and whether it names a
// single requirement by ID (the only kind of target a revision applies
// to).
func (x *index) resolve(name string) (rs []*reqs.Requirement, byID bool) {
	if r, ok := x.byID[name]; ok {
		return []*reqs.Requirement{r}, true
	}
	if file, anchor, ok := strings.Cut(name, "#"); ok && file != "" {
		return inFile(x.bySection[anchor], file), false
	}
	if rs := x.bySection[strings.TrimPrefix(name, "#")]; len(rs) > 0 {
		return rs, false
	}
	return x.byEndpoint[name], false
}

// check resolves a target named at file:line (by test, for annotations)
// and reports an orphan or a stale revision as findings.
func (x *index) check(rep *Report, t Target, file string, line int, test string) (rs []*reqs.Requirement, stale, ok bool) {
	rs, byID := x.resolve(t.Name)
	if len(rs) == 0 {
		rep.Orphans = append(rep.Orphans, Orphan{Target: t.Name, Test: test, File: file, Line: line})
		rep.Findings = append(rep.Findings, Finding{Kind: FindingOrphan, File: file, Line: line,
			Message: "unknown requirement, section or endpoint " + quote(t.Name)})
		return nil, false, false
	}
	if t.Revision == "" {
		return rs, false, true
	}
	if !byID {
		rep.Findings = append(rep.Findings, Finding{Kind: FindingSyntax, File: file, Line: line,
			Message: "a revision applies only to a requirement ID, not to section or endpoint " + quote(t.Name)})
		return rs, false, true
	}
	if rev := rs[0].Revision; rev != t.Revision {
		rep.Findings = append(rep.Findings, Finding{Kind: FindingStale, File: file, Line: line,
			Message: quote(t.Name) + " names revision " + t.Revision + " but the requirement's text is now at " + rev + "; review the test, then update the revision"})
		return rs, true, true
	}
	return rs, false, true
}

func addEvidence(ev map[*reqs.Requirement][]evidence, rs []*reqs.Requirement, e evidence) {
	for _, r := range rs {
		ev[r] = append(ev[r], e)
	}
}

// inFile keeps the requirements of the document named file: its path,
// or a path that ends in "/" + file ("trace.md" names docs/trace.md), so
// that a target does not depend on the directory ocispec runs in.
func inFile(rs []*reqs.Requirement, file string) []*reqs.Requirement {
	var out []*reqs.Requirement
	for _, r := range rs {
		if r.File == file || strings.HasSuffix(r.File, "/"+file) {
			out = append(out, r)
		}
	}
	return out
}

func quote(s string) string { return `"` + s + `"` }

func annotationEvidence(rep *Report, x *index, scan *Scan, ev map[*reqs.Requirement][]evidence, traced map[string]bool) {
	if scan == nil {
		return
	}
	for _, a := range scan.Annotations {
		rs, stale, ok := x.check(rep, Target{Name: a.Target, Revision: a.Revision}, a.File, a.Line, a.Test)
		if !ok {
			continue
		}
		traced[a.Test] = true
		addEvidence(ev, rs, evidence{test: a.Test, via: "annotation", file: a.File, line: a.Line, stale: stale, target: a.Target})
	}
}

func mappingEvidence(rep *Report, x *index, maps []*Mapping, names []string, ev map[*reqs.Requirement][]evidence, traced map[string]bool) {
	for _, m := range maps {
		for _, ent := range m.Entries {
			matched := ent.matching(names)
			if len(matched) == 0 {
				rep.Unmatched = append(rep.Unmatched, Unmatched{File: m.File, Line: ent.Line, Patterns: ent.Patterns})
				rep.Findings = append(rep.Findings, Finding{Kind: FindingUnmatched, File: m.File, Line: ent.Line,
					Message: "mapping entry matches no test: " + strings.Join(ent.Patterns, ", ")})
			}
			for _, t := range ent.Targets {
				rs, stale, ok := x.check(rep, t, m.File, ent.Line, "")
				if !ok {
					continue
				}
				for _, n := range matched {
					traced[n] = true
					addEvidence(ev, rs, evidence{test: n, via: "mapping", file: m.File, line: ent.Line, stale: stale, target: t.Name})
				}
			}
		}
	}
}

// allTestNames lists every test the inputs know, scanned or run, once,
// in order of first appearance.
func allTestNames(scan *Scan, runs []*Results) []string {
	seen := map[string]bool{}
	var out []string
	add := func(n string) {
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	if scan != nil {
		for _, t := range scan.Tests {
			add(t.Name)
		}
	}
	for _, r := range runs {
		for _, n := range r.Tests {
			add(n)
		}
	}
	return out
}

// traceRequirement computes one requirement's tests, outcomes and status.
func traceRequirement(r *reqs.Requirement, evs []evidence, runs []*Results) *ReqTrace {
	rt := &ReqTrace{ID: r.ID, Level: string(r.Level), Revision: r.Revision, Text: r.Text, File: r.File, Line: r.Line,
		Section: r.Section, Actor: r.Actor, Tests: []TestTrace{}, Runs: map[string]Outcome{}}
	fresh, stale := 0, 0
	byTest := map[string]int{}
	for _, e := range evs {
		if e.stale {
			stale++
		} else {
			fresh++
		}
		if i, ok := byTest[e.test]; ok {
			rt.Tests[i].Stale = rt.Tests[i].Stale && e.stale
			continue
		}
		byTest[e.test] = len(rt.Tests)
		tt := TestTrace{Name: e.test, Via: e.via, Target: e.target, File: e.file, Line: e.line, Stale: e.stale, Outcomes: map[string]Outcome{}}
		for _, run := range runs {
			if o, ok := run.Outcomes[e.test]; ok {
				tt.Outcomes[run.Name] = o
				if !e.stale {
					rt.Runs[run.Name] = worse(rt.Runs[run.Name], o)
				}
			}
		}
		rt.Tests = append(rt.Tests, tt)
	}
	rt.Status = status(fresh, stale, rt.Runs)
	return rt
}

func status(fresh, stale int, runs map[string]Outcome) Status {
	switch {
	case fresh == 0 && stale > 0:
		return StatusStale
	case fresh == 0:
		return StatusUncovered
	}
	var all Outcome
	for _, o := range runs {
		all = worse(all, o)
	}
	switch all {
	case Fail:
		return StatusFail
	case Pass:
		return StatusPass
	case Skip:
		return StatusSkip
	}
	return StatusCovered
}

// untraced lists the tests that trace to no requirement. A subtest is
// traced when its parent is, and not listed when its parent is.
func untraced(scan *Scan, names []string, traced map[string]bool) []UntracedTest {
	where := map[string]GoTest{}
	if scan != nil {
		for _, t := range scan.Tests {
			where[t.Name] = t
		}
	}
	known := make(map[string]bool, len(names))
	for _, n := range names {
		known[n] = true
	}
	out := []UntracedTest{}
	for _, n := range names {
		if traced[n] || hasParent(n, known) {
			continue
		}
		t := where[n]
		out = append(out, UntracedTest{Name: n, File: t.File, Line: t.Line})
	}
	return out
}

// hasParent reports whether a prefix of name ending before a "/" is in
// set.
func hasParent(name string, set map[string]bool) bool {
	for i := len(name) - 1; i > 0; i-- {
		if name[i] == '/' && set[name[:i]] {
			return true
		}
	}
	return false
}

// levelCoverage counts requirements and covered ones per level group.
func levelCoverage(rs []*ReqTrace) map[string]*LevelCount {
	out := map[string]*LevelCount{}
	for _, r := range rs {
		g := LevelGroup(r.Level)
		c := out[g]
		if c == nil {
			c = &LevelCount{}
			out[g] = c
		}
		c.Total++
		if r.Status != StatusUncovered && r.Status != StatusStale {
			c.Covered++
		}
	}
	for _, c := range out {
		c.Percent = percent(c.Covered, c.Total)
	}
	return out
}

func percent(n, total int) float64 {
	if total == 0 {
		return 100
	}
	return float64(int(float64(n)*1000/float64(total))) / 10
}

func sortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		if fs[i].File != fs[j].File {
			return fs[i].File < fs[j].File
		}
		return fs[i].Line < fs[j].Line
	})
}
