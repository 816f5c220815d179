package testtool

import (
	"testing"
)

type recorder struct {
	testing.TB
	skipped, failed bool
}

func (r *recorder) Helper()               {}
func (r *recorder) Skipf(string, ...any)  { r.skipped = true }
func (r *recorder) Fatalf(string, ...any) { r.failed = true }

func TestFindMissing(t *testing.T) {
	t.Setenv("OCISPEC_TESTTOOL_REQUIRE", "")
	r := &recorder{TB: t}
	if p := Find(r, "OCISPEC_TESTTOOL_REQUIRE", "no-such-program-ocispec"); p != "" || !r.skipped || r.failed {
		t.Fatalf("missing tool: path %q, skipped %v, failed %v; want a skip", p, r.skipped, r.failed)
	}
	t.Setenv("OCISPEC_TESTTOOL_REQUIRE", "1")
	r = &recorder{TB: t}
	if Find(r, "OCISPEC_TESTTOOL_REQUIRE", "no-such-program-ocispec"); !r.failed {
		t.Fatal("missing required tool did not fail the test")
	}
}

func TestFindPresent(t *testing.T) {
	r := &recorder{TB: t}
	if p := Find(r, "X", "no-such-program-ocispec", "go"); p == "" || r.skipped || r.failed {
		t.Fatalf("go: path %q, skipped %v, failed %v", p, r.skipped, r.failed)
	}
}
