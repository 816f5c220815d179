package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/ocispec/ocispec/conformance"
	"github.com/ocispec/ocispec/internal/atomicfile"
	"github.com/ocispec/ocispec/render"
	"github.com/ocispec/ocispec/workspace"
)

func (a *app) certifiedCmd() *cobra.Command {
	var results, output string
	cmd := withFormats(&cobra.Command{
		Use:   "certified [--results DIR] [-o OUT]",
		Short: "Certified and conformance pages from an oci-conformance results tree",
		Long: `Read an oci-conformance tree (<spec>/<version>/<product>/ with PRODUCT.yaml,
README.md, results.yaml, junit.xml and badges.md; live/<product>/badges.md) and
report every product's results, failures included.

--format text lists products; json writes the report; html writes the pages
(an overview by category, a page per product, the certified list) to -o.
A product is certified when it passes every required workflow of its version
(OCI's defaults, or conformance.required in ocispec.yaml).
A product with bad input is reported with the problem and the command exits 1;
the other products are still reported.`,
		Example: `  ocispec certified --results ../oci-conformance --format html -o _site
  ocispec certified --results examples/conformance --format json`,
		Args: cobra.NoArgs,
		RunE: func(_ *cobra.Command, _ []string) error {
			tree, pol, err := a.loadConformance(results)
			if err != nil {
				return err
			}
			switch a.format {
			case "json":
				return a.certifiedJSON(tree, pol, output)
			case "html":
				return a.certifiedHTML(tree, pol, output)
			}
			return a.certifiedText(tree, pol)
		},
	}, "text", "json", "html")
	cmd.Flags().StringVar(&results, "results", "", "results `DIR` (default: conformance in ocispec.yaml)")
	cmd.Flags().StringVarP(&output, "output", "o", "", "output `PATH`: the site directory for html (default _site), a file for json (default stdout)")
	return cmd
}

// loadConformance reads the results tree named by --results, else by the
// workspace's conformance setting. The workspace's policy applies to its
// own results directory only; another tree is judged by OCI's defaults.
func (a *app) loadConformance(results string) (*conformance.Tree, conformance.Policy, error) {
	var pol conformance.Policy
	ws, err := workspace.Open(a.configPath, ".")
	if err != nil && a.configPath != "" {
		return nil, pol, usageError{err}
	}
	if err == nil && ws.Config.Conformance.Results != "" {
		configured := ws.Path(ws.Config.Conformance.Results)
		if results == "" || samePath(results, configured) {
			results, pol = configured, ws.Config.Conformance.Policy
		}
	}
	if results == "" {
		return nil, pol, usagef("no results directory: give --results DIR or set conformance in ocispec.yaml")
	}
	tree, err := conformance.Load(results)
	if err != nil {
		return nil, pol, usageError{err}
	}
	return tree, pol, nil
}

// samePath reports whether two paths name the same directory.
func samePath(a, b string) bool {
	fa, errA := os.Stat(a)
	fb, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(fa, fb)
}

// hasProblems reports whether any input was bad (exit 1).
func hasProblems(t *conformance.Tree) bool {
	if len(t.Problems) > 0 {
		return true
	}
	for _, r := range t.Results {
		if len(r.Problems) > 0 {
			return true
		}
	}
	return false
}

func (a *app) reportProblems(t *conformance.Tree) error {
	for _, p := range t.Problems {
		fmt.Fprintf(a.stderr, "error: %v\n", p)
	}
	for _, r := range t.Results {
		for _, p := range r.Problems {
			fmt.Fprintf(a.stderr, "error: %v\n", p)
		}
	}
	if hasProblems(t) {
		return errFindings
	}
	return nil
}

func (a *app) certifiedText(t *conformance.Tree, pol conformance.Policy) error {
	for _, p := range conformance.BuildReport(t, pol).Products {
		verdict := "conformance results"
		if p.Certified {
			verdict = "certified"
		}
		c := p.Counts
		fmt.Fprintf(a.stdout, "%s %s %s %s: %s (%d pass, %d fail, %d error, %d skip, %d disabled)\n",
			p.Spec, p.SpecVersion, p.Name, p.Version, verdict, c.Pass, c.Fail, c.Error, c.Skip, c.Disabled)
		for _, d := range p.Disagreements {
			fmt.Fprintf(a.stdout, "  disagreement: %s\n", d)
		}
	}
	return a.reportProblems(t)
}

func (a *app) certifiedJSON(t *conformance.Tree, pol conformance.Policy, output string) error {
	rep := conformance.BuildReport(t, pol)
	if output == "" {
		if err := encodeJSON(a.stdout, rep); err != nil {
			return err
		}
		return a.reportProblems(t)
	}
	if err := writeJSONFile(output, rep); err != nil {
		return err
	}
	return a.reportProblems(t)
}

func (a *app) certifiedHTML(t *conformance.Tree, pol conformance.Policy, output string) error {
	if output == "" {
		output = "_site"
	}
	sum, err := render.Site(nil, render.Options{Output: output, Title: "Conformance", Features: []render.Feature{&render.Certified{Tree: t, Policy: pol}}})
	if err != nil {
		return err
	}
	for _, w := range sum.Warnings {
		fmt.Fprintf(a.stderr, "error: %s\n", w)
	}
	fmt.Fprintf(a.stdout, "wrote %d pages for %d results into %s\n", sum.Pages, len(t.Results), filepath.ToSlash(output))
	if len(sum.Warnings) > 0 {
		return errFindings
	}
	return nil
}

// writeJSONFile writes v as indented JSON to name atomically.
func writeJSONFile(name string, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.Replace(name, append(data, '\n'), 0o644)
}

// certifiedFeatures returns the certified pages for ocispec build when the
// workspace sets conformance; problems with products become build warnings.
func certifiedFeatures(ws *workspace.Workspace) ([]render.Feature, error) {
	c := ws.Config.Conformance
	if c.Results == "" {
		return nil, nil
	}
	tree, err := conformance.Load(ws.Path(c.Results))
	if err != nil {
		return nil, usageError{err}
	}
	return []render.Feature{&render.Certified{Tree: tree, Policy: c.Policy}}, nil
}
