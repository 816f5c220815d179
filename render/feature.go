package render

// A Feature adds a page type to the site for data that some other package
// owns: the certified and conformance pages, the traceability report, the
// OpenAPI reference, schemas and their drift. The command builds each
// feature from its package's data and passes it in Options.Features; the
// site links every feature that has data from the home page and the
// navigation, and gives its pages the shared layout and stylesheet.
//
// A feature lives in render/<name>.go with its templates in
// render/templates/<name>*.html. A template renders a whole page:
//
//	{{define "certified.html"}}{{template "head" .Page}}
//	<main class="page"> ... </main>
//	{{template "foot" .Page}}{{end}}
//
// and Render writes it with b.Execute("certified.html", "certified/index.html",
// data), where data is a struct with a Page field from b.Page.
type Feature interface {
	// Nav is the feature's entry on the home page and in the navigation.
	// ok is false when the feature has no data: then it has no page and
	// Render is not called.
	Nav() (item NavItem, ok bool)
	// Render writes the feature's pages through b. Pages go under the
	// feature's own directory (NavItem.Href's first element).
	Render(b *Builder) error
}

// A NavItem is a link in the site navigation and on the home page.
type NavItem struct {
	// Title is the link text ("Certified products").
	Title string
	// Href is the page, relative to the site root ("certified/index.html").
	Href string
	// Description is one line shown under the link on the home page.
	Description string
}
