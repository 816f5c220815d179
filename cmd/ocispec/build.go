package main

import "github.com/spf13/cobra"

func (a *app) buildCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "build",
		Short: "build (not implemented yet)",
		RunE:  notImplemented("build"),
	}
}
