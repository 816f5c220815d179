package main

import "github.com/spf13/cobra"

func (a *app) reqsCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "reqs",
		Short: "reqs (not implemented yet)",
		RunE:  notImplemented("reqs"),
	}
}
