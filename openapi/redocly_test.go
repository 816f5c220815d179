package openapi

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/ocispec/ocispec/internal/testcorpus"
	"github.com/ocispec/ocispec/internal/testtool"
)

// TestRedoclyLint: `redocly lint` with the repository's redocly.yaml
// reports no error on the documents of the example spec and of
// distribution-spec.
func TestRedoclyLint(t *testing.T) {
	bin := testtool.Find(t, "OCISPEC_REQUIRE_REDOCLY", "redocly")
	docs := map[string]*Document{}
	_, docs["example"] = generate(t, loadSet(t, filepath.Join("..", "examples", "spec"), exampleFiles...))
	if _, err := os.Stat(filepath.Join(testcorpus.RepoRoot(), "..", "shared", "corpus", "distribution-spec")); err == nil {
		_, docs["distribution-spec"] = generate(t, loadSet(t, testcorpus.SharedDir(t, "distribution-spec"), "spec.md"))
	}
	config, err := filepath.Abs(filepath.Join("..", "redocly.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for name, doc := range docs {
		t.Run(name, func(t *testing.T) { redoclyLint(t, bin, config, name, doc) })
	}
}

func redoclyLint(t *testing.T, bin, config, name string, doc *Document) {
	y, err := doc.YAML()
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), name+".yaml")
	if err := os.WriteFile(file, y, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "lint", "--config", config, "--format=json", file)
	cmd.Env = append(os.Environ(), "REDOCLY_TELEMETRY=off", "REDOCLY_SUPPRESS_UPDATE_NOTICE=true")
	out, _ := cmd.Output()
	var res struct {
		Totals   struct{ Errors, Warnings int } `json:"totals"`
		Problems []struct {
			RuleID, Severity, Message string
		} `json:"problems"`
	}
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("redocly output is not JSON (%v): %s", err, out)
	}
	for _, p := range res.Problems {
		if p.Severity == "error" {
			t.Errorf("%s: %s", p.RuleID, p.Message)
		}
	}
	if res.Totals.Errors != 0 {
		t.Errorf("%d errors", res.Totals.Errors)
	}
}
