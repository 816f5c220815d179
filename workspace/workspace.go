package workspace

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/ocispec/ocispec/specs"
)

// A Workspace is a configured (or inferred) project: its root directory, its
// configuration and, once loaded, its parsed spec sets. Commands open one
// workspace and pass the parsed model along; nothing is parsed twice.
type Workspace struct {
	// Root is the directory paths in the config are relative to.
	Root string
	// ConfigPath is the config file read, or "" for a zero-config
	// workspace.
	ConfigPath string
	Config     Config
	// Selection, when set by a command (reqs), narrows the files that
	// Files, Load and LoadAt read (see SelectOptions).
	Selection *Selection

	sets []*SpecSet
}

// A SpecSet pairs a configured spec set with its parsed documents.
type SpecSet struct {
	Config SpecSetConfig
	Set    *specs.Set
}

// Open reads the workspace config. With configPath empty it looks for
// ocispec.yaml in dir; when there is none, the workspace is zero-config
// with dir as its root and every Markdown file under it as one spec set.
func Open(configPath, dir string) (*Workspace, error) {
	if dir == "" {
		dir = "."
	}
	explicit := configPath != ""
	if !explicit {
		configPath = filepath.Join(dir, ConfigFile)
	}
	data, err := os.ReadFile(configPath)
	if err != nil {
		if !explicit && errors.Is(err, fs.ErrNotExist) {
			return Infer(dir), nil
		}
		return nil, fmt.Errorf("%s: %w", configPath, unwrap(err))
	}
	cfg, nodes, err := parseConfig(configPath, data)
	if err != nil {
		return nil, err
	}
	w := &Workspace{Root: filepath.Dir(configPath), ConfigPath: configPath, Config: *cfg}
	if err := checkFiles(w, nodes); err != nil {
		return nil, err
	}
	return w, nil
}

// Infer returns the zero-config workspace for a directory (or file): one
// spec set holding its Markdown.
//
// The root stays the current directory, so messages name files as the user
// typed them ("docs/bad.md:3:5", not "bad.md:3:5").
func Infer(path string) *Workspace {
	dir := path
	if fi, err := os.Stat(path); err == nil && !fi.IsDir() {
		dir = filepath.Dir(path)
	}
	name := Slugify(filepath.Base(mustAbs(dir)))
	return &Workspace{Root: ".", Config: Config{
		Specs:  []SpecSetConfig{{Name: name, Title: filepath.Base(mustAbs(dir)), Files: []string{path}}},
		Output: "_site",
	}}
}

// Slugify turns a directory name into a valid spec set name.
func Slugify(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '.', r == '_', r == '-':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	name := strings.TrimLeft(b.String(), "-._")
	if name == "" {
		return "spec"
	}
	return name
}

func mustAbs(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}

// ParseConfig decodes and validates ocispec.yaml (see validateConfig):
// every problem is a ConfigError with the file, line and column, in the
// words of docs/config.md, and all of them are reported at once.
func ParseConfig(path string, data []byte) (*Config, error) {
	cfg, _, err := parseConfig(path, data)
	return cfg, err
}

func parseConfig(path string, data []byte) (*Config, map[string]*yaml.Node, error) {
	var cfg Config
	nodes, err := validateConfig(path, data, &cfg)
	if err != nil {
		return nil, nil, err
	}
	if cfg.Output == "" {
		cfg.Output = "_site"
	}
	return &cfg, nodes, nil
}

// checkFiles reports every files entry that does not exist, at its line:
// docs/config.md requires each to exist, and a missing one would
// otherwise surface later without naming the config.
func checkFiles(w *Workspace, nodes map[string]*yaml.Node) error {
	var errs ConfigErrors
	for i, sc := range w.Config.Specs {
		for j, f := range sc.Files {
			if _, err := os.Stat(w.Path(f)); err != nil {
				e := &ConfigError{File: w.ConfigPath, Msg: fmt.Sprintf("specs[].files: %q does not exist", f)}
				if n := nodes[fmt.Sprintf("specs[%d].files[%d]", i, j)]; n != nil {
					e.Line, e.Column = n.Line, n.Column
				}
				errs = append(errs, e)
			}
		}
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// SpecSetNamed returns the configured spec set called name, unless name is
// also an existing file or directory (a path always means itself).
func (w *Workspace) SpecSetNamed(name string) (SpecSetConfig, bool) {
	if _, err := os.Stat(name); err == nil {
		return SpecSetConfig{}, false
	}
	return w.specSetByName(name)
}

// specSetByName returns the configured spec set called name.
func (w *Workspace) specSetByName(name string) (SpecSetConfig, bool) {
	for _, sc := range w.Config.Specs {
		if sc.Name == name {
			return sc, true
		}
	}
	return SpecSetConfig{}, false
}

// Path resolves a config-relative path.
func (w *Workspace) Path(p string) string {
	if p == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(w.Root, p)
}

// validName keeps spec set names safe as directory names and URL parts.
var validName = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]*$`)

// LoadOptions returns the parser options the config asks for. The site
// output directory is never read as input, whatever its name.
func (w *Workspace) LoadOptions() specs.LoadOptions {
	exclude := w.Config.Exclude
	if out := filepath.ToSlash(filepath.Clean(w.Config.Output)); w.Config.Output != "" && out != "_site" {
		exclude = append(append([]string(nil), exclude...), out)
	}
	return specs.LoadOptions{
		Exclude: exclude,
		Options: specs.Options{Abbreviations: w.Config.Lint.Abbreviations},
	}
}

// Selection narrows the files a command reads: --exclude patterns, and
// whether governance files are wanted.
type Selection struct {
	Exclude []string
	// Governance keeps governance files (specs.GovernancePatterns()) that a
	// zero-config workspace leaves out of the requirement graph.
	Governance bool
}

// SelectOptions returns LoadOptions with sel applied: its exclude
// patterns, and in a zero-config workspace (no ocispec.yaml) the
// governance files left out unless sel.Governance. A configured workspace
// lists its files itself.
func (w *Workspace) SelectOptions(sel Selection) specs.LoadOptions {
	opts := w.LoadOptions()
	opts.Exclude = append(append([]string(nil), opts.Exclude...), sel.Exclude...)
	if w.ConfigPath == "" && !sel.Governance {
		opts.Exclude = append(opts.Exclude, specs.GovernancePatterns()...)
	}
	return opts
}

// selectedOptions are LoadOptions with the command's Selection, if any.
func (w *Workspace) selectedOptions() specs.LoadOptions {
	if w.Selection == nil {
		return w.LoadOptions()
	}
	return w.SelectOptions(*w.Selection)
}

// SpecSets parses every configured spec set, once.
func (w *Workspace) SpecSets() ([]*SpecSet, error) {
	if w.sets != nil {
		return w.sets, nil
	}
	for _, sc := range w.Config.Specs {
		set, err := specs.Load(w.Root, sc.Files, w.LoadOptions())
		if err != nil {
			return nil, err
		}
		w.sets = append(w.sets, &SpecSet{Config: sc, Set: set})
	}
	return w.sets, nil
}

// LoadPaths parses the files or directories given on a command line, with
// the workspace's options; relative paths are relative to the current
// directory, as users type them.
func (w *Workspace) LoadPaths(paths []string) (*specs.Set, error) {
	return specs.Load(".", paths, w.LoadOptions())
}

func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
