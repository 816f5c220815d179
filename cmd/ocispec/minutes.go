package main

import "github.com/spf13/cobra"

func (a *app) minutesCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "minutes",
		Short: "minutes (not implemented yet)",
		RunE:  notImplemented("minutes"),
	}
}
