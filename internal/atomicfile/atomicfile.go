// Package atomicfile replaces a file's content so that a reader, or a
// crash, sees the old content or the new, never a mix: lint --fix, the
// meeting-notes archiver and the site build all write user files this way.
package atomicfile

import (
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
)

// Write writes data to a temporary file in path's directory, syncs it,
// renames it over path and syncs the directory. An existing file keeps its
// permissions; a new one gets perm. beforeRename, if not nil, runs between
// the sync and the rename, and an error from it aborts the write; tests use
// it to interrupt a write at its most delicate point. On error the
// temporary file is removed and path is untouched.
func Write(path string, data []byte, perm fs.FileMode, beforeRename func(tmp, path string) error) error {
	return write(path, data, perm, beforeRename)
}

// Replace is Write without the syncs, for generated output that a rebuild
// recreates (the site's pages): a reader still never sees half a file, but
// after a crash the newest content may be lost. The temporary file is
// created with perm (less the umask) and an existing file's permissions
// are not kept. Four system calls per file instead of nine: a site of
// hundreds of pages is written in milliseconds instead of seconds.
func Replace(path string, data []byte, perm fs.FileMode) (err error) {
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".tmp-"+strconv.FormatUint(rand.Uint64(), 36))
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		_ = os.Remove(tmp)
	}
	return err
}

func write(path string, data []byte, perm fs.FileMode, beforeRename func(tmp, path string) error) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	if st, err := os.Stat(path); err == nil {
		perm = st.Mode().Perm()
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			_ = f.Close() // may be closed already; the first error matters
			_ = os.Remove(tmp)
		}
	}()
	if _, err = f.Write(data); err != nil {
		return err
	}
	if err = f.Chmod(perm); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if beforeRename != nil {
		if err = beforeRename(tmp, path); err != nil {
			return err
		}
	}
	if err = os.Rename(tmp, path); err != nil {
		return err
	}
	if d, derr := os.Open(dir); derr == nil {
		// Make the rename durable; not every file system can sync a
		// directory, so a failure here is not an error.
		_ = d.Sync()
		_ = d.Close()
	}
	return nil
}
