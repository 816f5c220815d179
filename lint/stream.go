package lint

import (
	"fmt"
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
	anchors map[string]map[string]bool
	// pending holds cross-document fragment checks.
	pending []pendingAnchor
	// directives keeps the suppressions of documents with pending checks.
	directives map[string]directives
	sums       map[string][]Summary
	out        []Finding
}

// pendingAnchor is a link to target#frag, already located, waiting for the
// anchors of target.
type pendingAnchor struct {
	f            Finding
	dest, target string
	frag         string
}

// NewStream starts a run over a set rooted at root whose documents have
// the given slash-separated paths (as specs.Document.Path), in set order.
func NewStream(root string, paths []string, rules []*Rule, cfg Config) *Stream {
	st := &Stream{
		root: root, rules: rules, cfg: cfg, files: NewFileCache(),
		inSet:      make(map[string]bool, len(paths)),
		order:      make(map[string]int, len(paths)),
		anchors:    make(map[string]map[string]bool, len(paths)),
		directives: map[string]directives{},
		sums:       map[string][]Summary{},
	}
	for i, p := range paths {
		st.inSet[p] = true
		if _, ok := st.order[p]; !ok {
			st.order[p] = i
		}
	}
	return st
}

// Add lints one document; it keeps no reference to doc.
func (st *Stream) Add(doc *specs.Document) {
	st.inSet[doc.Path] = true
	ids := make(map[string]bool, len(doc.Anchors))
	for _, a := range doc.Anchors {
		ids[a.ID] = true
	}
	st.anchors[doc.Path] = ids
	sup := parseDirectives(doc)
	// One context serves every rule of the document; only the options
	// differ from rule to rule.
	ctx := &Context{
		Set: specs.NewSet(st.root, doc), Abbreviations: st.cfg.Abbreviations,
		Files: st.files, stream: st,
	}
	for _, r := range st.rules {
		ctx.Options = st.cfg.Options[r.ID]
		for _, f := range r.Check(doc, ctx) {
			if f.Path == "" {
				f.Path = doc.Path
			}
			f.Rule, f.Severity = r.ID, r.Severity
			locate(doc, &f)
			if !sup.suppressed(r.ID, f.Line) {
				st.out = append(st.out, f)
			}
		}
		if r.Summarize != nil {
			st.sums[r.ID] = append(st.sums[r.ID], Summary{Path: doc.Path, Value: r.Summarize(doc, ctx)})
		}
	}
	if len(sup.ranges) > 0 {
		st.directives[doc.Path] = sup
	}
}

// deferAnchor records a link from doc to a fragment of another document of
// the set; it reports false when target is not in the set.
func (st *Stream) deferAnchor(doc *specs.Document, f Finding, dest, target, frag string) bool {
	if !st.inSet[target] {
		return false
	}
	f.Path = doc.Path
	locate(doc, &f)
	st.pending = append(st.pending, pendingAnchor{f: f, dest: dest, target: target, frag: frag})
	return true
}

// Finish resolves cross-document checks, runs the set-level rules and
// returns every finding, sorted.
func (st *Stream) Finish() []Finding {
	sev := map[string]Severity{}
	for _, r := range st.rules {
		sev[r.ID] = r.Severity
	}
	for _, p := range st.pending {
		ids := st.anchors[p.target]
		if ids[p.frag] {
			continue
		}
		f := p.f
		f.Severity = sev[f.Rule]
		if id, ok := foldAnchor(ids, p.frag); ok {
			f.Message = fmt.Sprintf("link to %q: anchor #%s in %s differs only in case from #%s", p.dest, p.frag, p.target, id)
		} else {
			f.Message = fmt.Sprintf("link to %q: no anchor #%s in %s", p.dest, p.frag, p.target)
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

// foldAnchor finds an ID equal to id ignoring case, preferring the
// smallest for a stable message.
func foldAnchor(ids map[string]bool, id string) (string, bool) {
	best, found := "", false
	for a := range ids {
		if len(a) == len(id) && strings.EqualFold(a, id) && (!found || a < best) {
			best, found = a, true
		}
	}
	return best, found
}
