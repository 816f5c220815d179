package lint

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"strconv"
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

// reportTextOneBuffer is reportText as it was before it wrote in chunks:
// the whole report built in one buffer and written once.
func reportTextOneBuffer(w io.Writer, fs []Finding, opts ReportOptions) error {
	var b []byte
	for _, f := range fs {
		b = appendTextFinding(b, f, opts.Color)
	}
	_, err := w.Write(b)
	return err
}

// manyFindings returns n findings of every severity, some fixable, some
// with long messages, so that a text report crosses several chunks.
func manyFindings(n int) []Finding {
	fs := make([]Finding, n)
	for i := range fs {
		fs[i] = Finding{
			Path: "image-spec/config.md", Line: i + 1, Column: i%7 + 1,
			Rule: "one-sentence-per-line", Severity: Severity(i % 4),
			Message: "line holds more than one sentence: start \"" + strings.Repeat("é", i%300) + strconv.Itoa(i) + "\" on a new line",
		}
		if i%3 == 0 {
			fs[i].Fix = fixOne("join", Edit{})
		}
	}
	return fs
}

// The text report written in chunks is the report built in one buffer.
func TestReportTextChunksMatchOneBuffer(t *testing.T) {
	for _, n := range []int{0, 1, 100, 3000} {
		fs := manyFindings(n)
		for _, color := range []bool{false, true} {
			var got, want bytes.Buffer
			if err := reportText(&got, fs, ReportOptions{Color: color}); err != nil {
				t.Fatal(err)
			}
			if err := reportTextOneBuffer(&want, fs, ReportOptions{Color: color}); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Errorf("n=%d color=%v: chunked report differs", n, color)
			}
		}
	}
}

// A failing writer's error is returned.
func TestReportTextWriteError(t *testing.T) {
	if err := reportText(failWriter{}, manyFindings(3000), ReportOptions{}); err == nil {
		t.Error("no error from a failing writer")
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("write failed") }

func BenchmarkReportText(b *testing.B) {
	fs := manyFindings(100000)
	b.ReportAllocs()
	for b.Loop() {
		if err := reportText(io.Discard, fs, ReportOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
