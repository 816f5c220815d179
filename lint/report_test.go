package lint

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/ocispec/ocispec/specs"
)

// sampleFindings lints a small document with every default rule.
func sampleFindings(t *testing.T) []Finding {
	t.Helper()
	src := "# Sample\n\nOne. Two, with RFC 9110 and a [link](#nowhere).\nClients MUST retry,\nsee [RFC 7231](https://tools.ietf.org/html/rfc7231).\n"
	doc, err := specs.Parse("dir/sample file.md", []byte(src), specs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	fs, err := Run(specs.NewSet(t.TempDir(), doc), Config{})
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) < 4 {
		t.Fatalf("want several findings, got %v", fs)
	}
	return fs
}

func TestReportText(t *testing.T) {
	var b bytes.Buffer
	if err := Report(&b, "text", sampleFindings(t), ReportOptions{}); err != nil {
		t.Fatal(err)
	}
	golden(t, "report/sample.txt", b.Bytes())
	b.Reset()
	if err := Report(&b, "text", sampleFindings(t)[:1], ReportOptions{Color: true}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "\x1b[") {
		t.Error("no color with Color set")
	}
}

func TestReportJSON(t *testing.T) {
	var b bytes.Buffer
	if err := Report(&b, "json", sampleFindings(t), ReportOptions{}); err != nil {
		t.Fatal(err)
	}
	golden(t, "report/sample.json", b.Bytes())
	var out struct {
		Findings []map[string]any `json:"findings"`
	}
	if err := json.Unmarshal(b.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"file", "line", "column", "endLine", "endColumn", "rule", "severity", "message", "fix"} {
		if _, ok := out.Findings[0][k]; !ok {
			t.Errorf("json finding lacks %q", k)
		}
	}
	b.Reset()
	if err := Report(&b, "json", nil, ReportOptions{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `"findings": []`) {
		t.Errorf("empty report = %s", b.String())
	}
}

func TestReportGitHub(t *testing.T) {
	var b bytes.Buffer
	fs := []Finding{{Path: "a,b.md", Line: 3, Column: 2, EndLine: 3, EndColumn: 9, Rule: "rfc-link", Severity: Error, Message: "50% done\nnext"}}
	if err := Report(&b, "github", fs, ReportOptions{}); err != nil {
		t.Fatal(err)
	}
	want := "::error file=a%2Cb.md,line=3,col=2,endLine=3,endColumn=9,title=ocispec rfc-link::50%25 done%0Anext\n"
	if b.String() != want {
		t.Errorf("got %q\nwant %q", b.String(), want)
	}
	b.Reset()
	if err := Report(&b, "github", sampleFindings(t), ReportOptions{}); err != nil {
		t.Fatal(err)
	}
	golden(t, "report/sample.github", b.Bytes())
}

func TestReportSARIFValid(t *testing.T) {
	f, err := os.Open("testdata/sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("sarif-schema-2.1.0.json", doc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile("sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	for name, fs := range map[string][]Finding{"findings": sampleFindings(t), "empty": nil} {
		var b bytes.Buffer
		if err := Report(&b, "sarif", fs, ReportOptions{Version: "v0.0.0-test"}); err != nil {
			t.Fatal(err)
		}
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		if err := schema.Validate(inst); err != nil {
			t.Errorf("%s: SARIF output is not valid: %v\n%s", name, err, b.String())
		}
		if name == "findings" {
			golden(t, "report/sample.sarif", b.Bytes())
		}
	}
}

func TestReportUnknownFormat(t *testing.T) {
	if err := Report(&bytes.Buffer{}, "xml", nil, ReportOptions{}); err == nil {
		t.Error("unknown format accepted")
	}
}
