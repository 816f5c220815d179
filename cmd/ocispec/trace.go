package main

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ocispec/ocispec/render"
	"github.com/ocispec/ocispec/reqs"
	"github.com/ocispec/ocispec/specs"
	"github.com/ocispec/ocispec/trace"
	"github.com/ocispec/ocispec/workspace"
)

// traceFlags are the flags of ocispec trace; each one left empty falls
// back to the workspace config's trace section.
type traceFlags struct {
	specs, tests, mappings, results []string
	level, role, failUnder          string
}

func (a *app) traceCmd() *cobra.Command {
	var f traceFlags
	cmd := &cobra.Command{
		Use:   "trace",
		Short: "Map requirements to the tests that cover them and report coverage",
		Long: `Trace relates each requirement to the tests that cover it and to their
results. Evidence comes from "// Covers: ID[@REVISION]" comments in Go test
code (an ID, a section anchor or an endpoint ID) and from mapping files
that map test-name patterns to requirements; outcomes come from go test
-json output and junit XML (the three OCI conformance flavours).

Each requirement gets a status: pass, fail, skip, covered (traced, no
outcome), stale (its annotations name an older revision of its text) or
uncovered. The report lists coverage per level (MUST, SHOULD, MAY),
orphan annotations that name no requirement, tests that trace to nothing,
mapping entries that match no test and, with several results files, the
outcome per file (products x requirements). docs/trace.md describes the
annotations, the mapping format and the JSON.

Without flags the workspace config's trace section says what to read.

Formats: text (default), json, markdown, html (a page of the site).

Exit codes: 0 clean; 1 orphan or stale annotations, or coverage under
--fail-under; 2 usage or input error (a mapping file that does not parse,
a results file that cannot be read).`,
		Example: `  ocispec trace
  ocispec trace --fail-under must=90
  ocispec trace --spec spec.md --mapping examples/distribution-spec-trace.yaml --results zot/junit.xml
  ocispec trace --spec docs --tests . --results go-test.json --format json`,
		Args: argsBetween(0, 0, "no arguments"),
		RunE: func(*cobra.Command, []string) error { return a.runTrace(f) },
	}
	fl := cmd.Flags()
	fl.StringSliceVar(&f.specs, "spec", nil, "spec `FILE`s or directories to trace (default: the workspace's spec sets)")
	fl.StringSliceVar(&f.tests, "tests", nil, "Go test files or `DIR`s to scan for Covers: annotations")
	fl.StringSliceVar(&f.mappings, "mapping", nil, "mapping `FILE` from test-name patterns to requirements")
	fl.StringSliceVar(&f.results, "results", nil, "results `FILE`s: junit XML or go test -json output")
	fl.StringVar(&f.level, "level", "", "only requirements of `LEVEL` (MUST, SHOULD, MAY, or MUST NOT ...)")
	fl.StringVar(&f.role, "role", "", "only requirements that bind `ROLE` (e.g. registry, client)")
	fl.StringVar(&f.failUnder, "fail-under", "", "exit 1 when coverage is under `LEVEL=PCT[,...]`, e.g. must=90,should=50")
	return withFormats(cmd, append(trace.Formats(), "html")...)
}

func (a *app) runTrace(f traceFlags) error {
	ws, err := a.openWorkspace()
	if err != nil {
		return err
	}
	gate, err := trace.ParseThresholds(or(f.failUnder, ws.Config.Trace.FailUnder))
	if err != nil {
		return usageError{err}
	}
	rep, err := a.traceReport(ws, f)
	if err != nil {
		return err
	}
	if err := a.writeTrace(rep); err != nil {
		return err
	}
	return a.traceExit(rep, gate)
}

// traceReport reads the evidence that flags and config name and builds
// the report; a mapping file that does not parse is an input error.
func (a *app) traceReport(ws *workspace.Workspace, f traceFlags) (*trace.Report, error) {
	src, err := a.traceSources(ws, f)
	if err != nil {
		return nil, err
	}
	in, err := trace.Collect(src)
	var se *trace.SyntaxError
	if errors.As(err, &se) {
		return nil, usageError{err}
	} else if err != nil {
		return nil, err
	}
	return trace.Build(in, trace.Options{Level: f.level, Role: f.role}), nil
}

// traceFeature is the traceability page of the site when the workspace
// configures a trace.
func (a *app) traceFeature(ws *workspace.Workspace) ([]render.Feature, error) {
	c := ws.Config.Trace
	if len(c.Tests)+len(c.Mappings)+len(c.Results)+len(c.Specs) == 0 {
		return nil, nil
	}
	rep, err := a.traceReport(ws, traceFlags{})
	if err != nil {
		return nil, fmt.Errorf("trace: %w", err)
	}
	return []render.Feature{render.TracePage{Report: rep, Subject: strings.Join(c.Specs, ", ")}}, nil
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// traceSources resolves flags against the workspace config: a flag given
// replaces the config's list; config paths are relative to the workspace
// root.
func (a *app) traceSources(ws *workspace.Workspace, f traceFlags) (trace.Sources, error) {
	cfg := ws.Config.Trace
	cwd, err := os.Getwd()
	if err != nil {
		return trace.Sources{}, err
	}
	src := trace.Sources{Root: cwd}
	pick := func(flag, conf []string) []string {
		if len(flag) > 0 {
			return flag
		}
		out := make([]string, len(conf))
		for i, p := range conf {
			out[i] = ws.Path(p)
		}
		return out
	}
	src.Tests = pick(f.tests, cfg.Tests)
	src.Mappings = pick(f.mappings, cfg.Mappings)
	src.Results = pick(f.results, cfg.Results)
	rs, err := a.traceRequirements(ws, f.specs, cfg.Specs, cwd)
	if err != nil {
		return src, err
	}
	src.Requirements = rs
	return src, nil
}

// traceRequirements extracts the requirements of --spec paths, else of
// the config's trace.specs sets, else of every spec set.
func (a *app) traceRequirements(ws *workspace.Workspace, paths, names []string, cwd string) ([]*reqs.Requirement, error) {
	var sets []*specs.Set
	var err error
	switch {
	case len(paths) > 0:
		sets, err = loadSets(ws, paths)
	case len(names) > 0:
		// The config validator checked the names; a file called like a
		// spec set (./ocispec after make build) must not shadow it.
		for _, in := range ws.Select(names, workspace.Names) {
			set, lerr := ws.Load(in)
			sets, err = append(sets, set), cmp.Or(err, lerr)
		}
	default:
		sets, err = loadSets(ws, nil)
	}
	if err != nil {
		return nil, usageError{err}
	}
	var out []*reqs.Requirement
	for _, set := range sets {
		g := reqs.Extract(set)
		g.MapPaths(relTo(cwd, set.Root))
		out = append(out, g.Requirements...)
	}
	return out, nil
}

func (a *app) writeTrace(rep *trace.Report) error {
	if a.format != "html" {
		return trace.Write(a.stdout, a.format, rep)
	}
	page, err := standaloneTracePage(rep)
	if err != nil {
		return err
	}
	_, err = a.stdout.Write(page)
	return err
}

// standaloneTracePage renders the site's traceability page on its own:
// the page of a one-feature site, with the site's stylesheet inlined so
// the file can be opened or published alone.
func standaloneTracePage(rep *trace.Report) ([]byte, error) {
	dir, err := os.MkdirTemp("", "ocispec-trace-")
	if err != nil {
		return nil, err
	}
	defer func() { _ = os.RemoveAll(dir) }() // a temporary directory
	if _, err := render.Site(nil, render.Options{Output: dir, Title: "Traceability", Features: []render.Feature{render.TracePage{Report: rep}}}); err != nil {
		return nil, err
	}
	page, err := os.ReadFile(filepath.Join(dir, "trace", "index.html"))
	if err != nil {
		return nil, err
	}
	css, err := os.ReadFile(filepath.Join(dir, "style.css"))
	if err != nil {
		return nil, err
	}
	link := []byte(`<link rel="stylesheet" href="../style.css">`)
	return bytes.Replace(page, link, append(append([]byte("<style>\n"), css...), "</style>"...), 1), nil
}

// traceExit reports findings on stderr (the text report lists them
// itself) and returns an input error when a results file could not be
// read, else errFindings when an annotation is orphaned, stale, misplaced
// or malformed or coverage is under the gate.
func (a *app) traceExit(rep *trace.Report, gate trace.Thresholds) error {
	var unreadable []string
	bad := false
	for _, f := range rep.Findings {
		if a.format != "text" {
			fmt.Fprintf(a.stderr, "ocispec trace: %s: %s\n", f.Kind, f)
		}
		switch f.Kind {
		case trace.FindingResults:
			unreadable = append(unreadable, f.String())
		case trace.FindingOrphan, trace.FindingStale, trace.FindingSyntax, trace.FindingPlacement:
			bad = true
		}
	}
	for _, msg := range gate.Gate(rep) {
		fmt.Fprintf(a.stderr, "ocispec trace: %s\n", msg)
		bad = true
	}
	switch {
	case len(unreadable) > 0:
		return usagef("trace: results not read: %s", strings.Join(unreadable, "; "))
	case bad:
		return errFindings
	}
	return nil
}
