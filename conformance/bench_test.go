package conformance_test

import (
	"testing"

	"github.com/ocispec/ocispec/conformance"
	"github.com/ocispec/ocispec/internal/testcorpus"
)

// BenchmarkLoadCorpus reads every product of ../shared/corpus/oci-conformance.
func BenchmarkLoadCorpus(b *testing.B) {
	dir := testcorpus.SharedDir(b, "oci-conformance")
	for b.Loop() {
		if _, err := conformance.Load(dir); err != nil {
			b.Fatal(err)
		}
	}
}
