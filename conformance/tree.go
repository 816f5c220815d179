package conformance

import (
	"bytes"
	"cmp"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// Tree is a conformance results tree read by Load.
type Tree struct {
	Root string
	// Results holds one entry per spec, version and product, sorted by spec,
	// then version (latest first, as versions), then product directory.
	Results []*Result
	// Problems are errors about the tree that belong to no product, such
	// as a directory entry refused because it is a symbolic link.
	Problems []error
}

// Result is one product's results for one version of one spec.
type Result struct {
	Spec    string // spec directory, e.g. "distribution-spec"
	Version string // version directory, e.g. "v1.1"
	Dir     string // product directory name, the product's stable key
	Path    string // the product directory
	// Product is PRODUCT.yaml, nil when missing or broken (see Problems).
	Product *Product
	// README is README.md: how to reproduce the run.
	README []byte
	// Summary is results.yaml (conformance v2), or nil.
	Summary *Summary
	// JUnit is junit.xml, or nil. When it is broken, the test cases read
	// before the problem are kept.
	JUnit *JUnit
	// Badges is the live badges Markdown (<spec>/live/<product>/badges.md,
	// or badges.md in the product directory).
	Badges []byte
	// ReportHTML is the path of report.html when present.
	ReportHTML string
	// Logo is a local logo file: logo.svg, logo.png, logo.jpg or
	// logo.webp in the product directory, or product_logo_url when it is
	// a relative path inside the directory. "" when there is none; a
	// remote product_logo_url is never fetched.
	Logo string
	// Problems are the product's bad inputs, as *FileError values.
	Problems []error
}

// Name is the product's display name: PRODUCT.yaml's name, else the
// directory name.
func (r *Result) Name() string {
	if r.Product != nil {
		return r.Product.Name
	}
	return r.Dir
}

// Counts are the counts of record: the conformance v2 summary's apis and
// data entries when there is a results.yaml, else the junit test cases.
func (r *Result) Counts() Counts {
	if r.Summary != nil {
		return r.Summary.Counts()
	}
	return r.JUnitCounts()
}

// JUnitCounts always tallies the junit test cases.
func (r *Result) JUnitCounts() Counts {
	if r.JUnit == nil {
		return Counts{}
	}
	return r.JUnit.Counts()
}

// maxFile bounds the small files read whole (PRODUCT.yaml, README.md,
// results.yaml, badges.md).
const maxFile = 16 << 20

// liveDir holds badges only, not results.
const liveDir = "live"

// Load reads the tree at root: <root>/<spec>/<version>/<product>/. Products
// are read concurrently. Per-product problems are recorded on the product;
// the error is non-nil only when root cannot be read.
func Load(root string) (*Tree, error) {
	t := &Tree{Root: root}
	specs, err := subdirs(root, &t.Problems)
	if err != nil {
		return nil, err
	}
	badges := map[string][]byte{}
	for _, spec := range specs {
		versions, err := subdirs(filepath.Join(root, spec), &t.Problems)
		if err != nil {
			t.Problems = append(t.Problems, err)
			continue
		}
		for _, v := range versions {
			t.addVersion(spec, v, badges)
		}
	}
	loadAll(t.Results)
	for _, r := range t.Results {
		if r.Badges == nil {
			r.Badges = badges[r.Spec+"/"+r.Dir]
		}
	}
	sortResults(t.Results)
	return t, nil
}

func (t *Tree) addVersion(spec, version string, badges map[string][]byte) {
	dir := filepath.Join(t.Root, spec, version)
	products, err := subdirs(dir, &t.Problems)
	if err != nil {
		t.Problems = append(t.Problems, err)
		return
	}
	for _, p := range products {
		pdir := filepath.Join(dir, p)
		if version == liveDir {
			if b, err := readSmall(filepath.Join(pdir, "badges.md")); err == nil {
				badges[spec+"/"+p] = b
			}
			continue
		}
		t.Results = append(t.Results, &Result{Spec: spec, Version: version, Dir: p, Path: pdir})
	}
}

// subdirs lists the directories in dir, sorted. Symbolic links and names
// that are not safe path elements are refused and recorded in problems.
func subdirs(dir string, problems *[]error) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		name := e.Name()
		switch {
		case strings.HasPrefix(name, "."):
		case e.Type()&fs.ModeSymlink != 0:
			*problems = append(*problems, fileErr(filepath.Join(dir, name), 0, "refused: a symbolic link could lead outside the results tree"))
		case e.IsDir() && !SafeName(name):
			*problems = append(*problems, fileErr(filepath.Join(dir, name), 0, "refused: %q is not a safe directory name", name))
		case e.IsDir():
			out = append(out, name)
		}
	}
	return out, nil
}

// SafeName reports whether name can be used as one path element of an
// output file: not empty, not "." or "..", no separators, no control
// characters, valid UTF-8. Renderers use it to refuse directory names and
// fields that try to escape the output directory.
func SafeName(name string) bool {
	if name == "" || name == "." || name == ".." || !utf8.ValidString(name) || len(name) > 255 {
		return false
	}
	for _, r := range name {
		if r == '/' || r == '\\' || r < 0x20 || r == 0x7f || r == ':' {
			return false
		}
	}
	return true
}

func loadAll(results []*Result) {
	var wg sync.WaitGroup
	sem := make(chan struct{}, 4)
	for _, r := range results {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			r.load()
		}()
	}
	wg.Wait()
}

func (r *Result) load() {
	r.loadProduct()
	if b, err := r.readFile("README.md"); err == nil {
		r.README = b
	}
	if b, err := r.readFile("badges.md"); err == nil {
		r.Badges = b
	}
	if _, err := os.Lstat(filepath.Join(r.Path, "report.html")); err == nil {
		r.ReportHTML = filepath.Join(r.Path, "report.html")
	}
	if b, err := r.readFile("results.yaml"); err == nil {
		s, err := ParseSummary(b, filepath.Join(r.Path, "results.yaml"))
		r.Summary = s
		r.problem(err)
	}
	r.loadJUnit()
	r.findLogo()
	if r.Summary == nil && r.JUnit == nil {
		r.problem(fileErr(r.Path, 0, "no results: neither results.yaml nor junit.xml"))
	}
}

func (r *Result) loadProduct() {
	b, err := r.readFile("PRODUCT.yaml")
	if err != nil {
		return
	}
	p, err := ParseProduct(b, filepath.Join(r.Path, "PRODUCT.yaml"))
	r.Product = p
	r.problem(err)
}

func (r *Result) findLogo() {
	if r.Product != nil && r.Product.LogoURL != "" && !strings.Contains(r.Product.LogoURL, "://") {
		rel := filepath.FromSlash(r.Product.LogoURL)
		if !filepath.IsLocal(rel) {
			r.problem(fileErr(filepath.Join(r.Path, "PRODUCT.yaml"), 0, "product_logo_url %q refused: it leads outside the product directory", r.Product.LogoURL))
			return
		}
		if fi, err := os.Lstat(filepath.Join(r.Path, rel)); err == nil && fi.Mode().IsRegular() {
			r.Logo = filepath.Join(r.Path, rel)
			return
		}
		r.problem(fileErr(filepath.Join(r.Path, "PRODUCT.yaml"), 0, "product_logo_url %q: no such regular file in the product directory", r.Product.LogoURL))
		return
	}
	for _, name := range []string{"logo.svg", "logo.png", "logo.jpg", "logo.webp"} {
		if fi, err := os.Lstat(filepath.Join(r.Path, name)); err == nil && fi.Mode().IsRegular() {
			r.Logo = filepath.Join(r.Path, name)
			return
		}
	}
}

func (r *Result) loadJUnit() {
	name := filepath.Join(r.Path, "junit.xml")
	f, err := openRegular(name)
	if errors.Is(err, fs.ErrNotExist) {
		return
	}
	if err != nil {
		r.problem(err)
		return
	}
	defer f.Close() //nolint:errcheck // read-only
	j, err := ReadJUnit(f, name, false)
	r.JUnit = j
	r.problem(err)
}

// readFile reads a small file of the product directory; a missing file is
// an error the caller may ignore, a missing PRODUCT.yaml is a problem.
func (r *Result) readFile(name string) ([]byte, error) {
	b, err := readSmall(filepath.Join(r.Path, name))
	if errors.Is(err, fs.ErrNotExist) {
		if name == "PRODUCT.yaml" {
			r.problem(fileErr(filepath.Join(r.Path, name), 0, "missing: every product needs a PRODUCT.yaml"))
		}
		return nil, err
	}
	r.problem(err)
	return b, err
}

func (r *Result) problem(err error) {
	if err != nil {
		r.Problems = append(r.Problems, err)
	}
}

// openRegular opens a regular file, refusing symbolic links.
func openRegular(name string) (*os.File, error) {
	fi, err := os.Lstat(name)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fileErr(name, 0, "refused: not a regular file (symbolic links could lead outside the results tree)")
	}
	return os.Open(name)
}

func readSmall(name string) ([]byte, error) {
	f, err := openRegular(name)
	if err != nil {
		return nil, err
	}
	defer f.Close() //nolint:errcheck // read-only
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(io.LimitReader(f, maxFile+1)); err != nil {
		return nil, fileErr(name, 0, "%v", err)
	}
	if buf.Len() > maxFile {
		return nil, fileErr(name, 0, "larger than %d MiB", maxFile>>20)
	}
	if !utf8.Valid(buf.Bytes()) {
		return nil, fileErr(name, lineOfInvalidUTF8(buf.Bytes()), "not valid UTF-8")
	}
	return buf.Bytes(), nil
}

func lineOfInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return bytes.Count(b[:i], []byte("\n")) + 1
		}
		i += n
	}
	return 0
}

func sortResults(rs []*Result) {
	slices.SortStableFunc(rs, func(a, b *Result) int {
		return cmp.Or(strings.Compare(a.Spec, b.Spec), -CompareVersions(a.Version, b.Version), strings.Compare(a.Dir, b.Dir))
	})
}

// CompareVersions orders version names as versions: "v1.10" after "v1.9",
// "v1.1" after "v1.1-rc.1"; names that are not versions sort before
// versions, alphabetically.
func CompareVersions(a, b string) int {
	pa, oka := parseVersion(a)
	pb, okb := parseVersion(b)
	switch {
	case !oka && !okb:
		return strings.Compare(a, b)
	case !oka:
		return -1
	case !okb:
		return 1
	}
	for i := 0; i < 3; i++ {
		if c := cmp.Compare(pa.nums[i], pb.nums[i]); c != 0 {
			return c
		}
	}
	switch {
	case pa.pre == pb.pre:
		return 0
	case pa.pre == "":
		return 1
	case pb.pre == "":
		return -1
	}
	return strings.Compare(pa.pre, pb.pre)
}

type version struct {
	nums [3]int
	pre  string
}

func parseVersion(s string) (version, bool) {
	var v version
	s = strings.TrimPrefix(strings.TrimPrefix(s, "v"), "V")
	s, v.pre, _ = strings.Cut(s, "-")
	parts := strings.Split(s, ".")
	if len(parts) > 3 {
		return v, false
	}
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 {
			return v, false
		}
		v.nums[i] = n
	}
	return v, true
}
