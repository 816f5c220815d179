package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSchemaCommands: gen writes the example spec's schemas, examples
// passes on the workspace and reports the faulty fixture (exit 1), drift
// exits 1 on differences and 2 on a schema that is not there.
func TestSchemaCommands(t *testing.T) {
	root := filepath.Join("..", "..")
	cfg := filepath.Join(root, "ocispec.yaml")
	out := t.TempDir()
	spec := filepath.Join(root, "examples", "spec")
	if code, _, stderr := runCLI(t, "schema", "gen", "--config", cfg, filepath.Join(spec, "descriptor.md"), filepath.Join(spec, "manifest.md"), "-o", out); code != 0 {
		t.Fatalf("gen: exit %d: %s", code, stderr)
	}
	data, err := os.ReadFile(filepath.Join(out, "manifest.schema.json"))
	var s struct {
		Schema   string `json:"$schema"`
		Required []string
	}
	if err != nil || json.Unmarshal(data, &s) != nil || !strings.Contains(s.Schema, "2020-12") || len(s.Required) == 0 {
		t.Fatalf("manifest.schema.json: %v %s", err, data)
	}
	if code, stdout, stderr := runCLI(t, "schema", "examples", "--config", cfg); code != 0 || !strings.Contains(stdout, "5 examples, 5 valid, 0 invalid") {
		t.Errorf("examples: exit %d %q %s", code, stdout, stderr)
	}
	code, stdout, _ := runCLI(t, "schema", "examples", "--config", cfg, "--format", "json", filepath.Join(root, "examples", "invalid"))
	var r struct {
		Invalid []struct {
			Line    int
			Pointer string
		}
	}
	if code != 1 || json.Unmarshal([]byte(stdout), &r) != nil || len(r.Invalid) != 1 || r.Invalid[0].Line != 38 || r.Invalid[0].Pointer != "/channel" {
		t.Errorf("examples on the faulty fixture: exit %d %s", code, stdout)
	}
	schemaFile := filepath.Join(t.TempDir(), "d.json")
	if err := os.WriteFile(schemaFile, []byte(`{"type":"object","properties":{"mediaType":{"type":"string"}}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, stdout, _ := runCLI(t, "schema", "drift", filepath.Join(spec, "descriptor.md"), "--against", schemaFile); code != 1 || !strings.Contains(stdout, "missing-in-schema /digest") {
		t.Errorf("drift: exit %d %q", code, stdout)
	}
	if code, _, stderr := runCLI(t, "schema", "drift", filepath.Join(spec, "descriptor.md"), "--against", schemaFile+".missing"); code != 2 || !strings.Contains(stderr, "no such file") {
		t.Errorf("drift without a schema: exit %d %s", code, stderr)
	}
}
