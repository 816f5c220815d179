package main

import "github.com/spf13/cobra"

func (a *app) traceCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "trace",
		Short: "trace (not implemented yet)",
		RunE:  notImplemented("trace"),
	}
}
