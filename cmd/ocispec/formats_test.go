package main

import (
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// TestEveryCommandDeclaresFormats: a runnable command without declared
// formats would accept only text silently; new commands must say.
func TestEveryCommandDeclaresFormats(t *testing.T) {
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, sub := range c.Commands() {
			walk(sub)
		}
		switch {
		case !c.Runnable(), c.Name() == "help", c.Parent() != nil && c.Parent().Name() == "completion", c.Name() == "completion":
			return
		}
		if formatsOf(c) == nil {
			t.Errorf("%s declares no formats (use withFormats)", c.CommandPath())
		}
	}
	walk((&app{}).rootCmd())
}

// TestFormatRejected: the root rejects a format the command did not
// declare, for every command, before the command runs.
//
// Covers: --format-format-44673c, --format-format-ccce3f
//
// Covers: output-c21f58
func TestFormatRejected(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"minutes", "fmt", "--format", "sarif", "../../examples/minutes/notes.md"}, `ocispec minutes fmt: unsupported --format "sarif" (want one of text)`},
		{[]string{"--format", "sarif", "minutes", "parse", "../../examples/minutes/notes.md"}, `unsupported --format "sarif" (want one of text, json)`},
		{[]string{"reqs", "diff", "--format", "dot", "../../examples/spec/spec.md", "../../examples/spec/spec.md"}, `ocispec reqs diff: unsupported --format "dot"`},
		{[]string{"completion", "bash", "--format", "json"}, `unsupported --format "json" (want one of text)`},
		{[]string{"openapi", "--format", "text", "../../examples/spec/api.md"}, `(want one of yaml, json)`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, stdout, stderr := runCLI(t, tt.args...)
			if code != exitUsage || !strings.Contains(stderr, tt.want) || stdout != "" {
				t.Fatalf("exit %d, %d bytes on stdout, stderr %q; want exit 2, no output and %q", code, len(stdout), stderr, tt.want)
			}
		})
	}
}

// TestFormatDefault: without --format a command uses its first declared
// format (openapi's is yaml, not text: issue 12 writes YAML by default).
func TestFormatDefault(t *testing.T) {
	code, stdout, _ := runCLI(t, "version")
	if code != 0 || !strings.HasPrefix(stdout, "ocispec ") {
		t.Fatalf("version: exit %d, %q", code, stdout)
	}
	a := &app{}
	root := a.rootCmd()
	c, _, err := root.Find([]string{"openapi"})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.checkFormat(c, nil); err != nil || a.format != "yaml" {
		t.Fatalf("openapi default format %q, %v; want yaml", a.format, err)
	}
}
