package specs

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// LoadOptions control which files a Set holds and how they are parsed.
type LoadOptions struct {
	// Exclude holds slash-separated glob patterns, matched against paths
	// relative to the root and against each path element.
	Exclude []string
	Options
}

// skipDirs are never walked: they hold tooling, dependencies or output.
var skipDirs = map[string]bool{".git": true, "vendor": true, "node_modules": true, "_site": true}

// Load parses the Markdown files named by paths (files, or directories
// walked for *.md in lexical order) into a Set, in the order given. Paths are
// recorded relative to root when they lie under it. A file named twice is
// loaded once.
//
// A path or file that cannot be read or parsed does not stop the load: the
// set holds every other file, and the error joins one *FileError per bad
// file, in order (see errors.Join).
func Load(root string, paths []string, opts LoadOptions) (*Set, error) {
	if root == "" {
		root = "."
	}
	files, err := Files(root, paths, opts.Exclude)
	errs := []error{err}
	set := &Set{Root: root, byPath: map[string]*Document{}}
	p := NewParser(opts.Options)
	for _, f := range files {
		src, err := os.ReadFile(f.OS)
		if err != nil {
			errs = append(errs, fileError(f.Path, err))
			continue
		}
		d, err := p.Parse(f.Path, src)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		set.byPath[f.Path] = d
		set.Docs = append(set.Docs, d)
	}
	return set, errors.Join(errs...)
}

// A File is one Markdown file of a spec set, before parsing.
type File struct {
	// OS is the path to open.
	OS string
	// Path is slash-separated and relative to the set root, as recorded
	// in Document.Path.
	Path string
}

// Files lists the Markdown files Load would parse, in the same order,
// without reading them, so a caller can stream a set of any size one
// document at a time. A missing path is a *FileError naming it as given;
// the other paths are still listed, and the error joins one per bad path.
func Files(root string, paths, exclude []string) ([]File, error) {
	if root == "" {
		root = "."
	}
	var out []File
	var errs []error
	seen := map[string]bool{}
	for _, arg := range paths {
		files, err := filesOf(root, arg, exclude)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		for _, full := range files {
			if rel := relSlash(root, full); !seen[rel] {
				seen[rel] = true
				out = append(out, File{OS: full, Path: rel})
			}
		}
	}
	return out, errors.Join(errs...)
}

// filesOf returns the OS paths of the Markdown files that the argument arg
// names: the file itself, or those under the directory, sorted.
func filesOf(root, arg string, exclude []string) ([]string, error) {
	full := arg
	if !filepath.IsAbs(full) {
		full = filepath.Join(root, arg)
	}
	info, err := os.Stat(full)
	if err != nil {
		return nil, fileError(arg, err)
	}
	if !info.IsDir() {
		return []string{full}, nil
	}
	var files []string
	err = filepath.WalkDir(full, func(fp string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel := relSlash(root, fp)
		if d.IsDir() {
			if fp != full && (skipDirs[d.Name()] || excluded(rel, exclude)) {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.EqualFold(filepath.Ext(fp), ".md") && !excluded(rel, exclude) && d.Type().IsRegular() {
			files = append(files, fp)
		}
		return nil
	})
	if err != nil {
		return nil, fileError(arg, err)
	}
	if len(files) == 0 {
		// A mistyped or emptied directory must not pass as clean.
		return nil, &FileError{Path: arg, Err: errors.New("no Markdown files")}
	}
	sort.Strings(files)
	return files, nil
}

// Skipped reports whether Files would leave out the slash-separated path
// rel: it lies in a directory never walked (.git, vendor, node_modules,
// _site) or matches an exclude pattern. Callers that list files another way
// (a git revision) apply the same rule.
func Skipped(rel string, exclude []string) bool {
	for _, el := range strings.Split(path.Dir(rel), "/") {
		if skipDirs[el] {
			return true
		}
	}
	return excluded(rel, exclude)
}

// NewSet builds a set from documents already parsed, for callers that hold
// sources in memory (git revisions, tests).
func NewSet(root string, docs ...*Document) *Set {
	s := &Set{Root: root, byPath: map[string]*Document{}}
	for _, d := range docs {
		if s.byPath[d.Path] == nil {
			s.byPath[d.Path] = d
			s.Docs = append(s.Docs, d)
		}
	}
	return s
}

// Resolve maps a link destination written in from to the document and
// fragment it targets. ok is false for external URLs and non-Markdown
// targets; doc is nil when the file is not in the set.
func (s *Set) Resolve(from *Document, dest string) (target string, fragment string, local bool) {
	if dest == "" {
		return "", "", false
	}
	if strings.Contains(dest, "://") || strings.HasPrefix(dest, "mailto:") || strings.HasPrefix(dest, "//") {
		return "", "", false
	}
	file, frag, _ := strings.Cut(dest, "#")
	if i := strings.IndexByte(file, '?'); i >= 0 {
		file = file[:i]
	}
	if file == "" {
		return from.Path, frag, true
	}
	if strings.HasPrefix(file, "/") {
		return strings.TrimPrefix(path.Clean(file), "/"), frag, true
	}
	return path.Clean(path.Join(path.Dir(from.Path), file)), frag, true
}

func relSlash(root, file string) string {
	if rel, err := filepath.Rel(root, file); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(file)
}

func excluded(rel string, patterns []string) bool {
	for _, pat := range patterns {
		if ok, _ := path.Match(pat, rel); ok {
			return true
		}
		for _, el := range strings.Split(rel, "/") {
			if ok, _ := path.Match(pat, el); ok {
				return true
			}
		}
		if strings.HasSuffix(pat, "/**") && strings.HasPrefix(rel+"/", strings.TrimSuffix(pat, "**")) {
			return true
		}
	}
	return false
}
