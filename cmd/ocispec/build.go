package main

import (
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	"github.com/spf13/cobra"

	"github.com/ocispec/ocispec/lint"
	"github.com/ocispec/ocispec/render"
	"github.com/ocispec/ocispec/workspace"
)

func (a *app) buildCmd() *cobra.Command {
	var output string
	cmd := &cobra.Command{
		Use:   "build [DIR]",
		Short: "Render the workspace's specs into a static site",
		Long: `Render every spec set of the workspace into a static site (default _site/).

DIR is a directory of Markdown files, which then form the only spec set,
or the name of a configured spec set.`,
		Example: `  ocispec build                 # the workspace in ocispec.yaml
  ocispec build docs -o /tmp/site
  ocispec build --config other.yaml`,
		Args: argsBetween(0, 1, "at most one DIR"),
		RunE: func(_ *cobra.Command, args []string) error {
			return a.runBuild(args, output)
		},
	}
	cmd.Flags().StringVarP(&output, "output", "o", "", "output `DIR` (default: the workspace's output, _site)")
	return withFormats(cmd, "text", "json")
}

func (a *app) runBuild(args []string, output string) error {
	start := time.Now()
	// A build is short and its heap small: collect less often (the
	// collector was a fifth of the build's time).
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	ws, err := a.openWorkspace()
	if err != nil {
		return err
	}
	ins := ws.Select(args, workspace.OneSet)
	// The site is built from the good files; the bad ones are input
	// errors (exit 2) reported at the end.
	list, opts, warnings, loadErr := render.FromWorkspace(ws, ins)
	out := cmp.Or(output, ws.Path(ws.Config.Output))
	if err := checkOutput(out, ins); err != nil {
		return err
	}
	features, err := certifiedFeatures(ws)
	if err != nil {
		return err
	}
	traced, err := a.traceFeature(ws)
	if err != nil {
		return err
	}
	lintStatus(ws, ins, list)
	apis, apiWarnings := render.OpenAPIFeatures(list)
	warnings = append(warnings, apiWarnings...)
	schemas := render.SchemaFeatures(list)
	opts.Features = append(append(append(features, traced...), apis...), schemas...)
	opts.Output = out
	sum, err := render.Site(list, opts)
	if err != nil {
		return err
	}
	sum.Warnings = append(warnings, sum.Warnings...)
	for _, w := range sum.Warnings {
		fmt.Fprintf(a.stderr, "warning: %s\n", w)
	}
	if a.format == "json" {
		err = encodeJSON(a.stdout, map[string]any{"output": out, "pages": sum.Pages, "documents": sum.Documents, "specs": sum.Specs, "assets": sum.Assets, "removed": sum.Removed, "warnings": sum.Warnings})
	} else {
		_, err = fmt.Fprintf(a.stdout, "built %d pages from %d documents in %d spec sets (%d linked files copied) into %s in %s\n",
			sum.Pages, sum.Documents, sum.Specs, sum.Assets, filepath.ToSlash(out), time.Since(start).Round(time.Millisecond))
	}
	if err != nil {
		return err
	}
	if err := inputErrors(loadErr); err != nil {
		return err
	}
	if len(sum.Warnings) > 0 {
		return errFindings
	}
	return nil
}

// checkOutput refuses an output directory that holds the inputs: the
// workspace root or a spec set's directory (or one above them), where
// build would write its pages among the sources.
func checkOutput(out string, ins []workspace.Input) error {
	abs := func(p string) string {
		a, err := filepath.Abs(p)
		if err != nil {
			return p
		}
		return filepath.Clean(a)
	}
	o := abs(out)
	var inputs []string
	for _, in := range ins {
		inputs = append(inputs, abs(in.Root))
		for _, f := range in.Paths() {
			p := f
			if !filepath.IsAbs(p) {
				p = filepath.Join(in.Root, f)
			}
			p = abs(p)
			if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
				p = filepath.Dir(p)
			}
			inputs = append(inputs, p)
		}
	}
	for _, in := range inputs {
		if rel, err := filepath.Rel(o, in); err == nil && (rel == "." || filepath.IsLocal(rel)) {
			return usagef("output directory %s holds the inputs (%s): choose another with -o", out, in)
		}
	}
	return nil
}

// lintStatus lints each spec set of the build, as `ocispec lint` would,
// for the status the home page shows; a set that cannot be linted shows
// none.
func lintStatus(ws *workspace.Workspace, ins []workspace.Input, list []render.Spec) {
	cfg := lintConfig(ws, nil)
	rules, err := lint.Select(cfg)
	if err != nil {
		return
	}
	for i, in := range ins {
		files, err := ws.Files(in)
		if err != nil {
			continue
		}
		fs, err := lint.LintFiles(in.Root, files, rules, cfg, ws.LoadOptions().Options, nil)
		if err != nil {
			continue
		}
		c := lint.Counts(fs)
		list[i].Lint = &render.LintStatus{Errors: c[lint.Error], Warnings: c[lint.Warning], Infos: c[lint.Info]}
	}
}
