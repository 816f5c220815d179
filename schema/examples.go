package schema

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	imagespec "github.com/opencontainers/image-spec/schema"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/ocispec/ocispec/specs"
)

// ExpectParam is the info-string parameter that marks a deliberate
// counter-example: ```json,title=Bad&mediatype=...&expect=invalid. Such a
// block is expected to fail its schema; passing is the finding.
const ExpectParam = "expect"

// An ExampleFinding is an example that does not validate (or a
// counter-example that does), located at the offending value.
type ExampleFinding struct {
	File      string `json:"file"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	MediaType string `json:"mediatype"`
	Pointer   string `json:"pointer"`
	Error     string `json:"error"`
	// Span locates the finding in the document, for lint.
	Span specs.Span `json:"-"`
}

// An ExampleReport is the result of checking the examples of a set.
type ExampleReport struct {
	Examples int              `json:"examples"`
	Valid    int              `json:"valid"`
	Invalid  []ExampleFinding `json:"invalid"`
}

// A Validator checks media-typed examples against the schemas of their
// media types. Each schema is compiled once, on first use; a Validator is
// safe for concurrent use.
type Validator struct {
	mu       sync.Mutex
	compiler *jsonschema.Compiler
	sources  map[string]string // media type -> schema location
	compiled map[string]*jsonschema.Schema
	failed   map[string]error
}

// imageSpecBase is where the image-spec schemas are registered; their
// relative $refs and ids resolve to the same files by base name.
const imageSpecBase = "https://opencontainers.org/schema/image/"

// BuiltinMediaTypes maps the image-spec media types to the schema files
// the image-spec module ships (github.com/opencontainers/image-spec/schema).
func BuiltinMediaTypes() map[string]string {
	return map[string]string{
		"application/vnd.oci.descriptor.v1+json":     "content-descriptor.json",
		"application/vnd.oci.layout.header.v1+json":  "image-layout-schema.json",
		"application/vnd.oci.image.manifest.v1+json": "image-manifest-schema.json",
		"application/vnd.oci.image.index.v1+json":    "image-index-schema.json",
		"application/vnd.oci.image.config.v1+json":   "config-schema.json",
	}
}

// NewValidator returns a validator that knows the image-spec media types.
func NewValidator() *Validator {
	c := jsonschema.NewCompiler()
	c.UseLoader(imageSpecLoader{imagespec.FileSystem()})
	v := &Validator{compiler: c, sources: map[string]string{}, compiled: map[string]*jsonschema.Schema{}, failed: map[string]error{}}
	for mt, file := range BuiltinMediaTypes() {
		v.sources[mt] = imageSpecBase + file
	}
	return v
}

// imageSpecLoader serves the image-spec schema files for any of the URLs
// their ids and $refs use, by base name.
type imageSpecLoader struct{ fs http.FileSystem }

func (l imageSpecLoader) Load(u string) (any, error) {
	f, err := l.fs.Open("/" + path.Base(strings.SplitN(u, "#", 2)[0]))
	if err != nil {
		return nil, fmt.Errorf("no schema at %s", u)
	}
	defer func() { _ = f.Close() }() // read-only
	return jsonschema.UnmarshalJSON(f)
}

// AddSchemaFile maps a media type to a JSON Schema file.
func (v *Validator) AddSchemaFile(mediaType, file string) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("%s:%s", file, jsonErrorPos(data, err))
	}
	abs, _ := filepath.Abs(file)
	loc := "file://" + filepath.ToSlash(abs)
	v.mu.Lock()
	defer v.mu.Unlock()
	if err := v.compiler.AddResource(loc, doc); err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	v.sources[mediaType] = loc
	return nil
}

// generatedBase is where generated schemas are registered, so their
// relative $refs ("descriptor.schema.json") resolve to each other.
const generatedBase = "https://ocispec.invalid/schema/"

// addGenerated registers generated schemas, so their relative $refs
// ("descriptor.schema.json") resolve to each other, and maps each
// object's media type to its schema unless the type is mapped already
// (configured and built-in schemas win).
func (v *Validator) addGenerated(gen []Generated) error {
	v.mu.Lock()
	defer v.mu.Unlock()
	for _, g := range gen {
		data, err := json.Marshal(g.Schema)
		if err != nil {
			return err
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			return err
		}
		loc := generatedBase + g.File
		if err := v.compiler.AddResource(loc, doc); err != nil {
			return fmt.Errorf("%s: %w", g.Source, err)
		}
		if _, ok := v.sources[g.MediaType]; g.MediaType != "" && !ok {
			v.sources[g.MediaType] = loc
		}
	}
	return nil
}

// MediaTypes lists the media types the validator has a schema for.
func (v *Validator) MediaTypes() []string {
	v.mu.Lock()
	defer v.mu.Unlock()
	out := make([]string, 0, len(v.sources))
	for mt := range v.sources {
		out = append(out, mt)
	}
	sort.Strings(out)
	return out
}

// schema compiles the schema of a media type once.
func (v *Validator) schema(mt string) (*jsonschema.Schema, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if s, ok := v.compiled[mt]; ok {
		return s, nil
	}
	if err, ok := v.failed[mt]; ok {
		return nil, err
	}
	loc, ok := v.sources[mt]
	if !ok {
		return nil, fmt.Errorf("no schema for media type %s (map one under schema.mediaTypes in ocispec.yaml)", mt)
	}
	s, err := v.compiler.Compile(loc)
	if err != nil {
		err = fmt.Errorf("schema for %s: %w", mt, err)
		v.failed[mt] = err
		return nil, err
	}
	v.compiled[mt] = s
	return s, nil
}

// An Example is one media-typed fenced block, with what is needed to
// place a finding in its document without the document at hand (lint
// validates the examples of a set once every document is read).
type Example struct {
	File      string
	MediaType string
	// Counter marks a deliberate counter-example (expect=invalid).
	Counter bool
	Text    string
	// Fence is the span of the whole block; lines holds, for each line of
	// Text, its source line number, indentation and start offset.
	Fence     specs.Span
	FenceLine int
	FenceCol  int
	lines     []exampleLine
}

type exampleLine struct{ line, indent, start int }

// Examples lists the media-typed fenced blocks of a document.
func Examples(doc *specs.Document) []*Example {
	var out []*Example
	for _, c := range doc.CodeBlocks {
		params := InfoParams(c.Info)
		mt := params.Get("mediatype")
		if !c.Fenced || mt == "" {
			continue
		}
		p := doc.Position(c.Span.Start)
		ex := &Example{File: doc.Path, MediaType: mt, Counter: params.Get(ExpectParam) == "invalid",
			Text: c.Text, Fence: c.Span, FenceLine: p.Line, FenceCol: p.Column}
		first := doc.Position(c.Content.Start).Line
		for k, textLine := range strings.Split(c.Text, "\n") {
			src := doc.LineSpan(first + k)
			srcLine := strings.TrimRight(doc.Text(src), "\r\n")
			ex.lines = append(ex.lines, exampleLine{first + k, max(len(srcLine)-len(textLine), 0), src.Start})
		}
		out = append(out, ex)
	}
	return out
}

// CheckDocument validates the media-typed examples of one document and
// returns how many there are, how many behaved as documented, and the
// findings for the others.
func (v *Validator) CheckDocument(doc *specs.Document) (examples, valid int, out []ExampleFinding) {
	for _, ex := range Examples(doc) {
		examples++
		if f := v.Check(ex); f != nil {
			out = append(out, *f)
		} else {
			valid++
		}
	}
	return examples, valid, out
}

// Check validates one example; nil means it behaved as documented (valid,
// or invalid when marked as a counter-example).
func (v *Validator) Check(ex *Example) *ExampleFinding {
	f := v.checkBlock(ex)
	if ex.Counter {
		if f != nil {
			return nil
		}
		f = &ExampleFinding{Error: "counter-example (expect=invalid) validates against the schema"}
	}
	if f == nil {
		return nil
	}
	f.File, f.MediaType = ex.File, ex.MediaType
	if f.Line == 0 {
		f.Line, f.Column, f.Span = ex.FenceLine, ex.FenceCol, specs.Span{Start: ex.Fence.Start, End: ex.Fence.Start}
	}
	return f
}

// checkBlock validates one block; nil means valid.
func (v *Validator) checkBlock(ex *Example) *ExampleFinding {
	text := []byte(ex.Text)
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(text))
	if err == nil {
		_, err = valueOffsets(text) // trailing data
	}
	if err != nil {
		f := &ExampleFinding{Error: "invalid JSON: " + err.Error()}
		f.Line, f.Column, f.Span = ex.position(syntaxOffset(text, err))
		return f
	}
	sch, err := v.schema(ex.MediaType)
	if err != nil {
		return &ExampleFinding{Error: err.Error()}
	}
	err = sch.Validate(inst)
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return nil
	}
	ptr, msg := leafError(ve)
	f := &ExampleFinding{Pointer: ptr, Error: msg}
	offs, _ := valueOffsets(text)
	f.Line, f.Column, f.Span = ex.position(offs[ptr])
	return f
}

// position maps a byte offset in the example's text to the source line
// and column (adding back list or quote indentation).
func (ex *Example) position(off int) (int, int, specs.Span) {
	off = min(max(off, 0), len(ex.Text))
	k := min(strings.Count(ex.Text[:off], "\n"), len(ex.lines)-1)
	col := off - (strings.LastIndexByte(ex.Text[:off], '\n') + 1)
	l := ex.lines[k]
	start := l.start + l.indent + col
	return l.line, l.indent + col + 1, specs.Span{Start: start, End: start}
}

// leafError picks the most specific error of a validation, the leaf with
// the deepest instance location, and returns its JSON pointer and
// message.
func leafError(ve *jsonschema.ValidationError) (string, string) {
	leaf := deepest(ve)
	ptr := ""
	for _, tok := range leaf.InstanceLocation {
		ptr += "/" + escapePointer(tok)
	}
	return ptr, leaf.ErrorKind.LocalizedString(message.NewPrinter(language.English))
}

func deepest(e *jsonschema.ValidationError) *jsonschema.ValidationError {
	best := e
	for _, c := range e.Causes {
		if d := deepest(c); len(d.InstanceLocation) > len(best.InstanceLocation) || best == e {
			best = d
		}
	}
	return best
}
