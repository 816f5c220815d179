package main

import "github.com/spf13/cobra"

func (a *app) openapiCmd() *cobra.Command {
	return withFormats(&cobra.Command{
		Use:     "openapi [PATH...]",
		Short:   "Generate an OpenAPI document from the endpoint and error tables (not implemented yet)",
		Example: "  ocispec openapi spec.md --format yaml > openapi.yaml",
		RunE:    notImplemented("openapi"),
	}, "json", "yaml")
}
