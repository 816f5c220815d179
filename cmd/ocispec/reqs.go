package main

import (
	"cmp"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ocispec/ocispec/reqs"
	"github.com/ocispec/ocispec/specs"
	"github.com/ocispec/ocispec/workspace"
)

// reqsFlags are the file selection and filter flags of reqs.
type reqsFlags struct {
	exclude               []string
	governance            bool
	role, level, property string
}

func (f *reqsFlags) addSelection(cmd *cobra.Command) {
	cmd.Flags().StringArrayVar(&f.exclude, "exclude", nil, "leave out files matching `GLOB` (repeatable)")
	cmd.Flags().BoolVar(&f.governance, "governance", false, "keep governance files (MAINTAINERS, GOVERNANCE, RELEASES, CONTRIBUTING, .github) that a zero-config run leaves out")
}

func (f *reqsFlags) selection() workspace.Selection {
	return workspace.Selection{Exclude: f.exclude, Governance: f.governance}
}

// filter checks and returns the --role, --level and --property filter.
func (f *reqsFlags) filter() (reqs.Filter, error) {
	flt := reqs.Filter{Role: reqs.Role(f.role), Level: reqs.Level(f.level), Property: f.property}
	if f.role != "" && !slices.Contains(reqs.Roles(), flt.Role) {
		return flt, usagef("--role %q: want one of %s", f.role, joinRoles())
	}
	if f.level != "" && !slices.Contains(reqs.Levels(), flt.Level) {
		return flt, usagef("--level %q: want MUST, MUST NOT, MAY NOT, SHOULD, SHOULD NOT or MAY", f.level)
	}
	return flt, nil
}

func joinRoles() string {
	var s []string
	for _, r := range reqs.Roles() {
		s = append(s, string(r))
	}
	return strings.Join(s, ", ")
}

func (a *app) reqsCmd() *cobra.Command {
	var fl reqsFlags
	var properties bool
	cmd := &cobra.Command{
		Use:   "reqs [PATH...]",
		Short: "List the RFC 2119 requirements of a spec set with stable IDs",
		Long: `Reqs extracts every BCP 14 keyword clause (MUST, SHOULD, MAY, ...) of the
prose into a requirement with a stable ID, its level, actor, property,
condition, section and references, plus the graph edges between sections,
requirements and what they reference. docs/requirements.md describes the
JSON and the ID scheme.

With PATHs (files or directories) it reads those files as one spec set;
without, the spec sets of the workspace config (ocispec.yaml), or the
current directory when there is none. File paths in the output are
relative to the current directory.

Formats: text (default), json, yaml, markdown (a review table per section),
dot (Graphviz).

Exit codes: 0 success, 2 usage or input error.`,
		Example: `  ocispec reqs
  ocispec reqs spec.md --format json
  ocispec reqs docs/ --format markdown > requirements.md
  ocispec reqs --format dot spec.md | dot -Tsvg > reqs.svg`,
		RunE: func(_ *cobra.Command, args []string) error {
			if properties {
				return a.runProperties(args)
			}
			return a.runReqs(args, &fl)
		},
	}
	cmd.Flags().BoolVar(&properties, "properties", false, "print the property model (documented JSON properties) instead: text or json")
	fl.addSelection(cmd)
	cmd.Flags().StringVar(&fl.role, "role", "", "only requirements with role `R` (registry, client, runtime, implementation, content, process, other)")
	cmd.Flags().StringVar(&fl.level, "level", "", "only requirements of level `L` (\"MUST NOT\" includes MAY NOT)")
	cmd.Flags().StringVar(&fl.property, "property", "", "only requirements on property `P` or below it")
	cmd.AddCommand(a.reqsDiffCmd())
	return withFormats(cmd, reqs.GraphFormats()...)
}

// runProperties prints the property model of the selected sets.
func (a *app) runProperties(args []string) error {
	if !slices.Contains(specs.PropertyFormats(), a.format) {
		return usagef("reqs --properties: unsupported --format %q (want one of %s)", a.format, strings.Join(specs.PropertyFormats(), ", "))
	}
	ws, err := a.openWorkspace()
	if err != nil {
		return err
	}
	sets, err := loadSets(ws, args)
	if err != nil {
		return usageError{err}
	}
	cwd, err := os.Getwd()
	if err != nil {
		return err
	}
	all := &specs.PropertyTree{Documents: []specs.PropertyDoc{}}
	for _, set := range sets {
		all.Documents = append(all.Documents, set.Properties(relTo(cwd, set.Root)).Documents...)
	}
	return specs.WriteProperties(a.stdout, a.format, all)
}

func (a *app) runReqs(args []string, fl *reqsFlags) error {
	flt, err := fl.filter()
	if err != nil {
		return err
	}
	ws, err := a.openWorkspace()
	if err != nil {
		return err
	}
	// A file that cannot be read or parsed is an input error (exit 2)
	// reported after the requirements of all the others.
	sets, loadErr := loadReqSets(ws, args, fl.selection())
	if sets == nil && loadErr != nil {
		return usageError{loadErr}
	}
	cwd, err := os.Getwd()
	if err != nil {
		return err
	}
	all := &reqs.Graph{Requirements: []*reqs.Requirement{}, Edges: []reqs.Edge{}}
	for _, set := range sets {
		g := reqs.ExtractWith(set.Set, reqs.Options{Vocabulary: set.vocab}).Filter(flt)
		a.warn(g.Warnings)
		g.MapPaths(relTo(cwd, set.Root))
		all.Requirements = append(all.Requirements, g.Requirements...)
		all.Edges = append(all.Edges, g.Edges...)
	}
	if err := reqs.WriteGraph(a.stdout, a.format, all); err != nil {
		return err
	}
	return inputErrors(loadErr)
}

// A loadedSet is a parsed spec set with its role vocabulary.
type loadedSet struct {
	*specs.Set
	vocab *reqs.Vocabulary
}

// loadReqSets is loadSets for the requirement graph: with the selection
// flags, the vocabulary of each set, and an error for a path or set that
// holds no Markdown. Files that cannot be read or parsed are left out of
// the sets returned and joined in the error (see specs.Load); a config
// problem returns no sets.
func loadReqSets(ws *workspace.Workspace, args []string, sel workspace.Selection) ([]loadedSet, error) {
	ws.Selection = &sel
	var sets []loadedSet
	var errs []error
	for _, in := range ws.Select(args, workspace.OneSet) {
		vocab, err := reqs.DefaultVocabulary().With(in.Config.Roles)
		if err != nil {
			return nil, fmt.Errorf("%s: spec set %q: roles: %w", cmp.Or(ws.ConfigPath, workspace.ConfigFile), in.Config.Name, err)
		}
		set, err := ws.Load(in)
		errs = append(errs, err)
		if len(set.Docs) == 0 && err == nil {
			errs = append(errs, fmt.Errorf("%s: no Markdown files", strings.Join(in.Paths(), ", ")))
		}
		sets = append(sets, loadedSet{set, vocab})
	}
	return sets, errors.Join(errs...)
}

// loadSets parses the spec sets reqs reads (see workspace.Select).
func loadSets(ws *workspace.Workspace, args []string) ([]*specs.Set, error) {
	var sets []*specs.Set
	for _, in := range ws.Select(args, workspace.OneSet) {
		set, err := ws.Load(in)
		if err != nil {
			return nil, err
		}
		sets = append(sets, set)
	}
	return sets, nil
}

// relTo returns a function mapping a document path of a set rooted at root
// to a slash path relative to dir.
func relTo(dir, root string) func(string) string {
	return func(p string) string {
		full := filepath.Join(root, filepath.FromSlash(p))
		if abs, err := filepath.Abs(full); err == nil {
			full = abs
		}
		if rel, err := filepath.Rel(dir, full); err == nil {
			return filepath.ToSlash(rel)
		}
		return p
	}
}

func (a *app) warn(ws []string) {
	for _, w := range ws {
		fmt.Fprintf(a.stderr, "ocispec reqs: warning: %s\n", w)
	}
}

func (a *app) reqsDiffCmd() *cobra.Command {
	var gitRange string
	var fl reqsFlags
	cmd := &cobra.Command{
		Use:   "diff OLD NEW | diff --git REV1..REV2 [PATH...]",
		Short: "List the normative changes between two versions of a spec",
		Long: `Diff compares the requirements of two versions of a spec and lists what
changed normatively: requirements added and removed, and requirements whose
level was strengthened or weakened or whose text was reworded.

OLD and NEW are files or directories. With --git REV1..REV2 the versions
come from a git repository instead (the PATHs, default the workspace's spec
files, at each revision); REV1.. or a single REV compares against the
working tree.

Requirements are paired by ID, then by equal text anywhere (moved), then by
text similarity within a section, so moved or reworded requirements pair
up. Formatting alone (re-wrapping, sentences split onto lines, link
targets, emphasis, heading levels) produces no entry.

Formats: text (default), json, markdown.

Exit codes, as diff(1): 0 no normative change, 1 normative changes listed,
2 usage or input error.`,
		Example: `  ocispec reqs diff spec-v1.0.md spec.md
  ocispec reqs diff old/ new/ --format json
  ocispec reqs diff --git v1.1.0..HEAD spec.md --format markdown
  ocispec reqs diff --git origin/main     # working tree against main`,
		RunE: func(_ *cobra.Command, args []string) error {
			return a.runReqsDiff(args, gitRange, fl.selection())
		},
	}
	fl.addSelection(cmd)
	cmd.Flags().StringVar(&gitRange, "git", "", "compare git revisions `REV1..REV2` (REV1.. or REV: against the working tree)")
	return withFormats(cmd, reqs.DiffFormats()...)
}

func (a *app) runReqsDiff(args []string, gitRange string, sel workspace.Selection) error {
	cwd, err := os.Getwd()
	if err != nil {
		return err
	}
	var oldG, newG *reqs.Graph
	var oldMap, newMap func(string) string
	if gitRange != "" {
		oldG, newG, oldMap, newMap, err = a.gitGraphs(cwd, gitRange, args, sel)
		if err != nil {
			return err
		}
	} else {
		if len(args) != 2 {
			return usagef("reqs diff: want OLD and NEW (files or directories), or --git REV1..REV2")
		}
		ws, err := a.openWorkspace()
		if err != nil {
			return err
		}
		ws.Selection = &sel
		// A diff with a file missing on one side would list its
		// requirements as removed: every bad file of both sides is
		// reported, and nothing is compared.
		var sets [2]*specs.Set
		errs := make([]error, 2)
		for i, in := range ws.Select(args, workspace.SetPerPath) {
			sets[i], errs[i] = ws.Load(in)
		}
		if err := inputErrors(errs...); err != nil {
			return err
		}
		oldG, newG = reqs.Extract(sets[0]), reqs.Extract(sets[1])
		oldMap, newMap = relTo(cwd, sets[0].Root), relTo(cwd, sets[1].Root)
	}
	a.warn(oldG.Warnings)
	a.warn(newG.Warnings)
	d := reqs.DiffGraphs(oldG, newG)
	oldG.MapPaths(oldMap)
	newG.MapPaths(newMap)
	if err := reqs.WriteDiff(a.stdout, a.format, d); err != nil {
		return err
	}
	if !d.Empty() {
		return errFindings
	}
	return nil
}

// gitGraphs extracts the requirement graphs of two revisions. Old paths
// are shown as REV1:path, new ones as REV2:path (or plain paths for the
// working tree), relative to the current directory.
func (a *app) gitGraphs(cwd, rng string, args []string, sel workspace.Selection) (oldG, newG *reqs.Graph, oldMap, newMap func(string) string, err error) {
	rev1, rev2, _ := strings.Cut(rng, "..")
	if rev1 == "" {
		return nil, nil, nil, nil, usagef("--git %q: want REV1..REV2", rng)
	}
	top, err := gitTop("--git", ".")
	if err != nil {
		return nil, nil, nil, nil, err
	}
	for _, rev := range []string{rev1, rev2} {
		if rev != "" {
			if err := checkRevision("--git", ".", rev); err != nil {
				return nil, nil, nil, nil, err
			}
		}
	}
	ws, err := a.openWorkspace()
	if err != nil {
		return nil, nil, nil, nil, err
	}
	ws.Selection = &sel
	ins := ws.Select(args, workspace.OneSet)
	graph := func(rev string) (*reqs.Graph, func(string) string, error) {
		rel := relTo(cwd, top)
		set, err := ws.LoadAt(ins, top, rev)
		if err != nil {
			if rev == "" {
				return nil, nil, usageError{err}
			}
			return nil, nil, usagef("--git: %v", err)
		}
		if rev == "" {
			return reqs.Extract(set), rel, nil
		}
		return reqs.Extract(set), func(s string) string { return rev + ":" + rel(s) }, nil
	}
	if oldG, oldMap, err = graph(rev1); err != nil {
		return nil, nil, nil, nil, err
	}
	if newG, newMap, err = graph(rev2); err != nil {
		return nil, nil, nil, nil, err
	}
	return oldG, newG, oldMap, newMap, nil
}
