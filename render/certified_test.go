package render

import (
	"encoding/xml"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/ocispec/ocispec/conformance"
	"github.com/ocispec/ocispec/internal/testcorpus"
)

// buildCertified renders the certified pages of dir into a fresh site.
func buildCertified(t testing.TB, dir string, pol conformance.Policy) (string, *conformance.Tree, Summary) {
	t.Helper()
	tree, err := conformance.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	sum, err := Site(nil, Options{Output: out, Title: "Conformance", Features: []Feature{&Certified{Tree: tree, Policy: pol}}})
	if err != nil {
		t.Fatal(err)
	}
	return out, tree, sum
}

// xmlCounts tallies a junit file as a DOM, independently of package
// conformance's streaming reader: test cases by outcome.
func xmlCounts(t *testing.T, file string) conformance.Counts {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	type tc struct {
		Status  string    `xml:"status,attr"`
		Failure *struct{} `xml:"failure"`
		Error   *struct{} `xml:"error"`
		Skipped *struct{} `xml:"skipped"`
		Err     string    `xml:"system-err"`
	}
	var doc struct {
		Cases  []tc `xml:"testcase"`
		Suites []struct {
			Cases []tc `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	cases := doc.Cases
	for _, s := range doc.Suites {
		cases = append(cases, s.Cases...)
	}
	var c conformance.Counts
	for _, x := range cases {
		switch {
		case x.Failure != nil || x.Status == "failed":
			c.Fail++
		case x.Error != nil:
			c.Error++
		case x.Status == "disabled" || strings.Contains(x.Err, "disabled in the configuration"):
			c.Disabled++
		case x.Skipped != nil || x.Status == "skipped":
			c.Skip++
		default:
			c.Pass++
		}
	}
	return c
}

// yamlCounts tallies results.yaml's apis and data with a plain map decode.
func yamlCounts(t *testing.T, file string) conformance.Counts {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	var c conformance.Counts
	for _, k := range []string{"apis", "data"} {
		m, _ := doc[k].(map[string]any)
		for _, v := range m {
			switch strings.ToLower(v.(string)) {
			case "pass":
				c.Pass++
			case "fail":
				c.Fail++
			case "error":
				c.Error++
			case "skip":
				c.Skip++
			case "disabled":
				c.Disabled++
			}
		}
	}
	return c
}

var countsRow = regexp.MustCompile(`(?s)<tr data-source="(\w+)">.*?</tr>`)
var cellNum = regexp.MustCompile(`<td[^>]*>(\d+)</td>`)

// pageCounts reads the counts table of a product page.
func pageCounts(t *testing.T, page string) map[string]conformance.Counts {
	t.Helper()
	out := map[string]conformance.Counts{}
	for _, m := range countsRow.FindAllStringSubmatch(page, -1) {
		var n []int
		for _, c := range cellNum.FindAllStringSubmatch(m[0], -1) {
			v, _ := strconv.Atoi(c[1])
			n = append(n, v)
		}
		if len(n) != 6 {
			t.Fatalf("counts row %q has %d numbers", m[1], len(n))
		}
		out[m[1]] = conformance.Counts{Pass: n[0], Fail: n[1], Error: n[2], Skip: n[3], Disabled: n[4]}
	}
	return out
}

func checkPageCounts(t *testing.T, out string, tree *conformance.Tree) {
	t.Helper()
	for _, r := range tree.Results {
		page := read(t, filepath.Join(out, certDir, r.Spec, r.Version, r.Dir+".html"))
		got := pageCounts(t, page)
		if jf := filepath.Join(r.Path, "junit.xml"); fileExists(jf) {
			if want := xmlCounts(t, jf); got["junit"] != want {
				t.Errorf("%s: page shows junit counts %+v, file has %+v", jf, got["junit"], want)
			}
		}
		if rf := filepath.Join(r.Path, "results.yaml"); fileExists(rf) {
			if want := yamlCounts(t, rf); got["results"] != want {
				t.Errorf("%s: page shows counts %+v, file has %+v", rf, got["results"], want)
			}
		}
		if !strings.Contains(read(t, filepath.Join(out, certDir, "index.html")), `href="`+r.Spec+"/"+r.Version+"/"+r.Dir+`.html"`) {
			t.Errorf("overview does not link %s/%s/%s", r.Spec, r.Version, r.Dir)
		}
	}
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

func TestCertifiedCorpus(t *testing.T) {
	out, tree, sum := buildCertified(t, testcorpus.SharedDir(t, "oci-conformance"), conformance.Policy{})
	if len(sum.Warnings) > 0 {
		t.Errorf("warnings: %v", sum.Warnings)
	}
	if len(tree.Results) != 16 {
		t.Fatalf("%d results", len(tree.Results))
	}
	checkPageCounts(t, out, tree)
}

func TestCertifiedExample(t *testing.T) {
	dir := filepath.Join(testcorpus.RepoRoot(), "examples", "conformance")
	out, tree, sum := buildCertified(t, dir, conformance.Policy{})
	if len(sum.Warnings) > 0 {
		t.Errorf("warnings: %v", sum.Warnings)
	}
	checkPageCounts(t, out, tree)
	const msg = "release 1.0.0 was moved: expected status 409, got 201"
	overview := read(t, filepath.Join(out, certDir, "index.html"))
	for _, want := range []string{
		`<td class="cell st-fail"`, // the planted Fail in the matrix
		"Release immutable (results.yaml)",
		msg,
	} {
		if !strings.Contains(overview, want) {
			t.Errorf("overview lacks %q", want)
		}
	}
	page := read(t, filepath.Join(out, certDir, "widget-spec", "v1.1", "cogworks.html"))
	for _, want := range []string{
		msg,
		"<details open>",
		"PUT http://127.0.0.1:7070/w1/widget-conformance/test/manifests/1.0.0",
		"Content-Type: application/vnd.widget.manifest.v1+json",
		`"note":"<moved> & replaced"`,
		"Location: /w1/widget-conformance/test/manifests/sha256:",
		`<span class="pill st-fail">Fail</span>`,
	} {
		if !strings.Contains(html.UnescapeString(page), want) {
			t.Errorf("product page lacks %q", want)
		}
	}
	if strings.Contains(page, "<moved>") {
		t.Error("a recorded body is not escaped")
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

const hostileJUnit = `<testsuite name="S Tests">
<testcase name="S Tests Pull &lt;img src=x onerror=alert(1)&gt;" classname="S Tests"><failure message="&lt;script&gt;alert(2)&lt;/script&gt;">boom</failure></testcase>
</testsuite>`

func TestCertifiedBadInputAndEscaping(t *testing.T) {
	root := t.TempDir()
	v := filepath.Join(root, "spec", "v1.0")
	writeFile(t, filepath.Join(v, "hostile", "PRODUCT.yaml"), "name: \"<script>alert(3)</script>\"\nwebsite_url: \"javascript:alert(4)\"\nproduct_logo_url: ../../../etc/passwd\n")
	writeFile(t, filepath.Join(v, "hostile", "junit.xml"), hostileJUnit)
	writeFile(t, filepath.Join(v, "hostile", "README.md"), "# Run\n\n<script>alert(5)</script>\n\n![badge](https://example.com/b.svg)\n")
	writeFile(t, filepath.Join(v, "hostile", "report.html"), "<h1>Report</h1><script>alert(6)</script><p onclick=\"alert(7)\">ok</p>")
	writeFile(t, filepath.Join(v, "noproduct", "junit.xml"), hostileJUnit)
	writeFile(t, filepath.Join(v, "badresults", "PRODUCT.yaml"), "name: Bad\n")
	writeFile(t, filepath.Join(v, "badresults", "results.yaml"), "apis:\n  Blob get: Sometimes\n")
	writeFile(t, filepath.Join(v, "liar", "PRODUCT.yaml"), "name: Liar\n")
	writeFile(t, filepath.Join(v, "liar", "junit.xml"), strings.Replace(hostileJUnit, `name="S Tests"`, `name="S Tests" failures="0"`, 1))
	writeFile(t, filepath.Join(v, "truncated", "PRODUCT.yaml"), "name: Cut\n")
	writeFile(t, filepath.Join(v, "truncated", "junit.xml"), hostileJUnit[:90])
	out, _, sum := buildCertified(t, root, conformance.Policy{})
	warn := strings.Join(sum.Warnings, "\n")
	for _, want := range []string{
		"hostile/PRODUCT.yaml: product_logo_url \"../../../etc/passwd\" refused",
		"noproduct/PRODUCT.yaml: missing",
		`badresults/results.yaml:2: Blob get: unknown test status "Sometimes"`,
		"truncated/junit.xml:2: malformed XML",
	} {
		if !strings.Contains(warn, want) {
			t.Errorf("warnings lack %q:\n%s", want, warn)
		}
	}
	for _, dir := range []string{"hostile", "noproduct", "badresults", "truncated"} {
		page := read(t, filepath.Join(out, certDir, "spec", "v1.0", dir+".html"))
		if dir != "hostile" && !strings.Contains(page, `class="cert-problem"`) {
			t.Errorf("%s: page does not state the problem", dir)
		}
		for _, bad := range []string{"<script>alert", "<img src=x", "javascript:alert"} {
			if strings.Contains(page, bad) {
				t.Errorf("%s: unescaped %q", dir, bad)
			}
		}
	}
	if liar := read(t, filepath.Join(out, certDir, "spec", "v1.0", "liar.html")); !strings.Contains(liar, "junit.xml declares 0 failures and errors in its testsuite attributes, but 1 of its test cases failed") {
		t.Error("the disagreement between junit.xml's attributes and its test cases is not stated")
	}
	if ov := read(t, filepath.Join(out, certDir, "index.html")); !strings.Contains(ov, "files disagree") {
		t.Error("the overview does not mark the disagreement")
	}
	hostile := read(t, filepath.Join(out, certDir, "spec", "v1.0", "hostile.html"))
	if strings.Contains(hostile, `<img src="https://example.com`) || !strings.Contains(hostile, `<a class="image-link" href="https://example.com/b.svg">badge</a>`) {
		t.Error("a README image is loaded instead of linked")
	}
	report := read(t, filepath.Join(out, certDir, "spec", "v1.0", "hostile-report.html"))
	if !strings.Contains(hostile, `href="hostile-report.html"`) || !strings.Contains(report, "<h1>Report</h1>") || strings.Contains(report, "alert") {
		t.Errorf("report.html not linked, or copied with its scripts: %s", report)
	}
	if !strings.Contains(hostile, "&lt;script&gt;alert(2)&lt;/script&gt;") {
		t.Error("the failure message is not shown escaped")
	}
}

func TestCertifiedRefusesEscapingNames(t *testing.T) {
	tree := &conformance.Tree{Results: []*conformance.Result{
		{Spec: "spec", Version: "v1", Dir: "../../outside", Path: "/results/spec/v1/../../outside"},
		{Spec: "spec", Version: "v1", Dir: "ok", Path: "/results/spec/v1/ok", Product: &conformance.Product{Name: "OK"}},
	}}
	out := t.TempDir()
	sum, err := Site(nil, Options{Output: out, Features: []Feature{&Certified{Tree: tree}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Warnings) != 1 || !strings.Contains(sum.Warnings[0], `"../../outside" is not a safe name`) {
		t.Errorf("warnings = %v, want the escaping name refused by name", sum.Warnings)
	}
	if !fileExists(filepath.Join(out, certDir, "spec", "v1", "ok.html")) {
		t.Error("the other product was not rendered")
	}
	if fileExists(filepath.Join(filepath.Dir(out), "outside.html")) {
		t.Error("a page was written outside the output directory")
	}
}
