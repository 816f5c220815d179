package lint

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ocispec/ocispec/specs"
)

// A Rule is one registered check: a type in a file of its own, listed in
// Rules, with a page under docs/rules/ and a test file. Check may be
// called from several goroutines at once, for different documents, so a
// rule keeps no state of its own between calls: what it needs across a
// document's calls lives in the Context (see Context.Memo), what it needs
// across the set in its summaries (see SetRule).
type Rule interface {
	// Meta describes the rule: its ID, default severity and options.
	Meta() Meta
	// Check inspects one document and returns its findings (with spans;
	// the runner fills path, rule, severity, line and column).
	Check(doc *specs.Document, ctx *Context) []Finding
}

// A SetRule is a Rule that also judges the spec set as a whole, without
// holding every document in memory: Summarize keeps what the rule needs of
// one document (with positions already resolved, see At); CheckSet gets
// the summaries in set order once every document has been seen.
type SetRule interface {
	Rule
	// Summarize is called once per document, after Check and with the
	// same Context.
	Summarize(doc *specs.Document, ctx *Context) any
	// CheckSet returns the set-wide findings; each carries its path and
	// position (see At).
	CheckSet(sums []Summary, ctx *Context) []Finding
}

// Meta describes a rule.
type Meta struct {
	// ID is the stable kebab-case identifier used in config and comments.
	ID string
	// Severity is the default severity; Off means off by default.
	Severity Severity
	// Summary is a one-line description.
	Summary string
	// Fixable tells whether the rule can offer fixes.
	Fixable bool
	// Options are the options the rule accepts under lint.options.<ID> in
	// ocispec.yaml; any other is a config error.
	Options []Option
}

// DocURL returns the path of the rule's documentation page in the
// repository.
func (m Meta) DocURL() string { return "docs/rules/" + m.ID + ".md" }

// An Option is one setting a rule accepts.
type Option struct {
	Name    string
	Type    OptionType
	Default any
	// Summary is a one-line description.
	Summary string
}

// OptionType is the type of an option's value as YAML gives it.
type OptionType int

// The option types.
const (
	Bool OptionType = iota
	Int
	String
	Strings
)

func (t OptionType) String() string {
	switch t {
	case Bool:
		return "a boolean"
	case Int:
		return "an integer"
	case String:
		return "a string"
	case Strings:
		return "a list of strings"
	}
	return fmt.Sprintf("optiontype(%d)", int(t))
}

// Check reports whether v, a value decoded from YAML, has type t.
func (t OptionType) Check(v any) bool {
	switch t {
	case Bool:
		_, ok := v.(bool)
		return ok
	case Int:
		_, ok := v.(int)
		return ok
	case String:
		_, ok := v.(string)
		return ok
	case Strings:
		switch vs := v.(type) {
		case []string:
			return true
		case []any:
			for _, x := range vs {
				if _, ok := x.(string); !ok {
					return false
				}
			}
			return true
		}
	}
	return false
}

// Rules returns every rule, in a stable order (the order of the
// documentation). It builds fresh values on each call. Adding a rule adds
// one line to the list; the directive rule, which checks the rule names of
// inline comments, comes last and knows the others.
func Rules() []Rule {
	rules := []Rule{
		oneSentencePerLine{},
		newRFCLink(),
		newRFCObsolete(),
		bcp14Boilerplate{},
		newBCP14KeywordCase(),
		newBCP14MayNot(),
		brokenLink{},
		newDuplicateID(),
		tocMismatch{},
		propertyList{},
		exampleSchema{},
		endpointConsistency{},
	}
	return append(rules, newDirectiveRule(rules))
}

// Lookup returns the registered rule with the given ID.
func Lookup(id string) (Rule, bool) {
	for _, r := range Rules() {
		if r.Meta().ID == id {
			return r, true
		}
	}
	return nil, false
}

// IDs returns every rule ID, in registry order.
func IDs() []string {
	var ids []string
	for _, r := range Rules() {
		ids = append(ids, r.Meta().ID)
	}
	return ids
}

// CheckOptions reports the first problem with the options given to rule
// id: an unknown rule, an unknown option or a value of the wrong type. The
// error names the option; the caller adds the file and line.
func CheckOptions(id string, opts map[string]any) error {
	r, ok := Lookup(id)
	if !ok {
		return fmt.Errorf("unknown rule %q (known: %s)", id, strings.Join(IDs(), ", "))
	}
	m := r.Meta()
	names := make([]string, 0, len(opts))
	for name := range opts {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		i := slices.IndexFunc(m.Options, func(o Option) bool { return o.Name == name })
		if i < 0 {
			return fmt.Errorf("rule %s has no option %q%s", id, name, optionList(m.Options))
		}
		if o := m.Options[i]; !o.Type.Check(opts[name]) {
			return fmt.Errorf("option %s of rule %s must be %s", name, id, o.Type)
		}
	}
	return nil
}

func optionList(opts []Option) string {
	if len(opts) == 0 {
		return " (it takes none)"
	}
	names := make([]string, len(opts))
	for i, o := range opts {
		names[i] = o.Name
	}
	return " (known: " + strings.Join(names, ", ") + ")"
}

// Options are the option values of one rule for a run: the configured ones
// over the rule's declared defaults.
type Options map[string]any

// Bool returns the boolean option name.
func (o Options) Bool(name string) bool { v, _ := o[name].(bool); return v }

// Int returns the integer option name.
func (o Options) Int(name string) int { v, _ := o[name].(int); return v }

// String returns the string option name.
func (o Options) String(name string) string { v, _ := o[name].(string); return v }

// Strings returns the list option name.
func (o Options) Strings(name string) []string {
	switch v := o[name].(type) {
	case []string:
		return v
	case []any:
		out := make([]string, 0, len(v))
		for _, x := range v {
			s, _ := x.(string)
			out = append(out, s)
		}
		return out
	}
	return nil
}

// An Enabled rule is a registered rule with the severity and options a
// run gives it (see Select).
type Enabled struct {
	Rule     Rule
	Meta     Meta
	Severity Severity
	Options  Options
}

// ID returns the rule's ID.
func (e *Enabled) ID() string { return e.Meta.ID }

// enable returns r with its default severity and options overlaid by
// the configured ones.
func enable(r Rule, sev Severity, configured map[string]any) *Enabled {
	m := r.Meta()
	opts := make(Options, len(m.Options))
	for _, o := range m.Options {
		if o.Default != nil {
			opts[o.Name] = o.Default
		}
	}
	for k, v := range configured {
		opts[k] = v
	}
	return &Enabled{Rule: r, Meta: m, Severity: sev, Options: opts}
}

// Select returns the rules enabled by cfg with their effective severity
// and options. It fails on an unknown rule ID or option.
func Select(cfg Config) ([]*Enabled, error) {
	for id := range cfg.Severity {
		if _, ok := Lookup(id); !ok {
			return nil, fmt.Errorf("unknown rule %q (known: %s)", id, strings.Join(IDs(), ", "))
		}
	}
	for id, opts := range cfg.Options {
		if err := CheckOptions(id, opts); err != nil {
			return nil, err
		}
	}
	only := map[string]bool{}
	for _, id := range cfg.Only {
		if _, ok := Lookup(id); !ok {
			return nil, fmt.Errorf("unknown rule %q (known: %s)", id, strings.Join(IDs(), ", "))
		}
		only[id] = true
	}
	var out []*Enabled
	for _, r := range Rules() {
		if sev := selectedSeverity(r.Meta(), cfg, only); sev != Off {
			out = append(out, enable(r, sev, cfg.Options[r.Meta().ID]))
		}
	}
	return out, nil
}

// selectedSeverity is the severity cfg gives the rule described by m.
func selectedSeverity(m Meta, cfg Config, only map[string]bool) Severity {
	sev := m.Severity
	if s, ok := cfg.Severity[m.ID]; ok {
		sev = s
	}
	if len(only) == 0 {
		return sev
	}
	if !only[m.ID] {
		return Off
	}
	if sev == Off {
		// Asking for a rule by name runs it even when it is off.
		sev = m.Severity
		if sev == Off {
			sev = Warning
		}
	}
	return sev
}

// all returns every rule with its default severity and options, off ones
// included.
func all() []*Enabled {
	var out []*Enabled
	for _, r := range Rules() {
		out = append(out, enable(r, r.Meta().Severity, nil))
	}
	return out
}
