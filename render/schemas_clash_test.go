package render

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSchemasPageClash: a/m.md and b/m.md both generate m.schema.json;
// the site keeps a's schema and warns about b's instead of publishing
// b's schema over a's with both listed on the page.
func TestSchemasPageClash(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"a/m.md": "# One\n\n- **`x`** *string*\n\n  This REQUIRED property is x.\n",
		"b/m.md": "# Two\n\n- **`y`** *int*\n\n  This REQUIRED property is y.\n",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	list := []Spec{{Name: "s", Title: "S", Set: loadSet(t, dir)}}
	out := t.TempDir()
	sum, err := Site(list, Options{Output: out, Features: SchemaFeatures(list)})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(sum.Warnings, "\n"), "b/m.md:3: schema m.schema.json is not published: a/m.md:3") {
		t.Errorf("warnings %q: want the clash of m.schema.json", sum.Warnings)
	}
	data, err := os.ReadFile(filepath.Join(out, "schemas", "s", "m.schema.json"))
	if err != nil || !strings.Contains(string(data), `"x"`) {
		t.Errorf("m.schema.json is not a/m.md's schema: %v %s", err, data)
	}
}
