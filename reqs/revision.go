package reqs

import (
	"crypto/sha256"
	"encoding/hex"
)

// revisionLen is the number of hex digits of a revision.
const revisionLen = 6

// revision fingerprints what a requirement demands: its level, its
// normalized text (so formatting is not a change) and its property path.
// docs/requirements.md ("Revisions") is the normative description;
// ocispec trace compares it with the revision an annotation names to find
// stale tests.
func revision(r *Requirement) string {
	h := sha256.New()
	h.Write([]byte(r.Level))
	h.Write([]byte{0})
	h.Write([]byte(r.norm))
	h.Write([]byte{0})
	h.Write([]byte(r.Property))
	return hex.EncodeToString(h.Sum(nil))[:revisionLen]
}
