package main

import (
	"github.com/ocispec/ocispec/workspace"
)

// openWorkspace opens the workspace of --config, else of ocispec.yaml in the
// current directory, else the zero-config workspace of the current
// directory. Commands then choose their spec sets with Workspace.Select.
func (a *app) openWorkspace() (*workspace.Workspace, error) {
	ws, err := workspace.Open(a.configPath, ".")
	if err != nil {
		return nil, usageError{err}
	}
	return ws, nil
}
