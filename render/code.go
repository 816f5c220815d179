package render

import (
	"bytes"
	"html"
	"strings"

	"github.com/alecthomas/chroma/v2"
	chtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// code highlights fenced and indented code with chroma, as CSS classes so
// that one stylesheet serves the light and the dark scheme.
func (o *overrides) code(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	var text bytes.Buffer
	for i := range n.Lines().Len() {
		s := n.Lines().At(i)
		text.Write(s.Value(src))
	}
	lang := ""
	if f, ok := n.(*ast.FencedCodeBlock); ok {
		lang = string(f.Language(src))
	}
	_, _ = w.Write(highlight(o.b.lexer(lang), lang, text.String()))
	return ast.WalkSkipChildren, nil
}

// lexer finds the chroma lexer of a fence's language by name or alias,
// as GitHub does, once per build. chroma's own lookup falls back to
// matching the file-name patterns of every lexer, which for an unknown
// language ("console", "text") costs more than rendering the page.
func (b *Builder) lexer(lang string) chroma.Lexer {
	if lang == "" {
		return nil
	}
	key := strings.ToLower(lang)
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.lexers == nil {
		b.lexers = map[string]chroma.Lexer{}
		for _, l := range lexers.GlobalLexerRegistry.Lexers {
			cfg := l.Config()
			for _, name := range append([]string{cfg.Name}, cfg.Aliases...) {
				if k := strings.ToLower(name); b.lexers[k] == nil {
					b.lexers[k] = l
				}
			}
		}
	}
	return b.lexers[key]
}

func highlight(lexer chroma.Lexer, lang, code string) []byte {
	plain := func() []byte {
		cls := ""
		if lang != "" {
			cls = ` class="language-` + html.EscapeString(lang) + `"`
		}
		return []byte(`<pre><code` + cls + `>` + html.EscapeString(code) + "</code></pre>\n")
	}
	if lexer == nil {
		return plain()
	}
	it, err := chroma.Coalesce(lexer).Tokenise(nil, code)
	if err != nil {
		return plain()
	}
	var out bytes.Buffer
	if err := chtml.New(chtml.WithClasses(true)).Format(&out, styles.Get("github"), it); err != nil {
		return plain()
	}
	out.WriteByte('\n')
	return out.Bytes()
}

// chromaCSS is the stylesheet of highlighted code: GitHub's light colours,
// and its dark ones when the reader prefers a dark scheme.
func chromaCSS() ([]byte, error) {
	var buf bytes.Buffer
	f := chtml.New(chtml.WithClasses(true))
	if err := f.WriteCSS(&buf, styles.Get("github")); err != nil {
		return nil, err
	}
	buf.WriteString("@media (prefers-color-scheme: dark) {\n")
	var dark bytes.Buffer
	if err := f.WriteCSS(&dark, styles.Get("github-dark")); err != nil {
		return nil, err
	}
	buf.WriteString(strings.ReplaceAll(dark.String(), "\n", "\n  "))
	buf.WriteString("\n}\n")
	return buf.Bytes(), nil
}
