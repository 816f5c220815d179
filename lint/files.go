package lint

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/ocispec/ocispec/specs"
)

// FileCache answers "does this file exist" and "what anchors does this
// Markdown file outside the set have" once per path during a run.
type FileCache struct {
	mu     sync.Mutex
	exists map[string]bool
	docs   map[string]*specs.Document
}

// NewFileCache returns an empty cache.
func NewFileCache() *FileCache {
	return &FileCache{exists: map[string]bool{}, docs: map[string]*specs.Document{}}
}

// Exists reports whether a file or directory exists at the OS path p.
func (c *FileCache) Exists(p string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if v, ok := c.exists[p]; ok {
		return v
	}
	_, err := os.Stat(p)
	c.exists[p] = err == nil
	return err == nil
}

// Doc parses the Markdown file at OS path p (once) for its anchors; nil
// when it cannot be read or parsed.
func (c *FileCache) Doc(p string, opts specs.Options) *specs.Document {
	c.mu.Lock()
	defer c.mu.Unlock()
	if d, ok := c.docs[p]; ok {
		return d
	}
	var d *specs.Document
	if src, err := os.ReadFile(p); err == nil {
		d, _ = specs.Parse(p, src, opts)
	}
	c.docs[p] = d
	return d
}

// A File is one Markdown file of a spec set.
type File struct {
	// OS is the path to open.
	OS string
	// Path is the slash-separated path relative to the set root, as
	// specs.Load records it in Document.Path.
	Path string
}

// skipDir tells the directories never walked, as in specs.Load.
func skipDir(name string) bool {
	switch name {
	case ".git", "vendor", "node_modules", "_site":
		return true
	}
	return false
}

// ListFiles lists the Markdown files that specs.Load(root, paths, ...)
// would parse, in the same order, without parsing them, so a Stream can
// lint a set of any size one document at a time. A missing path is an
// error naming it.
func ListFiles(root string, paths, exclude []string) ([]File, error) {
	if root == "" {
		root = "."
	}
	var out []File
	seen := map[string]bool{}
	add := func(full string) {
		rel := relSlash(root, full)
		if !seen[rel] {
			seen[rel] = true
			out = append(out, File{OS: full, Path: rel})
		}
	}
	for _, arg := range paths {
		full := arg
		if !filepath.IsAbs(full) {
			full = filepath.Join(root, arg)
		}
		info, err := os.Stat(full)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", arg, unwrapPathError(err))
		}
		if !info.IsDir() {
			add(full)
			continue
		}
		var files []string
		err = filepath.WalkDir(full, func(fp string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel := relSlash(root, fp)
			if d.IsDir() {
				if fp != full && (skipDir(d.Name()) || excludedPath(rel, exclude)) {
					return filepath.SkipDir
				}
				return nil
			}
			if strings.EqualFold(filepath.Ext(fp), ".md") && !excludedPath(rel, exclude) && d.Type().IsRegular() {
				files = append(files, fp)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("%s: %w", arg, unwrapPathError(err))
		}
		sort.Strings(files)
		for _, f := range files {
			add(f)
		}
	}
	return out, nil
}

func relSlash(root, file string) string {
	if rel, err := filepath.Rel(root, file); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(file)
}

// excludedPath matches workspace exclude patterns as specs.Load does.
func excludedPath(rel string, patterns []string) bool {
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

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
