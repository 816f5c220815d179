package schema_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	imagespec "github.com/opencontainers/image-spec/schema"

	"github.com/ocispec/ocispec/internal/testcorpus"
	"github.com/ocispec/ocispec/schema"
	"github.com/ocispec/ocispec/specs"
)

// TestExamplesImageSpecVerdicts: every media-typed example of image-spec
// gets the verdict image-spec's own validator gives it.
func TestExamplesImageSpecVerdicts(t *testing.T) {
	dir := testcorpus.ModuleDir(t, testcorpus.ImageSpec)
	v := schema.NewValidator()
	total := 0
	for _, f := range testcorpus.Markdown(t, dir) {
		d := parseFile(t, f)
		_, _, findings := v.CheckDocument(d)
		bad := map[int]bool{}
		for _, x := range findings {
			bad[x.Line] = true
		}
		for _, c := range d.CodeBlocks {
			mt := schema.InfoParams(c.Info).Get("mediatype")
			if mt == "" {
				continue
			}
			total++
			theirs := imagespec.Validator(mt).Validate(strings.NewReader(c.Text))
			ours := false
			for l := d.Position(c.Span.Start).Line; l <= d.Position(c.Span.End).Line; l++ {
				ours = ours || bad[l]
			}
			if ours != (theirs != nil) {
				t.Errorf("%s:%d: %s: ours invalid=%v, image-spec's validator: %v", d.Path, d.Position(c.Span.Start).Line, mt, ours, theirs)
			}
		}
	}
	if total < 10 {
		t.Fatalf("only %d media-typed examples found", total)
	}
}

// TestExamplesPlantedError: a wrong value planted in image-spec's
// manifest example is reported at its line, with its JSON pointer.
func TestExamplesPlantedError(t *testing.T) {
	dir := testcorpus.ModuleDir(t, testcorpus.ImageSpec)
	src, err := os.ReadFile(filepath.Join(dir, "manifest.md"))
	if err != nil {
		t.Fatal(err)
	}
	const good = `"size": 7023`
	i := bytes.Index(src, []byte(good))
	if i < 0 {
		t.Fatal("manifest example changed")
	}
	planted := append(append(append([]byte{}, src[:i]...), `"size": "7023"`...), src[i+len(good):]...)
	d, err := specs.Parse("manifest.md", planted, specs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, _, fs := schema.NewValidator().CheckDocument(d)
	want := bytes.Count(src[:i], []byte("\n")) + 1
	if len(fs) != 1 || fs[0].Line != want || fs[0].Pointer != "/config/size" {
		t.Fatalf("findings %+v, want one at line %d, pointer /config/size", fs, want)
	}
	if fs[0].Column != 13 {
		t.Errorf("column %d, want 13 (the value)", fs[0].Column)
	}
}

func TestExamplesFindings(t *testing.T) {
	const mt = "application/vnd.oci.descriptor.v1%2Bjson"
	desc := `{"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": "sha256:5b0bcabd1ed22e9fb1310cf6c2dec7cdef19f0ad69efa1f392e94a4333501270", "size": 7682}`
	tests := []struct {
		name, src string
		valid     int
		line, col int
		pointer   string
		err       string
	}{
		{"valid", "```json,title=D&mediatype=" + mt + "\n" + desc + "\n```\n", 1, 0, 0, "", ""},
		{"syntax error", "# T\n\n```json,title=D&mediatype=" + mt + "\n{\n  \"size\": 1,\n  \"digest\" \"x\"\n}\n```\n", 0, 6, 12, "", "invalid JSON"},
		{"indented in a list", "- item\n\n  ```json,mediatype=" + mt + "\n  {\n    \"mediaType\": \"a/b\", \"digest\": \"sha256:5b0bcabd1ed22e9fb1310cf6c2dec7cdef19f0ad69efa1f392e94a4333501270\",\n    \"size\": \"big\"\n  }\n  ```\n", 0, 6, 13, "/size", "want integer"},
		{"counter-example failing as documented", "```json,mediatype=" + mt + "&expect=invalid\n{}\n```\n", 1, 0, 0, "", ""},
		{"counter-example that passes", "```json,mediatype=" + mt + "&expect=invalid\n" + desc + "\n```\n", 0, 1, 1, "", "counter-example"},
		{"unknown media type", "```json,mediatype=application/x-unknown%2Bjson\n{}\n```\n", 0, 1, 1, "", "no schema for media type application/x-unknown+json"},
		{"not media-typed", "```json\n{\n```\n", 0, 0, 0, "", ""},
	}
	v := schema.NewValidator()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := specs.Parse("e.md", []byte(tt.src), specs.Options{})
			if err != nil {
				t.Fatal(err)
			}
			_, valid, fs := v.CheckDocument(d)
			if valid != tt.valid {
				t.Errorf("valid = %d, want %d (%+v)", valid, tt.valid, fs)
			}
			checkFinding(t, fs, tt.line, tt.col, tt.pointer, tt.err)
		})
	}
}

// checkFinding wants no finding when line is 0, else exactly one there.
func checkFinding(t *testing.T, fs []schema.ExampleFinding, line, col int, pointer, msg string) {
	t.Helper()
	if line == 0 {
		if len(fs) != 0 {
			t.Errorf("findings %+v, want none", fs)
		}
		return
	}
	if len(fs) != 1 {
		t.Fatalf("findings %+v, want one", fs)
	}
	f := fs[0]
	if f.Line != line || f.Column != col || f.Pointer != pointer || !strings.Contains(f.Error, msg) {
		t.Errorf("got %d:%d %q %q, want %d:%d %q containing %q", f.Line, f.Column, f.Pointer, f.Error, line, col, pointer, msg)
	}
}

// TestMappedSchemaErrors: a mapped schema that does not parse is an error
// naming its file, line and column; one whose $ref dangles is a finding
// at each example of its media type, and the other examples are checked.
func TestMappedSchemaErrors(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"broken.json":   "{\n  \"type\": \"object\",\n  \"properties\" {}\n}\n",
		"dangling.json": `{"$ref": "missing.json"}`,
	})
	_, err := schema.NewSetValidator(nil, map[string]string{"x/broken": filepath.Join(dir, "broken.json")})
	if err == nil || !strings.Contains(err.Error(), "broken.json:3:16") {
		t.Errorf("broken schema: %v", err)
	}
	v, err := schema.NewSetValidator(nil, map[string]string{"x/dangling": filepath.Join(dir, "dangling.json")})
	if err != nil {
		t.Fatal(err)
	}
	src := "```json,mediatype=x/dangling\n{}\n```\n\n```json,mediatype=application/vnd.oci.descriptor.v1%2Bjson\n{}\n```\n"
	d, err := specs.Parse("e.md", []byte(src), specs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	n, valid, fs := v.CheckDocument(d)
	if n != 2 || valid != 0 || len(fs) != 2 || fs[0].Line != 1 || !strings.Contains(fs[0].Error, "schema for x/dangling") || fs[1].Line != 6 {
		t.Errorf("got %d examples, %d valid, %+v", n, valid, fs)
	}
}
