package render

import (
	"errors"
	"fmt"
	"html/template"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	meetingnotes "github.com/ocispec/ocispec/meeting-notes"
	"github.com/ocispec/ocispec/specs"
)

// Minutes are the meeting notes to publish: the live notes file and the
// yearly archive files, parsed by package meetingnotes.
type Minutes struct {
	Docs []*meetingnotes.Document
}

// LoadMinutes reads the live notes file and the *.md files of the archive
// directory (either may be ""). A file that cannot be read or parsed is a
// warning naming it (and the line, where the parser gives one); the other
// files are still published.
func LoadMinutes(source, archiveDir string) (*Minutes, []string) {
	var files []string
	var warnings []string
	if source != "" {
		files = append(files, source)
	}
	if archiveDir != "" {
		names, err := filepath.Glob(filepath.Join(archiveDir, "*.md"))
		if err != nil {
			warnings = append(warnings, fmt.Sprintf("%s: %v", archiveDir, err))
		}
		sort.Sort(sort.Reverse(sort.StringSlice(names)))
		files = append(files, names...)
		if _, err := os.Stat(archiveDir); err != nil {
			warnings = append(warnings, fmt.Sprintf("%s: %v", archiveDir, unwrapPathError(err)))
		}
	}
	m := &Minutes{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			warnings = append(warnings, fmt.Sprintf("%s: %v", f, unwrapPathError(err)))
			continue
		}
		d, err := meetingnotes.Parse(filepath.ToSlash(f), data)
		if err != nil {
			warnings = append(warnings, err.Error())
			continue
		}
		m.Docs = append(m.Docs, d)
	}
	return m, warnings
}

func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// meetingRef is a meeting with the page it gets.
type meetingRef struct {
	M    *meetingnotes.Meeting
	Href string // relative to the site root
	Year string
}

// meetings lists each meeting once (the live notes and the archive
// periods overlap), newest first, with its page.
func (m *Minutes) meetings() []meetingRef {
	seen := map[string]bool{}
	var out []meetingRef
	used := map[string]int{}
	for _, d := range m.Docs {
		for _, mt := range d.Meetings {
			key := mt.Date + "\x00" + mt.Heading
			if seen[key] || len(mt.Date) != 10 {
				continue
			}
			seen[key] = true
			name := mt.Date
			if used[name]++; used[name] > 1 {
				name = fmt.Sprintf("%s-%d", name, used[name])
			}
			out = append(out, meetingRef{M: mt, Year: mt.Date[:4], Href: path.Join("minutes", mt.Date[:4], name+".html")})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].M.Date > out[j].M.Date })
	return out
}

type minutesYear struct {
	Year     string
	Meetings []meetingRef
}

type minutesIndex struct {
	Page   Page
	Years  []minutesYear
	Header meetingnotes.Header
	Refs   []minutesRef
	Total  int
}

type minutesRef struct {
	Ref      *meetingnotes.Ref
	Meetings []meetingRef
}

type meetingPage struct {
	Page                          Page
	M                             *meetingnotes.Meeting
	Actionable, Discussion, Notes template.HTML
	Chat                          []chatLine
	Prev, Next                    *meetingRef
}

type chatLine struct {
	Time, Speaker, ReplyTo string
	Text                   template.HTML
}

func (b *Builder) renderMinutes(m *Minutes) error {
	if m == nil {
		return nil
	}
	list := m.meetings()
	for i := range list {
		p := meetingPage{Page: b.Page(list[i].Href, meetingTitle(list[i].M)), M: list[i].M}
		if i > 0 {
			p.Next = &list[i-1]
		}
		if i+1 < len(list) {
			p.Prev = &list[i+1]
		}
		if err := b.fillMeeting(&p); err != nil {
			return err
		}
		if err := b.Execute("meeting.html", list[i].Href, p); err != nil {
			return err
		}
	}
	idx := minutesIndex{Page: b.Page("minutes/index.html", "Minutes"), Total: len(list)}
	if len(m.Docs) > 0 {
		idx.Header = m.Docs[0].Header
	}
	for _, r := range list {
		if n := len(idx.Years); n == 0 || idx.Years[n-1].Year != r.Year {
			idx.Years = append(idx.Years, minutesYear{Year: r.Year})
		}
		idx.Years[len(idx.Years)-1].Meetings = append(idx.Years[len(idx.Years)-1].Meetings, r)
	}
	if err := b.Execute("minutes.html", "minutes/index.html", idx); err != nil {
		return err
	}
	return b.renderMinutesRefs(m, list)
}

func (b *Builder) renderMinutesRefs(m *Minutes, list []meetingRef) error {
	byDate := map[string][]meetingRef{}
	for _, r := range list {
		byDate[r.M.Date] = append(byDate[r.M.Date], r)
	}
	idx := minutesIndex{Page: b.Page("minutes/issues.html", "Issues and pull requests in the minutes"), Total: len(list)}
	for _, ref := range meetingnotes.BuildIndex(m.Docs...).Refs {
		mr := minutesRef{Ref: ref}
		for i := len(ref.Dates) - 1; i >= 0; i-- {
			mr.Meetings = append(mr.Meetings, byDate[ref.Dates[i]]...)
		}
		idx.Refs = append(idx.Refs, mr)
	}
	return b.Execute("minutes-issues.html", "minutes/issues.html", idx)
}

func meetingTitle(m *meetingnotes.Meeting) string {
	if m.Heading != "" {
		return m.Heading
	}
	return m.Date
}

// fillMeeting renders the agenda, notes and chat of a meeting through the
// same Markdown pipeline as the spec pages (sanitized, highlighted).
func (b *Builder) fillMeeting(p *meetingPage) error {
	var err error
	md := func(name string, items []*meetingnotes.Item) template.HTML {
		if err != nil || len(items) == 0 {
			return ""
		}
		var sb strings.Builder
		writeItems(&sb, items, 0)
		var h template.HTML
		h, err = b.markdown(p.M.Date+"-"+name+".md", sb.String())
		return h
	}
	p.Actionable = md("actionable", p.M.Actionable)
	p.Discussion = md("discussion", p.M.Discussion)
	p.Notes = md("notes", p.M.Notes)
	for _, c := range p.M.Chat {
		line := chatLine{Time: c.Time, Speaker: c.Speaker, ReplyTo: c.ReplyTo}
		if line.Text, err = b.markdown(p.M.Date+"-chat.md", c.Text); err != nil {
			return err
		}
		p.Chat = append(p.Chat, line)
	}
	return err
}

func writeItems(sb *strings.Builder, items []*meetingnotes.Item, depth int) {
	for _, it := range items {
		sb.WriteString(strings.Repeat("  ", depth) + "- " + it.Text + "\n")
		writeItems(sb, it.Children, depth+1)
	}
}

// markdown renders a Markdown snippet (an agenda, a chat message) the way
// documents are rendered, without requirements or cross-document links.
func (b *Builder) markdown(name, src string) (template.HTML, error) {
	d, err := specs.Parse(name, []byte(src), specs.Options{})
	if err != nil {
		return template.HTML(template.HTMLEscapeString(src)), nil //nolint:gosec // escaped
	}
	s := &specSite{Spec: Spec{Set: specs.NewSet("", d)}}
	out, err := renderBody(s, d, b)
	return template.HTML(out), err //nolint:gosec // sanitized in renderBody
}

func minutesEntries(m *Minutes) []searchEntry {
	if m == nil {
		return nil
	}
	var idx []searchEntry
	for _, r := range m.meetings() {
		var words []string
		for _, group := range [][]*meetingnotes.Item{r.M.Actionable, r.M.Discussion} {
			for _, it := range group {
				words = append(words, it.Text)
			}
		}
		text := strings.Join(words, " · ")
		if len(text) > 300 {
			text = text[:strings.LastIndexByte(text[:300], ' ')+1] + "…"
		}
		idx = append(idx, searchEntry{Title: meetingTitle(r.M), URL: r.Href, Kind: "meeting", Context: "Minutes " + r.Year, Text: text})
	}
	return idx
}
