package trace

import (
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/ocispec/ocispec/conformance"
	"github.com/ocispec/ocispec/internal/testcorpus"
	"github.com/ocispec/ocispec/reqs"
	"github.com/ocispec/ocispec/specs"
)

const dsMapping = "../examples/distribution-spec-trace.yaml"

// dsTrace traces distribution-spec's spec.md with the example mapping
// against the given conformance results (paths under oci-conformance's
// distribution-spec directory).
func dsTrace(tb testing.TB, results ...string) (*Report, *Mapping) {
	tb.Helper()
	dir := testcorpus.SharedDir(tb, "distribution-spec")
	set, err := specs.Load(dir, []string{"spec.md"}, specs.LoadOptions{})
	if err != nil {
		tb.Fatal(err)
	}
	conf := testcorpus.SharedDir(tb, "oci-conformance", "distribution-spec")
	var files []string
	for _, r := range results {
		files = append(files, filepath.Join(conf, r, "junit.xml"))
	}
	in, err := Collect(Sources{Root: ".", Requirements: reqs.Extract(set).Requirements, Mappings: []string{dsMapping}, Results: files})
	if err != nil {
		tb.Fatal(err)
	}
	if len(in.Findings) > 0 {
		tb.Fatalf("results: %v", in.Findings)
	}
	return Build(in, Options{}), in.Mappings[0]
}

// TestDistributionSpecMapping: the example mapping traces at least 40% of
// distribution-spec's MUST requirements to conformance v2 tests, names
// only requirements that exist, and every entry matches tests of zot and
// olareg.
func TestDistributionSpecMapping(t *testing.T) {
	rep, _ := dsTrace(t, "v1.1/zot", "v1.1/olareg")
	if len(rep.Findings) > 0 {
		for _, f := range rep.Findings {
			t.Error(f)
		}
	}
	must := rep.Levels["MUST"]
	if must.Percent < 40 {
		t.Errorf("MUST coverage %.1f%% (%d/%d), want at least 40%%", must.Percent, must.Covered, must.Total)
	}
	t.Logf("MUST coverage %.1f%% (%d/%d)", must.Percent, must.Covered, must.Total)
}

// TestDistributionSpecMappingJustified checks each entry's requests
// against the HTTP exchanges recorded in the junit logs of zot and
// olareg: every matched test that passed made each listed request and got
// the listed status and response headers.
func TestDistributionSpecMappingJustified(t *testing.T) {
	conf := testcorpus.SharedDir(t, "oci-conformance", "distribution-spec")
	data, err := os.ReadFile(dsMapping)
	if err != nil {
		t.Fatal(err)
	}
	m, err := ParseMapping(dsMapping, data)
	if err != nil {
		t.Fatal(err)
	}
	for _, product := range []string{"v1.1/zot", "v1.1/olareg"} {
		f, err := os.Open(filepath.Join(conf, product, "junit.xml"))
		if err != nil {
			t.Fatal(err)
		}
		j, err := conformance.ReadJUnit(f, product, true)
		_ = f.Close() // read-only
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range m.Entries {
			if len(e.Requests) == 0 {
				t.Errorf("%s:%d: entry lists no requests", dsMapping, e.Line)
			}
			checkEntry(t, product, e, j.Tests)
		}
	}
}

// checkEntry checks an entry against the passing tests of one product.
// A name the suite records several times (one case per manifest pushed)
// is one test: its requests are those of all its passing cases.
func checkEntry(t *testing.T, product string, e *Entry, tests []conformance.TestCase) {
	t.Helper()
	byName := map[string][]conformance.Exchange{}
	var names []string
	for i := range tests {
		tc := &tests[i]
		if !e.Matches(tc.Name) || tc.Status != conformance.Pass {
			continue
		}
		if _, ok := byName[tc.Name]; !ok {
			names = append(names, tc.Name)
		}
		byName[tc.Name] = append(byName[tc.Name], tc.Exchanges...)
	}
	for _, n := range names {
		for _, req := range e.Requests {
			if err := madeRequest(req, byName[n]); err != nil {
				t.Errorf("%s:%d: %s: %q: %v", dsMapping, e.Line, product, n, err)
			}
		}
	}
	optional := strings.Contains(strings.Join(e.Patterns, ""), "mount") || strings.Contains(strings.Join(e.Patterns, ""), "cancel")
	if len(names) == 0 && !optional {
		t.Errorf("%s:%d: %s: no passing test matches %q", dsMapping, e.Line, product, e.Patterns)
	}
}

// requestRE parses a request line of a mapping entry:
// "METHOD TEMPLATE -> STATUS [HEADER...]".
var requestRE = regexp.MustCompile(`^([A-Z]+) (\S+) -> (\d{3})((?: [A-Za-z-]+)*)$`)

// madeRequest reports whether one of the exchanges is the request: the
// method, the request URI matching the template (each <placeholder>
// stands for any text; extra query parameters may follow with "&"), the
// status and the presence of the listed response headers.
func madeRequest(req string, exs []conformance.Exchange) error {
	m := requestRE.FindStringSubmatch(req)
	if m == nil {
		return fmt.Errorf("request %q: want \"METHOD /path -> STATUS [HEADER...]\"", req)
	}
	uriRE := templateRE(m[2])
	status, _ := strconv.Atoi(m[3])
	headers := strings.Fields(m[4])
	var seen []string
	for _, ex := range exs {
		u, err := url.Parse(ex.Request.URL)
		if err != nil || ex.Request.Method != m[1] || !uriRE.MatchString(u.RequestURI()) {
			continue
		}
		if ex.Response == nil {
			seen = append(seen, "no response")
			continue
		}
		if ex.Response.StatusCode == status && hasHeaders(ex.Response.Header, headers) {
			return nil
		}
		seen = append(seen, fmt.Sprintf("%d %v", ex.Response.StatusCode, headerNames(ex.Response.Header)))
	}
	return fmt.Errorf("no exchange %q (matching requests got: %v)", req, seen)
}

func templateRE(tmpl string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString("^")
	for tmpl != "" {
		i := strings.IndexByte(tmpl, '<')
		j := strings.IndexByte(tmpl, '>')
		if i < 0 || j < i {
			b.WriteString(regexp.QuoteMeta(tmpl))
			break
		}
		b.WriteString(regexp.QuoteMeta(tmpl[:i]) + ".+?")
		tmpl = tmpl[j+1:]
	}
	b.WriteString("(?:&.*)?$")
	return regexp.MustCompile(b.String())
}

func hasHeaders(h http.Header, names []string) bool {
	for _, n := range names {
		if len(h.Values(n)) == 0 {
			return false
		}
	}
	return true
}

func headerNames(h http.Header) []string {
	var out []string
	for k := range h {
		out = append(out, k)
	}
	return out
}

// resultsCategory names, for requirements the mapping traces to the
// tests of one results.yaml category, that category: the outcome the
// trace reports for a product must agree with the category's status in
// the product's results.yaml.
var resultsCategory = map[string]string{
	"single-post-cb3ceb":                             "Blob post only",
	"post-then-put-27dcf4":                           "Blob post put",
	"pushing-a-blob-in-chunks-f60ee1":                "Blob chunked",
	"pushing-a-blob-in-chunks-63a677":                "Blob chunked",
	"mounting-a-blob-from-another-repository-d22080": "Blob anonymous mount",
	"cancel-a-blob-upload-07ca84":                    "Blob upload cancel",
	"pulling-blobs-c7ce1e":                           "Blob get",
	"pulling-blobs-71932a":                           "Blob get range",
	"deleting-blobs-f1e33e":                          "Blob delete",
	"deleting-manifests-46d48c":                      "Manifest delete",
	"deleting-tags-46d48c":                           "Tag delete",
	"listing-tags-d9f123":                            "Tag listing",
	"listing-referrers-453162":                       "Referrers",
	"pushing-manifests-with-subject-e0ebd9":          "Manifest put with subject",
	"push-f399f6":                                    "Missing Subject",
	"pushing-manifests-587f8d":                       "Invalid Manifest Digest",
}

// TestDistributionSpecAgreesWithResults: for zot and olareg, the trace's
// outcome of each requirement in resultsCategory agrees with the status
// results.yaml records for its category (Pass: pass; Skip or Disabled:
// skip; Fail: fail), and the trace reports a failing requirement exactly
// when results.yaml records a failure.
func TestDistributionSpecAgreesWithResults(t *testing.T) {
	conf := testcorpus.SharedDir(t, "oci-conformance", "distribution-spec")
	products := []string{"v1.1/zot", "v1.1/olareg"}
	rep, _ := dsTrace(t, products...)
	for i, p := range products {
		data, err := os.ReadFile(filepath.Join(conf, p, "results.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		sum, err := conformance.ParseSummary(data, p+"/results.yaml")
		if err != nil {
			t.Fatal(err)
		}
		status := map[string]conformance.Status{}
		for _, e := range append(sum.APIs, sum.Data...) {
			status[e.Name] = e.Status
		}
		checkAgreement(t, rep, rep.Runs[i].Name, status, sum.Counts().Failed() > 0)
	}
}

func checkAgreement(t *testing.T, rep *Report, product string, status map[string]conformance.Status, yamlFails bool) {
	t.Helper()
	traceFails := false
	for _, r := range rep.Requirements {
		if r.Runs[product] == Fail {
			traceFails = true
		}
		cat, ok := resultsCategory[r.ID]
		if !ok {
			continue
		}
		st, ok := status[cat]
		if !ok {
			t.Errorf("%s: results.yaml has no category %q", product, cat)
			continue
		}
		if got, want := r.Runs[product], junitOutcome(st); got != want {
			t.Errorf("%s: %s is %q in the trace, but %q is %s in results.yaml", product, r.ID, got, cat, st)
		}
	}
	if traceFails != yamlFails {
		t.Errorf("%s: trace reports failures: %v; results.yaml: %v", product, traceFails, yamlFails)
	}
}
