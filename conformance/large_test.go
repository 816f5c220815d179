package conformance

import (
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"
)

// genJUnit streams a conformance v2 junit file of about size bytes without
// holding it: test cases with a recorded exchange each.
type genJUnit struct {
	size, n int
	buf     []byte
	done    bool
}

func (g *genJUnit) Read(p []byte) (int, error) {
	for len(g.buf) == 0 {
		switch {
		case g.done:
			return 0, io.EOF
		case g.n == 0:
			g.buf = []byte(`<testsuites><testsuite name="S"><properties><property name="Config" value="apis:&#xA;  ping: true"/></properties>`)
		case g.n*5000 > g.size:
			g.buf, g.done = []byte(`</testsuite></testsuites>`), true
		default:
			body := strings.Repeat("x", 4500)
			g.buf = fmt.Appendf(nil, `<testcase name="S/g/t%d" status="passed"><system-err>~~~ REQUEST ~~~&#xA;Method: GET&#xA;URL: http://r/v2/&#xA;Headers:&#xA;--- Empty body ---&#xA;~~~ RESPONSE ~~~&#xA;Status: 200&#xA;Headers:&#xA;  A: [b]&#xA;%s&#xA;</system-err></testcase>`, g.n, body)
		}
		g.n++
	}
	n := copy(p, g.buf)
	g.buf = g.buf[n:]
	return n, nil
}

// TestLargeJUnitBoundedMemory reads a 50 MB junit stream and checks that the
// live heap never grows with the file: the reader holds one test case.
func TestLargeJUnitBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("50 MB stream in -short mode")
	}
	const size = 50 << 20
	r := NewJUnitReader(&genJUnit{size: size}, "big.xml")
	var ms runtime.MemStats
	peak, n := uint64(0), 0
	for {
		tc, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if len(tc.Exchanges) != 1 || tc.Exchanges[0].Response == nil {
			t.Fatalf("test %d: %d exchanges", n, len(tc.Exchanges))
		}
		n++
		if n%2000 == 0 {
			runtime.GC()
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc)
		}
	}
	if n < size/5000-1 {
		t.Fatalf("%d test cases", n)
	}
	if peak > 16<<20 {
		t.Errorf("live heap reached %d MiB reading a %d MiB stream", peak>>20, size>>20)
	}
	t.Logf("%d test cases, peak live heap %.1f MiB", n, float64(peak)/(1<<20))
}
