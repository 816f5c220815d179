package main

import "github.com/spf13/cobra"

func (a *app) schemaCmd() *cobra.Command {
	return withFormats(&cobra.Command{
		Use:     "schema [PATH...]",
		Short:   "Generate JSON Schemas from property lists; validate the JSON examples (not implemented yet)",
		Example: "  ocispec schema check docs/\n  ocispec schema gen manifest.md",
		RunE:    notImplemented("schema"),
	}, "json")
}
