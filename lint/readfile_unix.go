//go:build unix

package lint

import (
	"io/fs"
	"syscall"
)

// readFile reads a whole file with plain system calls: open, fstat, read
// and close. os.Open also registers a file with the runtime's poller (four
// fcntl calls and an epoll_ctl that fails for regular files), which is
// most of the system time of linting thousands of small files.
func readFile(buf []byte, name string) ([]byte, error) {
	fd, err := openRetry(name)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	defer syscall.Close(fd) //nolint:errcheck // read-only: a close error loses nothing
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: err}
	}
	if st.Mode&syscall.S_IFMT == syscall.S_IFDIR {
		return nil, &fs.PathError{Op: "read", Path: name, Err: syscall.EISDIR}
	}
	start, size := len(buf), int(st.Size)
	if size > 0 && cap(buf)-start < size+1 {
		buf = append(make([]byte, 0, start+size+512), buf...)
	}
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := syscall.Read(fd, buf[len(buf):cap(buf)])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: name, Err: err}
		}
		if n == 0 {
			return buf, nil
		}
		buf = buf[:len(buf)+n]
		if len(buf)-start == size {
			// Read as much as fstat said: skip the system call that would
			// only report the end of the file.
			return buf, nil
		}
	}
}

// openRetry opens name read-only, retrying when a signal interrupts the
// call (the Go runtime preempts with signals).
func openRetry(name string) (int, error) {
	for {
		fd, err := syscall.Open(name, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if err != syscall.EINTR {
			return fd, err
		}
	}
}
