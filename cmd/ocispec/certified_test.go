package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCertifiedJSON(t *testing.T) {
	code, out, stderr := runCLI(t, "certified", "--results", "../../examples/conformance", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var rep struct {
		Products []struct {
			Name, Vendor, Version, SpecVersion, Dir string
			Certified                               bool
			Counts, JUnitCounts                     map[string]int
			Categories                              []struct {
				Name   string
				Counts map[string]int
			}
			Tests []struct{ Name, Category, Status, Message string }
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Products) != 7 {
		t.Fatalf("%d products, want 7", len(rep.Products))
	}
	for _, p := range rep.Products {
		if p.Dir != "cogworks" || p.SpecVersion != "v1.1" {
			continue
		}
		if p.Counts["fail"] != 1 || p.JUnitCounts["fail"] != 1 || p.Counts["pass"] != 23 || p.JUnitCounts["pass"] != 32 || p.Certified {
			t.Errorf("cogworks v1.1: counts %v, junitCounts %v, certified %v", p.Counts, p.JUnitCounts, p.Certified)
		}
		failed := 0
		for _, tc := range p.Tests {
			if tc.Status == "Fail" && strings.Contains(tc.Message, "expected status 409, got 201") {
				failed++
			}
		}
		if failed != 1 || len(p.Categories) == 0 || p.Vendor != "Cogworks Inc." {
			t.Errorf("cogworks v1.1: %d failed tests with the message, %d categories, vendor %q", failed, len(p.Categories), p.Vendor)
		}
		return
	}
	t.Error("cogworks v1.1 missing")
}

func TestCertifiedBadInputExit1(t *testing.T) {
	root := t.TempDir()
	good := filepath.Join(root, "spec", "v1.0", "good")
	bad := filepath.Join(root, "spec", "v1.0", "bad")
	for _, d := range []string{good, bad} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	junit := `<testsuite name="S Tests"><testcase name="S Tests Pull a" classname="S Tests"></testcase></testsuite>`
	_ = os.WriteFile(filepath.Join(good, "PRODUCT.yaml"), []byte("name: Good\n"), 0o644)
	_ = os.WriteFile(filepath.Join(good, "junit.xml"), []byte(junit), 0o644)
	_ = os.WriteFile(filepath.Join(bad, "junit.xml"), []byte(junit[:40]), 0o644)
	site := filepath.Join(t.TempDir(), "site")
	code, out, stderr := runCLI(t, "certified", "--results", root, "--format", "html", "-o", site)
	if code != 1 || !strings.Contains(stderr, filepath.Join("bad", "PRODUCT.yaml")+": missing") || !strings.Contains(stderr, filepath.Join("bad", "junit.xml")+":1:") {
		t.Fatalf("exit %d, stderr %q; want exit 1 naming the bad files", code, stderr)
	}
	if !strings.Contains(out, "wrote") {
		t.Errorf("stdout %q", out)
	}
	for _, p := range []string{"certified/index.html", "certified/spec/v1.0/good.html", "certified/spec/v1.0/bad.html"} {
		if _, err := os.Stat(filepath.Join(site, p)); err != nil {
			t.Error(err)
		}
	}
	code, _, stderr = runCLI(t, "certified", "--results", root)
	if code != 1 || !strings.Contains(stderr, "missing") {
		t.Errorf("text: exit %d, stderr %q", code, stderr)
	}
	if code, _, _ := runCLI(t, "certified"); code != 2 {
		t.Errorf("no results directory: exit %d, want 2", code)
	}
}

// TestBuildRendersCertified: ocispec build renders the certified pages
// when the workspace sets conformance, with the workspace's policy.
func TestBuildRendersCertified(t *testing.T) {
	out := t.TempDir()
	code, _, stderr := runCLI(t, "build", "--config", "../../ocispec.yaml", "-o", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	overview, err := os.ReadFile(filepath.Join(out, "certified", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(overview), "release 1.0.0 was moved") {
		t.Error("the planted failure is not on the overview")
	}
	if _, err := os.Stat(filepath.Join(out, "certified", "widget-spec", "v1.1", "cogworks.html")); err != nil {
		t.Error(err)
	}
	// Another tree is judged by OCI's defaults, not the workspace's policy.
	if code, out, _ := runCLI(t, "certified", "--config", "../../ocispec.yaml", "--results", "../../examples/conformance"); code != 0 || !strings.Contains(out, "v1.1 GizmoHub 2026.3: certified") {
		t.Errorf("the configured directory named by --results: exit %d or policy not applied", code)
	}
	other := t.TempDir()
	if err := os.MkdirAll(filepath.Join(other, "spec", "v1.0", "p"), 0o755); err != nil {
		t.Fatal(err)
	}
	_ = os.WriteFile(filepath.Join(other, "spec", "v1.0", "p", "PRODUCT.yaml"), []byte("name: P\n"), 0o644)
	_ = os.WriteFile(filepath.Join(other, "spec", "v1.0", "p", "junit.xml"), []byte(`<testsuite name="S Tests"><testcase name="S Tests Pull a" classname="S Tests"/></testsuite>`), 0o644)
	if code, out, stderr := runCLI(t, "certified", "--config", "../../ocispec.yaml", "--results", other); code != 0 || !strings.Contains(out, "P : certified") {
		t.Errorf("another tree: exit %d, %q %q; want it certified by OCI's defaults (Pull passes)", code, out, stderr)
	}
	code, stdout, _ := runCLI(t, "certified", "--config", "../../ocispec.yaml")
	// ocispec.yaml requires Release immutable, which Cogworks fails.
	for _, want := range []string{"v1.1 Cogworks Widget Registry 4.2.0: conformance results", "v1.1 GizmoHub 2026.3: certified", "v1.0 Cogworks Widget Registry 4.1.0: conformance results"} {
		if code != 0 || !strings.Contains(stdout, want) {
			t.Errorf("exit %d, output lacks %q:\n%s", code, want, stdout)
		}
	}
}
