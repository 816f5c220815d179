package main

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"

	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"

	"github.com/ocispec/ocispec/lint"
	"github.com/ocispec/ocispec/specs"
	"github.com/ocispec/ocispec/workspace"
)

// changedIndex is the --changed value when the flag is given without one:
// diff the staged index.
const changedIndex = "@index"

type lintFlags struct {
	rules   []string
	fix     bool
	changed string
}

func (a *app) lintCmd() *cobra.Command {
	var fl lintFlags
	cmd := &cobra.Command{
		Use:   "lint [PATH...]",
		Short: "Check spec Markdown: one sentence per line, RFC links, BCP 14, links, IDs, tables of contents",
		Long: `Lint checks specification Markdown against ocispec's rules (docs/rules/).

With PATHs (files or directories) it lints those files as one spec set;
without, it lints the spec sets of the workspace config (ocispec.yaml), or
the current directory when there is none.

Rule severities and options come from lint.rules and lint.options in
ocispec.yaml. Inline comments silence rules:
  <!-- ocispec-disable-next-line RULE -->
  <!-- ocispec-disable RULE --> ... <!-- ocispec-enable RULE -->

Exit codes: 0 no warnings or errors, 1 findings, 2 usage or input error.`,
		Example: `  ocispec lint docs/
  ocispec lint --fix spec.md
  ocispec lint --rule one-sentence-per-line --rule rfc-link .
  ocispec lint --changed                     # lines staged for commit
  ocispec lint --changed origin/main --format sarif > lint.sarif`,
		RunE: func(_ *cobra.Command, args []string) error {
			return a.runLint(args, fl)
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&fl.rules, "rule", nil, "run only rule `ID` (repeatable; runs it even when off)")
	f.BoolVar(&fl.fix, "fix", false, "apply safe fixes in place, then report what remains")
	f.StringVar(&fl.changed, "changed", "", "report only findings on lines changed against `REV` (--changed REV or --changed=REV; alone: the staged index)")
	f.Lookup("changed").NoOptDefVal = changedIndex
	return withFormats(cmd, lint.Formats()...)
}

func (a *app) runLint(args []string, fl lintFlags) error {
	ws, err := a.openWorkspace()
	if err != nil {
		return err
	}
	cfg := lintConfig(ws, fl.rules)
	rules, err := lint.Select(cfg)
	if err != nil {
		return usageError{err}
	}
	cwd, err := os.Getwd()
	if err != nil {
		return err
	}
	changed, args, err := lintChanged(fl.changed, args)
	if err != nil {
		return err
	}
	// A file that cannot be listed, read or parsed is an input error
	// (exit 2) reported after the findings of all the others.
	sets, listErr := lintSets(ws, args)
	var fixErr error
	if fl.fix {
		fixErr = a.lintFix(sets, rules, cfg, changed)
	}
	findings, lintErr := lintStream(sets, rules, cfg, ws.LoadOptions().Options, changed, cwd)
	ropts := lint.ReportOptions{Rules: rules, Version: buildVersion(), Color: a.color()}
	if err := lint.Report(a.stdout, a.format, findings, ropts); err != nil {
		return err
	}
	if err := inputErrors(listErr, fixErr, lintErr); err != nil {
		return err
	}
	for _, f := range findings {
		if f.Severity >= lint.Warning {
			return errFindings
		}
	}
	return nil
}

// lintChanged reads the lines changed against the --changed revision
// (nil without --changed). "--changed REV" is read like "--changed=REV"
// when REV is a revision and no file or directory: cobra gives the flag
// no value then and REV as the first argument.
func lintChanged(flag string, args []string) (lint.ChangedLines, []string, error) {
	if flag == "" {
		return nil, args, nil
	}
	rev := flag
	if rev == changedIndex {
		rev = ""
		if len(args) > 0 && dirOf(args[0]) == "" && isRevision(revisionDir(args[1:]), args[0]) {
			rev, args = args[0], args[1:]
		}
	}
	// git runs where the linted files are, which may be another checkout
	// than the current directory.
	gitDir := revisionDir(args)
	if _, err := gitTop("--changed", gitDir); err != nil {
		return nil, nil, err
	}
	if rev != "" {
		if err := checkRevision("--changed", gitDir, rev); err != nil {
			return nil, nil, err
		}
	}
	changed, err := lint.GitChanged(gitDir, rev)
	if err != nil {
		return nil, nil, usageError{err}
	}
	return changed, args, nil
}

// revisionDir is where git resolves a revision for the paths that follow
// it: the directory of the first path, else the current directory.
func revisionDir(paths []string) string {
	if len(paths) > 0 && dirOf(paths[0]) != "" {
		return dirOf(paths[0])
	}
	return "."
}

// A lintSet is one spec set to lint: its root and its files.
type lintSet struct {
	root  string
	files []specs.File
}

// lintSets lists the files to lint (see workspace.Select). A path that
// cannot be listed is an input error; the other files are still linted.
func lintSets(ws *workspace.Workspace, args []string) ([]lintSet, error) {
	var sets []lintSet
	var errs []error
	for _, in := range ws.Select(args, workspace.OneSet) {
		files, err := ws.Files(in)
		errs = append(errs, err)
		sets = append(sets, lintSet{in.Root, files})
	}
	return sets, errors.Join(errs...)
}

// lintFix applies the safe fixes to every file of every set.
func (a *app) lintFix(sets []lintSet, rules []*lint.Enabled, cfg lint.Config, changed lint.ChangedLines) error {
	fixed, nfiles := 0, 0
	var errs []error
	for _, s := range sets {
		n, files, err := lint.FixFiles(s.files, rules, cfg, changed)
		fixed, nfiles = fixed+n, nfiles+files
		errs = append(errs, err)
	}
	if fixed > 0 {
		fmt.Fprintf(a.stderr, "ocispec lint: applied %s in %s\n", plural(fixed, "fix", "fixes"), plural(nfiles, "file", "files"))
	}
	return errors.Join(errs...)
}

// lintStream lints each set, one parsed document in memory at a time, and
// returns the findings with paths relative to cwd.
func lintStream(sets []lintSet, rules []*lint.Enabled, cfg lint.Config, opts specs.Options, changed lint.ChangedLines, cwd string) ([]lint.Finding, error) {
	var findings []lint.Finding
	var errs []error
	for _, s := range sets {
		fs, err := lint.LintFiles(s.root, s.files, rules, cfg, opts, changed)
		errs = append(errs, err)
		abs := lint.Resolver(s.root, s.files)
		for i := range fs {
			if rel, err := filepath.Rel(cwd, abs(fs[i].Path)); err == nil {
				fs[i].Path = filepath.ToSlash(rel)
			}
		}
		findings = append(findings, fs...)
	}
	lint.Sort(findings)
	return findings, errors.Join(errs...)
}

// lintConfig turns the lint section of ocispec.yaml, which the workspace
// has validated, and --rule flags into a lint.Config.
func lintConfig(ws *workspace.Workspace, only []string) lint.Config {
	lc := ws.Config.Lint
	cfg := lint.Config{
		Severity:      map[string]lint.Severity{},
		Only:          only,
		Options:       withSchemaMediaTypes(lc.Options, ws),
		Abbreviations: lc.Abbreviations,
	}
	for id, s := range lc.Rules {
		cfg.Severity[id], _ = lint.ParseSeverity(s)
	}
	return cfg
}

// withSchemaMediaTypes gives the example-schema rule the media types that
// schema.mediaTypes in ocispec.yaml maps, as MEDIATYPE=FILE pairs with
// the files resolved against the workspace root.
func withSchemaMediaTypes(opts map[string]map[string]any, ws *workspace.Workspace) map[string]map[string]any {
	if len(ws.Config.Schema.MediaTypes) == 0 {
		return opts
	}
	out := maps.Clone(opts)
	if out == nil {
		out = map[string]map[string]any{}
	}
	rule := maps.Clone(out["example-schema"])
	if rule == nil {
		rule = map[string]any{}
	}
	var pairs []string
	for mt, file := range ws.Config.Schema.MediaTypes {
		pairs = append(pairs, mt+"="+ws.Path(file))
	}
	sort.Strings(pairs)
	rule["mediaTypes"] = pairs
	out["example-schema"] = rule
	return out
}

// color reports whether text output goes to a terminal that wants color.
func (a *app) color() bool {
	if a.format != "text" || os.Getenv("NO_COLOR") != "" {
		return false
	}
	f, ok := a.stdout.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

func buildVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}
