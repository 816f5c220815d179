package lint

import (
	"strings"
	"testing"
	"time"
)

// TestLongLineDoesNotHang: 100 000 sentences on one line are linted and
// fixed in linear time; the quadratic versions took minutes. The timeout is
// a hang guard, not a speed assertion (see BenchmarkFixLongLine).
func TestLongLineDoesNotHang(t *testing.T) {
	const n = 100000
	src := []byte(strings.Repeat("Word here. ", n) + "\n")
	rules, err := Select(Config{})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	var out []byte
	var fixes int
	go func() {
		defer close(done)
		out, fixes, err = FixSource("long.md", src, nil, rules, Config{}, nil)
	}()
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		t.Fatal("fixing a long line hangs")
	}
	if err != nil {
		t.Fatal(err)
	}
	if fixes != n-1 || strings.Count(string(out), "\n") != n {
		t.Errorf("applied %d fixes and left %d lines, want %d and %d", fixes, strings.Count(string(out), "\n"), n-1, n)
	}
}

func BenchmarkFixLongLine(b *testing.B) {
	src := []byte(strings.Repeat("Word here. ", 20000) + "\n")
	rules, _ := Select(Config{})
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, _, err := FixSource("long.md", src, nil, rules, Config{}, nil); err != nil {
			b.Fatal(err)
		}
	}
}
