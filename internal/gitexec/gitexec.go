// Package gitexec runs git for the commands that read history (lint
// --changed, reqs diff --git) and turns its failures into one-line errors.
package gitexec

import (
	"bytes"
	"fmt"
	"os/exec"
	"strings"
)

// Output runs git with args in dir and returns its standard output. On
// failure the error names the git command and carries git's own message.
func Output(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("git %s: %s", strings.Join(args, " "), msg)
	}
	return out, nil
}
