package trace

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ocispec/ocispec/internal/golden"
	"github.com/ocispec/ocispec/reqs"
	"github.com/ocispec/ocispec/specs"
)

const gadgetPkg = "github.com/ocispec/ocispec/trace/testdata/tests/gadget"

// loadReqs extracts the requirements of the Markdown under dir.
func loadReqs(tb testing.TB, dir string) []*reqs.Requirement {
	tb.Helper()
	set, err := specs.Load(dir, []string{"."}, specs.LoadOptions{})
	if err != nil {
		tb.Fatal(err)
	}
	return reqs.Extract(set).Requirements
}

func gadgetInput(t *testing.T) Input {
	t.Helper()
	in, err := Collect(Sources{
		Root:         ".",
		Requirements: loadReqs(t, "testdata/spec"),
		Tests:        []string{"testdata/tests"},
		Mappings:     []string{"testdata/mapping.yaml"},
		Results:      []string{"testdata/go-test.json", "testdata/runs/acme/junit.xml", "testdata/runs/zenith/junit.xml"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(in.Findings) > 0 {
		t.Fatalf("results: %v", in.Findings)
	}
	return in
}

// TestGolden checks the three text formats of the gadget trace: one
// annotated Go package with a go test -json run, a mapping file and two
// suite runs (the products x requirements matrix).
//
// Covers: trace.md#results-files
func TestGolden(t *testing.T) {
	rep := Build(gadgetInput(t), Options{})
	for _, format := range Formats() {
		var buf bytes.Buffer
		if err := Write(&buf, format, rep); err != nil {
			t.Fatal(err)
		}
		golden.Check(t, filepath.Join("testdata", "golden", "gadget."+format), buf.Bytes())
	}
}

func find(rep *Report, id string) *ReqTrace {
	for _, r := range rep.Requirements {
		if r.ID == id {
			return r
		}
	}
	return nil
}

// Covers: trace.md#targets, trace.md#status
func TestStatuses(t *testing.T) {
	rep := Build(gadgetInput(t), Options{})
	want := map[string]Status{
		"gadget-name-length":       StatusFail,      // annotation passes; zenith fails the mapped test
		"names-9beff9":             StatusUncovered, // the "names" entry matches no test
		"uploads-31a37f":           StatusFail,      // TestUpload failed
		"resumable-uploads-8a032f": StatusFail,      // in #uploads (TestUpload) and #resumable-uploads (skipped)
		"endpoints-bf5a8b":         StatusSkip,      // end-1: TestPing skipped
	}
	for id, st := range want {
		r := find(rep, id)
		if r == nil {
			t.Fatalf("no requirement %s", id)
		}
		if r.Status != st {
			t.Errorf("%s: status %s, want %s", id, r.Status, st)
		}
	}
	r := find(rep, "gadget-name-length")
	if r.Runs["runs/acme"] != Pass || r.Runs["runs/zenith"] != Fail || r.Runs["go-test.json"] != Pass {
		t.Errorf("gadget-name-length runs = %v", r.Runs)
	}
}

// TestBadEvidence checks the findings: an orphan annotation and an orphan
// mapping target with file:line, an annotation outside a test, and a
// mapping entry that matches no test.
//
// Covers: trace.md#annotations, trace.md#findings
func TestBadEvidence(t *testing.T) {
	rep := Build(gadgetInput(t), Options{})
	var got []string
	for _, f := range rep.Findings {
		got = append(got, f.Kind+" "+f.String())
	}
	want := []string{
		`unmatched testdata/mapping.yaml:9: mapping entry matches no test: Gadget Suite/gone`,
		`orphan testdata/mapping.yaml:11: unknown requirement, section or endpoint "no-such-section"`,
		`orphan testdata/tests/gadget/gadget_test.go:18: unknown requirement, section or endpoint "no-such-requirement"`,
		`placement testdata/tests/gadget/gadget_test.go:23: Covers: annotation outside a Test or Fuzz function (put it in the test's doc comment or body)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(rep.Orphans) != 2 || rep.Orphans[0].Test != gadgetPkg+".TestOrphan" {
		t.Errorf("orphans = %+v", rep.Orphans)
	}
	var untraced []string
	for _, u := range rep.Untraced {
		untraced = append(untraced, u.Name)
	}
	if got, want := strings.Join(untraced, ","), gadgetPkg+".TestOrphan,"+gadgetPkg+".TestNothing,Gadget Suite/other"; got != want {
		t.Errorf("untraced = %s, want %s", got, want)
	}
}

// TestStale changes the text of a requirement with an explicit ID: the
// annotation naming the old revision becomes stale, and the requirement
// with it once no other evidence covers it.
//
// Covers: trace.md#status, requirements.md#revisions
func TestStale(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile("testdata/spec/gadget.md")
	if err != nil {
		t.Fatal(err)
	}
	scan, err := ScanTests(".", []string{"testdata/tests"})
	if err != nil {
		t.Fatal(err)
	}
	build := func(text []byte) *ReqTrace {
		if err := os.WriteFile(filepath.Join(dir, "gadget.md"), text, 0o644); err != nil {
			t.Fatal(err)
		}
		rep := Build(Input{Requirements: loadReqs(t, dir), Scan: scan}, Options{})
		return find(rep, "gadget-name-length")
	}
	if r := build(src); r.Status != StatusCovered {
		t.Fatalf("unchanged text: status %s, want covered", r.Status)
	}
	// Re-wrapping and emphasis are not a change of the text.
	reflowed := bytes.Replace(src, []byte("be longer than 64"), []byte("be *longer*\nthan 64"), 1)
	if r := build(reflowed); r.Status != StatusCovered {
		t.Errorf("re-wrapped text: status %s, want covered", r.Status)
	}
	changed := bytes.Replace(src, []byte("64 bytes"), []byte("128 bytes"), 1)
	r := build(changed)
	if r.Status != StatusStale || len(r.Tests) != 1 || !r.Tests[0].Stale {
		t.Errorf("changed text: status %s, tests %+v; want stale", r.Status, r.Tests)
	}
}

// Covers: trace.md#coverage
func TestFilters(t *testing.T) {
	in := gadgetInput(t)
	rep := Build(in, Options{Level: "must"})
	if got := len(rep.Requirements); got != 5 {
		t.Errorf("--level must: %d requirements, want 5 (MUST and MUST NOT)", got)
	}
	if c := rep.Levels["MUST"]; c == nil || c.Total != 5 || c.Covered != 4 || c.Percent != 80 {
		t.Errorf("MUST coverage = %+v, want 4/5", c)
	}
	rep = Build(in, Options{Level: "MUST NOT"})
	if len(rep.Requirements) != 1 {
		t.Errorf("--level 'MUST NOT': %d requirements, want 1", len(rep.Requirements))
	}
	rep = Build(in, Options{Role: "server"})
	for _, r := range rep.Requirements {
		if r.Actor != "server" {
			t.Errorf("--role server kept %s (actor %q)", r.ID, r.Actor)
		}
	}
	if len(rep.Requirements) == 0 {
		t.Error("--role server kept nothing")
	}
}

func TestThresholds(t *testing.T) {
	rep := Build(gadgetInput(t), Options{})
	for _, tc := range []struct {
		spec string
		fail int
		err  bool
	}{
		{"must=80", 0, false},
		{"must=80.1", 1, false},
		{"MUST=90%,should=0", 1, false},
		{"must=100,may=100", 2, false},
		{"", 0, false},
		{"must", 0, true},
		{"must=101", 0, true},
		{"never=5", 0, true},
		{"must=NaN", 0, true}, // NaN compares false: a gate that never fails
		{"must=-0x1p-2", 0, true},
	} {
		th, err := ParseThresholds(tc.spec)
		if (err != nil) != tc.err {
			t.Errorf("%q: err %v", tc.spec, err)
			continue
		}
		if got := th.Gate(rep); len(got) != tc.fail {
			t.Errorf("%q: gate %q, want %d failures", tc.spec, got, tc.fail)
		}
	}
}
