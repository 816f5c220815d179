package main

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"
)

func (a *app) versionCmd() *cobra.Command {
	return withFormats(&cobra.Command{
		Use:   "version",
		Short: "Print the ocispec version",
		Args:  argsBetween(0, 0, "no arguments"),
		Example: `  ocispec version
  ocispec version --format json`,
		RunE: func(*cobra.Command, []string) error {
			v, goVersion := "(devel)", ""
			if bi, ok := debug.ReadBuildInfo(); ok {
				if bi.Main.Version != "" {
					v = bi.Main.Version
				}
				goVersion = bi.GoVersion
			}
			if a.format == "json" {
				return encodeJSON(a.stdout, map[string]string{"version": v, "go": goVersion})
			}
			_, err := fmt.Fprintf(a.stdout, "ocispec %s (%s)\n", v, goVersion)
			return err
		},
	}, "text", "json")
}
