package render

import (
	"os"

	"github.com/ocispec/ocispec/workspace"
)

// FromWorkspace describes a workspace's site: its spec sets with their
// configured titles and file order (inferred for directories and
// zero-config), the repository, branch and place in it for "edit" links
// (from git where the config is silent), and the minutes. warnings name
// minutes files that could not be read or parsed. The caller sets
// Options.Output and adds Features.
func FromWorkspace(ws *workspace.Workspace) ([]Spec, Options, []string, error) {
	sets, err := ws.SpecSets()
	if err != nil {
		return nil, Options{}, nil, err
	}
	var list []Spec
	for _, s := range sets {
		sp := Spec{
			Name: s.Config.Name, Version: s.Config.Version, Repository: s.Config.Repository, Branch: s.Config.Branch,
			Set: s.Set, Ordered: ws.ConfigPath != "" && allFiles(ws, s.Config.Files),
		}
		if ws.ConfigPath != "" {
			sp.Title = s.Config.Title
		}
		GitSource(&sp, s.Set.Root)
		list = append(list, sp)
	}
	opts := Options{Title: "Specifications"}
	if ws.ConfigPath == "" && len(list) == 1 {
		opts.Title = "" // the spec set's own title
	}
	var warnings []string
	if mc := ws.Config.Minutes; mc.Source != "" || mc.Archive != "" {
		opts.Minutes, warnings = LoadMinutes(pathOrEmpty(ws, mc.Source), pathOrEmpty(ws, mc.Archive))
	}
	return list, opts, warnings, nil
}

// allFiles reports whether every configured entry names a file: then the
// config gives the reading order; a directory's files come in path order.
func allFiles(ws *workspace.Workspace, files []string) bool {
	for _, f := range files {
		if fi, err := os.Stat(ws.Path(f)); err != nil || fi.IsDir() {
			return false
		}
	}
	return true
}

func pathOrEmpty(ws *workspace.Workspace, p string) string {
	if p == "" {
		return ""
	}
	return ws.Path(p)
}
