package lint

import (
	"bytes"
	"sort"

	"github.com/ocispec/ocispec/specs"
)

// docCache keeps what several rules derive from the same document, so
// that each is computed once per document instead of once per rule (or
// once per block). A Stream gives every rule of a document the same
// Context, and so the same cache; FixSource makes a Context per rule, and
// each rule then fills its own.
type docCache struct {
	doc *specs.Document

	// rfcAt and refAt hold the offset in the source of every "RFC" and
	// every "][", in increasing order. Searching the whole source once lets
	// a rule rule out a block by a binary search instead of searching the
	// block's bytes.
	rfcAt, refAt     []int
	rfcDone, refDone bool

	// mentions holds the RFC mentions of the document's blocks, in block
	// order; rfc-link and rfc-obsolete share it.
	mentions     []blockMention
	mentionsDone bool

	// hasRFCLink tells whether a link of the document points to an RFC
	// (parseRFCURL); rfcLinksDone whether it is known.
	hasRFCLink, rfcLinksDone bool

	// defKeys holds the normalized label of each reference definition;
	// defs maps each to the index of its first definition, the one
	// CommonMark uses.
	defKeys  []string
	defs     map[string]int
	defsDone bool

	// memo holds what the functions of one rule share on the document
	// (see Context.Memo).
	memo map[any]any
}

// cache returns the cache of doc kept in ctx, or a fresh one when ctx is
// nil; a ctx that served another document starts afresh.
func (ctx *Context) cache(doc *specs.Document) *docCache {
	if ctx == nil {
		return &docCache{doc: doc}
	}
	if ctx.docs.doc != doc {
		ctx.docs.reset(doc)
	}
	return &ctx.docs
}

// reset makes c the empty cache of doc. A Stream keeps one Context for all
// its documents: the storage of the previous document's slices and map is
// reused, cleared first where it points into that document, which must
// not stay reachable.
func (c *docCache) reset(doc *specs.Document) {
	clear(c.mentions[:cap(c.mentions)])
	clear(c.defKeys[:cap(c.defKeys)])
	clear(c.defs)
	clear(c.memo)
	*c = docCache{
		doc:      doc,
		rfcAt:    c.rfcAt[:0],
		refAt:    c.refAt[:0],
		mentions: c.mentions[:0],
		defKeys:  c.defKeys[:0],
		defs:     c.defs,
		memo:     c.memo,
	}
}

// rfcOffsets returns the offsets of "RFC" in the source.
func (c *docCache) rfcOffsets() []int {
	if !c.rfcDone {
		c.rfcAt, c.rfcDone = appendOffsets(c.rfcAt, c.doc.Source, "RFC"), true
	}
	return c.rfcAt
}

// refOffsets returns the offsets of "][" in the source.
func (c *docCache) refOffsets() []int {
	if !c.refDone {
		c.refAt, c.refDone = appendOffsets(c.refAt, c.doc.Source, "]["), true
	}
	return c.refAt
}

// blockMentions returns the RFC mentions of every block, in block order.
func (c *docCache) blockMentions(p *rfcPatterns) []blockMention {
	if c.mentionsDone {
		return c.mentions
	}
	c.mentionsDone = true
	at := c.rfcOffsets()
	if len(at) == 0 {
		return nil
	}
	for i, b := range c.doc.Blocks {
		c.mentions = p.appendBlockMentions(c.mentions, c.doc.Source, i, b, at)
	}
	return c.mentions
}

// anyRFCLink reports whether a link of the document points to an RFC.
// The links of every sentence are links of the document too.
func (c *docCache) anyRFCLink(p *rfcPatterns) bool {
	if !c.rfcLinksDone {
		c.rfcLinksDone = true
		for _, l := range c.doc.Links {
			if _, _, ok := p.parseRFCURL(l.Destination); ok {
				c.hasRFCLink = true
				break
			}
		}
	}
	return c.hasRFCLink
}

// refDefs fills defKeys and defs.
func (c *docCache) refDefs() {
	if c.defsDone {
		return
	}
	c.defsDone = true
	if c.defs == nil {
		c.defs = make(map[string]int, len(c.doc.RefDefs))
	}
	for i, d := range c.doc.RefDefs {
		k := normLabel(d.Label)
		c.defKeys = append(c.defKeys, k)
		if _, ok := c.defs[k]; !ok {
			c.defs[k] = i
		}
	}
}

// defIndex returns the index in doc.RefDefs of the definition that
// reference label uses.
func (c *docCache) defIndex(label string) (int, bool) {
	c.refDefs()
	i, ok := c.defs[normLabel(label)]
	return i, ok
}

// def returns the definition that reference label uses, or nil.
func (c *docCache) def(label string) *specs.RefDef {
	if i, ok := c.defIndex(label); ok {
		return c.doc.RefDefs[i]
	}
	return nil
}

// resolve is set.Resolve(c.doc, dest), with the joined paths interned in
// paths when it is not nil, so that the many links to one document share
// one string.
func (c *docCache) resolve(set *specs.Set, dest string, paths map[string]string) (target, frag string, local bool) {
	target, frag, local = set.Resolve(c.doc, dest)
	if paths == nil || !local {
		return target, frag, local
	}
	if t, ok := paths[target]; ok {
		return t, frag, local
	}
	paths[target] = target
	return target, frag, local
}

// appendOffsets appends to out the offset of every occurrence of sub in
// src, overlapping ones included.
func appendOffsets(out []int, src []byte, sub string) []int {
	for off := 0; off < len(src); {
		i := bytes.Index(src[off:], []byte(sub))
		if i < 0 {
			break
		}
		out = append(out, off+i)
		off += i + 1
	}
	return out
}

// linesMayContain reports whether a string of n bytes whose offsets in src
// are at may occur within one of lines: whether one occurrence lies in the
// source from the first line's start to the last line's end. When src
// holds the string and a line is not a valid span, it answers true,
// leaving that line to the caller.
func linesMayContain(src []byte, lines []specs.Span, at []int, n int) bool {
	if len(at) == 0 {
		return false
	}
	lo, hi := len(src), 0
	for _, l := range lines {
		if !validSpan(src, l) {
			return true
		}
		lo, hi = min(lo, l.Start), max(hi, l.End)
	}
	if lo >= hi {
		return false
	}
	i := sort.SearchInts(at, lo)
	return i < len(at) && at[i]+n <= hi
}
