package render

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ocispec/ocispec/internal/testcorpus"
	"github.com/ocispec/ocispec/workspace"
)

// TestCertifiedBrowser renders the example conformance results with the
// workspace's policy and checks them in headless Chromium: screenshots of
// the overview and of the product page with the planted failure at desktop
// (1280) and phone (390) width, taken as tall as the page (up to 6000 px),
// no console message or failed load, no horizontal overflow of the page,
// and the version filter hides the other versions' rows. Screenshots go to
// $OCISPEC_SCREENSHOTS when set (look at them).
func TestCertifiedBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test in -short mode")
	}
	c := startCDP(t, chromium(t))
	root := testcorpus.RepoRoot()
	ws, err := workspace.Open(filepath.Join(root, "ocispec.yaml"), root)
	if err != nil {
		t.Fatal(err)
	}
	cc := ws.Config.Conformance
	out, _, sum := buildCertified(t, ws.Path(cc.Results), cc.Policy)
	if len(sum.Warnings) > 0 {
		t.Fatalf("warnings: %v", sum.Warnings)
	}
	shots := os.Getenv("OCISPEC_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	} else if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	pages := [][2]string{
		{"certified", certDir + "/index.html"},
		{"certified-product", certDir + "/widget-spec/v1.1/cogworks.html"},
	}
	for _, w := range []int{1280, 390} {
		for _, p := range pages {
			c.viewport(t, w)
			c.navigate(t, fileURL(out, p[1]))
			fullPageShot(t, c, w, filepath.Join(shots, fmt.Sprintf("%s-%d.png", p[0], w)))
			for _, msg := range c.takeConsole() {
				t.Errorf("%s at %d px: %s", p[1], w, msg)
			}
		}
	}
	t.Logf("screenshots in %s", shots)
	checkVersionFilter(t, c, fileURL(out, pages[0][1]))
}

// fullPageShot grows the viewport to the page's height, checks that the
// page does not scroll sideways, and takes a screenshot.
func fullPageShot(t *testing.T, c *cdp, width int, file string) {
	t.Helper()
	var size []int
	c.eval(t, "[document.documentElement.scrollWidth, document.documentElement.scrollHeight]", &size)
	if size[0] > width {
		t.Errorf("%s: the page is %d px wide in a %d px window", filepath.Base(file), size[0], width)
	}
	c.page(t, "Emulation.setDeviceMetricsOverride", map[string]any{
		"width": width, "height": min(size[1], 6000), "deviceScaleFactor": 1, "mobile": width < 600,
	}, nil)
	c.screenshot(t, file)
}

// checkVersionFilter presses the v1.0 button and expects only v1.0 rows
// and failures to stay visible, then "All" to show everything again.
func checkVersionFilter(t *testing.T, c *cdp, url string) {
	t.Helper()
	c.navigate(t, url)
	const rows = `[...document.querySelectorAll('.cert-matrix tbody tr, .cert-failures li')].map(r => r.dataset.version + (r.hidden ? '-' : '+')).join(' ')`
	var before, after, all string
	c.eval(t, rows, &before)
	c.eval(t, `document.querySelector('.cert-filter button[data-version="v1.0"]').click(); `+rows, &after)
	c.eval(t, `document.querySelector('.cert-filter button[data-version=""]').click(); `+rows, &all)
	if strings.Contains(before, "-") || all != before {
		t.Errorf("unfiltered rows %q, after All %q", before, all)
	}
	if !strings.Contains(after, "v1.0+") || strings.Contains(after, "v1.1+") || strings.Contains(after, "v1.0-") {
		t.Errorf("filter v1.0: rows %q", after)
	}
	for _, msg := range c.takeConsole() {
		t.Error(msg)
	}
}
