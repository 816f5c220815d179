package main

import "github.com/spf13/cobra"

func (a *app) certifiedCmd() *cobra.Command {
	return withFormats(&cobra.Command{
		Use:     "certified [DIR]",
		Short:   "Summarize conformance results (PRODUCT.yaml, results.yaml, junit.xml) (not implemented yet)",
		Example: "  ocispec certified examples/conformance --format json",
		RunE:    notImplemented("certified"),
	}, "text", "json")
}
