package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSchemaGenRefusesClash: two documents named m.md in different
// directories both generate m.schema.json; gen -o fails with exit 2 and
// names both sources rather than writing one over the other.
func TestSchemaGenRefusesClash(t *testing.T) {
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
	out := filepath.Join(t.TempDir(), "out")
	code, _, stderr := runCLI(t, "schema", "gen", filepath.Join(dir, "a"), filepath.Join(dir, "b"), "-o", out)
	if code != 2 || !strings.Contains(stderr, "m.schema.json: generated from both") {
		t.Errorf("gen with clashing names: exit %d, stderr %q; want exit 2 naming m.schema.json", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "m.schema.json")); err == nil {
		t.Errorf("m.schema.json written despite the clash")
	}
}
