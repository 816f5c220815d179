package trace

import (
	"path/filepath"
	"testing"

	"github.com/ocispec/ocispec/internal/testcorpus"
	"github.com/ocispec/ocispec/reqs"
	"github.com/ocispec/ocispec/specs"
)

// BenchmarkTraceDistributionSpec traces distribution-spec's spec.md with
// the example mapping against every v1.0 and v1.1 conformance result set
// in ../shared (16 junit.xml files, 5 MB in three formats): parse the
// spec, extract its requirements, read the mapping and the results, build
// the report. The target is under 300 ms on one core (make bench).
func BenchmarkTraceDistributionSpec(b *testing.B) {
	spec := testcorpus.SharedDir(b, "distribution-spec")
	conf := testcorpus.SharedDir(b, "oci-conformance", "distribution-spec")
	files, err := filepath.Glob(filepath.Join(conf, "v1.[01]", "*", "junit.xml"))
	if err != nil {
		b.Fatal(err)
	}
	if len(files) != 16 {
		b.Fatalf("%d result sets, want 16", len(files))
	}
	b.ReportAllocs()
	for b.Loop() {
		set, err := specs.Load(spec, []string{"spec.md"}, specs.LoadOptions{})
		if err != nil {
			b.Fatal(err)
		}
		in, err := Collect(Sources{Root: ".", Requirements: reqs.Extract(set).Requirements, Mappings: []string{dsMapping}, Results: files})
		if err != nil || len(in.Findings) > 0 || len(in.Results) != 16 {
			b.Fatalf("%v %v", err, in.Findings)
		}
		if rep := Build(in, Options{}); rep.Levels["MUST"].Covered == 0 {
			b.Fatal("nothing covered")
		}
	}
}
