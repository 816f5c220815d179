package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// TestReqsProperties: reqs --properties prints the property tree as text
// and JSON, and rejects the graph-only formats.
func TestReqsProperties(t *testing.T) {
	file := filepath.Join("..", "..", "examples", "spec", "descriptor.md")
	code, out, stderr := runCLI(t, "reqs", "--properties", file)
	if code != 0 || !strings.Contains(out, "compat.minHostVersion  string  OPTIONAL") {
		t.Fatalf("text: exit %d, %q, %s", code, out, stderr)
	}
	code, out, _ = runCLI(t, "reqs", "--properties", "--format", "json", file)
	var tree struct {
		Documents []struct {
			Properties []struct{ Name, Path string }
		}
	}
	if err := json.Unmarshal([]byte(out), &tree); code != 0 || err != nil || len(tree.Documents) != 1 || tree.Documents[0].Properties[0].Name != "mediaType" {
		t.Fatalf("json: exit %d, %v, %q", code, err, out)
	}
	if code, _, stderr = runCLI(t, "reqs", "--properties", "--format", "dot", file); code != 2 || !strings.Contains(stderr, "unsupported --format") {
		t.Errorf("dot: exit %d, %s", code, stderr)
	}
}
