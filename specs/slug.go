package specs

import (
	"strconv"
	"strings"
	"unicode"
)

// Slug returns the anchor GitHub derives from a heading's text content,
// without de-duplication: lower-cased, every character that is not a
// letter, mark, number, connector punctuation, hyphen or space dropped, and
// each space turned into a hyphen. This mirrors github-slugger, which is what
// github.com uses, so links written against github.com resolve here.
func Slug(text string) string {
	var b strings.Builder
	b.Grow(len(text))
	if ascii(text) {
		// Most headings: one pass, no lower-cased copy.
		for i := 0; i < len(text); i++ {
			if c, ok := slugByte(text[i]); ok {
				b.WriteByte(c)
			}
		}
		return b.String()
	}
	for _, r := range strings.ToLower(text) {
		switch {
		case r < 0x80:
			if c, ok := slugByte(byte(r)); ok {
				b.WriteByte(c)
			}
		case unicode.IsLetter(r), unicode.IsNumber(r), unicode.IsMark(r), unicode.Is(unicode.Pc, r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// slugByte is what an ASCII byte of a heading becomes in its slug: a
// space a hyphen, a capital its small letter, letters, digits, "-" and
// "_" themselves; ok is false for the bytes dropped.
func slugByte(c byte) (byte, bool) {
	switch {
	case c == ' ':
		return '-', true
	case c >= 'A' && c <= 'Z':
		return c + 'a' - 'A', true
	case c == '-' || c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z':
		return c, true
	}
	return 0, false
}

// A Slugger assigns unique anchors within one document, the way
// github-slugger does: the second "foo" becomes "foo-1", the third "foo-2",
// skipping suffixes already taken by literal headings.
type Slugger struct {
	seen map[string]int
}

// Slug returns the unique anchor for a heading with the given text.
func (s *Slugger) Slug(text string) string {
	if s.seen == nil {
		s.seen = make(map[string]int)
	}
	base := Slug(text)
	result := base
	for {
		if _, taken := s.seen[result]; !taken {
			break
		}
		s.seen[base]++
		result = base + "-" + strconv.Itoa(s.seen[base])
	}
	s.seen[result] = 0
	return result
}

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
