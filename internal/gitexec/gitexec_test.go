package gitexec

import (
	"os/exec"
	"strings"
	"testing"
)

func TestOutput(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	dir := t.TempDir()
	if _, err := Output(dir, "init", "-q"); err != nil {
		t.Fatal(err)
	}
	out, err := Output(dir, "rev-parse", "--is-inside-work-tree")
	if err != nil || strings.TrimSpace(string(out)) != "true" {
		t.Fatalf("rev-parse = %q, %v", out, err)
	}
	_, err = Output(dir, "show", "no-such-rev:file")
	if err == nil || !strings.HasPrefix(err.Error(), "git show no-such-rev:file: ") {
		t.Fatalf("error = %v", err)
	}
}
