package specs

import (
	"regexp"
	"sort"
	"strings"
)

// finish completes the tree once every header is read: description spans
// of paragraph-form and implicit properties, markers written in the
// description, and the checks that need a property's siblings.
func (pb *propBuilder) finish() {
	pb.paragraphSpans()
	for _, p := range pb.all {
		if b := pb.listStyle[p]; b != nil && p.Type != nil {
			pb.readDescription(p, b)
		}
	}
	for i := len(pb.all) - 1; i >= 0; i-- {
		if p := pb.all[i]; p.Implicit {
			for _, c := range p.Children {
				p.Span.End = max(p.Span.End, c.Span.End)
			}
		}
	}
	pb.checkUntyped(nil, pb.roots)
	for _, p := range pb.all {
		pb.checkUntyped(p, p.Children)
		sortProps(p.Children)
	}
	sortProps(pb.roots)
	sort.SliceStable(pb.problems, func(i, j int) bool { return pb.problems[i].Span.Start < pb.problems[j].Span.Start })
}

func sortProps(ps []*Property) {
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].Span.Start < ps[j].Span.Start })
}

// paragraphSpans ends each paragraph-form description at the next
// heading or the next paragraph-form header.
func (pb *propBuilder) paragraphSpans() {
	d := pb.doc
	for k, p := range pb.paragraphs {
		end := len(d.Source)
		if h := nextHeading(d.Headings, p.Header.Start); h != nil {
			end = h.Span.Start
		}
		for _, q := range pb.paragraphs[k+1:] {
			if q.Header.Start > p.Header.Start {
				end = min(end, q.Header.Start)
				break
			}
		}
		p.Span = Span{p.Header.Start, max(end, p.Header.End)}
	}
}

func nextHeading(hs []*Heading, off int) *Heading {
	i := sort.Search(len(hs), func(i int) bool { return hs[i].Span.Start > off })
	if i == len(hs) {
		return nil
	}
	return hs[i]
}

var (
	descMarkerRE = regexp.MustCompile(`^This (?:(REQUIRED|OPTIONAL) (?:property|field)|(?:property|field) is (REQUIRED|OPTIONAL))\b`)
	eachItemRE   = regexp.MustCompile(`^Each (?:item|object|entry|element)\b`)
)

// ownSentences returns the sentences of a list-form property's own
// description: after the header, in blocks of its item (not of nested
// items).
func (pb *propBuilder) ownSentences(p *Property, header *Block) []*Sentence {
	var out []*Sentence
	for _, b := range pb.doc.Blocks[pb.blockIndex[header]:] {
		if b.Span().Start >= p.Span.End {
			break
		}
		if b.Item != header.Item {
			continue
		}
		for _, s := range b.Sentences {
			if s.Span.Start >= p.Header.End {
				out = append(out, s)
			}
		}
	}
	return out
}

// readDescription takes what image-spec's list style writes in the
// description rather than the header: the marker ("This REQUIRED
// property ...", first sentence only) and the item type of an array of
// objects ("Each item in the array MUST be a [descriptor](descriptor.md).").
func (pb *propBuilder) readDescription(p *Property, header *Block) {
	sents := pb.ownSentences(p, header)
	if len(sents) == 0 {
		return
	}
	if first := sents[0]; p.Marker == "" {
		if m := descMarkerRE.FindStringSubmatchIndex(first.Text); m != nil {
			g := 2
			if m[2] < 0 {
				g = 4
			}
			p.Marker = first.Text[m[g]:m[g+1]]
			p.MarkerSpan = Span{first.SourceOffset(m[g]), first.SourceOffset(m[g+1])}
		}
	}
	if p.Type.Kind != "array" || p.Type.Items == nil || p.Type.Items.Kind != "object" {
		return
	}
	for _, s := range sents {
		if !eachItemRE.MatchString(s.Text) {
			continue
		}
		for _, l := range s.Links {
			if dest := docLink(l.Destination); dest != "" {
				p.Type.Items = &PropertyType{Kind: "ref", Ref: dest}
				return
			}
		}
	}
}

// docLink returns the document a relative link points to ("descriptor.md"
// for "descriptor.md#properties"), or "" for other links.
func docLink(dest string) string {
	file, _, _ := strings.Cut(dest, "#")
	if file == "" || strings.Contains(file, "://") || !strings.HasSuffix(file, ".md") {
		return ""
	}
	return file
}

// checkUntyped reports a property written without a type among siblings
// that have one (a bold name with no type in a property list).
func (pb *propBuilder) checkUntyped(parent *Property, ps []*Property) {
	key := func(p *Property) listKey {
		if b := pb.listStyle[p]; b != nil {
			return listKey{p.Item.Parent, b.Section}
		}
		return listKey{}
	}
	typed := map[listKey]bool{}
	for _, p := range ps {
		if p.Type != nil && p.Item != nil {
			typed[key(p)] = true
		}
	}
	for _, p := range ps {
		if p.Type == nil && p.Item != nil && typed[key(p)] && !p.Implicit && (parent == nil || p.Parent == parent) && pb.firstParent(p) {
			pb.problems = append(pb.problems, PropertyProblem{p.Header, "property " + quoteWord(p.Name) + " has no type"})
		}
	}
}

// firstParent reports whether p is the first copy of a property that two
// parents share, so a problem is reported once.
func (pb *propBuilder) firstParent(p *Property) bool {
	for _, q := range pb.all {
		if q.Header == p.Header && q.Name == p.Name {
			return q == p
		}
	}
	return true
}
