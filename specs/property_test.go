package specs_test

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/ocispec/ocispec/internal/golden"
	"github.com/ocispec/ocispec/specs"
)

func parseProps(t testing.TB, src string) *specs.Document {
	t.Helper()
	d, err := specs.Parse("p.md", []byte(src), specs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestPropertiesGolden prints the property tree of a fixture with every
// style, nesting and lead-in the OCI specs use.
func TestPropertiesGolden(t *testing.T) {
	src, err := os.ReadFile("testdata/properties.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, format := range specs.PropertyFormats() {
		d, err := specs.Parse("testdata/properties.md", src, specs.Options{})
		if err != nil {
			t.Fatal(err)
		}
		set := &specs.Set{Docs: []*specs.Document{d}}
		var out bytes.Buffer
		if err := specs.WriteProperties(&out, format, set.Properties(nil)); err != nil {
			t.Fatal(err)
		}
		golden.Check(t, "testdata/golden/properties."+format, out.Bytes())
	}
}

func TestPropertyStyles(t *testing.T) {
	tests := []struct {
		name, src string
		want      string // path type marker of every property, depth first
	}{
		{"image-spec manifest", "- **`schemaVersion`** *int*\n\n  This REQUIRED property says the version.\n\n- **`config`** *[descriptor](descriptor.md)*\n\n  This OPTIONAL property refers.\n",
			"schemaVersion integer REQUIRED; config ref descriptor.md OPTIONAL"},
		{"image-spec config", "- **config** _object_, OPTIONAL\n\n  - **User** _string_, OPTIONAL\n\n    Text.\n",
			"config object OPTIONAL; config.User string OPTIONAL"},
		{"runtime-spec list", "* **`args`** (array of strings, OPTIONAL) text.\n* **`uid`** *(uint32, REQUIRED)* - text.\n",
			"args array of string OPTIONAL; uid integer REQUIRED"},
		{"paragraph scopes the section", "## A\n\n**`mounts`** (array of objects, OPTIONAL) text.\n\n* **`type`** (string, REQUIRED) text.\n\n## B\n\n* **`other`** (bool, OPTIONAL) text.\n",
			"mounts array of object OPTIONAL; mounts[].type string REQUIRED; other boolean OPTIONAL"},
		{"lead-in names an object", "## P\n\n**`process`** (object, OPTIONAL) text.\n\n### User\n\nThe `user` structure has the following fields:\n\n* **`uid`** (int, REQUIRED) text.\n",
			"process object OPTIONAL; process.user object ; process.user.uid integer REQUIRED"},
		{"lead-in item inside a property", "* **`hooks`** (object, OPTIONAL) text:\n    * **`prestart`** (array of objects, OPTIONAL) text.\n        * Entries contain:\n            * **`path`** (string, REQUIRED) text.\n",
			"hooks object OPTIONAL; hooks.prestart array of object OPTIONAL; hooks.prestart[].path string REQUIRED"},
		{"values of a scalar", "* **`type`** (string, REQUIRED) one of:\n    * **`pid`** processes.\n    * **`net`** network.\n",
			"type string REQUIRED values=pid,net"},
		{"two names share a header", "* **`major, minor`** *(int64, REQUIRED unless `type` is `p`)* - numbers.\n",
			"major integer REQUIRED; minor integer REQUIRED"},
		{"maps", "- **`annotations`** *string-string map*\n\n  This OPTIONAL property holds labels.\n",
			"annotations map of string to string OPTIONAL"},
		{"bold prose is no property", "**NOTE:** this is prose.\n\n- **We differentiate** this.\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := parseProps(t, tt.src)
			var got []string
			for _, p := range d.AllProperties() {
				s := p.Path + " " + p.Type.String() + " " + p.Marker
				if len(p.Values) > 0 {
					s += " values=" + strings.Join(p.Values, ",")
				}
				got = append(got, s)
			}
			if g := strings.Join(got, "; "); g != tt.want {
				t.Errorf("got  %q\nwant %q", g, tt.want)
			}
		})
	}
}

func TestPropertyAt(t *testing.T) {
	src := "# T\n\n- **`a`** *object*\n\n  This OPTIONAL property has a sentence.\n\n  - **`b`** *string*\n\n    This MUST be set.\n\nAfter the list.\n"
	d := parseProps(t, src)
	for _, c := range []struct{ at, want string }{
		{"has a sentence", "a"},
		{"MUST be set", "a.b"},
		{"After the list", ""},
		{"# T", ""},
	} {
		got := ""
		if p := d.PropertyAt(strings.Index(src, c.at)); p != nil {
			got = p.Path
		}
		if got != c.want {
			t.Errorf("PropertyAt(%q) = %q, want %q", c.at, got, c.want)
		}
	}
	a := d.Properties[0]
	if m := src[a.MarkerSpan.Start:a.MarkerSpan.End]; m != "OPTIONAL" {
		t.Errorf("marker span of a = %q, want OPTIONAL", m)
	}
	if a.Line != 3 || a.Children[0].Line != 7 {
		t.Errorf("lines = %d, %d; want 3, 7", a.Line, a.Children[0].Line)
	}
}

// TestPropertyOwner: a platform document's properties belong to the
// object property that links to it (runtime-spec's `linux`).
func TestPropertyOwner(t *testing.T) {
	main := parseProps(t, "# Config\n\n* **`linux`** (object, OPTIONAL) [Linux-specific configuration](config-linux.md).\n* **`note`** (string, OPTIONAL) see [Linux](config-linux.md).\n")
	main.Path = "config.md"
	linux := parseProps(t, "# Linux\n\n**`sysctl`** (object, OPTIONAL) kernel parameters.\n")
	linux.Path = "config-linux.md"
	set := &specs.Set{Docs: []*specs.Document{main, linux}}
	if o := set.PropertyOwner(linux); o == nil || o.Path != "linux" {
		t.Errorf("owner of config-linux.md = %v, want linux", o)
	}
	if o := set.PropertyOwner(main); o != nil {
		t.Errorf("owner of config.md = %s, want none", o.Path)
	}
	var out bytes.Buffer
	if err := specs.WriteProperties(&out, "text", set.Properties(nil)); err != nil || !strings.Contains(out.String(), "(the properties of linux)") {
		t.Errorf("text output: %v %q", err, out.String())
	}
}
