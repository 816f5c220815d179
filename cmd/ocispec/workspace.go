package main

import (
	"github.com/ocispec/ocispec/workspace"
)

// openWorkspace opens the workspace for a command. dir may name one of the
// configured spec sets (the workspace then holds only that set) or, without
// --config, a directory or file to treat as a zero-config workspace. With
// no dir it is --config, else ocispec.yaml in the current directory, else
// the current directory.
func (a *app) openWorkspace(dir string) (*workspace.Workspace, error) {
	ws, err := workspace.Open(a.configPath, ".")
	if err == nil && dir != "" {
		if sc, ok := ws.SpecSetNamed(dir); ok {
			ws.Config.Specs = []workspace.SpecSetConfig{sc}
			return ws, nil
		}
	}
	if dir != "" && a.configPath == "" {
		return workspace.Infer(dir), nil
	}
	if err != nil {
		return nil, usageError{err}
	}
	return ws, nil
}
