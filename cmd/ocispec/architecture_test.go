package main

import (
	"bufio"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

const modulePath = "github.com/ocispec/ocispec/"

// TestArchitectureImports: the "imports (project)" column of
// ARCHITECTURE.md's package table is what each package's non-test Go
// files import from the project, no more and no less, and every package
// of the module has a row. ("all below" for cmd/ocispec is not checked.)
func TestArchitectureImports(t *testing.T) {
	root := filepath.Join("..", "..")
	rows := architectureRows(t, filepath.Join(root, "ARCHITECTURE.md"))
	for _, pkg := range modulePackages(t, root) {
		row, ok := rows[pkg]
		if !ok {
			t.Errorf("ARCHITECTURE.md: no row for package %s", pkg)
			continue
		}
		if pkg == "cmd/ocispec" {
			continue
		}
		if got := projectImports(t, filepath.Join(root, filepath.FromSlash(pkg))); !slices.Equal(got, row) {
			t.Errorf("ARCHITECTURE.md: %s imports %v, the table says %v", pkg, got, row)
		}
	}
}

var codeRE = regexp.MustCompile("`([^`]+)`")

// architectureRows maps each package of the table to its sorted imports
// column (the project's packages named in backticks).
func architectureRows(t *testing.T, file string) map[string][]string {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	rows := map[string][]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		cells := strings.Split(sc.Text(), "|")
		if len(cells) != 5 || !strings.HasPrefix(strings.TrimSpace(cells[1]), "`") {
			continue
		}
		m := codeRE.FindStringSubmatch(cells[1])
		if m == nil {
			continue
		}
		imports := []string{}
		for _, c := range codeRE.FindAllStringSubmatch(cells[3], -1) {
			imports = append(imports, c[1])
		}
		slices.Sort(imports)
		rows[m[1]] = imports
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

// modulePackages lists the directories under root that hold non-test Go
// files, skipping testdata and hidden directories.
func modulePackages(t *testing.T, root string) []string {
	t.Helper()
	seen := map[string]bool{}
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() && p != root && (name == "testdata" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go") {
			rel, err := filepath.Rel(root, filepath.Dir(p))
			if err != nil {
				return err
			}
			seen[filepath.ToSlash(rel)] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for p := range seen {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}

// projectImports returns the sorted project packages that the non-test
// Go files of dir import.
func projectImports(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	set := map[string]bool{}
	fset := token.NewFileSet()
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, e.Name()), nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, im := range f.Imports {
			p, _ := strconv.Unquote(im.Path.Value)
			if rest, ok := strings.CutPrefix(p, modulePath); ok {
				set[rest] = true
			}
		}
	}
	out := []string{}
	for p := range set {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}
