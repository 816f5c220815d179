package reqs

import (
	"cmp"
	"regexp"
	"slices"
	"strings"

	"github.com/ocispec/ocispec/specs"
)

// A Requirement is one BCP 14 keyword clause in the prose of a spec set.
// docs/requirements.md is the normative description of its JSON form;
// keep the two in step.
type Requirement struct {
	// ID is stable across unrelated edits; see reqid.go.
	ID string `json:"id" yaml:"id"`
	// Revision fingerprints the level, normalized text and property; it
	// changes when the requirement's meaning may have (see revision.go).
	Revision string `json:"revision" yaml:"revision"`
	// Keyword is the keyword as written ("REQUIRED", "MUST NOT").
	Keyword string `json:"keyword" yaml:"keyword"`
	// Level is the keyword normalized to one of five levels.
	Level Level `json:"level" yaml:"level"`
	// Actor is the head noun of the keyword clause's subject, as written
	// ("registry", "Voting", "request"), or "" for a clause without one.
	Actor string `json:"actor" yaml:"actor"`
	// Role is the normalized party the requirement binds (see Role).
	Role Role `json:"role" yaml:"role"`
	// Property is the dotted path of the property description the sentence
	// sits in ("config.mediaType"), or "".
	Property string `json:"property" yaml:"property"`
	// Conditional is "if", "when" or "unless" when the keyword's clause
	// (or the sentence, opening with one) states a condition, else "".
	Conditional string `json:"conditional" yaml:"conditional"`
	// Text is the whole sentence, plain and whitespace-normalized.
	Text string `json:"text" yaml:"text"`
	// File is the document path; Line and Column locate the keyword.
	File   string `json:"file" yaml:"file"`
	Line   int    `json:"line" yaml:"line"`
	Column int    `json:"column" yaml:"column"`
	// Section is the anchor of the enclosing heading ("" before the first
	// heading); SectionPath lists the anchors from the outermost heading.
	Section     string   `json:"section" yaml:"section"`
	SectionPath []string `json:"sectionPath" yaml:"sectionPath"`
	Refs        []Ref    `json:"refs" yaml:"refs"`

	// Explicit is true when the ID comes from a <!-- req: id --> marker.
	Explicit bool `json:"-" yaml:"-"`
	// Doc and Sentence locate the requirement in the model.
	Doc      *specs.Document `json:"-" yaml:"-"`
	Sentence *specs.Sentence `json:"-" yaml:"-"`
	// Offset is the keyword's byte offset in Doc.Source.
	Offset int `json:"-" yaml:"-"`

	block *specs.Block
	// rowKey names the table row of a cell (see rowKey); it keeps the
	// IDs of equal cells of different rows apart.
	rowKey string

	// norm is the normalized text (keywords masked) shared by IDs and diff.
	norm string
	// ordinal is the index of this requirement among the normative
	// keywords of its sentence.
	ordinal int
}

// RefKind classifies what a requirement refers to.
type RefKind string

// Reference kinds.
const (
	RefSection     RefKind = "section"
	RefFile        RefKind = "file"
	RefEndpoint    RefKind = "endpoint"
	RefError       RefKind = "error"
	RefRFC         RefKind = "rfc"
	RefRequirement RefKind = "requirement"
	RefURL         RefKind = "url"
)

// A Ref is a reference from a requirement's sentence. Target is
// "file.md#anchor" for sections, the file path for files, the endpoint ID
// ("end-3"), the error code ("code-5" or "MANIFEST_UNKNOWN"), "RFC 9110",
// a requirement ID, or the URL.
type Ref struct {
	Kind   RefKind `json:"kind" yaml:"kind"`
	Target string  `json:"target" yaml:"target"`
}

// EdgeKind classifies graph edges.
type EdgeKind string

// Edge kinds.
const (
	// EdgeContains goes from a section ("file.md#anchor") to a requirement.
	EdgeContains EdgeKind = "contains"
	// EdgeReferences goes from a requirement to a Ref target.
	EdgeReferences EdgeKind = "references"
	// EdgeRefines goes from a nested list item's requirement to its parent
	// item's requirement.
	EdgeRefines EdgeKind = "refines"
)

// An Edge connects two nodes of the requirement graph. Requirement nodes
// are named by ID, section nodes by "file.md#anchor", other nodes by their
// Ref target; ToKind says which.
type Edge struct {
	Kind   EdgeKind `json:"kind" yaml:"kind"`
	From   string   `json:"from" yaml:"from"`
	To     string   `json:"to" yaml:"to"`
	ToKind RefKind  `json:"toKind" yaml:"toKind"`
}

// A Graph is the requirement graph of a spec set.
type Graph struct {
	Requirements []*Requirement `json:"requirements" yaml:"requirements"`
	Edges        []Edge         `json:"edges" yaml:"edges"`
	// Warnings report problems such as dangling or duplicate markers.
	Warnings []string `json:"-" yaml:"-"`

	byID map[string]*Requirement
}

// Requirement returns the requirement with the given ID, or nil.
func (g *Graph) Requirement(id string) *Requirement {
	return g.byID[id]
}

// Options configure extraction.
type Options struct {
	// Vocabulary maps subject words to roles; nil means
	// DefaultVocabulary.
	Vocabulary *Vocabulary
}

// Extract derives the requirement graph of a spec set with the default
// options.
func Extract(set *specs.Set) *Graph {
	return ExtractWith(set, Options{})
}

// ExtractWith derives the requirement graph of a spec set.
func ExtractWith(set *specs.Set, opts Options) *Graph {
	g := &Graph{Requirements: []*Requirement{}, Edges: []Edge{}}
	if set == nil {
		return g
	}
	if opts.Vocabulary == nil {
		opts.Vocabulary = DefaultVocabulary()
	}
	var codes map[string]bool
	perDoc := make([][]*Requirement, len(set.Docs))
	for i, doc := range set.Docs {
		codes = collectErrorCodes(doc, codes)
		x := &extractor{vocab: opts.Vocabulary, doc: doc, governance: specs.IsGovernance(doc.Path), paths: map[*specs.Heading][]string{}}
		perDoc[i] = x.document()
	}
	for _, rs := range perDoc {
		g.Requirements = append(g.Requirements, rs...)
	}
	g.Warnings = assignIDs(set, perDoc)
	g.byID = make(map[string]*Requirement, len(g.Requirements))
	for _, r := range g.Requirements {
		g.byID[r.ID] = r
		r.Revision = revision(r)
	}
	for _, r := range g.Requirements {
		r.Refs = sentenceRefs(set, r, codes, g.byID)
	}
	g.Edges = buildEdges(g, perDoc)
	return g
}

// An extractor reads the requirements of one document.
type extractor struct {
	vocab      *Vocabulary
	doc        *specs.Document
	governance bool
	paths      map[*specs.Heading][]string
	out        []*Requirement
	hits       []keywordHit
	normative  []keywordHit
	leadIns    map[*specs.Table]Role
	// prev is the previous requirement of the current block, the
	// antecedent of a pronoun subject ("It MUST ...").
	prev *Requirement
}

// document returns the requirements of the document in source order,
// without IDs.
func (x *extractor) document() []*Requirement {
	for _, b := range x.doc.Blocks {
		x.block(b)
	}
	return x.out
}

func (x *extractor) block(b *specs.Block) {
	checked, row := false, ""
	x.prev = nil
	for _, s := range b.Sentences {
		x.hits = appendKeywords(x.hits[:0], s.Text, s.Code)
		x.normative = normativeHits(x.normative[:0], x.hits)
		hits := x.normative
		if len(hits) == 0 {
			continue
		}
		// Block-level facts, computed only for blocks with keywords.
		if !checked {
			if blockIsBoilerplate(b) {
				return
			}
			checked, row = true, rowKey(b)
		}
		x.sentence(b, s, hits, row)
	}
}

// normativeHits appends the normative hits to out.
func normativeHits(out, hits []keywordHit) []keywordHit {
	for _, h := range hits {
		if h.Normative {
			out = append(out, h)
		}
	}
	return out
}

func (x *extractor) sentence(b *specs.Block, s *specs.Sentence, hits []keywordHit, row string) {
	norm := normalizeText(s.Text, x.hits)
	plain := stripCode(s.Text, s.Code)
	clauses := splitClauses(s.Text, hits)
	for k, h := range hits {
		r := &Requirement{
			Keyword:     h.Keyword,
			Level:       h.Level,
			rowKey:      row,
			Conditional: conditionFor(plain, clauses[k]),
			Text:        s.Text,
			File:        x.doc.Path,
			Doc:         x.doc,
			Sentence:    s,
			block:       b,
			Offset:      s.SourceOffset(h.Start),
			norm:        norm,
			ordinal:     k,
			SectionPath: []string{},
			Refs:        []Ref{},
		}
		r.Property = propertyPath(x.doc.PropertyAt(r.Offset), b.Section)
		r.Actor, r.Role = x.party(b, s.Text, h, clauses[k], k > 0)
		pos := x.doc.Position(r.Offset)
		r.Line, r.Column = pos.Line, pos.Column
		if b.Section != nil {
			r.Section = b.Section.Anchor
			r.SectionPath = x.sectionPath(b.Section)
		}
		x.out = append(x.out, r)
		x.prev = r
	}
}

// leadInRole returns the software role the paragraph introducing a table
// names, for a subjectless table cell ("Runtimes MUST/SHOULD/MAY implement
// the following option strings:" before a table of options). It is
// computed once per table.
func (x *extractor) leadInRole(b *specs.Block) Role {
	if b.Table == nil {
		return ""
	}
	if x.leadIns == nil {
		// One pass: each table's lead-in is the last paragraph before
		// its first cell in reading order.
		x.leadIns = map[*specs.Table]Role{}
		var last *specs.Block
		for _, p := range x.doc.Blocks {
			switch {
			case p.Table != nil:
				if _, ok := x.leadIns[p.Table]; !ok {
					x.leadIns[p.Table] = ""
					if last != nil {
						x.leadIns[p.Table] = namedRole(x.vocab, blockText(last))
					}
				}
			case p.Kind == specs.Paragraph:
				last = p
			}
		}
	}
	return x.leadIns[b.Table]
}

func (x *extractor) sectionPath(h *specs.Heading) []string {
	p, ok := x.paths[h]
	if !ok {
		p = h.Path()
		x.paths[h] = p
	}
	return p
}

// party returns the actor (the subject's head noun as written) and the
// role of a keyword's clause. continued is set for the second and later
// keywords of a sentence.
func (x *extractor) party(b *specs.Block, text string, h keywordHit, c clause, continued bool) (string, Role) {
	after := text[h.End:c.end]
	if adjectiveKeyword(h.Keyword) && attributive(after) {
		if continued && x.prev != nil {
			return x.prev.Actor, x.prev.Role
		}
		words := subjectWords(after)
		if len(words) > 1 && strings.HasPrefix(strings.TrimLeft(after, " "), "`") && isLetters(words[1]) {
			words = words[1:]
		}
		np, heads := nounPhrase(words[:min(len(words), 1)])
		return x.headRole(np, heads, text, after, b, continued)
	}
	words := subjectWords(text[c.start:h.Start])
	np, heads := nounPhrase(words)
	return x.headRole(np, heads, text, after, b, continued)
}

// headRole applies the role rules (docs/requirements.md, "role") to a
// subject noun phrase.
func (x *extractor) headRole(np []string, heads []int, text, after string, b *specs.Block, continued bool) (string, Role) {
	actor := ""
	if len(heads) > 0 {
		actor = headOf(np, heads[len(heads)-1])
	}
	role := phraseRole(x.vocab, np, heads)
	if role.software() || role == RoleImplementation {
		return actor, role
	}
	if passive(after) {
		if r := cmp.Or(agentRole(x.vocab, after), namedRole(x.vocab, text), headingRole(x.vocab, b.Section)); r != "" {
			return actor, r
		}
	}
	if role != "" {
		return actor, role
	}
	if actor == "" || isPronoun(actor) {
		if x.prev != nil && (continued || isPronoun(actor) && actor != "") {
			return cmp.Or(actor, x.prev.Actor), x.prev.Role
		}
		if r := x.leadInRole(b); actor == "" && r != "" {
			return actor, r
		}
	}
	if x.governance {
		return actor, RoleProcess
	}
	return actor, RoleContent
}

func blockIsBoilerplate(b *specs.Block) bool {
	found := false
	for _, s := range b.Sentences {
		if strings.Contains(s.Text, "interpreted") {
			found = true
			break
		}
	}
	if !found {
		return false
	}
	if len(b.Sentences) == 1 {
		return isBoilerplate(b.Sentences[0].Text)
	}
	var sb strings.Builder
	for i, s := range b.Sentences {
		if i > 0 {
			sb.WriteByte(' ')
		}
		sb.WriteString(s.Text)
	}
	return isBoilerplate(sb.String())
}

// propertyPath is the path of the property whose description holds a
// requirement, refined to a child the requirement's section is named for:
// under "mounts", the section "Linux mount options" is about
// mounts[].options.
func propertyPath(p *specs.Property, sec *specs.Heading) string {
	if p == nil {
		return ""
	}
	if sec == nil || sec.Span.Start < p.Span.Start {
		return p.Path
	}
	words := strings.Fields(strings.ToLower(sec.Text))
	for _, c := range p.Children {
		if slices.Contains(words, strings.ToLower(c.Name)) {
			return c.Path
		}
	}
	return p.Path
}

// rowKey names the table row of a body cell outside the first column: the
// first cell's text, code backticks removed ("org.opencontainers.image.url"
// in an annotation table). It keeps "REQUIRED" cells of different rows
// apart and tells the reader what the cell is about.
func rowKey(b *specs.Block) string {
	if b.Table == nil || b.Row == 0 || b.Col == 0 || b.Row-1 >= len(b.Table.Rows) {
		return ""
	}
	row := b.Table.Rows[b.Row-1]
	if len(row) == 0 {
		return ""
	}
	var parts []string
	for _, s := range row[0].Sentences {
		parts = append(parts, s.Text)
	}
	return strings.TrimSpace(strings.ReplaceAll(strings.Join(parts, " "), "`", ""))
}

// conditional returns "if", "when" or "unless" for the first condition word
// (if, when, whenever, unless; any case) of the plain text, code already
// stripped, else "".
func conditional(plain string) string {
	for i := 0; i < len(plain); {
		if !isWordByte(plain[i]) {
			i++
			continue
		}
		j := i
		for j < len(plain) && isWordByte(plain[j]) {
			j++
		}
		switch w := plain[i:j]; {
		case strings.EqualFold(w, "if"):
			return "if"
		case strings.EqualFold(w, "when"), strings.EqualFold(w, "whenever"):
			return "when"
		case strings.EqualFold(w, "unless"):
			return "unless"
		}
		i = j
	}
	return ""
}

// adjectiveKeyword reports the keywords that can stand before a noun;
// the modal verbs (MUST, SHOULD, MAY, ...) cannot.
func adjectiveKeyword(k string) bool {
	switch k {
	case "REQUIRED", "OPTIONAL", "RECOMMENDED", "NOT RECOMMENDED":
		return true
	}
	return false
}

// attributive reports a keyword used as an adjective: followed by a
// lower-case word ("OPTIONAL ones", "REQUIRED property").
func attributive(after string) bool {
	after = strings.TrimLeft(after, " ")
	if after == "" {
		return false
	}
	c := after[0]
	if c == '`' {
		return true
	}
	return c >= 'a' && c <= 'z' && !strings.HasPrefix(after, "to ") && !strings.HasPrefix(after, "be ") && !strings.HasPrefix(after, "not ")
}

// dropParentheticals removes "(...)" groups, so "Minor releases (e.g. 1.0
// to 1.1) MUST" finds "releases"; an unclosed "(" is left alone.
func dropParentheticals(s string) string {
	if strings.IndexByte(s, '(') < 0 {
		return s
	}
	var b strings.Builder
	depth := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '(':
			if strings.IndexByte(s[i:], ')') < 0 {
				b.WriteString(s[i:])
				return b.String()
			}
			depth++
		case c == ')' && depth > 0:
			depth--
		case depth == 0:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func isLetters(w string) bool {
	for _, r := range w {
		if (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') && r != '-' {
			return false
		}
	}
	return true
}

// collectErrorCodes adds the error codes of tables whose header has a
// "Code" column (cells written as `UPPER_CASE` code spans).
func collectErrorCodes(doc *specs.Document, codes map[string]bool) map[string]bool {
	for _, t := range doc.Tables {
		col := -1
		for i, h := range t.Header {
			if strings.EqualFold(strings.TrimSpace(blockText(h)), "code") {
				col = i
				break
			}
		}
		if col < 0 {
			continue
		}
		for _, row := range t.Rows {
			if col >= len(row) {
				continue
			}
			c := strings.Trim(strings.TrimSpace(blockText(row[col])), "`")
			if errorCodeRE.MatchString(c) {
				if codes == nil {
					codes = map[string]bool{}
				}
				codes[c] = true
			}
		}
	}
	return codes
}

var errorCodeRE = regexp.MustCompile(`^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$`)

func blockText(b *specs.Block) string {
	if b == nil {
		return ""
	}
	var parts []string
	for _, s := range b.Sentences {
		parts = append(parts, s.Text)
	}
	return strings.Join(parts, " ")
}

var (
	endpointLabelRE = regexp.MustCompile(`^end-[0-9]+[a-z]?$`)
	codeLabelRE     = regexp.MustCompile(`^code-[0-9]+$`)
	rfcURLRE        = regexp.MustCompile(`(?i)(?:rfc-editor\.org/(?:rfc|info)/rfc|ietf\.org/(?:html|doc/html|rfc)/rfc|ietf\.org/rfc/rfc)0*([0-9]{1,5})`)
	rfcTextRE       = regexp.MustCompile(`\bRFC ?([0-9]{3,5})\b`)
)

// sentenceRefs resolves the links and mentions of a requirement's sentence.
func sentenceRefs(set *specs.Set, r *Requirement, codes map[string]bool, reqs map[string]*Requirement) []Ref {
	refs := []Ref{}
	seen := map[Ref]bool{}
	add := func(ref Ref) {
		if ref.Target != "" && !seen[ref] {
			seen[ref] = true
			refs = append(refs, ref)
		}
	}
	s := r.Sentence
	for _, l := range s.Links {
		if !l.Image {
			add(linkRef(set, r, l, reqs))
		}
	}
	if strings.Contains(s.Text, "RFC") {
		for _, m := range rfcTextRE.FindAllStringSubmatch(stripCode(s.Text, s.Code), -1) {
			add(Ref{RefRFC, "RFC " + strings.TrimLeft(m[1], "0")})
		}
	}
	for _, name := range errorNames(r, codes) {
		add(Ref{RefError, name})
	}
	return refs
}

// errorNames lists the error codes a requirement names in code spans and,
// in a table cell, the error code of its row.
func errorNames(r *Requirement, codes map[string]bool) []string {
	if len(codes) == 0 {
		return nil
	}
	var out []string
	s := r.Sentence
	for _, c := range s.Code {
		if c[0] < 0 || c[1] > len(s.Text) || c[0] > c[1] {
			continue
		}
		if name := strings.Trim(s.Text[c[0]:c[1]], "` "); codes[name] {
			out = append(out, name)
		}
	}
	b := r.block
	if b == nil || b.Table == nil || b.Row <= 0 || b.Row-1 >= len(b.Table.Rows) {
		return out
	}
	for _, cell := range b.Table.Rows[b.Row-1] {
		if name := strings.Trim(strings.TrimSpace(blockText(cell)), "`"); cell != b && codes[name] {
			out = append(out, name)
		}
	}
	return out
}

// linkRef resolves one link of a requirement's sentence.
func linkRef(set *specs.Set, r *Requirement, l *specs.Link, reqs map[string]*Requirement) Ref {
	label := strings.TrimSpace(l.Text)
	switch {
	case endpointLabelRE.MatchString(label):
		return Ref{RefEndpoint, label}
	case codeLabelRE.MatchString(label):
		return Ref{RefError, label}
	}
	dest := strings.TrimSpace(l.Destination)
	if m := rfcURLRE.FindStringSubmatch(dest); m != nil {
		return Ref{RefRFC, "RFC " + m[1]}
	}
	file, frag, local := set.Resolve(r.Doc, dest)
	switch {
	case !local:
		return Ref{RefURL, dest}
	case frag != "" && file == r.File && reqs[frag] != nil:
		return Ref{RefRequirement, frag}
	case frag != "":
		return Ref{RefSection, file + "#" + frag}
	}
	return Ref{RefFile, file}
}

// buildEdges derives contains, references and refines edges.
func buildEdges(g *Graph, perDoc [][]*Requirement) []Edge {
	n := 0
	for _, r := range g.Requirements {
		n += 2 + len(r.Refs)
	}
	edges := make([]Edge, 0, n)
	for _, rs := range perDoc {
		edges = docEdges(edges, rs)
	}
	return edges
}

// docEdges appends the edges of one document's requirements.
func docEdges(edges []Edge, rs []*Requirement) []Edge {
	// first requirement of each list item, for refines edges
	firstOf := map[*specs.ListItem]*Requirement{}
	for _, r := range rs {
		if it := r.block.Item; it != nil && firstOf[it] == nil {
			firstOf[it] = r
		}
	}
	for _, r := range rs {
		sec := r.File
		if r.Section != "" {
			sec += "#" + r.Section
		}
		edges = append(edges, Edge{EdgeContains, sec, r.ID, RefRequirement})
		for _, ref := range r.Refs {
			edges = append(edges, Edge{EdgeReferences, r.ID, ref.Target, ref.Kind})
		}
		if pr := refined(r, firstOf); pr != nil {
			edges = append(edges, Edge{EdgeRefines, r.ID, pr.ID, RefRequirement})
		}
	}
	return edges
}

// refined returns the first requirement of the nearest enclosing list
// item that has one, which r (in a nested item) refines, or nil.
func refined(r *Requirement, firstOf map[*specs.ListItem]*Requirement) *Requirement {
	if r.block.Item == nil {
		return nil
	}
	for p := r.block.Item.Parent; p != nil; p = p.Parent {
		if pr := firstOf[p]; pr != nil && pr != r {
			return pr
		}
	}
	return nil
}
