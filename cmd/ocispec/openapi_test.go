package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestOpenAPICommand(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "api.json")
	code, _, stderr := runCLI(t, "openapi", "../../examples/spec/api.md", "-o", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil || doc["openapi"] != "3.1.0" {
		t.Fatalf("-o api.json is not an OpenAPI 3.1 JSON document: %v", err)
	}
	code, stdout, _ := runCLI(t, "openapi", "../../examples/spec/api.md")
	if code != 0 || !strings.HasPrefix(stdout, "openapi: 3.1.0\n") {
		t.Fatalf("exit %d, stdout starts %q", code, stdout[:min(len(stdout), 40)])
	}
}

func TestOpenAPIBadInput(t *testing.T) {
	// No endpoints table: exit 2 naming the file and what was looked for.
	code, stdout, stderr := runCLI(t, "openapi", "../../openapi/testdata/notable.md")
	if code != 2 || stdout != "" || !strings.Contains(stderr, "notable.md") || !strings.Contains(stderr, "ID, Method, API Endpoint, Success, Failure") {
		t.Errorf("no table: exit %d, stderr %q", code, stderr)
	}
	// Malformed rows: file:line for each, the document of the others written.
	out := filepath.Join(t.TempDir(), "gadgets.yaml")
	code, _, stderr = runCLI(t, "openapi", "../../openapi/testdata/malformed.md", "-o", out)
	if code != 1 || !strings.Contains(stderr, "malformed.md:8: end-2: unknown method") {
		t.Errorf("malformed rows: exit %d, stderr %q", code, stderr)
	}
	if data, err := os.ReadFile(out); err != nil || !strings.Contains(string(data), "end-6") {
		t.Errorf("the good rows were not written: %v", err)
	}
	code, _, stderr = runCLI(t, "openapi", "../../examples/spec/api.md", "-o", filepath.Join(t.TempDir(), "api.txt"))
	if code != 2 || !strings.Contains(stderr, ".json") {
		t.Errorf("-o api.txt: exit %d, stderr %q", code, stderr)
	}
}

func TestCheckTrafficCommand(t *testing.T) {
	dir := t.TempDir()
	spec := filepath.Join(dir, "api.yaml")
	if code, _, stderr := runCLI(t, "openapi", "../../examples/spec/api.md", "-o", spec); code != 0 {
		t.Fatal(stderr)
	}
	junit := filepath.Join(dir, "junit.xml")
	log := "~~~ REQUEST ~~~&#xA;Method: POST&#xA;URL: http://r.example.test/w1/acme/weather/parts/uploads/&#xA;Headers:&#xA;--- Empty body ---&#xA;" +
		"~~~ RESPONSE ~~~&#xA;Status: 200&#xA;Headers:&#xA;--- Empty body ---&#xA;"
	xml := `<testsuites><testsuite name="OCI Conformance Test"><testcase name="OCI Conformance Test/push" status="passed"><system-err>` + log + `</system-err></testcase></testsuite></testsuites>`
	if err := os.WriteFile(junit, []byte(xml), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCLI(t, "openapi", "check-traffic", "--spec", spec, "--format", "json", junit)
	var rep struct {
		Exchanges, Valid int
		Invalid          []struct{ Status int }
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil || code != 1 {
		t.Fatalf("exit %d (%v): %s %s", code, err, stdout, stderr)
	}
	if rep.Exchanges != 1 || rep.Valid != 0 || len(rep.Invalid) != 1 || rep.Invalid[0].Status != 200 {
		t.Errorf("a 200 where the spec says 202 is not reported: %+v", rep)
	}
	if code, _, stderr := runCLI(t, "openapi", "check-traffic", junit); code != 2 || !strings.Contains(stderr, "spec") {
		t.Errorf("without --spec: exit %d, %q", code, stderr)
	}
}
