package lint

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/ocispec/ocispec/specs"
)

// LintFiles lints one spec set given as a file list (see specs.Files).
// GOMAXPROCS goroutines each read, parse and check one file at a time, so
// a run holds as many parsed documents as it has goroutines however large
// the set is; the results are joined in file order, so the output does not
// depend on scheduling. Findings carry paths relative to root, as the
// documents do; changed, when not nil, keeps only findings on changed
// lines. A file that cannot be read or parsed is left out and the others
// are linted: the error joins one *specs.FileError per such file, in file
// order, beside the findings of the rest.
func LintFiles(root string, files []specs.File, rules []*Enabled, cfg Config, opts specs.Options, changed ChangedLines) ([]Finding, error) {
	paths := make([]string, 0, len(files))
	for _, f := range files {
		paths = append(paths, f.Path)
	}
	rn := newRunner(root, paths, rules, cfg)
	results := make([]docResult, len(files))
	errs := make([]error, len(files))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(files)) {
		wg.Go(func() {
			w := worker{rn: rn, parser: specs.NewParser(opts), ctx: rn.newContext(nil)}
			for i := int(next.Add(1) - 1); i < len(files); i = int(next.Add(1) - 1) {
				results[i], errs[i] = w.lint(files[i])
			}
		})
	}
	wg.Wait()
	fs := rn.finish(results)
	if changed != nil {
		fs = FilterChanged(fs, changed, Resolver(root, files))
	}
	return fs, errors.Join(errs...)
}

// A worker is one goroutine of LintFiles with its parser, context and read
// buffer.
type worker struct {
	rn     *runner
	parser *specs.Parser
	ctx    *Context
	// buf serves every file the worker reads: a result keeps nothing of a
	// document but strings and numbers, and the model copies what it
	// keeps.
	buf []byte
}

func (w *worker) lint(f specs.File) (docResult, error) {
	src, err := readFileInto(w.buf[:0], f.OS)
	if err != nil {
		return docResult{}, specs.ReadError(f.Path, err)
	}
	w.buf = src
	doc, err := w.parser.Parse(f.Path, src)
	if err != nil {
		return docResult{}, err
	}
	// Rules read the model, never goldmark's tree: letting the tree go
	// before they run lowers the peak memory of a large file by a third.
	doc.AST = nil
	return w.rn.check(doc, w.ctx), nil
}

// Resolver maps the set-relative paths of findings to absolute file paths.
func Resolver(root string, files []specs.File) func(path string) string {
	// One working directory for all: filepath.Abs asks the system for it
	// on every call, two stat calls each, and a set can have thousands of
	// files.
	wd, wdErr := os.Getwd()
	abs := func(p string) string {
		if filepath.IsAbs(p) {
			return filepath.Clean(p)
		}
		if wdErr != nil {
			return absPath(p)
		}
		return filepath.Join(wd, p)
	}
	byPath := make(map[string]string, len(files))
	for _, f := range files {
		byPath[f.Path] = abs(f.OS)
	}
	return func(path string) string {
		if a, ok := byPath[path]; ok {
			return a
		}
		return abs(filepath.Join(root, filepath.FromSlash(path)))
	}
}

// FixFiles applies the fixes of the fixable rules to each file and writes
// each changed file atomically. With changed set, only fixes that touch
// changed lines are applied. Every file is fixed in memory first, so an
// input error in one file leaves all of them untouched. It returns the
// number of fixes and of files changed.
func FixFiles(files []specs.File, rules []*Enabled, cfg Config, changed ChangedLines) (fixes, nfiles int, err error) {
	type result struct {
		file string
		out  []byte
	}
	var results []result
	for _, f := range files {
		src, err := os.ReadFile(f.OS)
		if err != nil {
			return 0, 0, specs.ReadError(f.Path, err)
		}
		var keep func(line, endLine int) bool
		if changed != nil {
			file := absPath(f.OS)
			keep = func(line, endLine int) bool { return changed.Touches(file, line, endLine) }
		}
		out, n, err := FixSource(f.Path, src, nil, rules, cfg, keep)
		if err != nil {
			return 0, 0, err
		}
		if n == 0 || bytes.Equal(out, src) {
			continue
		}
		results = append(results, result{f.OS, out})
		fixes += n
	}
	for _, r := range results {
		if err := WriteFileAtomic(r.file, r.out); err != nil {
			return fixes, nfiles, err
		}
		nfiles++
	}
	return fixes, nfiles, nil
}

func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}

// readFileInto reads the file at name into buf, growing it as needed, and
// returns the filled slice.
func readFileInto(buf []byte, name string) ([]byte, error) {
	return readFile(buf, name)
}

// readFileOS is readFileInto through package os, for systems without
// readFileRaw.
func readFileOS(buf []byte, name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close() //nolint:errcheck // read-only: a close error loses nothing
	if fi, err := f.Stat(); err == nil && fi.Size() > 0 && int64(cap(buf)) < fi.Size()+1 {
		buf = make([]byte, 0, fi.Size()+512)
	}
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := f.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}
