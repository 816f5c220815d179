package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCLIDocsCommands: docs/cli.md's command table has a row for every
// command, and a command that is still a stub (its help says "not
// implemented yet") is not documented there as if it worked.
func TestCLIDocsCommands(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "docs", "cli.md"))
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]string{}
	for _, line := range strings.Split(string(data), "\n") {
		cells := strings.Split(line, "|")
		if len(cells) > 2 {
			rows[strings.Trim(strings.TrimSpace(cells[1]), "`")] = line
		}
	}
	for _, c := range (&app{}).rootCmd().Commands() {
		if c.Hidden || c.Name() == "help" {
			continue
		}
		row, ok := rows[c.Name()]
		switch {
		case !ok:
			t.Errorf("docs/cli.md: no row for command %s", c.Name())
		case strings.Contains(c.Short, "not implemented yet") && !strings.Contains(row, "not implemented yet"):
			t.Errorf("docs/cli.md documents %s as working, but it is not implemented yet: %s", c.Name(), row)
		}
	}
}
