package reqs

// Requirement IDs. docs/requirements.md ("Requirement IDs") is the
// normative description of this scheme; keep the two in step.
//
//   - An explicit marker <!-- req: some-id --> names the first requirement
//     of the sentence that follows it (the first sentence ending after the
//     marker). Further requirements of that sentence get "-2", "-3", ...
//   - Otherwise the ID is the section anchor (or the file's base name
//     before the first heading) plus "-" and six hex digits of the SHA-256
//     of the requirement's normalized text (see normalizeText: formatting
//     and keywords masked), its property path and its ordinal among the
//     keywords of its sentence. Inserting, deleting or re-wrapping other
//     text therefore never changes an ID, and neither does a level change.
//   - Collisions are resolved in reading order: explicit IDs first, then
//     the first derived holder keeps the base and later ones get "-2",
//     "-3", ... IDs are unique in a spec set.

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/ocispec/ocispec/specs"
)

// markerRE matches an explicit requirement ID marker.
var markerRE = regexp.MustCompile(`<!--\s*req:\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*-->`)

// hashLen is the number of hex digits of a derived ID's hash.
const hashLen = 6

// derivedID returns the content-derived ID of r, before collision
// resolution.
func derivedID(r *Requirement) string {
	prefix := r.Section
	if prefix == "" {
		base := path.Base(r.File)
		prefix = specs.Slug(strings.TrimSuffix(base, path.Ext(base)))
		if prefix == "" {
			prefix = "req"
		}
	}
	// A table cell outside any property description hashes its row's
	// key instead, so equal cells of different rows differ.
	prop := cmp.Or(r.Property, r.rowKey)
	buf := make([]byte, 0, len(r.norm)+len(prop)+8)
	buf = append(append(append(append(buf, r.norm...), 0), prop...), 0)
	buf = strconv.AppendInt(buf, int64(r.ordinal), 10)
	return prefix + "-" + shortHash(buf, hashLen)
}

// shortHash returns the first n (even) hex digits of the SHA-256 of b.
func shortHash(b []byte, n int) string {
	sum := sha256.Sum256(b)
	out := make([]byte, n)
	hex.Encode(out, sum[:n/2])
	return string(out)
}

// explicitMarkers finds the <!-- req: id --> markers of a document and
// assigns them to its requirements (rs in source order). It returns
// warnings for markers that precede no requirement.
func explicitMarkers(doc *specs.Document, rs []*Requirement) []string {
	locs := markerRE.FindAllSubmatchIndex(doc.Source, -1)
	if len(locs) == 0 {
		return nil
	}
	var sents []*specs.Sentence
	for _, b := range doc.Blocks {
		sents = append(sents, b.Sentences...)
	}
	first := map[*specs.Sentence][]*Requirement{}
	for _, r := range rs {
		first[r.Sentence] = append(first[r.Sentence], r)
	}
	var warns []string
	si := 0
	for _, loc := range locs {
		start, end := loc[0], loc[1]
		if inCodeBlock(doc, start) {
			continue
		}
		for si < len(sents) && sents[si].Span.End <= end {
			si++
		}
		// sents[si] is the first sentence ending after the marker.
		var target *specs.Sentence
		if si < len(sents) {
			target = sents[si]
		}
		if target != nil && target.Span.Start <= start && markerInCodeSpan(target) {
			continue
		}
		pos := doc.Position(start)
		where := fmt.Sprintf("%s:%d:%d", doc.Path, pos.Line, pos.Column)
		warns = nameRequirements(warns, where, string(doc.Source[loc[2]:loc[3]]), first[target])
	}
	return warns
}

// nameRequirements gives a marker's ID to the requirements of the
// sentence it precedes, the first keyword's plain and the others' with
// "-2", "-3", ...
func nameRequirements(warns []string, where, id string, rs []*Requirement) []string {
	if len(rs) == 0 {
		return append(warns, fmt.Sprintf("%s: marker %q does not precede a requirement", where, id))
	}
	for k, r := range rs {
		if r.Explicit {
			return append(warns, fmt.Sprintf("%s: marker %q: requirement already named %q", where, id, r.ID))
		}
		r.Explicit = true
		r.ID = id
		if k > 0 {
			r.ID = id + "-" + strconv.Itoa(k+1)
		}
	}
	return warns
}

func inCodeBlock(doc *specs.Document, off int) bool {
	for _, cb := range doc.CodeBlocks {
		if off >= cb.Span.Start && off < cb.Span.End {
			return true
		}
	}
	return false
}

// markerInCodeSpan reports whether a marker inside s is really code: raw
// HTML never reaches Sentence.Text, so a marker visible there is a code
// span's content.
func markerInCodeSpan(s *specs.Sentence) bool {
	for _, c := range s.Code {
		if c[0] >= 0 && c[1] <= len(s.Text) && c[0] <= c[1] && strings.Contains(s.Text[c[0]:c[1]], "<!--") {
			return true
		}
	}
	return false
}

// assignIDs gives every requirement of the set a unique ID and returns
// warnings about markers.
func assignIDs(set *specs.Set, perDoc [][]*Requirement) []string {
	var warns []string
	taken := map[string]bool{}
	ids := &idAllocator{taken: taken, next: map[string]int{}}
	for i, doc := range set.Docs {
		warns = append(warns, explicitMarkers(doc, perDoc[i])...)
		for _, r := range perDoc[i] {
			if !r.Explicit {
				continue
			}
			if taken[r.ID] {
				pos := doc.Position(r.Offset)
				warns = append(warns, fmt.Sprintf("%s:%d:%d: duplicate requirement ID %q", doc.Path, pos.Line, pos.Column, r.ID))
				r.ID = ids.unique(r.ID)
			}
			taken[r.ID] = true
		}
	}
	for _, rs := range perDoc {
		for _, r := range rs {
			if r.Explicit {
				continue
			}
			r.ID = ids.unique(derivedID(r))
			taken[r.ID] = true
		}
	}
	return warns
}

// idAllocator hands out base, or base-2, base-3, ... whichever is not
// taken. It remembers where each base's search stopped, since taken only
// grows: k identical sentences cost O(k), not O(k²).
type idAllocator struct {
	taken map[string]bool
	next  map[string]int
}

func (a *idAllocator) unique(base string) string {
	if !a.taken[base] {
		return base
	}
	n := max(a.next[base], 2)
	for ; a.taken[base+"-"+strconv.Itoa(n)]; n++ {
	}
	a.next[base] = n + 1
	return base + "-" + strconv.Itoa(n)
}
