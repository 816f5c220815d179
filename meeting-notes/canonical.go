package meetingnotes

import "strings"

// canonical is the form in which a line must survive formatting and
// archiving: only whitespace (indentation, chat separators, trailing
// blanks) may change, so lines are compared with runs of whitespace
// collapsed and the ends trimmed.
func canonical(s string) string { return strings.Join(strings.Fields(s), " ") }

// canonicalLines returns the canonical form of the non-blank lines.
func canonicalLines(lines []string) []string {
	var out []string
	for _, s := range lines {
		if c := canonical(s); c != "" {
			out = append(out, c)
		}
	}
	return out
}
