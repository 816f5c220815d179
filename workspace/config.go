// Package workspace reads ocispec.yaml, or infers a zero-config workspace
// from a directory, and loads what a command needs from it exactly once.
package workspace

import (
	"fmt"

	"go.yaml.in/yaml/v3"

	"github.com/ocispec/ocispec/conformance"
)

// ConfigFile is the name looked up in the working directory when --config
// is not given.
const ConfigFile = "ocispec.yaml"

// Config is the schema of ocispec.yaml. docs/config.md is its normative
// description; keep the two in step.
type Config struct {
	// Specs are the spec sets of the workspace.
	Specs []SpecSetConfig `yaml:"specs"`
	// Exclude lists glob patterns (slash-separated, relative to the
	// workspace root) skipped when walking directories.
	Exclude []string `yaml:"exclude,omitempty"`
	Minutes Minutes  `yaml:"minutes,omitempty"`
	// Conformance locates oci-conformance results and says what
	// "certified" requires; a plain string is the results directory.
	Conformance Conformance `yaml:"conformance,omitempty"`
	// Output is the site output directory; default "_site".
	Output string     `yaml:"output,omitempty"`
	Lint   LintConfig `yaml:"lint,omitempty"`
	Trace  Trace      `yaml:"trace,omitempty"`
	Schema Schema     `yaml:"schema,omitempty"`
	// OpenAPI names the spec sets whose OpenAPI documents the site
	// publishes.
	OpenAPI OpenAPI `yaml:"openapi,omitempty"`
}

// OpenAPI configures the OpenAPI documents of `ocispec openapi` that
// `ocispec build` publishes.
type OpenAPI struct {
	// Specs names the spec sets with an endpoints table whose documents
	// the site publishes.
	Specs []string `yaml:"specs,omitempty"`
}

// Schema configures ocispec schema and the example-schema lint rule.
type Schema struct {
	// MediaTypes maps a media type to a JSON Schema file (relative to the
	// workspace root) that its examples are validated against, beyond
	// image-spec's built-in schemas and the generated ones.
	MediaTypes map[string]string `yaml:"mediaTypes,omitempty"`
}

// SpecSetConfig is one specification: its files in reading order.
type SpecSetConfig struct {
	Name string `yaml:"name"`
	// Title is shown on the site; defaults to Name.
	Title string `yaml:"title,omitempty"`
	// Files lists files or directories, in reading order. A directory
	// contributes its *.md files in lexical order.
	Files   []string `yaml:"files"`
	Version string   `yaml:"version,omitempty"`
	// BaseURL is where the rendered spec is published.
	BaseURL string `yaml:"baseURL,omitempty"`
	// Repository is the source repository URL, used for "edit" links.
	Repository string `yaml:"repository,omitempty"`
	// Branch is the branch the "edit" links point at; default: git's
	// default branch.
	Branch string `yaml:"branch,omitempty"`
	// Roles adds words that name a requirement role in this spec set's
	// prose, by role ("registry: [depot]"); see docs/requirements.md.
	Roles map[string][]string `yaml:"roles,omitempty"`
}

// Minutes locates the meeting notes.
type Minutes struct {
	// Source is the live weekly notes file (HackMD export).
	Source string `yaml:"source,omitempty"`
	// Archive is the directory holding the yearly archive files.
	Archive string `yaml:"archive,omitempty"`
	// Aliases maps the name a person is listed under to the other names
	// they appear as in attendance ("Samuel Karp": ["Sam"]).
	Aliases map[string][]string `yaml:"aliases,omitempty"`
}

// LintConfig holds rule settings.
type LintConfig struct {
	// Rules maps a rule ID to "off", "info", "warning" or "error".
	Rules map[string]string `yaml:"rules,omitempty"`
	// Abbreviations extends the sentence splitter's list of abbreviations
	// that never end a sentence (e.g. "approx.").
	Abbreviations []string `yaml:"abbreviations,omitempty"`
	// Options holds rule-specific options keyed by rule ID.
	Options map[string]map[string]any `yaml:"options,omitempty"`
}

// Trace configures requirement-to-test traceability.
type Trace struct {
	// Specs names the spec sets whose requirements are traced; default
	// all of them.
	Specs []string `yaml:"specs,omitempty"`
	// Tests lists directories or files scanned for requirement annotations.
	Tests []string `yaml:"tests,omitempty"`
	// Results lists junit XML or `go test -json` result files.
	Results []string `yaml:"results,omitempty"`
	// Mappings lists requirement-to-test mapping files.
	Mappings []string `yaml:"mappings,omitempty"`
	// FailUnder is the default of ocispec trace --fail-under
	// ("must=90,should=50").
	FailUnder string `yaml:"failUnder,omitempty"`
}

// Conformance configures the certified pages. In ocispec.yaml it is either
// the results directory or a mapping with results, required and
// categories; the required workflows default to OCI's.
type Conformance struct {
	// Results is the directory laid out as oci-conformance.
	Results string `yaml:"results"`
	// Policy holds required (per version) and categories (results.yaml
	// API name to category), over OCI's defaults.
	conformance.Policy `yaml:",inline"`
}

// UnmarshalYAML accepts a directory string or a mapping whose keys are
// all known.
func (c *Conformance) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		c.Results = n.Value
		return nil
	}
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: conformance: want a directory or a mapping", n.Line)
	}
	for i := 0; i < len(n.Content); i += 2 {
		switch k := n.Content[i]; k.Value {
		case "results", "required", "categories":
		default:
			return fmt.Errorf("line %d: conformance: unknown key %q (want results, required, categories)", k.Line, k.Value)
		}
	}
	type plain Conformance
	return n.Decode((*plain)(c))
}
