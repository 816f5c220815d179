package schema

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ocispec/ocispec/specs"
)

// TestCheckFiles: two documents of one name in different directories
// generate the same schema file name; CheckFiles names both sources
// instead of letting the second schema overwrite the first.
func TestCheckFiles(t *testing.T) {
	set := loadTestSet(t, map[string]string{
		"a/m.md": "# One\n\n- **`x`** *string*\n\n  This REQUIRED property is x.\n",
		"b/m.md": "# Two\n\n- **`y`** *int*\n\n  This REQUIRED property is y.\n",
		"c/n.md": "# Three\n\n- **`z`** *int*\n\n  This REQUIRED property is z.\n",
	})
	gen := GenerateSet(set)
	if len(gen) != 3 {
		t.Fatalf("%d schemas, want 3", len(gen))
	}
	err := CheckFiles(gen)
	if err == nil || !strings.Contains(err.Error(), "m.schema.json: generated from both a/m.md:3 and b/m.md:3") {
		t.Fatalf("CheckFiles = %v, want the clash of m.schema.json named", err)
	}
	if err := CheckFiles(gen[1:]); err != nil {
		t.Errorf("distinct names: %v", err)
	}
}

// loadTestSet writes files (slash paths to content) under a temporary
// directory and loads them as one set.
func loadTestSet(t *testing.T, files map[string]string) *specs.Set {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	set, err := specs.Load(dir, []string{"."}, specs.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return set
}
