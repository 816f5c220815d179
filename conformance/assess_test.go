package conformance

import (
	"strings"
	"testing"
)

// Covers: properties-2d0856
func TestPolicyRequiredFor(t *testing.T) {
	p := Policy{Required: []Required{
		{Version: "v1.1", APIs: []string{"A"}},
		{Version: "*", APIs: []string{"B"}},
	}}
	tests := []struct {
		pol     Policy
		version string
		want    string
	}{
		{p, "v1.1", "A"},
		{p, "v1.0", "B"},
		{Policy{}, "v1.0", "Blob get"},
		{Policy{Required: []Required{{Version: "v2"}}}, "v1.0", "Blob get"},
	}
	for _, tt := range tests {
		if got := tt.pol.RequiredFor(tt.version).APIs; len(got) == 0 || got[0] != tt.want {
			t.Errorf("RequiredFor(%s) = %v, want %s first", tt.version, got, tt.want)
		}
	}
}

func TestPolicyCategory(t *testing.T) {
	p := Policy{Categories: map[string]string{"Release immutable": "Releases"}}
	for api, want := range map[string]string{
		"Blob get":          CategoryPull,
		"Referrers":         CategoryContentDiscovery,
		"Tag delete atomic": CategoryContentManagement,
		"Blob streaming":    CategoryPush,
		"Release immutable": "Releases",
		"Release listing":   CategoryContentDiscovery,
		"Part get range":    CategoryPull,
		"Frobnicate":        CategoryAPIs,
	} {
		if got := p.Category(api); got != want {
			t.Errorf("Category(%q) = %q, want %q", api, got, want)
		}
	}
}

// result builds a Result from a junit text and an optional results.yaml.
func result(t *testing.T, junit, summary string) *Result {
	t.Helper()
	r := &Result{Version: "v1.0", Dir: "p"}
	j, err := ReadJUnit(strings.NewReader(junit), "junit.xml", false)
	if err != nil {
		t.Fatal(err)
	}
	r.JUnit = j
	if summary != "" {
		if r.Summary, err = ParseSummary([]byte(summary), "results.yaml"); err != nil {
			t.Fatal(err)
		}
	}
	return r
}

func TestAssess(t *testing.T) {
	const passing = `<testsuite name="S Tests" tests="2" failures="0"><testcase name="S Tests Pull a" classname="S Tests"/><testcase name="S Tests Push b" classname="S Tests"/></testsuite>`
	const pullFails = `<testsuite name="S Tests" tests="2" failures="1"><testcase name="S Tests Pull a" classname="S Tests"><failure>x</failure></testcase><testcase name="S Tests Pull b" classname="S Tests"/></testsuite>`
	const liar = `<testsuite name="S Tests" tests="2" failures="0"><testcase name="S Tests Pull a" classname="S Tests"><failure>x</failure></testcase></testsuite>`
	tests := []struct {
		name, junit, summary string
		certified            bool
		unmet, disagree      string
	}{
		{"junit passing", passing, "", true, "", ""},
		// The old generator's bug: a workflow with one failure among passes
		// read as Pass. Here it is Fail, and the product is not certified.
		{"junit pull fails", pullFails, "", false, `required workflow "Pull" is Fail`, ""},
		{"junit declares no failure", liar, "", false, `"Pull" is Fail`, "declares 0 failures"},
		{"summary fail", passing, "apis:\n  Blob get: FAIL\n", false, `"Blob get" is Fail`, "results.yaml reports 1 failed"},
		{"summary missing required", passing, "apis:\n  Blob get: Pass\n", false, `"Blob head" is missing`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := Assess(result(t, tt.junit, tt.summary), Policy{})
			unmet, disagree := strings.Join(a.Unmet, "; "), strings.Join(a.Disagreements, "; ")
			if a.Certified != tt.certified || !strings.Contains(unmet, tt.unmet) || (tt.unmet == "") != (unmet == "") {
				t.Errorf("certified %v, unmet %q; want %v, %q", a.Certified, unmet, tt.certified, tt.unmet)
			}
			if !strings.Contains(disagree, tt.disagree) || (tt.disagree == "") != (disagree == "") {
				t.Errorf("disagreements %q, want %q", disagree, tt.disagree)
			}
		})
	}
}
