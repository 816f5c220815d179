package reqs

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"go.yaml.in/yaml/v3"
)

// GraphFormats lists the output formats of WriteGraph. YAML uses the same
// member names as JSON (the types carry both tags).
func GraphFormats() []string { return []string{"text", "json", "markdown", "dot", "yaml"} }

// DiffFormats lists the output formats of WriteDiff.
func DiffFormats() []string { return []string{"text", "json", "markdown"} }

// MapPaths rewrites the file paths of the graph (requirement files, section
// and file nodes of edges and refs) through f, e.g. to make them relative
// to the current directory for output.
func (g *Graph) MapPaths(f func(docPath string) string) {
	mapNode := func(kind RefKind, target string) string {
		switch kind {
		case RefSection:
			file, frag, _ := strings.Cut(target, "#")
			return f(file) + "#" + frag
		case RefFile:
			return f(target)
		}
		return target
	}
	for _, r := range g.Requirements {
		r.File = f(r.File)
		for i, ref := range r.Refs {
			r.Refs[i].Target = mapNode(ref.Kind, ref.Target)
		}
	}
	for i, e := range g.Edges {
		if e.Kind == EdgeContains {
			if file, frag, ok := strings.Cut(e.From, "#"); ok {
				g.Edges[i].From = f(file) + "#" + frag
			} else {
				g.Edges[i].From = f(e.From)
			}
			continue
		}
		g.Edges[i].To = mapNode(e.ToKind, e.To)
	}
}

// WriteGraph writes a requirement graph in one of GraphFormats.
func WriteGraph(w io.Writer, format string, g *Graph) error {
	return buffered(w, func(bw *bufio.Writer) error {
		switch format {
		case "text":
			writeGraphText(bw, g)
		case "json":
			return writeGraphJSON(bw, g)
		case "markdown":
			writeGraphMarkdown(bw, g)
		case "dot":
			writeGraphDOT(bw, g)
		case "yaml":
			return writeYAML(bw, g)
		default:
			return fmt.Errorf("unsupported format %q", format)
		}
		return nil
	})
}

// WriteDiff writes a requirement diff in one of DiffFormats.
func WriteDiff(w io.Writer, format string, d *Diff) error {
	return buffered(w, func(bw *bufio.Writer) error {
		switch format {
		case "text":
			writeDiffText(bw, d)
		case "json":
			return writeJSON(bw, d)
		case "markdown":
			writeDiffMarkdown(bw, d)
		default:
			return fmt.Errorf("unsupported format %q", format)
		}
		return nil
	})
}

// buffered runs write on a buffered writer and flushes it on success.
func buffered(w io.Writer, write func(*bufio.Writer) error) error {
	bw := bufio.NewWriter(w)
	if err := write(bw); err != nil {
		return err
	}
	return bw.Flush()
}

func writeYAML(w io.Writer, v any) error {
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(v); err != nil {
		return err
	}
	return enc.Close()
}

// writeGraphJSON writes the graph as writeJSON would, one requirement and
// one edge at a time, so a large graph is never held as one JSON buffer.
func writeGraphJSON(w io.Writer, g *Graph) error {
	if _, err := io.WriteString(w, "{\n  \"requirements\": "); err != nil {
		return err
	}
	if err := writeJSONArray(w, g.Requirements); err != nil {
		return err
	}
	if _, err := io.WriteString(w, ",\n  \"edges\": "); err != nil {
		return err
	}
	if err := writeJSONArray(w, g.Edges); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n}\n")
	return err
}

// writeJSONArray writes a member array at depth one of writeJSON's
// indentation.
func writeJSONArray[T any](w io.Writer, items []T) error {
	if len(items) == 0 {
		_, err := io.WriteString(w, "[]")
		return err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("    ", "  ")
	enc.SetEscapeHTML(false)
	for i, it := range items {
		buf.Reset()
		sep := ",\n    "
		if i == 0 {
			sep = "[\n    "
		}
		buf.WriteString(sep)
		if err := enc.Encode(it); err != nil {
			return err
		}
		buf.Truncate(buf.Len() - 1) // Encode's newline
		if _, err := w.Write(buf.Bytes()); err != nil {
			return err
		}
	}
	_, err := io.WriteString(w, "\n  ]")
	return err
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func location(r *Requirement) string {
	return fmt.Sprintf("%s:%d:%d", r.File, r.Line, r.Column)
}

// levelCounts summarizes requirements by level, strongest first.
func levelCounts(rs []*Requirement) string {
	n := map[Level]int{}
	for _, r := range rs {
		n[r.Level]++
	}
	var parts []string
	for _, l := range Levels() {
		if n[l] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n[l], l))
		}
	}
	return strings.Join(parts, ", ")
}

func writeGraphText(w io.Writer, g *Graph) {
	for _, r := range g.Requirements {
		actor := ""
		if r.Actor != "" {
			actor = " [" + r.Actor + "]"
		}
		fmt.Fprintf(w, "%s: %s %s %s%s %s\n", location(r), r.ID, r.Level, r.Role, actor, r.Text)
	}
	fmt.Fprintf(w, "%d requirements", len(g.Requirements))
	if len(g.Requirements) > 0 {
		fmt.Fprintf(w, " (%s)", levelCounts(g.Requirements))
	}
	fmt.Fprintln(w)
}

// mdCell escapes text for a Markdown table cell.
func mdCell(s string) string {
	s = strings.ReplaceAll(s, "\\", "\\\\")
	s = strings.ReplaceAll(s, "|", "\\|")
	return strings.ReplaceAll(s, "\n", " ")
}

func writeGraphMarkdown(w io.Writer, g *Graph) {
	fmt.Fprintf(w, "# Requirements\n\n%d requirements", len(g.Requirements))
	if len(g.Requirements) > 0 {
		fmt.Fprintf(w, ": %s", levelCounts(g.Requirements))
	}
	fmt.Fprintln(w, ".")
	file, section := "\x00", "\x00"
	for _, r := range g.Requirements {
		if r.File != file || r.Section != section {
			file, section = r.File, r.Section
			title := r.File
			if r.Section != "" {
				title += " › " + r.Section
			}
			fmt.Fprintf(w, "\n## %s\n\n| ID | Level | Role | Actor | Requirement | Line |\n| --- | --- | --- | --- | --- | --- |\n", mdCell(title))
		}
		fmt.Fprintf(w, "| `%s` | %s | %s | %s | %s | %d |\n", r.ID, r.Level, r.Role, mdCell(r.Actor), mdCell(r.Text), r.Line)
	}
}

// dotQuote quotes a string as a DOT ID.
func dotQuote(s string) string {
	s = strings.ReplaceAll(s, "\\", "\\\\")
	s = strings.ReplaceAll(s, "\"", "\\\"")
	s = strings.ReplaceAll(s, "\n", "\\n")
	return "\"" + s + "\""
}

var levelColors = map[Level]string{
	LevelMust: "#c62828", LevelMustNot: "#6a1b9a", LevelShould: "#ef6c00",
	LevelShouldNot: "#8d6e63", LevelMay: "#2e7d32", LevelMayNot: "#6a1b9a",
}

func writeGraphDOT(w io.Writer, g *Graph) {
	fmt.Fprintln(w, "digraph requirements {")
	fmt.Fprintln(w, "  rankdir=LR;")
	fmt.Fprintln(w, "  node [shape=box, fontname=\"Helvetica\", fontsize=10];")
	declared := map[string]bool{}
	for _, r := range g.Requirements {
		declared[r.ID] = true
		fmt.Fprintf(w, "  %s [label=%s, color=%s, tooltip=%s];\n", dotQuote(r.ID), dotQuote(r.ID+"\n"+string(r.Level)+" · "+string(r.Role)), dotQuote(levelColors[r.Level]), dotQuote(r.Text))
	}
	node := func(name string, kind RefKind) {
		if declared[name] {
			return
		}
		declared[name] = true
		shape := "ellipse"
		switch kind {
		case RefSection:
			shape = "folder"
		case RefFile:
			shape = "note"
		}
		fmt.Fprintf(w, "  %s [shape=%s, label=%s];\n", dotQuote(name), shape, dotQuote(name))
	}
	for _, e := range g.Edges {
		switch e.Kind {
		case EdgeContains:
			node(e.From, RefSection)
			fmt.Fprintf(w, "  %s -> %s [color=gray];\n", dotQuote(e.From), dotQuote(e.To))
		case EdgeReferences:
			node(e.To, e.ToKind)
			fmt.Fprintf(w, "  %s -> %s [style=dashed];\n", dotQuote(e.From), dotQuote(e.To))
		case EdgeRefines:
			fmt.Fprintf(w, "  %s -> %s [style=bold, label=refines];\n", dotQuote(e.From), dotQuote(e.To))
		}
	}
	fmt.Fprintln(w, "}")
}

// diffCounts summarizes a diff in one line.
func diffCounts(d *Diff) string {
	kinds := map[ChangeKind]int{}
	for _, c := range d.Changed {
		kinds[c.Kind]++
	}
	return fmt.Sprintf("%d added, %d removed, %d changed (%d reversed, %d strengthened, %d weakened, %d reworded), %d unchanged",
		len(d.Added), len(d.Removed), len(d.Changed), kinds[Reversed], kinds[Strengthened], kinds[Weakened], kinds[Reworded], d.Unchanged)
}

func writeDiffText(w io.Writer, d *Diff) {
	for _, r := range d.Removed {
		fmt.Fprintf(w, "removed %s %s %s (%s)\n  - %s\n", r.ID, r.Level, r.Role, location(r), r.Text)
	}
	for _, r := range d.Added {
		fmt.Fprintf(w, "added %s %s %s (%s)\n  + %s\n", r.ID, r.Level, r.Role, location(r), r.Text)
	}
	for _, c := range d.Changed {
		id := c.New.ID
		if c.Old.ID != c.New.ID {
			id = c.Old.ID + " → " + c.New.ID
		}
		level := string(c.New.Level)
		if c.Old.Level != c.New.Level {
			level = string(c.Old.Level) + " → " + string(c.New.Level)
		}
		fmt.Fprintf(w, "%s %s %s %s (%s)\n  - %s\n  + %s\n", c.Kind, id, level, c.New.Role, location(c.New), c.Old.Text, c.New.Text)
	}
	fmt.Fprintln(w, diffCounts(d))
}

func writeDiffMarkdown(w io.Writer, d *Diff) {
	fmt.Fprintf(w, "# Normative changes\n\n%s.\n", diffCounts(d))
	if len(d.Changed) > 0 {
		fmt.Fprintf(w, "\n## Changed\n\n| Change | Level | Role | ID | Before | After |\n| --- | --- | --- | --- | --- | --- |\n")
		for _, c := range d.Changed {
			level := string(c.New.Level)
			if c.Old.Level != c.New.Level {
				level = string(c.Old.Level) + " → " + string(c.New.Level)
			}
			fmt.Fprintf(w, "| %s | %s | %s | `%s` | %s | %s |\n", c.Kind, level, c.New.Role, c.New.ID, mdCell(c.Old.Text), mdCell(c.New.Text))
		}
	}
	for _, part := range []struct {
		title string
		rs    []*Requirement
	}{{"Added", d.Added}, {"Removed", d.Removed}} {
		if len(part.rs) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n## %s\n\n| Level | Role | ID | Requirement | Location |\n| --- | --- | --- | --- | --- |\n", part.title)
		for _, r := range part.rs {
			fmt.Fprintf(w, "| %s | %s | `%s` | %s | %s |\n", r.Level, r.Role, r.ID, mdCell(r.Text), mdCell(location(r)))
		}
	}
}
