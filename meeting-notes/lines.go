package meetingnotes

import (
	"bytes"
	"fmt"
	"unicode/utf8"
)

// MaxLineBytes bounds one line of input. Real notes have chat messages of a
// few kilobytes at most; a longer line is almost certainly a binary or
// minified file given by mistake, and refusing it keeps memory use bounded.
const MaxLineBytes = 256 << 10

// MaxFileBytes bounds a whole notes or archive file (the largest real
// archive is about 160 kB).
const MaxFileBytes = 64 << 20

// srcLine is one input line without its line terminator.
type srcLine struct {
	n    int    // 1-based line number
	text string // without "\n" and without a trailing "\r"
	off  int    // byte offset of the line start in the input
}

// splitLines validates data and cuts it into lines. It rejects what cannot be
// notes (binary data, invalid UTF-8, absurdly long lines) with an error that
// names file:line, so a caller never has to guess which input was bad.
func splitLines(name string, data []byte) (lines []srcLine, finalNewline bool, err error) {
	if len(data) > MaxFileBytes {
		return nil, false, fmt.Errorf("%s: file too large (%d bytes, limit %d)", name, len(data), MaxFileBytes)
	}
	off := 0
	for bytes.HasPrefix(data[off:], []byte("\xef\xbb\xbf")) {
		off += 3 // a UTF-8 byte order mark carries no content
	}
	n := 0
	for off < len(data) {
		n++
		end := bytes.IndexByte(data[off:], '\n')
		var raw []byte
		next := len(data)
		if end < 0 {
			raw = data[off:]
		} else {
			raw = data[off : off+end]
			next = off + end + 1
		}
		if len(raw) > MaxLineBytes {
			return nil, false, fmt.Errorf("%s:%d: line too long (%d bytes, limit %d)", name, n, len(raw), MaxLineBytes)
		}
		if i := bytes.IndexByte(raw, 0); i >= 0 {
			return nil, false, fmt.Errorf("%s:%d:%d: NUL byte: binary file, not Markdown notes", name, n, i+1)
		}
		if !utf8.Valid(raw) {
			col := 1
			for i := 0; i < len(raw); {
				r, size := utf8.DecodeRune(raw[i:])
				if r == utf8.RuneError && size <= 1 {
					break
				}
				i += size
				col++
			}
			return nil, false, fmt.Errorf("%s:%d:%d: invalid UTF-8", name, n, col)
		}
		raw = bytes.TrimRight(raw, "\r")
		lines = append(lines, srcLine{n: n, text: string(raw), off: off})
		finalNewline = end >= 0
		off = next
	}
	return lines, finalNewline, nil
}
