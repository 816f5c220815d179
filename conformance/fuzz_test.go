package conformance

import (
	"errors"
	"io"
	"strings"
	"testing"
)

// FuzzJUnit checks that no input makes the junit reader panic or loop, and
// that every error names the file.
func FuzzJUnit(f *testing.F) {
	for _, s := range []string{ginkgoV1, ginkgoV2, confV2, "", "<testsuite>", "<x/>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		r := NewJUnitReader(strings.NewReader(in), "f.xml")
		for i := 0; ; i++ {
			_, err := r.Next()
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil {
				if !strings.HasPrefix(err.Error(), "f.xml") {
					t.Fatalf("error without the file name: %v", err)
				}
				return
			}
			if i > len(in) {
				t.Fatal("more test cases than input bytes")
			}
		}
	})
}

// FuzzExchanges checks the exchange parser on any log text.
func FuzzExchanges(f *testing.F) {
	f.Add("~~~ REQUEST ~~~\nMethod: GET\nURL: http://x/v2/\nHeaders:\n  A: [b]\nbody\n--- Truncated body from 9 to 4 bytes ---\n--------------------\n~~~ RESPONSE ~~~\nStatus: 200\n")
	f.Add("~~~ RESPONSE ~~~\n~~~ RESPONSE ~~~\nStatus: x\n====================")
	f.Fuzz(func(t *testing.T, in string) {
		for _, e := range ParseExchanges(in, 1) {
			if e.Request.Header == nil || (e.Response != nil && e.Response.Header == nil) {
				t.Fatal("nil header map")
			}
		}
	})
}

// FuzzSummary checks results.yaml parsing: no panic, statuses known.
func FuzzSummary(f *testing.F) {
	f.Add("config:\n  apis:\n    ping: true\napis:\n  Ping: Pass\ndata:\n  Image: FAIL\n")
	f.Add("apis: [1, 2]\n")
	f.Fuzz(func(t *testing.T, in string) {
		s, err := ParseSummary([]byte(in), "r.yaml")
		if err != nil {
			return
		}
		for _, e := range append(s.APIs, s.Data...) {
			if _, err := ParseStatus(string(e.Status)); err != nil {
				t.Fatalf("unknown status accepted: %q", e.Status)
			}
		}
	})
}

// FuzzProduct checks PRODUCT.yaml parsing.
func FuzzProduct(f *testing.F) {
	f.Add("name: Zot\nvendor: V\ntype: hosted\n")
	f.Add("name: [x]\n")
	f.Fuzz(func(t *testing.T, in string) {
		p, err := ParseProduct([]byte(in), "PRODUCT.yaml")
		if err == nil && strings.TrimSpace(p.Name) == "" {
			t.Fatal("a product without a name was accepted")
		}
	})
}

// FuzzConfig checks the configuration parser: no panic, and credentials
// never shown.
func FuzzConfig(f *testing.F) {
	f.Add("registry: r\npassword: p\napis:\n  blobs:\n    delete: true\n  list: [a, b]\n")
	f.Add("- 1\n")
	f.Fuzz(func(t *testing.T, in string) {
		c, err := ParseConfig([]byte(in))
		if err != nil {
			return
		}
		for _, s := range c.Settings {
			if strings.Contains(strings.ToLower(s.Key), "password") && s.Value != "" && s.Value != "(hidden)" {
				t.Fatalf("password shown: %+v", s)
			}
		}
	})
}
