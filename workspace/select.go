package workspace

import (
	"os"
	"path/filepath"

	"github.com/ocispec/ocispec/specs"
)

// An Input is one spec set a command works on, before its directories are
// walked: a configured spec set, or the paths given on the command line.
type Input struct {
	// Config is the configured spec set, or for command-line paths the
	// zero-config one (see Infer) holding those paths.
	Config SpecSetConfig
	// Configured is true for a spec set of the config file.
	Configured bool
	// Root is the directory document paths are relative to: the
	// workspace root for a configured set, the current directory for
	// command-line paths (so messages name files as the user typed them).
	Root string
}

// Paths returns the input's files and directories, relative to Root.
func (in Input) Paths() []string { return in.Config.Files }

// A SelectMode says how Select groups command-line paths.
type SelectMode int

const (
	// OneSet reads all command-line paths as one spec set (lint, reqs,
	// build, reqs diff --git).
	OneSet SelectMode = iota
	// SetPerPath makes each command-line path a spec set of its own,
	// rooted at the path itself (a directory) or its directory (a file),
	// so that two versions of a spec name their documents alike
	// (reqs diff OLD NEW).
	SetPerPath
	// Names reads every argument as the name of a configured spec set,
	// even where a file of that name exists: for names written in the
	// config (trace.specs), which the config validator has checked.
	Names
)

// Select chooses the spec sets a command works on; lint, reqs, reqs diff
// (both forms) and build all call it, so they agree on what a PATH or a
// spec set name means (docs/cli.md, Arguments):
//
//   - without args: every configured spec set, or under zero configuration
//     the current directory;
//   - an argument that names a configured spec set and no existing file
//     stands for that set;
//   - the other arguments are files or directories, relative to the
//     current directory, grouped by mode.
func (w *Workspace) Select(args []string, mode SelectMode) []Input {
	if len(args) == 0 {
		ins := make([]Input, 0, len(w.Config.Specs))
		for _, sc := range w.Config.Specs {
			ins = append(ins, Input{Config: sc, Configured: w.ConfigPath != "", Root: w.Root})
		}
		return ins
	}
	var ins []Input
	var paths []string
	for _, arg := range args {
		sc, ok := w.SpecSetNamed(arg)
		if mode == Names {
			sc, ok = w.specSetByName(arg)
		}
		if ok {
			ins = append(ins, Input{Config: sc, Configured: true, Root: w.Root})
			continue
		}
		if mode == Names {
			continue
		}
		if mode == SetPerPath {
			ins = append(ins, pathInput(arg))
			continue
		}
		paths = append(paths, arg)
	}
	if len(paths) > 0 {
		sc := Infer(paths[0]).Config.Specs[0]
		sc.Files = paths
		ins = append(ins, Input{Config: sc, Root: "."})
	}
	return ins
}

// pathInput is the spec set of one path rooted at itself.
func pathInput(p string) Input {
	sc := Infer(p).Config.Specs[0]
	fi, err := os.Stat(p)
	switch {
	case err != nil: // reading fails later, naming p as typed
		return Input{Config: sc, Root: "."}
	case fi.IsDir():
		sc.Files = []string{"."}
		return Input{Config: sc, Root: p}
	}
	sc.Files = []string{filepath.Base(p)}
	return Input{Config: sc, Root: filepath.Dir(p)}
}

// Files lists the Markdown files of an input in reading order without
// reading them (see specs.Files), for commands that stream documents.
func (w *Workspace) Files(in Input) ([]specs.File, error) {
	return specs.Files(in.Root, in.Paths(), w.selectedOptions().Exclude)
}

// Load parses the files of an input.
func (w *Workspace) Load(in Input) (*specs.Set, error) {
	return specs.Load(in.Root, in.Paths(), w.selectedOptions())
}

// LoadAt parses the inputs as one spec set as it is at git revision rev of
// the repository whose top directory is top, or in the working tree when
// rev is "", with document paths relative to top in both cases so that
// two revisions name their documents alike (reqs diff --git).
func (w *Workspace) LoadAt(ins []Input, top, rev string) (*specs.Set, error) {
	var abs []string
	for _, in := range ins {
		for _, p := range in.Paths() {
			if !filepath.IsAbs(p) {
				p = filepath.Join(in.Root, p)
			}
			a, err := filepath.Abs(p)
			if err != nil {
				return nil, err
			}
			abs = append(abs, a)
		}
	}
	if len(abs) == 0 { // a config without spec sets: the current directory
		a, err := filepath.Abs(".")
		if err != nil {
			return nil, err
		}
		abs = []string{a}
	}
	if rev == "" {
		return specs.Load(top, abs, w.selectedOptions())
	}
	return LoadRevision(top, rev, abs, w.selectedOptions())
}
