package workspace

import (
	"net/url"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/ocispec/ocispec/lint"
	"github.com/ocispec/ocispec/reqs"
)

// A constraint checks a value beyond its kind, reporting through v at the
// value's node or its children's.
type constraint func(v *validator, n *yaml.Node)

// constraints holds every constraint docs/config.md states beyond a value's
// kind (the kind comes from the Go type in config.go), keyed by key path:
// "specs[]" is any entry of specs, "lint.rules.*" any value of the map.
//
// To add a key: add the field to Config (config.go) with its yaml tag,
// describe it in docs/config.md, and add its constraints here, each with a
// case in TestConfigConstraints.
func constraints() map[string]constraint {
	return map[string]constraint{
		"":                     checkOutput,
		"specs":                checkSpecNames,
		"specs[]":              checkSpecRequired,
		"specs[].name":         checkSpecName,
		"specs[].files":        nonEmpty,
		"specs[].baseURL":      checkBaseURL,
		"specs[].roles":        checkRoles,
		"exclude[]":            checkPattern,
		"minutes":              checkMinutes,
		"minutes.aliases":      checkAliases,
		"lint.rules":           checkRules,
		"lint.abbreviations[]": checkAbbreviation,
		"lint.options":         checkRuleOptions,
		"trace.specs[]":        specSetName("trace.specs"),
		"openapi.specs[]":      specSetName("openapi.specs"),
	}
}

// mapValue returns the value node of key in mapping n, or nil.
func mapValue(n *yaml.Node, key string) (k, val *yaml.Node) {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i], n.Content[i+1]
		}
	}
	return nil, nil
}

func checkSpecNames(v *validator, n *yaml.Node) {
	seen := map[string]bool{}
	for _, el := range n.Content {
		_, name := mapValue(el, "name")
		if name == nil || name.Value == "" {
			continue
		}
		if seen[name.Value] {
			v.errorf(name, "specs: two entries have the name %q", name.Value)
		}
		seen[name.Value] = true
	}
}

func checkSpecRequired(v *validator, n *yaml.Node) {
	for _, key := range []string{"name", "files"} {
		if _, val := mapValue(n, key); val == nil || val.Tag == "!!null" {
			v.errorf(n, "specs[]: the entry has no %s, which is required", key)
		}
	}
}

func checkSpecName(v *validator, n *yaml.Node) {
	if !validName.MatchString(n.Value) {
		v.errorf(n, "specs[].name %q must match %s, because it names files and URLs", n.Value, validName)
	}
}

func nonEmpty(v *validator, n *yaml.Node) {
	if n.Kind == yaml.SequenceNode && len(n.Content) == 0 {
		v.errorf(n, "specs[].files must contain at least one entry")
	}
}

func checkBaseURL(v *validator, n *yaml.Node) {
	u, err := url.Parse(n.Value)
	if err != nil || !u.IsAbs() || u.Host == "" || u.Fragment != "" || (u.Scheme != "http" && u.Scheme != "https") {
		v.errorf(n, "specs[].baseURL %q must be an absolute URL with the scheme http or https", n.Value)
	}
}

func checkPattern(v *validator, n *yaml.Node) {
	if _, err := path.Match(n.Value, ""); err != nil {
		v.errorf(n, "exclude: %q is not a valid pattern (see Go's path.Match)", n.Value)
	}
}

func checkMinutes(v *validator, n *yaml.Node) {
	_, src := mapValue(n, "source")
	_, arch := mapValue(n, "archive")
	if src != nil && arch != nil && src.Value != "" && filepath.Clean(filepath.FromSlash(src.Value)) == filepath.Clean(filepath.FromSlash(arch.Value)) {
		v.errorf(arch, "minutes.source and minutes.archive must not refer to the same path %q", arch.Value)
	}
}

// checkOutput: the site directory is neither the workspace root nor a
// directory a spec set lists, since build replaces its content.
func checkOutput(v *validator, root *yaml.Node) {
	_, out := mapValue(root, "output")
	if out == nil {
		return
	}
	o := filepath.Clean(filepath.FromSlash(out.Value))
	if o == "." || filepath.IsAbs(o) && o == filepath.Dir(o) {
		v.errorf(out, "output %q must not be the workspace root, because build replaces its content", out.Value)
		return
	}
	_, specsNode := mapValue(root, "specs")
	if specsNode == nil {
		return
	}
	for _, el := range specsNode.Content {
		_, files := mapValue(el, "files")
		if files == nil {
			continue
		}
		for _, f := range files.Content {
			if filepath.Clean(filepath.FromSlash(f.Value)) == o {
				v.errorf(f, "specs[].files lists the output directory %q, which build replaces", out.Value)
			}
		}
	}
}

// checkRules: every key names a lint rule, every value is a severity.
func checkRules(v *validator, n *yaml.Node) {
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if _, ok := lint.Lookup(k.Value); !ok {
			v.errorf(k, "lint.rules: unknown rule %q (known: %s)", k.Value, strings.Join(lint.IDs(), ", "))
		}
		if _, err := lint.ParseSeverity(val.Value); err != nil {
			v.errorf(val, "lint.rules.%s: severity %q must be one of off, info, warning or error", k.Value, val.Value)
		}
	}
}

func checkAbbreviation(v *validator, n *yaml.Node) {
	switch {
	case !strings.HasSuffix(n.Value, "."):
		v.errorf(n, "lint.abbreviations: %q must end with a full stop", n.Value)
	case strings.ContainsAny(n.Value, " \t\n\r"):
		v.errorf(n, "lint.abbreviations: %q must not contain white space", n.Value)
	}
}

// checkRuleOptions: each key names a rule, each option is one the rule
// declares, with a value of its type (lint's registry says which).
func checkRuleOptions(v *validator, n *yaml.Node) {
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, opts := n.Content[i], n.Content[i+1]
		if _, ok := lint.Lookup(k.Value); !ok {
			v.errorf(k, "lint.options: unknown rule %q (known: %s)", k.Value, strings.Join(lint.IDs(), ", "))
			continue
		}
		for j := 0; j+1 < len(opts.Content); j += 2 {
			name, val := opts.Content[j], opts.Content[j+1]
			var value any
			if err := val.Decode(&value); err != nil {
				v.errorf(val, "lint.options.%s.%s: %v", k.Value, name.Value, err)
				continue
			}
			if err := lint.CheckOptions(k.Value, map[string]any{name.Value: value}); err != nil {
				v.errorf(name, "lint.options.%s: %v", k.Value, err)
			}
		}
	}
}

// specSetName: a value of key that names a spec set names one of specs.
func specSetName(key string) constraint {
	return func(v *validator, n *yaml.Node) {
		_, specsNode := mapValue(v.root, "specs")
		if specsNode != nil {
			for _, el := range specsNode.Content {
				if _, name := mapValue(el, "name"); name != nil && name.Value == n.Value {
					return
				}
			}
		}
		v.errorf(n, "%s: no spec set is named %q", key, n.Value)
	}
}

// checkAliases: a name variant belongs to one person only.
func checkAliases(v *validator, n *yaml.Node) {
	owner := map[string]string{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		name, variants := n.Content[i], n.Content[i+1]
		for _, el := range append([]*yaml.Node{name}, variants.Content...) {
			k := strings.ToLower(strings.Join(strings.Fields(el.Value), " "))
			if o, ok := owner[k]; ok && o != name.Value {
				v.errorf(el, "minutes.aliases: %q is listed for both %q and %q", el.Value, o, name.Value)
				continue
			}
			owner[k] = name.Value
		}
	}
}

// checkRoles accepts only the requirement roles as keys of specs[].roles
// (docs/requirements.md, Roles).
func checkRoles(v *validator, n *yaml.Node) {
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if !slices.Contains(reqs.Roles(), reqs.Role(k.Value)) {
			v.errorf(k, "specs[].roles: unknown role %q (want registry, client, runtime, implementation, content, process or other)", k.Value)
		}
	}
}
