package reqs

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
)

// ChangeKind classifies a requirement present in both versions whose
// normative content changed.
type ChangeKind string

// Change kinds, in the order the outputs list them.
const (
	// Reversed: the polarity flipped at the same strength (MUST ↔ MUST
	// NOT, SHOULD ↔ SHOULD NOT), the opposite of what was required.
	Reversed ChangeKind = "reversed"
	// Strengthened: the level became stricter (MAY → SHOULD → MUST).
	Strengthened ChangeKind = "strengthened"
	// Weakened: the level became laxer.
	Weakened ChangeKind = "weakened"
	// Reworded: the level is unchanged but the normalized text changed.
	Reworded ChangeKind = "reworded"
)

// A Change pairs a requirement of the old version with its counterpart in
// the new one.
type Change struct {
	Old  *Requirement `json:"old" yaml:"old"`
	New  *Requirement `json:"new" yaml:"new"`
	Kind ChangeKind   `json:"kind" yaml:"kind"`
}

// A Diff lists the normative changes between two requirement graphs.
// Requirements whose level and normalized text are equal count as
// unchanged, whatever their formatting, position, section or ID.
type Diff struct {
	Added     []*Requirement `json:"added" yaml:"added"`
	Removed   []*Requirement `json:"removed" yaml:"removed"`
	Changed   []Change       `json:"changed" yaml:"changed"`
	Unchanged int            `json:"unchanged" yaml:"unchanged"`
}

// Empty reports whether the diff holds no normative change.
func (d *Diff) Empty() bool {
	return len(d.Added) == 0 && len(d.Removed) == 0 && len(d.Changed) == 0
}

// Similarity thresholds for pairing requirements that are neither equal
// by ID nor by normalized text: within one section, and across sections
// (a requirement both moved and reworded).
const (
	sameSectionSimilarity  = 0.5
	crossSectionSimilarity = 0.8
)

// DiffGraphs compares two requirement graphs. Requirements are paired by
// ID, then by equal normalized text anywhere (moved), then by text
// similarity within a section, then by high similarity anywhere. Paired
// requirements with a changed level are strengthened or weakened; with
// changed normalized text, reworded. The rest are added or removed.
func DiffGraphs(oldG, newG *Graph) *Diff {
	p := newPairing(oldG.Requirements, newG.Requirements)
	p.byID()
	p.byText()
	// 3 and 4. By similarity, within a section, then anywhere.
	// Files present in only one version (spec-v1.0.md against spec.md)
	// share their sections' namespace.
	oldFiles, newFiles := fileSet(p.olds), fileSet(p.news)
	sameSection := func(o, n *Requirement) bool {
		return o.Section == n.Section && (o.File == n.File || !newFiles[o.File] && !oldFiles[n.File])
	}
	pairSimilar(p.olds, p.news, p.old, p.new, sameSectionSimilarity, sameSection)
	pairSimilar(p.olds, p.news, p.old, p.new, crossSectionSimilarity, nil)
	return p.diff()
}

// A pairing holds, for each requirement of either version, the index of
// its counterpart in the other, or -1.
type pairing struct {
	olds, news []*Requirement
	old, new   []int
}

func newPairing(olds, news []*Requirement) *pairing {
	p := &pairing{olds: olds, news: news, old: make([]int, len(olds)), new: make([]int, len(news))}
	for i := range p.old {
		p.old[i] = -1
	}
	for i := range p.new {
		p.new[i] = -1
	}
	return p
}

func (p *pairing) link(i, j int) { p.old[i], p.new[j] = j, i }

// byID is step 1: the same ID.
func (p *pairing) byID() {
	newByID := make(map[string]int, len(p.news))
	for j, r := range p.news {
		newByID[r.ID] = j
	}
	for i, r := range p.olds {
		if j, ok := newByID[r.ID]; ok && p.new[j] < 0 && sameProperty(r, p.news[j]) {
			p.link(i, j)
		}
	}
}

// byText is step 2: equal normalized text, property and ordinal (moved).
func (p *pairing) byText() {
	key := func(r *Requirement) string {
		return r.norm + "\x00" + r.Property + "\x00" + strconv.Itoa(r.ordinal)
	}
	newByKey := map[string][]int{}
	for j, r := range p.news {
		if p.new[j] < 0 {
			k := key(r)
			newByKey[k] = append(newByKey[k], j)
		}
	}
	for i, r := range p.olds {
		if p.old[i] >= 0 {
			continue
		}
		k := key(r)
		if js := newByKey[k]; len(js) > 0 {
			p.link(i, js[0])
			newByKey[k] = js[1:]
		}
	}
}

// diff classifies the pairs and lists the rest as added or removed.
func (p *pairing) diff() *Diff {
	d := &Diff{Added: []*Requirement{}, Removed: []*Requirement{}, Changed: []Change{}}
	for i, r := range p.olds {
		j := p.old[i]
		if j < 0 {
			d.Removed = append(d.Removed, r)
			continue
		}
		if k, ok := classify(r, p.news[j]); ok {
			d.Changed = append(d.Changed, Change{Old: r, New: p.news[j], Kind: k})
		} else {
			d.Unchanged++
		}
	}
	for j, r := range p.news {
		if p.new[j] < 0 {
			d.Added = append(d.Added, r)
		}
	}
	d.Changed = onePerSentence(d.Changed)
	d.Added, d.Removed = oneSentenceEach(d.Added), oneSentenceEach(d.Removed)
	slices.SortStableFunc(d.Changed, func(a, b Change) int {
		return cmp.Or(cmp.Compare(kindOrder(a.Kind), kindOrder(b.Kind)), comparePos(a.New, b.New))
	})
	return d
}

// sameProperty reports requirements that may pair: never two about
// different properties.
func sameProperty(o, n *Requirement) bool {
	return o.Property == "" || n.Property == "" || o.Property == n.Property
}

func kindOrder(k ChangeKind) int {
	return slices.Index([]ChangeKind{Reversed, Strengthened, Weakened, Reworded}, k)
}

// onePerSentence keeps one change per pair of sentences, the most
// significant, so a sentence with two keywords is one entry.
func onePerSentence(cs []Change) []Change {
	type pair struct{ o, n any }
	at := map[pair]int{}
	out := cs[:0:0]
	for _, c := range cs {
		k := pair{c.Old.Sentence, c.New.Sentence}
		if c.Old.Sentence == nil || c.New.Sentence == nil {
			out = append(out, c)
			continue
		}
		if i, ok := at[k]; ok {
			if kindOrder(c.Kind) < kindOrder(out[i].Kind) {
				out[i] = c
			}
			continue
		}
		at[k] = len(out)
		out = append(out, c)
	}
	return out
}

// oneSentenceEach keeps the first requirement of each sentence.
func oneSentenceEach(rs []*Requirement) []*Requirement {
	seen := map[any]bool{}
	out := rs[:0:0]
	for _, r := range rs {
		if r.Sentence != nil {
			if seen[r.Sentence] {
				continue
			}
			seen[r.Sentence] = true
		}
		out = append(out, r)
	}
	return out
}

func fileSet(rs []*Requirement) map[string]bool {
	m := map[string]bool{}
	for _, r := range rs {
		m[r.File] = true
	}
	return m
}

func comparePos(a, b *Requirement) int {
	return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Offset, b.Offset))
}

// classify returns the kind of change between paired requirements, and
// false when nothing normative changed.
func classify(o, n *Requirement) (ChangeKind, bool) {
	if o.Level != n.Level {
		switch so, sn := o.Level.strength(), n.Level.strength(); {
		case sn > so:
			return Strengthened, true
		case sn < so:
			return Weakened, true
		case o.Level.negative() != n.Level.negative():
			return Reversed, true
		default:
			return Reworded, true // MAY NOT ↔ MUST NOT: the same in effect, written differently
		}
	}
	if o.cmpText() != n.cmpText() {
		return Reworded, true
	}
	return "", false
}

type candidate struct {
	i, j  int
	score float64
}

// pairSimilar pairs still unpaired requirements greedily, best score
// first, when their similarity reaches threshold.
func pairSimilar(olds, news []*Requirement, pairOld, pairNew []int, threshold float64, sameSection func(o, n *Requirement) bool) {
	newTok := make([]map[string]int, len(news))
	for j, n := range news {
		if pairNew[j] < 0 {
			newTok[j] = tokenBag(n.norm)
		}
	}
	var cands []candidate
	for i, o := range olds {
		if pairOld[i] < 0 {
			cands = appendCandidates(cands, i, o, news, newTok, pairNew, threshold, sameSection)
		}
	}
	slices.SortStableFunc(cands, func(a, b candidate) int {
		return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(a.i, b.i), cmp.Compare(a.j, b.j))
	})
	for _, c := range cands {
		if pairOld[c.i] < 0 && pairNew[c.j] < 0 {
			pairOld[c.i], pairNew[c.j] = c.j, c.i
		}
	}
}

// appendCandidates adds the unpaired new requirements similar enough to
// olds[i].
func appendCandidates(cands []candidate, i int, o *Requirement, news []*Requirement, newTok []map[string]int, pairNew []int, threshold float64, sameSection func(o, n *Requirement) bool) []candidate {
	ot := tokenBag(o.norm)
	for j, n := range news {
		if pairNew[j] >= 0 || sameSection != nil && !sameSection(o, n) || !sameProperty(o, n) {
			continue
		}
		s := dice(ot, newTok[j])
		if o.ordinal == n.ordinal {
			s += 0.001 // prefer the keyword in the same place
		}
		if o.Property == n.Property {
			s += 0.001
		}
		if s >= threshold {
			cands = append(cands, candidate{i, j, s})
		}
	}
	return cands
}

func tokenBag(s string) map[string]int {
	m := map[string]int{}
	for _, w := range strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == ',' || r == '.' || r == ';' || r == ':' || r == '(' || r == ')' || r == '"' || r == '\''
	}) {
		m[w]++
	}
	return m
}

// dice is the Sørensen–Dice coefficient of two token multisets.
func dice(a, b map[string]int) float64 {
	na, nb, common := 0, 0, 0
	for w, c := range a {
		na += c
		common += min(c, b[w])
	}
	for _, c := range b {
		nb += c
	}
	if na+nb == 0 {
		return 1
	}
	return 2 * float64(common) / float64(na+nb)
}

// cmpText is the normalized text compared by the diff: link texts are
// masked, so a change of link text alone is no change (the text of a
// link names its target, which the diff ignores as formatting).
func (r *Requirement) cmpText() string {
	if r.Sentence == nil || len(r.Sentence.Links) == 0 {
		return r.norm
	}
	t := r.norm
	for _, l := range r.Sentence.Links {
		if lt := normalizeText(l.Text, nil); lt != "" {
			t = strings.Replace(t, lt, "\u27e8link\u27e9", 1)
		}
	}
	return t
}
