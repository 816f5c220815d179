package meetingnotes

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/ocispec/ocispec/internal/atomicfile"
)

// Period selects which archive file a meeting goes to.
type Period string

const (
	// PeriodCalendar archives by calendar year: oci-weekly-notes-2026.md.
	PeriodCalendar Period = "calendar"
	// PeriodAprMar archives by April-to-March year, the layout the archive
	// used before the calendar files: oci-weekly-notes-2025-apr-2026-mar.md.
	PeriodAprMar Period = "apr-mar"
)

// ParsePeriod validates a --period value.
func ParsePeriod(s string) (Period, error) {
	switch p := Period(s); p {
	case PeriodCalendar, PeriodAprMar:
		return p, nil
	}
	return "", fmt.Errorf("unknown period %q (want %q or %q)", s, PeriodCalendar, PeriodAprMar)
}

// startYear is the year in which the period holding t starts.
func (p Period) startYear(t time.Time) int {
	if p == PeriodAprMar && t.Month() < time.April {
		return t.Year() - 1
	}
	return t.Year()
}

// FileName is the archive file name for a meeting on t. It is built from
// the date alone, never from text in the notes, so notes cannot steer
// writes outside the archive directory.
func (p Period) FileName(t time.Time) string {
	y := p.startYear(t)
	if p == PeriodAprMar {
		return fmt.Sprintf("oci-weekly-notes-%d-apr-%d-mar.md", y, y+1)
	}
	return fmt.Sprintf("oci-weekly-notes-%d.md", y)
}

// Title is the first line of a new archive file for a meeting on t.
func (p Period) Title(t time.Time) string {
	y := p.startYear(t)
	if p == PeriodAprMar {
		return fmt.Sprintf("# OCI Weekly Dev Meeting Notes Archive - April %d to March %d", y, y+1)
	}
	return fmt.Sprintf("# OCI Weekly Dev Meeting Notes Archive - %d", y)
}

// FileWriter writes a whole file. Archiver writes through it so tests can
// interrupt a run at any write.
type FileWriter interface {
	WriteFile(path string, data []byte, perm fs.FileMode) error
}

// AtomicWriter writes a file by writing a temporary file in the same
// directory, syncing it, and renaming it over the target, then syncing the
// directory: a reader (or a crash) sees the old content or the new content,
// never a mix.
type AtomicWriter struct {
	// BeforeRename, if set, runs after the temporary file is written and
	// synced and before it is renamed; an error aborts the write. It exists
	// so tests can interrupt a write at its most delicate point.
	BeforeRename func(tmp, path string) error
}

// WriteFile implements FileWriter.
func (w AtomicWriter) WriteFile(path string, data []byte, perm fs.FileMode) error {
	return atomicfile.Write(path, data, perm, w.BeforeRename)
}

// Archiver moves old meetings from the live notes into archive files.
type Archiver struct {
	// Before: meetings strictly before this date are archived.
	Before time.Time
	Period Period
	// WriteBack removes the archived meetings from the notes file.
	WriteBack bool
}

// Plan is the outcome of an archive run, computed before anything is
// written.
type Plan struct {
	Files []*FilePlan
	// Notes is the notes file; NotesData its new content, set only with
	// WriteBack and when meetings are removed.
	NotesPath string
	NotesData []byte
	// Moved lists the meetings newly written to an archive file; Already
	// lists those found in their archive file with the same content.
	Moved, Already []*Meeting
}

// FilePlan is one archive file of a Plan.
type FilePlan struct {
	Path    string
	Data    []byte
	Changed bool // whether Data differs from the file on disk
	Added   []*Meeting
	// Meetings is the number of meetings in the file after the run.
	Meetings int
}

// ConflictError reports a meeting that is both in the notes and in its
// archive file with different content: archiving it again would either
// drop the archive's version or duplicate the meeting, so a person must
// reconcile the two.
type ConflictError struct {
	Notes, Archive string // file:line of each copy
	Heading        string
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("%s: meeting %q differs from the archived copy at %s; reconcile them by hand", e.Notes, e.Heading, e.Archive)
}

// Plan computes an archive run: which meetings go to which file and the
// new content of every file. It reads but never writes, and it verifies
// that the run is lossless (every line of every moved meeting is in the new
// archive content, up to whitespace, and no meeting disappears) before
// returning a plan.
func (a Archiver) Plan(notesPath string, notesData []byte, archiveDir string) (*Plan, error) {
	if a.Before.IsZero() {
		return nil, errors.New("archive: no cut-off date")
	}
	if a.Period == "" {
		a.Period = PeriodCalendar
	}
	notes, err := Parse(notesPath, notesData)
	if err != nil {
		return nil, err
	}
	p := &Plan{NotesPath: notesPath}
	byFile := map[string][]*Meeting{}
	var order []string
	for _, m := range notes.Meetings {
		if !m.when.Before(a.Before) {
			continue
		}
		path := filepath.Join(archiveDir, a.Period.FileName(m.when))
		if _, ok := byFile[path]; !ok {
			order = append(order, path)
		}
		byFile[path] = append(byFile[path], m)
	}
	sort.Strings(order)
	archived := map[*Meeting]bool{}
	for _, path := range order {
		fp, already, err := a.planFile(path, byFile[path])
		if err != nil {
			return nil, err
		}
		p.Files = append(p.Files, fp)
		p.Moved = append(p.Moved, fp.Added...)
		p.Already = append(p.Already, already...)
		for _, m := range byFile[path] {
			archived[m] = true
		}
	}
	if a.WriteBack && len(archived) > 0 {
		p.NotesData = removeSections(notes, archived)
		rest, err := Parse(notesPath, p.NotesData)
		if err != nil {
			return nil, fmt.Errorf("archive: notes without the archived meetings no longer parse: %w", err)
		}
		if got, want := len(rest.Meetings), len(notes.Meetings)-len(archived); got != want {
			return nil, fmt.Errorf("archive: %s would keep %d meetings, want %d", notesPath, got, want)
		}
	}
	return p, nil
}

// planFile merges meetings into one archive file.
func (a Archiver) planFile(path string, ms []*Meeting) (*FilePlan, []*Meeting, error) {
	old, err := os.ReadFile(path)
	exists := err == nil
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, nil, err
	}
	if !exists {
		old = []byte(a.Period.Title(ms[0].when) + "\n")
	}
	doc, err := Parse(path, old)
	if err != nil {
		return nil, nil, err
	}
	fp := &FilePlan{Path: path}
	var already []*Meeting
	var add []*Meeting
	for _, m := range ms {
		twin := findMeeting(doc.Meetings, m)
		if twin == nil {
			add = append(add, m.forArchive())
			continue
		}
		if !slices.Equal(canonicalLines(twin.sec.out), canonicalLines(m.sec.out)) {
			return nil, nil, &ConflictError{
				Notes:   fmt.Sprintf("%s:%d", m.sec.name, m.Line),
				Archive: fmt.Sprintf("%s:%d", path, twin.Line),
				Heading: m.Heading,
			}
		}
		already = append(already, m)
	}
	before := len(doc.Meetings)
	doc.Meetings = mergeNewestFirst(doc.Meetings, add)
	fp.Data = doc.Format()
	fp.Changed = !exists || string(fp.Data) != string(old)
	fp.Added = add
	// Verify from the bytes that will be written, not from the model.
	check, err := Parse(path, fp.Data)
	if err != nil {
		return nil, nil, fmt.Errorf("archive: new content of %s does not parse: %w", path, err)
	}
	if len(check.Meetings) != before+len(add) {
		return nil, nil, fmt.Errorf("archive: %s would hold %d meetings, want %d", path, len(check.Meetings), before+len(add))
	}
	for _, m := range ms {
		got := findMeeting(check.Meetings, m)
		if got == nil || !slices.Equal(canonicalLines(got.sec.out), canonicalLines(sourceLines(m.sec))) {
			return nil, nil, fmt.Errorf("archive: %s:%d: meeting %q would not survive intact in %s", m.sec.name, m.Line, m.Heading, path)
		}
	}
	fp.Meetings = len(check.Meetings)
	return fp, already, nil
}

// forArchive returns a copy of m to insert into an archive file: the
// live document may separate meetings by several blank lines, an archive
// file by exactly one.
func (m *Meeting) forArchive() *Meeting {
	c := *m
	sec := *m.sec
	sec.blanks = 1
	c.sec = &sec
	return &c
}

// sourceLines are the section's lines as they were read.
func sourceLines(s *section) []string {
	out := make([]string, len(s.src))
	for i, l := range s.src {
		out[i] = l.text
	}
	return out
}

// findMeeting finds the meeting with the same date and heading.
func findMeeting(ms []*Meeting, m *Meeting) *Meeting {
	for _, x := range ms {
		if x.Date == m.Date && canonical(x.Heading) == canonical(m.Heading) {
			return x
		}
	}
	return nil
}

// mergeNewestFirst inserts add (newest first) into existing (newest
// first), keeping the order of existing meetings as they are; a new meeting
// goes before the first existing meeting that is not newer.
func mergeNewestFirst(existing, add []*Meeting) []*Meeting {
	add = slices.Clone(add)
	sort.SliceStable(add, func(i, j int) bool { return add[i].when.After(add[j].when) })
	out := make([]*Meeting, 0, len(existing)+len(add))
	i := 0
	for _, e := range existing {
		for i < len(add) && !add[i].when.Before(e.when) {
			out = append(out, add[i])
			i++
		}
		out = append(out, e)
	}
	return append(out, add[i:]...)
}

// removeSections returns the notes source without the given meetings'
// sections. Every other byte is kept: the live document's header, its
// remaining meetings and its template stay exactly as they were.
func removeSections(d *Document, drop map[*Meeting]bool) []byte {
	lines, _, _ := splitLines(d.Name, d.src)
	offset := func(i int) int {
		if i < len(lines) {
			return lines[i].off
		}
		return len(d.src)
	}
	out := make([]byte, 0, len(d.src)) // non-nil even when nothing is left
	pos := 0
	for _, m := range d.Meetings {
		if !drop[m] {
			continue
		}
		start, end := offset(m.sec.first), offset(m.sec.end)
		out = append(out, d.src[pos:start]...)
		pos = end
	}
	return append(out, d.src[pos:]...)
}

// removeStaleTemps removes temporary files that an AtomicWriter killed
// before its rename left next to path, so they do not pile up in the
// archive directory (and in commits). Failures are ignored: a stale file is
// litter, not data.
func removeStaleTemps(path string) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	prefix := "." + base + ".tmp-"
	for _, e := range entries {
		if e.Type().IsRegular() && strings.HasPrefix(e.Name(), prefix) {
			_ = os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// Apply writes the plan: every changed archive file first, then, only once
// they are all on disk, the notes file. An interruption at any point leaves
// each file either old or new, and every meeting in the notes, in its
// archive file, or in both; rerunning the archive then completes the move
// without duplicating anything.
func (p *Plan) Apply(w FileWriter) error {
	for _, f := range p.Files {
		if !f.Changed {
			continue
		}
		if err := os.MkdirAll(filepath.Dir(f.Path), 0o755); err != nil {
			return err
		}
		removeStaleTemps(f.Path)
		if err := w.WriteFile(f.Path, f.Data, 0o644); err != nil {
			return fmt.Errorf("writing %s: %w", f.Path, err)
		}
	}
	if p.NotesData != nil {
		removeStaleTemps(p.NotesPath)
		if err := w.WriteFile(p.NotesPath, p.NotesData, 0o644); err != nil {
			return fmt.Errorf("writing %s: %w", p.NotesPath, err)
		}
	}
	return nil
}
