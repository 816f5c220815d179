package trace

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// An Annotation is one target of a "// Covers: ..." comment in Go test
// code: the comment says that Test covers Target (a requirement ID, a
// section anchor or an endpoint ID), optionally at a revision of the
// requirement's text.
type Annotation struct {
	// Target is what the test covers, as written.
	Target string `json:"target"`
	// Revision is the requirement revision after "@", or "".
	Revision string `json:"revision,omitempty"`
	// Test is the full test name: the package import path, a dot and the
	// function name ("example.com/m/pkg.TestX"), as go test -json names it
	// (Package + "." + Test).
	Test string `json:"test"`
	File string `json:"file"`
	Line int    `json:"line"`
}

// A GoTest is one test function found while scanning for annotations.
type GoTest struct {
	Name string `json:"name"`
	File string `json:"file"`
	Line int    `json:"line"`
}

// A Finding is a problem in the evidence: an orphan annotation, a stale
// revision, a mapping entry that matches no test, an annotation outside a
// test function. File and Line locate it when it has a place.
type Finding struct {
	Kind    string `json:"kind"`
	File    string `json:"file,omitempty"`
	Line    int    `json:"line,omitempty"`
	Message string `json:"message"`
}

func (f Finding) String() string {
	if f.File == "" {
		return f.Message
	}
	if f.Line == 0 {
		return f.File + ": " + f.Message
	}
	return fmt.Sprintf("%s:%d: %s", f.File, f.Line, f.Message)
}

// Finding kinds.
const (
	FindingOrphan    = "orphan"
	FindingStale     = "stale"
	FindingUnmatched = "unmatched"
	FindingPlacement = "placement"
	FindingSyntax    = "syntax"
	FindingResults   = "results"
)

// coversRE matches the annotation keyword at the start of a comment line.
var coversRE = regexp.MustCompile(`^Covers:\s*`)

// targetRE is the syntax of one annotation target: an ID, an anchor
// ("#anchor" or "file.md#anchor") or an endpoint ID, optionally followed
// by "@" and a revision of hex digits.
var targetRE = regexp.MustCompile(`^([A-Za-z0-9_.-][A-Za-z0-9._/-]*(?:#[A-Za-z0-9._-]+)?|#[A-Za-z0-9._-]+)(?:@([0-9a-f]{4,64}))?$`)

// ParseCovers parses the text of one comment line (without "//") and
// returns its targets when it is an annotation. A line that starts with
// "Covers:" but holds a malformed target returns an error that names it.
func ParseCovers(line string) (targets []Target, ok bool, err error) {
	line = strings.TrimSpace(line)
	loc := coversRE.FindStringIndex(line)
	if loc == nil {
		return nil, false, nil
	}
	rest := strings.TrimSpace(line[loc[1]:])
	if rest == "" {
		return nil, true, fmt.Errorf("annotation names no requirement")
	}
	for _, f := range strings.FieldsFunc(rest, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
		m := targetRE.FindStringSubmatch(f)
		if m == nil {
			return targets, true, fmt.Errorf("malformed annotation target %q (want ID, ID@REVISION, #anchor or endpoint ID)", f)
		}
		targets = append(targets, Target{Name: m[1], Revision: m[2]})
	}
	return targets, true, nil
}

// A Target is one name in an annotation or a mapping entry.
type Target struct {
	Name     string
	Revision string
}

// Scan holds what ScanTests found in Go test files.
type Scan struct {
	Annotations []Annotation
	Tests       []GoTest
	Findings    []Finding
}

// ScanTests parses the *_test.go files under paths (files or directories,
// walked recursively, skipping testdata, vendor and dot directories) and
// collects their annotations and test functions. Paths in the result are
// relative to root when they lie under it. A file that does not parse is
// a finding, and the other files are still read.
func ScanTests(root string, paths []string) (*Scan, error) {
	files, err := goTestFiles(root, paths)
	if err != nil {
		return nil, err
	}
	s := &Scan{}
	fset := token.NewFileSet()
	mods := moduleCache{}
	for _, f := range files {
		pkg, err := mods.importPath(filepath.Dir(f))
		if err != nil {
			return nil, err
		}
		scanFile(s, fset, f, displayPath(root, f), pkg)
	}
	return s, nil
}

func displayPath(root, f string) string {
	if rel, err := filepath.Rel(root, f); err == nil {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(f)
}

// goTestFiles lists the Go test files under paths in lexical order.
func goTestFiles(root string, paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		if !filepath.IsAbs(p) {
			p = filepath.Join(root, p)
		}
		err := filepath.WalkDir(p, func(path string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			name := d.Name()
			if d.IsDir() {
				if path != p && (name == "testdata" || name == "vendor" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
					return filepath.SkipDir
				}
				return nil
			}
			if strings.HasSuffix(name, "_test.go") {
				out = append(out, path)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("trace: tests: %w", err)
		}
	}
	sort.Strings(out)
	return out, nil
}

// scanFile adds the annotations and tests of one file to s.
func scanFile(s *Scan, fset *token.FileSet, path, shown, pkg string) {
	src, err := os.ReadFile(path)
	if err != nil {
		s.Findings = append(s.Findings, Finding{Kind: FindingSyntax, File: shown, Message: err.Error()})
		return
	}
	f, err := parser.ParseFile(fset, path, src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		line, msg := 0, err.Error()
		var el scanner.ErrorList
		if errors.As(err, &el) && len(el) > 0 {
			line, msg = el[0].Pos.Line, el[0].Msg
		}
		s.Findings = append(s.Findings, Finding{Kind: FindingSyntax, File: shown, Line: line, Message: msg})
		return
	}
	funcs := testFuncs(f)
	for _, fn := range funcs {
		s.Tests = append(s.Tests, GoTest{Name: pkg + "." + fn.Name.Name, File: shown, Line: fset.Position(fn.Pos()).Line})
	}
	for _, cg := range f.Comments {
		for _, c := range cg.List {
			scanComment(s, fset, c, shown, pkg, funcs)
		}
	}
}

// scanComment reads the annotations of one comment.
func scanComment(s *Scan, fset *token.FileSet, c *ast.Comment, shown, pkg string, funcs []*ast.FuncDecl) {
	text := c.Text
	block := strings.HasPrefix(text, "/*")
	text = strings.TrimPrefix(strings.TrimPrefix(text, "//"), "/*")
	text = strings.TrimSuffix(text, "*/")
	line := fset.Position(c.Pos()).Line
	for i, l := range strings.Split(text, "\n") {
		if block {
			l = strings.TrimLeft(strings.TrimSpace(l), "*")
		}
		targets, ok, err := ParseCovers(l)
		if !ok {
			continue
		}
		at := line + i
		if err != nil {
			s.Findings = append(s.Findings, Finding{Kind: FindingSyntax, File: shown, Line: at, Message: err.Error()})
		}
		fn := enclosingTest(funcs, c)
		if fn == nil {
			s.Findings = append(s.Findings, Finding{Kind: FindingPlacement, File: shown, Line: at,
				Message: "Covers: annotation outside a Test or Fuzz function (put it in the test's doc comment or body)"})
			continue
		}
		for _, t := range targets {
			s.Annotations = append(s.Annotations, Annotation{Target: t.Name, Revision: t.Revision,
				Test: pkg + "." + fn.Name.Name, File: shown, Line: at})
		}
	}
}

// testFuncs returns the Test and Fuzz functions of a file.
func testFuncs(f *ast.File) []*ast.FuncDecl {
	var out []*ast.FuncDecl
	for _, d := range f.Decls {
		fn, ok := d.(*ast.FuncDecl)
		if !ok || fn.Recv != nil || fn.Body == nil {
			continue
		}
		if isTestName(fn.Name.Name, "Test") || isTestName(fn.Name.Name, "Fuzz") {
			out = append(out, fn)
		}
	}
	return out
}

// isTestName reports whether name is prefix followed by nothing or a
// non-lower-case letter, as go test requires.
func isTestName(name, prefix string) bool {
	if !strings.HasPrefix(name, prefix) {
		return false
	}
	rest := name[len(prefix):]
	return rest == "" || rest[0] < 'a' || rest[0] > 'z'
}

// enclosingTest returns the test function whose doc comment or body holds
// the comment c.
func enclosingTest(funcs []*ast.FuncDecl, c *ast.Comment) *ast.FuncDecl {
	for _, fn := range funcs {
		if fn.Doc != nil && c.Pos() >= fn.Doc.Pos() && c.End() <= fn.Doc.End() {
			return fn
		}
		if c.Pos() >= fn.Body.Lbrace && c.End() <= fn.Body.Rbrace {
			return fn
		}
	}
	return nil
}

// moduleCache maps directories to Go import paths by finding the nearest
// go.mod, so annotation test names match go test -json's package names.
type moduleCache map[string]string

func (m moduleCache) importPath(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	if p, ok := m[abs]; ok {
		return p, nil
	}
	p, err := m.lookup(abs)
	if err != nil {
		return "", err
	}
	m[abs] = p
	return p, nil
}

func (m moduleCache) lookup(abs string) (string, error) {
	data, err := os.ReadFile(filepath.Join(abs, "go.mod"))
	if err == nil {
		if mod := modulePath(data); mod != "" {
			return mod, nil
		}
	}
	parent := filepath.Dir(abs)
	if parent == abs {
		// No module: the directory path stands in for the package.
		return filepath.ToSlash(abs), nil
	}
	p, err := m.importPath(parent)
	if err != nil {
		return "", err
	}
	return p + "/" + filepath.Base(abs), nil
}

var moduleRE = regexp.MustCompile(`(?m)^module\s+"?([^\s"]+)"?`)

func modulePath(gomod []byte) string {
	if m := moduleRE.FindSubmatch(gomod); m != nil {
		return string(m[1])
	}
	return ""
}
