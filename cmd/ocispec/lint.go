package main

import "github.com/spf13/cobra"

func (a *app) lintCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "lint",
		Short: "lint (not implemented yet)",
		RunE:  notImplemented("lint"),
	}
}
