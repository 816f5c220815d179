package render

import (
	"bufio"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"testing"
	"time"
)

// cdp drives one headless Chromium over the DevTools protocol on a pipe
// (--remote-debugging-pipe: commands on fd 3, replies on fd 4), so one
// browser serves every page of the end-to-end test.
type cdp struct {
	cmd     *exec.Cmd
	w       *os.File
	session string

	mu      sync.Mutex
	next    int
	waiting map[int]chan cdpMsg
	events  chan cdpMsg
	console []string
}

type cdpMsg struct {
	ID        int             `json:"id,omitempty"`
	Method    string          `json:"method,omitempty"`
	Params    json.RawMessage `json:"params,omitempty"`
	Result    json.RawMessage `json:"result,omitempty"`
	Error     *struct{ Message string }
	SessionID string `json:"sessionId,omitempty"`
}

func startCDP(t *testing.T, bin string) *cdp {
	t.Helper()
	cmdR, cmdW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	resR, resW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	c := &cdp{w: cmdW, waiting: map[int]chan cdpMsg{}, events: make(chan cdpMsg, 256)}
	// Not t.TempDir: the browser's helper processes may still write to
	// the profile while the test's temporary directories are removed.
	profile, err := os.MkdirTemp("", "ocispec-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	c.cmd = exec.Command(bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
		"--user-data-dir="+profile, "--remote-debugging-pipe", "about:blank")
	c.cmd.ExtraFiles = []*os.File{cmdR, resW}
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	_ = cmdR.Close()
	_ = resW.Close()
	t.Cleanup(func() {
		_, _ = c.w.Write([]byte(`{"id":999999,"method":"Browser.close"}` + "\x00"))
		done := make(chan error, 1)
		go func() { done <- c.cmd.Wait() }()
		select {
		case werr := <-done:
			_ = werr // killed by Browser.close or not: the test is over
		case <-time.After(10 * time.Second):
			_ = c.cmd.Process.Kill()
			werr := <-done
			_ = werr
		}
		_ = c.w.Close()
		for range 10 {
			if os.RemoveAll(profile) == nil {
				break
			}
			time.Sleep(200 * time.Millisecond)
		}
	})
	go c.read(resR)
	var target struct{ TargetID string }
	c.call(t, "", "Target.createTarget", map[string]any{"url": "about:blank"}, &target)
	var att struct{ SessionID string }
	c.call(t, "", "Target.attachToTarget", map[string]any{"targetId": target.TargetID, "flatten": true}, &att)
	c.session = att.SessionID
	for _, m := range []string{"Page.enable", "Runtime.enable", "Log.enable"} {
		c.call(t, c.session, m, nil, nil)
	}
	return c
}

func (c *cdp) read(r *os.File) {
	br := bufio.NewReaderSize(r, 1<<20)
	for {
		line, err := br.ReadBytes(0)
		if err != nil {
			close(c.events)
			return
		}
		var m cdpMsg
		if json.Unmarshal(line[:len(line)-1], &m) != nil {
			continue
		}
		c.mu.Lock()
		if ch := c.waiting[m.ID]; m.ID != 0 && ch != nil {
			delete(c.waiting, m.ID)
			c.mu.Unlock()
			ch <- m
			continue
		}
		c.record(m)
		c.mu.Unlock()
		if os.Getenv("CDP_DEBUG") != "" && m.Method != "" {
			fmt.Fprintln(os.Stderr, "event", m.Method, len(m.Params))
		}
		if m.Method == "Page.loadEventFired" {
			c.events <- m
		}
	}
}

// record keeps console output, uncaught exceptions and log errors (failed
// loads); the site writes nothing to the console.
func (c *cdp) record(m cdpMsg) {
	switch m.Method {
	case "Runtime.consoleAPICalled", "Runtime.exceptionThrown":
		c.console = append(c.console, m.Method+" "+string(m.Params))
	case "Log.entryAdded":
		var p struct {
			Entry struct{ Level, Text, URL string }
		}
		_ = json.Unmarshal(m.Params, &p)
		if p.Entry.Level == "error" || p.Entry.Level == "warning" {
			c.console = append(c.console, p.Entry.Level+": "+p.Entry.Text+" "+p.Entry.URL)
		}
	}
}

func (c *cdp) call(t *testing.T, session, method string, params, result any) {
	t.Helper()
	c.mu.Lock()
	c.next++
	id := c.next
	ch := make(chan cdpMsg, 1)
	c.waiting[id] = ch
	c.mu.Unlock()
	msg := map[string]any{"id": id, "method": method}
	if params != nil {
		msg["params"] = params
	}
	if session != "" {
		msg["sessionId"] = session
	}
	data, _ := json.Marshal(msg)
	if _, err := c.w.Write(append(data, 0)); err != nil {
		t.Fatalf("%s: %v", method, err)
	}
	select {
	case m := <-ch:
		if m.Error != nil {
			t.Fatalf("%s: %s", method, m.Error.Message)
		}
		if result != nil {
			if err := json.Unmarshal(m.Result, result); err != nil {
				t.Fatalf("%s: %v", method, err)
			}
		}
	case <-time.After(60 * time.Second):
		t.Fatalf("%s: no reply", method)
	}
}

// page is a call on the attached page.
func (c *cdp) page(t *testing.T, method string, params, result any) {
	t.Helper()
	c.call(t, c.session, method, params, result)
}

// waitLoad waits for the page's load event after an action.
func (c *cdp) waitLoad(t *testing.T, action func()) {
	t.Helper()
	for len(c.events) > 0 {
		<-c.events
	}
	action()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	select {
	case <-c.events:
	case <-ctx.Done():
		t.Fatal("page did not load")
	}
}

func (c *cdp) navigate(t *testing.T, url string) {
	t.Helper()
	c.waitLoad(t, func() { c.page(t, "Page.navigate", map[string]any{"url": url}, nil) })
}

func (c *cdp) viewport(t *testing.T, width int) {
	t.Helper()
	c.page(t, "Emulation.setDeviceMetricsOverride", map[string]any{
		"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600,
	}, nil)
}

func (c *cdp) screenshot(t *testing.T, file string) {
	t.Helper()
	var shot struct{ Data string }
	c.page(t, "Page.captureScreenshot", map[string]any{"format": "png"}, &shot)
	png, err := base64.StdEncoding.DecodeString(shot.Data)
	if err != nil || len(png) < 5000 {
		t.Errorf("%s: screenshot of %d bytes (%v)", file, len(png), err)
	}
	if err := os.WriteFile(file, png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// eval evaluates a JavaScript expression and decodes its value.
func (c *cdp) eval(t *testing.T, expr string, v any) {
	t.Helper()
	var r struct {
		Result           struct{ Value json.RawMessage }
		ExceptionDetails *struct{ Text string }
	}
	c.page(t, "Runtime.evaluate", map[string]any{"expression": expr, "returnByValue": true}, &r)
	if r.ExceptionDetails != nil {
		t.Fatalf("%s: %s", expr, r.ExceptionDetails.Text)
	}
	if err := json.Unmarshal(r.Result.Value, v); err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
}

func (c *cdp) key(t *testing.T, key, code string, vk int) {
	t.Helper()
	for _, typ := range []string{"keyDown", "keyUp"} {
		p := map[string]any{"type": typ, "key": key, "code": code, "windowsVirtualKeyCode": vk}
		switch {
		case typ == "keyDown" && len(key) == 1:
			p["text"] = key
		case typ == "keyDown" && key == "Enter":
			p["text"] = "\r"
		}
		c.page(t, "Input.dispatchKeyEvent", p, nil)
	}
}

func (c *cdp) takeConsole() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := c.console
	c.console = nil
	return out
}

var _ = fmt.Sprintf
