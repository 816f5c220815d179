package render

import (
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/ocispec/ocispec/specs"
)

// maxAsset bounds the size of a linked file copied into the site.
const maxAsset = 64 << 20

// copyAssets copies the local files that the set's documents link to or
// embed (images, schemas, licences), other than Markdown, into the set's
// directory at the same place relative to the set's common directory, so
// the links keep working on the site. Targets outside that directory are
// left alone; a missing one is the page's warning or lint's finding.
func (b *Builder) copyAssets(s *specSite) (int, error) {
	seen := map[string]bool{}
	n := 0
	for _, d := range s.Set.Docs {
		for _, l := range d.Links {
			rel, src, ok := assetSource(s, d, l.Destination, seen)
			if !ok {
				continue
			}
			data, err := os.ReadFile(src)
			if err != nil {
				return n, fmt.Errorf("%s: %w", src, err)
			}
			if err := b.WriteFile(path.Join(s.Name, rel), data); err != nil {
				return n, err
			}
			n++
		}
	}
	return n, nil
}

// assetSource resolves a link to a local file to copy: its place below
// the set's common directory and its path on disk. ok is false for
// Markdown, external, already copied, missing or oversized targets and
// for targets outside the set's directory.
func assetSource(s *specSite, d *specs.Document, dest string, seen map[string]bool) (rel, src string, ok bool) {
	target, _, local := s.Set.Resolve(d, dest)
	if !local || strings.EqualFold(path.Ext(target), ".md") || seen[target] {
		return "", "", false
	}
	seen[target] = true
	if t, err := url.PathUnescape(target); err == nil {
		target = t
	}
	rel = strings.TrimPrefix(target, s.prefix)
	if !strings.HasPrefix(target, s.prefix) || !filepath.IsLocal(filepath.FromSlash(rel)) {
		return "", "", false
	}
	src = target
	if !filepath.IsAbs(src) {
		src = filepath.Join(s.Set.Root, filepath.FromSlash(target))
	}
	fi, err := os.Stat(src)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() > maxAsset {
		return "", "", false
	}
	return rel, src, true
}
