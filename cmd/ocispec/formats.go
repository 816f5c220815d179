package main

import (
	"slices"
	"strings"

	"github.com/spf13/cobra"
)

// formatsAnnotation is the cobra annotation under which a command declares
// its output formats (see withFormats).
const formatsAnnotation = "ocispec.formats"

// withFormats declares the --format values cmd supports, the default first.
// Every runnable command declares its formats; the root checks --format
// against them before the command runs (checkFormat), so a command never
// has to remember to, and TestEveryCommandDeclaresFormats holds new
// commands to it.
func withFormats(cmd *cobra.Command, formats ...string) *cobra.Command {
	if cmd.Annotations == nil {
		cmd.Annotations = map[string]string{}
	}
	cmd.Annotations[formatsAnnotation] = strings.Join(formats, ",")
	return cmd
}

// formatsOf returns the formats cmd declared, or nil.
func formatsOf(cmd *cobra.Command) []string {
	s := cmd.Annotations[formatsAnnotation]
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

// checkFormat is the root's PersistentPreRunE: it rejects a --format the
// running command did not declare (exit 2) and sets the default, the
// command's first format, when --format is not given. A command that
// declares nothing (completion, help) takes text only.
//
// No subcommand may set its own PersistentPreRunE: cobra runs only the
// nearest one, which would skip this check.
func (a *app) checkFormat(cmd *cobra.Command, _ []string) error {
	formats := formatsOf(cmd)
	if formats == nil {
		formats = []string{"text"}
	}
	if !cmd.Flags().Changed("format") {
		a.format = formats[0]
		return nil
	}
	if !slices.Contains(formats, a.format) {
		return usagef("%s: unsupported --format %q (want one of %s)", cmd.CommandPath(), a.format, strings.Join(formats, ", "))
	}
	return nil
}
