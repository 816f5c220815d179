package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const minutesFixture = "../../meeting-notes/testdata/live.md"

func TestMinutesParseJSON(t *testing.T) {
	code, stdout, stderr := runCLI(t, "minutes", "parse", minutesFixture, "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var got struct {
		Meetings []struct {
			Date       string            `json:"date"`
			Title      string            `json:"title"`
			Canceled   bool              `json:"canceled"`
			Recording  string            `json:"recording"`
			Attendees  []string          `json:"attendees"`
			Actionable []json.RawMessage `json:"actionable"`
			Discussion []json.RawMessage `json:"discussion"`
			Chat       []struct {
				Time, Speaker, Text, ReplyTo string
			} `json:"chat"`
		} `json:"meetings"`
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Meetings) != 7 || got.Meetings[0].Date != "2026-04-16" || len(got.Meetings[0].Chat) != 7 || got.Meetings[0].Chat[2].ReplyTo == "" || !got.Meetings[2].Canceled || got.Meetings[3].Title != "Summit EU" {
		t.Errorf("unexpected JSON: %+v", got)
	}
}

// Covers: zero-configuration-421946
func TestMinutesCommands(t *testing.T) {
	arch := "../../meeting-notes/testdata/archive/oci-weekly-notes-2025.md"
	tests := []struct {
		name     string
		args     []string
		code     int
		inStdout string
		inStderr string
	}{
		{"parse text", []string{"minutes", "parse", minutesFixture}, 0, "2026-04-02  canceled: the spring holiday", ""},
		{"parse unsupported format", []string{"minutes", "parse", minutesFixture, "--format", "markdown"}, 2, "", "unsupported --format"},
		{"parse missing file", []string{"minutes", "parse", "nope.md"}, 2, "", "nope.md"},
		{"fmt archive is unchanged", []string{"minutes", "fmt", "--check", arch}, 0, "", ""},
		{"fmt live needs formatting", []string{"minutes", "fmt", "--check", minutesFixture}, 1, "not in the archive layout", ""},
		{"fmt prints", []string{"minutes", "fmt", minutesFixture}, 0, "00:02:10\tMina Okafor:\tgood morning from the train\n", ""},
		{"archive needs --before", []string{"minutes", "archive", minutesFixture, "--archive-dir", "x"}, 2, "", "--before YYYY-MM-DD is required"},
		{"archive without config", []string{"--config", "../../meeting-notes/testdata/no-minutes.yaml", "minutes", "archive", "--before", "2026-04-01"}, 2, "", "minutes.source is not set"},
		{"links without config", []string{"--config", "../../meeting-notes/testdata/no-minutes.yaml", "minutes", "links"}, 2, "", "neither minutes.source nor minutes.archive"},
		{"archive bad date", []string{"minutes", "archive", minutesFixture, "--archive-dir", "x", "--before", "April 1"}, 2, "", "want YYYY-MM-DD"},
		{"archive bad period", []string{"minutes", "archive", minutesFixture, "--archive-dir", "x", "--before", "2026-04-01", "--period", "fiscal"}, 2, "", "unknown period"},
		{"archive dry run", []string{"minutes", "archive", minutesFixture, "--archive-dir", "../../meeting-notes/testdata/archive", "--before", "2026-04-01", "--dry-run", "--write-back"}, 0, "would write ../../meeting-notes/testdata/archive/oci-weekly-notes-2025.md: +1 meetings (2025-12-18), 3 in total", ""},
		{"links markdown", []string{"minutes", "links", minutesFixture, arch, "--format", "markdown"}, 0, "| [example-oci/sample-spec#40](https://github.com/example-oci/sample-spec/issues/40) | issue | 3 |", ""},
		{"links directory", []string{"minutes", "links", "../../meeting-notes/testdata/archive"}, 0, "example-oci/sample-spec#40", ""},
		{"binary input", []string{"minutes", "parse", "../../meeting-notes/testdata/binary.md"}, 2, "", "binary.md:1:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, tt.args...)
			if code != tt.code || !strings.Contains(stdout, tt.inStdout) || !strings.Contains(stderr, tt.inStderr) {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit %d, stdout with %q, stderr with %q", code, stdout, stderr, tt.code, tt.inStdout, tt.inStderr)
			}
		})
	}
}

// TestMinutesArchiveWriteBack runs the archive command on a copy of the
// fixture, twice: the second run must change nothing.
func TestMinutesArchiveWriteBack(t *testing.T) {
	dir := t.TempDir()
	notes := filepath.Join(dir, "notes.md")
	data, err := os.ReadFile(minutesFixture)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(notes, data, 0o644); err != nil {
		t.Fatal(err)
	}
	archive := filepath.Join(dir, "archive")
	args := []string{"minutes", "archive", notes, "--archive-dir", archive, "--before", "2026-04-01", "--write-back", "--format", "json"}
	code, stdout, stderr := runCLI(t, args...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var sum struct {
		Moved []string `json:"moved"`
		Notes string   `json:"notes"`
	}
	if err := json.Unmarshal([]byte(stdout), &sum); err != nil || len(sum.Moved) != 4 || sum.Notes != notes {
		t.Fatalf("summary %s (%v)", stdout, err)
	}
	before, _ := os.ReadFile(filepath.Join(archive, "oci-weekly-notes-2026.md"))
	code, stdout, stderr = runCLI(t, args[:len(args)-2]...)
	if code != 0 || !strings.Contains(stdout, "nothing to archive") {
		t.Fatalf("second run: exit %d, %s %s", code, stdout, stderr)
	}
	after, _ := os.ReadFile(filepath.Join(archive, "oci-weekly-notes-2026.md"))
	if string(before) != string(after) || len(before) == 0 {
		t.Error("second run changed the archive")
	}
}

// TestMinutesWorkspaceDefaults: links and archive fall back to the minutes
// section of ocispec.yaml.
func TestMinutesWorkspaceDefaults(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile(minutesFixture)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "notes.md"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "ocispec.yaml")
	if err := os.WriteFile(cfg, []byte("minutes:\n  source: notes.md\n  archive: archive\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCLI(t, "--config", cfg, "minutes", "archive", "--before", "2026-01-02")
	if code != 0 || !strings.Contains(stdout, filepath.Join(dir, "archive", "oci-weekly-notes-2026.md")) {
		t.Fatalf("archive: exit %d, %s %s", code, stdout, stderr)
	}
	code, stdout, stderr = runCLI(t, "--config", cfg, "minutes", "links")
	if code != 0 || !strings.Contains(stdout, "linked in 7 meetings") {
		t.Fatalf("links: exit %d, %s %s", code, stdout, stderr)
	}
}
