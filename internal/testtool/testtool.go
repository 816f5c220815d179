// Package testtool finds the external programs some tests need (Chromium,
// markdownlint-cli2, @redocly/cli). On a laptop a missing program skips the
// test; .ci/run installs every one and sets the program's OCISPEC_REQUIRE_*
// variable, which turns the skip into a failure, so CI can never pass by
// skipping.
package testtool

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// Find returns the path of the first of names found in PATH. When none is,
// it skips the test, or fails it when the environment variable require is
// set to a non-empty value.
func Find(t testing.TB, require string, names ...string) string {
	t.Helper()
	if p := Lookup(names...); p != "" {
		return p
	}
	if os.Getenv(require) != "" {
		t.Fatalf("%s not found in PATH but %s is set", strings.Join(names, " or "), require)
	}
	t.Skipf("%s not found in PATH; skipping (set %s to make this a failure)", strings.Join(names, " or "), require)
	return ""
}

// Lookup returns the path of the first of names found in PATH, or "".
func Lookup(names ...string) string {
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	return ""
}

// Chromium returns the path of a Chromium binary, or skips (or fails
// under OCISPEC_REQUIRE_CHROMIUM) like Find.
func Chromium(t testing.TB) string {
	t.Helper()
	return Find(t, "OCISPEC_REQUIRE_CHROMIUM", "chromium", "chromium-browser", "google-chrome")
}
