package lint

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	goldenfile "github.com/ocispec/ocispec/internal/golden"

	"github.com/ocispec/ocispec/specs"
)

// lintSrc runs one rule over src as a one-document set named doc.md.
func lintSrc(t testing.TB, rule, src string) []Finding {
	t.Helper()
	doc, err := specs.Parse("doc.md", []byte(src), specs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	fs, err := Run(specs.NewSet(t.TempDir(), doc), Config{Only: []string{rule}})
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

// fixSrc applies one rule's fixes to src.
func fixSrc(t testing.TB, rule, src string) string {
	t.Helper()
	rules, err := Select(Config{Only: []string{rule}})
	if err != nil {
		t.Fatal(err)
	}
	out, _, err := FixSource("doc.md", []byte(src), nil, rules, Config{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// wantLines lints src with one rule and checks the start lines of the
// findings.
func wantLines(t *testing.T, rule, src string, want []int) []Finding {
	t.Helper()
	fs := lintSrc(t, rule, src)
	if got := findingLines(fs); !sameInts(got, want) {
		t.Errorf("lines = %v, want %v\n%v", got, want, fs)
	}
	return fs
}

// wantFixed fixes src with one rule and checks the result; fixed == ""
// means src must stay unchanged.
func wantFixed(t *testing.T, rule, src, fixed string) string {
	t.Helper()
	got := fixSrc(t, rule, src)
	if fixed == "" {
		fixed = src
	}
	if got != fixed {
		t.Errorf("fixed =\n%q\nwant\n%q", got, fixed)
	}
	return got
}

// findingLines returns the start line of each finding.
func findingLines(fs []Finding) []int {
	var ls []int
	for _, f := range fs {
		ls = append(ls, f.Line)
	}
	return ls
}

func sameInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestGolden lints each testdata/rules/<rule>/*.md fixture with its rule
// alone and compares the text report (.golden) and, for fixable rules, the
// fixed document (.fixed).
func TestGolden(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("testdata", "rules", "*"))
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) == 0 {
		t.Fatal("no fixtures under testdata/rules")
	}
	for _, dir := range dirs {
		rule := filepath.Base(dir)
		r, ok := Lookup(rule)
		if !ok {
			t.Errorf("testdata/rules/%s: no such rule", rule)
			continue
		}
		inputs, _ := filepath.Glob(filepath.Join(dir, "*.md"))
		for _, in := range inputs {
			name := strings.TrimSuffix(filepath.Base(in), ".md")
			t.Run(rule+"/"+name, func(t *testing.T) {
				goldenRule(t, dir, in, rule, r.Meta().Fixable)
			})
		}
	}
}

// goldenRule lints fixture in of rule as `ocispec lint` does (LintFiles)
// and, for a fixable rule, fixes a copy as `ocispec lint --fix` does
// (FixFiles), comparing both with the golden files.
func goldenRule(t *testing.T, dir, in, rule string, fixable bool) {
	files, err := specs.Files(dir, []string{filepath.Base(in)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	only, err := Select(Config{Only: []string{rule}})
	if err != nil {
		t.Fatal(err)
	}
	fs, err := LintFiles(dir, files, only, Config{}, specs.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Report(&buf, "text", fs, ReportOptions{}); err != nil {
		t.Fatal(err)
	}
	rel := filepath.Join("rules", rule, strings.TrimSuffix(filepath.Base(in), ".md"))
	golden(t, rel+".golden", buf.Bytes())
	if !fixable {
		return
	}
	src, _ := os.ReadFile(in)
	tmp := filepath.Join(t.TempDir(), filepath.Base(in))
	if err := os.WriteFile(tmp, src, 0o644); err != nil {
		t.Fatal(err)
	}
	copies := []specs.File{{Path: files[0].Path, OS: tmp}}
	if _, _, err := FixFiles(copies, only, Config{}, nil); err != nil {
		t.Fatal(err)
	}
	fixed, _ := os.ReadFile(tmp)
	golden(t, rel+".fixed", fixed)
	if n, _, _ := FixFiles(copies, only, Config{}, nil); n != 0 {
		t.Errorf("second fix changed the document (%d fixes)", n)
	}
}

func TestRegistry(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Rules() {
		m := r.Meta()
		if m.ID == "" || m.Summary == "" {
			t.Errorf("rule %q is incomplete", m.ID)
		}
		if seen[m.ID] {
			t.Errorf("rule %q registered twice", m.ID)
		}
		seen[m.ID] = true
		if _, err := os.Stat(filepath.Join("..", m.DocURL())); err != nil {
			t.Errorf("rule %s has no documentation page: %v", m.ID, err)
		}
		if _, err := os.Stat(filepath.Join("testdata", "rules", m.ID)); err != nil {
			t.Errorf("rule %s has no golden fixtures: %v", m.ID, err)
		}
		for _, o := range m.Options {
			if !o.Type.Check(o.Default) {
				t.Errorf("rule %s: option %s: default %v is not %s", m.ID, o.Name, o.Default, o.Type)
			}
		}
	}
}

func TestSelect(t *testing.T) {
	rs, err := Select(Config{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		if r.ID() == "bcp14-keyword-case" {
			t.Error("bcp14-keyword-case runs by default")
		}
	}
	rs, err = Select(Config{Only: []string{"bcp14-keyword-case"}})
	if err != nil || len(rs) != 1 || rs[0].Severity == Off {
		t.Errorf("--rule did not enable an off rule: %v %v", rs, err)
	}
	rs, err = Select(Config{Severity: map[string]Severity{"rfc-link": Off}})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		if r.ID() == "rfc-link" {
			t.Error("rule set off still runs")
		}
	}
	if _, err := Select(Config{Only: []string{"no-such-rule"}}); err == nil {
		t.Error("unknown rule accepted")
	}
	if _, err := Select(Config{Severity: map[string]Severity{"nope": Error}}); err == nil {
		t.Error("unknown rule in severities accepted")
	}
}

func TestParseSeverity(t *testing.T) {
	for in, want := range map[string]Severity{"off": Off, "info": Info, "warning": Warning, "error": Error} {
		got, err := ParseSeverity(in)
		if err != nil || got != want {
			t.Errorf("ParseSeverity(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"fatal", "warn", "Error", "none"} {
		if _, err := ParseSeverity(bad); err == nil {
			t.Errorf("ParseSeverity accepted %q", bad)
		}
	}
}

// golden compares got with testdata/name (rewritten with -update).
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", name), got)
}
