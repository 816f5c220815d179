package meetingnotes

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Document is a parsed notes or archive file.
type Document struct {
	// Name is the file name used in error messages and by Format.
	Name string `json:"-"`
	// Header is what precedes the first meeting: the live document's title,
	// call details and working-group links, or an archive file's title.
	Header Header `json:"header"`
	// Meetings are in document order (newest first in real notes).
	Meetings []*Meeting `json:"meetings"`
	// ArchivePointer is the link under "## Archived Meeting Notes".
	ArchivePointer string `json:"archivePointer,omitempty"`
	// HasTemplate reports whether the live document's template was found.
	HasTemplate bool `json:"hasTemplate,omitempty"`

	src          []byte
	header       *section
	trailer      *section
	finalNewline bool
}

// Header holds what the header of the live document says.
type Header struct {
	Title string   `json:"title,omitempty"`
	Tags  []string `json:"tags,omitempty"`
	// Time is the "Time:" line (the meeting time in several zones).
	Time string `json:"time,omitempty"`
	// Links are the header's links (calendar, conference URL, ...).
	Links []Link `json:"links,omitempty"`
	// WorkingGroups are the links listed under "Working groups:".
	WorkingGroups []Link `json:"workingGroups,omitempty"`
}

// Link is a labelled URL.
type Link struct {
	Text string `json:"text"`
	URL  string `json:"url"`
}

// Meeting is one "## <Month D, YYYY>[ title]" section.
type Meeting struct {
	// Date is the meeting date as YYYY-MM-DD.
	Date string `json:"date"`
	// Title is what follows the date in the heading, such as "KubeCon EU".
	Title string `json:"title"`
	// Heading is the heading text without "## ".
	Heading      string `json:"heading"`
	Canceled     bool   `json:"canceled"`
	CancelReason string `json:"cancelReason,omitempty"`
	Recording    string `json:"recording"`
	Location     string `json:"location,omitempty"`
	// Info holds other lines between the heading and the first subsection.
	Info      []string `json:"info,omitempty"`
	Attendees []string `json:"attendees"`
	// Absent are the people the attendees section lists as not there:
	// under "Regrets:" or "Apologies:", or with a remark such as
	// "(can't attend today)".
	Absent     []string `json:"absent,omitempty"`
	Actionable []*Item  `json:"actionable"`
	Discussion []*Item  `json:"discussion"`
	// Notes are the Notes subsection's items other than the chat.
	Notes []*Item        `json:"notes,omitempty"`
	Chat  []*ChatMessage `json:"chat"`
	// Line is the line of the heading in the parsed file.
	Line int `json:"line"`

	when time.Time
	sec  *section
}

// Time returns the meeting date (midnight UTC).
func (m *Meeting) Time() time.Time { return m.when }

// Markdown returns the meeting section in the archive layout, without a
// trailing blank line.
func (m *Meeting) Markdown() string { return strings.Join(m.sec.out, "\n") + "\n" }

// Item is an agenda or notes list item with its sub-items.
type Item struct {
	Text     string  `json:"text"`
	Children []*Item `json:"children,omitempty"`
	Line     int     `json:"line"`
}

type sectionKind int

const (
	kindHeader sectionKind = iota
	kindMeeting
	kindTrailer
)

// section is a run of source lines: the header, one meeting, or the
// trailer. It keeps both the source and the archive layout of its lines.
type section struct {
	name   string // file name, for messages
	kind   sectionKind
	src    []srcLine // body: the section without its trailing blank lines
	blanks int       // trailing blank lines in the source
	// first and end delimit the section's source lines, trailing blank
	// lines included, as indexes into the document's lines.
	first, end int
	out        []string // body in the archive layout
	lineOf     []int    // source line number of each out line (0 if inserted)
}

var (
	// looseDateRE catches headings meant as dates in another spelling
	// ("Sept 5, 2026", "Mar. 5 2026", "5 March 2026", "2026-03-05").
	looseDateRE = regexp.MustCompile(`^##[ \t]+([A-Za-z]{3,9}\.?[ \t]+\d{1,2}(st|nd|rd|th)?,?[ \t]+\d{4}|\d{1,2}[ \t]+[A-Za-z]{3,9}\.?,?[ \t]+\d{4}|\d{4}-\d{2}-\d{2})\b`)
	// anyDateRE finds a date anywhere in a heading, in the forms people
	// write ("Thursday, May 21, 2026", "5/21/2026", "[May 21, 2026]").
	anyDateRE     = regexp.MustCompile(`(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[ \t]+\d{1,2}(st|nd|rd|th)?,?[ \t]+\d{4}\b|\b\d{1,2}[ \t]+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?[ \t]+\d{4}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b`)
	dateHeadingRE = regexp.MustCompile(`^##[ \t]+(January|February|March|April|May|June|July|August|September|October|November|December)[ \t]+(\d{1,2}),?[ \t]+(\d{4})(.*)$`)
	subHeadingRE  = regexp.MustCompile(`^###[ \t]+(.*?)[ \t]*:?[ \t]*$`)
	canceledRE    = regexp.MustCompile(`(?i)^[*_]*cancel+ed[*_]*[ \t]*(.*)$`)
	locationRE    = regexp.MustCompile(`^(?:[-*][ \t]+)?Location:[ \t]*(.*)$`)
	recordingRE   = regexp.MustCompile(`^\*\*Recording\*\*:?[ \t]*(.*)$`)
	urlRE         = regexp.MustCompile(`https?://[^\s<>()\[\]]+`)
	mdLinkRE      = regexp.MustCompile(`\[([^\]]*)\]\(([^)\s]*)\)|<(https?://[^>\s]+)>`)
)

// Parse reads a live notes file or an archive file. name is used in error
// messages, which have the form "name:line: ...".
func Parse(name string, data []byte) (*Document, error) {
	lines, finalNL, err := splitLines(name, data)
	if err != nil {
		return nil, err
	}
	d := &Document{Name: name, src: data, finalNewline: finalNL, Meetings: []*Meeting{}}
	secs, err := sectionize(name, lines)
	if err != nil {
		return nil, err
	}
	for _, s := range secs {
		body := make([]string, len(s.src))
		for i, l := range s.src {
			body[i] = l.text
		}
		if isFlattened(body) {
			s.out = relayout(body, s.kind == kindMeeting)
			s.lineOf = mapLines(s.src, s.out)
		} else {
			s.out = keepLayout(body)
			s.lineOf = make([]int, len(s.src))
			for i, l := range s.src {
				s.lineOf[i] = l.n
			}
		}
		switch s.kind {
		case kindHeader:
			d.header = s
			d.Header = parseHeader(s)
		case kindTrailer:
			d.trailer = s
			d.ArchivePointer, d.HasTemplate = parseTrailer(s)
		case kindMeeting:
			m, err := parseMeeting(name, s)
			if err != nil {
				return nil, err
			}
			d.Meetings = append(d.Meetings, m)
		}
	}
	return d, nil
}

// mapLines finds, for each laid-out line, the source line it came from;
// relayout only inserts blank lines and changes whitespace, so a forward
// scan on the non-blank content suffices.
func mapLines(src []srcLine, out []string) []int {
	lineOf := make([]int, len(out))
	j := 0
	for i, s := range out {
		if s == "" {
			continue
		}
		k := canonical(s)
		for j < len(src) && canonical(src[j].text) != k {
			j++
		}
		if j < len(src) {
			lineOf[i] = src[j].n
			j++
		}
	}
	return lineOf
}

// sectionize cuts the file at its "## " headings outside code blocks. The
// header runs to the first meeting; the trailer starts at the first
// non-date "## " heading after a meeting ("Archived Meeting Notes") and runs
// to the end, template included.
func sectionize(name string, lines []srcLine) ([]*section, error) {
	var secs []*section
	cur := &section{kind: kindHeader}
	var f fence
	sawMeeting := false
	for i, l := range lines {
		if f.step(l.text, l.n) || !strings.HasPrefix(l.text, "## ") && l.text != "##" {
			continue
		}
		kind, err := headingKind(name, l, cur, lines)
		if err != nil {
			return nil, err
		}
		if kind != kindMeeting && (!sawMeeting || cur.kind == kindTrailer) {
			continue // part of the header, or of the trailer (template)
		}
		sawMeeting = true
		cur.end = i
		secs = append(secs, cur)
		cur = &section{kind: kind, first: i}
	}
	if f.marker != "" {
		return nil, fmt.Errorf("%s:%d: code fence %q is never closed", name, f.line, f.marker)
	}
	cur.end = len(lines)
	secs = append(secs, cur)
	for _, s := range secs {
		s.name = name
		body := lines[s.first:s.end]
		for len(body) > 0 && strings.TrimSpace(body[len(body)-1].text) == "" {
			body = body[:len(body)-1]
			s.blanks++
		}
		s.src = body
	}
	return secs, nil
}

// headingKind says what the "## " heading l starts: a meeting, or else a
// trailer (when it follows a meeting). A date in another form is an error,
// since it would silently become header or trailer text and be left
// behind by archive; so is a meeting after the trailer (cur) began.
func headingKind(name string, l srcLine, cur *section, lines []srcLine) (sectionKind, error) {
	if !dateHeadingRE.MatchString(l.text) {
		if looseDateRE.MatchString(l.text) || anyDateRE.MatchString(l.text) {
			return 0, fmt.Errorf("%s:%d: heading %q looks like a meeting date but is not one: write \"## Month D, YYYY\", e.g. \"## September 5, 2026\"", name, l.n, strings.TrimPrefix(l.text, "## "))
		}
		return kindTrailer, nil
	}
	if cur.kind == kindTrailer {
		tl := lines[cur.first]
		return 0, fmt.Errorf("%s:%d: meeting %q comes after the %q section at line %d; move it above that section", name, l.n, strings.TrimPrefix(l.text, "## "), strings.TrimPrefix(tl.text, "## "), tl.n)
	}
	return kindMeeting, nil
}

func parseHeader(s *section) Header {
	var h Header
	inWG := false
	for _, line := range s.out {
		t := strings.TrimSpace(line)
		switch {
		case t == "":
			continue
		case strings.HasPrefix(t, "# ") && h.Title == "":
			h.Title = strings.TrimSpace(t[2:])
		case headingLevel(t) > 0 && strings.Contains(t, "tags:"):
			for _, f := range strings.Split(t[strings.Index(t, "tags:")+5:], "`") {
				if f = strings.TrimSpace(f); f != "" {
					h.Tags = append(h.Tags, f)
				}
			}
		case strings.HasPrefix(t, "Time:"):
			h.Time = strings.TrimSpace(t[5:])
		case strings.HasPrefix(strings.ToLower(t), "working groups"):
			inWG = true
		default:
			_, _, text, isItem := listItem(line)
			if !isItem {
				inWG = false
				continue
			}
			links := itemLinks(text)
			if inWG {
				h.WorkingGroups = append(h.WorkingGroups, links...)
			} else {
				h.Links = append(h.Links, links...)
			}
		}
	}
	return h
}

// itemLinks extracts the links of a header list item, labelled by the
// Markdown link text or by the text before a colon.
func itemLinks(text string) []Link {
	var out []Link
	for _, m := range mdLinkRE.FindAllStringSubmatch(text, -1) {
		if m[3] != "" {
			label := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(text[:strings.Index(text, m[0])]), ":"))
			out = append(out, Link{Text: label, URL: m[3]})
			continue
		}
		out = append(out, Link{Text: m[1], URL: m[2]})
	}
	return out
}

func parseTrailer(s *section) (pointer string, template bool) {
	for _, line := range s.out {
		if pointer == "" {
			if u := urlRE.FindString(line); u != "" {
				pointer = u
			}
		}
		if strings.EqualFold(strings.TrimSpace(line), "## Template") {
			template = true
		}
	}
	return pointer, template
}

// parseMeeting reads the fields of a meeting from its laid-out lines.
func parseMeeting(name string, s *section) (*Meeting, error) {
	head := s.out[0]
	m := dateHeadingRE.FindStringSubmatch(head)
	day, _ := strconv.Atoi(m[2])
	year, _ := strconv.Atoi(m[3])
	month, _ := time.Parse("January", m[1])
	when := time.Date(year, month.Month(), day, 0, 0, 0, 0, time.UTC)
	if when.Day() != day || year < 1900 {
		return nil, fmt.Errorf("%s:%d: %q is not a valid date", name, s.lineOf[0], strings.TrimPrefix(head, "## "))
	}
	mt := &Meeting{
		Date:       when.Format(time.DateOnly),
		Title:      strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(m[4]), "-–—:|")),
		Heading:    strings.TrimSpace(strings.TrimPrefix(head, "##")),
		Line:       s.lineOf[0],
		Attendees:  []string{},
		Actionable: []*Item{},
		Discussion: []*Item{},
		Chat:       []*ChatMessage{},
		when:       when,
		sec:        s,
	}
	p := &meetingParser{mt: mt}
	var f fence
	for i := 1; i < len(s.out); i++ {
		p.line(s.out[i], s.lineOf[i], f.step(s.out[i], s.lineOf[i]))
	}
	p.flush()
	p.finishChat()
	return mt, nil
}

// A meetingParser reads the lines of one meeting after its heading.
type meetingParser struct {
	mt    *Meeting
	sub   string     // the current subsection, lower case ("" before the first)
	items []indented // list items of the current subsection
	chat  *ChatMessage
	more  []string // continuation lines of chat, joined once at the end
}

func (p *meetingParser) line(line string, n int, inFence bool) {
	if !inFence {
		if sm := subHeadingRE.FindStringSubmatch(line); sm != nil {
			p.flush()
			p.finishChat()
			p.sub = strings.ToLower(sm[1])
			return
		}
		if t, who, text, ok := parseChatLine(line); ok && p.sub != "" {
			p.finishChat()
			reply, rest := splitReply(text, p.mt.Chat)
			p.chat = &ChatMessage{Time: t, Speaker: who, Text: rest, ReplyTo: reply, Line: n}
			p.mt.Chat = append(p.mt.Chat, p.chat)
			return
		}
	}
	if p.chat != nil {
		p.more = append(p.more, line)
		return
	}
	t := strings.TrimSpace(line)
	switch {
	case t == "":
	case p.sub == "":
		p.preamble(t)
	default:
		p.item(line, t, n, inFence)
	}
}

// preamble reads a line between the heading and the first subsection.
func (p *meetingParser) preamble(t string) {
	mt := p.mt
	switch {
	case canceledRE.MatchString(t):
		mt.Canceled = true
		mt.CancelReason = cancelReason(canceledRE.FindStringSubmatch(t)[1])
	case recordingRE.MatchString(t):
		r := recordingRE.FindStringSubmatch(t)[1]
		if u := urlRE.FindString(r); u != "" {
			r = u
		}
		mt.Recording = r
	case locationRE.MatchString(t):
		mt.Location = strings.TrimSpace(locationRE.FindStringSubmatch(t)[1])
	default:
		mt.Info = append(mt.Info, t)
	}
}

// item reads a line of a subsection: a list item, a continuation of the
// previous one, or a paragraph line taken as an item.
func (p *meetingParser) item(line, t string, n int, inFence bool) {
	if in, _, text, ok := listItem(line); ok && !inFence {
		p.items = append(p.items, indented{indent: in, item: &Item{Text: text, Line: n}})
		return
	}
	if isNone(t) || strings.EqualFold(strings.TrimSuffix(t, ":"), "Notes from the zoom chat") {
		return
	}
	if len(p.items) > 0 && (inFence || strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t")) {
		// an indented continuation of the previous item
		last := &p.items[len(p.items)-1]
		last.more = append(last.more, t)
		return
	}
	p.items = append(p.items, indented{indent: 0, item: &Item{Text: t, Line: n}})
}

// flush files the current subsection's items under the meeting.
func (p *meetingParser) flush() {
	for _, it := range p.items {
		if len(it.more) > 0 {
			it.item.Text = strings.Join(append([]string{it.item.Text}, it.more...), "\n")
		}
	}
	tree := buildTree(p.items)
	mt := p.mt
	switch p.sub {
	case "attendees":
		mt.Attendees, mt.Absent = attendance(tree)
	case "actionable agenda items", "actionable items":
		mt.Actionable = append(mt.Actionable, tree...)
	case "presentation/discussion agenda items", "discussion agenda items", "presentation agenda items":
		mt.Discussion = append(mt.Discussion, tree...)
	default:
		mt.Notes = append(mt.Notes, tree...)
	}
	p.items = nil
}

func (p *meetingParser) finishChat() {
	if p.chat != nil {
		p.chat.Text = strings.Trim(strings.Join(append([]string{p.chat.Text}, p.more...), "\n"), "\n \t")
	}
	p.chat, p.more = nil, nil
}

func isNone(t string) bool {
	t = strings.ToLower(strings.Trim(t, "*_. "))
	return t == "none" || t == "n/a"
}

func cancelReason(rest string) string {
	r := strings.TrimSpace(rest)
	r = strings.TrimLeft(r, ":,;-–— ")
	if strings.HasPrefix(r, "(") && strings.HasSuffix(r, ")") {
		r = r[1 : len(r)-1]
	}
	r = strings.TrimPrefix(r, "for ")
	return strings.TrimSpace(strings.TrimSuffix(r, "."))
}

type indented struct {
	indent int
	item   *Item
	more   []string // continuation lines, joined once when the list ends
}

// buildTree nests items by indentation.
func buildTree(items []indented) []*Item {
	roots := []*Item{}
	type open struct {
		indent int
		item   *Item
	}
	var stack []open
	for _, it := range items {
		for len(stack) > 0 && stack[len(stack)-1].indent >= it.indent {
			stack = stack[:len(stack)-1]
		}
		if len(stack) == 0 {
			roots = append(roots, it.item)
		} else {
			p := stack[len(stack)-1].item
			p.Children = append(p.Children, it.item)
		}
		stack = append(stack, open{it.indent, it.item})
	}
	return roots
}

var (
	// regretsRE starts the list of people who sent their regrets.
	regretsRE = regexp.MustCompile(`(?i)^[*_]*(regrets|apologies)[*_]*[ \t]*:?[*_]*[ \t]*(.*)$`)
	// absentRemarkRE is a remark saying that the person is not there.
	absentRemarkRE = regexp.MustCompile(`(?i)\((can'?t|can’t|cannot|can not|unable to|won'?t|not) (attend|make it|join)|\((regrets|apologies|absent)\b`)
)

// attendance splits an attendees section's items into the people present
// and the people listed as absent: every item from a "Regrets:" or
// "Apologies:" line on (and the names on that line), and anyone whose
// remark says they cannot attend.
func attendance(items []*Item) (present, absent []string) {
	present = []string{}
	regrets := false
	for _, it := range items {
		if m := regretsRE.FindStringSubmatch(it.Text); m != nil {
			regrets = true
			for _, n := range strings.Split(m[2], ",") {
				if n = strings.TrimSpace(n); n != "" {
					absent = append(absent, n)
				}
			}
			for _, c := range it.Children {
				absent = append(absent, c.Text)
			}
			continue
		}
		if regrets || absentRemarkRE.MatchString(it.Text) {
			absent = append(absent, it.Text)
			continue
		}
		present = append(present, it.Text)
	}
	return present, absent
}

// CheckNotes reports a document that is not meeting notes at all: no
// meeting and no header of the live notes (a "Time:" line, tags, the
// archive pointer or the template). Commands that read a file the user
// names call it, so that "0 meetings" never passes for a wrong file; the
// archiver does not, since a new archive file starts empty.
func (d *Document) CheckNotes() error {
	if len(d.Meetings) > 0 || d.trailer != nil || d.Header.Time != "" || len(d.Header.Tags) > 0 {
		return nil
	}
	return fmt.Errorf("%s: not meeting notes: no meeting (a \"## Month D, YYYY\" heading) and no notes header (a \"Time:\" line or tags)", d.Name)
}
