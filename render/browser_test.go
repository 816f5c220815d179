package render

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ocispec/ocispec/internal/testcorpus"
	"github.com/ocispec/ocispec/workspace"
)

// chromium finds Debian's chromium (or another Chrome). When
// OCISPEC_REQUIRE_CHROMIUM=1 (set by .ci/run) a missing browser is
// installed with apt-get, and failing that the test fails instead of
// skipping.
func chromium(t *testing.T) string {
	t.Helper()
	find := func() string {
		for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
			if p, err := exec.LookPath(name); err == nil {
				return p
			}
		}
		return ""
	}
	if p := find(); p != "" {
		return p
	}
	if os.Getenv("OCISPEC_REQUIRE_CHROMIUM") != "1" {
		t.Skip("chromium not installed (OCISPEC_REQUIRE_CHROMIUM=1 makes this a failure)")
	}
	out, err := exec.Command("apt-get", "install", "-y", "--no-install-recommends", "chromium").CombinedOutput()
	if p := find(); p != "" {
		return p
	}
	t.Fatalf("chromium missing and apt-get install failed: %v\n%s", err, out)
	return ""
}

// TestBrowser builds the example workspace and checks it in one headless
// Chromium: screenshots of the home page, a spec page, the requirements
// index after filtering, a minutes page and a search result at desktop
// (1280) and phone (390) width, no console message or failed load on any
// of them, the filter hides what it should, "/" focuses the search box and
// search finds a requirement by its ID. Screenshots go to
// $OCISPEC_SCREENSHOTS when set (look at them).
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test in -short mode")
	}
	c := startCDP(t, chromium(t))
	out := buildExample(t)
	id, idPage := exampleRequirement(t, out)
	shots := os.Getenv("OCISPEC_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	} else if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	pages := [][2]string{
		{"home", "index.html"},
		{"spec", "widget-spec/manifest.html"},
		{"requirements", "widget-spec/requirements.html?level=MUST&role=registry"},
		{"minutes", "minutes/2026/2026-05-14.html"},
		{"search", "search.html?q=" + id},
	}
	for _, w := range []int{1280, 390} {
		c.viewport(t, w)
		for _, p := range pages {
			c.navigate(t, fileURL(out, p[1]))
			c.screenshot(t, filepath.Join(shots, fmt.Sprintf("%s-%d.png", p[0], w)))
			for _, msg := range c.takeConsole() {
				t.Errorf("%s at %d px: %s", p[1], w, msg)
			}
		}
	}
	t.Logf("screenshots in %s", shots)
	c.navigate(t, fileURL(out, pages[2][1]))
	var dom string
	c.eval(t, "document.getElementById('req-table').outerHTML", &dom)
	checkFilter(t, dom)
	checkSearch(t, c, out, id, idPage)
	for _, msg := range c.takeConsole() {
		t.Error(msg)
	}
}

// checkSearch presses "/" on a spec page, types the ID into the search
// box, submits, and expects the requirement as the first result.
func checkSearch(t *testing.T, c *cdp, out, id, idPage string) {
	t.Helper()
	c.navigate(t, fileURL(out, "widget-spec/spec.html"))
	c.key(t, "/", "Slash", 191)
	var focused string
	c.eval(t, "document.activeElement.id", &focused)
	if focused != "search-box" {
		t.Fatalf("after /, focus is on %q, not the search box", focused)
	}
	c.page(t, "Input.insertText", map[string]any{"text": id}, nil)
	c.waitLoad(t, func() { c.key(t, "Enter", "Enter", 13) })
	var first string
	c.eval(t, "(document.querySelector('#search-results li a') || {}).getAttribute ? document.querySelector('#search-results li a').getAttribute('href') : ''", &first)
	if want := "./" + idPage + "#" + id; first != want && first != idPage+"#"+id {
		t.Errorf("search for %s: first result %q, want %q", id, first, idPage+"#"+id)
	}
}

func checkFilter(t *testing.T, dom string) {
	t.Helper()
	rows := regexp.MustCompile(`<tr data-level="([^"]*)" data-role="([^"]*)"[^>]*?( hidden="")?>`).FindAllStringSubmatch(dom, -1)
	shown := 0
	for _, r := range rows {
		want := r[1] == "MUST" && r[2] == "registry"
		if want != (r[3] == "") {
			t.Errorf("filter level=MUST role=registry: row %s/%s hidden=%v", r[1], r[2], r[3] != "")
		}
		if want {
			shown++
		}
	}
	if len(rows) < 50 || shown == 0 || shown == len(rows) {
		t.Errorf("filter: %d rows, %d shown", len(rows), shown)
	}
}

func fileURL(out, page string) string {
	return "file://" + filepath.ToSlash(filepath.Join(out, filepath.FromSlash(page)))
}

// buildExample builds the repository's example workspace as `ocispec
// build` does.
func buildExample(t *testing.T) string {
	t.Helper()
	root := testcorpus.RepoRoot()
	ws, err := workspace.Open(filepath.Join(root, "ocispec.yaml"), root)
	if err != nil {
		t.Fatal(err)
	}
	list, opts, warnings, err := FromWorkspace(ws, ws.Select(nil, workspace.OneSet))
	if err != nil || len(warnings) > 0 {
		t.Fatal(err, warnings)
	}
	opts.Output = t.TempDir()
	if _, err := Site(list, opts); err != nil {
		t.Fatal(err)
	}
	return opts.Output
}

// exampleRequirement picks a registry requirement from the search index.
func exampleRequirement(t *testing.T, out string) (id, page string) {
	t.Helper()
	var idx []searchEntry
	if err := json.Unmarshal([]byte(read(t, filepath.Join(out, "search.json"))), &idx); err != nil {
		t.Fatal(err)
	}
	for _, e := range idx {
		if e.Kind == "requirement" && strings.Contains(e.Text, "registry MUST") {
			page, _, _ := strings.Cut(e.URL, "#")
			return e.Title, page
		}
	}
	t.Fatal("no requirement in the search index")
	return "", ""
}
