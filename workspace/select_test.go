package workspace

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// TestSelect: the one choice of spec sets behind lint, reqs, reqs diff and
// build.
//
// Covers: arguments-a652ec, arguments-c28809, arguments-487912, file-location-e5df60
func TestSelect(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	for _, f := range []string{"a/one.md", "b/two.md", "widget/x.md"} {
		if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, []byte("# X\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cfg := "specs:\n  - {name: alpha, files: [a]}\n  - {name: widget, files: [b]}\n"
	if err := os.WriteFile(ConfigFile, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	ws, err := Open("", ".")
	if err != nil {
		t.Fatal(err)
	}
	type got struct {
		Name, Root string
		Files      []string
		Configured bool
	}
	tests := []struct {
		name string
		args []string
		mode SelectMode
		want []got
	}{
		{"no args: every configured set", nil, OneSet, []got{{"alpha", ".", []string{"a"}, true}, {"widget", ".", []string{"b"}, true}}},
		{"a set name", []string{"alpha"}, OneSet, []got{{"alpha", ".", []string{"a"}, true}}},
		{"paths form one set", []string{"a/one.md", "b"}, OneSet, []got{{"a", ".", []string{"a/one.md", "b"}, false}}},
		{"a path wins over a set name", []string{"widget"}, OneSet, []got{{"widget", ".", []string{"widget"}, false}}},
		{"names and paths", []string{"b", "alpha"}, OneSet, []got{{"alpha", ".", []string{"a"}, true}, {"b", ".", []string{"b"}, false}}},
		{"names: a file does not shadow a set", []string{"widget"}, Names, []got{{"widget", ".", []string{"b"}, true}}},
		{"per path: a file", []string{"a/one.md", "b"}, SetPerPath, []got{{"a", "a", []string{"one.md"}, false}, {"b", "b", []string{"."}, false}}},
		{"per path: missing path as typed", []string{"nope/x.md"}, SetPerPath, []got{{"x.md", ".", []string{"nope/x.md"}, false}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var g []got
			for _, in := range ws.Select(tt.args, tt.mode) {
				g = append(g, got{in.Config.Name, in.Root, in.Paths(), in.Configured})
			}
			if !reflect.DeepEqual(g, tt.want) {
				t.Errorf("Select(%q) =\n%+v\nwant\n%+v", tt.args, g, tt.want)
			}
		})
	}
}

// TestLoadAtWorkingTree: the working tree side of reqs diff --git names
// documents relative to the repository top, whatever the input's root.
func TestLoadAtWorkingTree(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.MkdirAll("sub", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("sub/s.md", []byte("# S\n\nIt MUST work.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ws := Infer(".")
	set, err := ws.LoadAt(ws.Select([]string{"sub/s.md"}, OneSet), dir, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Docs) != 1 || set.Docs[0].Path != "sub/s.md" {
		t.Fatalf("docs %v", set.Docs)
	}
}
