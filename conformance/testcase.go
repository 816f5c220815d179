package conformance

import (
	"encoding/xml"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// caseState collects one <testcase> while its children are read.
type caseState struct {
	tc        TestCase
	statusAtt string
	failed    Status // Fail or Error from a <failure> or <error> child
	skipped   bool
	logs      []logText
	className string
}

// logText is the text of a system-out or system-err element and its line.
type logText struct {
	text string
	line int
}

// readCase reads a <testcase> element through its end tag.
func (r *JUnitReader) readCase(t xml.StartElement) (*TestCase, error) {
	st := &caseState{statusAtt: attr(t, "status"), className: attr(t, "classname")}
	st.tc.Name = attr(t, "name")
	st.tc.Line = r.line()
	if secs, err := strconv.ParseFloat(attr(t, "time"), 64); err == nil && secs >= 0 && secs < 1e9 {
		st.tc.Duration = time.Duration(secs * float64(time.Second))
	}
	for {
		tok, err := r.dec.Token()
		if err != nil {
			return nil, r.tokenErr(err)
		}
		switch c := tok.(type) {
		case xml.StartElement:
			if err := r.readChild(st, c); err != nil {
				return nil, err
			}
		case xml.EndElement:
			return r.finishCase(st)
		}
	}
}

// readChild reads one child element of a test case through its end tag.
// The logs of a test its status attribute says passed are skipped unread
// when their exchanges are not wanted: they are most of a large file.
func (r *JUnitReader) readChild(st *caseState, c xml.StartElement) error {
	if r.DropPassingExchanges && st.statusAtt == "passed" && (c.Name.Local == "system-out" || c.Name.Local == "system-err") {
		if err := r.dec.Skip(); err != nil {
			return r.tokenErr(err)
		}
		return nil
	}
	line := r.line()
	text, err := r.text()
	if err != nil {
		return err
	}
	switch c.Name.Local {
	case "failure", "error":
		st.failed = childFailure(c)
		st.tc.Message = firstLine(attr(c, "message"), text)
		st.tc.Detail = text
	case "skipped":
		st.skipped = true
		st.tc.Message = firstLine(attr(c, "message"), text)
	case "system-out", "system-err":
		st.logs = append(st.logs, logText{text, line})
	}
	return nil
}

// text returns the character data of the element just opened, through its
// end tag (nested elements' text included).
func (r *JUnitReader) text() (string, error) {
	var b strings.Builder
	for depth := 1; depth > 0; {
		tok, err := r.dec.Token()
		if err != nil {
			return "", r.tokenErr(err)
		}
		switch t := tok.(type) {
		case xml.CharData:
			b.Write(t)
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		}
	}
	return b.String(), nil
}

// childFailure tells a product failure from an engine error: <error>, and
// failures of Ginkgo type Panic, Timeout, panicked, interrupted, aborted or
// timedout, are Error.
func childFailure(c xml.StartElement) Status {
	if c.Name.Local == "error" {
		return Error
	}
	switch strings.ToLower(attr(c, "type")) {
	case "panic", "panicked", "timeout", "timedout", "interrupted", "aborted":
		return Error
	}
	return Fail
}

// logWithoutExchanges returns the log lines outside recorded exchanges,
// bounded by maxLog.
func logWithoutExchanges(logs []logText) string {
	var b strings.Builder
	for _, l := range logs {
		addLog(&b, l.text)
	}
	return strings.TrimSpace(b.String())
}

func addLog(b *strings.Builder, text string) {
	inExchange := false
	for l := range strings.SplitSeq(text, "\n") {
		switch {
		case l == markRequest || l == markResponse:
			inExchange = true
			continue
		case strings.HasPrefix(l, "=====") && isRule(l):
			inExchange = false
			continue
		}
		if inExchange || b.Len()+len(l) >= maxLog || strings.TrimSpace(l) == "" {
			continue
		}
		b.WriteString(l)
		b.WriteByte('\n')
	}
}

func (r *JUnitReader) finishCase(st *caseState) (*TestCase, error) {
	tc := &st.tc
	s, err := st.status()
	if err != nil {
		return nil, fileErr(r.file, tc.Line, "test case %q: %v", tc.Name, err)
	}
	tc.Status = s
	if s != Pass || !r.DropPassingExchanges {
		for _, l := range st.logs {
			tc.Exchanges = append(tc.Exchanges, ParseExchanges(l.text, l.line)...)
		}
	}
	if s != Pass {
		tc.Log = logWithoutExchanges(st.logs)
		if tc.Message == "" {
			tc.Message = logMessage(tc.Log)
		}
	}
	if s == Skip && strings.Contains(tc.Log, "disabled in the configuration") {
		tc.Status = Disabled
	}
	tc.Category = r.category(tc.Name, st.className)
	return tc, nil
}

// status decides a test case's outcome. A <failure> or <error> child always
// wins over a status attribute, so a failure is never counted as a pass.
func (st *caseState) status() (Status, error) {
	if st.failed != "" {
		return st.failed, nil
	}
	switch st.statusAtt {
	case "":
		if st.skipped {
			return Skip, nil
		}
		return Pass, nil
	case "passed":
		if st.skipped {
			return Skip, nil
		}
		return Pass, nil
	case "failed":
		return Fail, nil
	case "skipped":
		return Skip, nil
	case "pending", "disabled":
		return Disabled, nil
	case "panicked", "interrupted", "aborted", "timedout", "error":
		return Error, nil
	}
	return "", &unknownStatus{st.statusAtt}
}

type unknownStatus struct{ s string }

func (u *unknownStatus) Error() string { return "unknown test status " + strconv.Quote(u.s) }

// logMessage picks a reason from a log: the line after "skipping test:"
// (conformance v2), else the first line that is not Ginkgo's enter/exit
// bookkeeping.
func logMessage(log string) string {
	lines := strings.Split(log, "\n")
	for i, l := range lines {
		if strings.HasSuffix(l, "skipping test:") && i+1 < len(lines) {
			return strings.TrimSpace(lines[i+1])
		}
	}
	for _, l := range lines {
		if !strings.HasPrefix(l, "> Enter ") && !strings.HasPrefix(l, "< Exit ") {
			return strings.TrimSpace(l)
		}
	}
	return ""
}

// firstLine is the message attribute, else the first line of text that is
// not a bare source location ("/x/01_pull_test.go:82", which Ginkgo v1
// puts first), else the first line.
func firstLine(attrMsg, text string) string {
	if m := strings.TrimSpace(attrMsg); m != "" {
		return m
	}
	first := ""
	for l := range strings.SplitSeq(text, "\n") {
		l = strings.TrimSpace(l)
		switch {
		case l == "":
		case !sourceLocation.MatchString(l):
			return l
		case first == "":
			first = l
		}
	}
	return first
}

var sourceLocation = regexp.MustCompile(`^\S+\.go:\d+$`)
