package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const traceData = "../../trace/testdata/"

// TestTraceExitCodes runs ocispec trace over the gadget fixture of the
// trace package: orphans make exit 1, bad input exit 2 naming file and
// line, and unreadable results files are named while the others are
// still read.
//
// Covers: trace.md#exit-status, trace.md#mapping-files, trace.md#results-files
//
// Covers: error-messages-7884eb
func TestTraceExitCodes(t *testing.T) {
	dir := t.TempDir()
	badMap := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(badMap, []byte("entries:\n  - match: x\n    covers: [a]\n    colour: red\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	unknown := filepath.Join(dir, "results.txt")
	if err := os.WriteFile(unknown, []byte("ok  \tgithub.com/x\t0.1s\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	spec, tests := "--spec="+traceData+"spec", "--tests="+traceData+"tests"
	clean := "--tests=" + traceData + "spec" // no Go tests: no orphans
	for _, tc := range []struct {
		name     string
		args     []string
		code     int
		inStdout string
		inStderr string
	}{
		{"clean", []string{spec, clean}, 0, "8 uncovered", ""},
		{"orphans", []string{spec, tests}, 1, `gadget_test.go:18: unknown requirement, section or endpoint "no-such-requirement"`, ""},
		{"gate", []string{spec, clean, "--fail-under", "must=10"}, 1, "", "MUST coverage 0.0% (0/5) is under 10.0%"},
		{"bad gate", []string{spec, "--fail-under", "must"}, 2, "", "want LEVEL=PERCENT"},
		{"mapping syntax", []string{spec, clean, "--mapping", badMap}, 2, "", badMap + `:4: unknown key "colour"`},
		{"mapping missing", []string{spec, clean, "--mapping", filepath.Join(dir, "none.yaml")}, 2, "", "none.yaml"},
		{"truncated results", []string{spec, tests, "--results", traceData + "truncated.json", "--results", traceData + "go-test.json"}, 2,
			"go-test.json=pass", "truncated.json: line 5: not a go test -json event"},
		{"unknown results", []string{spec, clean, "--results", unknown}, 2, "", "results.txt: unknown results format"},
		{"format", []string{spec, "--format", "sarif"}, 2, "", "unsupported --format"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, append([]string{"trace", "--config", filepath.Join(dir, "none.yaml")}[:1], tc.args...)...)
			if code != tc.code || !strings.Contains(stdout, tc.inStdout) || !strings.Contains(stderr, tc.inStderr) {
				t.Errorf("exit %d\nstdout:\n%s\nstderr:\n%s\nwant exit %d, %q in stdout, %q in stderr", code, stdout, stderr, tc.code, tc.inStdout, tc.inStderr)
			}
		})
	}
}

// TestTraceJSON checks the members of the JSON report.
//
// Covers: trace.md#report
func TestTraceJSON(t *testing.T) {
	code, stdout, stderr := runCLI(t, "trace", "--spec", traceData+"spec", "--tests", traceData+"tests",
		"--results", traceData+"go-test.json", "--format", "json", "--level", "MUST")
	if code != 1 {
		t.Fatalf("exit %d (orphans want 1): %s", code, stderr)
	}
	var rep struct {
		Requirements []struct {
			ID, Level, Status string
			Tests             []json.RawMessage
		}
		Levels    map[string]struct{ Total, Covered int }
		Orphans   []struct{ Target, File string }
		Untraced  []struct{ Name string }
		Unmatched []json.RawMessage
		Runs      []struct{ Name string }
		Findings  []struct{ Kind string }
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Requirements) != 5 || rep.Levels["MUST"].Total != 5 || rep.Levels["MUST"].Covered != 4 {
		t.Errorf("requirements %d, levels %+v; want 5 MUST, 4 covered", len(rep.Requirements), rep.Levels)
	}
	if len(rep.Orphans) != 1 || rep.Orphans[0].Target != "no-such-requirement" || len(rep.Runs) != 1 || rep.Runs[0].Name != "go-test.json" {
		t.Errorf("orphans %+v runs %+v", rep.Orphans, rep.Runs)
	}
	if rep.Unmatched == nil || len(rep.Untraced) != 2 {
		t.Errorf("unmatched %v untraced %+v", rep.Unmatched, rep.Untraced)
	}
}

// TestTraceHTML: --format html is the site's traceability page on its
// own, with its stylesheet inlined, and lists every requirement.
func TestTraceHTML(t *testing.T) {
	code, stdout, stderr := runCLI(t, "trace", "--spec", traceData+"spec", "--tests", traceData+"spec",
		"--results", traceData+"runs/acme/junit.xml,"+traceData+"runs/zenith/junit.xml", "--mapping", traceData+"mapping.yaml", "--format", "html")
	if code != 1 { // the mapping names an unknown section
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"<style>", `<tr id="gadget-name-length">`, `<th class="run" scope="col">acme</th>`, `<span class="tr-st tr-fail">fail</span>`, "no-such-section"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Contains(stdout, `href="../style.css"`) {
		t.Error("stylesheet not inlined")
	}
}
