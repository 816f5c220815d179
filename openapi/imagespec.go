package openapi

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	imageschema "github.com/opencontainers/image-spec/schema"
)

// imageSpecSchemas maps image-spec media types to the component names of
// their official JSON Schemas, as image-spec's own validator does.
var imageSpecSchemas = []struct{ mediaType, file, component string }{
	{"application/vnd.oci.image.manifest.v1+json", "image-manifest-schema.json", "ImageManifest"},
	{"application/vnd.oci.image.index.v1+json", "image-index-schema.json", "ImageIndex"},
	{"application/vnd.oci.descriptor.v1+json", "content-descriptor.json", "Descriptor"},
}

// imageSpecComponents reads the official image-spec schemas (draft-04,
// shipped in the image-spec module) and rewrites them as OpenAPI 3.1
// components: "id" and "$schema" dropped, definitions hoisted to
// components named "<file>.<name>", and every $ref pointed at them.
func imageSpecComponents() (map[string]any, error) {
	out := map[string]any{}
	names := map[string]string{}
	for _, s := range imageSpecSchemas {
		names[s.file] = s.component
	}
	pending := []string{}
	for _, s := range imageSpecSchemas {
		pending = append(pending, s.file)
	}
	done := map[string]bool{}
	for len(pending) > 0 {
		file := pending[0]
		pending = pending[1:]
		if done[file] {
			continue
		}
		done[file] = true
		raw, err := readImageSchema(file)
		if err != nil {
			return nil, err
		}
		refs := map[string]bool{}
		v, ok := rewriteSchema(raw, file, names, refs).(map[string]any)
		if !ok {
			return nil, fmt.Errorf("image-spec schema %s: not an object", file)
		}
		if defs, ok := v["definitions"].(map[string]any); ok {
			for k, d := range defs {
				out[defName(file, k)] = d
			}
			delete(v, "definitions")
		}
		if c, ok := names[file]; ok {
			out[c] = v
		}
		for r := range refs {
			pending = append(pending, r)
		}
	}
	return out, nil
}

func readImageSchema(file string) (any, error) {
	f, err := imageschema.FileSystem().Open("/" + file)
	if err != nil {
		return nil, fmt.Errorf("image-spec schema %s: %w", file, err)
	}
	data, err := io.ReadAll(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, fmt.Errorf("image-spec schema %s: %w", file, err)
	}
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		return nil, fmt.Errorf("image-spec schema %s: %w", file, err)
	}
	return v, nil
}

func defName(file, def string) string {
	return strings.TrimSuffix(file, ".json") + "." + def
}

// rewriteSchema walks a draft-04 schema of file and rewrites it in place;
// refs collects the other files it refers to.
func rewriteSchema(v any, file string, names map[string]string, refs map[string]bool) any {
	switch x := v.(type) {
	case map[string]any:
		delete(x, "id")
		delete(x, "$schema")
		delete(x, "media")
		for k, e := range x {
			if k == "$ref" {
				if s, ok := e.(string); ok {
					x[k] = componentRef(s, file, names, refs)
				}
				continue
			}
			x[k] = rewriteSchema(e, file, names, refs)
		}
	case []any:
		for i, e := range x {
			x[i] = rewriteSchema(e, file, names, refs)
		}
	}
	return v
}

func componentRef(ref, file string, names map[string]string, refs map[string]bool) string {
	target, frag, _ := strings.Cut(ref, "#")
	if target == "" {
		target = file
	}
	if target != file {
		refs[target] = true
	}
	if def, ok := strings.CutPrefix(frag, "/definitions/"); ok {
		return "#/components/schemas/" + defName(target, def)
	}
	if c, ok := names[target]; ok {
		return "#/components/schemas/" + c
	}
	return "#/components/schemas/" + strings.TrimSuffix(target, ".json")
}
