package reqs

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ocispec/ocispec/internal/golden"
	"github.com/ocispec/ocispec/specs"
)

// Covers: extraction-93f812, extraction-1417f0, extraction-4d8852, extraction-f56ad3, extraction-e81c92
func TestScanKeywords(t *testing.T) {
	tests := []struct {
		name string
		text string
		code [][2]int
		want []string // normative keywords; a leading "-" marks a non-normative hit
	}{
		{"single", "A registry MUST respond.", nil, []string{"MUST"}},
		{"two in one sentence", "clients SHOULD follow such redirects, and MUST NOT forward `Authorization` headers", [][2]int{{63, 78}}, []string{"SHOULD", "MUST NOT"}},
		{"longest match", "This is NOT RECOMMENDED and SHALL NOT happen; SHOULD NOT either.", nil, []string{"NOT RECOMMENDED", "SHALL NOT", "SHOULD NOT"}},
		{"all simple", "MUST REQUIRED SHALL SHOULD RECOMMENDED MAY OPTIONAL", nil, []string{"MUST", "REQUIRED", "SHALL", "SHOULD", "RECOMMENDED", "MAY", "OPTIONAL"}},
		{"lower case is not BCP 14", "a registry must respond and may not fail", nil, nil},
		{"mixed case", "Must Should May", nil, nil},
		{"whole words only", "MUSTER MAYBE OPTIONALLY NOTMUST _MUST MUST_", nil, nil},
		{"slashes separate", "Runtimes MUST/SHOULD implement", nil, []string{"MUST", "SHOULD"}},
		{"a list of three is a mention", "Runtimes MUST/SHOULD/MAY implement", nil, []string{"-MUST", "-SHOULD", "-MAY"}},
		{"keywords listed as words", "It satisfies all the MUST, REQUIRED, and SHALL requirements.", nil, []string{"-MUST", "-REQUIRED", "-SHALL"}},
		{"two keywords before requirements", "the MUST and SHOULD requirements", nil, []string{"-MUST", "-SHOULD"}},
		{"two keywords in use", "Registries MUST or SHOULD answer.", nil, []string{"MUST", "SHOULD"}},
		{"NOT alone", "NOT is not a keyword", nil, nil},
		{"MAY NOT is one keyword", "Containers MAY NOT access", nil, []string{"MAY NOT"}},
		{"code span", "Use `MUST` or MUST.", [][2]int{{4, 10}}, []string{"-MUST", "MUST"}},
		{"quoted", `The "MUST" options and 'MAY' and “SHOULD” are words; "MUST NOT" too.`, nil, []string{"-MUST", "-MAY", "-SHOULD", "-MUST NOT"}},
		{"half quoted is used", `He said "clients MUST" respond`, nil, []string{"MUST"}},
		{"punctuation around", "(OPTIONAL) — MUST, SHOULD.", nil, []string{"OPTIONAL", "MUST", "SHOULD"}},
		{"keyword at end", "is REQUIRED", nil, []string{"REQUIRED"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, h := range scanKeywords(tt.text, tt.code) {
				if tt.text[h.Start:h.End] != h.Keyword {
					t.Errorf("hit %q at [%d,%d) reads %q", h.Keyword, h.Start, h.End, tt.text[h.Start:h.End])
				}
				if h.Level != keywordLevels[h.Keyword] {
					t.Errorf("%s: level %s", h.Keyword, h.Level)
				}
				k := h.Keyword
				if !h.Normative {
					k = "-" + k
				}
				got = append(got, k)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("scanKeywords(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestKeywordLevel(t *testing.T) {
	want := map[string]Level{
		"MUST": LevelMust, "REQUIRED": LevelMust, "SHALL": LevelMust,
		"MUST NOT": LevelMustNot, "SHALL NOT": LevelMustNot,
		"SHOULD": LevelShould, "RECOMMENDED": LevelShould,
		"SHOULD NOT": LevelShouldNot, "NOT RECOMMENDED": LevelShouldNot,
		"MAY": LevelMay, "OPTIONAL": LevelMay,
	}
	for kw, l := range want {
		if got, ok := KeywordLevel(kw); !ok || got != l {
			t.Errorf("KeywordLevel(%q) = %q, %v; want %q", kw, got, ok, l)
		}
	}
	if _, ok := KeywordLevel("must"); ok {
		t.Error("lower-case keyword accepted")
	}
}

func TestNormalizeText(t *testing.T) {
	tests := []struct{ a, b string }{
		{"A registry MUST respond.", "A  registry  SHOULD   respond"},
		{"Use the `Content-Type` header.", "use the Content-Type header"},
		{"See RFC5988 for links.", "See RFC 5988 for links."},
		{"See RFC 9110 (section 14) for ranges.", "See RFC 9110 for ranges."},
		{"“Quoted” text MAY differ.", `"quoted" text MAY differ:`},
		{"Implementers note: Clients MUST retry.", "Clients MUST retry."},
	}
	for _, tt := range tests {
		na := normalizeText(tt.a, scanKeywords(tt.a, nil))
		nb := normalizeText(tt.b, scanKeywords(tt.b, nil))
		if na != nb {
			t.Errorf("normalizeText(%q) = %q, normalizeText(%q) = %q; want equal", tt.a, na, tt.b, nb)
		}
	}
	for _, pair := range [][2]string{
		{"A registry MUST respond.", "A client MUST respond."},
		{"The tags MUST be in lexical order.", "The tags MUST be in lexical or ASCII order."},
		{"Clients MUST send: a token.", "Clients MUST send: a digest."},
	} {
		if normalizeText(pair[0], scanKeywords(pair[0], nil)) == normalizeText(pair[1], scanKeywords(pair[1], nil)) {
			t.Errorf("%q and %q normalize equal", pair[0], pair[1])
		}
	}
}

// Covers: extraction-e81c92
func TestIsBoilerplate(t *testing.T) {
	yes := []string{
		`The key words "MUST", "MUST NOT", "REQUIRED", "SHALL", "SHALL NOT", "SHOULD", "SHOULD NOT", "RECOMMENDED", "NOT RECOMMENDED", "MAY", and "OPTIONAL" are to be interpreted as described in RFC 2119.`,
		`The key words "MUST", "MUST NOT", "REQUIRED", "SHALL", "SHALL NOT", "SHOULD", "SHOULD NOT", "RECOMMENDED", "NOT RECOMMENDED", "MAY", and "OPTIONAL" in this document are to be interpreted as described in BCP 14 [RFC2119] [RFC8174] when, and only when, they appear in all capitals, as shown here.`,
	}
	no := []string{
		"A registry MUST respond.",
		"Key words are interpreted by humans.",
	}
	for _, s := range yes {
		if !isBoilerplate(s) {
			t.Errorf("not boilerplate: %q", s)
		}
	}
	for _, s := range no {
		if isBoilerplate(s) {
			t.Errorf("boilerplate: %q", s)
		}
	}
}

// TestClauseFields checks actor, role and conditional per keyword clause.
//
// Covers: clauses-4e9854
func TestClauseFields(t *testing.T) {
	tests := []struct {
		name, md string
		want     []string // per requirement: "actor|role|conditional"
	}{
		{"subject", "A registry MUST answer.", []string{"registry|registry|"}},
		{"head before preposition", "A GET request to an existing manifest URL MUST return it.", []string{"request|content|"}},
		{"gerund subject", "Voting on a proposed motion SHOULD happen on the list.", []string{"Voting|process|"}},
		{"participle phrase", "A registry claiming conformance MUST implement all APIs.", []string{"registry|registry|"}},
		{"coordinated roles", "A client or runtime MAY ignore it.", []string{"runtime|implementation|"}},
		{"two roles", "Clients and registries MUST agree.", []string{"registries|implementation|"}},
		{"clause conditional", "Runtimes MAY consider it invalid, and MUST generate an error if this is the case.", []string{"Runtimes|runtime|", "Runtimes|runtime|if"}},
		{"sentence conditional", "If it is set, the registry MUST use it and clients MAY ignore it.", []string{"registry|registry|if", "clients|client|if"}},
		{"second subject", "Registries MAY redirect; clients SHOULD follow such redirects.", []string{"Registries|registry|", "clients|client|"}},
		{"passive with agent", "It SHOULD NOT be assembled by clients.", []string{"It|client|"}},
		{"passive names roles", "If manifests match a client or runtime's needs, the first entry SHOULD be used.", []string{"entry|implementation|if"}},
		{"passive in a section", "# Registry behaviour\n\nThe request MUST be rejected.", []string{"request|registry|"}},
		{"subjectless", "- **`mediaType`** *string*\n\n  MUST be set to `layers`.", []string{"|content|"}},
		{"attributive", "This OPTIONAL property names a type.", []string{"property|content|"}},
		{"relative clause", "This indicates that the client MAY proceed.", []string{"client|client|"}},
		{"may not", "Containers MAY NOT access other devices.", []string{"Containers|runtime|"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := Extract(parseSet(t, "x.md", strings.ReplaceAll(tt.md, "\\n", "\n")))
			var got []string
			for _, r := range g.Requirements {
				got = append(got, r.Actor+"|"+string(r.Role)+"|"+r.Conditional)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestConditional(t *testing.T) {
	tests := map[string]string{
		"If the blob is unknown, the registry MUST answer 404.": "if",
		"When used, this field MUST be set.":                    "when",
		"Clients MUST NOT forward it unless configured.":        "unless",
		"Whenever it runs, it MUST log.":                        "when",
		"The registry MUST answer.":                             "",
		"Modifiers MUST be sent.":                               "",
	}
	for s, want := range tests {
		if got := conditional(s); got != want {
			t.Errorf("conditional(%q) = %q, want %q", s, got, want)
		}
	}
}

// parseSet parses named sources into a set.
func parseSet(t testing.TB, files ...string) *specs.Set {
	t.Helper()
	var docs []*specs.Document
	for i := 0; i+1 < len(files); i += 2 {
		d, err := specs.Parse(files[i], []byte(files[i+1]), specs.Options{})
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	return specs.NewSet(".", docs...)
}

func loadFixture(t testing.TB, name string) *Graph {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("testdata", "reqs", name))
	if err != nil {
		t.Fatal(err)
	}
	// All versions are named alike, as when diffing two checkouts.
	return Extract(parseSet(t, "widgets.md", string(src)))
}

// Covers: requirements.md#requirement-properties
func TestExtractFixture(t *testing.T) {
	g := loadFixture(t, "v1.md")
	type row struct {
		Keyword, Level, Actor, Role, Property, Cond, Section string
		Line                                                 int
	}
	want := []row{
		{"MUST", "MUST", "depot", "content", "", "", "fetching-widgets", 9},
		{"SHOULD", "SHOULD", "Fetchers", "content", "", "", "fetching-widgets", 10},
		{"MAY", "MAY", "depots", "content", "", "", "fetching-widgets", 10},
		{"MUST", "MUST", "depot", "content", "", "if", "fetching-widgets", 11},
		{"MAY", "MAY", "Fetchers", "content", "", "", "fetching-widgets", 12},
		{"SHOULD", "SHOULD", "depot", "content", "", "", "fetching-widgets", 15},
		{"MUST", "MUST", "storer", "content", "", "", "storing-widgets", 19},
		{"SHOULD", "SHOULD", "depot", "content", "", "", "storing-widgets", 20},
		{"MAY", "MAY", "Depots", "content", "", "", "storing-widgets", 21},
		{"REQUIRED", "MUST", "property", "content", "name", "", "widget-properties", 27},
		{"MUST", "MUST", "It", "content", "name", "", "widget-properties", 28},
		{"OPTIONAL", "MAY", "property", "content", "labels", "", "widget-properties", 32},
		{"MUST", "MUST", "Keys", "content", "labels.key", "", "widget-properties", 36},
		{"MUST", "MUST", "depot", "content", "", "", "errors", 48},
	}
	// A spec set's vocabulary (ocispec.yaml specs[].roles) names its own
	// software.
	v, err := DefaultVocabulary().With(map[string][]string{"registry": {"depot", "depots"}, "client": {"fetcher", "Fetchers"}})
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(filepath.Join("testdata", "reqs", "v1.md"))
	if err != nil {
		t.Fatal(err)
	}
	withRoles := ExtractWith(parseSet(t, "widgets.md", string(src)), Options{Vocabulary: v})
	for i, r := range withRoles.Requirements {
		switch strings.ToLower(r.Actor) {
		case "depot", "depots":
			want[i].Role = "registry"
		case "fetchers":
			want[i].Role = "client"
		}
		if string(r.Role) != want[i].Role {
			t.Errorf("with the spec set's roles, %s:%d %s: role %s, want %s", r.File, r.Line, r.Keyword, r.Role, want[i].Role)
		}
		want[i].Role = "content"
	}
	var got []row
	for _, r := range g.Requirements {
		got = append(got, row{r.Keyword, string(r.Level), r.Actor, string(r.Role), r.Property, r.Conditional, r.Section, r.Line})
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("requirements:\ngot  %+v\nwant %+v", got, want)
	}
	if r := g.Requirement("fetch-digest"); r == nil || r.Keyword != "SHOULD" || !r.Explicit {
		t.Errorf("explicit marker: got %+v", r)
	}
	if len(g.Warnings) != 0 {
		t.Errorf("warnings: %q", g.Warnings)
	}
	// The JSON form is golden.
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(g); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("testdata", "reqs", "v1.graph.json"), buf.Bytes())
}

func TestEdges(t *testing.T) {
	g := loadFixture(t, "v1.md")
	has := func(k EdgeKind, from, to string, toKind RefKind) bool {
		for _, e := range g.Edges {
			if e.Kind == k && e.From == from && e.To == to && e.ToKind == toKind {
				return true
			}
		}
		return false
	}
	var cache, key, nameReq, labels, table, chunked *Requirement
	for _, r := range g.Requirements {
		switch {
		case strings.HasPrefix(r.Text, "If the widget"):
			cache = r
		case r.Property == "labels.key":
			key = r
		case r.Property == "name" && r.Keyword == "REQUIRED":
			nameReq = r
		case r.Property == "labels":
			labels = r
		case r.Section == "errors":
			table = r
		case strings.HasPrefix(r.Text, "Depots MAY accept"):
			chunked = r
		}
	}
	if cache == nil || key == nil || nameReq == nil || labels == nil || table == nil || chunked == nil {
		t.Fatal("fixture requirements not found")
	}
	checks := []struct {
		kind     EdgeKind
		from, to string
		toKind   RefKind
	}{
		{EdgeContains, "widgets.md#fetching-widgets", cache.ID, RefRequirement},
		{EdgeReferences, cache.ID, "widgets.md#errors", RefSection},
		{EdgeRefines, key.ID, labels.ID, RefRequirement},
		{EdgeReferences, table.ID, "WIDGET_UNKNOWN", RefError},
		{EdgeReferences, chunked.ID, "RFC 9112", RefRFC},
	}
	for _, c := range checks {
		if !has(c.kind, c.from, c.to, c.toKind) {
			t.Errorf("missing edge %s %s -> %s (%s)", c.kind, c.from, c.to, c.toKind)
		}
	}
	if has(EdgeRefines, nameReq.ID, labels.ID, RefRequirement) {
		t.Error("sibling items must not refine each other")
	}
}

func TestRefs(t *testing.T) {
	set := parseSet(t,
		"spec.md", "# Spec\n\n## API\n\n"+
			"<!-- req: api-get -->\n"+
			"Registries MUST answer `GET` <sup>[end-3](#endpoints)</sup> with [`BLOB_UNKNOWN`](#errors) <sup>[code-1](#errors)</sup> per [RFC 9110](https://www.rfc-editor.org/rfc/rfc9110#section-15), see [descriptors](other.md#properties) and [the layout](layout.md).\n"+
			"Clients SHOULD read [the API rule](#api-get) and RFC 6585 and <https://example.com/x>.\n\n"+
			"## Errors\n\n| Code | Text |\n| --- | --- |\n| `BLOB_UNKNOWN` | unknown |\n")
	g := Extract(set)
	if len(g.Requirements) != 2 {
		t.Fatalf("got %d requirements", len(g.Requirements))
	}
	want := [][]Ref{
		{{RefEndpoint, "end-3"}, {RefSection, "spec.md#errors"}, {RefError, "code-1"}, {RefRFC, "RFC 9110"}, {RefSection, "other.md#properties"}, {RefFile, "layout.md"}, {RefError, "BLOB_UNKNOWN"}},
		{{RefRequirement, "api-get"}, {RefURL, "https://example.com/x"}, {RefRFC, "RFC 6585"}},
	}
	for i, r := range g.Requirements {
		if !reflect.DeepEqual(r.Refs, want[i]) {
			t.Errorf("requirement %d refs:\ngot  %v\nwant %v", i, r.Refs, want[i])
		}
	}
}

// Covers: requirements.md#explicit-ids
func TestExplicitMarkers(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		wantIDs  []string
		warnings int
	}{
		{"block marker", "# S\n\n<!-- req: alpha -->\nA MUST b.\nC SHOULD d.\n", []string{"alpha", ""}, 0},
		{"inline marker", "# S\n\nA MUST b. <!-- req: beta --> C SHOULD d.\n", []string{"", "beta"}, 0},
		{"two keywords", "# S\n\n<!-- req: gamma -->\nA MUST b and MAY c.\n", []string{"gamma", "gamma-2"}, 0},
		{"dangling", "# S\n\n<!-- req: delta -->\nNothing normative here.\n\nA MUST b.\n", []string{""}, 1},
		{"duplicate", "# S\n\n<!-- req: eps -->\nA MUST b.\n\n<!-- req: eps -->\nC MUST d.\n", []string{"eps", "eps-2"}, 1},
		{"in code block", "# S\n\n```\n<!-- req: zeta -->\n```\n\nA MUST b.\n", []string{""}, 0},
		{"in code span", "# S\n\nWrite `<!-- req: eta -->` before A MUST b.\n", []string{""}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := Extract(parseSet(t, "x.md", tt.src))
			if len(g.Requirements) != len(tt.wantIDs) {
				t.Fatalf("got %d requirements, want %d", len(g.Requirements), len(tt.wantIDs))
			}
			for i, r := range g.Requirements {
				want := tt.wantIDs[i]
				if want == "" {
					if r.Explicit || !strings.HasPrefix(r.ID, "s-") {
						t.Errorf("requirement %d: ID %q explicit=%v, want a derived ID", i, r.ID, r.Explicit)
					}
					continue
				}
				if r.ID != want {
					t.Errorf("requirement %d: ID %q, want %q", i, r.ID, want)
				}
			}
			if len(g.Warnings) != tt.warnings {
				t.Errorf("warnings %q, want %d", g.Warnings, tt.warnings)
			}
		})
	}
}

// Covers: derived-ids-439d0c, requirements.md#collisions, requirement-ids-03e6b1
func TestDerivedIDs(t *testing.T) {
	g := Extract(parseSet(t,
		"a.md", "Before any heading, clients MUST x.\n\n# Top\n\nA MUST b.\nA MUST b.\nA SHOULD b.\n",
		"b.md", "# Top\n\nA MUST b.\n"))
	var ids []string
	for _, r := range g.Requirements {
		ids = append(ids, r.ID)
	}
	if len(ids) != 5 {
		t.Fatalf("ids %q", ids)
	}
	if !strings.HasPrefix(ids[0], "a-") || len(ids[0]) != len("a-")+hashLen {
		t.Errorf("requirement before the first heading: %q", ids[0])
	}
	base := ids[1]
	if !strings.HasPrefix(base, "top-") {
		t.Errorf("section prefix: %q", base)
	}
	// Identical text in a set: first keeps the base, later ones get
	// suffixes in reading order. A level change keeps the hash.
	want := []string{base, base + "-2", base + "-3", base + "-4"}
	if !reflect.DeepEqual(ids[1:], want) {
		t.Errorf("collisions: %q, want %q", ids[1:], want)
	}
}

func TestWriteUnsupportedFormat(t *testing.T) {
	g := loadFixture(t, "v1.md")
	if err := WriteGraph(io.Discard, "xml", g); err == nil {
		t.Error("WriteGraph accepted xml")
	}
	if err := WriteDiff(io.Discard, "dot", DiffGraphs(g, g)); err == nil {
		t.Error("WriteDiff accepted dot")
	}
	for _, f := range GraphFormats() {
		if err := WriteGraph(io.Discard, f, g); err != nil {
			t.Errorf("WriteGraph %s: %v", f, err)
		}
	}
	for _, f := range DiffFormats() {
		if err := WriteDiff(io.Discard, f, DiffGraphs(g, g)); err != nil {
			t.Errorf("WriteDiff %s: %v", f, err)
		}
	}
}

func TestPropertyPath(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // property of each requirement
	}{
		{"paragraph", "**`uidMappings`** (array of objects, OPTIONAL) describes mappings.\n", []string{"uidMappings"}},
		{"nested items", "* **`process`** (object, OPTIONAL) runs.\n    * **`user`** (object, REQUIRED) is the user.\n      It MUST exist.\n", []string{"process", "process.user", "process.user"}},
		{"description below", "- **`config`** *descriptor*\n\n  This REQUIRED property references a config.\n\n  - **`mediaType`** *string*\n\n    Implementations MUST NOT parse it.\n", []string{"config", "config.mediaType"}},
		{"plain list", "- The array MUST be sorted.\n", []string{""}},
		{"bold without code", "- **Registry**: a service that MUST serve.\n", []string{""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, r := range Extract(parseSet(t, "p.md", tt.src)).Requirements {
				got = append(got, r.Property)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("properties %q, want %q", got, tt.want)
			}
		})
	}
}

// TestManyIdenticalRequirements: collisions are resolved in linear time
// and in reading order (the quadratic version took over a minute here).
func TestManyIdenticalRequirements(t *testing.T) {
	const n = 30000
	src := "# S\n\n" + strings.Repeat("A client MUST do it.\n", n)
	d, err := specs.Parse("same.md", []byte(src), specs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan *Graph)
	go func() { done <- Extract(specs.NewSet(".", d)) }()
	var g *Graph
	select {
	case g = <-done:
	case <-time.After(60 * time.Second):
		t.Fatal("extraction hangs on identical requirements")
	}
	if len(g.Requirements) != n {
		t.Fatalf("%d requirements, want %d", len(g.Requirements), n)
	}
	base := g.Requirements[0].ID
	if got, want := g.Requirements[n-1].ID, base+"-"+strconv.Itoa(n); got != want {
		t.Errorf("last ID = %s, want %s", got, want)
	}
}

// TestKeywordColumns: positions point at the keyword even when a link
// destination or an HTML comment earlier in the sentence spells one.
//
// Covers: requirement-properties-a31aba, requirement-properties-02674d
func TestKeywordColumns(t *testing.T) {
	for _, tt := range []struct {
		src  string
		col  int
		word string
	}{
		{"A [l](https://x.org/MUST) then MAY here.\n", 32, "MAY"},
		{"A <!-- MUST --> client SHOULD go.\n", 24, "SHOULD"},
		{"Plain `MUST` but MUST here.\n", 18, "MUST"},
	} {
		d, err := specs.Parse("k.md", []byte("# S\n\n"+tt.src), specs.Options{})
		if err != nil {
			t.Fatal(err)
		}
		g := Extract(specs.NewSet(".", d))
		if len(g.Requirements) != 1 {
			t.Fatalf("%q: %d requirements", tt.src, len(g.Requirements))
		}
		r := g.Requirements[0]
		if r.Line != 3 || r.Column != tt.col || !strings.HasPrefix(tt.src[r.Column-1:], tt.word) {
			t.Errorf("%q: %s at %d:%d, want 3:%d", tt.src, r.Keyword, r.Line, r.Column, tt.col)
		}
	}
}
