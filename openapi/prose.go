package openapi

import (
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/ocispec/ocispec/specs"
)

// A Fact is a status code or header that a sentence of the prose states
// for an endpoint.
type Fact struct {
	// Endpoint is the endpoint ID the sentence is about.
	Endpoint string
	// Method is the method the sentence is about ("HEAD"), or "" for
	// every method of the endpoint.
	Method string
	// Status is the status code stated, or the one a header is stated for
	// (0: the endpoint's success statuses).
	Status int
	// Header is the response header stated, or "" for a status fact.
	Header string
	// Required is true for a header the sentence requires (MUST, no
	// condition).
	Required bool
	// Request is true for a request header the registry is to support
	// ("SHOULD support the `Range` request header").
	Request bool
	// MediaType is a Content-Type the sentence requires of the response.
	MediaType string
	// Body is a JSON example of the response body the prose gives.
	Body string
	File string
	Line int
	// Span locates the sentence (or code line) in the document.
	Span specs.Span
}

// proseScope is what the sentences read so far in a section are about.
type proseScope struct {
	endpoints []string
	level     int // the level of the heading whose prose set endpoints
	method    string
	lastRef   bool // the previous block was a reference
	status    int  // the last status of the current paragraph
	keyword   string
	response  bool
	previous  string // the method the previous sentence named
	condLead  bool   // the last paragraph is a conditional lead-in ("If a registry supports this, it:")
	condList  bool   // the current block is an item under such a lead-in
	eps       []*Endpoint
	sentence  *specs.Sentence
}

var (
	endpointRefRE   = regexp.MustCompile(`^end-[0-9]+[a-z]?$`)
	statusSpanRE    = regexp.MustCompile("^`?([1-5][0-9]{2})(?: ([A-Z][A-Za-z-]*))?")
	statusTextRE    = regexp.MustCompile(`\b([1-5][0-9]{2})(?: ([A-Z][A-Za-z-]*))?`)
	subjectMethodRE = regexp.MustCompile("^(?:An? |The )?`?(GET|HEAD|POST|PUT|PATCH|DELETE)`? request")
	methodRE        = regexp.MustCompile("(?:`|\\b)(GET|HEAD|POST|PUT|PATCH|DELETE)`? (?:request|requests)\\b")
	keywordRE       = regexp.MustCompile(`\b(MUST NOT|SHALL NOT|SHOULD NOT|MUST|SHALL|REQUIRED|SHOULD|RECOMMENDED|MAY|OPTIONAL)\b`)
	headerLineRE    = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*):`)
)

// responseHeaders are the header names the prose is searched for, in
// their canonical spelling. Other names are request headers or not
// headers at all.
var responseHeaders = []string{
	"Location", "Docker-Content-Digest", "Range", "Content-Range", "Content-Length",
	"OCI-Subject", "OCI-Filters-Applied", "OCI-Tag", "OCI-Chunk-Min-Length", "Link",
	"Retry-After", "Warning", "WWW-Authenticate", "Widget-Digest",
}

func canonicalHeader(s string) string {
	for _, h := range responseHeaders {
		if strings.EqualFold(h, s) {
			return h
		}
	}
	return ""
}

// proseFacts reads the statuses and headers the prose states for the
// endpoints. byID resolves references; a reference "end-7" with no row of
// its own names every row "end-7a", "end-7b".
func proseFacts(set *specs.Set, eps []*Endpoint) []Fact {
	var facts []Fact
	for _, doc := range set.Docs {
		facts = append(facts, docFacts(doc, eps)...)
	}
	return facts
}

// an item is a prose block or a code block, in source order.
type item struct {
	block *specs.Block
	code  *specs.CodeBlock
	start int
}

func docItems(doc *specs.Document) []item {
	items := make([]item, 0, len(doc.Blocks)+len(doc.CodeBlocks))
	for _, b := range doc.Blocks {
		if b.Kind != specs.TableCell {
			items = append(items, item{block: b, start: b.Span().Start})
		}
	}
	for _, c := range doc.CodeBlocks {
		items = append(items, item{code: c, start: c.Span.Start})
	}
	slices.SortStableFunc(items, func(a, b item) int { return a.start - b.start })
	return items
}

func docFacts(doc *specs.Document, eps []*Endpoint) []Fact {
	var facts []Fact
	sc := proseScope{eps: eps}
	for _, it := range docItems(doc) {
		switch {
		case it.code != nil:
			facts = append(facts, sc.codeFacts(doc, it.code)...)
		case it.block.Kind == specs.HeadingText:
			sc = sc.enter(it.block.Section)
		default:
			facts = append(facts, sc.blockFacts(doc, it.block)...)
		}
	}
	return facts
}

var conditionalLeadRE = regexp.MustCompile(`^(?:If|When|Where)\b`)

// introduces tells whether a sentence that refers to endpoints introduces
// them, so that the prose after it is about them: a block that is only
// the reference ("`/v2/<name>/blobs/<digest>` end-2"), a sentence that
// starts with "To" ("To pull a blob, perform a GET request to ...") or
// one that shows the form ("the path will look like the following: ...").
// A mention in passing ("in place of the POST request to end-4a") does
// not.
func introduces(s *specs.Sentence) bool {
	if len(proseWords(s)) <= 4 {
		return true
	}
	if strings.HasPrefix(s.Text, "To ") || strings.Contains(s.Text, "following") {
		return true
	}
	for _, c := range s.Code {
		if methodPathRE.MatchString(s.Text[c[0]:c[1]]) {
			return true
		}
	}
	return false
}

// methodPathRE matches a code span that is a request line, "`GET /w1/`".
var requestLineRE = regexp.MustCompile("`(GET|HEAD|POST|PUT|PATCH|DELETE) [/<]")

var methodPathRE = regexp.MustCompile("^`(GET|HEAD|POST|PUT|PATCH|DELETE) [/<]")

// proseWords are the words of a sentence outside code spans and links.
func proseWords(s *specs.Sentence) []string {
	t := stripCode(s)
	for _, l := range s.Links {
		t = strings.Replace(t, l.Text, " ", 1)
	}
	return wordRE.FindAllString(t, -1)
}

// enter starts the scope of a heading: a subsection keeps the endpoints of
// the section that referred to them ("Pushing Manifests with Subject"
// under "Pushing Manifests"), other headings start afresh.
func (sc proseScope) enter(h *specs.Heading) proseScope {
	if h != nil && len(sc.endpoints) > 0 && h.Level > sc.level {
		return proseScope{endpoints: sc.endpoints, level: sc.level, method: sc.method, eps: sc.eps}
	}
	return proseScope{eps: sc.eps}
}

func (sc *proseScope) blockFacts(doc *specs.Document, b *specs.Block) []Fact {
	var facts []Fact
	isRef := false
	sc.status = 0
	sc.condList = b.Item != nil && sc.condLead
	if b.Item == nil && len(b.Sentences) > 0 {
		last := b.Sentences[len(b.Sentences)-1].Text
		sc.condLead = conditionalLeadRE.MatchString(last) && strings.HasSuffix(strings.TrimSpace(last), ":")
	}
	for _, s := range b.Sentences {
		if refs := sentenceEndpoints(s, sc.eps); len(refs) > 0 && introduces(s) {
			sc.introduce(b, s, refs)
			isRef = true
		}
		facts = append(facts, sc.sentenceFacts(doc, s)...)
		sc.previous = ""
		if m := findMethod(s.Text); m != nil {
			sc.previous = m[1]
		}
	}
	// Only a block that is nothing but a reference ("`/v2/<name>/blobs/<digest>`
	// end-2 (for blobs).") lets the next reference add to the endpoints.
	sc.lastRef = isRef && len(b.Sentences) == 1 && len(proseWords(b.Sentences[0])) <= 4
	return facts
}

// introduce makes refs the endpoints the following prose is about, with
// the method the sentence (or the one before) names.
func (sc *proseScope) introduce(b *specs.Block, s *specs.Sentence, refs []string) {
	if sc.lastRef {
		sc.endpoints = appendNew(sc.endpoints, refs...)
	} else {
		sc.endpoints = refs
		sc.method = ""
	}
	if m := findMethod(s.Text); m != nil {
		sc.method = m[1]
	} else if m := requestLineRE.FindStringSubmatch(s.Text); m != nil {
		sc.method = m[1]
	} else if sc.method == "" {
		sc.method = sc.previous
	}
	if b.Section != nil {
		sc.level = b.Section.Level
	}
}

// sentenceEndpoints returns the endpoints a sentence refers to: links
// labelled with an endpoint ID, or a code span that is the template of
// exactly one row ("`<blob-push-location>?digest=<digest>`").
func sentenceEndpoints(s *specs.Sentence, eps []*Endpoint) []string {
	var out []string
	for _, l := range s.Links {
		if label := strings.TrimSpace(l.Text); endpointRefRE.MatchString(label) {
			out = appendNew(out, resolveRef(label, eps)...)
		}
	}
	if len(out) > 0 {
		return out
	}
	for _, c := range s.Code {
		span := strings.Trim(s.Text[c[0]:c[1]], "` ")
		var match []string
		for _, ep := range eps {
			if ep.Template == span {
				match = append(match, ep.ID)
			}
		}
		if len(match) == 1 {
			out = appendNew(out, match...)
		}
	}
	return out
}

func resolveRef(label string, eps []*Endpoint) []string {
	var out []string
	for _, ep := range eps {
		if ep.ID == label {
			return []string{label}
		}
		if strings.HasPrefix(ep.ID, label) && len(ep.ID) == len(label)+1 {
			out = append(out, ep.ID)
		}
	}
	return out
}

func appendNew(dst []string, vs ...string) []string {
	for _, v := range vs {
		if !slices.Contains(dst, v) {
			dst = append(dst, v)
		}
	}
	return dst
}

// sentenceFacts reads one normative sentence: the statuses it states and
// the headers it requires.
func (sc *proseScope) sentenceFacts(doc *specs.Document, s *specs.Sentence) []Fact {
	text := s.Text
	if strings.IndexByte(text, '"') >= 0 {
		text = maskQuotes(text)
	}
	kw := ""
	if hasKeyword(text) {
		kw = keywordRE.FindString(text)
	}
	sc.sentence = s
	sc.keyword = kw
	sc.response = isResponseSentence(text)
	if kw == "" || strings.HasSuffix(kw, "NOT") {
		return nil
	}
	method := sc.method
	if m := subjectMethodRE.FindStringSubmatch(s.Text); m != nil {
		method = m[1]
	}
	line := doc.Position(s.Span.Start).Line
	var facts []Fact
	for _, st := range statuses(s) {
		sc.status = st
		facts = sc.each(facts, Fact{Method: method, Status: st, File: doc.Path, Line: line, Span: s.Span})
	}
	if mt := contentType(s); mt != "" {
		facts = sc.each(facts, Fact{Method: method, Status: sc.status, MediaType: mt, File: doc.Path, Line: line, Span: s.Span})
	}
	if !sc.response {
		return append(facts, sc.requestFacts(s, method, doc.Path, line)...)
	}
	for _, h := range sentenceHeaders(s) {
		facts = sc.each(facts, Fact{Method: method, Status: sc.status, Header: h, Required: required(kw, text) && !sc.condList, File: doc.Path, Line: line, Span: s.Span})
	}
	return facts
}

// codeFacts reads the header lines of a code block that follows a
// normative sentence about a response ("MUST include the following
// header:").
func (sc *proseScope) codeFacts(doc *specs.Document, c *specs.CodeBlock) []Fact {
	if sc.sentence == nil || sc.keyword == "" || !sc.response {
		return nil
	}
	var facts []Fact
	line := doc.Position(c.Content.Start).Line
	lead := strings.HasSuffix(strings.TrimSpace(sc.sentence.Text), ":")
	if t := strings.ToLower(sc.sentence.Text); strings.Contains(t, "body") && strings.HasPrefix(strings.TrimSpace(c.Text), "{") &&
		(lead || strings.HasPrefix(c.Lang, "json")) {
		facts = sc.each(facts, Fact{Method: sc.method, Status: sc.status, Body: c.Text, File: doc.Path, Line: line, Span: c.Content})
		sc.sentence = nil
		return facts
	}
	if !lead {
		return nil
	}
	for i, l := range strings.Split(c.Text, "\n") {
		m := headerLineRE.FindStringSubmatch(strings.TrimSpace(l))
		if m == nil {
			continue
		}
		if h := canonicalHeader(m[1]); h != "" {
			facts = sc.each(facts, Fact{Method: sc.method, Status: sc.status, Header: h,
				Required: required(sc.keyword, sc.sentence.Text), File: doc.Path, Line: line + i, Span: lineSpan(doc, line+i)})
		}
	}
	sc.sentence = nil
	return facts
}

// each adds f for every endpoint in scope; outside any endpoint's prose
// only header facts are kept, as rules for every operation.
func (sc *proseScope) each(facts []Fact, f Fact) []Fact {
	if len(sc.endpoints) == 0 {
		if f.Header != "" && !f.Request {
			f.Endpoint = ""
			facts = append(facts, f)
		}
		return facts
	}
	method := f.Method
	for _, id := range sc.endpoints {
		f.Endpoint = id
		// A method matters only to rows of several (GET / HEAD).
		f.Method = ""
		if ep := findEndpoint(sc.eps, id); ep != nil && len(ep.Methods) > 1 && slices.Contains(ep.Methods, method) {
			f.Method = method
		}
		facts = append(facts, f)
	}
	return facts
}

func findEndpoint(eps []*Endpoint, id string) *Endpoint {
	for _, ep := range eps {
		if ep.ID == id {
			return ep
		}
	}
	return nil
}

// statuses are the status codes a sentence names: a code span holding a
// code ("`404`", "`202 Accepted`") or a code followed by its reason
// phrase in the text ("404 Not Found").
func statuses(s *specs.Sentence) []int {
	var out []int
	add := func(code, reason string, needReason bool) {
		n, _ := strconv.Atoi(code)
		text := http.StatusText(n)
		if text == "" && n != 416 {
			return
		}
		if needReason && (reason == "" || !strings.HasPrefix(text, reason)) {
			return
		}
		if !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	for _, c := range s.Code {
		if m := statusSpanRE.FindStringSubmatch(strings.Trim(s.Text[c[0]:c[1]], "`")); m != nil && c[1]-c[0] <= 40 {
			add(m[1], m[2], false)
		}
	}
	if !strings.ContainsAny(s.Text, "12345") {
		return out
	}
	for _, m := range statusTextRE.FindAllStringSubmatch(stripCode(s), -1) {
		add(m[1], m[2], true)
	}
	return out
}

// sentenceHeaders are the response headers a sentence names in code spans
// ("`Location`", "`OCI-Subject: <subject digest>`").
func sentenceHeaders(s *specs.Sentence) []string {
	var out []string
	// In "If the request carries a `Content-Length` that differs, the
	// registry SHOULD respond with ...", the header is the condition.
	from := 0
	if conditionalLeadRE.MatchString(s.Text) {
		from = strings.Index(s.Text, ", ")
	}
	for _, c := range s.Code {
		if c[0] < from {
			continue
		}
		v := strings.Trim(s.Text[c[0]:c[1]], "` ")
		name, _, _ := strings.Cut(v, ":")
		if h := canonicalHeader(strings.TrimSpace(name)); h != "" && !slices.Contains(out, h) {
			out = append(out, h)
		}
	}
	return out
}

func stripCode(s *specs.Sentence) string {
	b := []byte(s.Text)
	for _, c := range s.Code {
		for i := c[0]; i < c[1] && i < len(b); i++ {
			b[i] = ' '
		}
	}
	return string(b)
}

// maskQuotes hides quoted words so that "MUST" in quotes is no keyword.
func maskQuotes(s string) string {
	return quotedRE.ReplaceAllString(s, `""`)
}

var quotedRE = regexp.MustCompile(`"[^"]*"`)

func isResponseSentence(text string) bool {
	t := strings.ToLower(text)
	return strings.Contains(t, "respon") || strings.Contains(t, "return")
}

// required tells whether a header stated with keyword kw in text is
// required: an unconditional MUST, SHALL or REQUIRED.
func required(kw, text string) bool {
	switch kw {
	case "MUST", "SHALL", "REQUIRED":
	default:
		return false
	}
	t := strings.ToLower(text)
	for _, cond := range []string{"if present", "if included", "if ", "when ", "unless"} {
		if strings.Contains(t, cond) {
			return false
		}
	}
	return true
}

var mediaTypeRE = regexp.MustCompile(`^[a-z]+/[A-Za-z0-9.+-]+$`)

// contentType is the media type a sentence requires in the Content-Type
// of a response ("The `Content-Type` header MUST be set to `...`").
func contentType(s *specs.Sentence) string {
	if !strings.Contains(s.Text, "Content-Type") || strings.Contains(strings.ToLower(s.Text), "client") {
		return ""
	}
	for _, c := range s.Code {
		if v := strings.Trim(s.Text[c[0]:c[1]], "` "); mediaTypeRE.MatchString(v) {
			return v
		}
	}
	return ""
}

// requestFacts reads a sentence about a request header the registry is
// to support (the Range rule of blob GET).
func (sc *proseScope) requestFacts(s *specs.Sentence, method, file string, line int) []Fact {
	if !strings.Contains(s.Text, "request header") {
		return nil
	}
	var facts []Fact
	for _, h := range sentenceHeaders(s) {
		facts = sc.each(facts, Fact{Method: method, Header: h, Request: true, File: file, Line: line, Span: s.Span})
	}
	return facts
}

func containsFold(s, sub string) bool {
	return strings.Contains(strings.ToLower(s), strings.ToLower(sub))
}

// findMethod is methodRE's match, run only on sentences that can have one.
func findMethod(text string) []string {
	if !strings.Contains(text, " request") {
		return nil
	}
	return methodRE.FindStringSubmatch(text)
}

// hasKeyword is a quick test before keywordRE: every keyword starts with
// one of these.
func hasKeyword(text string) bool {
	for _, k := range []string{"MUST", "SHOULD", "MAY", "SHALL", "REQUIRED", "RECOMMENDED", "OPTIONAL"} {
		if strings.Contains(text, k) {
			return true
		}
	}
	return false
}

// lineSpan is the span of a source line.
func lineSpan(doc *specs.Document, line int) specs.Span {
	start := doc.Offset(specs.Position{Line: line, Column: 1})
	end := start
	for end < len(doc.Source) && doc.Source[end] != '\n' {
		end++
	}
	return specs.Span{Start: start, End: end}
}
