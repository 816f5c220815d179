package lint

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
)

// The hand-written matchers of bcp14.go must agree with the regular
// expression and the substring tests they replace.

func keywordRegexp() *regexp.Regexp { return regexp.MustCompile(bcp14KeywordPattern) }

// fastMatcherInputs are sentences of the real specs and of the rule
// fixtures plus random strings over an alphabet dense in key word letters.
func fastMatcherInputs(t *testing.T) []string {
	t.Helper()
	ins := []string{
		"", "MAY", "MUST", "MUST NOT", "MUST NOTE", "MUSTNOT", "xMUST", "_MUST", "MUST_", "MUST-NOT",
		"NOT RECOMMENDED", "NOTRECOMMENDED", "A MAY B", "é MUST é", "`MUST`", "SHALL NOT!", "SHOULD NOT1",
		"interpret", "Interpret", "INTERPRET", "nterpret", "NTERPRET", "inTERPRET", "pppp nterpre", "nterpretp",
	}
	for _, s := range ociSpecs(t) {
		for _, d := range loadSpec(t, s).Docs {
			for _, b := range d.Blocks {
				for _, st := range b.Sentences {
					ins = append(ins, st.Text, outsideCode(st))
				}
			}
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	const alphabet = "MUSTNOREQIDHALYPCmustnorqeidpc _-`1é"
	for range 20000 {
		var b strings.Builder
		for range r.IntN(24) {
			if r.IntN(8) == 0 {
				b.WriteString(bcp14Keywords[r.IntN(len(bcp14Keywords))])
				continue
			}
			if r.IntN(16) == 0 {
				b.WriteString([]string{"nterpret", "NTERPRET", "terpret"}[r.IntN(3)])
				continue
			}
			b.WriteByte(alphabet[r.IntN(len(alphabet))])
		}
		ins = append(ins, b.String())
	}
	return ins
}

func TestFindKeywordMatchesRegexp(t *testing.T) {
	kw := keywordRegexp()
	for _, s := range fastMatcherInputs(t) {
		if got, want := findKeyword(s), kw.FindString(s); got != want {
			t.Errorf("findKeyword(%q) = %q, regexp finds %q", s, got, want)
		}
	}
}

func TestHasInterpret(t *testing.T) {
	for _, s := range fastMatcherInputs(t) {
		want := strings.Contains(s, "nterpret") || strings.Contains(s, "NTERPRET")
		if got := hasInterpret(s); got != want {
			t.Errorf("hasInterpret(%q) = %v, want %v", s, got, want)
		}
	}
}
