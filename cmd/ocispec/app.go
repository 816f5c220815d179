package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
)

// Exit codes shared by every subcommand.
const (
	exitClean    = 0
	exitFindings = 1
	exitUsage    = 2
)

// app carries the per-invocation state every subcommand needs; there is no
// package-level mutable state.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	configPath     string
	format         string
}

// errFindings reports that the command ran but found problems (exit 1).
var errFindings = errors.New("findings reported")

// usageError marks errors that are the user's input or invocation (exit 2).
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

func (a *app) exitCode(err error) int {
	switch {
	case err == nil:
		return exitClean
	case errors.Is(err, errFindings):
		return exitFindings
	default:
		// One line per problem (a config file may have several), each
		// starting with "ocispec: " as docs/cli.md requires.
		for line := range strings.SplitSeq(strings.TrimRight(err.Error(), "\n"), "\n") {
			fmt.Fprintf(a.stderr, "ocispec: %s\n", line)
		}
		return exitUsage
	}
}

func (a *app) rootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "ocispec",
		Short: "Tools for RFC 2119 specifications written in Markdown",
		Long: `ocispec lints, analyses and publishes RFC 2119 specifications written in
Markdown, first of all the Open Container Initiative specs.

Exit codes: 0 clean, 1 findings, 2 usage or input error.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(a.stdout)
	root.SetErr(a.stderr)
	root.SetIn(a.stdin)
	root.PersistentFlags().StringVar(&a.configPath, "config", "", "workspace config `FILE` (default: ocispec.yaml in the current directory, if present)")
	root.PersistentFlags().StringVar(&a.format, "format", "", "output `FORMAT` (default: the command's first format; text, json, and more where a command supports them)")
	root.PersistentPreRunE = a.checkFormat
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(
		a.lintCmd(),
		a.reqsCmd(),
		a.openapiCmd(),
		a.schemaCmd(),
		a.buildCmd(),
		a.serveCmd(),
		a.certifiedCmd(),
		a.minutesCmd(),
		a.traceCmd(),
		a.versionCmd(),
	)
	a.completionCmd(root)
	return root
}

// completionCmd adds examples to cobra's completion command and makes an
// unknown shell a usage error (exit 2) instead of a help page.
func (a *app) completionCmd(root *cobra.Command) {
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() != "completion" {
			continue
		}
		c.Example = `  ocispec completion bash > /etc/bash_completion.d/ocispec
  ocispec completion zsh > "${fpath[1]}/_ocispec"`
		c.Args = cobra.ArbitraryArgs
		c.RunE = func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usagef("completion: unknown shell %q (want bash, zsh, fish or powershell)", args[0])
			}
			return cmd.Help()
		}
	}
}

// notImplemented is the body of a subcommand whose issue has not landed.
func notImplemented(name string) func(*cobra.Command, []string) error {
	return func(*cobra.Command, []string) error {
		return usagef("%s: not implemented yet", name)
	}
}

// encodeJSON writes v as indented JSON with a final newline.
func encodeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// argsBetween accepts from min to max positional arguments (max < 0: any
// number) and otherwise fails with a usage error that says what the
// command wants, in words: "minutes fmt: want one FILE, got none".
func argsBetween(min, max int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) >= min && (max < 0 || len(args) <= max) {
			return nil
		}
		got := "none"
		if len(args) > 0 {
			got = fmt.Sprintf("%d (%s)", len(args), strings.Join(args, " "))
		}
		return usagef("%s: want %s, got %s", cmd.CommandPath(), what, got)
	}
}

// plural returns "1 fix" or "2 fixes".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// inputErrors joins the input errors of a run (each may itself join
// several, one per bad file), each problem once and in order, as a usage
// error (exit 2); nil when there are none. Commands call it after writing
// the results of the good files.
func inputErrors(errs ...error) error {
	var out []error
	seen := map[string]bool{}
	var add func(err error)
	add = func(err error) {
		var j interface{ Unwrap() []error }
		if errors.As(err, &j) {
			for _, e := range j.Unwrap() {
				add(e)
			}
			return
		}
		if err != nil && !seen[err.Error()] {
			seen[err.Error()] = true
			out = append(out, err)
		}
	}
	for _, err := range errs {
		add(err)
	}
	if len(out) == 0 {
		return nil
	}
	return usageError{errors.Join(out...)}
}
