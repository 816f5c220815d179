package openapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ocispec/ocispec/internal/testcorpus"
)

// exchange is one recorded exchange of a synthetic conformance v2 junit
// file, in the log format conformance v2 writes to <system-err>.
type exchange struct {
	method, url, reqHeaders, reqBody string
	status                           int
	respHeaders, respBody            string
}

func (e exchange) log() string {
	var b strings.Builder
	b.WriteString(strings.Repeat("=", 80) + "\n~~~ REQUEST ~~~\n")
	fmt.Fprintf(&b, "Method: %s\nURL: %s\nHeaders:\n%s", e.method, e.url, e.reqHeaders)
	writeBody(&b, e.reqBody)
	b.WriteString(strings.Repeat("-", 80) + "\n")
	if e.status != 0 {
		fmt.Fprintf(&b, "~~~ RESPONSE ~~~\nStatus: %d\nHeaders:\n%s", e.status, e.respHeaders)
		writeBody(&b, e.respBody)
	}
	b.WriteString(strings.Repeat("=", 80) + "\n")
	return b.String()
}

func writeBody(b *strings.Builder, body string) {
	switch {
	case body == "":
		b.WriteString("--- Empty body ---\n")
	case strings.HasPrefix(body, "--- "):
		b.WriteString(body + "\n")
	default:
		b.WriteString(body + "\n")
	}
}

// junit writes a conformance v2 junit file with one test case per
// exchange.
func junit(exs []exchange) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "<testsuites tests=\"%d\">\n  <testsuite name=\"OCI Conformance Test\" tests=\"%d\">\n", len(exs), len(exs))
	b.WriteString("    <properties><property name=\"Config\" value=\"registry: registry.example.test&#xA;version: &#34;1.1&#34;&#xA;\"></property></properties>\n")
	for i, e := range exs {
		fmt.Fprintf(&b, "    <testcase name=\"OCI Conformance Test/case-%d\" classname=\"\" time=\"0.001\" status=\"passed\">\n      <system-err>%s</system-err>\n    </testcase>\n",
			i, strings.ReplaceAll(html.EscapeString(e.log()), "\n", "&#xA;"))
	}
	b.WriteString("  </testsuite>\n</testsuites>\n")
	return b.Bytes()
}

const (
	base   = "http://registry.example.test/w1/acme/weather"
	digest = "sha256:0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9"
	jsonCT = "  Content-Type: [application/json]\n"
)

// widgetTraffic is original traffic of a widget registry (examples/spec):
// the first exchanges follow the spec, the last break it.
var widgetTraffic = []exchange{
	{method: "GET", url: "http://registry.example.test/w1/", status: 200},
	{method: "GET", url: base + "/parts/" + digest, status: 200,
		respHeaders: "  Widget-Digest: [" + digest + "]\n  Content-Type: [application/octet-stream]\n", respBody: "--- Output of application/octet-stream not supported, 3 bytes not shown ---"},
	{method: "HEAD", url: base + "/parts/" + digest, status: 404, respHeaders: jsonCT},
	{method: "GET", url: base + "/parts/" + digest, status: 404, respHeaders: jsonCT,
		respBody: `{"errors":[{"code":"PART_UNKNOWN","message":"part unknown to registry"}]}`},
	{method: "POST", url: base + "/parts/uploads/", status: 202, respHeaders: "  Location: [/w1/acme/weather/parts/uploads/5d1e]\n"},
	{method: "PUT", url: base + "/parts/uploads/5d1e?digest=" + digest, reqHeaders: "  Content-Type: [application/octet-stream]\n",
		reqBody: "--- Output of application/octet-stream not supported, 3 bytes not shown ---", status: 201, respHeaders: "  Location: [/w1/acme/weather/parts/" + digest + "]\n"},
	{method: "GET", url: base + "/releases/list", status: 200, respHeaders: jsonCT, respBody: `{"name":"acme/weather","releases":["1.4.1","stable"]}`},
	{method: "GET", url: base + "/releases/list?n=1&last=1.4.1", status: 200, respHeaders: jsonCT, respBody: `{"name":"acme/weather","releases":["stable"]}`},
	// Invalid from here on.
	{method: "POST", url: base + "/parts/uploads/", status: 200, respHeaders: "  Location: [/w1/acme/weather/parts/uploads/5d1f]\n"},
	{method: "GET", url: base + "/parts/" + digest, status: 404, respHeaders: jsonCT, respBody: `{"errors":[{"code":"NOT_A_CODE"}]}`},
	{method: "GET", url: base + "/releases/list?n=many", status: 200, respHeaders: jsonCT, respBody: `{"name":"acme/weather","releases":[]}`},
	{method: "GET", url: base + "/releases/list", status: 200, respHeaders: jsonCT, respBody: `{"name":"acme/weather"}`},
	{method: "GET", url: "http://registry.example.test/w1/ACME/parts/" + digest, status: 404, respHeaders: jsonCT, respBody: `{"errors":[{"code":"NAME_INVALID"}]}`},
	{method: "GET", url: "http://registry.example.test/elsewhere", status: 200},
	{method: "GET", url: base + "/parts/" + digest},
}

const validWidgetExchanges = 8

func exampleChecker(t testing.TB) *Checker {
	t.Helper()
	_, doc := generate(t, loadSet(t, filepath.Join("..", "examples", "spec"), exampleFiles...))
	c, err := NewChecker(doc.T)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// Covers: checking-traffic-e30a6e, checking-traffic-ba2492
func TestCheckTraffic(t *testing.T) {
	c := exampleChecker(t)
	rep := NewReport()
	c.CheckFile(rep, bytes.NewReader(junit(widgetTraffic)), "widget.xml")
	if rep.Exchanges != len(widgetTraffic) || rep.Valid != validWidgetExchanges || len(rep.Errors) != 0 {
		out, _ := json.MarshalIndent(rep, "", "  ")
		t.Fatalf("report:\n%s", out)
	}
	want := []string{
		"response: status is not supported",            // 200 where the spec says 202
		"response: response body doesn't match schema", // a code not in the table
		`request: query parameter "n": value many: an invalid integer`,
		"response: response body doesn't match schema", // releases missing
		`request: path parameter "name": value ACME: an invalid string`,
		"no operation: no path of the document matches /elsewhere",
		"no response recorded: the log records no response",
	}
	for i, inv := range rep.Invalid {
		if i >= len(want) || !strings.HasPrefix(inv.Class, strings.Split(want[i], ":")[0]) || !strings.Contains(inv.Reason+inv.Class, strings.SplitN(want[i], ": ", 2)[1][:12]) {
			t.Errorf("invalid %d: class %q reason %q; want %q", i, inv.Class, inv.Reason, want[i])
		}
		if inv.File != "widget.xml" || inv.Line == 0 || inv.Test == "" {
			t.Errorf("invalid %d: no place: %+v", i, inv)
		}
	}
	if got := rep.ByOperation["end-4a_end-4b"]; got == nil || got.Exchanges != 2 || got.Valid != 1 {
		t.Errorf("byOperation[end-4a_end-4b] = %+v", got)
	}
}

// TestCheckTrafficBadFiles: a truncated file and a file that is not UTF-8
// are reported as files; the exchanges before the damage are checked.
func TestCheckTrafficBadFiles(t *testing.T) {
	c := exampleChecker(t)
	good := junit(widgetTraffic[:validWidgetExchanges])
	for name, data := range map[string][]byte{
		"truncated.xml": good[:len(good)*2/3],
		"latin1.xml":    bytes.Replace(good, []byte("case-5"), []byte("case-\xe9"), 1),
		"empty.xml":     nil,
	} {
		t.Run(name, func(t *testing.T) {
			rep := NewReport()
			c.CheckFile(rep, bytes.NewReader(data), name)
			if len(rep.Errors) != 1 || !strings.HasPrefix(rep.Errors[0], name) {
				t.Fatalf("errors %q", rep.Errors)
			}
			if rep.Valid != rep.Exchanges || (name != "empty.xml" && rep.Exchanges == 0) {
				t.Errorf("%d exchanges, %d valid before the damage", rep.Exchanges, rep.Valid)
			}
		})
	}
}

// TestCheckTrafficCorpus: at least 97% of the exchanges zot and olareg
// recorded for distribution-spec v1.1 validate against the document
// generated from distribution-spec HEAD, and the rest are the classes
// docs/openapi.md explains.
func TestCheckTrafficCorpus(t *testing.T) {
	dir := testcorpus.SharedDir(t, "oci-conformance", "distribution-spec", "v1.1")
	_, doc := generate(t, loadSet(t, testcorpus.SharedDir(t, "distribution-spec"), "spec.md"))
	c, err := NewChecker(doc.T)
	if err != nil {
		t.Fatal(err)
	}
	explained := map[string]bool{
		// image-spec's schema wants at least one layer; its prose does not.
		"request: doesn't match schema #/components/schemas/ImageManifest":                true,
		"response: response body doesn't match schema #/components/schemas/ImageManifest": true,
		// 400 on a manifest PUT with a bad digest: the table row lacks it.
		"response: status is not supported": true,
	}
	for _, product := range []string{"zot", "olareg"} {
		rep := NewReport()
		data, err := os.ReadFile(filepath.Join(dir, product, "junit.xml"))
		if err != nil {
			t.Fatal(err)
		}
		c.CheckFile(rep, bytes.NewReader(data), product)
		if rep.Exchanges < 1000 || float64(rep.Valid) < 0.97*float64(rep.Exchanges) || len(rep.Errors) > 0 {
			t.Errorf("%s: %d of %d valid, errors %v", product, rep.Valid, rep.Exchanges, rep.Errors)
		}
		for _, inv := range rep.Invalid {
			if !explained[inv.Class] {
				t.Errorf("%s: unexplained failure class %q: %s %s: %s", product, inv.Class, inv.Method, inv.URL, inv.Reason)
			}
		}
	}
}
