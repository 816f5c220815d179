package specs

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/ocispec/ocispec/internal/testcorpus"
)

// fiMarkdown is the goldmark configuration of NewParser.
var fiMarkdown = goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote))

// fiDoc is one document parsed by goldmark, with a builder whose refs
// and footnotes are filled from the tree as the fast block parser fills
// them, and the inline blocks to compare.
type fiDoc struct {
	b      *builder
	blocks []fiTestBlock
}

type fiTestBlock struct {
	n    ast.Node
	task bool
}

func fiParse(src []byte) *fiDoc {
	work := src
	if len(work) >= 3 && string(work[:3]) == "\uFEFF" {
		work = blankOut(work, 0, 3)
	}
	if fm := frontMatter(work); fm != nil {
		work = blankOut(work, fm.Span.Start, fm.Span.End)
	}
	root := fiMarkdown.Parser().Parse(text.NewReader(work))
	d := &fiDoc{b: &builder{doc: &Document{Source: src}, src: work, p: NewParser(Options{})}}
	var defs []*ast.LinkReferenceDefinition
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.LinkReferenceDefinition:
			defs = append(defs, n)
		case *east.Footnote:
			if d.b.footnotes == nil {
				d.b.footnotes = map[string]bool{}
			}
			d.b.footnotes[string(n.Ref)] = true
		case *ast.Paragraph, *ast.TextBlock, *ast.Heading, *east.TableCell:
			p := n.Parent()
			_, item := p.(*ast.ListItem)
			d.blocks = append(d.blocks, fiTestBlock{n: n, task: item && p.FirstChild() == n})
		}
		return ast.WalkContinue, nil
	})
	// goldmark registers definitions in source order, first one wins;
	// the tree moves those inside footnotes to the end.
	sort.SliceStable(defs, func(i, j int) bool { return defs[i].Lines().At(0).Start < defs[j].Lines().At(0).Start })
	for _, n := range defs {
		if d.b.refs == nil {
			d.b.refs = map[string]refTarget{}
		}
		key := util.ToLinkReference(n.Label)
		if _, dup := d.b.refs[key]; !dup {
			d.b.refs[key] = refTarget{dest: n.Destination, title: n.Title}
		}
	}
	return d
}

// plainFastStrict is plainFast without its recover, so that tests see
// panics.
func (b *builder) plainFastStrict(lines *text.Segments, task bool) (*plainText, bool) {
	uses := len(b.footnoteUses)
	pt, ok := new(fiParser).run(b, lines, task)
	if !ok {
		b.footnoteUses = b.footnoteUses[:uses]
	}
	return pt, ok
}

// fiSnapshot is a plainText copied out of the scratch buffers.
type fiSnapshot struct {
	Buf       string
	Runs      []run
	Code      [][2]int
	Protected [][2]int
	Links     []fiLinkAt
	Anchors   []htmlAnchor
	Footnotes []string
}

type fiLinkAt struct {
	At   int
	Link Link
}

func fiSnap(pt *plainText, footnotes []string) fiSnapshot {
	s := fiSnapshot{
		Buf: string(pt.buf), Runs: slices.Clone(pt.runs), Code: slices.Clone(pt.code),
		Protected: slices.Clone(pt.protected), Anchors: slices.Clone(pt.anchors), Footnotes: slices.Clone(footnotes),
	}
	if len(footnotes) == 0 {
		s.Footnotes = nil
	}
	for _, l := range pt.links {
		s.Links = append(s.Links, fiLinkAt{At: l.at, Link: *l.link})
	}
	return s
}

// diff describes how got differs from want, or returns "".
func (want fiSnapshot) diff(got fiSnapshot) string {
	var out []string
	if want.Buf != got.Buf {
		out = append(out, fmt.Sprintf("buf\n  want %q\n  got  %q", want.Buf, got.Buf))
	}
	wr := &plainText{runs: want.Runs}
	gr := &plainText{runs: got.Runs}
	for i := 0; i <= len(want.Buf); i++ {
		if w, g := wr.toSource(i), gr.toSource(i); w != g {
			out = append(out, fmt.Sprintf("toSource(%d): want %d, got %d", i, w, g))
			break
		}
	}
	if !reflect.DeepEqual(want.Runs, got.Runs) {
		out = append(out, fmt.Sprintf("runs\n  want %v\n  got  %v", want.Runs, got.Runs))
	}
	for _, f := range []struct {
		name      string
		want, got any
	}{
		{"code", want.Code, got.Code},
		{"protected", want.Protected, got.Protected},
		{"links", want.Links, got.Links},
		{"anchors", want.Anchors, got.Anchors},
		{"footnotes", want.Footnotes, got.Footnotes},
	} {
		if !reflect.DeepEqual(f.want, f.got) {
			out = append(out, fmt.Sprintf("%s\n  want %+v\n  got  %+v", f.name, f.want, f.got))
		}
	}
	return strings.Join(out, "\n")
}

// fiExpected is what goldmark's tree says for a block: b.plain and the
// footnote references in it.
func (d *fiDoc) expected(n ast.Node) fiSnapshot {
	pt := d.b.plain(n)
	var labels []string
	index := map[int]string{}
	_ = ast.Walk(n.OwnerDocument(), func(x ast.Node, entering bool) (ast.WalkStatus, error) {
		if f, ok := x.(*east.Footnote); ok && entering {
			index[f.Index] = string(f.Ref)
		}
		return ast.WalkContinue, nil
	})
	_ = ast.Walk(n, func(x ast.Node, entering bool) (ast.WalkStatus, error) {
		if f, ok := x.(*east.FootnoteLink); ok && entering {
			labels = append(labels, index[f.Index])
		}
		return ast.WalkContinue, nil
	})
	return fiSnap(pt, labels)
}

// fiResult counts the blocks of a comparison.
type fiResult struct {
	blocks, fallbacks, unparsed int
	mismatches                  []string
}

// compare runs both paths on every inline block of src.
func fiCompare(src []byte) fiResult {
	var r fiResult
	d := fiParse(src)
	for _, blk := range d.blocks {
		r.blocks++
		lines := blk.n.Lines()
		if _, cell := blk.n.(*east.TableCell); !cell && (lines == nil || lines.Len() == 0) {
			continue
		}
		if fiInlineCount(blk.n) == 0 && lines != nil && lines.Len() > 0 && len(bytes.TrimSpace(fiBlockSource(d.b.src, lines))) > 0 {
			// goldmark never parsed this block's inlines: nested
			// footnote definitions ("[^0]:[^1]: x") leave blocks its
			// inline walk does not reach (the footnote transformer may
			// still add a backlink).
			r.unparsed++
			continue
		}
		want := d.expected(blk.n)
		d.b.footnoteUses = d.b.footnoteUses[:0]
		pt, ok := d.b.plainFastStrict(lines, blk.task)
		if !ok {
			r.fallbacks++
			if len(d.b.footnoteUses) != 0 {
				r.mismatches = append(r.mismatches, "fallback left footnote uses behind")
			}
			continue
		}
		got := fiSnap(pt, d.b.footnoteUses)
		if msg := want.diff(got); msg != "" {
			r.mismatches = append(r.mismatches, fmt.Sprintf("%s block %q:\n%s", blk.n.Kind(), fiBlockSource(d.b.src, lines), msg))
		}
	}
	return r
}

func fiBlockSource(src []byte, lines *text.Segments) []byte {
	var out []byte
	for i := 0; lines != nil && i < lines.Len(); i++ {
		seg := lines.At(i)
		out = append(out, seg.Value(src)...)
	}
	return out
}

// fiCorpus lists Markdown files under dir, recursively.
func fiCorpus(t testing.TB, dir string) []string {
	var files []string
	_ = filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() && strings.HasSuffix(path, ".md") {
			files = append(files, path)
		}
		return nil
	})
	sort.Strings(files)
	return files
}

func goldmarkDir(t testing.TB) string {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/yuin/goldmark").Output()
	if err != nil || len(strings.TrimSpace(string(out))) == 0 {
		t.Skipf("goldmark module dir: %v", err)
	}
	return strings.TrimSpace(string(out))
}

// goldmarkExamples returns the Markdown of goldmark's CommonMark and
// extension test cases: hard inline constructs by the hundred.
func goldmarkExamples(t testing.TB) []string {
	dir := goldmarkDir(t)
	var out []string
	raw, err := os.ReadFile(filepath.Join(dir, "_test", "spec.json"))
	if err == nil {
		var cases []struct{ Markdown string }
		if json.Unmarshal(raw, &cases) == nil {
			for _, c := range cases {
				out = append(out, c.Markdown)
			}
		}
	}
	txts, _ := filepath.Glob(filepath.Join(dir, "extension", "_test", "*.txt"))
	txts = append(txts, filepath.Join(dir, "_test", "extra.txt"))
	for _, f := range txts {
		raw, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		for _, c := range strings.Split(string(raw), "//= = = = = = = = = = = = = = = = = = = = = = = =//") {
			parts := strings.Split(c, "//- - - - - - - - -//\n")
			if len(parts) >= 3 {
				out = append(out, parts[1])
			}
		}
	}
	return out
}

// TestPlainFastCorpus compares the fast inline path with goldmark on every
// inline block of the OCI specs and of the repository's own Markdown. The
// OCI specs must go through the fast path entirely.
func TestPlainFastCorpus(t *testing.T) {
	root := testcorpus.RepoRoot()
	sets := map[string][]string{
		"image-spec":   fiCorpus(t, testcorpus.ModuleDir(t, testcorpus.ImageSpec)),
		"runtime-spec": fiCorpus(t, testcorpus.ModuleDir(t, testcorpus.RuntimeSpec)),
	}
	if d := filepath.Join(root, "..", "shared", "corpus", "distribution-spec"); fiExists(d) {
		sets["distribution-spec"] = fiCorpus(t, d)
	} else {
		t.Logf("distribution-spec corpus absent (%s): skipped", d)
	}
	for _, dir := range []string{"docs", "examples", "specs/testdata", "lint/testdata"} {
		sets["repo"] = append(sets["repo"], fiCorpus(t, filepath.Join(root, dir))...)
	}
	if d := filepath.Join(root, "..", "shared", "corpus"); fiExists(d) {
		for _, f := range fiCorpus(t, d) {
			if !strings.Contains(f, "distribution-spec") {
				sets["shared"] = append(sets["shared"], f)
			}
		}
	}
	names := make([]string, 0, len(sets))
	for name := range sets {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		var total fiResult
		for _, f := range sets[name] {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := Parse(f, src, Options{}); err != nil {
				continue // rejected documents never reach the inline path
			}
			r := fiCompare(src)
			total.blocks += r.blocks
			total.fallbacks += r.fallbacks
			for _, m := range r.mismatches {
				if len(total.mismatches) < 5 {
					t.Errorf("%s: %s", f, m)
				}
				total.mismatches = append(total.mismatches, m)
			}
		}
		t.Logf("%s: %d files, %d inline blocks, %d fell back, %d mismatches", name, len(sets[name]), total.blocks, total.fallbacks, len(total.mismatches))
		if oci := name != "repo" && name != "shared"; oci && total.fallbacks != 0 {
			t.Errorf("%s: %d blocks fell back to goldmark; the OCI specs must take the fast path", name, total.fallbacks)
		}
	}
}

func fiExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// TestPlainFastGoldmarkExamples compares the two paths on goldmark's own
// test cases (the CommonMark spec examples and the extensions').
func TestPlainFastGoldmarkExamples(t *testing.T) {
	var total fiResult
	examples := goldmarkExamples(t)
	for i, md := range examples {
		r := fiCompare([]byte(md))
		total.blocks += r.blocks
		total.fallbacks += r.fallbacks
		for _, m := range r.mismatches {
			t.Errorf("example %d %q:\n%s", i, md, m)
		}
	}
	t.Logf("%d examples, %d inline blocks, %d fell back", len(examples), total.blocks, total.fallbacks)
}

// fiCases are hard constructs, one document each; the fast path must
// agree with goldmark on every one. fallback marks the few it may leave
// to goldmark.
var fiCases = []struct {
	name, md string
	fallback bool
}{
	{"plain", "Hello world.\nSecond line.", false},
	{"spaces", "a  b\t\tc   \nd", false},
	{"hard breaks", "foo  \nbar\\\nbaz \\\\\nqux\\\\\\\nend", false},
	{"crlf", "foo  \r\nbar\\\r\nbaz\r\nqux", false},
	{"code", "a `b` c ``d ` e`` f ` g ` h `` i", false},
	{"code multiline", "a `b\nc` d `\ne\n` f", false},
	{"code unclosed", "a ``b` c ```", false},
	{"code blank", "a ` ` b `  ` c", false},
	{"emphasis", "*a* _b_ **c** __d__ ***e*** *f **g** h*", false},
	{"emphasis flanking", "a*b*c a_b_c _a_b 5*6*7 * a * \"*a*\"", false},
	{"rule of 3", "*foo**bar**baz* *foo**bar* **foo*bar*baz**", false},
	{"unmatched", "*a **b _c __d ~e", false},
	{"strikethrough", "~a~ ~~b~~ ~~~c~~~ ~d~~ a~b~c", false},
	{"inline link", "[a](b) [c](<d e> \"t\") [f]( g 'h' ) [i](j(k)l) [m](n\\)o)", false},
	{"link title paren", "[a](b (t)) [c](d (e(f)))", false},
	{"link multiline", "[a\nb](c\n\"d\ne\")", false},
	{"empty link", "[a]() [](b) [<>]()", false},
	{"image", "![alt *x*](img.png \"t\") and ![b][ref] ![c]", false},
	{"nested links", "[a [b](c) d](e) [[f](g)](h)", false},
	{"link in image", "![a [b](c)](d)", false},
	{"refs", "[full][Ref] [collapsed][] [ref] [Ref ] [missing][x] [x][] [ref][]\n\n[ref]: /url \"T\"\n[collapsed]: <a b>", false},
	{"ref label newline", "[foo\nbar] [a][foo\n bar]\n\n[foo bar]: /x", false},
	{"ref case fold", "[ẞ] [Straße]\n\n[SS]: /ss", false},
	{"brackets", "[a] [b [c] d] ] [ x [y](z)", false},
	{"autolinks", "<http://a.b/c> <mailto:x@y.z> <x@y.z> <a:b> <x@y.z/> <http://a b>", false},
	{"linkify", "see www.example.com, http://a.bc/d?e. ftp://f.gh/i) (https://j.kl/m) x@y.zz. https://a.bc/&amp; www.a.bc/x&y;", false},
	{"linkify in link", "[www.example.com](x) [see http://a.bc]", false},
	{"linkify after inline", "`a`www.example.com *b*http://c.de", false},
	{"linkify email edge", "a.b@c-d.e_ x@y.z- mail a@b.c.", false},
	{"escapes", "\\*a\\* \\[b\\] \\` \\\\ \\a \\\n", false},
	{"entities", "&amp; &copy; &#35; &lt;tag&gt; AT&T", false},
	{"raw html", "a <span id=\"x\">b</span> <a name='y'/> <!-- c --> <?d?> <!X e> <![CDATA[f]]> <br/>", false},
	{"raw html multiline", "a <a\nhref=\"x\"\nid=y>b</a> <!-- c\nd --> e", false},
	{"raw html bad", "a <a b=> <a \"x\"> <3 </a > < a>", false},
	{"footnotes", "a[^1] b[^2] c![^1] d[^nope] e[^]\n\n[^1]: one\n[^2]: two", false},
	{"footnote odd", "!x^1] [^1\n\n[^1]: one", false},
	{"task", "- [ ] a\n- [x] b\n- [X]c\n- [y] d\n-  [ ]\n  e", false},
	{"task not first", "- a\n\n  [ ] b", false},
	{"table", "| a | `b \\| c` | d \\| e |\n| - | - | - |\n| *f* | [g](h) | `i\\|j` |", false},
	{"table bare", "a | b\n--|--\n`c\\|d` | e", false},
	{"heading", "# Head *a* `b` [c](d)\n\nText\n===\n\n## Tail ##", false},
	{"quote", "> a *b\n> c* `d\n> e` [f\n> g](h)", false},
	{"list", "- a *b\n  c* <a\n  href=x>\n- d", false},
	{"long label", "[" + strings.Repeat("a", 1000) + "](x) [" + strings.Repeat("b ", 600) + "[c](d)]", false},
	{"unicode flanking", "*ü*ß «*a*» *—*a", false},
	{"links and emphasis", "*[a*](b) [*c](d)* **[e](f)** [g *h](i) j*", false},
	{"pipe in paragraph", "`a \\| b`", true},
}

func TestPlainFastCases(t *testing.T) {
	for _, c := range fiCases {
		t.Run(c.name, func(t *testing.T) {
			r := fiCompare([]byte(c.md))
			for _, m := range r.mismatches {
				t.Error(m)
			}
			if r.fallbacks != 0 && !c.fallback {
				t.Errorf("%d blocks fell back", r.fallbacks)
			}
		})
	}
}

// FuzzPlainFast compares the two paths on random Markdown wherever the
// fast path accepts a block.
func FuzzPlainFast(f *testing.F) {
	for _, c := range fiCases {
		f.Add([]byte(c.md))
	}
	if out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/yuin/goldmark").Output(); err == nil && len(out) > 1 {
		for _, md := range goldmarkExamples(f) {
			f.Add([]byte(md))
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if d := (&Document{Path: "f.md", Source: src}); d.check() != nil {
			return
		}
		for _, m := range fiCompare(src).mismatches {
			t.Error(m)
		}
	})
}

// fiBlocks collects the inline blocks of the OCI specs for the benchmarks.
func fiBenchBlocks(b *testing.B) (docs []*fiDoc, size int64) {
	_, srcs, _ := testcorpus.OCISources(b)
	for _, src := range srcs {
		d := fiParse(src)
		for _, blk := range d.blocks {
			size += int64(fiLinesLen(blk.n.Lines()))
		}
		docs = append(docs, d)
	}
	return docs, size
}

func fiLinesLen(l *text.Segments) int {
	n := 0
	for i := 0; l != nil && i < l.Len(); i++ {
		seg := l.At(i)
		n += seg.Len()
	}
	return n
}

// BenchmarkPlainFast flattens every inline block of the OCI specs with
// the fast path; bytes are the blocks' source bytes.
func BenchmarkPlainFast(b *testing.B) {
	docs, size := fiBenchBlocks(b)
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			for _, blk := range d.blocks {
				d.b.footnoteUses = d.b.footnoteUses[:0]
				if _, ok := d.b.plainFast(blk.n.Lines(), blk.task); !ok {
					b.Fatal("fallback")
				}
			}
		}
	}
}

// BenchmarkPlainGoldmark is the path the fast one replaces: goldmark's
// inline parse of the same blocks plus b.plain. goldmark parses inlines
// only as part of a whole document, so this parses the documents and
// subtracts nothing: it is an upper bound, with block parsing included;
// BenchmarkPlainGoldmarkBlocksOnly measures that part alone.
func BenchmarkPlainGoldmark(b *testing.B) {
	docs, size := fiBenchBlocks(b)
	srcs := make([][]byte, len(docs))
	for i, d := range docs {
		srcs[i] = d.b.src
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for i, src := range srcs {
			root := fiMarkdown.Parser().Parse(text.NewReader(src))
			bl := &builder{src: src}
			_ = docs[i]
			_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
				switch n.(type) {
				case *ast.Paragraph, *ast.TextBlock, *ast.Heading, *east.TableCell:
					if entering {
						bl.plain(n)
					}
					return ast.WalkSkipChildren, nil
				}
				return ast.WalkContinue, nil
			})
		}
	}
}

// BenchmarkPlainGoldmarkBlocksOnly parses the same documents with
// goldmark's block parsers only (no inline parsers), to isolate the cost
// of its inline parsing by difference.
func BenchmarkPlainGoldmarkBlocksOnly(b *testing.B) {
	docs, size := fiBenchBlocks(b)
	p := fiBlockOnlyParser()
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			p.Parse(text.NewReader(d.b.src))
		}
	}
}

// fiBlockOnlyParser is goldmark with NewParser's block parsers and
// paragraph transformers but no inline parser.
func fiBlockOnlyParser() parser.Parser {
	return parser.NewParser(
		parser.WithBlockParsers(append(parser.DefaultBlockParsers(), util.Prioritized(extension.NewFootnoteBlockParser(), 999))...),
		parser.WithParagraphTransformers(append(parser.DefaultParagraphTransformers(), util.Prioritized(extension.NewTableParagraphTransformer(), 200))...),
	)
}

// BenchmarkPlainFlatten is b.plain alone over goldmark's finished inline
// trees: the flattening that both paths share, a floor for the fast path.
func BenchmarkPlainFlatten(b *testing.B) {
	docs, size := fiBenchBlocks(b)
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			for _, blk := range d.blocks {
				d.b.plain(blk.n)
			}
		}
	}
}

// fiInlineCount counts a block's children other than the footnote
// backlinks goldmark's footnote transformer appends.
func fiInlineCount(n ast.Node) int {
	k := 0
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if _, ok := c.(*east.FootnoteBacklink); !ok {
			k++
		}
	}
	return k
}

// TestVerbatimPrefix checks the eight-bytes-at-a-time scan of appendSrc
// against the byte-at-a-time one on long random text over the bytes it
// treats specially: spaces, tabs, CR, LF, other control characters,
// neighbours of ' ' and '!' and bytes of 0x80 and above.
func TestVerbatimPrefix(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	alphabet := []byte("ab  \t\n\r\x00\x01\x1f\x1e!\"\x7f\x80\xa0\xff")
	for range 50000 {
		src := make([]byte, r.IntN(40))
		for i := range src {
			if r.IntN(3) == 0 {
				src[i] = alphabet[r.IntN(len(alphabet))]
			} else {
				src[i] = 'a' + byte(r.IntN(26))
			}
		}
		for _, after := range []bool{false, true} {
			if got, want := verbatimPrefix(src, after), verbatimBytes(src, after); got != want {
				t.Fatalf("verbatimPrefix(%q, %v) = %d, want %d", src, after, got, want)
			}
		}
	}
}

// TestAnchorAttrs compares fiAnchorAttrs with the regexp it stands for on
// random tags made of the tokens that matter to it.
func TestAnchorAttrs(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	matches := 0
	tokens := []string{"<", "<a", "<A", "<h2", "<x1", "</a", ">", " ", "\t", "\n", "\f", "\v", "=", " = ", "name", "NaMe", "id", "ID", "xid", "_id", "-id",
		"name=", "id=", "\"", "'", "\"v\"", "'w'", "v", "/", "é", "ſ", "\u212a", "<ſ", "<a\u212a", "_", "-", "x", "1"}
	check := func(raw []byte) {
		t.Helper()
		got, ok := fiAnchorAttrs(raw, nil)
		if !ok {
			return
		}
		var want [][4]int
		for _, m := range anchorAttr.FindAllSubmatchIndex(raw, -1) {
			w := [4]int{m[0], m[1], -1, -1}
			for g := 3; g <= 5; g++ {
				if m[2*g] >= 0 {
					w[2], w[3] = m[2*g], m[2*g+1]
				}
			}
			want = append(want, w)
		}
		matches += len(want)
		if !slices.Equal(got, want) {
			t.Fatalf("fiAnchorAttrs(%q) = %v, want %v", raw, got, want)
		}
		if len(want) > 0 && !fiMayHaveAnchor(raw) {
			t.Fatalf("fiMayHaveAnchor(%q) = false, but anchorAttr matches", raw)
		}
	}
	for _, s := range []string{`<a name="x">`, `<a id='y' name=z>`, `<a href="#x" id=q/>`, `<A NAME = "u"><b id=>`, `<a name="unclosed id=v>`} {
		check([]byte(s))
	}
	for range 200000 {
		var b []byte
		if r.IntN(2) == 0 {
			b = append(b, "<a "...)
		}
		for k := r.IntN(12); k >= 0; k-- {
			b = append(b, tokens[r.IntN(len(tokens))]...)
		}
		check(b)
	}
	if matches < 10000 {
		t.Errorf("only %d matches: the test tests little", matches)
	}
}

// TestURLSpace checks fiURLSpace, which the inline loop's scan calls at
// each ':' and '.', against the test of fiClass's scan at each space:
// whether a URL start follows it.
func TestURLSpace(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	tokens := []string{" ", "http", "https", "ftp", "www", "ww", "w", ":", ".", "h", "p", "s", "x", ":/", "tp"}
	for range 100000 {
		var ln []byte
		for k := r.IntN(8); k >= 0; k-- {
			ln = append(ln, tokens[r.IntN(len(tokens))]...)
		}
		i := r.IntN(len(ln) + 1)
		for j := i; j < len(ln); j++ {
			if ln[j] != ':' && ln[j] != '.' {
				continue
			}
			want := -1
			for s := i; s < j; s++ {
				if ln[s] == ' ' && fiURLPrefix(ln[s+1:]) && s+1+bytes.IndexAny(ln[s+1:], ":.") == j {
					want = s
				}
			}
			if got := fiURLSpace(ln, i, j); got != want {
				t.Fatalf("fiURLSpace(%q, %d, %d) = %d, want %d", ln, i, j, got, want)
			}
		}
	}
}
