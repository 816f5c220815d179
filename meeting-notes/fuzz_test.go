package meetingnotes

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// seedFuzz adds the fixtures and small inputs that reach every branch of
// the line classifier. The real notes in ../shared are not used as seeds:
// a failing input would be written to testdata/fuzz, copying their text.
func seedFuzz(f *testing.F, fixtures ...string) {
	for _, p := range fixtures {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		"",
		"## May 7, 2026\n",
		"## May 7, 2026\nCanceled.\n## May 1, 2026\n### Notes:\n00:01:02 A: x\n```\n## June 1, 2026\n```\n",
		"# T\n\n## May 7, 2026\n\n### Attendees:\n\n- a\n   - b\n\t- c\n\n## Archived Meeting Notes\n\n## Template\n",
		"## May 7, 2026\n- x:\n- <https://a>\n- [b](c)\n- y\n* z\n1. n\n",
		"\ufeff## May 7, 2026\r\n~~~\r\n## x\r\n~~~~\r\n",
		"## May 7, 2026\n### Notes:\n00:00:01 A: Replying to \"\"q\"...\" \"r\"\n",
	} {
		f.Add([]byte(s))
	}
}

// FuzzParseLive feeds the parser live-notes-like input: it must never
// panic; whatever it accepts must format idempotently, keep every meeting
// and every non-blank line (up to whitespace), and archive losslessly and
// idempotently.
func FuzzParseLive(f *testing.F) {
	seedFuzz(f, filepath.Join("testdata", "live.md"))
	f.Fuzz(func(t *testing.T, data []byte) {
		assertFormatInvariants(t, "live.md", data)
		if _, err := Parse("live.md", data); err != nil {
			return
		}
		ws := newWorkspace(t, data, "")
		before, total := ws.meetings(t)
		a := Archiver{Before: time.Date(2026, time.April, 1, 0, 0, 0, 0, time.UTC), WriteBack: true}
		p, err := ws.run(a, AtomicWriter{})
		if err != nil {
			// Refusing is allowed (say, two meetings with one heading);
			// writing anything while refusing is not.
			if got := readFile(t, ws.notes); !bytes.Equal(got, data) {
				t.Fatalf("failed run (%v) changed the notes", err)
			}
			return
		}
		assertNothingLost(t, before, ws)
		if _, after := ws.meetings(t); after != total-len(p.Already) {
			t.Fatalf("%d meetings after archiving, want %d", after, total-len(p.Already))
		}
		snap := ws.snapshot(t)
		if _, err := ws.run(a, AtomicWriter{}); err != nil {
			t.Fatalf("second run: %v", err)
		}
		if again := ws.snapshot(t); len(again) != len(snap) || !sameFiles(again, snap) {
			t.Fatal("second archive run changed files")
		}
	})
}

// FuzzParseArchive feeds the parser archive-like input: no panic, and
// Format is idempotent and lossless on anything accepted; an input already
// in the archive layout (Format(x) == x) must come back byte for byte.
func FuzzParseArchive(f *testing.F) {
	seedFuzz(f, filepath.Join("testdata", "archive", "oci-weekly-notes-2025.md"), filepath.Join("testdata", "golden", "archive-calendar-oci-weekly-notes-2026.md"))
	f.Fuzz(func(t *testing.T, data []byte) {
		assertFormatInvariants(t, "archive.md", data)
		out, err := Format("archive.md", data)
		if err != nil {
			return
		}
		if again, err := Format("archive.md", out); err != nil || !bytes.Equal(again, out) {
			t.Fatalf("formatted archive does not round-trip: %v", err)
		}
		BuildIndex(mustParse(t, "archive.md", out)) // must not panic
	})
}

func sameFiles(a, b map[string]string) bool {
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
