package trace

import (
	"errors"
	"strings"
	"testing"
)

// Covers: trace.md#mapping-files
func TestGlob(t *testing.T) {
	for _, tc := range []struct {
		pattern, name string
		want          bool
	}{
		{"a/*/c", "a/b/c", true},
		{"a/*/c", "a/b/x/c", false},
		{"a/**/c", "a/b/x/c", true},
		{"a/?", "a/b", true},
		{"a/?", "a/", false},
		{"x/{image,index}/pull", "x/index/pull", true},
		{"x/{image,index}/pull", "x/nested-index/pull", false},
		{"x/{a,b", "x/{a,b", true},
		{"T.(x)+", "T.(x)+", true},
		{"sha* blobs/post+put/blob-post-put", "sha512 blobs/post+put/blob-post-put", true},
		{"Ünïcode *", "Ünïcode test", true},
	} {
		if got := globRE(tc.pattern).MatchString(tc.name); got != tc.want {
			t.Errorf("%q matches %q = %v, want %v", tc.pattern, tc.name, got, tc.want)
		}
	}
}

// Covers: trace.md#mapping-files
func TestParseMappingErrors(t *testing.T) {
	for _, tc := range []struct {
		src  string
		line int
		msg  string
	}{
		{"entries:\n  - match: a\n    covers: [x]\n    colour: red\n", 4, `unknown key "colour"`},
		{"entries:\n  - match: a\n", 2, "entry covers nothing"},
		{"entries:\n  - covers: a\n", 2, "entry has no match pattern"},
		{"entries:\n  - match: a\n    covers: [\"bad target!\"]\n", 3, "malformed target"},
		{"entries: [\n", 1, "did not find expected node content"},
		{"entries: 3\n", 1, "want a list"},
		{"- a\n", 1, "want a mapping"},
		{"tests:\n  - a\n", 1, `unknown key "tests"`},
	} {
		_, err := ParseMapping("m.yaml", []byte(tc.src))
		var se *SyntaxError
		if !errors.As(err, &se) || se.File != "m.yaml" || se.Line != tc.line {
			t.Errorf("%q: error %v, want m.yaml:%d", tc.src, err, tc.line)
			continue
		}
		if tc.msg != "" && !strings.Contains(se.Msg, tc.msg) {
			t.Errorf("%q: message %q, want %q", tc.src, se.Msg, tc.msg)
		}
	}
}
