package specs

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"

	"github.com/ocispec/ocispec/internal/testcorpus"
)

// blockTree writes the block nodes (footnote definitions aside) of a goldmark tree with everything the
// model builder reads from them; inline nodes are left out, and tight
// lists' TextBlocks read as paragraphs (the model does not tell them
// apart).
func blockTree(n ast.Node, src []byte) string {
	var b strings.Builder
	var walk func(n ast.Node, depth int)
	walk = func(n ast.Node, depth int) {
		if n.Type() != ast.TypeBlock && n.Type() != ast.TypeDocument {
			return
		}
		if n.Kind() == east.KindFootnoteList {
			// goldmark's tree holds only referenced definitions, moved
			// to the end; the model test compares footnotes.
			return
		}
		kind := n.Kind().String()
		if kind == "TextBlock" {
			kind = "Paragraph"
		}
		fmt.Fprintf(&b, "%s%s pos=%d", strings.Repeat("  ", depth), kind, n.Pos())
		if l := n.Lines(); l != nil {
			for i := 0; i < l.Len(); i++ {
				s := l.At(i)
				fmt.Fprintf(&b, " [%d,%d)", s.Start, s.Stop)
				if s.Padding != 0 {
					fmt.Fprintf(&b, "pad%d", s.Padding)
				}
			}
		}
		switch n := n.(type) {
		case *ast.Heading:
			fmt.Fprintf(&b, " h%d", n.Level)
		case *ast.List:
			fmt.Fprintf(&b, " marker=%c start=%d", n.Marker, n.Start)
		case *ast.FencedCodeBlock:
			if n.Info != nil {
				fmt.Fprintf(&b, " info=[%d,%d)", n.Info.Segment.Start, n.Info.Segment.Stop)
			}
		case *ast.HTMLBlock:
			fmt.Fprintf(&b, " type=%d closure=%v[%d,%d)", n.HTMLBlockType, n.HasClosure(), n.ClosureLine.Start, n.ClosureLine.Stop)
		case *ast.LinkReferenceDefinition:
			fmt.Fprintf(&b, " label=%q dest=%q title=%q", n.Label, n.Destination, n.Title)
		case *east.Table:
			fmt.Fprintf(&b, " align=%v", n.Alignments)
		}
		b.WriteByte('\n')
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			walk(c, depth+1)
		}
	}
	walk(n, 0)
	return b.String()
}

// diffFirst returns the first differing line of two dumps, with context.
func diffFirst(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return fmt.Sprintf("line %d:\n goldmark: %s\n fast:     %s", i+1, x, y)
		}
	}
	return ""
}

// checkFastBlocks compares the fast block tree of src with goldmark's and
// reports whether the fast parser accepted src.
func checkFastBlocks(t testing.TB, name string, src []byte) bool {
	t.Helper()
	work, _ := prepare(src)
	tree, ok, why := parseBlocksFastWhy(work, lineStarts(work), nil)
	if !ok {
		t.Logf("%s: %s", name, why)
		return false
	}
	want := blockTree(NewParser(Options{}).md.Parser().Parse(text.NewReader(work)), work)
	got := blockTree(tree.doc, work)
	if got != want {
		t.Errorf("%s: fast block tree differs from goldmark's at %s", name, diffFirst(want, got))
	}
	return true
}

// fastCorpus lists the Markdown the fast parser must handle exactly: the
// three OCI specs, and this repository's docs, examples and test data.
func fastCorpus(t testing.TB) []string {
	var files []string
	for _, dir := range testcorpus.OCISpecs(t) {
		files = append(files, testcorpus.Markdown(t, dir)...)
	}
	root := testcorpus.RepoRoot()
	for _, dir := range []string{"docs", "examples", "specs/testdata", "lint/testdata", "meeting-notes/testdata", "render/testdata"} {
		_ = filepath.WalkDir(filepath.Join(root, dir), func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
				files = append(files, p)
			}
			return nil
		})
	}
	return files
}

func TestFastBlocksCorpus(t *testing.T) {
	accepted, total := 0, 0
	var rejected []string
	for _, f := range fastCorpus(t) {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		total++
		if checkFastBlocks(t, f, src) {
			accepted++
		} else {
			rejected = append(rejected, f)
		}
	}
	t.Logf("fast block parser accepted %d of %d files", accepted, total)
	for _, r := range rejected {
		t.Log("rejected:", r)
	}
}

// FuzzFastBlocks checks that whenever the fast block parser accepts a
// document, its tree is goldmark's.
func FuzzFastBlocks(f *testing.F) {
	for _, s := range fastBlockSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkFastBlocks(t, "input", []byte(s))
	})
}

var fastBlockSeeds = []string{
	"# Title\n\nSome text.\nMore text.\n",
	"- a\n- b\n  - c\n    text\n\n  para\n- d\n",
	"1. one\n2. two\n10) ten\n",
	"> quote\n> more\nlazy\n\n> - item\n>   cont\n",
	"Para\n- item\n2. no list\n1. list\n",
	"| a | b |\n|---|:-:|\n| 1 | 2 |\n| 3 |\ntext\n",
	"[a]: /url\n[b]: /u \"t\"\n[c]: /x (p)\ntext\n[d]: /y\n",
	"```go\ncode\n  ```\n~~~\n```\n~~~\n",
	"- item\n\n  ```\n  code\n\n  x\n  ```\n",
	"<!-- c -->\n<div>\nx\n\n<a name=\"x\"></a>\ntext\n",
	"    code\n\n    more\n\ntext\n",
	"***\n- - -\n___\n",
	"## h ##\n#\n###### x #\n####### no\n",
	"text\n---\n",
	"- \n- x\n",
	"* a\n+ b\n- c\n",
	"| x |\n| - |\n\n\\| y\n",
	"Text[^1] and[^2].\n\n[^2]: Two.\n    More.\n\nMiddle <!-- open\n\n[^1]: One <!-- x -->.\n[^3]: Unused.\n",
	"- [x] done\n- [ ] todo *a* **b** `c` <a name=\"n\"></a> www.example.com <https://x.y> ![i](p.png)\n",
}

// BenchmarkFastBlocks measures the fast block parser alone on the OCI
// specs (run with -cpu 1).
func BenchmarkFastBlocks(b *testing.B) {
	_, srcs, total := testcorpus.OCISources(b)
	starts := make([][]int, len(srcs))
	for i, src := range srcs {
		starts[i] = lineStarts(src)
	}
	b.SetBytes(total)
	b.ReportAllocs()
	for b.Loop() {
		for i, src := range srcs {
			parseBlocksFast(src, starts[i], nil)
		}
	}
}
