package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/ocispec/ocispec/render"
	"github.com/ocispec/ocispec/workspace"
)

func (a *app) buildCmd() *cobra.Command {
	var output string
	cmd := &cobra.Command{
		Use:   "build [DIR]",
		Short: "Render the workspace's specs into a static site",
		Long: `Render every spec set of the workspace into a static site (default _site/).

With DIR and no --config, DIR is a zero-config workspace: its Markdown files
form one spec set.`,
		Example: `  ocispec build                 # the workspace in ocispec.yaml
  ocispec build docs -o /tmp/site
  ocispec build --config other.yaml`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			if err := a.checkFormat("text", "json"); err != nil {
				return err
			}
			start := time.Now()
			dir := ""
			if len(args) == 1 {
				dir = args[0]
			}
			ws, err := a.openWorkspace(dir)
			if err != nil {
				return err
			}

			sets, err := ws.SpecSets()
			if err != nil {
				return usageError{err}
			}
			list := renderSpecs(ws, sets)
			out := output
			if out == "" {
				out = ws.Path(ws.Config.Output)
			}
			title := "Specifications"
			if ws.ConfigPath == "" && len(list) == 1 {
				title = ""
			}
			if err := checkOutput(out, ws); err != nil {
				return err
			}
			sum, err := render.Site(list, render.Options{Output: out, Title: title})
			if err != nil {
				return err
			}
			for _, w := range sum.Warnings {
				fmt.Fprintf(a.stderr, "warning: %s\n", w)
			}
			if a.format == "json" {
				if err := encodeJSON(a.stdout, map[string]any{"output": out, "pages": sum.Pages, "documents": sum.Documents, "specs": sum.Specs, "assets": sum.Assets, "removed": sum.Removed, "warnings": sum.Warnings}); err != nil || len(sum.Warnings) == 0 {
					return err
				}
				return errFindings
			}
			_, err = fmt.Fprintf(a.stdout, "built %d pages from %d documents in %d spec sets (%d linked files copied) into %s in %s\n",
				sum.Pages, sum.Documents, sum.Specs, sum.Assets, filepath.ToSlash(out), time.Since(start).Round(time.Millisecond))
			if err == nil && len(sum.Warnings) > 0 {
				return errFindings
			}
			return err
		},
	}
	cmd.Flags().StringVarP(&output, "output", "o", "", "output `DIR` (default: the workspace's output, _site)")
	return cmd
}

// checkOutput refuses an output directory that holds the inputs: the
// workspace root or a spec set's directory (or one above them), where
// build would write its pages among the sources.
func checkOutput(out string, ws *workspace.Workspace) error {
	abs := func(p string) string {
		a, err := filepath.Abs(p)
		if err != nil {
			return p
		}
		return filepath.Clean(a)
	}
	o := abs(out)
	inputs := []string{abs(ws.Root)}
	for _, sc := range ws.Config.Specs {
		for _, f := range sc.Files {
			p := abs(ws.Path(f))
			if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
				p = filepath.Dir(p)
			}
			inputs = append(inputs, p)
		}
	}
	for _, in := range inputs {
		if rel, err := filepath.Rel(o, in); err == nil && (rel == "." || !strings.HasPrefix(rel, "..")) {
			return usagef("output directory %s holds the inputs (%s): choose another with -o", out, in)
		}
	}
	return nil
}

// renderSpecs describes the workspace's spec sets for the site: configured
// titles and file order, and the repository, default branch and place in
// it for "edit this page" links (from git where the config is silent).
func renderSpecs(ws *workspace.Workspace, sets []*workspace.SpecSet) []render.Spec {
	var list []render.Spec
	for _, s := range sets {
		sp := render.Spec{Name: s.Config.Name, Version: s.Config.Version, Repository: s.Config.Repository, Set: s.Set, Ordered: ws.ConfigPath != "" && allFiles(ws, s.Config.Files)}
		if ws.ConfigPath != "" {
			sp.Title = s.Config.Title
		}
		render.GitSource(&sp, s.Set.Root)
		list = append(list, sp)
	}
	return list
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
