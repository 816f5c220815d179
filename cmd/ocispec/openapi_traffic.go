package main

import "github.com/spf13/cobra"

func (a *app) checkTrafficCmd() *cobra.Command {
	return withFormats(&cobra.Command{
		Use:   "check-traffic --spec OPENAPI JUNIT.xml...",
		Short: "Validate the HTTP exchanges recorded in conformance junit files (not implemented yet)",
		RunE:  notImplemented("openapi check-traffic"),
	}, "text", "json")
}
