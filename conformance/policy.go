package conformance

import (
	"slices"
	"strings"
)

// Required names the workflows a product must pass, for one spec version,
// to be listed as certified. A workflow is a results.yaml entry (APIs,
// Data) or, for results with only a junit file, a test category.
type Required struct {
	// Version is the version directory ("v1.1") this set applies to; ""
	// or "*" applies to every version without a set of its own.
	Version    string   `yaml:"version,omitempty" json:"version,omitempty"`
	APIs       []string `yaml:"apis,omitempty" json:"apis,omitempty"`
	Data       []string `yaml:"data,omitempty" json:"data,omitempty"`
	Categories []string `yaml:"categories,omitempty" json:"categories,omitempty"`
}

// Policy is what certification means for a workspace: the required
// workflows per version and the category of each results.yaml API name.
// The zero Policy means OCI's defaults (DefaultPolicy).
type Policy struct {
	Required []Required `yaml:"required,omitempty"`
	// Categories maps a results.yaml API name to its category, over the
	// built-in table and word rules (see Category).
	Categories map[string]string `yaml:"categories,omitempty"`
}

// The categories of OCI distribution conformance, in display order.
const (
	CategoryPull              = "Pull"
	CategoryPush              = "Push"
	CategoryContentDiscovery  = "Content Discovery"
	CategoryContentManagement = "Content Management"
	CategoryData              = "Data"
	CategoryAPIs              = "APIs"
)

// DefaultRequired is OCI's required set, as the oci-conformance products
// page marks it: the pull APIs (blob get and head, manifest get and head by
// digest and by tag), the sha256 blob, image and index data tests, and for
// junit-only results the Pull workflow.
func DefaultRequired() Required {
	return Required{
		APIs: []string{"Blob get", "Blob head", "Manifest get by digest", "Manifest get by tag",
			"Manifest head by digest", "Manifest head by tag"},
		Data:       []string{"Blobs sha256", "Image", "Index"},
		Categories: []string{CategoryPull},
	}
}

// RequiredFor returns the required set of a version: its own entry, else
// the entry for every version, else OCI's default.
func (p Policy) RequiredFor(version string) Required {
	var all *Required
	for i, r := range p.Required {
		switch r.Version {
		case version:
			return r
		case "", "*":
			all = &p.Required[i]
		}
	}
	if all != nil {
		return *all
	}
	return DefaultRequired()
}

// ociAPICategories is the category of each conformance v2 API name.
func ociAPICategory(name string) string {
	switch name {
	case "Ping", "Blob get", "Blob get range", "Blob head", "Manifest get by digest", "Manifest get by tag",
		"Manifest head by digest", "Manifest head by tag":
		return CategoryPull
	case "Blob anonymous mount", "Blob chunked", "Blob mount", "Blob post only", "Blob post put", "Blob push",
		"Blob streaming", "Blob upload cancel", "Manifest put by digest", "Manifest put by tag",
		"Manifest put with subject", "Manifest put with tag params":
		return CategoryPush
	case "Referrers", "Tag listing":
		return CategoryContentDiscovery
	case "Blob delete", "Blob delete atomic", "Manifest delete", "Manifest delete atomic", "Tag delete", "Tag delete atomic":
		return CategoryContentManagement
	}
	return ""
}

// Category returns the category of a results.yaml API name: the policy's
// override, else OCI's table, else by its words (delete: Content
// Management; list, listing, referrers, search: Content Discovery; get,
// head, ping: Pull; put, push, post, mount, upload, chunked, streaming:
// Push), else "APIs".
func (p Policy) Category(api string) string {
	if c, ok := p.Categories[api]; ok {
		return c
	}
	if c := ociAPICategory(api); c != "" {
		return c
	}
	words := strings.Fields(strings.ToLower(api))
	has := func(ws ...string) bool {
		return slices.ContainsFunc(words, func(w string) bool { return slices.Contains(ws, w) })
	}
	switch {
	case has("delete"):
		return CategoryContentManagement
	case has("list", "listing", "referrers", "search"):
		return CategoryContentDiscovery
	case has("get", "head", "ping"):
		return CategoryPull
	case has("put", "push", "post", "mount", "upload", "chunked", "streaming"):
		return CategoryPush
	}
	return CategoryAPIs
}

// categoryRank orders categories: OCI's in workflow order, then others
// alphabetically, "Other" last.
func categoryRank(c string) int {
	switch c {
	case CategoryPull:
		return 0
	case CategoryPush:
		return 1
	case CategoryContentDiscovery:
		return 2
	case CategoryContentManagement:
		return 3
	case CategoryAPIs:
		return 4
	case CategoryData:
		return 5
	case otherCategory:
		return 7
	}
	return 6
}

// CompareCategories orders category names for display.
func CompareCategories(a, b string) int {
	if ra, rb := categoryRank(a), categoryRank(b); ra != rb {
		return ra - rb
	}
	return strings.Compare(a, b)
}
