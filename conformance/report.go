package conformance

// Report is the JSON form of a tree's results (`ocispec certified --format
// json`).
type Report struct {
	Products []ProductReport `json:"products"`
}

// ProductReport is one product and spec version. Counts tallies the
// conformance v2 summary (results.yaml apis and data) when there is one and
// the junit test cases otherwise; JUnitCounts always tallies the junit test
// cases.
type ProductReport struct {
	Name          string           `json:"name"`
	Vendor        string           `json:"vendor"`
	Version       string           `json:"version"`
	Spec          string           `json:"spec"`
	SpecVersion   string           `json:"specVersion"`
	Dir           string           `json:"dir"`
	Type          string           `json:"type,omitempty"`
	Hosted        bool             `json:"hosted"`
	Certified     bool             `json:"certified"`
	Format        Format           `json:"format,omitempty"`
	Counts        Counts           `json:"counts"`
	JUnitCounts   Counts           `json:"junitCounts"`
	Categories    []CategoryCounts `json:"categories"`
	Workflows     []WorkflowReport `json:"workflows"`
	Tests         []TestReport     `json:"tests"`
	Unmet         []string         `json:"unmet,omitempty"`
	Disagreements []string         `json:"disagreements,omitempty"`
	Problems      []string         `json:"problems,omitempty"`
}

// WorkflowReport is a Workflow in JSON.
type WorkflowReport struct {
	Name     string `json:"name"`
	Category string `json:"category"`
	Required bool   `json:"required"`
	Status   Status `json:"status"`
}

// TestReport is a TestCase in JSON, without its log and exchanges.
type TestReport struct {
	Name     string `json:"name"`
	Category string `json:"category"`
	Status   Status `json:"status"`
	Message  string `json:"message,omitempty"`
}

// BuildReport judges every result of t against p.
func BuildReport(t *Tree, p Policy) Report {
	rep := Report{Products: make([]ProductReport, 0, len(t.Results))}
	for _, r := range t.Results {
		rep.Products = append(rep.Products, productReport(r, Assess(r, p)))
	}
	return rep
}

func productReport(r *Result, a Assessment) ProductReport {
	pr := ProductReport{
		Name: r.Name(), Spec: r.Spec, SpecVersion: r.Version, Dir: r.Dir, Certified: a.Certified,
		Counts: r.Counts(), JUnitCounts: r.JUnitCounts(), Categories: a.Categories,
		Workflows: []WorkflowReport{}, Tests: []TestReport{}, Unmet: a.Unmet, Disagreements: a.Disagreements,
	}
	if pr.Categories == nil {
		pr.Categories = []CategoryCounts{}
	}
	if p := r.Product; p != nil {
		pr.Vendor, pr.Version, pr.Type, pr.Hosted = p.Vendor, p.Version, p.Type, p.Hosted()
	}
	for _, w := range a.Workflows {
		pr.Workflows = append(pr.Workflows, WorkflowReport{w.Name, w.Category, w.Required, w.Status})
	}
	if r.JUnit != nil {
		pr.Format = r.JUnit.Suite.Format
		for i := range r.JUnit.Tests {
			tc := &r.JUnit.Tests[i]
			pr.Tests = append(pr.Tests, TestReport{tc.Name, tc.Category, tc.Status, tc.Message})
		}
	}
	for _, e := range r.Problems {
		pr.Problems = append(pr.Problems, e.Error())
	}
	return pr
}
