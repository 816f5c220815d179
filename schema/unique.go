package schema

import (
	"fmt"
	"strings"
)

// CheckFiles reports generated schemas that would be written to the same
// file: documents of the same name in different directories (two
// config.md, two manifest.md) give the same schema file name, and writing
// both would silently keep only the last one. The error names every such
// file with the sources that generate it.
func CheckFiles(gen []Generated) error {
	first := map[string]int{}
	var clashes []string
	for i, g := range gen {
		j, seen := first[g.File]
		if !seen {
			first[g.File] = i
			continue
		}
		clashes = append(clashes, fmt.Sprintf("%s: generated from both %s:%d and %s:%d",
			g.File, gen[j].Source, gen[j].Line, g.Source, g.Line))
	}
	if len(clashes) > 0 {
		return fmt.Errorf("schema file names clash (generate these documents into different directories):\n%s", strings.Join(clashes, "\n"))
	}
	return nil
}
