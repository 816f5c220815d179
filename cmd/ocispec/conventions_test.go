package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// TestJSONOutput: JSON output is one JSON value and a newline, arrays are
// present when empty, and findings are located by file, line and column.
//
// Covers: json-output-d68b9f, json-output-2f0339, json-output-bc8d50
func TestJSONOutput(t *testing.T) {
	writeTree(t, map[string]string{"clean/a.md": cleanDoc, "dirty/a.md": "# Dirty\n\nOne. Two.\n", "plain/a.md": "# Plain\n\nNo keywords here.\n"})
	for _, args := range [][]string{{"lint", "clean"}, {"lint", "dirty"}, {"reqs", "plain"}, {"version"}} {
		_, stdout, _ := runCLI(t, append(args, "--format", "json")...)
		dec := json.NewDecoder(strings.NewReader(stdout))
		var v map[string]any
		if err := dec.Decode(&v); err != nil || !strings.HasSuffix(stdout, "}\n") || dec.More() {
			t.Errorf("%v: not one JSON value and a newline (%v):\n%s", args, err, stdout)
			continue
		}
		for _, key := range map[string][]string{"lint clean": {"findings"}, "reqs plain": {"requirements", "edges"}}[strings.Join(args, " ")] {
			if arr, ok := v[key].([]any); !ok || len(arr) != 0 {
				t.Errorf("%v: %q is %v, want an empty array", args, key, v[key])
			}
		}
	}
	_, stdout, _ := runCLI(t, "lint", "dirty", "--format", "json")
	var out struct{ Findings []map[string]any }
	if err := json.Unmarshal([]byte(stdout), &out); err != nil || len(out.Findings) == 0 {
		t.Fatalf("lint dirty: %v %s", err, stdout)
	}
	for _, key := range []string{"file", "line", "column"} {
		if _, ok := out.Findings[0][key]; !ok {
			t.Errorf("finding has no %q: %v", key, out.Findings[0])
		}
	}
}

// TestErrorMessages: errors go to standard error, start with "ocispec: ",
// and an input error after findings wins (exit 2).
//
// Covers: error-messages-497ef1, exit-status-999ae9
func TestErrorMessages(t *testing.T) {
	writeTree(t, map[string]string{"dirty/a.md": "# Dirty\n\nOne. Two.\n"})
	for _, args := range [][]string{{"lint", "missing-dir"}, {"reqs", "--format", "sarif", "dirty"}, {"nosuchcommand"}, {"lint", "dirty", "missing.md"}} {
		code, stdout, stderr := runCLI(t, args...)
		if code != exitUsage || !strings.HasPrefix(stderr, "ocispec: ") || strings.Contains(stdout, "ocispec: ") {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and an error starting with \"ocispec: \"", args, code, stderr)
		}
	}
}

// TestCommandConventions: every command that writes more than a shell
// script offers text or json, commands that report findings offer both,
// no command redefines a global flag, and a command that has not landed
// says so with exit 2.
//
// Covers: --format-format-7e8588, --format-format-6474d8, commands-296c73, commands-ef2016
func TestCommandConventions(t *testing.T) {
	a := &app{stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}}
	root := a.rootCmd()
	findings := map[string]bool{"ocispec lint": true, "ocispec trace": true, "ocispec reqs diff": true}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, sub := range c.Commands() {
			walk(sub)
		}
		for _, g := range []string{"config", "format"} {
			if c.LocalNonPersistentFlags().Lookup(g) != nil {
				t.Errorf("%s redefines the global flag --%s", c.CommandPath(), g)
			}
		}
		fs := formatsOf(c)
		if fs == nil {
			return
		}
		has := map[string]bool{}
		for _, f := range fs {
			has[f] = true
		}
		if !has["text"] && !has["json"] && !has["yaml"] {
			t.Errorf("%s offers neither text nor json: %v", c.CommandPath(), fs)
		}
		if findings[c.CommandPath()] && (!has["text"] || !has["json"]) {
			t.Errorf("%s reports findings but does not offer both text and json: %v", c.CommandPath(), fs)
		}
	}
	walk(root)
	err := notImplemented("gizmo")(nil, nil)
	if code := a.exitCode(err); code != exitUsage || !strings.Contains(a.stderr.(*bytes.Buffer).String(), "gizmo: not implemented yet") {
		t.Errorf("not implemented: exit %d, stderr %q", code, a.stderr)
	}
}

// TestConfigLocation: without --config, ocispec reads ocispec.yaml of the
// current directory only, never of a parent; relative paths in a config
// are resolved against the config's directory.
//
// Covers: file-location-f73fec, paths-d5af00
func TestConfigLocation(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"ocispec.yaml":   "specs:\n  - {name: a, files: [spec/a.md]}\nbogus: 1\n",
		"sub/b.md":       "# B\n\nClients MUST retry.\n",
		"w/ocispec.yaml": "specs:\n  - {name: a, files: [spec/a.md]}\n",
		"w/spec/a.md":    "# A\n\nServers MUST answer.\n",
	})
	t.Chdir(filepath.Join(dir, "sub"))
	if code, stdout, stderr := runCLI(t, "reqs"); code != 0 || !strings.Contains(stdout, "b.md") {
		t.Errorf("in a subdirectory: exit %d, %q, %q; want the zero-config workspace, not the parent's config", code, stdout, stderr)
	}
	if code, stdout, stderr := runCLI(t, "reqs", "--config", "../w/ocispec.yaml"); code != 0 || !strings.Contains(stdout, "Servers MUST answer") {
		t.Errorf("--config elsewhere: exit %d, %q, %q; want spec/a.md read relative to the config", code, stdout, stderr)
	}
}

// TestTraceConfig: trace.specs names configured spec sets, and results
// files are recognised by content, whatever their names.
//
// Covers: config.md#trace-properties
func TestTraceConfig(t *testing.T) {
	junit, err := os.ReadFile(traceData + "runs/acme/junit.xml")
	if err != nil {
		t.Fatal(err)
	}
	gotest, err := os.ReadFile(traceData + "go-test.json")
	if err != nil {
		t.Fatal(err)
	}
	spec, err := os.ReadFile(traceData + "spec/gadget.md")
	if err != nil {
		t.Fatal(err)
	}
	writeTree(t, map[string]string{
		"spec/gadget.md": string(spec),
		"results.json":   string(junit),  // junit, named like JSON
		"go-test.xml":    string(gotest), // go test -json, named like XML
		"ocispec.yaml":   "specs:\n  - {name: gadget, files: [spec]}\ntrace:\n  specs: [gadget]\n  results: [results.json, go-test.xml]\n",
		"bad.yaml":       "specs:\n  - {name: gadget, files: [spec]}\ntrace:\n  specs: [gizmo]\n",
	})
	code, stdout, stderr := runCLI(t, "trace", "--format", "json")
	var rep struct{ Runs []struct{ Format string } }
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil || code != 0 || len(rep.Runs) != 2 {
		t.Fatalf("exit %d, %v, %s", code, err, stderr)
	}
	if rep.Runs[0].Format != "junit/ginkgo-v2" || rep.Runs[1].Format != "go-test-json" {
		t.Errorf("formats %+v", rep.Runs)
	}
	if code, _, stderr := runCLI(t, "trace", "--config", "bad.yaml"); code != exitUsage || !strings.Contains(stderr, `bad.yaml:4:11: trace.specs: no spec set is named "gizmo"`) {
		t.Errorf("unknown trace.specs: exit %d, %q", code, stderr)
	}
}

// TestOptionsOfOffRules: the options of a rule switched off are still
// checked, so switching it back on never reveals a broken config.
//
// Covers: lint-properties-68964e
func TestOptionsOfOffRules(t *testing.T) {
	writeTree(t, map[string]string{
		"a.md":         cleanDoc,
		"ocispec.yaml": "specs:\n  - {name: a, files: [a.md]}\nlint:\n  rules:\n    rfc-link: \"off\"\n  options:\n    rfc-link:\n      bogus: true\n",
	})
	if code, _, stderr := runCLI(t, "lint"); code != exitUsage || !strings.Contains(stderr, `ocispec.yaml:8:7: lint.options.rfc-link: rule rfc-link has no option "bogus"`) {
		t.Errorf("exit %d, %q", code, stderr)
	}
}
