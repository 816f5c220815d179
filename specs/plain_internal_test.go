package specs

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// appendSrcByByte is the byte-at-a-time definition of appendSrc that the
// faster implementation must match.
func (pt *plainText) appendSrcByByte(src []byte, start int) {
	for i, c := range src {
		if c == '\n' || c == '\r' || c == '\t' {
			c = ' '
		}
		if c == ' ' && (len(pt.buf) == 0 || pt.buf[len(pt.buf)-1] == ' ' || pt.buf[len(pt.buf)-1] == '\n') {
			continue
		}
		pt.mark(start + i)
		pt.buf = append(pt.buf, c)
	}
}

func TestAppendSrcMatchesByteAtATime(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte("ab \t\n\r")
	for n := 0; n < 20000; n++ {
		var fast, slow plainText
		off := 0
		for k := r.IntN(4); k >= 0; k-- {
			seg := make([]byte, r.IntN(12))
			for i := range seg {
				seg[i] = alphabet[r.IntN(len(alphabet))]
			}
			if r.IntN(3) == 0 {
				fast.appendBreak(off)
				slow.appendBreak(off)
			}
			fast.appendSrc(seg, off)
			slow.appendSrcByByte(seg, off)
			off += len(seg) + r.IntN(3)
			if string(fast.buf) != string(slow.buf) || !slices.Equal(fast.runs, slow.runs) {
				t.Fatalf("after %q: got %q %v, want %q %v", seg, fast.buf, fmt.Sprint(fast.runs), slow.buf, fmt.Sprint(slow.runs))
			}
		}
	}
}

// TestTermFinder checks termFinder.next against a plain scan, on texts
// long enough for its IndexByte path and short enough for its byte loop.
func TestTermFinder(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	alphabet := "ab .?!:"
	for n := 0; n < 3000; n++ {
		b := make([]byte, r.IntN(300))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		text := string(b)
		f := newTermFinder()
		for from := 0; from <= len(text); from += 1 + r.IntN(20) {
			want := -1
			for i := from; i < len(text); i++ {
				if isTerminator[text[i]] {
					want = i
					break
				}
			}
			if got := f.next(text, from); got != want {
				t.Fatalf("next(%q, %d) = %d, want %d", text, from, got, want)
			}
		}
	}
}
