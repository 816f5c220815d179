package meetingnotes

import (
	"bytes"
	"strings"
)

// Format returns the document in the archive layout: blank lines around
// headings, lists and code blocks, two-space nested lists, tab-separated
// chat lines and a final newline. Sections that already have a layout are
// kept as they are (see isFlattened), so formatting a formatted file changes
// nothing and Format(Parse(Format(x))) == Format(x).
func (d *Document) Format() []byte {
	var secs []*section
	if d.header != nil {
		secs = append(secs, d.header)
	}
	for _, m := range d.Meetings {
		secs = append(secs, m.sec)
	}
	if d.trailer != nil {
		secs = append(secs, d.trailer)
	}
	return render(secs)
}

// render joins sections, keeping each section's own trailing blank lines
// (at least one, so every "## " heading has a blank line before it) except
// at the end of the file, which gets exactly one newline.
func render(secs []*section) []byte {
	var b bytes.Buffer
	wrote := false
	for i, s := range secs {
		if len(s.out) == 0 {
			continue
		}
		if wrote {
			n := secs[i-1].blanks
			if n < 1 || len(secs[i-1].out) == 0 {
				n = 1
			}
			b.WriteString(strings.Repeat("\n", n))
		}
		for _, line := range s.out {
			b.WriteString(line)
			b.WriteByte('\n')
		}
		wrote = true
	}
	return b.Bytes()
}

// Format parses data and returns it in the archive layout.
func Format(name string, data []byte) ([]byte, error) {
	d, err := Parse(name, data)
	if err != nil {
		return nil, err
	}
	return d.Format(), nil
}
