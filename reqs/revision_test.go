package reqs

import (
	"crypto/sha256"
	"encoding/hex"
	"testing"
)

// TestRevision: a revision is six hex digits of SHA-256 over level,
// normalized text and property; formatting keeps it, a change of wording,
// level or property changes it, and a section or position does not.
//
// Covers: requirements.md#revisions
func TestRevision(t *testing.T) {
	rev := func(src string) string {
		t.Helper()
		g := Extract(parseSet(t, "x.md", src))
		if len(g.Requirements) != 1 {
			t.Fatalf("%q: %d requirements", src, len(g.Requirements))
		}
		return g.Requirements[0].Revision
	}
	base := rev("# Names\n\nA name MUST NOT be longer than 64 bytes.\n")
	h := sha256.Sum256([]byte("MUST NOT\x00a name § be longer than 64 bytes\x00"))
	if want := hex.EncodeToString(h[:])[:6]; base != want {
		t.Errorf("revision %s, want %s", base, want)
	}
	same := map[string]string{
		"re-wrapped and emphasized": "# Names\n\nA name MUST NOT be *longer*\nthan 64 bytes.\n",
		"another section":           "# Other\n\nSomething else first.\nA name MUST NOT be longer than 64 bytes.\n",
	}
	for name, src := range same {
		if got := rev(src); got != base {
			t.Errorf("%s: revision %s, want %s", name, got, base)
		}
	}
	changed := map[string]string{
		"wording":  "# Names\n\nA name MUST NOT be longer than 128 bytes.\n",
		"level":    "# Names\n\nA name SHOULD NOT be longer than 64 bytes.\n",
		"property": "# Names\n\n- **`name`** *string*\n\n  A name MUST NOT be longer than 64 bytes.\n",
	}
	for name, src := range changed {
		if got := rev(src); got == base {
			t.Errorf("%s changed, revision %s did not", name, got)
		}
	}
}

// TestDerivedIDDigest: a derived ID's hash is SHA-256 over the normalized
// text, a zero byte, the property, a zero byte and the keyword's index.
//
// Covers: derived-ids-adb1a1
func TestDerivedIDDigest(t *testing.T) {
	g := Extract(parseSet(t, "x.md", "# Names\n\nA name MUST NOT be longer than 64 bytes and MAY be shorter.\n"))
	if len(g.Requirements) != 2 {
		t.Fatalf("%d requirements", len(g.Requirements))
	}
	for i, r := range g.Requirements {
		h := sha256.Sum256([]byte("a name § be longer than 64 bytes and § be shorter\x00\x00" + string(rune('0'+i))))
		if want := "names-" + hex.EncodeToString(h[:])[:6]; r.ID != want {
			t.Errorf("requirement %d: ID %s, want %s", i, r.ID, want)
		}
	}
}
