package lint

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
)

// Formats returns the output formats Report supports.
func Formats() []string { return []string{"text", "json", "sarif", "github"} }

// ReportOptions tune a reporter.
type ReportOptions struct {
	// Color enables ANSI colors in the text format.
	Color bool
	// Rules describes the rules that ran (SARIF lists them); nil means all.
	Rules []*Enabled
	// Version is the tool version written to SARIF.
	Version string
}

// Report writes findings to w in the named format.
func Report(w io.Writer, format string, fs []Finding, opts ReportOptions) error {
	switch format {
	case "text":
		return reportText(w, fs, opts)
	case "json":
		return reportJSON(w, fs)
	case "sarif":
		return reportSARIF(w, fs, opts)
	case "github":
		return reportGitHub(w, fs)
	}
	return fmt.Errorf("unknown format %q (want one of %s)", format, strings.Join(Formats(), ", "))
}

// textFlush is the size of the chunks reportText writes.
const textFlush = 64 << 10

func reportText(w io.Writer, fs []Finding, opts ReportOptions) error {
	// Appending without fmt: a run over a large tree prints a hundred
	// thousand lines. They are written a chunk at a time rather than
	// built into one buffer, whose growth would copy and allocate several
	// times the output.
	b := make([]byte, 0, min(textFlush+textFlush/4, 256*len(fs)))
	for _, f := range fs {
		if len(b) >= textFlush {
			if _, err := w.Write(b); err != nil {
				return err
			}
			b = b[:0]
		}
		b = appendTextFinding(b, f, opts.Color)
	}
	_, err := w.Write(b)
	return err
}

// appendTextFinding appends the text report line of f:
// "file:line:col: severity rule: message", colored on request.
func appendTextFinding(b []byte, f Finding, color bool) []byte {
	if color {
		b = append(b, "\x1b[1m"...)
	}
	b = append(b, f.Path...)
	b = append(b, ':')
	b = strconv.AppendInt(b, int64(f.Line), 10)
	b = append(b, ':')
	b = strconv.AppendInt(b, int64(f.Column), 10)
	b = append(b, ':')
	sev := f.Severity.String()
	if color {
		b = append(b, "\x1b[0m"...)
		switch f.Severity {
		case Error:
			sev = "\x1b[31m" + sev + "\x1b[0m"
		case Warning:
			sev = "\x1b[33m" + sev + "\x1b[0m"
		case Info:
			sev = "\x1b[36m" + sev + "\x1b[0m"
		}
	}
	b = append(b, ' ')
	b = append(b, sev...)
	b = append(b, ' ')
	b = append(b, f.Rule...)
	b = append(b, ": "...)
	b = append(b, f.Message...)
	if f.Fix != nil {
		b = append(b, " (fixable)"...)
	}
	return append(b, '\n')
}

type jsonEdit struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

type jsonFix struct {
	Description string     `json:"description"`
	Edits       []jsonEdit `json:"edits"`
}

type jsonFinding struct {
	File      string   `json:"file"`
	Line      int      `json:"line"`
	Column    int      `json:"column"`
	EndLine   int      `json:"endLine"`
	EndColumn int      `json:"endColumn"`
	Rule      string   `json:"rule"`
	Severity  string   `json:"severity"`
	Message   string   `json:"message"`
	Fix       *jsonFix `json:"fix"`
}

func reportJSON(w io.Writer, fs []Finding) error {
	out := struct {
		Findings []jsonFinding `json:"findings"`
	}{Findings: []jsonFinding{}}
	for _, f := range fs {
		jf := jsonFinding{
			File: f.Path, Line: f.Line, Column: f.Column, EndLine: f.EndLine, EndColumn: f.EndColumn,
			Rule: f.Rule, Severity: f.Severity.String(), Message: f.Message,
		}
		if f.Fix != nil {
			fx := &jsonFix{Description: f.Fix.Description, Edits: []jsonEdit{}}
			for _, e := range f.Fix.Edits {
				fx.Edits = append(fx.Edits, jsonEdit{e.Span.Start, e.Span.End, e.New})
			}
			jf.Fix = fx
		}
		out.Findings = append(out.Findings, jf)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// githubEscapeData escapes a workflow command's message.
func githubEscapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// githubEscapeProperty escapes a workflow command's property value.
func githubEscapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

func reportGitHub(w io.Writer, fs []Finding) error {
	var b strings.Builder
	for _, f := range fs {
		cmd := "warning"
		switch f.Severity {
		case Error:
			cmd = "error"
		case Info:
			cmd = "notice"
		}
		fmt.Fprintf(&b, "::%s file=%s,line=%d,col=%d,endLine=%d,endColumn=%d,title=%s::%s\n",
			cmd, githubEscapeProperty(f.Path), f.Line, f.Column, f.EndLine, f.EndColumn,
			githubEscapeProperty("ocispec "+f.Rule), githubEscapeData(f.Message))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// sarifURI turns a slash-separated relative path into a URI reference.
func sarifURI(p string) string {
	u := url.URL{Path: strings.ReplaceAll(p, "\\", "/")}
	return u.EscapedPath()
}
