package workspace

import (
	"fmt"
	"path"
	"strings"

	"github.com/ocispec/ocispec/internal/gitexec"
	"github.com/ocispec/ocispec/specs"
)

// LoadRevision parses the Markdown files under paths (relative to the
// repository root top, or absolute) as they are at git revision rev, with
// document paths relative to top. The same files are left out as when
// walking a directory (see specs.Skipped).
func LoadRevision(top, rev string, paths []string, opts specs.LoadOptions) (*specs.Set, error) {
	args := append([]string{"ls-tree", "-r", "--name-only", "--full-name", rev, "--"}, paths...)
	out, err := gitexec.Output(top, args...)
	if err != nil {
		return nil, err
	}
	p := specs.NewParser(opts.Options)
	var docs []*specs.Document
	for _, name := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if !strings.EqualFold(path.Ext(name), ".md") || specs.Skipped(name, opts.Exclude) {
			continue
		}
		src, err := gitexec.Output(top, "show", rev+":"+name)
		if err != nil {
			return nil, err
		}
		d, err := p.Parse(name, src)
		if err != nil {
			return nil, fmt.Errorf("%s:%w", rev, err)
		}
		docs = append(docs, d)
	}
	if len(docs) == 0 {
		// A mistyped path must not pass as "no change".
		return nil, fmt.Errorf("%s: no Markdown files at %s", strings.Join(paths, ", "), rev)
	}
	return specs.NewSet(top, docs...), nil
}
