package lint

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ocispec/ocispec/specs"
)

func TestBrokenLink(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"a.md": `# Alpha

## Section Two

<a name="explicit"></a>
See [two](#section-two), [explicit](#explicit), [case](#Section-Two) and [none](#nowhere).
See [b](b.md), [b heading](b.md#beta-heading), [b bad](b.md#gamma) and [missing](missing.md).
See [image](img.png), [outside](../outside.md#x), [web](https://example.com/#x) and [mail](mailto:a@b.c).
See [dir](sub) and [encoded](b%20c.md).
See [used][u], [undefined][nope], [collapsed][] and ` + "`[code][nope]`" + `.

[u]: https://example.com/u
[unused]: https://example.com/unused
[u]: https://example.com/again
`,
		"b.md":      "# Beta Heading\n",
		"b c.md":    "# Spaced\n",
		"img.png":   "",
		"sub/x.txt": "",
		"notset.md": "# Not In Set\n",
		"c.md":      "See [not in set](notset.md#not-in-set) and [bad](notset.md#nope).\n",
	}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	set, err := specs.Load(dir, []string{"a.md", "b.md", "b c.md", "c.md"}, specs.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	fs, err := Run(set, Config{Only: []string{"broken-link"}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range fs {
		got = append(got, f.Message)
		if f.Severity != Error || f.Line == 0 {
			t.Errorf("finding not located or without severity: %+v", f)
		}
	}
	want := []string{
		`link to "#Section-Two": anchor #Section-Two in this document differs only in case from #section-two`,
		`link to "#nowhere": no anchor #nowhere in this document`,
		`link to "b.md#gamma": no anchor #gamma in b.md`,
		`link to "missing.md": file missing.md does not exist`,
		`link to "../outside.md#x": file ../outside.md does not exist`,
		`reference [nope] is not defined`,
		`reference [collapsed] is not defined`,
		`reference [unused] is defined but never used`,
		`reference [u] is defined again (first at line 12); the first definition wins`,
		`link to "notset.md#nope": no anchor #nope in notset.md`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
