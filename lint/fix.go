package lint

import (
	"fmt"
	"slices"
	"sort"

	"github.com/ocispec/ocispec/internal/atomicfile"

	"github.com/ocispec/ocispec/specs"
)

// Apply applies the fixes to src and returns the new source and the number
// of fixes applied. A fix is applied whole or not at all: one whose edits
// overlap an edit already accepted is skipped (a later pass may apply it).
// Identical edits from different fixes (two links sharing one reference
// definition) are applied once.
func Apply(src []byte, fixes []*Fix) ([]byte, int) {
	var es editSet
	n := 0
	for _, f := range fixes {
		if f == nil || len(f.Edits) == 0 {
			continue
		}
		add, ok := es.accept(src, f.Edits)
		if !ok || len(add) == 0 {
			continue
		}
		for _, e := range add {
			es.insert(e)
		}
		n++
	}
	if len(es) == 0 {
		return src, 0
	}
	out := make([]byte, 0, len(src)+64)
	prev := 0
	for _, e := range es {
		out = append(out, src[prev:e.Span.Start]...)
		out = append(out, e.New...)
		prev = e.Span.End
	}
	out = append(out, src[prev:]...)
	return out, n
}

// editSet holds the accepted edits, sorted by start and non-overlapping,
// so a new edit only needs comparing with its neighbours.
type editSet []Edit

// accept returns the edits of one fix that change something and are not
// already accepted, or ok == false when one is out of range or clashes
// with an accepted edit.
func (es editSet) accept(src []byte, edits []Edit) (add []Edit, ok bool) {
	for _, e := range edits {
		if e.Span.Start < 0 || e.Span.End > len(src) || e.Span.Start > e.Span.End {
			return nil, false
		}
		if string(src[e.Span.Start:e.Span.End]) == e.New {
			continue // changes nothing
		}
		dup, clash := es.overlaps(e)
		if clash {
			return nil, false
		}
		if !dup {
			add = append(add, e)
		}
	}
	return add, true
}

// overlaps reports whether e is already in the set (dup) or clashes with
// an edit of it.
func (es editSet) overlaps(e Edit) (dup, clash bool) {
	i := sort.Search(len(es), func(i int) bool { return es[i].Span.Start >= e.Span.Start })
	for _, j := range [...]int{i - 1, i} {
		if j < 0 || j >= len(es) {
			continue
		}
		a := es[j]
		if a.Span == e.Span && a.New == e.New {
			return true, false
		}
		// Two insertions at one point clash; otherwise half-open ranges
		// clash when they intersect.
		if e.Span.Start < a.Span.End && a.Span.Start < e.Span.End ||
			e.Span.Start == a.Span.Start && (e.Span.Len() == 0 || a.Span.Len() == 0) {
			return false, true
		}
	}
	return false, false
}

func (es *editSet) insert(e Edit) {
	i := sort.Search(len(*es), func(i int) bool { return (*es)[i].Span.Start > e.Span.Start })
	*es = slices.Insert(*es, i, e)
}

// maxFixPasses bounds the fix loop; each pass re-parses the document so
// that fixes skipped for overlapping get their turn.
const maxFixPasses = 8

// FixSource repeatedly checks src with the fixable rules among rules and
// applies their fixes until nothing changes. It returns the new source and
// the number of fixes applied. set gives rules their context; it may be
// nil. keep, when not nil, selects the findings (by their line range in
// src as given) whose fixes apply; the loop then makes a single pass, since
// line numbers move once src changes.
func FixSource(path string, src []byte, set *specs.Set, rules []*Enabled, cfg Config, keep func(line, endLine int) bool) ([]byte, int, error) {
	var fixable []*Enabled
	for _, r := range rules {
		if r.Meta.Fixable {
			fixable = append(fixable, r)
		}
	}
	total := 0
	files := NewFileCache()
	passes := maxFixPasses
	if keep != nil {
		passes = 1
	}
	for pass := 0; pass < passes && len(fixable) > 0; pass++ {
		doc, err := specs.Parse(path, src, specs.Options{Abbreviations: cfg.Abbreviations})
		if err != nil {
			return src, total, err
		}
		next, n := Apply(src, docFixes(doc, set, fixable, cfg, files, keep))
		if n == 0 {
			break
		}
		src = next
		total += n
	}
	return src, total, nil
}

// docFixes returns the fixes that rules offer for doc, without those that
// directives suppress or keep turns away.
func docFixes(doc *specs.Document, set *specs.Set, rules []*Enabled, cfg Config, files *FileCache, keep func(line, endLine int) bool) []*Fix {
	sup := parseDirectives(doc)
	var fixes []*Fix
	for _, r := range rules {
		ctx := &Context{Set: set, Options: r.Options, Abbreviations: cfg.Abbreviations, Files: files}
		for _, f := range r.Rule.Check(doc, ctx) {
			if f.Fix == nil {
				continue
			}
			line, end := doc.Position(f.Span.Start).Line, doc.Position(f.Span.End).Line
			if sup.suppressed(r.ID(), line) || keep != nil && !keep(line, end) {
				continue
			}
			fixes = append(fixes, f.Fix)
		}
	}
	return fixes
}

// WriteFileAtomic writes data to path through a temporary file in the same
// directory and a rename, keeping the original file mode.
func WriteFileAtomic(path string, data []byte) error {
	if err := atomicfile.Write(path, data, 0o644, nil); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
