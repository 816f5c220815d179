package reqs

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/ocispec/ocispec/internal/testcorpus"
	"github.com/ocispec/ocispec/specs"
)

// A label is one hand-labelled keyword occurrence of testdata/labels.tsv.
type label struct {
	spec, file       string
	line, col        int
	keyword          string
	role, property   string // role "none": not a requirement; property "-": none
	reason, location string
}

func readLabels(t *testing.T) []label {
	t.Helper()
	data, err := os.ReadFile("testdata/labels.tsv")
	if err != nil {
		t.Fatal(err)
	}
	var out []label
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		c := strings.Split(line, "\t")
		if len(c) != 8 {
			t.Fatalf("labels.tsv:%d: want 8 tab-separated columns, got %d", n, len(c))
		}
		l := label{spec: c[0], file: c[1], keyword: c[4], role: c[5], property: c[6], reason: c[7]}
		l.line, _ = strconv.Atoi(c[2])
		l.col, _ = strconv.Atoi(c[3])
		l.location = fmt.Sprintf("%s %s:%d:%d %s", l.spec, l.file, l.line, l.col, l.keyword)
		if l.reason == "" || l.line == 0 || l.col == 0 {
			t.Fatalf("labels.tsv:%d: incomplete label", n)
		}
		out = append(out, l)
	}
	return out
}

// TestHandLabels compares role and property with a hand-labelled sample
// of keyword occurrences over the three OCI specs (testdata/labels.tsv:
// passive sentences, "a client or runtime", subjectless property
// sentences, table cells, governance documents, multi-clause sentences,
// keywords listed as words). At least 90% of the roles, and 90% of the
// properties of the occurrences that have one, must be right. The test
// needs all three specs and skips without ../shared.
// Covers: roles-054c67, requirements.md#roles
func TestHandLabels(t *testing.T) {
	dirs := testcorpus.OCISpecs(t)
	if len(dirs) < 3 {
		t.Skip("distribution-spec (../shared/corpus) absent")
	}
	byLoc := map[string]*Requirement{}
	for name, dir := range dirs {
		set, err := specs.Load(dir, []string{"."}, specs.LoadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range Extract(set).Requirements {
			byLoc[fmt.Sprintf("%s %s:%d:%d %s", name, r.File, r.Line, r.Column, r.Keyword)] = r
		}
	}
	labels := readLabels(t)
	if len(labels) < 120 {
		t.Fatalf("%d labels, want at least 120", len(labels))
	}
	roleOK, propOK, propN := 0, 0, 0
	for _, l := range labels {
		r := byLoc[l.location]
		if l.role == "none" {
			if r == nil {
				roleOK++
			} else {
				t.Logf("%s: extracted, but labelled not a requirement (%s)", l.location, l.reason)
			}
			continue
		}
		if r == nil {
			t.Errorf("%s: no requirement extracted there", l.location)
			continue
		}
		if string(r.Role) == l.role {
			roleOK++
		} else {
			t.Logf("role miss %s: got %s (actor %q), want %s: %s", l.location, r.Role, r.Actor, l.role, l.reason)
		}
		if l.property != "-" {
			propN++
			if r.Property == l.property {
				propOK++
			} else {
				t.Logf("property miss %s: got %q, want %q: %s", l.location, r.Property, l.property, l.reason)
			}
		}
	}
	rolePct := 100 * float64(roleOK) / float64(len(labels))
	propPct := 100 * float64(propOK) / float64(max(propN, 1))
	t.Logf("role right %d/%d (%.1f%%), property right %d/%d (%.1f%%)", roleOK, len(labels), rolePct, propOK, propN, propPct)
	if rolePct < 90 {
		t.Errorf("role right for %.1f%% of the labels, want at least 90%%", rolePct)
	}
	if propPct < 90 {
		t.Errorf("property right for %.1f%% of the labelled properties, want at least 90%%", propPct)
	}
}
