// Package lint checks specification Markdown against ocispec's style rules:
// one sentence per line, canonical RFC links, BCP 14 hygiene, links,
// table IDs and tables of contents.
//
// A rule is a small registered unit (see Rule, SetRule and Rules): a type
// in a file of its own with an ID, a default severity, its options, a
// documentation page under docs/rules/ and a Check method over one parsed
// document; a rule that judges the whole set adds Summarize and CheckSet.
// A rule reports Findings; a finding may carry a Fix, a set of byte-range
// edits that one fixer (Apply, FixSource) applies. LintFiles parses and
// checks the files of a set on GOMAXPROCS goroutines, holding a few
// documents at a time; Run and RunRules check a loaded specs.Set; Stream
// checks documents handed to it one by one. Reporters (text, json, sarif,
// github) only format findings. Nothing in the package keeps global
// mutable state: the rule registry is built by a function on each call.
package lint

import (
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

// ParseSeverity parses "off", "info", "warning" or "error", exactly the
// values docs/config.md allows; it is the one definition of a severity
// name (the config validator and --rule use it).
func ParseSeverity(s string) (Severity, error) {
	switch s {
	case "off":
		return Off, nil
	case "info":
		return Info, nil
	case "warning":
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

// Config selects rules and their settings for a run.
type Config struct {
	// Severity overrides the default severity of rules by ID.
	Severity map[string]Severity
	// Only, when non-empty, restricts the run to these rule IDs (they run
	// even when off by default).
	Only []string
	// Options holds rule-specific options keyed by rule ID, each checked
	// against the options the rule declares (see CheckOptions).
	Options map[string]map[string]any
	// Abbreviations are extra non-terminal abbreviations; the documents
	// must have been parsed with the same list.
	Abbreviations []string
}

// A Summary is what SetRule.Summarize kept of one document.
type Summary struct {
	Path  string
	Value any
}

// Context is what a rule sees besides its document. Each goroutine of a
// run has its own.
type Context struct {
	// Set resolves links of the document (Set.Resolve). When a run holds
	// one document at a time it holds only that document; the other
	// documents of the set are known by path (see inSet).
	Set *specs.Set
	// Options are the rule's options (see Meta.Options).
	Options Options
	// Abbreviations are the configured extra abbreviations.
	Abbreviations []string
	// Files answers file-existence questions for broken-link; it is
	// shared by all rules and goroutines of a run.
	Files *FileCache

	// inSet holds the path of every document of the set when Set does
	// not hold them all; it is shared, read-only, by the run.
	inSet map[string]bool
	// paths interns the set paths that links resolve to (see
	// docCache.resolve).
	paths map[string]string
	// docs is what the rules derive from the document and share (see
	// docCache).
	docs docCache
	// buf is where a rule's findings go; see findings.
	buf []Finding
	// out holds the findings of the documents this context has checked;
	// most is the largest number of findings a rule has returned for one
	// document (see minFree).
	out  []Finding
	most int
	// texts and fixes are chunks that the messages and one-edit fixes of
	// findings are cut from (see text and fixOne), so that each does not
	// need an allocation of its own. A chunk stays alive while a finding
	// cut from it does.
	texts *strings.Builder
	fixes []fixEdit
}

// inSetDoc reports whether path names a document of the set that Set
// does not hold.
func (ctx *Context) inSetDoc(path string) bool {
	return ctx != nil && ctx.inSet[path]
}

// Memo returns the value that compute returned for key on the current
// document, calling it on the first request only. It lets the functions
// of one rule (Check and Summarize) share work on a document without the
// rule keeping state; key is a value of a type private to the rule.
func (ctx *Context) Memo(doc *specs.Document, key any, compute func() any) any {
	if ctx == nil {
		return compute()
	}
	c := ctx.cache(doc)
	if v, ok := c.memo[key]; ok {
		return v
	}
	if c.memo == nil {
		c.memo = map[any]any{}
	}
	v := compute()
	c.memo[key] = v
	return v
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
// be called once per Check. Within a run it is the free capacity of the
// findings of the run's goroutine (see runner.check), so that findings are
// not copied from slice to slice; a rule must not keep the slice it
// returns.
func (ctx *Context) findings() []Finding {
	if ctx == nil {
		return nil
	}
	return ctx.buf[:0]
}

// At returns a finding located at span in doc, for rules whose findings
// outlive the document (Summarize).
func At(doc *specs.Document, span specs.Span, msg string) Finding {
	f := Finding{Path: doc.Path, Span: span, Message: msg}
	locate(doc, &f)
	return f
}

// locate fills the line and column fields of f from its span.
func locate(doc *specs.Document, f *Finding) {
	p := doc.Position(f.Span.Start)
	e := doc.Position(max(f.Span.End, f.Span.Start))
	f.Line, f.Column, f.EndLine, f.EndColumn = p.Line, p.Column, e.Line, e.Column
}

// Sort orders findings by path, line, column and rule, keeping the order
// of findings that tie.
func Sort(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int { return compareFindings(&a, &b) })
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
