package openapi

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/ocispec/ocispec/internal/testcorpus"
	"github.com/ocispec/ocispec/reqs"
)

// BenchmarkGenerateDistributionSpec: the model and the validated document
// of distribution-spec HEAD from its parsed set (target: under 50 ms on
// one core).
func BenchmarkGenerateDistributionSpec(b *testing.B) {
	set := loadSet(b, testcorpus.SharedDir(b, "distribution-spec"), "spec.md")
	g := reqs.Extract(set)
	b.ResetTimer()
	for b.Loop() {
		m, err := FromSet(set)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Generate(m, Options{Requirements: RequirementsByEndpoint(m, g)}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGenerateExample is the same for the example spec, which needs
// no corpus.
func BenchmarkGenerateExample(b *testing.B) {
	set := loadSet(b, filepath.Join("..", "examples", "spec"), exampleFiles...)
	g := reqs.Extract(set)
	b.ResetTimer()
	for b.Loop() {
		m, err := FromSet(set)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Generate(m, Options{Requirements: RequirementsByEndpoint(m, g)}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCheckTraffic2000: reading and checking a junit file of 2,000
// recorded exchanges (target: under 1 s on one core).
func BenchmarkCheckTraffic2000(b *testing.B) {
	c := exampleChecker(b)
	var exs []exchange
	for len(exs) < 2000 {
		exs = append(exs, widgetTraffic...)
	}
	data := junit(exs[:2000])
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		rep := NewReport()
		c.CheckFile(rep, bytes.NewReader(data), "bench.xml")
		if rep.Exchanges != 2000 {
			b.Fatalf("%d exchanges", rep.Exchanges)
		}
	}
}
