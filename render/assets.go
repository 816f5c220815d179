package render

import (
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
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
			target, _, local := s.Set.Resolve(d, l.Destination)
			if !local || strings.EqualFold(path.Ext(target), ".md") || seen[target] {
				continue
			}
			seen[target] = true
			if t, err := url.PathUnescape(target); err == nil {
				target = t
			}
			rel := strings.TrimPrefix(target, s.prefix)
			if !strings.HasPrefix(target, s.prefix) || !filepath.IsLocal(filepath.FromSlash(rel)) {
				continue
			}
			src := target
			if !filepath.IsAbs(src) {
				src = filepath.Join(s.Set.Root, filepath.FromSlash(target))
			}
			fi, err := os.Stat(src)
			if err != nil || !fi.Mode().IsRegular() || fi.Size() > maxAsset {
				continue
			}
			data, err := os.ReadFile(src)
			if err != nil {
				return n, fmt.Errorf("%s: %w", target, err)
			}
			if err := b.WriteFile(path.Join(s.Name, rel), data); err != nil {
				return n, err
			}
			n++
		}
	}
	return n, nil
}
