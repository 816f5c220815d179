package meetingnotes

import (
	"encoding/json"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestParseChatLine(t *testing.T) {
	tests := []struct {
		name, in            string
		time, speaker, text string
		ok                  bool
	}{
		{"tabs", "00:11:18\tJeff Carter:\thttps://example.org/x", "00:11:18", "Jeff Carter", "https://example.org/x", true},
		{"single spaces from the export", "00:04:41 Avery Quinn: Go Ready!", "00:04:41", "Avery Quinn", "Go Ready!", true},
		{"tabs expanded to 8 columns", "00:01:05        Peter Example:  Hello", "00:01:05", "Peter Example", "Hello", true},
		{"speaker with parenthetical", "00:12:43\tAvery Quinn (LF):\ttext: with colon", "00:12:43", "Avery Quinn (LF)", "text: with colon", true},
		{"no text", "00:12:43\tAvery Quinn:", "00:12:43", "Avery Quinn", "", true},
		{"not a chat line", "- 00:12:43 Avery: hi", "", "", "", false},
		{"colon not followed by blank", "00:12:43 https://example.org", "", "", "", false},
		{"plain text", "Notes from the zoom chat:", "", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tm, who, text, ok := parseChatLine(tt.in)
			if ok != tt.ok || tm != tt.time || who != tt.speaker || text != tt.text {
				t.Errorf("parseChatLine(%q) = %q, %q, %q, %v; want %q, %q, %q, %v", tt.in, tm, who, text, ok, tt.time, tt.speaker, tt.text, tt.ok)
			}
		})
	}
}

func TestCanonicalChatLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"00:04:41 Avery Quinn: Go Ready!", "00:04:41\tAvery Quinn:\tGo Ready!"},
		{"00:04:41\tAvery Quinn:\tGo Ready!", "00:04:41\tAvery Quinn:\tGo Ready!"},
		// tab-expanded lines are an archive layout and stay
		{"00:01:05        Peter Example:  Hello", "00:01:05        Peter Example:  Hello"},
		{"00:04:41 Avery Quinn:", "00:04:41\tAvery Quinn:"},
		{"just text", "just text"},
	}
	for _, tt := range tests {
		if got := canonicalChatLine(tt.in); got != tt.want {
			t.Errorf("canonicalChatLine(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSplitReply(t *testing.T) {
	earlier := []*ChatMessage{{Text: `pagination should be "standard" everywhere`}}
	tests := []struct{ in, reply, rest string }{
		{`Replying to "enables blake3 path?" in one place`, "enables blake3 path?", "in one place"},
		{`Replying to "https://datatracker...." that's adorable`, "https://datatracker....", "that's adorable"},
		{`Replying to ""If you want a guare..." retyped`, `"If you want a guare...`, "retyped"},
		{`Replying to "pagination should be "standard" everywhere" agreed`, `pagination should be "standard" everywhere`, "agreed"},
		{`Replying to "https://datatracker...."`, "https://datatracker....", ""},
		{`not a reply`, "", "not a reply"},
		{`Replying to "unterminated`, "", `Replying to "unterminated`},
	}
	for _, tt := range tests {
		reply, rest := splitReply(tt.in, earlier)
		if reply != tt.reply || rest != tt.rest {
			t.Errorf("splitReply(%q) = %q, %q; want %q, %q", tt.in, reply, rest, tt.reply, tt.rest)
		}
	}
}

func TestInferLevels(t *testing.T) {
	tests := []struct {
		name  string
		items []string
		want  []int
	}{
		{"colon groups are siblings",
			[]string{"spec reviews:", "a: <https://x/1>", "b: <https://x/2>", "runtime reviews:", "c: <https://x/3>"},
			[]int{0, 1, 1, 0, 1}},
		{"bare links belong to the text before",
			[]string{"Question?", "<https://x/1>", "<https://x/2>", "Other: <https://x/3>"},
			[]int{0, 1, 1, 0}},
		{"a colon group of links ends at the next text item",
			[]string{"Page needs replacing:", "<https://x/1>", "[site](https://x/2)", "Something else"},
			[]int{0, 1, 1, 0}},
		{"links under a text child of a colon group",
			[]string{"Status:", "endpoint", "<https://x/1>", "next"},
			[]int{0, 1, 2, 1}},
		{"flat list stays flat", []string{"Avery", "Mina", "Tobias"}, []int{0, 0, 0}},
		{"link first", []string{"<https://x/1>", "text"}, []int{0, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := inferLevels(tt.items); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("inferLevels = %v, want %v", got, tt.want)
			}
		})
	}
}

// Covers: live-notes-c9e13f
func TestParseRejectsBadInput(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string // substring of the error
	}{
		{"invalid UTF-8", "# Notes\n## May 7, 2026\nbad \xff byte\n", "notes.md:3:5: invalid UTF-8"},
		{"binary", "# Notes\n\x00\x01\x02", "notes.md:2:1: NUL byte"},
		{"huge line", "# Notes\n" + strings.Repeat("a", MaxLineBytes+1), "notes.md:2: line too long"},
		{"unclosed fence", "## May 7, 2026\n### Notes:\n```\n## May 1, 2026\n", "notes.md:3: code fence \"```\" is never closed"},
		{"meeting after the template", "## May 7, 2026\n## Template\n## May 1, 2026\n", "notes.md:3: meeting \"May 1, 2026\" comes after the \"Template\" section at line 2"},
		{"impossible date", "## February 30, 2026\n", "notes.md:1: \"February 30, 2026\" is not a valid date"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("notes.md", []byte(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Parse error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestParseHostileContentIsText(t *testing.T) {
	in := "## May 7, 2026 <script>alert(1)</script>\n### Attendees:\n- <img src=x onerror=alert(1)>\n- ../../etc/passwd\n"
	d := mustParse(t, "notes.md", []byte(in))
	m := d.Meetings[0]
	if m.Title != "<script>alert(1)</script>" {
		t.Errorf("title = %q", m.Title)
	}
	if want := []string{"<img src=x onerror=alert(1)>", "../../etc/passwd"}; !reflect.DeepEqual(m.Attendees, want) {
		t.Errorf("attendees = %q, want %q", m.Attendees, want)
	}
	out, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(out), "<script>") {
		t.Errorf("JSON carries raw markup: %s", out)
	}
	// The archive file name comes from the date alone.
	if got := PeriodCalendar.FileName(m.Time()); got != "oci-weekly-notes-2026.md" {
		t.Errorf("FileName = %q", got)
	}
}

func TestParseMeetingFields(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Meeting
	}{
		{"canceled", "## January 1, 2026\nCanceled for New Years Day.\n",
			Meeting{Date: "2026-01-01", Heading: "January 1, 2026", Canceled: true, CancelReason: "New Years Day"}},
		{"canceled in bold", "## November 27, 2025\n\n**Canceled**: US Thanksgiving Holiday\n",
			Meeting{Date: "2025-11-27", Heading: "November 27, 2025", Canceled: true, CancelReason: "US Thanksgiving Holiday"}},
		{"title and location", "## November 11, 2025 - Summit US\n\n**Recording**: https://video.example.org/x\n\nLocation: Room B\n",
			Meeting{Date: "2025-11-11", Heading: "November 11, 2025 - Summit US", Title: "Summit US", Recording: "https://video.example.org/x", Location: "Room B"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := mustParse(t, "x.md", []byte(tt.in)).Meetings[0]
			got := Meeting{Date: m.Date, Heading: m.Heading, Title: m.Title, Canceled: m.Canceled, CancelReason: m.CancelReason, Recording: m.Recording, Location: m.Location}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

// TestParseFixture checks the original fixture in the live (flattened
// export) layout, field by field where it matters and as a golden file.
func TestParseFixture(t *testing.T) {
	d := mustParse(t, "live.md", readFile(t, filepath.Join("testdata", "live.md")))
	var dates []string
	for _, m := range d.Meetings {
		dates = append(dates, m.Date)
	}
	wantDates := []string{"2026-04-16", "2026-04-09", "2026-04-02", "2026-03-26", "2026-03-19", "2026-01-01", "2025-12-18"}
	if !reflect.DeepEqual(dates, wantDates) {
		t.Fatalf("meetings %v, want %v", dates, wantDates)
	}
	if d.Header.Title != "OCI Weekly Discussion" || len(d.Header.WorkingGroups) != 2 || d.ArchivePointer != "https://example.org/meeting-notes/" || !d.HasTemplate {
		t.Errorf("header/trailer = %+v %q %v", d.Header, d.ArchivePointer, d.HasTemplate)
	}
	m := d.Meetings[0]
	if want := []string{"Avery Quinn", "Mina Okafor", "Tobias Lind", "Priya Raman (remote)"}; !reflect.DeepEqual(m.Attendees, want) {
		t.Errorf("attendees = %q", m.Attendees)
	}
	if len(m.Actionable) != 2 || len(m.Actionable[0].Children) != 2 || len(m.Actionable[1].Children) != 1 {
		t.Errorf("actionable nesting not recovered: %+v", m.Actionable)
	}
	if len(m.Discussion) != 2 || len(m.Discussion[0].Children) != 2 {
		t.Errorf("discussion nesting not recovered: %+v", m.Discussion)
	}
	if len(m.Chat) != 7 {
		t.Fatalf("chat = %d messages, want 7", len(m.Chat))
	}
	if c := m.Chat[3]; c.Text != "the limit should be advertised, not guessed\nclients cannot probe for it safely" {
		t.Errorf("multi-line message = %q", c.Text)
	}
	if c := m.Chat[5]; !strings.Contains(c.Text, "Max-Manifest-Size: 4194304") || !strings.HasPrefix(c.Text, "example response:") {
		t.Errorf("message with code block = %q", c.Text)
	}
	if c := m.Chat[6]; c.ReplyTo != "example response:" || c.Speaker != "Mina Okafor" || c.Time != "00:21:15" {
		t.Errorf("reply = %+v", c)
	}
	if k := d.Meetings[3]; k.Title != "Summit EU" || k.Location != "Hall C, Room 12 (2nd floor)" {
		t.Errorf("titled meeting = %q at %q", k.Title, k.Location)
	}
	if c := d.Meetings[2]; !c.Canceled || c.CancelReason != "the spring holiday" {
		t.Errorf("canceled meeting = %v %q", c.Canceled, c.CancelReason)
	}
	out, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "live.json", append(out, '\n'))
}

// TestParseLiveCorpus checks the real live document: 20 meetings with
// their attendees, agenda items and chat messages.
func TestParseLiveCorpus(t *testing.T) {
	dir := corpusDir(t)
	d := mustParse(t, "live", readFile(t, filepath.Join(dir, "seeds", "oci-weekly-discussion-hackmd.md")))
	if len(d.Meetings) != 20 {
		t.Fatalf("%d meetings, want 20", len(d.Meetings))
	}
	tests := []struct {
		date                                  string
		attendees, actionable, discuss, chats int
		firstAttendee, title                  string
		canceled                              bool
	}{
		{"2026-05-07", 11, 2, 5, 15, "Tianon", "", false},
		{"2026-04-30", 5, 2, 1, 1, "Brandon Mitchell", "", false},
		{"2026-03-25", 6, 0, 7, 0, "Mike Brown", "KubeCon EU", false},
		{"2026-01-08", 11, 2, 4, 18, "Tianon", "", false},
		{"2026-01-01", 0, 0, 0, 0, "", "", true},
	}
	byDate := map[string]*Meeting{}
	for _, m := range d.Meetings {
		byDate[m.Date] = m
	}
	for _, tt := range tests {
		m := byDate[tt.date]
		if m == nil {
			t.Errorf("%s: missing", tt.date)
			continue
		}
		first := ""
		if len(m.Attendees) > 0 {
			first = m.Attendees[0]
		}
		if len(m.Attendees) != tt.attendees || len(m.Actionable) != tt.actionable || len(m.Discussion) != tt.discuss || len(m.Chat) != tt.chats || first != tt.firstAttendee || m.Title != tt.title || m.Canceled != tt.canceled {
			t.Errorf("%s: attendees %d (first %q), actionable %d, discussion %d, chat %d, title %q, canceled %v; want %+v",
				tt.date, len(m.Attendees), first, len(m.Actionable), len(m.Discussion), len(m.Chat), m.Title, m.Canceled, tt)
		}
	}
	// Nesting recovered from the flattened export: the May 7 actionable
	// items are two colon groups.
	if a := byDate["2026-05-07"].Actionable; len(a[0].Children) != 6 || len(a[1].Children) != 2 {
		t.Errorf("May 7 actionable nesting: %d and %d children, want 6 and 2", len(a[0].Children), len(a[1].Children))
	}
	total := 0
	for _, m := range d.Meetings {
		total += len(m.Chat)
		for _, c := range m.Chat {
			if c.Time == "" || c.Speaker == "" {
				t.Errorf("%s: chat message without time or speaker: %+v", m.Date, c)
			}
		}
	}
	if total != 201 { // grep -c of chat lines in the file
		t.Errorf("%d chat messages in total, want 201", total)
	}
}

// TestParseArchiveCorpus: the real archive files parse the same way; the
// counts are those of `grep -c '^## '` and of chat lines in each file.
func TestParseArchiveCorpus(t *testing.T) {
	dir := filepath.Join(corpusDir(t), "meeting-notes")
	tests := []struct {
		file           string
		meetings, chat int
	}{
		{"oci-weekly-notes-2024-apr-2025-mar.md", 53, 812}, // chat tabs expanded to spaces
		{"oci-weekly-notes-2025-apr-2026-mar.md", 42, 325},
		{"oci-weekly-notes-2025.md", 54, 523},
	}
	for _, tt := range tests {
		d := mustParse(t, tt.file, readFile(t, filepath.Join(dir, tt.file)))
		chat := 0
		for _, m := range d.Meetings {
			chat += len(m.Chat)
		}
		if len(d.Meetings) != tt.meetings || chat != tt.chat {
			t.Errorf("%s: %d meetings, %d chat messages; want %d, %d", tt.file, len(d.Meetings), chat, tt.meetings, tt.chat)
		}
	}
}

// TestMisspeltDateHeading: a heading meant as a meeting date but spelt
// another way is an error naming its line, not a silently dropped meeting.
func TestMisspeltDateHeading(t *testing.T) {
	for _, h := range []string{"Sept 5, 2026", "Mar. 5, 2026", "5 March 2026", "2026-03-05"} {
		src := "# Notes\n\n## May 7, 2026\n\n### Attendees:\n\n- Ann\n\n## " + h + "\n\n### Attendees:\n\n- Bo\n"
		_, err := Parse("n.md", []byte(src))
		if err == nil || !strings.Contains(err.Error(), "n.md:9: heading") {
			t.Errorf("%q: error = %v", h, err)
		}
	}
	if _, err := Parse("n.md", []byte("# Notes\n\n## May 7, 2026\n\n## Archived Meeting Notes\n")); err != nil {
		t.Errorf("ordinary trailer heading: %v", err)
	}
}
