package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/ocispec/ocispec/openapi"
)

func (a *app) checkTrafficCmd() *cobra.Command {
	var spec string
	cmd := withFormats(&cobra.Command{
		Use:   "check-traffic --spec OPENAPI JUNIT.xml...",
		Short: "Validate the HTTP exchanges recorded in conformance junit files against an OpenAPI document",
		Long: `Check-traffic reads the HTTP exchanges that OCI conformance junit.xml files
record (conformance v2 writes every request and response), validates each
request and response against the OpenAPI document with kin-openapi's
openapi3filter, and reports how many are valid, each invalid exchange with
its test, method, URL, status and reason, and counts per operation.

A body the recorder did not keep whole (binary, truncated) is not judged.
A file that is truncated or not UTF-8 is reported and the exchanges read
before the problem are still checked.

Exit codes: 0 every exchange valid, 1 invalid exchanges or unreadable
files, 2 usage error or an invalid document.`,
		Example: `  ocispec openapi spec.md -o openapi.yaml
  ocispec openapi check-traffic --spec openapi.yaml results/zot/junit.xml
  ocispec openapi check-traffic --spec openapi.yaml --format json */junit.xml`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			return a.runCheckTraffic(spec, args)
		},
	}, "text", "json")
	cmd.Flags().StringVar(&spec, "spec", "", "the OpenAPI document `FILE` (YAML or JSON)")
	_ = cmd.MarkFlagRequired("spec")
	return cmd
}

func (a *app) runCheckTraffic(spec string, files []string) error {
	doc, err := openapi.LoadDocument(spec)
	if err != nil {
		return usageError{err}
	}
	c, err := openapi.NewChecker(doc)
	if err != nil {
		return usageError{err}
	}
	rep := openapi.NewReport()
	for _, f := range files {
		if err := checkTrafficFile(c, rep, f); err != nil {
			rep.Errors = append(rep.Errors, err.Error())
		}
	}
	if a.format == "json" {
		err = encodeJSON(a.stdout, rep)
	} else {
		err = writeTrafficText(a, rep)
	}
	if err != nil {
		return err
	}
	if len(rep.Invalid) > 0 || rep.Omitted > 0 || len(rep.Errors) > 0 {
		return errFindings
	}
	return nil
}

func checkTrafficFile(c *openapi.Checker, rep *openapi.TrafficReport, file string) error {
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	c.CheckFile(rep, f, file)
	return f.Close()
}

func writeTrafficText(a *app, rep *openapi.TrafficReport) error {
	for _, inv := range rep.Invalid {
		fmt.Fprintf(a.stdout, "%s:%d: %s %s -> %d: %s\n  test: %s\n", inv.File, inv.Line, inv.Method, inv.URL, inv.Status, inv.Reason, inv.Test)
	}
	for _, e := range rep.Errors {
		fmt.Fprintf(a.stdout, "error: %s\n", e)
	}
	fmt.Fprintf(a.stdout, "\n%-40s %9s %6s\n", "operation", "exchanges", "valid")
	for _, op := range rep.Operations() {
		c := rep.ByOperation[op]
		name := op
		if name == "" {
			name = "(no operation)"
		}
		fmt.Fprintf(a.stdout, "%-40s %9d %6d\n", name, c.Exchanges, c.Valid)
	}
	_, err := fmt.Fprintf(a.stdout, "\n%d exchanges, %d valid (%.1f%%), %d invalid\n", rep.Exchanges, rep.Valid, percent(rep.Valid, rep.Exchanges), rep.Exchanges-rep.Valid)
	return err
}

func percent(n, of int) float64 {
	if of == 0 {
		return 100
	}
	return 100 * float64(n) / float64(of)
}
