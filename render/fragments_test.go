package render

import (
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ocispec/ocispec/internal/testcorpus"
	"github.com/ocispec/ocispec/specs"
	"github.com/ocispec/ocispec/workspace"
)

var idRE = regexp.MustCompile(`\s(?:id|name)="([^"]*)"`)

// TestOCIFragmentsResolve builds image-spec, runtime-spec and
// distribution-spec zero-config, as `ocispec build DIR -o OUT` does, and
// checks that every #fragment link that resolves on github.com (an anchor
// of the target document, ignoring case as GitHub does) is written with
// its fragment and reaches an element whose id (or a's name) matches the
// fragment exactly.
func TestOCIFragmentsResolve(t *testing.T) {
	for name, dir := range testcorpus.OCISpecs(t) {
		t.Run(name, func(t *testing.T) {
			checked, folded := checkFragments(t, dir)
			t.Logf("%d fragment links checked, %d only case-insensitively equal to an anchor", checked, folded)
			if checked < 20 {
				t.Errorf("only %d fragment links checked", checked)
			}
		})
	}
}

func checkFragments(t *testing.T, dir string) (checked, folded int) {
	ws, err := workspace.Open("", t.TempDir()) // no ocispec.yaml: zero-config
	if err != nil {
		t.Fatal(err)
	}
	list, opts, _, err := FromWorkspace(ws, ws.Select([]string{dir}, workspace.OneSet))
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	opts.Output = out
	if _, err := Site(list, opts); err != nil {
		t.Fatal(err)
	}
	sp := list[0]
	site := prepareSpecs([]Spec{sp})[0]
	ids := map[string]map[string]bool{}
	pageIDs := func(page string) map[string]bool {
		if ids[page] == nil {
			ids[page] = map[string]bool{}
			for _, m := range idRE.FindAllStringSubmatch(read(t, filepath.Join(out, filepath.FromSlash(page))), -1) {
				ids[page][m[1]] = true
			}
		}
		return ids[page]
	}
	for _, d := range sp.Set.Docs {
		html := read(t, filepath.Join(out, filepath.FromSlash(site.page(d.Path))))
		for _, l := range d.Links {
			c, f := checkFragment(t, site, d, l, html, pageIDs)
			checked += c
			folded += f
		}
	}
	return checked, folded
}

// checkFragment checks one link; it counts (1, 0 or 1) when the link has
// a fragment that resolves on github.com (folded: only ignoring case).
func checkFragment(t *testing.T, site *specSite, d *specs.Document, l *specs.Link, html string, pageIDs func(string) map[string]bool) (checked, folded int) {
	t.Helper()
	set := site.Set
	target, frag, local := set.Resolve(d, l.Destination)
	td := set.Doc(target)
	if !local || frag == "" || td == nil || l.Image {
		return 0, 0
	}
	want := frag
	if f, err := url.PathUnescape(frag); err == nil {
		want = f
	}
	exact, ok := td.AnchorFold(want)
	if !ok {
		return 0, 0 // dangles on github.com too: lint's finding
	}
	if exact != want {
		folded = 1
	}
	href := relPath(filepath.ToSlash(filepath.Dir(site.page(d.Path))), site.page(target)) + "#" + frag
	if target == d.Path {
		href = "#" + frag
	}
	if !strings.Contains(html, `href="`+escapeAttr(href)+`"`) {
		t.Errorf("%s: link %q: no href %q in the page", d.Path, l.Destination, href)
	}
	if !pageIDs(site.page(target))[want] {
		t.Errorf("%s: link %q: %s has no id %q", d.Path, l.Destination, site.page(target), want)
	}
	return 1, folded
}

func escapeAttr(s string) string {
	return strings.NewReplacer("&", "&amp;", "'", "&#39;", `"`, "&#34;").Replace(s)
}
