package lint

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/ocispec/ocispec/specs"
)

// duplicateID reports a value that appears twice in the ID column of a
// table (a column headed "ID" or "<something> ID").
func duplicateID() *Rule {
	idHeader := regexp.MustCompile(`(?i)^(?:[a-z-]+ )?ids?$`)
	return &Rule{
		ID:       "duplicate-id",
		Severity: Error,
		Summary:  "Values in a table's ID column are unique.",
		Check: func(doc *specs.Document, _ *Context) []Finding {
			var out []Finding
			for _, t := range doc.Tables {
				for col, h := range t.Header {
					if !idHeader.MatchString(cellText(h)) {
						continue
					}
					seen := map[string]int{}
					for _, row := range t.Rows {
						if col >= len(row) || row[col] == nil {
							continue
						}
						c := row[col]
						v := cellText(c)
						if v == "" {
							continue
						}
						if line, ok := seen[v]; ok {
							out = append(out, Finding{Span: c.Span(), Message: fmt.Sprintf("ID %q appears again in this table (first on line %d)", v, line)})
							continue
						}
						seen[v] = doc.Position(c.Span().Start).Line
					}
				}
			}
			return out
		},
	}
}

// cellText is a table cell's (or heading's) plain text without code
// backticks and surrounding space.
func cellText(b *specs.Block) string {
	var parts []string
	for _, s := range b.Sentences {
		parts = append(parts, s.Text)
	}
	return strings.TrimSpace(strings.ReplaceAll(strings.Join(parts, " "), "`", ""))
}
