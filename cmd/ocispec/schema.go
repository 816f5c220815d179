package main

import "github.com/spf13/cobra"

func (a *app) schemaCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "schema",
		Short: "schema (not implemented yet)",
		RunE:  notImplemented("schema"),
	}
}
