package main

import "github.com/spf13/cobra"

func (a *app) serveCmd() *cobra.Command {
	return withFormats(&cobra.Command{
		Use:     "serve [DIR]",
		Short:   "Serve the site locally with live reload (not implemented yet)",
		Example: "  ocispec serve\n  ocispec serve docs --addr 127.0.0.1:8080",
		RunE:    notImplemented("serve"),
	}, "text")
}
