package main

import "github.com/spf13/cobra"

func (a *app) openapiCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "openapi",
		Short: "openapi (not implemented yet)",
		RunE:  notImplemented("openapi"),
	}
}
