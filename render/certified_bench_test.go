package render

import (
	"syscall"
	"testing"
	"time"

	"github.com/ocispec/ocispec/conformance"
	"github.com/ocispec/ocispec/internal/testcorpus"
)

// BenchmarkCertifiedCorpus reads and renders every product of
// ../shared/corpus/oci-conformance (16 results, 5 MB of junit): the target
// is under 300 ms on one core (make bench runs -cpu 1).
func BenchmarkCertifiedCorpus(b *testing.B) {
	dir := testcorpus.SharedDir(b, "oci-conformance")
	out := b.TempDir()
	start := cpuTime(b)
	for b.Loop() {
		tree, err := conformance.Load(dir)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Site(nil, Options{Output: out, Title: "Conformance", Features: []Feature{&Certified{Tree: tree}}}); err != nil {
			b.Fatal(err)
		}
	}
	// On a shared machine wall time per op includes waiting for a core;
	// CPU time per op is what the target is about.
	b.ReportMetric(float64(cpuTime(b)-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}

// cpuTime is the process's user and system CPU time.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
