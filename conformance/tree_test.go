package conformance_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ocispec/ocispec/conformance"
	"github.com/ocispec/ocispec/internal/testcorpus"
)

// independentCounts tallies a junit file with regular expressions, not with
// the reader: test cases, and those with a failure, error or skip marker.
func independentCounts(t *testing.T, file string) (total, failed, skipped int) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	cases := regexp.MustCompile(`(?s)<testcase\b.*?(?:/>|</testcase>)`).FindAll(b, -1)
	for _, c := range cases {
		switch {
		case bytes.Contains(c, []byte("<failure")) || bytes.Contains(c, []byte("<error")) || bytes.Contains(c, []byte(`status="failed"`)):
			failed++
		case bytes.Contains(c, []byte("<skipped")) || bytes.Contains(c, []byte(`status="skipped"`)) || bytes.Contains(c, []byte(`status="disabled"`)):
			skipped++
		}
	}
	return len(cases), failed, skipped
}

// summaryCounts tallies results.yaml's status words line by line.
func summaryCounts(t *testing.T, file string) map[string]int {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	n := map[string]int{}
	section := ""
	for _, l := range strings.Split(string(b), "\n") {
		if !strings.HasPrefix(l, " ") && strings.HasSuffix(l, ":") {
			section = strings.ToLower(strings.TrimSuffix(l, ":"))
			continue
		}
		if section == "apis" || section == "data" {
			if i := strings.LastIndex(l, ": "); i > 0 {
				n[strings.ToLower(strings.TrimSpace(l[i+2:]))]++
			}
		}
	}
	return n
}

func checkTree(t *testing.T, dir string) *conformance.Tree {
	t.Helper()
	tree, err := conformance.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(tree.Problems) > 0 {
		t.Errorf("tree problems: %v", tree.Problems)
	}
	for _, r := range tree.Results {
		if len(r.Problems) > 0 {
			t.Errorf("%s/%s/%s: %v", r.Spec, r.Version, r.Dir, r.Problems)
		}
		jf := filepath.Join(r.Path, "junit.xml")
		if _, err := os.Stat(jf); err == nil {
			total, failed, skipped := independentCounts(t, jf)
			c := r.JUnitCounts()
			if c.Total() != total || c.Failed() != failed || c.Skip+c.Disabled != skipped {
				t.Errorf("%s: junit counts %+v, file has %d cases, %d failed, %d skipped", jf, c, total, failed, skipped)
			}
		}
		if r.Summary != nil {
			want := summaryCounts(t, r.Summary.File)
			c := r.Counts()
			if c.Pass != want["pass"] || c.Fail != want["fail"] || c.Skip != want["skip"] || c.Disabled != want["disabled"] || c.Error != want["error"] {
				t.Errorf("%s: counts %+v, file says %v", r.Summary.File, c, want)
			}
		}
	}
	return tree
}

func TestLoadCorpus(t *testing.T) {
	tree := checkTree(t, testcorpus.SharedDir(t, "oci-conformance"))
	if len(tree.Results) != 16 {
		t.Errorf("%d results, want the 16 product runs of v1.0 and v1.1", len(tree.Results))
	}
	formats := map[conformance.Format]int{}
	for _, r := range tree.Results {
		if r.JUnit != nil {
			formats[r.JUnit.Suite.Format]++
		}
	}
	if len(formats) != 3 {
		t.Errorf("formats = %v, want all three", formats)
	}
	if tree.Results[0].Version != "v1.1" {
		t.Errorf("first version %s, want the latest first", tree.Results[0].Version)
	}
}

// Covers: conformance-directory-layout-6792b7
func TestLoadExample(t *testing.T) {
	checkTree(t, filepath.Join(testcorpus.RepoRoot(), "examples", "conformance"))
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestLoadBadInput(t *testing.T) {
	root := t.TempDir()
	v := filepath.Join(root, "spec", "v1.0")
	junit := `<testsuite name="S Tests"><testcase name="S Tests Pull a" classname="S Tests"></testcase></testsuite>`
	write(t, filepath.Join(v, "good", "PRODUCT.yaml"), "name: Good\n")
	write(t, filepath.Join(v, "good", "junit.xml"), junit)
	write(t, filepath.Join(v, "noproduct", "junit.xml"), junit)
	write(t, filepath.Join(v, "badresults", "PRODUCT.yaml"), "name: Bad\n")
	write(t, filepath.Join(v, "badresults", "results.yaml"), "apis:\n  Blob get: Pass\n  Blob head: Maybe\n")
	write(t, filepath.Join(v, "truncated", "PRODUCT.yaml"), "name: T\n")
	write(t, filepath.Join(v, "truncated", "junit.xml"), junit[:60])
	if err := os.Symlink("/etc", filepath.Join(v, "escape")); err != nil {
		t.Fatal(err)
	}
	tree, err := conformance.Load(root)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"good":       "",
		"noproduct":  "noproduct/PRODUCT.yaml: missing",
		"badresults": `badresults/results.yaml:3: Blob head: unknown test status "Maybe"`,
		"truncated":  "truncated/junit.xml:1: malformed XML",
	}
	for _, r := range tree.Results {
		got := ""
		if len(r.Problems) > 0 {
			got = r.Problems[0].Error()
		}
		if w := want[r.Dir]; (w == "") != (got == "") || !strings.Contains(got, w) {
			t.Errorf("%s: problem %q, want %q", r.Dir, got, w)
		}
		delete(want, r.Dir)
	}
	if len(want) > 0 {
		t.Errorf("products not loaded: %v", want)
	}
	if len(tree.Problems) != 1 || !strings.Contains(tree.Problems[0].Error(), "escape") {
		t.Errorf("tree problems = %v, want the symlink refused by name", tree.Problems)
	}
}

func TestCompareVersions(t *testing.T) {
	in := []string{"v1.0", "v1.10", "v1.1", "v1.1-rc.1", "main", "v2"}
	want := "main v1.0 v1.1-rc.1 v1.1 v1.10 v2"
	got := append([]string(nil), in...)
	slicesSort(got)
	if strings.Join(got, " ") != want {
		t.Errorf("sorted = %v, want %s", got, want)
	}
}

func slicesSort(s []string) {
	for i := range s {
		for j := i + 1; j < len(s); j++ {
			if conformance.CompareVersions(s[j], s[i]) < 0 {
				s[i], s[j] = s[j], s[i]
			}
		}
	}
}

func TestAssessCorpus(t *testing.T) {
	tree, err := conformance.Load(testcorpus.SharedDir(t, "oci-conformance"))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range tree.Results {
		a := conformance.Assess(r, conformance.Policy{})
		t.Logf("%s %s certified=%v unmet=%v disagree=%v cats=%v", r.Version, r.Dir, a.Certified, a.Unmet, a.Disagreements, a.Categories)
	}
}
