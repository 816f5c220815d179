// Package testcorpus locates real specification corpora for tests: the
// image-spec and runtime-spec Markdown that ships in the Go module cache, and
// the optional ../shared development corpus. Tests skip cleanly when a corpus
// is unavailable, since a user's clone has no ../shared.
package testcorpus

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"testing"

	// The spec modules are dependencies so that their Markdown and schemas
	// are in the module cache wherever the tests run.
	_ "github.com/opencontainers/image-spec/specs-go"
	_ "github.com/opencontainers/runtime-spec/specs-go"
)

// Module paths of the OCI specs that ship Markdown in the module cache.
const (
	ImageSpec   = "github.com/opencontainers/image-spec"
	RuntimeSpec = "github.com/opencontainers/runtime-spec"
)

// ModuleDir returns the module cache directory of a dependency, downloading
// it if needed, or skips the test.
func ModuleDir(tb testing.TB, module string) string {
	tb.Helper()
	out, err := exec.Command("go", "list", "-m", "-json", module).Output()
	if err != nil {
		tb.Skipf("go list -m %s: %v", module, err)
	}
	var m struct{ Dir string }
	if err := json.Unmarshal(out, &m); err != nil || m.Dir == "" {
		dl, err := exec.Command("go", "mod", "download", "-json", module).Output()
		if err != nil || json.Unmarshal(dl, &m) != nil || m.Dir == "" {
			tb.Skipf("module %s not in the module cache", module)
		}
	}
	return m.Dir
}

// RepoRoot is the repository root, found from this source file.
func RepoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// SharedDir returns ../shared/corpus/<elem...> relative to the repository
// root, or skips the test when it is absent.
func SharedDir(tb testing.TB, elem ...string) string {
	tb.Helper()
	dir := filepath.Join(append([]string{RepoRoot(), "..", "shared", "corpus"}, elem...)...)
	if _, err := os.Stat(dir); err != nil {
		tb.Skipf("development corpus %s absent", dir)
	}
	return dir
}

// Markdown lists the *.md files directly in dir, sorted.
func Markdown(tb testing.TB, dir string) []string {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.md"))
	if err != nil {
		tb.Fatal(err)
	}
	sort.Strings(files)
	return files
}

// OCISpecs returns the directories of the three OCI specs: image-spec and
// runtime-spec from the module cache and distribution-spec from ../shared
// when present (absent entries are omitted, not skipped).
func OCISpecs(tb testing.TB) map[string]string {
	tb.Helper()
	dirs := map[string]string{
		"image-spec":   ModuleDir(tb, ImageSpec),
		"runtime-spec": ModuleDir(tb, RuntimeSpec),
	}
	d := filepath.Join(RepoRoot(), "..", "shared", "corpus", "distribution-spec")
	if _, err := os.Stat(d); err == nil {
		dirs["distribution-spec"] = d
	}
	return dirs
}

// IsArchivedVersion reports the frozen copies of earlier releases that the
// development corpus keeps beside distribution-spec's spec.md
// (spec-v1.0.1.md and so on): they are inputs for diff tests, not part of
// the spec at HEAD.
func IsArchivedVersion(file string) bool {
	ok, _ := filepath.Match("spec-v*.md", filepath.Base(file))
	return ok
}

// OCISources reads the Markdown of the three OCI specs at HEAD (archived
// versions left out), for benchmarks: the file names, their contents and
// the total size.
func OCISources(tb testing.TB) (names []string, srcs [][]byte, total int64) {
	tb.Helper()
	for _, dir := range OCISpecs(tb) {
		for _, f := range Markdown(tb, dir) {
			if IsArchivedVersion(f) {
				continue
			}
			src, err := os.ReadFile(f)
			if err != nil {
				tb.Fatal(err)
			}
			names = append(names, f)
			srcs = append(srcs, src)
			total += int64(len(src))
		}
	}
	return names, srcs, total
}
