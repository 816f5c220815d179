package conformance

import (
	"strings"
	"testing"
)

func TestParseExchanges(t *testing.T) {
	log := strings.Join([]string{
		"noise before",
		"================================================================================",
		"~~~ REQUEST ~~~",
		"Method: PUT",
		"URL: http://r/v2/a/manifests/sha256:abc",
		"Headers:",
		"             Content-Length: [4096]",
		"               Content-Type: [application/vnd.oci.image.manifest.v1+json]",
		`{"a":1,`,
		`"b":2}`,
		"--- Truncated body from 3910601 to 4096 bytes ---",
		"--------------------------------------------------------------------------------",
		"~~~ RESPONSE ~~~",
		"Status: 201",
		"Headers:",
		"                       Date: [Sun, 28 Jun 2026 06:40:36 GMT]",
		"--- Empty body ---",
		"================================================================================",
		"~~~ REQUEST ~~~",
		"Method: POST",
		"URL: http://r/v2/a/blobs/uploads/",
		"Headers:",
		"--- Output of application/octet-stream not supported, 512 bytes not shown ---",
		"------------------------------------------------------------",
	}, "\n")
	ex := ParseExchanges(log, 7)
	if len(ex) != 2 {
		t.Fatalf("%d exchanges, want 2", len(ex))
	}
	e := ex[0]
	if e.Request.Method != "PUT" || e.Request.URL != "http://r/v2/a/manifests/sha256:abc" || e.Line != 7 {
		t.Errorf("request = %+v", e.Request)
	}
	if got := e.Request.Header.Get("Content-Type"); got != "application/vnd.oci.image.manifest.v1+json" {
		t.Errorf("content type = %q", got)
	}
	if b := e.Request.Body; string(b.Data) != "{\"a\":1,\n\"b\":2}" || b.Complete || b.Size != 3910601 {
		t.Errorf("request body = %+v", b)
	}
	if e.Response == nil || e.Response.StatusCode != 201 || e.Response.Header.Get("Date") != "Sun, 28 Jun 2026 06:40:36 GMT" {
		t.Fatalf("response = %+v", e.Response)
	}
	if b := e.Response.Body; b.Note != "Empty body" || !b.Complete || b.Size != 0 {
		t.Errorf("response body = %+v", b)
	}
	if ex[1].Response != nil {
		t.Error("an exchange cut off before its response has a response")
	}
	if b := ex[1].Request.Body; b.Complete || b.Size != 512 {
		t.Errorf("binary body = %+v", b)
	}
}

func TestParseExchangesNone(t *testing.T) {
	if ex := ParseExchanges("> Enter [It] x\n< Exit [It] x", 1); ex != nil {
		t.Errorf("exchanges in a log without markers: %+v", ex)
	}
}
