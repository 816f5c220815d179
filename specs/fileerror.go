package specs

import (
	"errors"
	"fmt"
	"io/fs"
)

// A FileError is an input file that cannot be read or parsed. It is the
// one error every command reports for a bad file (lint, reqs, build and
// the rest), so identical problems read identically: "path:line:column:
// message", with the path as the user typed it (or as the config lists
// it) and line and column when known. Commands report each FileError,
// go on with the other files, and exit 2 at the end.
type FileError struct {
	Path         string
	Line, Column int
	Err          error
}

func (e *FileError) Error() string {
	switch {
	case e.Line == 0:
		return fmt.Sprintf("%s: %v", e.Path, e.Err)
	case e.Column == 0:
		return fmt.Sprintf("%s:%d: %v", e.Path, e.Line, e.Err)
	}
	return fmt.Sprintf("%s:%d:%d: %v", e.Path, e.Line, e.Column, e.Err)
}

func (e *FileError) Unwrap() error { return e.Err }

// fileError wraps err, a failure to read or stat path, without the
// *fs.PathError's own copy of the (perhaps rewritten) path.
func fileError(path string, err error) *FileError {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return &FileError{Path: path, Err: err}
}

// ReadError returns the FileError for a failure to read the file at path
// (as the user knows it); callers that read files themselves use it so
// that their messages match Load's.
func ReadError(path string, err error) error {
	return fileError(path, err)
}
