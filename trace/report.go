package trace

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
)

// A Report is a trace: per requirement its tests, outcomes and status,
// coverage per level, and the problems found in the evidence.
// docs/trace.md describes its JSON form.
type Report struct {
	Requirements []*ReqTrace            `json:"requirements"`
	Levels       map[string]*LevelCount `json:"levels"`
	Orphans      []Orphan               `json:"orphans"`
	Untraced     []UntracedTest         `json:"untraced"`
	Unmatched    []Unmatched            `json:"unmatched"`
	Runs         []*Results             `json:"runs"`
	Findings     []Finding              `json:"findings"`
}

// ReqTrace is one requirement's trace.
type ReqTrace struct {
	ID       string `json:"id"`
	Level    string `json:"level"`
	Status   Status `json:"status"`
	Revision string `json:"revision"`
	Actor    string `json:"actor"`
	File     string `json:"file"`
	Line     int    `json:"line"`
	Section  string `json:"section"`
	Text     string `json:"text"`
	// Tests are the covering tests; Runs is the requirement's outcome in
	// each results file that ran one of them (the matrix row).
	Tests []TestTrace        `json:"tests"`
	Runs  map[string]Outcome `json:"runs"`
}

// TestTrace is one covering test of a requirement.
type TestTrace struct {
	Name string `json:"name"`
	// Via is "annotation" or "mapping"; File and Line locate the
	// annotation or the mapping entry, Target is the name it used.
	Via      string             `json:"via"`
	Target   string             `json:"target"`
	File     string             `json:"file"`
	Line     int                `json:"line"`
	Stale    bool               `json:"stale,omitempty"`
	Outcomes map[string]Outcome `json:"outcomes"`
}

// LevelCount is the coverage of one level group.
type LevelCount struct {
	Total   int     `json:"total"`
	Covered int     `json:"covered"`
	Percent float64 `json:"percent"`
}

// An Orphan is an annotation or mapping target that names no
// requirement, section or endpoint.
type Orphan struct {
	Target string `json:"target"`
	Test   string `json:"test,omitempty"`
	File   string `json:"file"`
	Line   int    `json:"line"`
}

// UntracedTest is a test that traces to no requirement.
type UntracedTest struct {
	Name string `json:"name"`
	File string `json:"file,omitempty"`
	Line int    `json:"line,omitempty"`
}

// Unmatched is a mapping entry whose patterns match no known test.
type Unmatched struct {
	File     string   `json:"file"`
	Line     int      `json:"line"`
	Patterns []string `json:"patterns"`
}

// levelOrder is the order levels are reported in.
var levelOrder = []string{"MUST", "SHOULD", "MAY"}

// Formats returns the output formats Write supports besides html, which
// the site renderer writes.
func Formats() []string { return []string{"text", "json", "markdown"} }

// Write writes the report in a format of Formats.
func Write(w io.Writer, format string, rep *Report) error {
	switch format {
	case "json":
		return writeJSON(w, rep)
	case "markdown":
		return writeMarkdown(w, rep)
	case "text":
		return writeText(w, rep)
	}
	return fmt.Errorf("trace: unknown format %q", format)
}

func writeJSON(w io.Writer, rep *Report) error {
	out := *rep
	if out.Requirements == nil {
		out.Requirements = []*ReqTrace{}
	}
	if out.Orphans == nil {
		out.Orphans = []Orphan{}
	}
	if out.Unmatched == nil {
		out.Unmatched = []Unmatched{}
	}
	if out.Runs == nil {
		out.Runs = []*Results{}
	}
	if out.Findings == nil {
		out.Findings = []Finding{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(&out)
}

// RunNames lists the names of the report's results files in order.
func (rep *Report) RunNames() []string {
	names := make([]string, len(rep.Runs))
	for i, r := range rep.Runs {
		names[i] = r.Name
	}
	return names
}

// LevelNames lists the report's level groups in reporting order.
func (rep *Report) LevelNames() []string {
	var out []string
	for _, l := range levelOrder {
		if rep.Levels[l] != nil {
			out = append(out, l)
		}
	}
	return out
}

// StatusCounts counts requirements per status.
func (rep *Report) StatusCounts() map[Status]int {
	out := map[Status]int{}
	for _, r := range rep.Requirements {
		out[r.Status]++
	}
	return out
}

func writeText(w io.Writer, rep *Report) error {
	ew := &errWriter{w: w}
	runs := rep.RunNames()
	for _, r := range rep.Requirements {
		ew.printf("%-9s %-8s %s  %s:%d", r.Status, r.Level, r.ID, r.File, r.Line)
		for _, n := range runs {
			if o, ok := r.Runs[n]; ok {
				ew.printf("  %s=%s", n, o)
			}
		}
		ew.printf("\n")
		for _, t := range r.Tests {
			ew.printf("          %s %s\n", testMark(t), t.Name)
		}
	}
	writeTextSummary(ew, rep)
	return ew.err
}

func testMark(t TestTrace) string {
	if t.Stale {
		return "~"
	}
	return "-"
}

func writeTextSummary(ew *errWriter, rep *Report) {
	ew.printf("\n")
	for _, l := range rep.LevelNames() {
		c := rep.Levels[l]
		ew.printf("%-6s %d/%d covered (%.1f%%)\n", l, c.Covered, c.Total, c.Percent)
	}
	counts := rep.StatusCounts()
	var parts []string
	for _, s := range []Status{StatusPass, StatusFail, StatusSkip, StatusCovered, StatusStale, StatusUncovered} {
		if counts[s] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", counts[s], s))
		}
	}
	ew.printf("%d requirements: %s\n", len(rep.Requirements), strings.Join(parts, ", "))
	ew.printf("%d orphans, %d untraced tests, %d unmatched mapping entries, %d results files\n",
		len(rep.Orphans), len(rep.Untraced), len(rep.Unmatched), len(rep.Runs))
	for _, f := range rep.Findings {
		ew.printf("%s: %s\n", f.Kind, f)
	}
}

func writeMarkdown(w io.Writer, rep *Report) error {
	ew := &errWriter{w: w}
	ew.printf("# Traceability\n\n| Level | Covered | Total | Coverage |\n| --- | ---: | ---: | ---: |\n")
	for _, l := range rep.LevelNames() {
		c := rep.Levels[l]
		ew.printf("| %s | %d | %d | %.1f%% |\n", l, c.Covered, c.Total, c.Percent)
	}
	runs := rep.RunNames()
	ew.printf("\n| Requirement | Level | Status | Tests |")
	for _, n := range runs {
		ew.printf(" %s |", mdCell(n))
	}
	ew.printf("\n| --- | --- | --- | ---: |%s\n", strings.Repeat(" --- |", len(runs)))
	for _, r := range rep.Requirements {
		ew.printf("| [`%s`](%s#L%d) | %s | %s | %d |", r.ID, r.File, r.Line, r.Level, r.Status, len(r.Tests))
		for _, n := range runs {
			ew.printf(" %s |", r.Runs[n])
		}
		ew.printf("\n")
	}
	if len(rep.Findings) > 0 {
		ew.printf("\n## Findings\n\n")
		for _, f := range rep.Findings {
			ew.printf("- %s: %s\n", f.Kind, mdCell(f.String()))
		}
	}
	return ew.err
}

func mdCell(s string) string {
	return strings.ReplaceAll(s, "|", `\|`)
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}

// Thresholds are minimum coverage percentages per level group, as given
// to --fail-under ("must=90,should=50").
type Thresholds map[string]float64

// ParseThresholds parses "level=NN[,level=NN...]".
func ParseThresholds(s string) (Thresholds, error) {
	t := Thresholds{}
	if strings.TrimSpace(s) == "" {
		return t, nil
	}
	for _, part := range strings.Split(s, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		level := strings.ToUpper(strings.TrimSpace(k))
		if !ok || !validGroup(level) {
			return nil, fmt.Errorf("--fail-under %q: want LEVEL=PERCENT with LEVEL must, should or may", part)
		}
		n, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), "%"), 64)
		if err != nil || math.IsNaN(n) || n < 0 || n > 100 {
			return nil, fmt.Errorf("--fail-under %q: want a percentage from 0 to 100", part)
		}
		t[level] = n
	}
	return t, nil
}

func validGroup(l string) bool {
	for _, g := range levelOrder {
		if l == g {
			return true
		}
	}
	return false
}

// Gate returns one message per level whose coverage is under its
// threshold, in level order.
func (t Thresholds) Gate(rep *Report) []string {
	var out []string
	levels := make([]string, 0, len(t))
	for l := range t {
		levels = append(levels, l)
	}
	sort.Slice(levels, func(i, j int) bool { return levelRank(levels[i]) < levelRank(levels[j]) })
	for _, l := range levels {
		c := rep.Levels[l]
		if c == nil {
			continue
		}
		if c.Percent < t[l] {
			out = append(out, fmt.Sprintf("%s coverage %.1f%% (%d/%d) is under %.1f%%", l, c.Percent, c.Covered, c.Total, t[l]))
		}
	}
	return out
}

func levelRank(l string) int {
	for i, g := range levelOrder {
		if g == l {
			return i
		}
	}
	return len(levelOrder)
}
