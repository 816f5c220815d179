package lint

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func TestRFCObsolete(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		lines []int
	}{
		{"current", "See [RFC 9110](https://www.rfc-editor.org/rfc/rfc9110).\n", nil},
		{"obsolete linked", "See [RFC 7231](https://www.rfc-editor.org/rfc/rfc7231#section-3).\n", []int{1}},
		{"obsolete unlinked", "Per RFC 5988 and RFC 8288.\n", []int{1}},
		{"url only", "Use [Web Linking](https://tools.ietf.org/html/rfc5988).\n", []int{1}},
		{"in heading", "## RFC 4634 notes\n", []int{1}},
		{"code span", "The token `RFC 7159` is literal.\n", nil},
		{"unknown rfc", "See RFC 99999.\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantLines(t, "rfc-obsolete", tt.src, tt.lines)
		})
	}
	fs := lintSrc(t, "rfc-obsolete", "See RFC 7230.\n")
	if len(fs) != 1 || !strings.Contains(fs[0].Message, "RFC 9110") || !strings.Contains(fs[0].Message, "RFC 9112") {
		t.Errorf("successors not named: %v", fs)
	}
}

func TestRFCTable(t *testing.T) {
	table := parseRFCTable(rfcObsoleteTSV)
	for old, succ := range map[int]int{7230: 9110, 7231: 9110, 7234: 9111, 5988: 8288, 4634: 6234, 8478: 8878, 7159: 8259} {
		st, ok := table[old]
		if !ok || !containsInt(st.ObsoletedBy, succ) {
			t.Errorf("RFC %d: want obsoleted by %d, got %+v", old, succ, st)
		}
	}
	for n, st := range table {
		if st.Title == "" {
			t.Errorf("RFC %d has no title", n)
		}
		for _, s := range st.ObsoletedBy {
			if s <= n {
				t.Errorf("RFC %d obsoleted by older RFC %d", n, s)
			}
		}
	}
}

func containsInt(xs []int, x int) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// TestRFCTableCoversOCISpecs checks that every RFC the three OCI specs
// cite has a row, so rfc-obsolete knows its status.
func TestRFCTableCoversOCISpecs(t *testing.T) {
	dirs := ociSpecDirs(t)
	if len(dirs) == 0 {
		t.Skip("no OCI spec sources available")
	}
	table := parseRFCTable(rfcObsoleteTSV)
	re := regexp.MustCompile(`(?i)\brfc[ -]?([0-9]{3,5})\b`)
	for _, dir := range dirs {
		files, _ := filepath.Glob(filepath.Join(dir, "*.md"))
		more, _ := filepath.Glob(filepath.Join(dir, "*", "*.md"))
		for _, f := range append(files, more...) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range re.FindAllStringSubmatch(string(b), -1) {
				n, _ := strconv.Atoi(m[1])
				if _, ok := table[n]; !ok {
					t.Errorf("%s cites RFC %d, which data/rfc-obsolete.tsv lacks", f, n)
				}
			}
		}
	}
}
