// Package lint checks specification Markdown against ocispec's style rules:
// one sentence per line, canonical RFC links, BCP 14 hygiene, links,
// table IDs and tables of contents.
//
// A rule is a small registered unit (see Rule and Rules): an ID, a default
// severity, a documentation page under docs/rules/ and a Check function
// over one parsed document; set-wide rules add Summarize and
// CheckSummaries. A rule reports Findings; a finding may carry a Fix, a set
// of byte-range edits that one fixer (Apply, FixSource) applies. A Stream
// lints a set one document at a time, so memory stays flat on large sets;
// Run and RunRules wrap it for a loaded specs.Set. Reporters (text, json,
// sarif, github) only format findings. Nothing in the package keeps global
// mutable state: the rule registry is built by a function on each call.
package lint

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/ocispec/ocispec/specs"
)

// Severity orders how serious a finding is. Off disables a rule.
type Severity int

// Severities, from least to most serious.
const (
	Off Severity = iota
	Info
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Off:
		return "off"
	case Info:
		return "info"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return fmt.Sprintf("severity(%d)", int(s))
}

// ParseSeverity parses "off", "info", "warning" or "error" (case-insensitive;
// "warn" is accepted for warning).
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "off", "false", "none":
		return Off, nil
	case "info", "note":
		return Info, nil
	case "warning", "warn":
		return Warning, nil
	case "error":
		return Error, nil
	}
	return Off, fmt.Errorf("unknown severity %q (want off, info, warning or error)", s)
}

// An Edit replaces the bytes Span of a document's source with New.
type Edit struct {
	Span specs.Span
	New  string
}

// A Fix is a set of non-overlapping edits that together resolve a finding.
type Fix struct {
	// Description says what the fix does, e.g. "split into two lines".
	Description string
	Edits       []Edit
}

// fixEdit is a fix of one edit with room for the edit: most fixes have
// one edit, and findings are many.
type fixEdit struct {
	fix   Fix
	edits [1]Edit
}

// fixOne returns a fix made of one edit, allocated with it.
func fixOne(description string, e Edit) *Fix {
	fe := &fixEdit{fix: Fix{Description: description}, edits: [1]Edit{e}}
	fe.fix.Edits = fe.edits[:]
	return &fe.fix
}

// A Finding is one problem in one document.
type Finding struct {
	// Path is the document path as loaded (relative to the set root or as
	// given); reporters may rewrite it relative to the working directory.
	Path string
	// Span locates the problem in the document source.
	Span specs.Span
	// Line, Column, EndLine and EndColumn are 1-based; the runner fills
	// them from Span.
	Line, Column       int
	EndLine, EndColumn int
	Rule               string
	Severity           Severity
	Message            string
	Fix                *Fix
}

// A Rule is one registered check.
type Rule struct {
	// ID is the stable kebab-case identifier used in config and comments.
	ID string
	// Severity is the default severity; Off means off by default.
	Severity Severity
	// Summary is a one-line description.
	Summary string
	// Fixable tells whether the rule can offer fixes.
	Fixable bool
	// Check inspects one document.
	Check func(doc *specs.Document, ctx *Context) []Finding
	// Summarize and CheckSummaries, when set, judge the whole spec set
	// without holding every document in memory: Summarize is called once
	// per document and keeps what the rule needs (with positions already
	// resolved, see At), and CheckSummaries gets the results in set order.
	Summarize      func(doc *specs.Document, ctx *Context) any
	CheckSummaries func(sums []Summary, ctx *Context) []Finding
}

// DocURL returns the path of the rule's documentation page in the
// repository.
func (r *Rule) DocURL() string { return "docs/rules/" + r.ID + ".md" }

// Rules returns the registry of every rule, in a stable order. It builds
// fresh values on each call.
func Rules() []*Rule {
	return []*Rule{
		oneSentencePerLine(),
		rfcLink(),
		rfcObsolete(),
		bcp14Boilerplate(),
		bcp14KeywordCase(),
		brokenLink(),
		duplicateID(),
		tocMismatch(),
		directiveRule(),
		propertyList(),
	}
}

// Config selects rules and their settings for a run.
type Config struct {
	// Severity overrides the default severity of rules by ID.
	Severity map[string]Severity
	// Only, when non-empty, restricts the run to these rule IDs (they run
	// even when off by default).
	Only []string
	// Options holds rule-specific options keyed by rule ID.
	Options map[string]map[string]any
	// Abbreviations are extra non-terminal abbreviations; the documents
	// must have been parsed with the same list.
	Abbreviations []string
}

// A Summary is what Rule.Summarize kept of one document.
type Summary struct {
	Path  string
	Value any
}

// Context is what a rule sees besides its document.
type Context struct {
	// Set resolves links of the document (Set.Resolve); while a Stream
	// runs it holds only the current document, and other documents of the
	// set are known through the stream.
	Set *specs.Set
	// Options are the rule's own options from the config (may be nil).
	Options map[string]any
	// Abbreviations are the configured extra abbreviations.
	Abbreviations []string
	// Files answers file-existence questions for broken-link; it is
	// shared by all rules of a run.
	Files *FileCache

	stream *Stream
	// docs is what the rules derive from the document and share (see
	// docCache).
	docs docCache
	// buf is where a rule's findings go; see findings.
	buf []Finding
	// texts and fixes are chunks that the messages and one-edit fixes of
	// findings are cut from (see text and fixOne), so that each does not
	// need an allocation of its own. A chunk stays alive while a finding
	// cut from it does.
	texts *strings.Builder
	fixes []fixEdit
}

// textChunk and fixChunk are the largest sizes of the chunks of a
// Context; the first chunks are smaller, and each doubles the last, so
// that linting a small document costs little.
const (
	textChunk = 4096
	fixChunk  = 64
)

// text returns b as a string cut from the context's current text chunk. A
// strings.Builder never changes the bytes it has handed out as a string,
// and a full chunk is left as it is for a new one.
func (ctx *Context) text(b []byte) string {
	if ctx == nil || len(b) > textChunk {
		return string(b)
	}
	if ctx.texts == nil || ctx.texts.Cap()-ctx.texts.Len() < len(b) {
		size := textChunk / 8
		if ctx.texts != nil {
			size = min(2*ctx.texts.Cap(), textChunk)
		}
		ctx.texts = new(strings.Builder)
		ctx.texts.Grow(max(size, len(b)))
	}
	start := ctx.texts.Len()
	ctx.texts.Write(b)
	return ctx.texts.String()[start:]
}

// fixOne is fixOne with the fix cut from the context's current fix chunk.
func (ctx *Context) fixOne(description string, e Edit) *Fix {
	if ctx == nil {
		return fixOne(description, e)
	}
	if len(ctx.fixes) == cap(ctx.fixes) {
		ctx.fixes = make([]fixEdit, 0, min(max(2*cap(ctx.fixes), fixChunk/8), fixChunk))
	}
	ctx.fixes = append(ctx.fixes, fixEdit{fix: Fix{Description: description}, edits: [1]Edit{e}})
	fe := &ctx.fixes[len(ctx.fixes)-1]
	fe.fix.Edits = fe.edits[:]
	return &fe.fix
}

// findings returns an empty slice to which a rule appends its findings, to
// be called once per Check. Within a Stream it is the free capacity of the
// stream's findings (see Stream.Add), so that findings are not copied from
// slice to slice; a rule must not keep the slice it returns.
func (ctx *Context) findings() []Finding {
	if ctx == nil {
		return nil
	}
	return ctx.buf[:0]
}

// Select returns the rules enabled by cfg with their effective severity.
// It fails on an unknown rule ID.
func Select(cfg Config) ([]*Rule, error) {
	all := Rules()
	byID := make(map[string]*Rule, len(all))
	for _, r := range all {
		byID[r.ID] = r
	}
	for id := range cfg.Severity {
		if byID[id] == nil {
			return nil, fmt.Errorf("unknown rule %q (known: %s)", id, strings.Join(IDs(), ", "))
		}
	}
	only := map[string]bool{}
	for _, id := range cfg.Only {
		if byID[id] == nil {
			return nil, fmt.Errorf("unknown rule %q (known: %s)", id, strings.Join(IDs(), ", "))
		}
		only[id] = true
	}
	var out []*Rule
	for _, r := range all {
		sev := r.Severity
		if s, ok := cfg.Severity[r.ID]; ok {
			sev = s
		}
		if len(only) > 0 {
			if !only[r.ID] {
				continue
			}
			if sev == Off {
				// Asking for a rule by name runs it even when it is off.
				sev = r.Severity
				if sev == Off {
					sev = Warning
				}
			}
		}
		if sev == Off {
			continue
		}
		rc := *r
		rc.Severity = sev
		out = append(out, &rc)
	}
	return out, nil
}

// IDs returns every rule ID.
func IDs() []string {
	var ids []string
	for _, r := range Rules() {
		ids = append(ids, r.ID)
	}
	return ids
}

// Run checks every document of set with the rules selected by cfg and
// returns the findings sorted by path and position, with inline disable
// comments honoured.
func Run(set *specs.Set, cfg Config) ([]Finding, error) {
	rules, err := Select(cfg)
	if err != nil {
		return nil, err
	}
	return RunRules(set, rules, cfg), nil
}

// RunRules is Run with an explicit rule list (as returned by Select).
func RunRules(set *specs.Set, rules []*Rule, cfg Config) []Finding {
	var paths []string
	for _, d := range set.Docs {
		paths = append(paths, d.Path)
	}
	st := NewStream(set.Root, paths, rules, cfg)
	for _, d := range set.Docs {
		st.Add(d)
	}
	return st.Finish()
}

// At returns a finding located at span in doc, for rules whose findings
// outlive the document (Summarize).
func At(doc *specs.Document, span specs.Span, msg string) Finding {
	f := Finding{Path: doc.Path, Span: span, Message: msg}
	locate(doc, &f)
	return f
}

// locate fills the line and column fields of f from its span. A span
// within one line, most spans, ends on the line it starts on, as many
// bytes (columns count bytes) further: the second search of the line
// starts is not needed.
func locate(doc *specs.Document, f *Finding) {
	p := doc.Position(f.Span.Start)
	f.Line, f.Column = p.Line, p.Column
	start, end := f.Span.Start, f.Span.End
	if end < start {
		end = start
	}
	if start >= 0 && end <= len(doc.Source) {
		if s := doc.Source[start:end]; bytes.IndexByte(s, '\n') < 0 && bytes.IndexByte(s, '\r') < 0 {
			f.EndLine, f.EndColumn = p.Line, p.Column+end-start
			return
		}
	}
	e := doc.Position(end)
	f.EndLine, f.EndColumn = e.Line, e.Column
}

// Sort orders findings by path, line, column and rule, keeping the order
// of findings that tie. Findings that are already in order (as one stream
// returns them) cost one pass.
func Sort(fs []Finding) {
	less := func(a, b *Finding) bool { return compareFindings(a, b) < 0 }
	sorted := true
	for i := 1; i < len(fs) && sorted; i++ {
		sorted = !less(&fs[i], &fs[i-1])
	}
	if sorted {
		return
	}
	// Sort positions rather than the findings themselves, which are large
	// to move, breaking ties by position to keep the sort stable; then
	// apply the permutation in place, one cycle at a time.
	idx := make([]int, len(fs))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(i, j int) int {
		if c := compareFindings(&fs[i], &fs[j]); c != 0 {
			return c
		}
		return cmp.Compare(i, j)
	})
	// fs[k] must become the finding at idx[k]; a done position holds -1.
	for start := range idx {
		if idx[start] < 0 {
			continue
		}
		tmp := fs[start]
		k := start
		for idx[k] != start {
			fs[k] = fs[idx[k]]
			next := idx[k]
			idx[k] = -1
			k = next
		}
		fs[k] = tmp
		idx[k] = -1
	}
}

func compareFindings(a, b *Finding) int {
	if c := strings.Compare(a.Path, b.Path); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Line, b.Line); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Column, b.Column); c != 0 {
		return c
	}
	return strings.Compare(a.Rule, b.Rule)
}

// Counts tallies findings by severity.
func Counts(fs []Finding) map[Severity]int {
	m := map[Severity]int{}
	for _, f := range fs {
		m[f.Severity]++
	}
	return m
}
