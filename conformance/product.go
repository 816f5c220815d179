package conformance

import (
	"strings"

	"go.yaml.in/yaml/v3"
)

// Product is a PRODUCT.yaml: what was tested, by whom, and where to learn
// more. All fields are untrusted text.
type Product struct {
	Vendor           string `yaml:"vendor"`
	Name             string `yaml:"name"`
	Version          string `yaml:"version"`
	WebsiteURL       string `yaml:"website_url"`
	RepoURL          string `yaml:"repo_url"`
	DocumentationURL string `yaml:"documentation_url"`
	LogoURL          string `yaml:"product_logo_url"`
	// Type is free text in oci-conformance ("distribution", "hosted",
	// "cloud and self hosted", "hosted platform", "product").
	Type        string `yaml:"type"`
	Description string `yaml:"description"`
}

// Hosted reports whether the product is a hosted service rather than
// software one runs oneself: its type mentions hosting, a cloud or a
// platform. The certified list groups products this way.
func (p *Product) Hosted() bool {
	t := strings.ToLower(p.Type)
	return strings.Contains(t, "hosted") || strings.Contains(t, "cloud") || strings.Contains(t, "platform") || strings.Contains(t, "service")
}

// ParseProduct reads PRODUCT.yaml. A product needs a name.
func ParseProduct(data []byte, file string) (*Product, error) {
	var p Product
	if err := yaml.Unmarshal(data, &p); err != nil {
		return nil, yamlErr(file, err)
	}
	if strings.TrimSpace(p.Name) == "" {
		return nil, fileErr(file, 0, "no product name (the name field)")
	}
	return &p, nil
}
