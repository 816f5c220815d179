package trace

import (
	"strings"
	"testing"
)

func TestNameRuns(t *testing.T) {
	for _, tc := range []struct{ files, want string }{
		{"", ""},
		{"a/v1.1/zot/junit.xml", "zot"},
		{"go-test.json", "go-test.json"},
		{"c/v1.1/zot/junit.xml c/v1.0/zot/junit.xml c/v1.1/olareg/junit.xml", "v1.1/zot v1.0/zot v1.1/olareg"},
		{"build/a.json build/b.json", "a.json b.json"},
		{"x/junit.xml x/junit.xml", "x x (2)"},
	} {
		var rs []*Results
		for _, f := range strings.Fields(tc.files) {
			rs = append(rs, &Results{File: f})
		}
		nameRuns(rs)
		var got []string
		for _, r := range rs {
			got = append(got, r.Name)
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("%q: names %q, want %q", tc.files, got, tc.want)
		}
	}
}

// TestReadResultsBadFiles: each unreadable file is one finding naming
// it, and the good files are still read.
//
// Covers: trace.md#results-files
func TestReadResultsBadFiles(t *testing.T) {
	rs, finds := ReadResults([]string{"testdata/truncated.json", "testdata/missing.xml", "testdata/mapping.yaml", "testdata/runs/acme/junit.xml", "testdata/spec/gadget.md"})
	if len(rs) != 1 || rs[0].Name != "acme" || len(rs[0].Tests) != 4 {
		t.Fatalf("read %d files: %+v", len(rs), rs)
	}
	var got []string
	for _, f := range finds {
		got = append(got, f.String())
	}
	want := []string{
		"testdata/truncated.json: line 5: not a go test -json event (truncated?)",
		"testdata/missing.xml: open testdata/missing.xml: no such file or directory",
		"testdata/mapping.yaml: unknown results format",
		"testdata/spec/gadget.md: unknown results format",
	}
	if len(got) != len(want) {
		t.Fatalf("findings %q", got)
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("finding %q, want prefix %q", got[i], want[i])
		}
	}
}
