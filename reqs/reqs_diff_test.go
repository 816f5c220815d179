package reqs

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/ocispec/ocispec/internal/golden"
	"github.com/ocispec/ocispec/specs"
)

// diffEntry is a diff entry reduced to what the expectations name: the
// kind, the level(s) and the source line(s).
type diffEntry struct {
	Kind string // "added", "removed" or a ChangeKind
	// Old and New are "LEVEL@line"; empty for the missing side.
	Old, New string
}

func entries(d *Diff) []diffEntry {
	var out []diffEntry
	at := func(r *Requirement) string { return fmt.Sprintf("%s@%d", r.Level, r.Line) }
	for _, r := range d.Removed {
		out = append(out, diffEntry{"removed", at(r), ""})
	}
	for _, r := range d.Added {
		out = append(out, diffEntry{"added", "", at(r)})
	}
	for _, c := range d.Changed {
		out = append(out, diffEntry{string(c.Kind), at(c.Old), at(c.New)})
	}
	return out
}

// TestDiffFixtures runs reqs diff over our own made-up spec versions. The
// expectations were written by reading the fixture diffs:
//
//	v1 → v2: paragraph re-wrapped, a link target changed, a subsection
//	moved, emphasis added, a link target extended (all formatting); a
//	MAY became MUST NOT with new wording, a marked SHOULD became MUST, a
//	SHOULD became MAY, a table cell reworded, one requirement added.
//	v2 → v3: formatting only (re-wrapped back one sentence per line,
//	heading level changed, emphasis dropped, a code block with a keyword
//	removed).
//	v3 → v4: a marked requirement reworded, one nested requirement added,
//	one removed, one moved to a new section unchanged.
//
// Covers: requirement-diff-e0ade1, requirement-diff-f04c1c, requirement-diff-1ce5f5
func TestDiffFixtures(t *testing.T) {
	tests := []struct {
		old, new  string
		want      []diffEntry
		unchanged int
	}{
		{"v1.md", "v2.md", []diffEntry{
			{"added", "", "SHOULD@37"},
			{"strengthened", "MAY@12", "MUST NOT@12"},
			{"strengthened", "SHOULD@15", "MUST@15"},
			{"weakened", "SHOULD@20", "MAY@35"},
			{"reworded", "MUST@48", "MUST@49"},
		}, 10},
		{"v2.md", "v3.md", nil, 15},
		{"v3.md", "v4.md", []diffEntry{
			{"removed", "MUST@22", ""},
			{"added", "", "SHOULD@30"},
			{"reworded", "MUST@15", "MUST@15"},
		}, 13},
		{"v1.md", "v1.md", nil, 14},
	}
	for _, tt := range tests {
		t.Run(tt.old+"→"+tt.new, func(t *testing.T) {
			d := DiffGraphs(loadFixture(t, tt.old), loadFixture(t, tt.new))
			if got := entries(d); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("diff entries:\ngot  %v\nwant %v", got, tt.want)
			}
			if d.Unchanged != tt.unchanged {
				t.Errorf("unchanged = %d, want %d", d.Unchanged, tt.unchanged)
			}
			if d.Empty() != (len(tt.want) == 0) {
				t.Errorf("Empty() = %v", d.Empty())
			}
		})
	}
}

// Covers: requirement-diff-db648c, requirement-diff-ddf9f8, requirement-diff-ded3ec
func TestClassify(t *testing.T) {
	mk := func(l Level, norm string) *Requirement { return &Requirement{Level: l, norm: norm} }
	tests := []struct {
		o, n *Requirement
		want ChangeKind
	}{
		{mk(LevelMay, "a"), mk(LevelShould, "a"), Strengthened},
		{mk(LevelShould, "a"), mk(LevelMust, "b"), Strengthened},
		{mk(LevelMay, "a"), mk(LevelShouldNot, "a"), Strengthened},
		{mk(LevelMust, "a"), mk(LevelShould, "a"), Weakened},
		{mk(LevelMustNot, "a"), mk(LevelMay, "a"), Weakened},
		{mk(LevelMust, "a"), mk(LevelMustNot, "a"), Reversed},
		{mk(LevelShouldNot, "a"), mk(LevelShould, "a"), Reversed},
		{mk(LevelMayNot, "a"), mk(LevelMustNot, "a"), Reworded},
		{mk(LevelMust, "a"), mk(LevelMust, "b"), Reworded},
		{mk(LevelMust, "a"), mk(LevelMust, "a"), ""},
	}
	for _, tt := range tests {
		got, ok := classify(tt.o, tt.n)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("classify(%s %q, %s %q) = %q, %v; want %q", tt.o.Level, tt.o.norm, tt.n.Level, tt.n.norm, got, ok, tt.want)
		}
	}
}

// TestDiffFormattingOnly checks that formatting alone produces no entry.
//
// Covers: requirement-diff-9f02c4
func TestDiffFormattingOnly(t *testing.T) {
	base := "# Spec\n\n## Pull\n\nA registry MUST answer with the [manifest](#pull) when asked, and clients SHOULD verify it. Clients MAY cache it.\n"
	variants := map[string]string{
		"rewrapped":       "# Spec\n\n## Pull\n\nA registry MUST answer with the\n[manifest](#pull) when asked, and clients\nSHOULD verify it. Clients MAY cache it.\n",
		"split lines":     "# Spec\n\n## Pull\n\nA registry MUST answer with the [manifest](#pull) when asked, and clients SHOULD verify it.\nClients MAY cache it.\n",
		"link target":     "# Spec\n\n## Pull\n\nA registry MUST answer with the [manifest](other.md#manifests) when asked, and clients SHOULD verify it. Clients MAY cache it.\n",
		"reference link":  "# Spec\n\n## Pull\n\nA registry MUST answer with the [manifest][m] when asked, and clients SHOULD verify it. Clients MAY cache it.\n\n[m]: #pull\n",
		"emphasis":        "# Spec\n\n## Pull\n\nA *registry* **MUST** answer with the [manifest](#pull) when asked, and clients _SHOULD_ verify it. Clients MAY cache it.\n",
		"heading level":   "# Spec\n\n### Pull\n\nA registry MUST answer with the [manifest](#pull) when asked, and clients SHOULD verify it. Clients MAY cache it.\n",
		"code formatting": "# Spec\n\n## Pull\n\nA registry MUST answer with the [`manifest`](#pull) when asked, and clients SHOULD verify it. Clients MAY cache it.\n",
		"keyword synonym": "# Spec\n\n## Pull\n\nA registry SHALL answer with the [manifest](#pull) when asked, and clients SHOULD verify it. Clients MAY cache it.\n",
		"list item":       "# Spec\n\n## Pull\n\n- A registry MUST answer with the [manifest](#pull) when asked, and clients SHOULD verify it.\n- Clients MAY cache it.\n",
		"label line":      "# Spec\n\n## Pull\n\nA registry MUST answer with the [manifest](#pull) when asked, and clients SHOULD verify it.\n_Note:_\nClients MAY cache it.\n",
		"label inline":    "# Spec\n\n## Pull\n\nA registry MUST answer with the [manifest](#pull) when asked, and clients SHOULD verify it. _Note:_ Clients MAY cache it.\n",
	}
	old := Extract(parseSet(t, "s.md", base))
	if len(old.Requirements) != 3 {
		t.Fatalf("base has %d requirements", len(old.Requirements))
	}
	for name, src := range variants {
		t.Run(name, func(t *testing.T) {
			d := DiffGraphs(old, Extract(parseSet(t, "s.md", src)))
			if !d.Empty() || d.Unchanged != 3 {
				t.Errorf("entries %v, unchanged %d", entries(d), d.Unchanged)
			}
		})
	}
}

// TestDiffCorpus runs reqs diff over distribution-spec v1.0.1 → v1.1.0 →
// v1.1.1 → HEAD. The golden files hold IDs, kinds, levels and locations
// only (no spec text). Every entry of v1.1.0 → v1.1.1 was checked by hand
// against `diff spec-v1.1.0.md spec-v1.1.1.md` (after the role, clause and
// one-entry-per-sentence changes): the eight added sentences (one SHOULD
// for manifests, the MAY/MUST, SHOULD and Range SHOULD for blobs, the Link
// header MAY and MUST, the two deletion-disabled MUSTs) and the five
// reworded ones (the manifest digest MAY/MUST sentence as one entry, three
// "registry" → "repository" 404s, the tags-list MAY) are all the normative
// changes; the implementer notes (lower-case "should") and table edits
// rightly produce none.
func TestDiffCorpus(t *testing.T) {
	dir := distSpecDir(t)
	steps := [][2]string{
		{"spec-v1.0.1.md", "spec-v1.1.0.md"},
		{"spec-v1.1.0.md", "spec-v1.1.1.md"},
		{"spec-v1.1.1.md", "spec.md"},
	}
	load := func(name string) *Graph {
		src, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return Extract(parseSet(t, "spec.md", string(src)))
	}
	for _, st := range steps {
		t.Run(st[0]+"→"+st[1], func(t *testing.T) {
			d := DiffGraphs(load(st[0]), load(st[1]))
			goldenPath := filepath.Join("testdata", "reqs", "distribution-spec-"+strings.TrimSuffix(st[0], ".md")+"-to-"+strings.TrimSuffix(st[1], ".md")+".golden")
			golden.Check(t, goldenPath, []byte(diffSummary(d)))
		})
	}
}

// diffSummary renders a diff without requirement text.
func diffSummary(d *Diff) string {
	var b strings.Builder
	for _, r := range d.Removed {
		fmt.Fprintf(&b, "removed %s %s %s:%d\n", r.ID, r.Level, r.File, r.Line)
	}
	for _, r := range d.Added {
		fmt.Fprintf(&b, "added %s %s %s:%d\n", r.ID, r.Level, r.File, r.Line)
	}
	for _, c := range d.Changed {
		fmt.Fprintf(&b, "%s %s %s %s:%d -> %s %s %s:%d\n", c.Kind, c.Old.ID, c.Old.Level, c.Old.File, c.Old.Line, c.New.ID, c.New.Level, c.New.File, c.New.Line)
	}
	fmt.Fprintf(&b, "unchanged %d\n", d.Unchanged)
	return b.String()
}

// imageSpecAt returns image-spec's directory in the module cache at a
// version (go mod download github.com/opencontainers/image-spec@VERSION,
// which .ci/run does), or skips.
func imageSpecAt(t *testing.T, version string) string {
	t.Helper()
	out, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		t.Skipf("go env GOMODCACHE: %v", err)
	}
	dir := filepath.Join(strings.TrimSpace(string(out)), "github.com", "opencontainers", "image-spec@"+version)
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("image-spec %s not in the module cache (go mod download github.com/opencontainers/image-spec@%s)", version, version)
	}
	return dir
}

// TestDiffImageSpec runs reqs diff over image-spec v1.0.0 → v1.1.1 (the
// Markdown of both module versions, governance files left out as a
// zero-config run does). The golden holds IDs, kinds, levels and
// locations only.
func TestDiffImageSpec(t *testing.T) {
	load := func(version string) *Graph {
		opts := specs.LoadOptions{Exclude: specs.GovernancePatterns()}
		set, err := specs.Load(imageSpecAt(t, version), []string{"."}, opts)
		if err != nil {
			t.Fatal(err)
		}
		return Extract(set)
	}
	d := DiffGraphs(load("v1.0.0"), load("v1.1.1"))
	golden.Check(t, filepath.Join("testdata", "reqs", "image-spec-v1.0.0-to-v1.1.1.golden"), []byte(diffSummary(d)))
}
