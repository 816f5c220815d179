package schema

// This file holds the JSON Schemas of distribution-spec's response bodies,
// derived from the spec: the error envelope, whose code enum is the
// error-code table, and list bodies such as the tag list, from the JSON
// example the prose gives for them. The OpenAPI generator uses them, and
// `schema gen` writes them.

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"github.com/ocispec/ocispec/specs"
)

// An ErrorCode is one row of a spec's error-code table.
type ErrorCode struct {
	// ID is the row's ID column ("code-1"), if the table has one.
	ID string `json:"id,omitempty"`
	// Code is the identifier ("BLOB_UNKNOWN").
	Code string `json:"code"`
	// Message is the Message column, or the Description column of a
	// table without one (distribution-spec's descriptions are messages).
	Message string `json:"message,omitempty"`
	File    string `json:"file"`
	Line    int    `json:"line"`
}

var errorCodeRE = regexp.MustCompile(`^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$`)

// ErrorCodes reads the error-code tables of a document: tables with a
// "Code" column whose cells are upper-case identifiers.
func ErrorCodes(doc *specs.Document) []ErrorCode {
	var out []ErrorCode
	for _, t := range doc.Tables {
		cols := map[string]int{}
		for i, h := range t.Header {
			cols[strings.ToLower(cellText(h))] = i
		}
		code, ok := cols["code"]
		if !ok {
			continue
		}
		msg, ok := cols["message"]
		if !ok {
			msg, ok = cols["description"]
		}
		if !ok {
			msg = -1
		}
		id, ok := cols["id"]
		if !ok {
			id = -1
		}
		for _, row := range t.Rows {
			c := cell(row, code)
			if !errorCodeRE.MatchString(c) {
				continue
			}
			out = append(out, ErrorCode{ID: cell(row, id), Code: c, Message: cell(row, msg),
				File: doc.Path, Line: doc.Position(row[code].Span().Start).Line})
		}
	}
	return out
}

func cell(row []*specs.Block, i int) string {
	if i < 0 || i >= len(row) || row[i] == nil {
		return ""
	}
	return strings.Trim(cellText(row[i]), "`")
}

func cellText(b *specs.Block) string {
	parts := make([]string, 0, len(b.Sentences))
	for _, s := range b.Sentences {
		parts = append(parts, s.Text)
	}
	return strings.TrimSpace(strings.Join(parts, " "))
}

// ErrorEnvelope is the JSON Schema (2020-12) of an error response body:
// an object with an "errors" array whose entries have a "code" from the
// error-code table, an optional "message" string and optional "detail" of
// any type. Each enum value's table line is kept in x-ocispec-lines.
func ErrorEnvelope(codes []ErrorCode) map[string]any {
	enum := make([]any, 0, len(codes))
	lines := make([]any, 0, len(codes))
	for _, c := range codes {
		enum = append(enum, c.Code)
		lines = append(lines, fmt.Sprintf("%s:%d", c.File, c.Line))
	}
	return map[string]any{
		"type":     "object",
		"required": []any{"errors"},
		"properties": map[string]any{
			"errors": map[string]any{
				"type": "array",
				"items": map[string]any{
					"type":     "object",
					"required": []any{"code"},
					"properties": map[string]any{
						"code":    map[string]any{"type": "string", "enum": enum, "x-ocispec-lines": lines},
						"message": map[string]any{"type": "string"},
						"detail":  map[string]any{},
					},
				},
			},
		},
	}
}

// FromExample is the JSON Schema of a body the prose shows by example,
// such as distribution-spec's tag list: every property of an example
// object is required and typed as in the example, an array's items take
// the type of its first element. Placeholders such as "<name>" are
// strings. It fails when the example is not JSON.
func FromExample(example string) (map[string]any, error) {
	var v any
	if err := json.Unmarshal([]byte(example), &v); err != nil {
		return nil, err
	}
	return exampleSchema(v), nil
}

func exampleSchema(v any) map[string]any {
	switch x := v.(type) {
	case map[string]any:
		props := map[string]any{}
		req := make([]any, 0, len(x))
		for k, e := range x {
			props[k] = exampleSchema(e)
			req = append(req, k)
		}
		sortAny(req)
		return map[string]any{"type": "object", "required": req, "properties": props}
	case []any:
		s := map[string]any{"type": "array"}
		if len(x) > 0 {
			s["items"] = exampleSchema(x[0])
		}
		return s
	case string:
		return map[string]any{"type": "string"}
	case float64:
		return map[string]any{"type": "number"}
	case bool:
		return map[string]any{"type": "boolean"}
	}
	return map[string]any{}
}

func sortAny(v []any) {
	for i := 1; i < len(v); i++ {
		for j := i; j > 0 && v[j].(string) < v[j-1].(string); j-- {
			v[j], v[j-1] = v[j-1], v[j]
		}
	}
}
