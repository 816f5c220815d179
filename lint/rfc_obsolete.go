package lint

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"

	"github.com/ocispec/ocispec/specs"
)

//go:embed data/rfc-obsolete.tsv
var rfcObsoleteTSV string

// rfcStatus is one row of data/rfc-obsolete.tsv.
type rfcStatus struct {
	Number      int
	ObsoletedBy []int
	Title       string
}

// parseRFCTable reads the TSV table; it panics on a malformed embedded
// file, which a test catches.
func parseRFCTable(tsv string) map[int]rfcStatus {
	t := map[int]rfcStatus{}
	for i, line := range strings.Split(tsv, "\n") {
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "rfc\t") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			panic(fmt.Sprintf("data/rfc-obsolete.tsv:%d: want 3 columns, got %d", i+1, len(f)))
		}
		n, err := strconv.Atoi(f[0])
		if err != nil {
			panic(fmt.Sprintf("data/rfc-obsolete.tsv:%d: %v", i+1, err))
		}
		st := rfcStatus{Number: n, Title: f[2]}
		for _, s := range strings.Split(f[1], ",") {
			if s == "" {
				continue
			}
			m, err := strconv.Atoi(s)
			if err != nil {
				panic(fmt.Sprintf("data/rfc-obsolete.tsv:%d: %v", i+1, err))
			}
			st.ObsoletedBy = append(st.ObsoletedBy, m)
		}
		t[n] = st
	}
	return t
}

// rfcObsolete reports citations of RFCs that a newer RFC obsoletes.
type rfcObsolete struct {
	p    *rfcPatterns
	msgs map[int]string
}

func newRFCObsolete() rfcObsolete {
	return rfcObsolete{p: newRFCPatterns(), msgs: obsoleteMessages(parseRFCTable(rfcObsoleteTSV))}
}

func (rfcObsolete) Meta() Meta {
	return Meta{
		ID:       "rfc-obsolete",
		Severity: Warning,
		Summary:  "Cited RFCs are current: none is obsoleted by a newer RFC.",
	}
}

func (r rfcObsolete) Check(doc *specs.Document, ctx *Context) []Finding {
	return checkRFCObsolete(ctx.findings(), r.p, r.msgs, doc, ctx.cache(doc))
}

// obsoleteMessages returns the message of a finding for each RFC of the
// table that a newer one obsoletes: a message depends only on the RFC, so
// it is built once rather than for every citation.
func obsoleteMessages(table map[int]rfcStatus) map[int]string {
	msgs := map[int]string{}
	for n, st := range table {
		if len(st.ObsoletedBy) == 0 {
			continue
		}
		var succ []string
		for _, s := range st.ObsoletedBy {
			name := "RFC " + strconv.Itoa(s)
			if t, ok := table[s]; ok && t.Title != "" {
				name += " (" + t.Title + ")"
			}
			succ = append(succ, name)
		}
		msgs[n] = fmt.Sprintf("RFC %d (%s) is obsoleted by %s", n, st.Title, strings.Join(succ, ", "))
	}
	return msgs
}

// checkRFCObsolete appends to out the citations of RFCs that have a
// message in msgs (obsoleteMessages).
func checkRFCObsolete(out []Finding, p *rfcPatterns, msgs map[int]string, doc *specs.Document, c *docCache) []Finding {
	o := obsoleteCheck{p: p, msgs: msgs, out: out}
	mentions := c.blockMentions(p) // in block order
	links := c.anyRFCLink(p)
	if len(mentions) == 0 && !links {
		return out
	}
	for i, b := range doc.Blocks {
		n := 0
		for n < len(mentions) && mentions[n].Block == i {
			n++
		}
		mentioned := o.mentions(mentions[:n])
		mentions = mentions[n:]
		if links {
			o.links(b, mentioned)
		}
	}
	return o.out
}

// obsoleteCheck is the state of checkRFCObsolete.
type obsoleteCheck struct {
	p    *rfcPatterns
	msgs map[int]string
	out  []Finding
}

func (o *obsoleteCheck) report(sp specs.Span, n int) {
	if msg, ok := o.msgs[n]; ok {
		o.out = append(o.out, Finding{Span: sp, Message: msg})
	}
}

// mentions reports the mentions of one block outside code and returns the
// links whose text holds one.
func (o *obsoleteCheck) mentions(bms []blockMention) map[*specs.Link]bool {
	var mentioned map[*specs.Link]bool
	for _, bm := range bms {
		if bm.Link != nil {
			if mentioned == nil {
				mentioned = map[*specs.Link]bool{}
			}
			mentioned[bm.Link] = true
		} else if bm.InCode {
			continue
		}
		o.report(bm.Span, bm.Number)
	}
	return mentioned
}

// links reports the links of block b to an RFC whose text names no RFC:
// they cite it too. The block's links are those of its sentences, in
// order (blockLinkAt).
func (o *obsoleteCheck) links(b *specs.Block, mentioned map[*specs.Link]bool) {
	for _, s := range b.Sentences {
		for _, l := range s.Links {
			if mentioned[l] || l.Image {
				continue
			}
			if n, _, ok := o.p.parseRFCURL(l.Destination); ok {
				o.report(l.Span, n)
			}
		}
	}
}
