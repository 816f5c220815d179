package conformance

import (
	"net/http"
	"regexp"
	"strconv"
	"strings"
)

// Exchange is one HTTP request and its response as a test's log recorded
// them. Conformance v2 writes them to each test case's <system-err> between
// "~~~ REQUEST ~~~" and "~~~ RESPONSE ~~~" markers; Ginkgo results carry them
// only when the run logged them the same way.
type Exchange struct {
	Request Request
	// Response is nil when the log ends before a response was recorded
	// (the request failed, or the log was cut off).
	Response *Response
	// Line is the line of the junit element whose text held the exchange.
	Line int
}

// Request is a recorded HTTP request. URL is the absolute URL as logged.
type Request struct {
	Method string
	URL    string
	Header http.Header
	Body   Body
}

// Response is a recorded HTTP response.
type Response struct {
	StatusCode int
	Header     http.Header
	Body       Body
}

// Body is a recorded message body. Recorders shorten bodies: binary media
// types are not shown and long bodies are truncated, which the log states in
// a note such as "--- Truncated body from 3910601 to 4096 bytes ---". A
// validator must only judge Data as the whole body when Complete is true.
type Body struct {
	// Data is the recorded text of the body (nil when none was shown).
	Data []byte
	// Note is the recorder's note about the body without the dashes
	// ("Empty body", "Output of application/x-gzip not supported, 175
	// bytes not shown"), or "" when there was none.
	Note string
	// Size is the body's length in bytes: the original size when the note
	// states it, else len(Data).
	Size int64
	// Complete reports whether Data is the whole body.
	Complete bool
}

const (
	markRequest  = "~~~ REQUEST ~~~"
	markResponse = "~~~ RESPONSE ~~~"
)

var (
	noteSizeRE   = regexp.MustCompile(`(\d+) bytes not shown`)
	noteTruncRE  = regexp.MustCompile(`Truncated body from (\d+) to (\d+) bytes`)
	headerLineRE = regexp.MustCompile(`^\s+([!#$%&'*+.^_|~0-9A-Za-z-]+): ?(.*)$`)
)

// exchangeParser is the state of ParseExchanges over one log text.
type exchangeParser struct {
	out     []Exchange
	cur     *Exchange
	header  *http.Header
	body    *Body
	lines   []string // body lines of the current section
	inHead  bool     // reading "Headers:" lines
	started bool     // the current section has a body line or note
}

// ParseExchanges extracts the HTTP exchanges recorded in a test's log text,
// in order. Text outside the markers is ignored, so it is safe to call on
// any system-out or system-err. line is stored in each Exchange.Line.
func ParseExchanges(log string, line int) []Exchange {
	if !strings.Contains(log, markRequest) && !strings.Contains(log, markResponse) {
		return nil
	}
	p := &exchangeParser{}
	for l := range strings.SplitSeq(log, "\n") {
		p.line(strings.TrimSuffix(l, "\r"))
	}
	p.endSection()
	for i := range p.out {
		p.out[i].Line = line
	}
	return p.out
}

func (p *exchangeParser) line(l string) {
	switch {
	case l == markRequest:
		p.endSection()
		p.out = append(p.out, Exchange{Request: Request{Header: http.Header{}}})
		p.cur = &p.out[len(p.out)-1]
		p.header, p.body = &p.cur.Request.Header, &p.cur.Request.Body
	case l == markResponse:
		p.endSection()
		if p.cur == nil || p.cur.Response != nil {
			p.out = append(p.out, Exchange{Request: Request{Header: http.Header{}}})
			p.cur = &p.out[len(p.out)-1]
		}
		p.cur.Response = &Response{Header: http.Header{}}
		p.header, p.body = &p.cur.Response.Header, &p.cur.Response.Body
	case p.body == nil:
		// outside any section
	case isRule(l):
		p.endSection()
	default:
		p.sectionLine(l)
	}
}

// sectionLine reads one line inside a request or response section.
func (p *exchangeParser) sectionLine(l string) {
	if p.started {
		p.bodyLine(l)
		return
	}
	if p.inHead {
		if m := headerLineRE.FindStringSubmatch(l); m != nil {
			p.header.Add(m[1], unbracket(m[2]))
			return
		}
		p.inHead = false
	}
	if k, v, ok := strings.Cut(l, ": "); ok && !strings.HasPrefix(l, " ") && p.field(k, v) {
		return
	}
	if l == "Headers:" {
		p.inHead = true
		return
	}
	p.bodyLine(l)
}

// field records a "Key: value" line of a section head; false when k is not
// a known field.
func (p *exchangeParser) field(k, v string) bool {
	switch {
	case k == "Method" && p.cur.Response == nil:
		p.cur.Request.Method = v
	case k == "URL" && p.cur.Response == nil:
		p.cur.Request.URL = v
	case k == "Status" && p.cur.Response != nil:
		code, _ := strconv.Atoi(strings.Fields(v + " x")[0])
		p.cur.Response.StatusCode = code
	default:
		return false
	}
	return true
}

func (p *exchangeParser) bodyLine(l string) {
	p.started = true
	if strings.HasPrefix(l, "--- ") && strings.HasSuffix(l, " ---") {
		p.body.Note = strings.TrimSuffix(strings.TrimPrefix(l, "--- "), " ---")
		return
	}
	p.lines = append(p.lines, l)
}

// endSection finishes the body of the current section.
func (p *exchangeParser) endSection() {
	if p.body != nil {
		finishBody(p.body, p.lines)
	}
	p.header, p.body, p.lines, p.inHead, p.started = nil, nil, nil, false, false
}

func finishBody(b *Body, lines []string) {
	if len(lines) > 0 {
		b.Data = []byte(strings.Join(lines, "\n"))
	}
	b.Size, b.Complete = int64(len(b.Data)), true
	if m := noteTruncRE.FindStringSubmatch(b.Note); m != nil {
		b.Size, _ = strconv.ParseInt(m[1], 10, 64)
		b.Complete = false
	} else if m := noteSizeRE.FindStringSubmatch(b.Note); m != nil {
		b.Size, _ = strconv.ParseInt(m[1], 10, 64)
		b.Complete = false
	}
}

// isRule reports whether l is a separator line of '=' or '-' characters.
func isRule(l string) bool {
	if len(l) < 20 || (l[0] != '=' && l[0] != '-') {
		return false
	}
	return strings.Count(l, l[:1]) == len(l)
}

// unbracket turns Go's fmt rendering of a []string header value, "[v]",
// into v. Several values print as "[a b]" and cannot be told apart from one
// value with a space, so the bracketed text stays one value.
func unbracket(v string) string {
	if len(v) >= 2 && v[0] == '[' && v[len(v)-1] == ']' {
		return v[1 : len(v)-1]
	}
	return v
}
