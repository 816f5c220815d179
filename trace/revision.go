package trace

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"github.com/ocispec/ocispec/reqs"
)

// Revision returns the requirement's revision: a short fingerprint of its
// level and normalized text, so that an annotation naming an older
// revision is stale.
// TODO(trace): use the revision the requirement graph computes once it
// has one.
func Revision(r *reqs.Requirement) string {
	h := sha256.New()
	h.Write([]byte(r.Level))
	h.Write([]byte{0})
	h.Write([]byte(strings.ToLower(strings.Join(strings.Fields(r.Text), " "))))
	return hex.EncodeToString(h.Sum(nil))[:6]
}
