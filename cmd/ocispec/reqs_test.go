package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ocispec/ocispec/internal/testgit"

	"go.yaml.in/yaml/v3"
)

const reqsFixtures = "../../reqs/testdata/reqs"

type reqsJSON struct {
	Requirements []map[string]any `json:"requirements" yaml:"requirements"`
	Edges        []map[string]any `json:"edges" yaml:"edges"`
}

// Covers: requirements.md#requirement-graph-json
func TestReqsFormats(t *testing.T) {
	v1 := reqsFixtures + "/v1.md"
	tests := []struct {
		format string
		check  func(t *testing.T, out string)
	}{
		{"text", func(t *testing.T, out string) {
			if !strings.Contains(out, v1+":9:9: fetching-widgets-") || !strings.HasSuffix(out, "14 requirements (7 MUST, 3 SHOULD, 4 MAY)\n") {
				t.Errorf("text output:\n%s", out)
			}
		}},
		{"json", func(t *testing.T, out string) {
			var g reqsJSON
			if err := json.Unmarshal([]byte(out), &g); err != nil {
				t.Fatal(err)
			}
			if len(g.Requirements) != 14 || len(g.Edges) == 0 {
				t.Fatalf("%d requirements, %d edges", len(g.Requirements), len(g.Edges))
			}
			for _, key := range []string{"id", "keyword", "level", "actor", "role", "property", "conditional", "text", "file", "line", "column", "section", "sectionPath", "refs"} {
				if _, ok := g.Requirements[0][key]; !ok {
					t.Errorf("requirement has no %q", key)
				}
			}
			if g.Requirements[0]["file"] != v1 {
				t.Errorf("file %v, want %s (relative to the current directory)", g.Requirements[0]["file"], v1)
			}
			if strings.Contains(out, `\u003c`) {
				t.Error("JSON escapes < and >")
			}
		}},
		{"yaml", func(t *testing.T, out string) {
			var g reqsJSON
			if err := yaml.Unmarshal([]byte(out), &g); err != nil {
				t.Fatal(err)
			}
			if len(g.Requirements) != 14 || g.Requirements[5]["id"] != "fetch-digest" {
				t.Errorf("yaml: %d requirements, sixth %v", len(g.Requirements), g.Requirements[5]["id"])
			}
		}},
		{"markdown", func(t *testing.T, out string) {
			if !strings.Contains(out, "## "+v1+" › widget-properties") || !strings.Contains(out, "| `fetch-digest` | SHOULD | content | depot |") {
				t.Errorf("markdown output:\n%s", out)
			}
		}},
		{"dot", func(t *testing.T, out string) {
			if !strings.HasPrefix(out, "digraph requirements {") || !strings.Contains(out, "label=refines") || !strings.HasSuffix(out, "}\n") {
				t.Errorf("dot output:\n%s", out)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			code, out, stderr := runCLI(t, "reqs", "--format", tt.format, v1)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			tt.check(t, out)
		})
	}
}

// Covers: error-messages-fd6df4
func TestReqsErrors(t *testing.T) {
	tests := []struct {
		args     []string
		inStderr string
	}{
		{[]string{"reqs", "--format", "sarif", reqsFixtures}, "unsupported --format"},
		{[]string{"reqs", "no/such/file.md"}, "no/such/file.md"},
		{[]string{"reqs", "diff", reqsFixtures + "/v1.md"}, "want OLD and NEW"},
		{[]string{"reqs", "diff", "--format", "dot", "a", "b"}, "unsupported --format"},
		{[]string{"reqs", "diff", reqsFixtures + "/v1.md", "missing.md"}, "missing.md"},
		{[]string{"reqs", "diff", "--git", "..HEAD"}, "want REV1..REV2"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, _, stderr := runCLI(t, tt.args...)
			if code != 2 || !strings.Contains(stderr, tt.inStderr) {
				t.Errorf("exit %d, stderr %q; want exit 2 and %q", code, stderr, tt.inStderr)
			}
		})
	}
}

type diffJSON struct {
	Added   []map[string]any `json:"added"`
	Removed []map[string]any `json:"removed"`
	Changed []struct {
		Old, New map[string]any
		Kind     string
	} `json:"changed"`
	Unchanged int `json:"unchanged"`
}

func decodeDiff(t *testing.T, out string) diffJSON {
	t.Helper()
	var d diffJSON
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	return d
}

// Covers: requirement-diff-85e904, requirement-diff-ebc7a8
func TestReqsDiffFiles(t *testing.T) {
	code, out, stderr := runCLI(t, "reqs", "diff", "--format", "json", reqsFixtures+"/v1.md", reqsFixtures+"/v2.md")
	if code != 1 {
		t.Fatalf("exit %d (want 1: changes listed): %s", code, stderr)
	}
	d := decodeDiff(t, out)
	kinds := map[string]int{}
	for _, c := range d.Changed {
		kinds[c.Kind]++
	}
	if len(d.Added) != 1 || len(d.Removed) != 0 || kinds["strengthened"] != 2 || kinds["weakened"] != 1 || kinds["reworded"] != 1 || d.Unchanged != 10 {
		t.Errorf("diff: %d added, %d removed, %v, %d unchanged", len(d.Added), len(d.Removed), kinds, d.Unchanged)
	}

	// Formatting only: exit 0, nothing listed.
	code, out, _ = runCLI(t, "reqs", "diff", reqsFixtures+"/v2.md", reqsFixtures+"/v3.md")
	if code != 0 || !strings.HasPrefix(out, "0 added, 0 removed, 0 changed") {
		t.Errorf("formatting-only diff: exit %d\n%s", code, out)
	}

	code, out, _ = runCLI(t, "reqs", "diff", "--format", "markdown", reqsFixtures+"/v3.md", reqsFixtures+"/v4.md")
	if code != 1 || !strings.Contains(out, "## Added") || !strings.Contains(out, "## Removed") || !strings.Contains(out, "| reworded | MUST | content | `fetch-digest` |") {
		t.Errorf("markdown diff: exit %d\n%s", code, out)
	}
}

func TestReqsDiffDirs(t *testing.T) {
	dir := t.TempDir()
	for _, v := range []string{"v1", "v2"} {
		src, err := os.ReadFile(filepath.Join(reqsFixtures, v+".md"))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Join(dir, v), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, v, "spec.md"), src, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, out, stderr := runCLI(t, "reqs", "diff", "--format", "json", filepath.Join(dir, "v1"), filepath.Join(dir, "v2"))
	if code != 1 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if d := decodeDiff(t, out); len(d.Added) != 1 || len(d.Changed) != 4 {
		t.Errorf("directory diff: %+v", d)
	}
}

// Covers: requirement-diff-1a2620
func TestReqsDiffGit(t *testing.T) {
	testgit.Require(t)
	dir := t.TempDir()
	gitRun := func(args ...string) { t.Helper(); testgit.Run(t, dir, args...) }
	put := func(version string) {
		t.Helper()
		src, err := os.ReadFile(filepath.Join(reqsFixtures, version+".md"))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Join(dir, "doc"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "doc", "spec.md"), src, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	gitRun("init", "-q")
	put("v1")
	gitRun("add", ".")
	gitRun("commit", "-q", "-m", "v1")
	put("v2")
	gitRun("commit", "-q", "-am", "v2")
	put("v3") // working tree: formatting changes only
	t.Chdir(dir)

	code, out, stderr := runCLI(t, "reqs", "diff", "--git", "HEAD~1..HEAD", "--format", "json", "doc")
	if code != 1 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	d := decodeDiff(t, out)
	if len(d.Added) != 1 || len(d.Changed) != 4 || d.Unchanged != 10 {
		t.Errorf("git diff: %d added, %d changed, %d unchanged", len(d.Added), len(d.Changed), d.Unchanged)
	}
	if f := d.Added[0]["file"]; f != "HEAD:doc/spec.md" {
		t.Errorf("added file %v, want HEAD:doc/spec.md", f)
	}

	// REV alone: against the working tree, from a subdirectory.
	t.Chdir(filepath.Join(dir, "doc"))
	code, out, stderr = runCLI(t, "reqs", "diff", "--git", "HEAD", ".")
	if code != 0 || !strings.Contains(out, "0 added, 0 removed, 0 changed") {
		t.Errorf("working tree diff: exit %d\n%s%s", code, out, stderr)
	}

	// A path that matches nothing must not pass as "no change".
	t.Chdir(dir)
	code, out, stderr = runCLI(t, "reqs", "diff", "--git", "HEAD~1..HEAD", "nosuchdir")
	if code != 2 || !strings.Contains(stderr, "nosuchdir") {
		t.Errorf("path matching nothing: exit %d\n%s%s", code, out, stderr)
	}

	code, _, stderr = runCLI(t, "reqs", "diff", "--git", "nosuchrev..HEAD", ".")
	if code != 2 || !strings.Contains(stderr, "nosuchrev") {
		t.Errorf("bad revision: exit %d, %s", code, stderr)
	}
}

// TestReqsSpecSetName: an argument naming a configured spec set selects it.
func TestReqsSpecSetName(t *testing.T) {
	code, out, stderr := runCLI(t, "--config", "../../ocispec.yaml", "reqs", "--format", "json", "widget-spec")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var g reqsJSON
	if err := json.Unmarshal([]byte(out), &g); err != nil {
		t.Fatal(err)
	}
	if len(g.Requirements) < 60 {
		t.Fatalf("%d requirements in the example spec, want at least 60", len(g.Requirements))
	}
	for _, r := range g.Requirements {
		if f, _ := r["file"].(string); !strings.HasPrefix(f, "../../examples/") {
			t.Fatalf("file %q is not relative to the current directory", f)
		}
	}
}

// TestReqsSelection: filters, --exclude, governance files left out of a
// zero-config run unless asked, and a path with no Markdown is exit 2.
//
// Covers: requirement-diff-566bf7, levels-209363
func TestReqsSelection(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"spec.md":       "# Spec\n\nA registry MUST answer.\nClients SHOULD retry.\n",
		"GOVERNANCE.md": "# Governance\n\nMaintainers MUST vote.\n",
		"extra.md":      "# Extra\n\nA runtime MAY NOT start.\n",
	}
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "empty"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	count := func(args ...string) int {
		t.Helper()
		code, out, stderr := runCLI(t, append([]string{"reqs", "--format", "json"}, args...)...)
		if code != 0 {
			t.Fatalf("reqs %v: exit %d: %s", args, code, stderr)
		}
		var g reqsJSON
		if err := json.Unmarshal([]byte(out), &g); err != nil {
			t.Fatal(err)
		}
		return len(g.Requirements)
	}
	tests := []struct {
		args []string
		want int
	}{
		{nil, 3},
		{[]string{"--governance"}, 4},
		{[]string{"GOVERNANCE.md"}, 1}, // named explicitly: asked for
		{[]string{"--exclude", "extra.md"}, 2},
		{[]string{"--role", "registry"}, 1},
		{[]string{"--role", "runtime"}, 1},
		{[]string{"--level", "MUST NOT"}, 1}, // MAY NOT is MUST NOT in effect
		{[]string{"--level", "SHOULD", "--role", "client"}, 1},
	}
	for _, tt := range tests {
		if got := count(tt.args...); got != tt.want {
			t.Errorf("reqs %v: %d requirements, want %d", tt.args, got, tt.want)
		}
	}
	for _, args := range [][]string{{"reqs", "empty"}, {"reqs", "--role", "nobody"}, {"reqs", "diff", "empty", "spec.md"}} {
		if code, _, _ := runCLI(t, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}
