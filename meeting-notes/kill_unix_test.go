//go:build unix

package meetingnotes

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// Environment of the helper process of TestArchiveKilled.
const (
	envKillNotes = "OCISPEC_MINUTES_KILL_NOTES"
	envKillDir   = "OCISPEC_MINUTES_KILL_DIR"
	envKillAt    = "OCISPEC_MINUTES_KILL_AT"
)

// TestArchiveKilledHelper is not a test: run by TestArchiveKilled as a
// subprocess, it archives and SIGKILLs itself during the Nth file write,
// after the temporary file is written and before the rename.
func TestArchiveKilledHelper(t *testing.T) {
	notes := os.Getenv(envKillNotes)
	if notes == "" {
		t.Skip("helper process for TestArchiveKilled")
	}
	at, _ := strconv.Atoi(os.Getenv(envKillAt))
	ws := workspace{notes: notes, dir: os.Getenv(envKillDir)}
	n := 0
	w := AtomicWriter{BeforeRename: func(string, string) error {
		n++
		if n == at {
			_ = syscall.Kill(os.Getpid(), syscall.SIGKILL)
			select {} // the signal is delivered asynchronously
		}
		return nil
	}}
	if _, err := ws.run(Archiver{Before: cutoff, Period: PeriodCalendar, WriteBack: true}, w); err != nil {
		t.Fatal(err)
	}
}

// TestArchiveKilled kills a real archive process mid-write at each of its
// writes and shows that nothing was lost and that a rerun completes the
// archive exactly as an uninterrupted run does.
func TestArchiveKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	ref := fixtureWorkspace(t)
	if _, err := ref.run(Archiver{Before: cutoff, Period: PeriodCalendar, WriteBack: true}, AtomicWriter{}); err != nil {
		t.Fatal(err)
	}
	want := ref.snapshot(t)
	for at := 1; at <= 3; at++ { // two archive files, then the notes
		t.Run(fmt.Sprintf("killed in write %d", at), func(t *testing.T) {
			ws := fixtureWorkspace(t)
			before, _ := ws.meetings(t)
			cmd := exec.Command(os.Args[0], "-test.run=^TestArchiveKilledHelper$", "-test.count=1")
			cmd.Env = append(os.Environ(), envKillNotes+"="+ws.notes, envKillDir+"="+ws.dir, envKillAt+"="+strconv.Itoa(at))
			out, err := cmd.CombinedOutput()
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
				t.Fatalf("helper was not killed: %v\n%s", err, out)
			}
			if !hasTemp(ws) {
				t.Error("the kill left no temporary file: it did not happen mid-write")
			}
			assertNothingLost(t, before, ws)
			a := Archiver{Before: cutoff, Period: PeriodCalendar, WriteBack: true}
			if _, err := ws.run(a, AtomicWriter{}); err != nil {
				t.Fatalf("rerun: %v", err)
			}
			if got := ws.snapshot(t); fmt.Sprint(got) != fmt.Sprint(want) {
				t.Error("rerun after the kill does not reach the uninterrupted result")
			}
			assertNoTemps(t, ws)
		})
	}
}

// hasTemp reports whether a write left a temporary file in the workspace.
func hasTemp(ws workspace) bool {
	for _, dir := range []string{filepath.Dir(ws.notes), ws.dir} {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if strings.Contains(e.Name(), ".tmp-") {
				return true
			}
		}
	}
	return false
}
