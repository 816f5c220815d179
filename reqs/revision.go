package reqs

// revisionLen is the number of hex digits of a revision.
const revisionLen = 6

// revision fingerprints what a requirement demands: its level, its
// normalized text (so formatting is not a change) and its property path.
// docs/requirements.md ("Revisions") is the normative description;
// ocispec trace compares it with the revision an annotation names to find
// stale tests.
func revision(r *Requirement) string {
	buf := make([]byte, 0, len(r.Level)+len(r.norm)+len(r.Property)+2)
	buf = append(append(append(append(append(buf, r.Level...), 0), r.norm...), 0), r.Property...)
	return shortHash(buf, revisionLen)
}
