package main

import "github.com/spf13/cobra"

func (a *app) certifiedCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "certified",
		Short: "certified (not implemented yet)",
		RunE:  notImplemented("certified"),
	}
}
