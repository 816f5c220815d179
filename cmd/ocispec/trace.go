package main

import "github.com/spf13/cobra"

func (a *app) traceCmd() *cobra.Command {
	return withFormats(&cobra.Command{
		Use:     "trace [PATH...]",
		Short:   "Map requirements to the tests that cover them and report coverage (not implemented yet)",
		Example: "  ocispec trace --format json\n  ocispec trace docs --results junit.xml",
		RunE:    notImplemented("trace"),
	}, "text", "json")
}
