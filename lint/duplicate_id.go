package lint

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/ocispec/ocispec/specs"
)

// duplicateID reports a value that appears twice in the ID column of a
// table (a column headed "ID" or "<something> ID").
type duplicateID struct {
	idHeader *regexp.Regexp
}

func newDuplicateID() duplicateID {
	return duplicateID{idHeader: regexp.MustCompile(`(?i)^(?:[a-z-]+ )?ids?$`)}
}

func (duplicateID) Meta() Meta {
	return Meta{
		ID:       "duplicate-id",
		Severity: Error,
		Summary:  "Values in a table's ID column are unique.",
	}
}

func (r duplicateID) Check(doc *specs.Document, ctx *Context) []Finding {
	out := ctx.findings()
	for _, t := range doc.Tables {
		for col, h := range t.Header {
			if r.idHeader.MatchString(cellText(h)) {
				out = checkIDColumn(out, doc, t, col)
			}
		}
	}
	return out
}

// checkIDColumn appends a finding for each repeated value of column col.
func checkIDColumn(out []Finding, doc *specs.Document, t *specs.Table, col int) []Finding {
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
	return out
}

// cellText is a table cell's (or heading's) plain text without code
// backticks and surrounding space.
func cellText(b *specs.Block) string {
	if len(b.Sentences) == 1 && strings.IndexByte(b.Sentences[0].Text, '`') < 0 {
		// The common case needs no joining and no replacing.
		return strings.TrimSpace(b.Sentences[0].Text)
	}
	var parts []string
	for _, s := range b.Sentences {
		parts = append(parts, s.Text)
	}
	return strings.TrimSpace(strings.ReplaceAll(strings.Join(parts, " "), "`", ""))
}
