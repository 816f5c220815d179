// Package render turns the parsed workspace into a static site: a home
// page, per spec set an index, one page per document and a requirements
// index, the minutes, a search index, and the pages of features (certified
// products, traceability, OpenAPI, schemas) when they have data. Content
// flows model → page data → embedded html/template, as in Hugo; the
// Markdown is never re-parsed, the goldmark tree in the model is rendered
// directly.
package render

import (
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
	"github.com/microcosm-cc/bluemonday"

	"github.com/ocispec/ocispec/internal/atomicfile"
)

//go:embed templates/*.html templates/*.css templates/*.js
var templatesFS embed.FS

// marker is written at the root of every site so that a later build knows
// the directory is its own and may remove pages that are gone.
const marker = ".ocispec-site"

// Options configure a site build.
type Options struct {
	// Output is the directory written; it is created if missing. An
	// existing non-empty directory must be a previous ocispec site.
	Output string
	// Title is the site's title on every page.
	Title string
	// Features add page types (certified, trace, OpenAPI, schemas).
	Features []Feature
	// Minutes are the meeting notes to publish, or nil.
	Minutes *Minutes
}

// Summary reports what a build wrote.
type Summary struct {
	Pages     int
	Documents int
	Specs     int
	// Assets counts the images and other local files the pages link to,
	// copied beside them.
	Assets int
	// Removed counts stale files of an earlier build that were deleted.
	Removed int
	// Warnings name a file and line each: a missing image, a minutes file
	// that does not parse. The pages are built anyway; the command exits 1.
	Warnings []string
}

// A Builder writes the pages of one build. Features receive it in Render;
// it is safe for concurrent use.
type Builder struct {
	out   string
	title string
	tmpl  *template.Template
	nav   []NavItem
	// policy sanitizes raw HTML; safe for concurrent use once built.
	policy *bluemonday.Policy

	mu       sync.Mutex
	lexers   map[string]chroma.Lexer
	written  map[string]bool
	dirs     map[string]bool
	warnings []string
	pages    int
}

// Page is the data of the shared layout ("head" and "foot" templates).
type Page struct {
	// Title of this page; Site is the site's title.
	Title, Site string
	// Root leads from this page back to the site root ("../../").
	Root string
	// Nav lists the site's sections; Current is the Href of this page's.
	Nav     []NavItem
	Current string
}

// Page returns the layout data for the page written at rel (slash
// separated, relative to the site root).
func (b *Builder) Page(rel, title string) Page {
	cur := ""
	for _, n := range b.nav {
		if dirOf(n.Href) != "" && strings.HasPrefix(rel, dirOf(n.Href)) {
			cur = n.Href
		}
	}
	return Page{Title: title, Site: b.title, Root: strings.Repeat("../", strings.Count(rel, "/")), Nav: b.nav, Current: cur}
}

func dirOf(href string) string {
	if i := strings.LastIndexByte(href, '/'); i >= 0 {
		return href[:i+1]
	}
	return ""
}

// Execute renders the named template with data and writes it to rel.
func (b *Builder) Execute(name, rel string, data any) error {
	var buf strings.Builder
	if err := b.tmpl.ExecuteTemplate(&buf, name, data); err != nil {
		return fmt.Errorf("%s: %w", rel, err)
	}
	if err := b.WriteFile(rel, []byte(buf.String())); err != nil {
		return err
	}
	b.mu.Lock()
	b.pages++
	b.mu.Unlock()
	return nil
}

// WriteFile writes data to rel, a slash-separated path that must stay
// inside the output directory whatever it says. Each file is written
// atomically and recorded, so stale files can be removed afterwards.
func (b *Builder) WriteFile(rel string, data []byte) error {
	if !filepath.IsLocal(filepath.FromSlash(rel)) || strings.Contains(rel, "\\") {
		return fmt.Errorf("%q: refusing to write outside the output directory", rel)
	}
	name := filepath.Join(b.out, filepath.FromSlash(rel))
	if err := b.mkdir(filepath.Dir(name)); err != nil {
		return err
	}
	if err := atomicfile.Replace(name, data, 0o644); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	b.mu.Lock()
	b.written[filepath.Clean(name)] = true
	b.mu.Unlock()
	return nil
}

// mkdir creates a directory of the output once per build.
func (b *Builder) mkdir(dir string) error {
	b.mu.Lock()
	done := b.dirs[dir]
	b.mu.Unlock()
	if done {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	b.mu.Lock()
	b.dirs[dir] = true
	b.mu.Unlock()
	return nil
}

// Warnf records a warning about a source file; line 0 means the whole file.
func (b *Builder) Warnf(file string, line int, format string, args ...any) {
	loc := file
	if line > 0 {
		loc = fmt.Sprintf("%s:%d", file, line)
	}
	b.mu.Lock()
	b.warnings = append(b.warnings, loc+": "+fmt.Sprintf(format, args...))
	b.mu.Unlock()
}

// Site renders the specs into opts.Output.
func Site(specList []Spec, opts Options) (Summary, error) {
	b, err := newBuilder(opts)
	if err != nil {
		return Summary{}, err
	}
	return b.build(specList, opts)
}

func (b *Builder) build(specList []Spec, opts Options) (sum Summary, err error) {
	if err := checkInputs(specList, b.out); err != nil {
		return sum, err
	}
	if err := prepareOutput(b.out); err != nil {
		return sum, err
	}
	// The marker goes first, so that even a build that fails half-way
	// leaves a directory the next build recognizes as its own.
	if err := b.WriteFile(marker, []byte("This directory is written by ocispec build; files it did not write are removed.\n")); err != nil {
		return sum, err
	}
	sets := prepareSpecs(specList)
	if b.title == "" && len(sets) == 1 {
		b.title = sets[0].Title
	} else if b.title == "" {
		b.title = "Specifications"
	}
	b.nav = siteNav(sets, opts)
	if err := b.writeStatic(); err != nil {
		return sum, err
	}
	if err := b.renderSpecs(sets, &sum); err != nil {
		return sum, err
	}
	if err := b.renderMinutes(opts.Minutes); err != nil {
		return sum, err
	}
	if err := b.renderFeatures(opts.Features); err != nil {
		return sum, err
	}
	if err := b.renderSearch(sets, opts.Minutes); err != nil {
		return sum, err
	}
	if err := b.renderHome(sets, opts.Features); err != nil {
		return sum, err
	}
	sum.Removed, err = b.removeStale()
	sort.Strings(b.warnings)
	sum.Pages, sum.Warnings = b.pages, b.warnings
	return sum, err
}

func newBuilder(opts Options) (*Builder, error) {
	if opts.Output == "" {
		return nil, errors.New("no output directory")
	}
	out, err := filepath.Abs(opts.Output)
	if err != nil {
		return nil, err
	}
	t, err := template.New("").Funcs(funcs).ParseFS(templatesFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	return &Builder{out: filepath.Clean(out), title: opts.Title, tmpl: t, policy: sanitizer(), written: map[string]bool{}, dirs: map[string]bool{}}, nil
}

// validName is what a spec set's name may be: one path element.
var validName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

// checkInputs refuses an output directory that holds a document of the
// build: stale-page removal there would delete sources.
func checkInputs(specList []Spec, out string) error {
	for _, sp := range specList {
		if !validName.MatchString(sp.Name) {
			return fmt.Errorf("spec set name %q: must match %s (it names the set's directory)", sp.Name, validName)
		}
		for _, d := range sp.Set.Docs {
			p := d.Path
			if !filepath.IsAbs(p) {
				p = filepath.Join(sp.Set.Root, filepath.FromSlash(p))
			}
			abs, err := filepath.Abs(p)
			if err != nil {
				continue
			}
			if rel, err := filepath.Rel(out, abs); err == nil && filepath.IsLocal(rel) {
				return fmt.Errorf("output directory %s holds the input %s: choose another output", out, d.Path)
			}
		}
	}
	return nil
}

// prepareOutput accepts a missing or empty directory, or one that an
// earlier build wrote (it holds the marker); anything else may be a user's
// directory, and a build would delete its files.
func prepareOutput(out string) error {
	entries, err := os.ReadDir(out)
	if errors.Is(err, fs.ErrNotExist) || (err == nil && len(entries) == 0) {
		return nil
	}
	if err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(out, marker)); err != nil {
		return fmt.Errorf("output directory %s is not empty and was not written by ocispec build (no %s): remove it or choose another", out, marker)
	}
	return nil
}

// removeStale deletes every file under the output directory that this
// build did not write (pages of deleted documents, old assets), then empty
// directories. It never follows a symbolic link out of the directory.
func (b *Builder) removeStale() (int, error) {
	n := 0
	var dirs []string
	err := filepath.WalkDir(b.out, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			dirs = append(dirs, p)
			return nil
		}
		if !b.written[filepath.Clean(p)] {
			if err := os.Remove(p); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	for i := len(dirs) - 1; i > 0; i-- {
		_ = os.Remove(dirs[i]) // fails, as it should, when not empty
	}
	return n, err
}

// parallel runs f(i) for i in [0, n) on up to GOMAXPROCS goroutines and
// returns the first error.
func parallel(n int, f func(i int) error) error {
	workers := min(runtime.GOMAXPROCS(0), n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	next := make(chan int)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				errs[i] = f(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	return errors.Join(errs...)
}
