package main

import (
	"github.com/ocispec/ocispec/workspace"
)

// openWorkspace opens the workspace for a command: --config if given, else
// ocispec.yaml in the current directory, else zero-config over dir (or the
// current directory).
func (a *app) openWorkspace(dir string) (*workspace.Workspace, error) {
	if dir != "" && a.configPath == "" {
		return workspace.Infer(dir), nil
	}
	ws, err := workspace.Open(a.configPath, ".")
	if err != nil {
		return nil, usageError{err}
	}
	return ws, nil
}
