package lint

import (
	"os"
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
