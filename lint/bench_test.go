package lint

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/ocispec/ocispec/internal/testcorpus"
	"github.com/ocispec/ocispec/specs"
)

// benchSources reads the three OCI specs' Markdown into memory.
func benchSources(b *testing.B) (map[string][]byte, int64) {
	b.Helper()
	srcs := map[string][]byte{}
	var n int64
	for _, s := range ociSpecs(b) {
		set := loadSpec(b, s)
		for _, d := range set.Docs {
			srcs[s.name+"/"+d.Path] = d.Source
			n += int64(len(d.Source))
		}
	}
	if len(srcs) == 0 {
		b.Skip("no OCI spec sources available")
	}
	return srcs, n
}

// BenchmarkLintOCISpecs parses and lints the three OCI specs with every
// default rule, as `ocispec lint` does (without reading files).
func BenchmarkLintOCISpecs(b *testing.B) {
	srcs, n := benchSources(b)
	rules, _ := Select(Config{})
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		p := specs.NewParser(specs.Options{})
		var docs []*specs.Document
		for path, src := range srcs {
			d, err := p.Parse(path, src)
			if err != nil {
				b.Fatal(err)
			}
			docs = append(docs, d)
		}
		RunRules(specs.NewSet(b.TempDir(), docs...), rules, Config{})
	}
}

// BenchmarkLintRulesOnly lints pre-parsed documents: the cost of the rules
// alone.
func BenchmarkLintRulesOnly(b *testing.B) {
	srcs, n := benchSources(b)
	rules, _ := Select(Config{})
	var docs []*specs.Document
	for path, src := range srcs {
		d, err := specs.Parse(path, src, specs.Options{})
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, d)
	}
	set := specs.NewSet(b.TempDir(), docs...)
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		RunRules(set, rules, Config{})
	}
}

// BenchmarkFixOCISpecs applies every fix to the three OCI specs.
func BenchmarkFixOCISpecs(b *testing.B) {
	srcs, n := benchSources(b)
	rules, _ := Select(Config{})
	b.SetBytes(n)
	for b.Loop() {
		for path, src := range srcs {
			if _, _, err := FixSource(path, src, nil, rules, Config{}, nil); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkLintFixture lints the hard-case fixture, which needs no corpus.
func BenchmarkLintFixture(b *testing.B) {
	src, err := os.ReadFile(filepath.Join("testdata", "rules", "one-sentence-per-line", "hard-cases.md"))
	if err != nil {
		b.Fatal(err)
	}
	rules, _ := Select(Config{})
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		d, err := specs.Parse("hard-cases.md", src, specs.Options{})
		if err != nil {
			b.Fatal(err)
		}
		RunRules(specs.NewSet(".", d), rules, Config{})
	}
}

// BenchmarkLintLarge lints one generated Markdown file of 20 MB, the three
// OCI specs concatenated again and again, through LintFiles as `ocispec
// lint FILE` does: its cost per byte should be that of the specs.
func BenchmarkLintLarge(b *testing.B) {
	_, srcs, total := testcorpus.OCISources(b)
	if total == 0 {
		b.Skip("no OCI spec sources available")
	}
	var big []byte
	for len(big) < 20<<20 {
		for _, s := range srcs {
			big = append(append(big, s...), '\n')
		}
	}
	dir := b.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "large.md"), big, 0o644); err != nil {
		b.Fatal(err)
	}
	files := []specs.File{{Path: "large.md", OS: filepath.Join(dir, "large.md")}}
	rules, _ := Select(Config{})
	b.SetBytes(int64(len(big)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := LintFiles(dir, files, rules, Config{}, specs.Options{}, nil); err != nil {
			b.Fatal(err)
		}
	}
}
