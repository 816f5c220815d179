package meetingnotes

import (
	"io"
	"strings"
)

// WriteSummary prints one line per meeting: date, title, cancellation or
// the counts of attendees, agenda items and chat messages.
func WriteSummary(w io.Writer, d *Document) error {
	ew := &errWriter{w: w}
	ew.printf("%s: %d meeting(s)\n", d.Name, len(d.Meetings))
	for _, m := range d.Meetings {
		title := ""
		if m.Title != "" {
			title = " " + m.Title
		}
		if m.Canceled {
			ew.printf("%s%s  canceled: %s\n", m.Date, title, m.CancelReason)
			continue
		}
		ew.printf("%s%s  attendees %d, actionable %d, discussion %d, chat %d\n",
			m.Date, title, len(m.Attendees), countItems(m.Actionable), countItems(m.Discussion), len(m.Chat))
	}
	return ew.err
}

func countItems(items []*Item) int {
	n := len(items)
	for _, it := range items {
		n += countItems(it.Children)
	}
	return n
}

// Summary is the machine-readable outcome of an archive run.
type Summary struct {
	DryRun bool          `json:"dryRun"`
	Files  []FileSummary `json:"files"`
	// Moved and Already are meeting dates; see Plan.
	Moved   []string `json:"moved"`
	Already []string `json:"already"`
	// Notes is the notes file if it was (or would be) rewritten.
	Notes string `json:"notes,omitempty"`
}

// FileSummary describes one archive file of a run.
type FileSummary struct {
	Path     string   `json:"path"`
	Changed  bool     `json:"changed"`
	Added    []string `json:"added"`
	Meetings int      `json:"meetings"`
}

func dates(ms []*Meeting) []string {
	out := []string{}
	for _, m := range ms {
		out = append(out, m.Date)
	}
	return out
}

// Summary returns the outcome of the plan for reporting.
func (p *Plan) Summary(dryRun bool) Summary {
	s := Summary{DryRun: dryRun, Files: []FileSummary{}, Moved: dates(p.Moved), Already: dates(p.Already)}
	for _, f := range p.Files {
		s.Files = append(s.Files, FileSummary{Path: f.Path, Changed: f.Changed, Added: dates(f.Added), Meetings: f.Meetings})
	}
	if p.NotesData != nil {
		s.Notes = p.NotesPath
	}
	return s
}

// WriteReport prints what the run did (or, with dryRun, would do).
func (p *Plan) WriteReport(w io.Writer, dryRun bool) error {
	ew := &errWriter{w: w}
	verb := "wrote"
	if dryRun {
		verb = "would write"
	}
	if len(p.Files) == 0 {
		ew.printf("nothing to archive\n")
		return ew.err
	}
	for _, f := range p.Files {
		if !f.Changed {
			ew.printf("%s: up to date (%d meetings)\n", f.Path, f.Meetings)
			continue
		}
		ew.printf("%s %s: +%d meetings (%s), %d in total\n", verb, f.Path, len(f.Added), strings.Join(dates(f.Added), ", "), f.Meetings)
	}
	if len(p.Already) > 0 {
		ew.printf("already archived: %s\n", strings.Join(dates(p.Already), ", "))
	}
	if p.NotesData != nil {
		ew.printf("%s %s: removed %d meetings\n", verb, p.NotesPath, len(p.Moved)+len(p.Already))
	}
	return ew.err
}
