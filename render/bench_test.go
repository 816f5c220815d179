package render

import (
	"path/filepath"
	"testing"

	"github.com/ocispec/ocispec/internal/testcorpus"
	"github.com/ocispec/ocispec/workspace"
)

// BenchmarkExampleSite builds the repository's example workspace as
// `ocispec build` does: parse, render and write every page. bench/site.sh
// checks it stays under 300 ms.
func BenchmarkExampleSite(b *testing.B) {
	root := testcorpus.RepoRoot()
	out := b.TempDir()
	for b.Loop() {
		ws, err := workspace.Open(filepath.Join(root, "ocispec.yaml"), root)
		if err != nil {
			b.Fatal(err)
		}
		list, opts, _, err := FromWorkspace(ws, ws.Select(nil, workspace.OneSet))
		if err != nil {
			b.Fatal(err)
		}
		opts.Output = out
		if _, err := Site(list, opts); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOCISpecsSite builds image-spec, runtime-spec and
// distribution-spec (when ../shared is present) into one site.
func BenchmarkOCISpecsSite(b *testing.B) {
	dirs := testcorpus.OCISpecs(b)
	out := b.TempDir()
	for b.Loop() {
		ws, err := workspace.Open("", b.TempDir())
		if err != nil {
			b.Fatal(err)
		}
		var list []Spec
		for name, dir := range dirs {
			l, _, _, err := FromWorkspace(ws, ws.Select([]string{dir}, workspace.OneSet))
			if err != nil {
				b.Fatal(err)
			}
			l[0].Name = name
			list = append(list, l...)
		}
		if _, err := Site(list, Options{Output: out}); err != nil {
			b.Fatal(err)
		}
	}
}
