package reqs

import (
	"bytes"
	"cmp"
	"github.com/ocispec/ocispec/specs"
	"regexp"
	"strings"
	"unicode"
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
	// Actor is who the requirement binds: a role named in the subject
	// (registry, client, implementation, runtime, ...), else the property
	// being described, else the subject's head noun, else "".
	Actor string `json:"actor" yaml:"actor"`
	// Property is the dotted path of the property description the sentence
	// sits in ("config.mediaType"), or "".
	Property string `json:"property" yaml:"property"`
	// Conditional is "if", "when" or "unless" when the sentence states a
	// condition, else "".
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

// Extract derives the requirement graph of a spec set.
func Extract(set *specs.Set) *Graph {
	g := &Graph{Requirements: []*Requirement{}, Edges: []Edge{}}
	if set == nil {
		return g
	}
	var codes map[string]bool
	perDoc := make([][]*Requirement, len(set.Docs))
	for i, doc := range set.Docs {
		codes = collectErrorCodes(doc, codes)
		perDoc[i] = extractDoc(doc)
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

// extractDoc returns the requirements of one document in source order,
// without IDs.
func extractDoc(doc *specs.Document) []*Requirement {
	var out []*Requirement
	var hits []keywordHit
	paths := map[*specs.Heading][]string{}
	for _, b := range doc.Blocks {
		checked, prop, key := false, "", ""
		for _, s := range b.Sentences {
			hits = appendKeywords(hits[:0], s.Text, s.Code)
			n := 0
			for _, h := range hits {
				if h.Normative {
					n++
				}
			}
			if n == 0 {
				continue
			}
			// Block-level facts, computed only for blocks with keywords.
			if !checked {
				if blockIsBoilerplate(b) {
					break
				}
				checked, prop, key = true, propertyPath(doc, b), rowKey(b)
			}
			norm := normalizeText(s.Text, hits)
			plain := stripCode(s.Text, s.Code)
			cond := conditional(plain)
			offs := keywordOffsets(doc, s, hits)
			ord, prevActor, prevEnd := 0, "", 0
			for k, h := range hits {
				if !h.Normative {
					continue
				}
				after := ""
				if adjectiveKeyword(h.Keyword) {
					after = s.Text[h.End:]
				}
				actor := subjectActor(s.Text[prevEnd:h.Start], after, prop, ord > 0, prevActor)
				r := &Requirement{
					Keyword:     h.Keyword,
					Level:       h.Level,
					Actor:       actor,
					Property:    cmp.Or(prop, key),
					Conditional: cond,
					Text:        s.Text,
					File:        doc.Path,
					Doc:         doc,
					Sentence:    s,
					block:       b,
					Offset:      offs[k],
					norm:        norm,
					ordinal:     ord,
					SectionPath: []string{},
					Refs:        []Ref{},
				}
				pos := doc.Position(r.Offset)
				r.Line, r.Column = pos.Line, pos.Column
				if b.Section != nil {
					r.Section = b.Section.Anchor
					p, ok := paths[b.Section]
					if !ok {
						p = b.Section.Path()
						paths[b.Section] = p
					}
					r.SectionPath = p
				}
				out = append(out, r)
				ord++
				prevActor, prevEnd = actor, h.End
			}
		}
	}
	return out
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

// keywordOffsets maps each keyword hit in s.Text to its byte offset in the
// source, through the sentence's plain-text map (a keyword inside a link
// destination or an HTML comment before it cannot shift the position).
func keywordOffsets(_ *specs.Document, s *specs.Sentence, hits []keywordHit) []int {
	offs := make([]int, len(hits))
	for k, h := range hits {
		offs[k] = s.SourceOffset(h.Start)
	}
	return offs
}

// propertyName returns the property a block's first line describes, or "".
func propertyName(doc *specs.Document, b *specs.Block) string {
	if b == nil || len(b.Lines) == 0 {
		return ""
	}
	ln := b.Lines[0]
	if ln.Start < 0 || ln.End > len(doc.Source) || ln.Start > ln.End {
		return ""
	}
	line := doc.Source[ln.Start:ln.End]
	if !bytes.HasPrefix(line, []byte("**")) {
		return ""
	}
	m := propertyRE.FindSubmatch(line)
	if m == nil {
		return ""
	}
	return strings.TrimSpace(string(m[1]))
}

// propertyRE matches the start of a property description: **`name`**.
var propertyRE = regexp.MustCompile("^\\*\\*\\s*`([^`]+)`\\s*\\*\\*")

// propertyPath returns the dotted path of the property descriptions
// enclosing b, outermost first: list items whose text starts with a bold
// code name, and b itself when it is a paragraph starting so (runtime-spec
// writes "**`uidMappings`** (array of objects, OPTIONAL) ..." without a
// list).
func propertyPath(doc *specs.Document, b *specs.Block) string {
	var names []string
	if b.Kind == specs.Paragraph && (b.Item == nil || b.Item.First != b) {
		if name := propertyName(doc, b); name != "" {
			names = append(names, name)
		}
	}
	for it := b.Item; it != nil; it = it.Parent {
		if name := propertyName(doc, it.First); name != "" {
			names = append(names, name)
		}
	}
	for i, j := 0, len(names)-1; i < j; i, j = i+1, j-1 {
		names[i], names[j] = names[j], names[i]
	}
	return strings.Join(names, ".")
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

// roles maps subject words to the actor they name.
var roles = map[string]string{
	"registry": "registry", "registries": "registry",
	"client": "client", "clients": "client",
	"implementation": "implementation", "implementations": "implementation",
	"implementer": "implementation", "implementers": "implementation",
	"implementor": "implementation", "implementors": "implementation",
	"runtime": "runtime", "runtimes": "runtime",
	"server": "server", "servers": "server",
	"user": "user", "users": "user",
	"tool": "tool", "tools": "tool", "tooling": "tool",
	"author": "author", "authors": "author",
	"operator": "operator", "operators": "operator",
	"producer": "producer", "producers": "producer",
	"consumer": "consumer", "consumers": "consumer",
	"maintainer": "maintainer", "maintainers": "maintainer",
	"engine": "engine", "engines": "engine",
	"hook": "hook", "hooks": "hook",
	"extension": "extension", "extensions": "extension",
}

var stopWords = map[string]bool{
	"the": true, "a": true, "an": true, "this": true, "that": true, "these": true,
	"those": true, "it": true, "they": true, "its": true, "their": true, "each": true,
	"every": true, "any": true, "all": true, "some": true, "such": true, "which": true,
	"and": true, "or": true, "but": true, "then": true, "also": true, "not": true,
	"there": true, "is": true, "are": true, "be": true, "value": true, "field": true,
	"property": true, "you": true, "we": true, "one": true, "only": true,
	"first": true, "then,": true, "case": true, "otherwise": true,
}

// subjectActor derives the actor from the text between the previous
// keyword (or the sentence start) and this keyword; code spans count as
// words ("the `config.mediaType` value" names config.mediaType).
func subjectActor(before, after, prop string, continued bool, prevActor string) string {
	clause := dropParentheticals(before)
	if i := strings.LastIndexAny(clause, ",;:("); i >= 0 {
		clause = clause[i+1:]
	}
	words := strings.FieldsFunc(clause, func(r rune) bool {
		switch r {
		case ' ', '`', '"', '\'', '!', '?', ')', '[', ']', '\u201c', '\u201d':
			return true
		}
		return false
	})
	for i := range words {
		words[i] = strings.TrimRight(words[i], ".")
	}
	for i := len(words) - 1; i >= 0; i-- {
		if a, ok := roles[strings.ToLower(words[i])]; ok {
			return a
		}
	}
	// A keyword used attributively ("implement the OPTIONAL endpoints",
	// "any REQUIRED property") has no subject of its own: it belongs to
	// the clause's actor.
	if continued && prevActor != "" && (attributive(after) || len(words) > 0 && determiners[strings.ToLower(words[len(words)-1])]) {
		return prevActor
	}
	if continued && prevActor != "" {
		content := 0
		for _, w := range words {
			if !stopWords[strings.ToLower(w)] && strings.ContainsFunc(w, unicode.IsLetter) {
				content++
			}
		}
		if content == 0 {
			return prevActor
		}
	}
	if prop != "" {
		return prop
	}
	// Head noun: the last word of the clause that is not a stop word.
	for i := len(words) - 1; i >= 0; i-- {
		w := words[i]
		lw := strings.ToLower(w)
		if stopWords[lw] || len(w) < 3 && isLetters(w) {
			continue
		}
		if isLetters(w) && strings.ToLower(w[1:]) == w[1:] {
			return singular(lw)
		}
		if strings.Trim(w, "0123456789") == "" || !strings.ContainsFunc(w, unicode.IsLetter) {
			continue
		}
		return w
	}
	return ""
}

// determiners and conjunctions that, just before a later keyword of a
// sentence, show that the keyword continues the same subject ("X SHOULD do
// A and MAY do B", "change any REQUIRED property").
var determiners = map[string]bool{
	"the": true, "a": true, "an": true, "any": true, "all": true, "every": true,
	"each": true, "some": true, "no": true, "its": true, "their": true, "other": true,
	"and": true, "or": true, "but": true,
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

// singular crudely singularizes an English plural ("registries",
// "headers").
func singular(w string) string {
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses") || strings.HasSuffix(w, "xes"):
		return w[:len(w)-2]
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is") && len(w) > 3:
		return w[:len(w)-1]
	}
	return w
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
	add := func(k RefKind, t string) {
		ref := Ref{k, t}
		if t != "" && !seen[ref] {
			seen[ref] = true
			refs = append(refs, ref)
		}
	}
	s := r.Sentence
	for _, l := range s.Links {
		if l.Image {
			continue
		}
		label := strings.TrimSpace(l.Text)
		switch {
		case endpointLabelRE.MatchString(label):
			add(RefEndpoint, label)
			continue
		case codeLabelRE.MatchString(label):
			add(RefError, label)
			continue
		}
		dest := strings.TrimSpace(l.Destination)
		if m := rfcURLRE.FindStringSubmatch(dest); m != nil {
			add(RefRFC, "RFC "+m[1])
			continue
		}
		file, frag, local := set.Resolve(r.Doc, dest)
		switch {
		case !local:
			add(RefURL, dest)
		case frag != "" && file == r.File && reqs[frag] != nil:
			add(RefRequirement, frag)
		case frag != "":
			add(RefSection, file+"#"+frag)
		default:
			add(RefFile, file)
		}
	}
	if strings.Contains(s.Text, "RFC") {
		for _, m := range rfcTextRE.FindAllStringSubmatch(stripCode(s.Text, s.Code), -1) {
			add(RefRFC, "RFC "+strings.TrimLeft(m[1], "0"))
		}
	}
	for _, c := range s.Code {
		if c[0] < 0 || c[1] > len(s.Text) || c[0] > c[1] {
			continue
		}
		name := strings.Trim(s.Text[c[0]:c[1]], "` ")
		if codes[name] {
			add(RefError, name)
		}
	}
	// A requirement in a table cell refers to the error code of its row.
	if b := r.block; b != nil && b.Table != nil && b.Row > 0 && b.Row-1 < len(b.Table.Rows) {
		for _, cell := range b.Table.Rows[b.Row-1] {
			if name := strings.Trim(strings.TrimSpace(blockText(cell)), "`"); cell != b && codes[name] {
				add(RefError, name)
			}
		}
	}
	return refs
}

// buildEdges derives contains, references and refines edges.
func buildEdges(g *Graph, perDoc [][]*Requirement) []Edge {
	n := 0
	for _, r := range g.Requirements {
		n += 2 + len(r.Refs)
	}
	edges := make([]Edge, 0, n)
	for _, rs := range perDoc {
		// first requirement of each list item, for refines edges
		firstOf := map[*specs.ListItem]*Requirement{}
		for _, r := range rs {
			if it := r.block.Item; it != nil {
				if _, ok := firstOf[it]; !ok {
					firstOf[it] = r
				}
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
			if it := r.block.Item; it != nil {
				for p := it.Parent; p != nil; p = p.Parent {
					if pr := firstOf[p]; pr != nil && pr != r {
						edges = append(edges, Edge{EdgeRefines, r.ID, pr.ID, RefRequirement})
						break
					}
				}
			}
		}
	}
	return edges
}
