package meetingnotes

import (
	"bytes"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestBuildIndexFixture(t *testing.T) {
	live := mustParse(t, "live.md", readFile(t, filepath.Join("testdata", "live.md")))
	arch := mustParse(t, "archive.md", readFile(t, filepath.Join("testdata", "archive", "oci-weekly-notes-2025.md")))
	// The same archive twice: overlapping files must not double count.
	idx := BuildIndex(live, arch, arch)
	if idx.Meetings != 9 {
		t.Errorf("%d meetings, want 9", idx.Meetings)
	}
	refs := map[string]*Ref{}
	for _, r := range idx.Refs {
		refs[r.ID] = r
	}
	tests := []struct {
		id, kind string
		dates    []string
	}{
		// linked in the agenda, in chat, and with a #fragment
		{"example-oci/sample-spec#41", "pull", []string{"2026-04-09", "2026-04-16"}},
		{"example-oci/sample-spec#40", "issue", []string{"2025-12-11", "2026-03-19", "2026-04-16"}},
		{"example-oci/sample-spec#38", "issue", []string{"2025-12-18", "2026-04-16"}},
		{"example-oci/widget-runtime#3", "issue", []string{"2026-03-26"}},
	}
	for _, tt := range tests {
		r := refs[tt.id]
		if r == nil {
			t.Errorf("%s not indexed", tt.id)
			continue
		}
		if r.Kind != tt.kind || !reflect.DeepEqual(r.Dates, tt.dates) {
			t.Errorf("%s: %s %v, want %s %v", tt.id, r.Kind, r.Dates, tt.kind, tt.dates)
		}
	}
	if idx.Refs[0].ID != "example-oci/sample-spec#40" {
		t.Errorf("most discussed first: got %s", idx.Refs[0].ID)
	}
	att := map[string]int{}
	for _, p := range idx.Attendance {
		att[p.Name] = len(p.Dates)
	}
	// "Priya Raman (remote)" and "Priya Raman" are one person.
	if att["Avery Quinn"] != 6 || att["Priya Raman"] != 2 || att["_add yourself_"] != 0 {
		t.Errorf("attendance = %v", att)
	}
	var md bytes.Buffer
	if err := idx.WriteMarkdown(&md); err != nil {
		t.Fatal(err)
	}
	golden(t, "links.md", md.Bytes())
	var txt bytes.Buffer
	if err := idx.WriteText(&txt); err != nil || !strings.Contains(txt.String(), "example-oci/sample-spec#40") {
		t.Errorf("text output: %v\n%s", err, txt.String())
	}
	golden(t, "links.txt", txt.Bytes())
	if strings.Contains(txt.String(), " 1 meetings") {
		t.Errorf("text output says \"1 meetings\":\n%s", txt.String())
	}
}

func TestIndexEscapesNames(t *testing.T) {
	d := mustParse(t, "x.md", []byte("## May 7, 2026\n\n### Attendees:\n\n- <script>x</script> | *bold*\n\n### Notes:\n\nhttps://github.com/a/b/pull/1\"><img src=x>\n"))
	var md bytes.Buffer
	if err := BuildIndex(d).WriteMarkdown(&md); err != nil {
		t.Fatal(err)
	}
	out := md.String()
	if strings.Contains(out, "<script>") || strings.Contains(out, "<img") || !strings.Contains(out, `&lt;script&gt;x&lt;/script&gt; \| \*bold\*`) {
		t.Errorf("markdown output not escaped:\n%s", out)
	}
	if !strings.Contains(out, "[a/b#1](https://github.com/a/b/pull/1)") {
		t.Errorf("reference missing:\n%s", out)
	}
}

// TestBuildIndexCorpus: distribution-spec#543 stayed on the agenda of the
// live document for weeks.
func TestBuildIndexCorpus(t *testing.T) {
	dir := corpusDir(t)
	live := mustParse(t, "live", readFile(t, filepath.Join(dir, "seeds", "oci-weekly-discussion-hackmd.md")))
	idx := BuildIndex(live)
	for _, r := range idx.Refs {
		if r.ID == "opencontainers/distribution-spec#543" {
			if r.Kind != "pull" || len(r.Dates) < 5 || r.Dates[len(r.Dates)-1] != "2026-05-07" {
				t.Errorf("#543: %s %v", r.Kind, r.Dates)
			}
			return
		}
	}
	t.Error("distribution-spec#543 not indexed")
}
