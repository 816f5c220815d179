package schema_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ocispec/ocispec/schema"
	"github.com/ocispec/ocispec/specs"
)

const driftProse = `# Gadget

- **` + "`kind`" + `** *string*

  This REQUIRED property is the kind.
  It MUST be one of ` + "`a`, `b`" + `.

- **` + "`size`" + `** *int64*

  This OPTIONAL property is the size.

- **` + "`label`" + `** *string*

  This OPTIONAL property is a label.

- **` + "`parts`" + `** *array of objects*

  This REQUIRED property lists parts.

  - **` + "`name`" + `** *string*

    This REQUIRED property names a part.
`

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestDriftKinds(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"gadget.json": `{"type": "object", "required": ["kind"],
  "properties": {
    "kind": {"type": "string", "enum": ["a", "c"]},
    "size": {"$ref": "defs.json#/definitions/int64"},
    "parts": {"type": "array", "minItems": 1, "items": {"$ref": "defs.json#/definitions/part"}},
    "extra": {"type": "boolean"}
  }}`,
		"defs.json": `{"definitions": {
    "int64": {"type": "integer", "minimum": -9223372036854775808},
    "part": {"type": "object", "properties": {"name": {"type": ["string", "null"]}, "id": {"type": "integer"}}}
  }}`,
	})
	d, err := specs.Parse("gadget.md", []byte(driftProse), specs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := schema.Drift(d, d.Properties, schema.NewStore(dir), "gadget.json")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, x := range r.Differences {
		got = append(got, x.Kind+" "+x.Path)
	}
	want := []string{
		"enum-mismatch /kind",
		"missing-in-schema /label",
		"required-mismatch /parts",
		"required-mismatch /parts[]/name",
		"missing-in-prose /parts[]/id",
		"missing-in-prose /extra",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestDriftBadSchemas(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"broken.json":   "{\n  \"type\": \"object\",\n  \"properties\" {}\n}\n",
		"dangling.json": `{"type": "object", "properties": {"kind": {"$ref": "nowhere.json#/x"}}}`,
	})
	d, err := specs.Parse("gadget.md", []byte(driftProse), specs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := schema.Drift(d, d.Properties, schema.NewStore(dir), "broken.json"); err == nil || !strings.Contains(err.Error(), "broken.json:3:16") {
		t.Errorf("broken schema: %v, want broken.json:3:16", err)
	}
	if _, err := schema.Drift(d, d.Properties, schema.NewStore(dir), "dangling.json"); err == nil || !strings.Contains(err.Error(), `unresolvable $ref "nowhere.json#/x"`) {
		t.Errorf("dangling $ref: %v", err)
	}
}
