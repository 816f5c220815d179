package meetingnotes

import (
	"reflect"
	"strings"
	"testing"
)

const attendanceNotes = `# OCI Weekly Discussion
Time: 1500 GMT
## May 14, 2026
### Attendees:
- Samuel Karp
- Tianon Gravi
- Michael Brown
Regrets:
- Jane Roe
- Sam Doe
### Notes:
- x
## May 7, 2026
### Attendees:
- Sam
- Tianon
- Mike Brown (can't attend today, containerd summit)
- Mike
- Apologies: Ann Lee, Bo Chen
### Notes:
- y
`

// TestAttendanceAbsent: "Regrets:" and "Apologies:" start the absent,
// and "(can't attend ...)" marks one person absent.
func TestAttendanceAbsent(t *testing.T) {
	d := mustParse(t, "notes.md", []byte(attendanceNotes))
	tests := []struct{ present, absent []string }{
		{[]string{"Samuel Karp", "Tianon Gravi", "Michael Brown"}, []string{"Jane Roe", "Sam Doe"}},
		{[]string{"Sam", "Tianon", "Mike"}, []string{"Mike Brown (can't attend today, containerd summit)", "Ann Lee", "Bo Chen"}},
	}
	for i, tt := range tests {
		m := d.Meetings[i]
		if !reflect.DeepEqual(m.Attendees, tt.present) || !reflect.DeepEqual(m.Absent, tt.absent) {
			t.Errorf("%s: present %q absent %q\nwant present %q absent %q", m.Date, m.Attendees, m.Absent, tt.present, tt.absent)
		}
	}
	idx := BuildIndex(d)
	for _, p := range idx.Attendance {
		if strings.HasPrefix(p.Name, "Regrets") || p.Name == "Jane Roe" || p.Name == "Ann Lee" {
			t.Errorf("%q counted as attending", p.Name)
		}
	}
}

// TestAliases: minutes.aliases merges the names a person appears under,
// and SuggestAliases finds the probable variants.
func TestAliases(t *testing.T) {
	d := mustParse(t, "notes.md", []byte(attendanceNotes))
	got := SuggestAliases(BuildIndex(d))
	want := map[string][]string{"Samuel Karp": {"Sam"}, "Tianon Gravi": {"Tianon"}, "Michael Brown": {"Mike"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("SuggestAliases = %v, want %v", got, want)
	}
	idx := BuildIndexAliases(want, d)
	names := map[string]int{}
	for _, p := range idx.Attendance {
		names[p.Name] = len(p.Dates)
	}
	if wantNames := map[string]int{"Samuel Karp": 2, "Tianon Gravi": 2, "Michael Brown": 2}; !reflect.DeepEqual(names, wantNames) {
		t.Errorf("attendance with aliases = %v, want %v", names, wantNames)
	}
}

// TestMeetingHeadingInTrailer: a meeting heading anywhere after the
// trailer starts, in any date form, is an input error naming its line.
func TestMeetingHeadingInTrailer(t *testing.T) {
	base := "# N\nTime: x\n## May 7, 2026\n### Notes:\n- y\n## Archived Meeting Notes\n<https://example.com/a>\n## Template\n## Meeting Date\n### Attendees:\n- _add yourself_\n"
	for _, h := range []string{"May 21, 2026", "Thursday, May 21, 2026", "5/21/2026", "[May 21, 2026]", "2026-05-21", "21 May 2026"} {
		_, err := Parse("notes.md", []byte(base+"## "+h+"\n### Attendees:\n- X\n"))
		if err == nil || !strings.HasPrefix(err.Error(), "notes.md:12: ") {
			t.Errorf("heading %q after the template: error %v, want one at notes.md:12", h, err)
		}
	}
}

// TestCheckNotes: a file with no meeting and no notes header is not
// meeting notes; a live file with every meeting archived still is.
func TestCheckNotes(t *testing.T) {
	if err := mustParse(t, "README.md", []byte("# A project\n\nSome text.\n")).CheckNotes(); err == nil || !strings.Contains(err.Error(), "README.md: not meeting notes") {
		t.Errorf("README: %v", err)
	}
	if err := mustParse(t, "notes.md", []byte("# N\nTime: x\n## Archived Meeting Notes\n<https://example.com/a>\n")).CheckNotes(); err != nil {
		t.Errorf("emptied live notes: %v", err)
	}
}
