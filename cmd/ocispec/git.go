package main

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/ocispec/ocispec/internal/gitexec"
)

// gitTop returns the top directory of the git repository holding dir, or
// a usage error that says so in words (not git's command line).
func gitTop(flag, dir string) (string, error) {
	out, err := gitexec.Output(dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return "", usagef("%s: %s is not in a git repository", flag, displayDir(dir))
	}
	return strings.TrimSpace(string(out)), nil
}

// checkRevision fails with a usage error when rev names no commit.
func checkRevision(flag, dir, rev string) error {
	if !isRevision(dir, rev) {
		return usagef("%s: %q is not a revision of the git repository in %s", flag, rev, displayDir(dir))
	}
	return nil
}

// isRevision reports whether rev names a commit in the repository of dir.
func isRevision(dir, rev string) bool {
	if rev == "" || strings.HasPrefix(rev, "-") {
		return false
	}
	_, err := gitexec.Output(dir, "rev-parse", "--verify", "--quiet", rev+"^{commit}")
	return err == nil
}

func displayDir(dir string) string {
	if dir == "" || dir == "." {
		return "the current directory"
	}
	return dir
}

// dirOf returns the directory of path: itself when it is a directory,
// else its parent ("" when it does not exist).
func dirOf(path string) string {
	fi, err := os.Stat(path)
	switch {
	case err != nil:
		return ""
	case fi.IsDir():
		return path
	}
	return filepath.Dir(path)
}
