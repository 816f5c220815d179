package conformance

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Setting is one key and value, in file order.
type Setting struct {
	Key   string
	Value string
}

// Config is the configuration a conformance v2 run declared (results.yaml's
// "config" or the junit "Config" property): which optional APIs and data
// tests were on. Nested keys are flattened with dots ("apis.blobs.delete").
// Values of credential keys (password, token, secret) are replaced by
// "(hidden)" when not empty: results are published.
type Config struct {
	Settings []Setting
}

// ParseConfig reads a configuration YAML mapping.
func ParseConfig(data []byte) (*Config, error) {
	var n yaml.Node
	if err := yaml.Unmarshal(data, &n); err != nil {
		return nil, err
	}
	if len(n.Content) == 0 {
		return &Config{}, nil
	}
	return configFromNode(n.Content[0])
}

func configFromNode(n *yaml.Node) (*Config, error) {
	if n.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("line %d: configuration is not a mapping", n.Line)
	}
	c := &Config{}
	flatten("", n, &c.Settings)
	return c, nil
}

func flatten(prefix string, n *yaml.Node, out *[]Setting) {
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := prefix+n.Content[i].Value, n.Content[i+1]
		switch v.Kind {
		case yaml.MappingNode:
			flatten(k+".", v, out)
		case yaml.SequenceNode:
			vals := make([]string, 0, len(v.Content))
			for _, e := range v.Content {
				vals = append(vals, e.Value)
			}
			*out = append(*out, Setting{Key: k, Value: "[" + strings.Join(vals, ", ") + "]"})
		default:
			*out = append(*out, Setting{Key: k, Value: hideSecret(k, v.Value)})
		}
	}
}

func hideSecret(key, v string) string {
	k := strings.ToLower(key)
	if v != "" && (strings.Contains(k, "password") || strings.Contains(k, "token") || strings.Contains(k, "secret")) {
		return "(hidden)"
	}
	return v
}

// Get returns the value of a dotted key.
func (c *Config) Get(key string) (string, bool) {
	if c == nil {
		return "", false
	}
	for _, s := range c.Settings {
		if s.Key == key {
			return s.Value, true
		}
	}
	return "", false
}

// Toggles returns the boolean settings: the optional APIs and data tests
// the run switched on or off.
func (c *Config) Toggles() []Setting {
	if c == nil {
		return nil
	}
	var out []Setting
	for _, s := range c.Settings {
		if s.Value == "true" || s.Value == "false" {
			out = append(out, s)
		}
	}
	return out
}
