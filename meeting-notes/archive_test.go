package meetingnotes

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
)

var cutoff = time.Date(2026, time.April, 1, 0, 0, 0, 0, time.UTC)

// workspace is a scratch copy of a notes file and an archive directory.
type workspace struct {
	notes, dir string
}

func newWorkspace(t testing.TB, notes []byte, archiveSrc string) workspace {
	t.Helper()
	root := t.TempDir()
	w := workspace{notes: filepath.Join(root, "notes.md"), dir: filepath.Join(root, "archive")}
	if err := os.WriteFile(w.notes, notes, 0o644); err != nil {
		t.Fatal(err)
	}
	if archiveSrc != "" {
		copyDir(t, archiveSrc, w.dir)
	}
	return w
}

func fixtureWorkspace(t testing.TB) workspace {
	return newWorkspace(t, readFile(t, filepath.Join("testdata", "live.md")), filepath.Join("testdata", "archive"))
}

// run plans and applies one archive run through w.
func (ws workspace) run(a Archiver, w FileWriter) (*Plan, error) {
	data, err := os.ReadFile(ws.notes)
	if err != nil {
		return nil, err
	}
	p, err := a.Plan(ws.notes, data, ws.dir)
	if err != nil {
		return nil, err
	}
	return p, p.Apply(w)
}

// snapshot returns the content of the notes file and every archive file.
func (ws workspace) snapshot(t testing.TB) map[string]string {
	t.Helper()
	out := map[string]string{"notes.md": string(readFile(t, ws.notes))}
	entries, err := os.ReadDir(ws.dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".md") && !strings.HasPrefix(e.Name(), ".") {
			out[e.Name()] = string(readFile(t, filepath.Join(ws.dir, e.Name())))
		}
	}
	return out
}

// meetings parses the notes and archive files and returns every meeting's
// canonical content; it fails if any file is damaged (does not parse).
func (ws workspace) meetings(t testing.TB) (map[string][]string, int) {
	t.Helper()
	var docs []*Document
	n := 0
	for name, content := range ws.snapshot(t) {
		d, err := Parse(name, []byte(content))
		if err != nil {
			t.Fatalf("%s is damaged: %v", name, err)
		}
		docs = append(docs, d)
		n += len(d.Meetings)
	}
	return contentOf(docs...), n
}

// assertNothingLost checks that every meeting of before is still somewhere
// (notes or archive) with the same lines, up to whitespace.
func assertNothingLost(t testing.TB, before map[string][]string, ws workspace) {
	t.Helper()
	after, _ := ws.meetings(t)
	for k, lines := range before {
		got, ok := after[k]
		if !ok {
			t.Errorf("meeting %q was lost", k)
			continue
		}
		if !slices.Equal(got, lines) {
			t.Errorf("meeting %q changed:\n%q\nwant\n%q", k, got, lines)
		}
	}
}

// Covers: archive-files-686e73
func TestPeriodFiles(t *testing.T) {
	tests := []struct {
		p           Period
		date        string
		file, title string
	}{
		{PeriodCalendar, "2026-03-26", "oci-weekly-notes-2026.md", "# OCI Weekly Dev Meeting Notes Archive - 2026"},
		{PeriodCalendar, "2025-12-31", "oci-weekly-notes-2025.md", "# OCI Weekly Dev Meeting Notes Archive - 2025"},
		{PeriodAprMar, "2026-03-26", "oci-weekly-notes-2025-apr-2026-mar.md", "# OCI Weekly Dev Meeting Notes Archive - April 2025 to March 2026"},
		{PeriodAprMar, "2026-04-01", "oci-weekly-notes-2026-apr-2027-mar.md", "# OCI Weekly Dev Meeting Notes Archive - April 2026 to March 2027"},
	}
	for _, tt := range tests {
		d, _ := time.Parse(time.DateOnly, tt.date)
		if f, ti := tt.p.FileName(d), tt.p.Title(d); f != tt.file || ti != tt.title {
			t.Errorf("%s %s: %q %q, want %q %q", tt.p, tt.date, f, ti, tt.file, tt.title)
		}
	}
	if _, err := ParsePeriod("fiscal"); err == nil {
		t.Error("ParsePeriod accepted an unknown period")
	}
}

func TestArchiveFixture(t *testing.T) {
	tests := []struct {
		name      string
		period    Period
		writeBack bool
		files     map[string][]string // archive file -> dates added
	}{
		{"calendar", PeriodCalendar, false, map[string][]string{
			"oci-weekly-notes-2026.md": {"2026-03-26", "2026-03-19", "2026-01-01"},
			"oci-weekly-notes-2025.md": {"2025-12-18"},
		}},
		{"calendar write-back", PeriodCalendar, true, map[string][]string{
			"oci-weekly-notes-2026.md": {"2026-03-26", "2026-03-19", "2026-01-01"},
			"oci-weekly-notes-2025.md": {"2025-12-18"},
		}},
		{"apr-mar write-back", PeriodAprMar, true, map[string][]string{
			"oci-weekly-notes-2025-apr-2026-mar.md": {"2026-03-26", "2026-03-19", "2026-01-01", "2025-12-18"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ws := fixtureWorkspace(t)
			before, total := ws.meetings(t)
			oldArchive := readFile(t, filepath.Join(ws.dir, "oci-weekly-notes-2025.md"))
			a := Archiver{Before: cutoff, Period: tt.period, WriteBack: tt.writeBack}
			p, err := ws.run(a, AtomicWriter{})
			if err != nil {
				t.Fatal(err)
			}
			got := map[string][]string{}
			for _, f := range p.Files {
				got[filepath.Base(f.Path)] = dates(f.Added)
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.files) {
				t.Errorf("added %v, want %v", got, tt.files)
			}
			assertNothingLost(t, before, ws)
			_, totalAfter := ws.meetings(t)
			wantTotal := total + 4 // copied into the archive...
			if tt.writeBack {
				wantTotal = total // ...or moved
			}
			if totalAfter != wantTotal {
				t.Errorf("%d meetings in all files, want %d", totalAfter, wantTotal)
			}
			snap := ws.snapshot(t)
			for name := range tt.files {
				golden(t, "archive-"+string(tt.period)+"-"+name, []byte(snap[name])) // write-back must not change the archive
			}
			// The existing archive keeps every byte: new meetings are
			// inserted, newest first, before older ones.
			if tt.period == PeriodCalendar {
				new2025 := snap["oci-weekly-notes-2025.md"]
				i := strings.Index(string(oldArchive), "## December 11, 2025")
				if !strings.HasSuffix(new2025, string(oldArchive)[i:]) || !strings.HasPrefix(new2025, string(oldArchive)[:i]) {
					t.Errorf("existing archive content was not kept verbatim:\n%s", new2025)
				}
				if strings.Index(new2025, "## December 18, 2025") > strings.Index(new2025, "## December 11, 2025") {
					t.Error("December 18 is not before December 11")
				}
			}
			notes := mustParse(t, "notes", []byte(snap["notes.md"]))
			if tt.writeBack {
				if len(notes.Meetings) != 3 || !notes.HasTemplate || notes.Header.Title == "" {
					t.Errorf("notes after write-back: %d meetings, template %v, header %q", len(notes.Meetings), notes.HasTemplate, notes.Header.Title)
				}
				// Only whole meeting sections were cut out of the notes.
				live := string(readFile(t, filepath.Join("testdata", "live.md")))
				if !strings.HasPrefix(live, snap["notes.md"][:strings.Index(snap["notes.md"], "## Archived")]) {
					t.Error("write-back changed the remaining notes")
				}
			}
			// Idempotent: a second run changes nothing.
			p2, err := ws.run(a, AtomicWriter{})
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range p2.Files {
				if f.Changed || len(f.Added) > 0 {
					t.Errorf("second run changes %s (adds %v)", f.Path, dates(f.Added))
				}
			}
			if again := ws.snapshot(t); fmt.Sprint(again) != fmt.Sprint(snap) {
				t.Error("second run changed files")
			}
		})
	}
}

// Covers: archiving-887134
func TestArchiveConflict(t *testing.T) {
	ws := fixtureWorkspace(t)
	a := Archiver{Before: cutoff, Period: PeriodCalendar}
	if _, err := ws.run(a, AtomicWriter{}); err != nil {
		t.Fatal(err)
	}
	// Someone edits the meeting in the live notes after it was archived.
	notes := strings.Replace(string(readFile(t, ws.notes)), "- Year in review", "- Year in review, and a retrospective", 1)
	if err := os.WriteFile(ws.notes, []byte(notes), 0o644); err != nil {
		t.Fatal(err)
	}
	snap := ws.snapshot(t)
	_, err := ws.run(a, AtomicWriter{})
	var ce *ConflictError
	if !errors.As(err, &ce) || ce.Heading != "December 18, 2025" || !strings.Contains(ce.Notes, "notes.md:") {
		t.Fatalf("err = %v, want a ConflictError for December 18, 2025", err)
	}
	if fmt.Sprint(ws.snapshot(t)) != fmt.Sprint(snap) {
		t.Error("a conflicting run wrote files")
	}
}

// failingWriter performs the first ok writes and fails the next one
// between writing the temporary file and renaming it, the way a crash or a
// full disk would.
type failingWriter struct {
	ok    int
	calls []string
}

var errInjected = errors.New("injected failure")

func (f *failingWriter) WriteFile(path string, data []byte, perm fs.FileMode) error {
	f.calls = append(f.calls, filepath.Base(path))
	if len(f.calls) > f.ok {
		return AtomicWriter{BeforeRename: func(string, string) error { return errInjected }}.WriteFile(path, data, perm)
	}
	return AtomicWriter{}.WriteFile(path, data, perm)
}

// TestArchiveInterrupted interrupts a write-back run at every write and
// shows that nothing is lost, that the notes file is written last, and
// that rerunning converges to the result of an uninterrupted run.
//
// Covers: archiving-0e085a
func TestArchiveInterrupted(t *testing.T) {
	a := Archiver{Before: cutoff, Period: PeriodCalendar, WriteBack: true}
	ref := fixtureWorkspace(t)
	rec := &failingWriter{ok: 1 << 30}
	if _, err := ref.run(a, rec); err != nil {
		t.Fatal(err)
	}
	if len(rec.calls) != 3 || rec.calls[2] != "notes.md" {
		t.Fatalf("writes %v: want two archive files, then notes.md", rec.calls)
	}
	want := ref.snapshot(t)
	for ok := 0; ok < len(rec.calls); ok++ {
		t.Run(fmt.Sprintf("fail write %d", ok+1), func(t *testing.T) {
			ws := fixtureWorkspace(t)
			before, _ := ws.meetings(t)
			_, err := ws.run(a, &failingWriter{ok: ok})
			if !errors.Is(err, errInjected) {
				t.Fatalf("err = %v, want the injected failure", err)
			}
			assertNothingLost(t, before, ws)
			if _, err := ws.run(a, AtomicWriter{}); err != nil {
				t.Fatalf("rerun: %v", err)
			}
			if got := ws.snapshot(t); fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("rerun after the failure does not reach the uninterrupted result")
			}
			assertNoTemps(t, ws)
		})
	}
}

// assertNoTemps checks that no temporary file is left in the workspace.
func assertNoTemps(t testing.TB, ws workspace) {
	t.Helper()
	for _, dir := range []string{filepath.Dir(ws.notes), ws.dir} {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if strings.Contains(e.Name(), ".tmp-") {
				t.Errorf("temporary file left behind: %s", filepath.Join(dir, e.Name()))
			}
		}
	}
}

func TestAtomicWriterKeepsOldContentOnFailure(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f.md")
	if err := os.WriteFile(path, []byte("old\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	w := AtomicWriter{BeforeRename: func(tmp, _ string) error {
		if got := readFile(t, tmp); string(got) != "new\n" {
			t.Errorf("temporary file holds %q", got)
		}
		return errInjected
	}}
	if err := w.WriteFile(path, []byte("new\n"), 0o644); !errors.Is(err, errInjected) {
		t.Fatalf("err = %v", err)
	}
	if got := readFile(t, path); string(got) != "old\n" {
		t.Errorf("file = %q after a failed write", got)
	}
	if err := (AtomicWriter{}).WriteFile(path, []byte("new\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v (%v), want the old file's 0600", st.Mode().Perm(), err)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("directory holds %d entries, want 1", len(entries))
	}
}

// TestArchiveCorpus archives the real live document before 2026-04-01: its
// 14 older meetings move losslessly and idempotently, for both periods.
func TestArchiveCorpus(t *testing.T) {
	corpus := corpusDir(t)
	live := readFile(t, filepath.Join(corpus, "seeds", "oci-weekly-discussion-hackmd.md"))
	tests := []struct {
		name    string
		period  Period
		archive string // directory copied as the starting archive
		moved   int
		already []string
	}{
		{"calendar, empty archive", PeriodCalendar, "", 14, nil},
		// The real apr-mar archive already holds January 1, 2026.
		{"apr-mar, real archive", PeriodAprMar, filepath.Join(corpus, "meeting-notes"), 13, []string{"2026-01-01"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ws := newWorkspace(t, live, tt.archive)
			before, total := ws.meetings(t)
			oldSnap := ws.snapshot(t)
			a := Archiver{Before: cutoff, Period: tt.period, WriteBack: true}
			p, err := ws.run(a, AtomicWriter{})
			if err != nil {
				t.Fatal(err)
			}
			if len(p.Moved) != tt.moved || !slices.Equal(dates(p.Already), append([]string{}, tt.already...)) && len(tt.already) > 0 {
				t.Errorf("moved %d, already %v; want %d, %v", len(p.Moved), dates(p.Already), tt.moved, tt.already)
			}
			assertNothingLost(t, before, ws)
			_, after := ws.meetings(t)
			if after != total-len(p.Already) {
				t.Errorf("%d meetings in all files, want %d (conserved, duplicates of already archived meetings removed)", after, total-len(p.Already))
			}
			notes := mustParse(t, "notes", readFile(t, ws.notes))
			if len(notes.Meetings) != 6 || !notes.HasTemplate {
				t.Errorf("notes keep %d meetings (template %v), want the 6 from April on", len(notes.Meetings), notes.HasTemplate)
			}
			snap := ws.snapshot(t)
			for name, old := range oldSnap {
				if name == "notes.md" || snap[name] == old {
					continue
				}
				// A changed existing archive file keeps all its old lines.
				if !strings.HasSuffix(snap[name], old[strings.Index(old, "\n## "):]) {
					t.Errorf("%s: old content not kept verbatim", name)
				}
			}
			// Lint what this run wrote. Old content of an existing archive
			// file is kept byte for byte, lint findings included, so the
			// new meetings are linted as a file of their own.
			for _, f := range p.Files {
				var b strings.Builder
				b.WriteString(tt.period.Title(cutoff.AddDate(0, 0, -1)) + "\n")
				for _, m := range f.Added {
					b.WriteString("\n" + m.Markdown())
				}
				added := filepath.Join(t.TempDir(), filepath.Base(f.Path))
				if err := os.WriteFile(added, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
				lintMarkdown(t, added)
			}
			if tt.archive == "" {
				lintMarkdown(t, filepath.Join(ws.dir, tt.period.FileName(cutoff.AddDate(0, 0, -1))))
			}
			if _, err := ws.run(a, AtomicWriter{}); err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(ws.snapshot(t)) != fmt.Sprint(snap) {
				t.Error("second run changed files")
			}
		})
	}
}

func TestArchiveKeepsTitledMeetingsApart(t *testing.T) {
	ms := func(ds ...string) []*Meeting {
		var out []*Meeting
		for _, d := range ds {
			tm, _ := time.Parse(time.DateOnly, d)
			out = append(out, &Meeting{Date: d, when: tm})
		}
		return out
	}
	got := dates(mergeNewestFirst(ms("2026-03-26", "2026-03-19", "2026-01-01"), ms("2026-03-25", "2026-04-02", "2025-12-18", "2026-03-19")))
	want := []string{"2026-04-02", "2026-03-26", "2026-03-25", "2026-03-19", "2026-03-19", "2026-01-01", "2025-12-18"}
	if !slices.Equal(got, want) {
		t.Errorf("merge = %v, want %v", got, want)
	}
	if !sort.SliceIsSorted(got, func(i, j int) bool { return got[i] > got[j] }) {
		t.Error("not newest first")
	}
}

func TestArchiveDryPlanWritesNothing(t *testing.T) {
	ws := fixtureWorkspace(t)
	snap := ws.snapshot(t)
	p, err := Archiver{Before: cutoff, WriteBack: true}.Plan(ws.notes, readFile(t, ws.notes), ws.dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Moved) != 4 || p.NotesData == nil {
		t.Errorf("plan moves %d meetings", len(p.Moved))
	}
	if fmt.Sprint(ws.snapshot(t)) != fmt.Sprint(snap) || bytes.Contains(p.NotesData, []byte("## December 18, 2025")) {
		t.Error("Plan wrote files or kept an archived meeting in the notes")
	}
}
