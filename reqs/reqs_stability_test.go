package reqs

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ocispec/ocispec/specs"
)

// TestIDStability edits a copy of each spec — paragraphs re-wrapped onto
// one line, sentences split one per line, new requirements inserted after
// every heading and before paragraphs, SHOULD sentences deleted — and
// checks that every untouched requirement keeps its ID, keyword and text.
//
// Covers: derived-ids-ba4ada
func TestIDStability(t *testing.T) {
	corpora := map[string][]string{}
	fixture, err := os.ReadFile(filepath.Join("testdata", "reqs", "v1.md"))
	if err != nil {
		t.Fatal(err)
	}
	corpora["fixture"] = []string{"widgets.md", string(fixture)}
	for name, dir := range ociCorpora(t) {
		set, err := specs.Load(dir, []string{"."}, specs.LoadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range set.Docs {
			corpora[name] = append(corpora[name], d.Path, string(d.Source))
		}
	}
	edits := []struct {
		name string
		edit func(string) string
	}{
		{"join paragraphs", joinParagraphs},
		{"split sentences", splitSentences},
		{"insert requirements", insertRequirements},
		{"all", func(s string) string { return insertRequirements(splitSentences(joinParagraphs(s))) }},
		{"delete requirements", deleteShouldLines},
	}
	for name, files := range corpora {
		before := Extract(parseSet(t, files...))
		for _, e := range edits {
			t.Run(name+"/"+e.name, func(t *testing.T) {
				edited := make([]string, len(files))
				for i := 0; i < len(files); i += 2 {
					edited[i], edited[i+1] = files[i], e.edit(files[i+1])
				}
				after := Extract(parseSet(t, edited...))
				checkStable(t, before, after)
			})
		}
	}
}

// stableKey identifies a requirement by content and place, not by ID.
func stableKey(r *Requirement) string {
	return r.File + "\x00" + r.Section + "\x00" + r.norm + "\x00" + r.Property + fmt.Sprint(r.ordinal)
}

// checkStable checks that every requirement of before that is still in
// after has the same ID, and that after holds nothing else but inserted
// requirements; requirements whose normalized text occurs twice in a
// section are skipped (their suffixes follow reading order by design).
func checkStable(t *testing.T, before, after *Graph) {
	t.Helper()
	key := stableKey
	// Derived IDs do not name the file, so collisions are counted across
	// the set (the corpus holds archived copies of spec.md).
	dup := map[string]int{}
	dupKey := func(r *Requirement) string { return strings.TrimPrefix(key(r), r.File) }
	for _, r := range before.Requirements {
		dup[dupKey(r)]++
	}
	if strings.Contains(t.Name(), "delete") {
		// Deletion: compare from the side of what is left.
		byKey := map[string]*Requirement{}
		for _, r := range before.Requirements {
			byKey[key(r)] = r
		}
		for _, a := range after.Requirements {
			r := byKey[key(a)]
			if r == nil {
				t.Errorf("%s:%d: requirement %s is new after deleting", a.File, a.Line, a.ID)
			} else if dup[dupKey(a)] == 1 && r.ID != a.ID {
				t.Errorf("%s:%d: requirement %s became %s", a.File, a.Line, r.ID, a.ID)
			}
		}
		if len(after.Requirements) >= len(before.Requirements) && len(before.Requirements) > 20 {
			t.Errorf("nothing deleted")
		}
		return
	}
	inserted := 0
	for _, r := range after.Requirements {
		if strings.Contains(r.Text, "Inserted") {
			inserted++
		}
	}
	if len(after.Requirements) != len(before.Requirements)+inserted {
		t.Errorf("%d requirements before, %d after with %d inserted", len(before.Requirements), len(after.Requirements), inserted)
	}
	moved := 0
	for _, r := range before.Requirements {
		if dup[dupKey(r)] > 1 {
			continue
		}
		a := after.Requirement(r.ID)
		if a == nil || a.norm != r.norm || a.Keyword != r.Keyword {
			moved++
			if moved <= 5 {
				t.Errorf("%s:%d: requirement %s lost its ID (now %v)", r.File, r.Line, r.ID, a)
			}
		}
	}
	if moved > 5 {
		t.Errorf("... %d requirements lost their ID", moved)
	}
}

var (
	blockStartRE = regexp.MustCompile(`^\s*([-*+>#|<]|[0-9]+[.)]|\[[^\]]*\]:|` + "```|~~~" + `)`)
	setextRE     = regexp.MustCompile(`^\s*(=+|-+)\s*$`)
	sentenceGap  = regexp.MustCompile(`([a-z0-9)\x60]\.) ([A-Z])`)
)

// plainLines marks the lines of a Markdown source that are paragraph text
// outside code fences, tables, HTML and headings, with their indentation.
func plainLines(lines []string) []bool {
	plain := make([]bool, len(lines))
	fence := ""
	for i, l := range lines {
		tl := strings.TrimSpace(l)
		if fence != "" {
			if strings.HasPrefix(tl, fence) {
				fence = ""
			}
			continue
		}
		if strings.HasPrefix(tl, "```") || strings.HasPrefix(tl, "~~~") {
			fence = tl[:3]
			continue
		}
		if tl == "" || blockStartRE.MatchString(l) || strings.Contains(l, "|") || setextRE.MatchString(l) {
			continue
		}
		plain[i] = true
	}
	// A paragraph followed by a setext underline is a heading: leave it.
	for i := len(lines) - 1; i > 0; i-- {
		if setextRE.MatchString(lines[i]) {
			for j := i - 1; j >= 0 && plain[j]; j-- {
				plain[j] = false
			}
		}
	}
	return plain
}

func indentOf(l string) string { return l[:len(l)-len(strings.TrimLeft(l, " \t"))] }

// joinParagraphs puts every wrapped paragraph on one line.
func joinParagraphs(src string) string {
	lines := strings.Split(src, "\n")
	plain := plainLines(lines)
	var out []string
	for i, l := range lines {
		if i > 0 && plain[i] && plain[i-1] && indentOf(l) == indentOf(lines[i-1]) && len(out) > 0 {
			out[len(out)-1] = strings.TrimRight(out[len(out)-1], " ") + " " + strings.TrimSpace(l)
			continue
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// splitSentences breaks paragraph lines after every full stop that is
// followed by a capital letter, keeping the indentation.
func splitSentences(src string) string {
	lines := strings.Split(src, "\n")
	plain := plainLines(lines)
	for i, l := range lines {
		if plain[i] {
			lines[i] = sentenceGap.ReplaceAllString(l, "$1\n"+indentOf(l)+"$2")
		}
	}
	return strings.Join(lines, "\n")
}

// insertRequirements adds a requirement paragraph after every heading and
// a requirement sentence before every unindented paragraph that starts
// with a capital letter (so the splitter sees a sentence boundary).
func insertRequirements(src string) string {
	lines := strings.Split(src, "\n")
	plain := plainLines(lines)
	var out []string
	fence := ""
	n := 0
	for i, l := range lines {
		tl := strings.TrimSpace(l)
		if fence == "" && (strings.HasPrefix(tl, "```") || strings.HasPrefix(tl, "~~~")) {
			fence = tl[:3]
		} else if fence != "" && strings.HasPrefix(tl, fence) {
			fence = ""
		}
		if plain[i] && indentOf(l) == "" && l[0] >= 'A' && l[0] <= 'Z' && (i == 0 || strings.TrimSpace(lines[i-1]) == "") {
			n++
			l = fmt.Sprintf("Inserted clients SHOULD see paragraph number %d. %s", n, l)
		}
		out = append(out, l)
		if fence == "" && strings.HasPrefix(l, "#") && strings.HasPrefix(strings.TrimLeft(l, "#"), " ") {
			n++
			out = append(out, "", fmt.Sprintf("Inserted registries MUST see heading number %d.", n), "")
		}
	}
	return strings.Join(out, "\n")
}

// deleteShouldLines deletes the paragraph lines that hold one whole
// sentence with a SHOULD: they start with a capital letter, end with a
// full stop and follow a blank line or another full stop.
func deleteShouldLines(src string) string {
	lines := strings.Split(src, "\n")
	plain := plainLines(lines)
	var out []string
	for i, l := range lines {
		t := strings.TrimSpace(l)
		whole := plain[i] && t != "" && t[0] >= 'A' && t[0] <= 'Z' && strings.HasSuffix(t, ".") &&
			(i == 0 || strings.TrimSpace(lines[i-1]) == "" || strings.HasSuffix(strings.TrimSpace(lines[i-1]), "."))
		if whole && strings.Contains(t, " SHOULD ") && strings.Count(t, ". ") == 0 {
			continue
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}
