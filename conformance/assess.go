package conformance

import (
	"fmt"
	"slices"
)

// Workflow is one line of a product's results as the certified list judges
// them: a results.yaml entry, or a junit category for results without one.
type Workflow struct {
	Name     string
	Category string
	Required bool
	Status   Status
	// Counts are the junit tests behind a category workflow, or the one
	// entry of a results.yaml workflow.
	Counts Counts
}

// CategoryCounts tallies one category.
type CategoryCounts struct {
	Name   string `json:"name"`
	Counts Counts `json:"counts"`
}

// Assessment is a product's results judged against a Policy.
type Assessment struct {
	Workflows []Workflow
	// Categories tally the counts of record (results.yaml entries when
	// present, else junit test cases) per category, in display order.
	Categories []CategoryCounts
	// TestCategories tally the junit test cases per category.
	TestCategories []CategoryCounts
	// Certified is true when the product has no problems and passes every
	// required workflow.
	Certified bool
	// Unmet says why a product is not certified, one reason a line.
	Unmet []string
	// Disagreements are places where results.yaml and junit.xml, or
	// junit.xml's declared counts and its test cases, disagree.
	Disagreements []string
}

// Assess judges r against p. A failed or errored test is a failed workflow
// in every format: a category with one failure among passes is Fail.
func Assess(r *Result, p Policy) Assessment {
	var a Assessment
	req := p.RequiredFor(r.Version)
	if r.Summary != nil {
		a.Workflows = summaryWorkflows(r.Summary, p, req)
	} else if r.JUnit != nil {
		a.Workflows = categoryWorkflows(r.JUnit.Tests, req)
	}
	if r.JUnit != nil {
		a.TestCategories = tallyTests(r.JUnit.Tests)
	}
	a.Categories = a.TestCategories
	if r.Summary != nil {
		a.Categories = tallyWorkflows(a.Workflows)
	}
	a.Unmet = unmet(r, a.Workflows, req)
	a.Certified = len(a.Unmet) == 0
	a.Disagreements = disagreements(r)
	return a
}

func summaryWorkflows(s *Summary, p Policy, req Required) []Workflow {
	var out []Workflow
	add := func(e Entry, cat string, required []string) {
		var c Counts
		c.Add(e.Status)
		out = append(out, Workflow{Name: e.Name, Category: cat, Required: slices.Contains(required, e.Name), Status: e.Status, Counts: c})
	}
	for _, e := range s.APIs {
		add(e, p.Category(e.Name), req.APIs)
	}
	for _, e := range s.Data {
		add(e, CategoryData, req.Data)
	}
	return out
}

func categoryWorkflows(tests []TestCase, req Required) []Workflow {
	var out []Workflow
	for _, c := range tallyTests(tests) {
		out = append(out, Workflow{Name: c.Name, Category: c.Name, Required: slices.Contains(req.Categories, c.Name), Status: c.Counts.Worst(), Counts: c.Counts})
	}
	return out
}

func tallyWorkflows(ws []Workflow) []CategoryCounts {
	idx := map[string]int{}
	var out []CategoryCounts
	for _, w := range ws {
		i, ok := idx[w.Category]
		if !ok {
			i = len(out)
			idx[w.Category] = i
			out = append(out, CategoryCounts{Name: w.Category})
		}
		out[i].Counts.Add(w.Status)
	}
	sortCategories(out)
	return out
}

func tallyTests(tests []TestCase) []CategoryCounts {
	idx := map[string]int{}
	var out []CategoryCounts
	for i := range tests {
		t := &tests[i]
		j, ok := idx[t.Category]
		if !ok {
			j = len(out)
			idx[t.Category] = j
			out = append(out, CategoryCounts{Name: t.Category})
		}
		out[j].Counts.Add(t.Status)
	}
	sortCategories(out)
	return out
}

func sortCategories(cs []CategoryCounts) {
	slices.SortStableFunc(cs, func(a, b CategoryCounts) int { return CompareCategories(a.Name, b.Name) })
}

// unmet lists why r is not certified: problems, failed or missing
// required workflows, failed tests.
func unmet(r *Result, ws []Workflow, req Required) []string {
	var out []string
	if len(r.Problems) > 0 {
		out = append(out, "the results have problems (see above)")
	}
	names := req.Categories
	if r.Summary != nil {
		names = append(slices.Clone(req.APIs), req.Data...)
	}
	for _, n := range names {
		i := slices.IndexFunc(ws, func(w Workflow) bool { return w.Name == n })
		switch {
		case i < 0:
			out = append(out, fmt.Sprintf("required workflow %q is missing", n))
		case ws[i].Status != Pass:
			out = append(out, fmt.Sprintf("required workflow %q is %s", n, ws[i].Status))
		}
	}
	return out
}

func disagreements(r *Result) []string {
	var out []string
	if r.JUnit == nil {
		return out
	}
	jc, d := r.JUnitCounts(), r.JUnit.Suite.Declared
	if d.Failed() != jc.Failed() {
		out = append(out, fmt.Sprintf("junit.xml declares %d failures and errors in its testsuite attributes, but %d of its test cases failed", d.Failed(), jc.Failed()))
	}
	if r.Summary != nil {
		sc := r.Summary.Counts()
		if (sc.Failed() > 0) != (jc.Failed() > 0) {
			out = append(out, fmt.Sprintf("results.yaml reports %d failed workflows, junit.xml %d failed test cases", sc.Failed(), jc.Failed()))
		}
	}
	return out
}
