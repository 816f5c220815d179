package lint

import (
	"slices"
	"sort"

	"github.com/ocispec/ocispec/specs"
)

// A runner runs a run's rules over documents. It knows no rule by name
// and keeps no rule's state: each document's findings, suppressions and
// set-rule summaries go into a docResult, and finish joins the results.
// It is shared, read-only, by the goroutines of a run.
type runner struct {
	root  string
	rules []*Enabled
	cfg   Config
	files *FileCache
	// inSet holds the paths of every document of the set, known up front,
	// when documents are checked one at a time; order gives their
	// position in the set.
	inSet map[string]bool
	order map[string]int
}

// docResult is what checking one document leaves behind: no reference to
// the document, only strings and numbers.
type docResult struct {
	path     string
	findings []Finding
	// sums holds the summary of each rule, by index in runner.rules (nil
	// for rules that are no SetRule).
	sums []any
	// sup are the document's inline suppressions, which set-wide findings
	// obey too.
	sup directives
}

func newRunner(root string, paths []string, rules []*Enabled, cfg Config) *runner {
	rn := &runner{
		root: root, rules: rules, cfg: cfg, files: NewFileCache(),
		inSet: make(map[string]bool, len(paths)),
		order: make(map[string]int, len(paths)),
	}
	for i, p := range paths {
		rn.inSet[p] = true
		if _, ok := rn.order[p]; !ok {
			rn.order[p] = i
		}
	}
	return rn
}

// newContext returns a context for one goroutine of the run. With a set
// holding every document the context resolves links through it; without,
// through the run's list of paths.
func (rn *runner) newContext(all *specs.Set) *Context {
	ctx := &Context{Set: all, Abbreviations: rn.cfg.Abbreviations, Files: rn.files, paths: map[string]string{}}
	if all == nil {
		ctx.inSet = rn.inSet
	}
	return ctx
}

// check runs every rule over doc with ctx, which must not be in use by
// another goroutine.
func (rn *runner) check(doc *specs.Document, ctx *Context) docResult {
	res := docResult{path: doc.Path, sup: parseDirectives(doc)}
	own := ctx.Set == nil || ctx.Set.Doc(doc.Path) != doc
	if own {
		ctx.Set = specs.NewSet(rn.root, doc)
	}
	start := len(ctx.out)
	for i, e := range rn.rules {
		ctx.Options = e.Options
		ctx.out = rn.runRule(doc, ctx, e, &res.sup)
		if sr, ok := e.Rule.(SetRule); ok {
			if res.sums == nil {
				res.sums = make([]any, len(rn.rules))
			}
			res.sums[i] = sr.Summarize(doc, ctx)
		}
	}
	res.findings = ctx.out[start:len(ctx.out):len(ctx.out)]
	// Keep no reference to doc.
	if own {
		ctx.Set = nil
	}
	ctx.Options, ctx.buf = nil, nil
	ctx.docs.reset(nil)
	return res
}

// runRule runs rule e over doc and returns ctx.out with its findings that
// sup does not suppress appended. The rule appends its findings to the
// free capacity of ctx.out (see Context.findings): those that fit are in
// place already, and kept ones move down over suppressed ones. Findings
// are read before any is written at or below their index, so a rule that
// grew its own slice, or returned another, is copied safely.
func (rn *runner) runRule(doc *specs.Document, ctx *Context, e *Enabled, sup *directives) []Finding {
	if room := max(minFree, ctx.most); cap(ctx.out)-len(ctx.out) < room {
		ctx.out = slices.Grow(ctx.out, room)
	}
	n := len(ctx.out)
	ctx.buf = ctx.out[n:]
	fs := e.Rule.Check(doc, ctx)
	out := ctx.out[:n]
	id := e.ID()
	for i := range fs {
		f := fs[i]
		if f.Path == "" {
			f.Path = doc.Path
		}
		f.Rule, f.Severity = id, e.Severity
		locate(doc, &f)
		if !sup.suppressed(id, f.Line) {
			out = append(out, f)
		}
	}
	ctx.most = max(ctx.most, len(fs))
	return out
}

// minFree is the least room for findings that runRule leaves before each
// rule; it leaves as much room as a rule has needed so far
// (Context.most), so that the findings of most rules are appended in place.
const minFree = 16

// finish joins the results of the set's documents, in set order, runs the
// set-wide checks and returns every finding, sorted.
func (rn *runner) finish(results []docResult) []Finding {
	n := 0
	for i := range results {
		n += len(results[i].findings)
	}
	out := make([]Finding, 0, n)
	sup := map[string]directives{}
	for i := range results {
		out = append(out, results[i].findings...)
		if len(results[i].sup.ranges) > 0 {
			sup[results[i].path] = results[i].sup
		}
	}
	for i, e := range rn.rules {
		sr, ok := e.Rule.(SetRule)
		if !ok {
			continue
		}
		sums := make([]Summary, 0, len(results))
		for _, r := range results {
			if r.sums == nil { // a file that could not be read or parsed
				continue
			}
			sums = append(sums, Summary{Path: r.path, Value: r.sums[i]})
		}
		// Documents may arrive in any order; rules see set order.
		sort.SliceStable(sums, func(a, b int) bool { return rn.pos(sums[a].Path) < rn.pos(sums[b].Path) })
		ctx := &Context{Options: e.Options, Abbreviations: rn.cfg.Abbreviations, Files: rn.files}
		for _, f := range sr.CheckSet(sums, ctx) {
			f.Rule, f.Severity = e.ID(), e.Severity
			if !sup[f.Path].suppressed(f.Rule, f.Line) {
				out = append(out, f)
			}
		}
	}
	Sort(out)
	return out
}

// pos is the position of path in the set; documents not announced to the
// run come last.
func (rn *runner) pos(path string) int {
	if i, ok := rn.order[path]; ok {
		return i
	}
	return len(rn.order)
}

// A Stream lints the documents of one spec set handed to it one at a
// time, so a caller that parses them one by one holds a single parsed
// document in memory however large the set is.
type Stream struct {
	rn      *runner
	ctx     *Context
	results []docResult
}

// NewStream starts a run over a set rooted at root whose documents have
// the given slash-separated paths (as specs.Document.Path), in set order.
func NewStream(root string, paths []string, rules []*Enabled, cfg Config) *Stream {
	rn := newRunner(root, paths, rules, cfg)
	return &Stream{rn: rn, ctx: rn.newContext(nil)}
}

// Add lints one document; it keeps no reference to doc.
func (st *Stream) Add(doc *specs.Document) {
	st.rn.inSet[doc.Path] = true
	st.results = append(st.results, st.rn.check(doc, st.ctx))
}

// Finish runs the set-wide checks and returns every finding, sorted.
func (st *Stream) Finish() []Finding {
	out := st.rn.finish(st.results)
	st.results = nil
	return out
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

// RunRules is Run with an explicit rule list (as returned by Select). Every
// document of set is in memory: links between them resolve through the
// set itself, not through summaries as when files are linted one at a
// time (LintFiles, Stream).
func RunRules(set *specs.Set, rules []*Enabled, cfg Config) []Finding {
	paths := make([]string, 0, len(set.Docs))
	for _, d := range set.Docs {
		paths = append(paths, d.Path)
	}
	rn := newRunner(set.Root, paths, rules, cfg)
	ctx := rn.newContext(set)
	results := make([]docResult, 0, len(set.Docs))
	for _, d := range set.Docs {
		results = append(results, rn.check(d, ctx))
	}
	return rn.finish(results)
}
