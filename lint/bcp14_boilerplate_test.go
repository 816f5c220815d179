package lint

import (
	"strconv"
	"strings"
	"testing"

	"github.com/ocispec/ocispec/specs"
)

const boiler8174 = "The key words \"MUST\", \"MUST NOT\", \"REQUIRED\", \"SHALL\", \"SHALL NOT\", \"SHOULD\", \"SHOULD NOT\", \"RECOMMENDED\", \"NOT RECOMMENDED\", \"MAY\", and \"OPTIONAL\" in this document are to be interpreted as described in BCP 14 [RFC 2119] [RFC 8174] when, and only when, they appear in all capitals, as shown here.\n"

func lintSet(t *testing.T, rule string, files map[string]string, order ...string) []Finding {
	t.Helper()
	var docs []*specs.Document
	for _, name := range order {
		d, err := specs.Parse(name, []byte(files[name]), specs.Options{})
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	fs, err := Run(specs.NewSet(t.TempDir(), docs...), Config{Only: []string{rule}})
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

func TestBCP14Boilerplate(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		order []string
		want  []string // "path:line"
	}{
		{"present", map[string]string{"a.md": boiler8174 + "\nClients MUST retry.\n"}, []string{"a.md"}, nil},
		{"rfc 2119 wording", map[string]string{"a.md": "The key words \"MUST\" and \"MAY\" are to be interpreted as described in [RFC 2119](https://www.rfc-editor.org/rfc/rfc2119).\n\nClients MUST retry.\n"}, []string{"a.md"}, nil},
		{"missing", map[string]string{"a.md": "# A\n\nClients MUST retry.\n"}, []string{"a.md"}, []string{"a.md:3"}},
		{"in another document", map[string]string{"a.md": boiler8174, "b.md": "Servers SHOULD answer.\n"}, []string{"a.md", "b.md"}, nil},
		{"no keywords", map[string]string{"a.md": "Clients must retry, in lower case.\n"}, []string{"a.md"}, nil},
		{"keyword in code only", map[string]string{"a.md": "The `MUST` token.\n"}, []string{"a.md"}, nil},
		{"twice in one document", map[string]string{"a.md": boiler8174 + "\n" + boiler8174}, []string{"a.md"}, []string{"a.md:3"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := lintSet(t, "bcp14-boilerplate", tt.files, tt.order...)
			var got []string
			for _, f := range fs {
				got = append(got, f.Path+":"+strconv.Itoa(f.Line))
			}
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("got %v, want %v\n%v", got, tt.want, fs)
			}
		})
	}
	fs := lintSet(t, "bcp14-boilerplate", map[string]string{"a.md": "Clients MUST retry.\n"}, "a.md")
	if len(fs) != 1 || !strings.Contains(fs[0].Message, "RFC 8174") {
		t.Errorf("missing boilerplate message does not suggest RFC 8174: %v", fs)
	}
}

// TestBCP14BoilerplateStreamOrder: the set's first key word is reported in
// set order, whatever order a stream receives the documents in.
func TestBCP14BoilerplateStreamOrder(t *testing.T) {
	rules, _ := Select(Config{Only: []string{"bcp14-boilerplate"}})
	st := NewStream(".", []string{"a.md", "b.md"}, rules, Config{})
	for _, name := range []string{"b.md", "a.md"} {
		d, err := specs.Parse(name, []byte("Servers MUST answer.\n"), specs.Options{})
		if err != nil {
			t.Fatal(err)
		}
		st.Add(d)
	}
	fs := st.Finish()
	if len(fs) != 1 || fs[0].Path != "a.md" || fs[0].Line != 1 || fs[0].Severity != Warning {
		t.Errorf("findings = %+v", fs)
	}
}
