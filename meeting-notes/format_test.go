package meetingnotes

import (
	"bytes"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Covers: minutes.md#archive-layout
func TestFormat(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"flattened meeting gets its layout",
			"## May 7, 2026\n**Recording**: https://v.example/x\n### Attendees:\n- A\n- B\n### Notes:\nNotes from the zoom chat:\n00:01:02 A: hi\n00:01:05 B: Replying to \"hi\" hello\nsecond line",
			"## May 7, 2026\n\n**Recording**: https://v.example/x\n\n### Attendees:\n\n- A\n- B\n\n### Notes:\n\nNotes from the zoom chat:\n\n00:01:02\tA:\thi\n00:01:05\tB:\tReplying to \"hi\" hello\nsecond line\n"},
		{"laid-out section is kept, quirks included",
			"## May 7, 2026\n\n### Attendees:\n- A\n -  odd indent\n\n\n## May 1, 2026\n\nCanceled.\n",
			"## May 7, 2026\n\n### Attendees:\n- A\n -  odd indent\n\n\n## May 1, 2026\n\nCanceled.\n"},
		{"single-space chat lines are fixed even in a laid-out section",
			"## May 7, 2026\n\n00:01:02 A: hi\n",
			"## May 7, 2026\n\n00:01:02\tA:\thi\n"},
		{"code block in a flattened section is fenced by blank lines",
			"## May 7, 2026\n### Notes:\n00:01:02 A: look\n```\n## not a heading\n- not a list\n```\n00:01:09 B: ok",
			"## May 7, 2026\n\n### Notes:\n\n00:01:02\tA:\tlook\n\n```\n## not a heading\n- not a list\n```\n\n00:01:09\tB:\tok\n"},
		{"blank line added before a meeting heading",
			"# Archive\n\n## May 7, 2026\n\nCanceled.\n## May 1, 2026\n\nCanceled.\n",
			"# Archive\n\n## May 7, 2026\n\nCanceled.\n\n## May 1, 2026\n\nCanceled.\n"},
		{"trailing blank lines at the end are dropped", "# Archive\n\n\n\n", "# Archive\n"},
		{"CRLF becomes LF", "# Archive\r\n\r\n## May 7, 2026\r\n\r\nCanceled.\r\n", "# Archive\n\n## May 7, 2026\n\nCanceled.\n"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Format("x.md", []byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("Format:\n%q\nwant\n%q", got, tt.want)
			}
			again, err := Format("x.md", got)
			if err != nil || !bytes.Equal(again, got) {
				t.Errorf("Format is not idempotent: %q -> %q (%v)", got, again, err)
			}
		})
	}
}

// TestFormatFixtures checks the fixture in the flattened live layout
// against a golden file and the fixture archive against itself.
func TestFormatFixtures(t *testing.T) {
	live := readFile(t, filepath.Join("testdata", "live.md"))
	out := mustParse(t, "live.md", live).Format()
	golden(t, "live.fmt.md", out)
	assertFormatInvariants(t, "live.md", live)

	arch := readFile(t, filepath.Join("testdata", "archive", "oci-weekly-notes-2025.md"))
	if got := mustParse(t, "archive", arch).Format(); !bytes.Equal(got, arch) {
		t.Errorf("fixture archive does not round-trip:\n%s", got)
	}
}

// TestFormatCorpusRoundTrip: the real archive files are in the archive
// layout already, and come back byte for byte.
func TestFormatCorpusRoundTrip(t *testing.T) {
	dir := filepath.Join(corpusDir(t), "meeting-notes")
	for _, name := range []string{
		"oci-weekly-notes-2024-apr-2025-mar.md",
		"oci-weekly-notes-2025-apr-2026-mar.md",
		"oci-weekly-notes-2025.md",
	} {
		t.Run(name, func(t *testing.T) {
			data := readFile(t, filepath.Join(dir, name))
			got := mustParse(t, name, data).Format()
			if !bytes.Equal(got, data) {
				gl, wl := strings.Split(string(got), "\n"), strings.Split(string(data), "\n")
				for i := range min(len(gl), len(wl)) {
					if gl[i] != wl[i] {
						t.Fatalf("line %d: got %q, want %q", i+1, gl[i], wl[i])
					}
				}
				t.Fatalf("got %d lines, want %d", len(gl), len(wl))
			}
		})
	}
	t.Run("live document", func(t *testing.T) {
		assertFormatInvariants(t, "live", readFile(t, filepath.Join(corpusDir(t), "seeds", "oci-weekly-discussion-hackmd.md")))
	})
}

// assertFormatInvariants checks what Format promises on any input it
// accepts: it is idempotent, it keeps every meeting, and it changes only
// whitespace and blank lines.
func assertFormatInvariants(t testing.TB, name string, data []byte) {
	t.Helper()
	d, err := Parse(name, data)
	if err != nil {
		return
	}
	out := d.Format()
	d2, err := Parse(name, out)
	if err != nil {
		t.Fatalf("formatted output does not parse: %v\n%q", err, out)
	}
	if again := d2.Format(); !bytes.Equal(again, out) {
		t.Fatalf("Format is not idempotent:\n%q\n%q", out, again)
	}
	if len(d2.Meetings) != len(d.Meetings) {
		t.Fatalf("Format changed the number of meetings from %d to %d", len(d.Meetings), len(d2.Meetings))
	}
	for i := range d.Meetings {
		if meetingKey(d.Meetings[i]) != meetingKey(d2.Meetings[i]) {
			t.Fatalf("meeting %d: %q became %q", i, meetingKey(d.Meetings[i]), meetingKey(d2.Meetings[i]))
		}
	}
	src := strings.TrimLeft(string(data), "\ufeff")
	if a, b := canonicalLines(strings.Split(src, "\n")), canonicalLines(strings.Split(string(out), "\n")); !slices.Equal(a, b) {
		t.Fatalf("Format changed more than whitespace:\n%q\n%q", a, b)
	}
}
