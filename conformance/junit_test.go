package conformance

import (
	"errors"
	"io"
	"strings"
	"testing"
)

const ginkgoV1 = `<?xml version="1.0" encoding="UTF-8"?>
  <testsuite name="OCI Distribution Conformance Tests" tests="3" failures="1" errors="0" time="1">
      <testcase name="OCI Distribution Conformance Tests Pull Pull blobs GET should yield 200" classname="OCI Distribution Conformance Tests" time="0.5"></testcase>
      <testcase name="OCI Distribution Conformance Tests Content Discovery List tags should yield 200" classname="OCI Distribution Conformance Tests" time="0.1">
          <failure type="Failure">/x/03_discovery_test.go:80&#xA;Expected&#xA;    &lt;int&gt;: 404&#xA;to equal 200</failure>
      </testcase>
      <testcase name="OCI Distribution Conformance Tests Content Management Delete tag" classname="OCI Distribution Conformance Tests" time="0">
          <skipped>/x/04_test.go:82&#xA;you have skipped this test.</skipped>
      </testcase>
      <testcase name="OCI Distribution Conformance Tests Push Blob panics" classname="OCI Distribution Conformance Tests" time="0">
          <failure type="Panic">runtime error: index out of range</failure>
      </testcase>
  </testsuite>`

const ginkgoV2 = `<?xml version="1.0" encoding="UTF-8"?>
  <testsuites tests="3" disabled="1" errors="0" failures="1" time="2">
      <testsuite name="conformance tests" package="/x" tests="3" disabled="0" skipped="1" errors="0" failures="1" time="2">
          <properties><property name="SuiteSucceeded" value="false"></property></properties>
          <testcase name="OCI Distribution Conformance Tests Push Blob Upload Streamed PATCH should yield 202" classname="conformance tests" status="passed" time="0.1">
              <system-err>&gt; Enter [It] PATCH - /x/02_push_test.go:20</system-err>
          </testcase>
          <testcase name="OCI Distribution Conformance Tests Push Manifest Upload PUT should accept" classname="conformance tests" status="failed" time="0.2">
              <failure message="[FAILED] Expected 201, got 400" type="failed">[FAILED] Expected 201, got 400&#xA;In [It] at: /x/02_push_test.go:300</failure>
              <system-err>~~~ REQUEST ~~~&#xA;Method: PUT&#xA;URL: http://r/v2/a/manifests/t&#xA;Headers:&#xA;   Content-Type: [application/vnd.oci.image.manifest.v1+json]&#xA;{&quot;schemaVersion&quot;:2}&#xA;------------------------------------------------------------&#xA;~~~ RESPONSE ~~~&#xA;Status: 400&#xA;Headers:&#xA;  Content-Length: [10]&#xA;{&quot;errors&quot;:[]}&#xA;============================================================</system-err>
          </testcase>
          <testcase name="OCI Distribution Conformance Tests Pull Setup Get tag name" classname="conformance tests" status="skipped" time="0">
              <skipped message="skipped - you have skipped this test."></skipped>
          </testcase>
          <testcase name="html custom reporter" classname="conformance tests" status="passed" time="0"></testcase>
      </testsuite>
  </testsuites>`

const confV2 = `<testsuites time="1" tests="3" skipped="1" disabled="1">
  <testsuite name="OCI Conformance Test" tests="3" failures="1" errors="0" disabled="1" skipped="0" time="1">
    <properties>
      <property name="Config" value="registry: 127.0.0.1:5000&#xA;password: s3cret&#xA;apis:&#xA;  blobs:&#xA;    delete: true&#xA;  referrer: false&#xA;"></property>
    </properties>
    <testcase name="OCI Conformance Test/ping" classname="" time="0.001" status="passed">
      <system-err>================================================================================&#xA;~~~ REQUEST ~~~&#xA;Method: GET&#xA;URL: http://127.0.0.1:5000/v2/&#xA;Headers:&#xA;--- Empty body ---&#xA;--------------------------------------------------------------------------------&#xA;~~~ RESPONSE ~~~&#xA;Status: 200&#xA;Headers:&#xA;             Content-Length: [0]&#xA;--- Empty body ---&#xA;================================================================================&#xA;</system-err>
    </testcase>
    <testcase name="OCI Conformance Test/sha256 blobs/post cancel/blob-post-cancel" classname="" time="0" status="skipped">
      <system-err>OCI Conformance Test/sha256 blobs/post cancel/blob-post-cancel: skipping test:&#xA;  api Blob upload cancel is disabled in the configuration&#xA;</system-err>
    </testcase>
    <testcase name="OCI Conformance Test/image/manifest-get" classname="" time="0" status="failed">
      <system-out>unexpected status 500</system-out>
    </testcase>
  </testsuite>
</testsuites>`

type wantCase struct {
	category string
	status   Status
	message  string
	exch     int
}

// Covers: conformance-directory-layout-bb0c12
func TestReadJUnitFormats(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		format Format
		want   []wantCase
	}{
		{"ginkgo v1", ginkgoV1, FormatGinkgoV1, []wantCase{
			{"Pull", Pass, "", 0},
			{"Content Discovery", Fail, "Expected", 0},
			{"Content Management", Skip, "you have skipped this test.", 0},
			{"Push", Error, "runtime error: index out of range", 0},
		}},
		{"ginkgo v2", ginkgoV2, FormatGinkgoV2, []wantCase{
			{"Push", Pass, "", 0},
			{"Push", Fail, "[FAILED] Expected 201, got 400", 1},
			{"Pull", Skip, "skipped - you have skipped this test.", 0},
			{"Other", Pass, "", 0},
		}},
		{"conformance v2", confV2, FormatConformanceV2, []wantCase{
			{"ping", Pass, "", 1},
			{"sha256 blobs", Disabled, "api Blob upload cancel is disabled in the configuration", 0},
			{"image", Fail, "unexpected status 500", 0},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j, err := ReadJUnit(strings.NewReader(tt.in), "junit.xml", true)
			if err != nil {
				t.Fatal(err)
			}
			if j.Suite.Format != tt.format {
				t.Errorf("format = %s, want %s", j.Suite.Format, tt.format)
			}
			if len(j.Tests) != len(tt.want) {
				t.Fatalf("%d tests, want %d", len(j.Tests), len(tt.want))
			}
			for i, w := range tt.want {
				tc := j.Tests[i]
				got := wantCase{tc.Category, tc.Status, tc.Message, len(tc.Exchanges)}
				if got != w {
					t.Errorf("test %d %q: got %+v, want %+v", i, tc.Name, got, w)
				}
			}
		})
	}
}

func TestConformanceV2Config(t *testing.T) {
	j, err := ReadJUnit(strings.NewReader(confV2), "junit.xml", false)
	if err != nil {
		t.Fatal(err)
	}
	cfg := j.Suite.Config
	if v, _ := cfg.Get("apis.blobs.delete"); v != "true" {
		t.Errorf("apis.blobs.delete = %q", v)
	}
	if v, _ := cfg.Get("password"); v != "(hidden)" {
		t.Errorf("password shown: %q", v)
	}
	if n := len(cfg.Toggles()); n != 2 {
		t.Errorf("%d toggles, want 2", n)
	}
	if len(j.Tests[0].Exchanges) != 0 {
		t.Error("a passing test's exchanges were kept without keepAll")
	}
	if d := j.Suite.Declared; d.Fail != 1 || d.Disabled != 1 || j.Suite.DeclaredTests != 3 {
		t.Errorf("declared = %+v", d)
	}
}

func TestFailureNeverMasked(t *testing.T) {
	// A status attribute that says passed next to a <failure> child is a
	// failure: the old generator let any run test mark a workflow Pass.
	in := `<testsuites><testsuite name="s"><testcase name="X Tests Pull a" status="passed"><failure message="boom"/></testcase></testsuite></testsuites>`
	j, err := ReadJUnit(strings.NewReader(in), "j.xml", false)
	if err != nil {
		t.Fatal(err)
	}
	if got := j.Tests[0].Status; got != Fail {
		t.Errorf("status = %s, want Fail", got)
	}
}

func TestJUnitBadInput(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"truncated", ginkgoV1[:len(ginkgoV1)/2], "junit.xml:"},
		{"truncated after a test", "<testsuite name=\"s\">\n<testcase name=\"a\"></testcase>\n", "junit.xml:"},
		{"not utf-8", "<testsuite>\n<testcase name=\"\xff\xfe\"/></testsuite>", "junit.xml:2:"},
		{"unknown format", "<html><body/></html>", "unknown format"},
		{"empty", "", "empty file"},
		{"unknown status", "<testsuites><testsuite>\n<testcase name=\"a\" status=\"weird\"/></testsuite></testsuites>", `junit.xml:2: test case "a": unknown test status "weird"`},
		{"bad config", `<testsuites><testsuite><properties><property name="Config" value="a: [" /></properties></testsuite></testsuites>`, "suite property Config"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadJUnit(strings.NewReader(tt.in), "junit.xml", false)
			var fe *FileError
			if !errors.As(err, &fe) {
				t.Fatalf("err = %v, want a *FileError", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %q, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestJUnitReaderStreams(t *testing.T) {
	r := NewJUnitReader(strings.NewReader(confV2), "junit.xml")
	n := 0
	for {
		tc, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		n++
		if r.Suite().Format != FormatConformanceV2 {
			t.Fatal("format unknown after the first test case")
		}
		if tc.Name == "OCI Conformance Test/ping" && len(tc.Exchanges) != 1 {
			t.Errorf("streaming reader dropped a passing test's exchange")
		}
	}
	if n != 3 {
		t.Errorf("%d test cases", n)
	}
	if _, err := r.Next(); !errors.Is(err, io.EOF) {
		t.Errorf("Next after EOF = %v", err)
	}
}
