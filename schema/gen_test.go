package schema_test

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"slices"
	"sort"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/ocispec/ocispec/internal/golden"
	"github.com/ocispec/ocispec/internal/testcorpus"
	"github.com/ocispec/ocispec/schema"
	"github.com/ocispec/ocispec/specs"
)

// TestGenerateOfficialTopLevel: the schemas generated for image-spec's
// manifest, index, descriptor and config have exactly the top-level
// property sets of the official schemas.
func TestGenerateOfficialTopLevel(t *testing.T) {
	dir := testcorpus.ModuleDir(t, testcorpus.ImageSpec)
	store := schema.NewStore(filepath.Join(dir, "schema"))
	for _, c := range ociObjects[:4] {
		t.Run(c.golden, func(t *testing.T) {
			d := parseFile(t, filepath.Join(dir, c.md))
			gen := schema.GenerateDoc(d, nil)
			if len(gen) == 0 {
				t.Fatal("no schema generated")
			}
			props, _ := gen[0].Schema.(*schema.Ordered).Get("properties")
			got := props.(*schema.Ordered).Keys()
			official, err := store.Load(c.schema)
			if err != nil {
				t.Fatal(err)
			}
			var want []string
			for name := range store.Properties(official) {
				want = append(want, name)
			}
			sort.Strings(got)
			sort.Strings(want)
			if !slices.Equal(got, want) {
				t.Errorf("generated %v\nofficial  %v", got, want)
			}
		})
	}
}

// generatedSets are documents whose generated schemas must compile.
func generatedSets(t *testing.T) map[string]*specs.Set {
	t.Helper()
	img := testcorpus.ModuleDir(t, testcorpus.ImageSpec)
	rt := testcorpus.ModuleDir(t, testcorpus.RuntimeSpec)
	out := map[string]*specs.Set{}
	for name, c := range map[string]struct {
		dir   string
		files []string
	}{
		"image-spec":   {img, []string{"descriptor.md", "manifest.md", "image-index.md", "config.md", "image-layout.md"}},
		"runtime-spec": {rt, []string{"config.md", "config-linux.md", "config-windows.md", "config-vm.md"}},
		"widget":       {filepath.Join("..", "examples", "spec"), []string{"spec.md", "media-types.md", "descriptor.md", "manifest.md", "api.md"}},
	} {
		set, err := specs.Load(c.dir, c.files, specs.LoadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		out[name] = set
	}
	return out
}

// TestGeneratedSchemasCompile compiles every generated schema with
// jsonschema v6 (2020-12), $refs between them resolved.
func TestGeneratedSchemasCompile(t *testing.T) {
	for name, set := range generatedSets(t) {
		t.Run(name, func(t *testing.T) {
			gen := schema.GenerateSet(set)
			if len(gen) < 3 {
				t.Errorf("only %d schemas generated", len(gen))
			}
			c := compilerOf(t, gen)
			for _, g := range gen {
				if _, err := c.Compile("https://example.invalid/" + g.File); err != nil {
					t.Errorf("%s (%s): %v", g.File, g.Source, err)
				}
			}
		})
	}
}

// compilerOf returns a compiler holding the generated schemas.
func compilerOf(t *testing.T, gen []schema.Generated) *jsonschema.Compiler {
	t.Helper()
	c := jsonschema.NewCompiler()
	for _, g := range gen {
		data, err := json.Marshal(g.Schema)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		if err := c.AddResource("https://example.invalid/"+g.File, doc); err != nil {
			t.Fatal(err)
		}
	}
	return c
}

// TestGenerateGolden keeps the schemas generated for the example spec:
// types, required, const, enum, pattern, $ref, additionalProperties and
// x-ocispec-line.
func TestGenerateGolden(t *testing.T) {
	set := generatedSets(t)["widget"]
	data, err := json.MarshalIndent(schema.GenerateSet(set), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("testdata", "gen", "widget.json"), append(data, '\n'))
}

// TestExamplesWorkspace: the examples of the example spec validate (the
// release list through the workspace's schema.mediaTypes mapping), and
// the deliberately faulty fixture under examples/invalid shows its finding
// at the bad value.
func TestExamplesWorkspace(t *testing.T) {
	set := generatedSets(t)["widget"]
	mts := map[string]string{"application/json": filepath.Join("..", "examples", "schemas", "release-list.schema.json")}
	v, err := schema.NewSetValidator(schema.GenerateSet(set), mts)
	if err != nil {
		t.Fatal(err)
	}
	r := v.CheckSets(set)
	if r.Examples != 5 || r.Valid != 5 || len(r.Invalid) != 0 {
		t.Errorf("example spec: %+v", r)
	}
	bad, err := specs.Load(filepath.Join("..", "examples", "invalid"), []string{"release-note.md"}, specs.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	v, err = schema.NewSetValidator(schema.GenerateSet(bad), nil)
	if err != nil {
		t.Fatal(err)
	}
	r = v.CheckSets(bad)
	if r.Examples != 3 || r.Valid != 2 || len(r.Invalid) != 1 {
		t.Fatalf("invalid fixture: %+v", r)
	}
	f := r.Invalid[0]
	if f.Line != 38 || f.Column != 14 || f.Pointer != "/channel" {
		t.Errorf("finding %+v, want 38:14 at /channel", f)
	}
}

// TestReportSet: the data the site renders for the example spec.
func TestReportSet(t *testing.T) {
	set := generatedSets(t)["widget"]
	r, err := schema.ReportSet(set, map[string]string{"application/json": filepath.Join("..", "examples", "schemas", "release-list.schema.json")})
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, g := range r.Schemas {
		files = append(files, g.File+"@"+g.Source)
	}
	want := []string{"descriptor.schema.json@descriptor.md", "manifest.schema.json@manifest.md", "manifest.widget-config.schema.json@manifest.md", "api.schema.json@api.md", "api.errors.schema.json@api.md"}
	if !slices.Equal(files, want) {
		t.Errorf("schemas %v, want %v", files, want)
	}
	if r.Examples.Examples != 5 || r.Examples.Valid != 5 {
		t.Errorf("examples %+v", r.Examples)
	}
}
