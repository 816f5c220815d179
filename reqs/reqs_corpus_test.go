package reqs

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ocispec/ocispec/internal/testcorpus"
	"github.com/ocispec/ocispec/specs"
)

// This file holds the acceptance tests of the requirement graph over the
// real OCI specs: image-spec and runtime-spec from the Go module cache,
// distribution-spec from ../shared/corpus when present.

// distSpecDir is distribution-spec in the shared corpus; the test skips
// when it is absent (a user's clone has none).
func distSpecDir(tb testing.TB) string {
	tb.Helper()
	return testcorpus.SharedDir(tb, "distribution-spec")
}

// ociCorpora lists the three OCI spec directories present.
func ociCorpora(tb testing.TB) map[string]string {
	tb.Helper()
	return testcorpus.OCISpecs(tb)
}

// TestRequirementCountsOCI checks that extraction finds exactly as many
// requirements per file as an independent, line-based count over the raw
// Markdown.
//
// Covers: extraction-e6e542
func TestRequirementCountsOCI(t *testing.T) {
	corpora := ociCorpora(t)
	// Our own docs and examples, which we write in the same style.
	for _, dir := range []string{"../docs", "../examples"} {
		if _, err := os.Stat(dir); err == nil {
			corpora["ocispec "+filepath.Base(dir)] = dir
		}
	}
	for name, dir := range corpora {
		t.Run(name, func(t *testing.T) {
			set, err := specs.Load(dir, []string{"."}, specs.LoadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			g := Extract(set)
			got := map[string]int{}
			for _, r := range g.Requirements {
				got[r.File]++
				// The position is the keyword's own.
				if kw, _, _ := strings.Cut(r.Keyword, " "); !strings.HasPrefix(string(r.Doc.Source[r.Offset:]), kw) {
					t.Errorf("%s:%d:%d: %s is not at its position", r.File, r.Line, r.Column, r.Keyword)
				}
			}
			total := 0
			for _, doc := range set.Docs {
				want := countKeywordsRaw(doc.Source)
				total += want
				if got[doc.Path] != want {
					t.Errorf("%s: extracted %d requirements, independent count %d", doc.Path, got[doc.Path], want)
				}
			}
			if total == 0 {
				t.Errorf("no keywords at all in %s", dir)
			}
			t.Logf("%s: %d files, %d requirements", name, len(set.Docs), total)
		})
	}
}

// The independent count. It deliberately shares no code with the parser
// or the extractor: it works line by line over the raw Markdown with its
// own rules for code fences, indented code, code spans, link
// destinations, quotes and the boilerplate.

var (
	rawFenceRE    = regexp.MustCompile("^ *(```+|~~~+)")
	rawListRE     = regexp.MustCompile(`^ *([-*+]|[0-9]+[.)])( |$)`)
	rawHeadingRE  = regexp.MustCompile(`^ {0,3}#{1,6}( |$)`)
	rawRefDefRE   = regexp.MustCompile(`^ {0,3}\[[^\]]+\]:`)
	rawCommentRE  = regexp.MustCompile(`(?s)<!--.*?-->`)
	rawLinkDestRE = regexp.MustCompile(`\]\([^)]*\)`)
	rawAutoRE     = regexp.MustCompile(`<[a-z]+://[^>]*>`)
	rawTagRE      = regexp.MustCompile(`</?[a-zA-Z][^>]*>`)
	rawEmUnderRE  = regexp.MustCompile(`(^|[^A-Za-z0-9])_+|_+([^A-Za-z0-9]|$)`)
	rawKeywordRE  = regexp.MustCompile(`\b(NOT\s+RECOMMENDED|MUST\s+NOT|SHALL\s+NOT|SHOULD\s+NOT|MAY\s+NOT|MUST|SHALL|SHOULD|REQUIRED|RECOMMENDED|MAY|OPTIONAL)\b`)
	// rawListRE matches keywords listed as words: three or more joined by
	// commas, slashes, "and" or "or", or two before "requirements".
	rawKwListRE = regexp.MustCompile(`\b(?:(?:MUST|SHALL|SHOULD|MAY)(?: NOT)?|NOT RECOMMENDED|REQUIRED|RECOMMENDED|OPTIONAL)(?:(?:\s*[,/]\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:(?:MUST|SHALL|SHOULD|MAY)(?: NOT)?|NOT RECOMMENDED|REQUIRED|RECOMMENDED|OPTIONAL)){2,}\b|\b(?:MUST|SHOULD|MAY|REQUIRED|SHALL|OPTIONAL|RECOMMENDED)(?: NOT)?(?:\s*[,/]\s*|\s+(?:and|or)\s+)(?:MUST|SHOULD|MAY|REQUIRED|SHALL|OPTIONAL|RECOMMENDED)(?: NOT)?\s+(?:requirement|keyword|key word|level|statement|clause|marker)`)
)

// countKeywordsRaw counts the BCP 14 keywords used normatively in a
// Markdown file.
func countKeywordsRaw(src []byte) int {
	text := strings.ReplaceAll(string(src), "\r\n", "\n")
	text = rawCommentRE.ReplaceAllStringFunc(text, func(c string) string {
		return strings.Repeat("\n", strings.Count(c, "\n"))
	})
	lines := strings.Split(text, "\n")
	// Front matter.
	if len(lines) > 0 && strings.TrimSpace(lines[0]) == "---" {
		for i := 1; i < len(lines); i++ {
			if t := strings.TrimSpace(lines[i]); t == "---" || t == "..." {
				lines = lines[i+1:]
				break
			}
		}
	}
	var units []string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			units = append(units, strings.Join(cur, " "))
			cur = nil
		}
	}
	fence := ""
	inList, prevBlank := false, true
	for _, line := range lines {
		if fence != "" {
			t := strings.TrimLeft(line, " ")
			if strings.HasPrefix(t, fence) && strings.Trim(t, fence[:1]+" \t") == "" {
				fence = ""
			}
			continue
		}
		if m := rawFenceRE.FindStringSubmatch(line); m != nil {
			flush()
			fence = m[1]
			continue
		}
		if strings.TrimSpace(line) == "" {
			flush()
			prevBlank = true
			continue
		}
		indent := len(line) - len(strings.TrimLeft(line, " \t"))
		switch {
		case rawListRE.MatchString(line):
			flush()
			inList = true
		case indent >= 4 && prevBlank && !inList:
			prevBlank = false
			continue // indented code block
		case indent == 0 && prevBlank:
			inList = false
			flush()
		}
		if rawHeadingRE.MatchString(line) || strings.HasPrefix(strings.TrimSpace(line), "|") {
			flush()
		}
		prevBlank = false
		if rawRefDefRE.MatchString(line) {
			continue
		}
		cur = append(cur, strings.TrimSpace(line))
		if rawHeadingRE.MatchString(line) || strings.HasPrefix(strings.TrimSpace(line), "|") {
			flush()
		}
	}
	flush()
	n := 0
	for _, u := range units {
		lu := strings.ToLower(u)
		if strings.Contains(lu, "key words") && strings.Contains(lu, "interpreted as described in") {
			continue
		}
		u = stripRawCodeSpans(u)
		u = rawLinkDestRE.ReplaceAllString(u, "]")
		u = rawAutoRE.ReplaceAllString(u, "")
		u = rawTagRE.ReplaceAllString(u, "")
		u = strings.NewReplacer("*", "", "\\", "").Replace(u)
		u = rawEmUnderRE.ReplaceAllString(u, "$1$2")
		u = rawKwListRE.ReplaceAllString(u, "")
		for _, m := range rawKeywordRE.FindAllStringIndex(u, -1) {
			if m[0] > 0 && m[1] < len(u) && strings.ContainsAny(u[m[0]-1:m[0]], `"'`) && strings.ContainsAny(u[m[1]:m[1]+1], `"'`) {
				continue
			}
			n++
		}
	}
	return n
}

// stripRawCodeSpans removes `code` spans: a run of n backticks up to the
// next run of exactly n backticks.
func stripRawCodeSpans(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] != '`' {
			b.WriteByte(s[i])
			i++
			continue
		}
		j := i
		for j < len(s) && s[j] == '`' {
			j++
		}
		run := s[i:j]
		closed := -1
		for k := j; k < len(s); {
			if s[k] != '`' {
				k++
				continue
			}
			e := k
			for e < len(s) && s[e] == '`' {
				e++
			}
			if e-k == len(run) {
				closed = e
				break
			}
			k = e
		}
		if closed < 0 {
			b.WriteString(run)
			i = j
			continue
		}
		b.WriteString(" code ")
		i = closed
	}
	return b.String()
}

// ociSets parses the three OCI specs at HEAD (archived versions left out)
// into one set per spec.
func ociSets(tb testing.TB) []*specs.Set {
	tb.Helper()
	var sets []*specs.Set
	for _, dir := range testcorpus.OCISpecs(tb) {
		var docs []*specs.Document
		for _, f := range testcorpus.Markdown(tb, dir) {
			if testcorpus.IsArchivedVersion(f) {
				continue
			}
			src, err := os.ReadFile(f)
			if err != nil {
				tb.Fatal(err)
			}
			d, err := specs.Parse(filepath.Base(f), src, specs.Options{})
			if err != nil {
				tb.Fatal(err)
			}
			docs = append(docs, d)
		}
		sets = append(sets, specs.NewSet(dir, docs...))
	}
	return sets
}

// BenchmarkExtractOCI extracts the requirement graphs of the three OCI
// specs from their parsed models; the target is under 30 ms.
func BenchmarkExtractOCI(b *testing.B) {
	sets := ociSets(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range sets {
			Extract(s)
		}
	}
}

// BenchmarkExtractOCIWithParse parses and extracts the three OCI specs,
// the whole work of `ocispec reqs` on them.
func BenchmarkExtractOCIWithParse(b *testing.B) {
	type file struct {
		name string
		src  []byte
	}
	var corpora [][]file
	for _, s := range ociSets(b) {
		var fs []file
		for _, d := range s.Docs {
			fs = append(fs, file{d.Path, d.Source})
		}
		corpora = append(corpora, fs)
	}
	b.ReportAllocs()
	p := specs.NewParser(specs.Options{})
	for b.Loop() {
		for _, fs := range corpora {
			var docs []*specs.Document
			for _, f := range fs {
				d, err := p.Parse(f.name, f.src)
				if err != nil {
					b.Fatal(err)
				}
				docs = append(docs, d)
			}
			Extract(specs.NewSet(".", docs...))
		}
	}
}
