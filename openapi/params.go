package openapi

import (
	"regexp"
	"strings"

	"github.com/ocispec/ocispec/specs"
)

// A Pattern is a regular expression the prose states for a kind of path
// value, with where it is stated.
type Pattern struct {
	Regexp string
	File   string
	Line   int
}

// Value kinds that placeholders are mapped to.
const (
	kindName      = "name"
	kindTag       = "tag"
	kindDigest    = "digest"
	kindReference = "reference"
	kindInteger   = "integer"
	kindSession   = "session"
	kindString    = "string"
)

// defaultDigest is the digest grammar of image-spec's descriptor.md
// (algorithm ":" encoded), used when the spec itself states no digest
// expression: distribution-spec refers to image-spec for digests.
var defaultDigest = Pattern{Regexp: `[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+`, File: "image-spec descriptor.md"}

// placeholderKind maps a placeholder name to the kind of value it holds:
// "tag-or-digest" and "reference" are references, "other_name" a name.
func placeholderKind(ph string) string {
	p := strings.ToLower(ph)
	switch {
	case strings.HasSuffix(p, "location"):
		return kindSession
	case strings.Contains(p, "reference"), strings.Contains(p, "digest") && (strings.Contains(p, "tag") || strings.Contains(p, "release")):
		return kindReference
	case strings.Contains(p, "digest"):
		return kindDigest
	case strings.Contains(p, "tag"), strings.Contains(p, "release"):
		return kindTag
	case strings.Contains(p, "name"):
		return kindName
	case p == "int" || p == "integer" || p == "n":
		return kindInteger
	}
	return kindString
}

// findPatterns collects the regular expressions the prose gives for
// names, tags and digests: a code span that compiles and has a character
// class, in a sentence (or right after one) that names what it matches.
func findPatterns(set *specs.Set) map[string]Pattern {
	out := map[string]Pattern{}
	for _, doc := range set.Docs {
		var prev *specs.Sentence
		for _, b := range doc.Blocks {
			if b.Kind == specs.TableCell {
				continue
			}
			for _, s := range b.Sentences {
				addPatterns(out, doc, s, prev)
				prev = s
			}
		}
	}
	if _, ok := out[kindDigest]; !ok {
		out[kindDigest] = defaultDigest
	}
	return out
}

// addPatterns records the expressions of sentence s; an expression that is
// a sentence of its own is about what the previous sentence names.
func addPatterns(out map[string]Pattern, doc *specs.Document, s, prev *specs.Sentence) {
	for _, re := range regexSpans(s) {
		ctx := s.Text
		if strings.TrimSpace(strings.Trim(s.Text, "`")) == re && prev != nil {
			ctx = prev.Text
		}
		k := patternSubject(ctx)
		if _, seen := out[k]; k != "" && !seen {
			out[k] = Pattern{Regexp: re, File: doc.Path, Line: doc.Position(s.Span.Start).Line}
		}
	}
}

// regexSpans returns the code spans of a sentence that read as regular
// expressions.
func regexSpans(s *specs.Sentence) []string {
	var out []string
	for _, c := range s.Code {
		if c[0] < 0 || c[1] > len(s.Text) || c[0] >= c[1] {
			continue
		}
		v := strings.TrimSpace(strings.Trim(s.Text[c[0]:c[1]], "`"))
		if !strings.Contains(v, "[") || strings.HasPrefix(v, "/") || strings.HasPrefix(v, "<") {
			continue
		}
		if _, err := regexp.Compile(v); err == nil {
			out = append(out, v)
		}
	}
	return out
}

var wordRE = regexp.MustCompile(`[A-Za-z]+`)

// patternSubject tells what a sentence's expression constrains.
func patternSubject(text string) string {
	words := map[string]bool{}
	for _, w := range wordRE.FindAllString(strings.ToLower(text), -1) {
		words[w] = true
	}
	switch {
	case words["tag"] || words["release"]:
		return kindTag
	case words["digest"]:
		return kindDigest
	case words["name"]:
		return kindName
	}
	return ""
}
