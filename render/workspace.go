package render

import (
	"errors"
	"os"

	"github.com/ocispec/ocispec/workspace"
)

// FromWorkspace describes a workspace's site: its spec sets with their
// configured titles and file order (inferred for directories and
// zero-config), the repository, branch and place in it for "edit" links
// (from git where the config is silent), and the minutes. warnings name
// minutes files that could not be read or parsed; the error joins one
// *specs.FileError per spec file that could not (the list holds the
// rest). The caller sets
// Options.Output and adds Features.
func FromWorkspace(ws *workspace.Workspace, ins []workspace.Input) ([]Spec, Options, []string, error) {
	var list []Spec
	var errs []error
	for _, in := range ins {
		// A file that cannot be read or parsed is left out of its set;
		// the error joins one per such file (see specs.Load).
		set, err := ws.Load(in)
		errs = append(errs, err)
		sc := in.Config
		sp := Spec{
			Name: sc.Name, Version: sc.Version, Repository: sc.Repository, Branch: sc.Branch,
			Set: set, Ordered: in.Configured && allFiles(ws, sc.Files),
		}
		if in.Configured {
			sp.Title = sc.Title
		}
		GitSource(&sp, set.Root)
		list = append(list, sp)
	}
	opts := Options{Title: "Specifications"}
	if len(ins) == 1 && !ins[0].Configured {
		opts.Title = "" // the spec set's own title
	}
	var warnings []string
	if mc := ws.Config.Minutes; mc.Source != "" || mc.Archive != "" {
		opts.Minutes, warnings = LoadMinutes(pathOrEmpty(ws, mc.Source), pathOrEmpty(ws, mc.Archive))
	}
	return list, opts, warnings, errors.Join(errs...)
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
