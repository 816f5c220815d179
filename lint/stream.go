package lint

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/ocispec/ocispec/specs"
)

// A Stream lints the documents of one spec set one at a time, so a run
// holds a single parsed document in memory however large the set is. What
// judging the whole set needs is kept small: the anchor IDs of every
// document, links to other documents of the set (resolved by Finish), the
// rules' summaries and the findings.
type Stream struct {
	root  string
	rules []*Rule
	cfg   Config
	files *FileCache
	// inSet holds the paths of every document of the set, known up front;
	// order gives their position in the set.
	inSet map[string]bool
	order map[string]int
	// anchors maps a document path to its anchor IDs.
	anchors map[string]anchorIDs
	// pending holds the cross-document fragment checks that Finish
	// completes, in the order the links were met.
	pending []pendingAnchor
	// directives keeps the suppressions of documents with pending checks.
	directives map[string]directives
	sums       map[string][]Summary
	out        []Finding
	// ctx is the context of the document being added.
	ctx Context
	// most is the largest number of findings a rule has returned for one
	// document (see minFree).
	most int
	// paths interns the set paths that links resolve to (see
	// docCache.resolve).
	paths map[string]string
	// hasBoilerplate tells whether a document seen so far carries the BCP
	// 14 boilerplate outside headings, which settles bcp14-boilerplate's
	// set-wide check (see bcp14Boilerplate).
	hasBoilerplate bool
}

// pendingAnchor is a link from the document at path to target#frag,
// already located. A link to a document the stream has already seen is
// judged at once, and kept only when it is broken, with its message;
// others wait for Finish. It keeps only what its finding needs: there are
// many.
type pendingAnchor struct {
	path               string
	span               specs.Span
	line, column       int
	endLine, endColumn int
	dest, target, frag string
	// msg is the message of a link judged broken at once, else "".
	msg string
}

// anchorIDs are the anchor IDs of one document, kept after the document is
// gone. Documents have few anchors, so a list searched from the start
// costs less to build than a map and is as quick to search.
type anchorIDs []string

func (a anchorIDs) has(id string) bool {
	for _, x := range a {
		if x == id {
			return true
		}
	}
	return false
}

// fold finds an ID equal to id ignoring case, preferring the smallest for
// a stable message.
func (a anchorIDs) fold(id string) (string, bool) {
	best, found := "", false
	for _, x := range a {
		if len(x) == len(id) && strings.EqualFold(x, id) && (!found || x < best) {
			best, found = x, true
		}
	}
	return best, found
}

// NewStream starts a run over a set rooted at root whose documents have
// the given slash-separated paths (as specs.Document.Path), in set order.
func NewStream(root string, paths []string, rules []*Rule, cfg Config) *Stream {
	st := &Stream{
		root: root, rules: rules, cfg: cfg, files: NewFileCache(),
		inSet:      make(map[string]bool, len(paths)),
		order:      make(map[string]int, len(paths)),
		anchors:    make(map[string]anchorIDs, len(paths)),
		directives: map[string]directives{},
		sums:       map[string][]Summary{},
		paths:      make(map[string]string, len(paths)),
	}
	for i, p := range paths {
		st.inSet[p] = true
		if _, ok := st.order[p]; !ok {
			st.order[p] = i
		}
	}
	return st
}

// Add lints one document; it keeps no reference to doc. A set holds each
// path once: links to a document already added are judged against the
// anchors it had then.
func (st *Stream) Add(doc *specs.Document) {
	st.inSet[doc.Path] = true
	ids := make(anchorIDs, len(doc.Anchors))
	for i, a := range doc.Anchors {
		ids[i] = a.ID
	}
	st.anchors[doc.Path] = ids
	sup := parseDirectives(doc)
	// One context serves every rule of every document, keeping the
	// storage of its cache (see docCache.reset); only the options differ
	// from rule to rule.
	ctx := &st.ctx
	ctx.Set, ctx.Abbreviations, ctx.Files, ctx.stream = specs.NewSet(st.root, doc), st.cfg.Abbreviations, st.files, st
	for _, r := range st.rules {
		ctx.Options = st.cfg.Options[r.ID]
		// The rule appends its findings to the free capacity of st.out
		// (see Context.findings): those that fit are in place already,
		// and kept ones move down over suppressed ones. Findings are read
		// before any is written at or below their index, so a rule that
		// grew its own slice, or returned another, is copied safely.
		if room := max(minFree, st.most); cap(st.out)-len(st.out) < room {
			st.out = slices.Grow(st.out, room)
		}
		n := len(st.out)
		ctx.buf = st.out[n:]
		fs := r.Check(doc, ctx)
		out := st.out[:n]
		for i := range fs {
			f := fs[i]
			if f.Path == "" {
				f.Path = doc.Path
			}
			f.Rule, f.Severity = r.ID, r.Severity
			locate(doc, &f)
			if !sup.suppressed(r.ID, f.Line) {
				out = append(out, f)
			}
		}
		st.out = out
		st.most = max(st.most, len(fs))
		if r.Summarize != nil {
			st.sums[r.ID] = append(st.sums[r.ID], Summary{Path: doc.Path, Value: r.Summarize(doc, ctx)})
		}
	}
	if len(sup.ranges) > 0 {
		st.directives[doc.Path] = sup
	}
	// Keep no reference to doc.
	ctx.Set, ctx.Options, ctx.buf = nil, nil, nil
	ctx.docs.reset(nil)
}

// minFree is the least room for findings that Add leaves before each rule;
// it leaves as much room as a rule has needed so far (Stream.most), so
// that the findings of most rules are appended in place.
const minFree = 16

// deferAnchor records a link from doc (at span) to a fragment of another
// document of the set; it reports false when target is not in the set.
func (st *Stream) deferAnchor(doc *specs.Document, span specs.Span, dest, target, frag string) bool {
	if !st.inSet[target] {
		return false
	}
	p := pendingAnchor{path: doc.Path, span: span, dest: dest, target: target, frag: frag}
	if ids, seen := st.anchors[target]; seen {
		if ids.has(frag) {
			return true
		}
		p.msg = brokenAnchorMessage(ids, dest, target, frag)
	}
	f := Finding{Span: span}
	locate(doc, &f)
	p.line, p.column, p.endLine, p.endColumn = f.Line, f.Column, f.EndLine, f.EndColumn
	st.pending = append(st.pending, p)
	return true
}

// brokenAnchorMessage says that target, with anchors ids, has no anchor
// frag.
func brokenAnchorMessage(ids anchorIDs, dest, target, frag string) string {
	if id, ok := ids.fold(frag); ok {
		return fmt.Sprintf("link to %q: anchor #%s in %s differs only in case from #%s", dest, frag, target, id)
	}
	return fmt.Sprintf("link to %q: no anchor #%s in %s", dest, frag, target)
}

// Finish resolves cross-document checks, runs the set-level rules and
// returns every finding, sorted.
func (st *Stream) Finish() []Finding {
	sev := map[string]Severity{}
	for _, r := range st.rules {
		sev[r.ID] = r.Severity
	}
	for _, p := range st.pending {
		msg := p.msg
		if msg == "" {
			ids := st.anchors[p.target]
			if ids.has(p.frag) {
				continue
			}
			msg = brokenAnchorMessage(ids, p.dest, p.target, p.frag)
		}
		f := Finding{
			Path: p.path, Span: p.span, Line: p.line, Column: p.column, EndLine: p.endLine, EndColumn: p.endColumn,
			Rule: "broken-link", Severity: sev["broken-link"], Message: msg,
		}
		if !st.directives[f.Path].suppressed(f.Rule, f.Line) {
			st.out = append(st.out, f)
		}
	}
	for _, r := range st.rules {
		if r.CheckSummaries == nil {
			continue
		}
		ctx := &Context{Options: st.cfg.Options[r.ID], Abbreviations: st.cfg.Abbreviations, Files: st.files}
		sums := st.sums[r.ID]
		// Documents may arrive in any order; rules see set order.
		sort.SliceStable(sums, func(i, j int) bool { return st.pos(sums[i].Path) < st.pos(sums[j].Path) })
		for _, f := range r.CheckSummaries(sums, ctx) {
			f.Rule, f.Severity = r.ID, r.Severity
			if !st.directives[f.Path].suppressed(f.Rule, f.Line) {
				st.out = append(st.out, f)
			}
		}
	}
	out := st.out
	st.out = nil
	Sort(out)
	return out
}

// pos is the position of path in the set; documents added without being
// announced to NewStream come last.
func (st *Stream) pos(path string) int {
	if i, ok := st.order[path]; ok {
		return i
	}
	return len(st.order)
}
