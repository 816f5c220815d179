package trace

import (
	"errors"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParseMapping: any input parses or fails with a *SyntaxError naming
// the file; a parsed entry always has patterns and targets, and its
// patterns never panic on matching.
func FuzzParseMapping(f *testing.F) {
	seed, err := os.ReadFile("testdata/mapping.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(seed))
	f.Add("entries:\n  - match: [\"a/**\", \"b?\"]\n    covers: x@abcdef\n")
	f.Add("entries: 3\n")
	f.Add("description: [\n")
	f.Add("- a\n- b\n")
	f.Fuzz(func(t *testing.T, data string) {
		m, err := ParseMapping("m.yaml", []byte(data))
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) || se.File != "m.yaml" {
				t.Fatalf("error %v is not a *SyntaxError naming m.yaml", err)
			}
			return
		}
		for _, e := range m.Entries {
			checkEntryInvariants(t, e)
		}
	})
}

// checkEntryInvariants: an entry has patterns, targets and a line, and a
// pattern without wildcards matches itself.
func checkEntryInvariants(t *testing.T, e *Entry) {
	t.Helper()
	if len(e.Patterns) == 0 || len(e.Targets) == 0 || e.Line == 0 {
		t.Fatalf("entry %+v lacks patterns, targets or a line", e)
	}
	for _, p := range e.Patterns {
		if !strings.ContainsAny(p, "*?{") && !e.Matches(p) {
			t.Fatalf("literal pattern %q does not match itself", p)
		}
	}
}

// FuzzParseCovers: the annotation parser never panics, and every target
// it returns reads back as itself.
func FuzzParseCovers(f *testing.F) {
	for _, s := range []string{" Covers: a-1b2c3d@1b2c3d, #sec end-3", "Covers:", "Covers: ?", "covers: x", "Covers: file.md#a@ff00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		targets, ok, err := ParseCovers(line)
		if !ok && (err != nil || len(targets) > 0) {
			t.Fatalf("not an annotation but targets %v, err %v", targets, err)
		}
		for _, tg := range targets {
			s := tg.Name
			if tg.Revision != "" {
				s += "@" + tg.Revision
			}
			again, ok, err := ParseCovers("Covers: " + s)
			if !ok || err != nil || len(again) != 1 || again[0] != tg {
				t.Fatalf("target %+v reads back as %+v, %v", tg, again, err)
			}
		}
	})
}

// FuzzScanTests: a test file of any content is scanned without a panic;
// every annotation belongs to a test the scan lists, and a file that
// does not parse is a finding.
func FuzzScanTests(f *testing.F) {
	seed, err := os.ReadFile("testdata/tests/gadget/gadget_test.go")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(seed))
	f.Add("package p\n/* Covers: a\n * Covers: b */\nfunc TestX(t *testing.T) {}\n")
	f.Add("package p\nfunc TestX(")
	f.Fuzz(func(t *testing.T, src string) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "x_test.go"), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		s, err := ScanTests(dir, []string{"."})
		if err != nil {
			t.Fatal(err)
		}
		tests := map[string]bool{}
		for _, gt := range s.Tests {
			tests[gt.Name] = true
		}
		for _, a := range s.Annotations {
			if !tests[a.Test] || a.Line <= 0 {
				t.Fatalf("annotation %+v names no scanned test", a)
			}
		}
		if _, perr := parser.ParseFile(token.NewFileSet(), "x_test.go", src, parser.ParseComments); perr != nil && len(s.Findings) == 0 {
			t.Fatalf("unparsable file gave no finding: %v", perr)
		}
	})
}

// FuzzReadGoTestJSON: any input is read or rejected with an error, and a
// read file holds an outcome for every test it lists.
func FuzzReadGoTestJSON(f *testing.F) {
	seed, err := os.ReadFile("testdata/go-test.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(seed))
	f.Add(`{"Action":"run","Package":"p","Test":"T"}`)
	f.Fuzz(func(t *testing.T, data string) {
		r, err := ReadGoTestJSON("r.json", []byte(data))
		if err != nil {
			return
		}
		for _, n := range r.Tests {
			if r.Outcomes[n].rank() == 0 {
				t.Fatalf("test %q has no outcome", n)
			}
		}
	})
}
