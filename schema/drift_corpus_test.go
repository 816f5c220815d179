package schema_test

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ocispec/ocispec/internal/golden"
	"github.com/ocispec/ocispec/internal/testcorpus"
	"github.com/ocispec/ocispec/schema"
	"github.com/ocispec/ocispec/specs"
)

func parseFile(t testing.TB, path string) *specs.Document {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	d, err := specs.Parse(filepath.Base(path), src, specs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// ociObjects are the documents whose property lists the official schemas
// of their modules define.
var ociObjects = []struct{ mod, md, schema, golden string }{
	{testcorpus.ImageSpec, "manifest.md", "image-manifest-schema.json", "image-spec-manifest"},
	{testcorpus.ImageSpec, "image-index.md", "image-index-schema.json", "image-spec-index"},
	{testcorpus.ImageSpec, "descriptor.md", "content-descriptor.json", "image-spec-descriptor"},
	{testcorpus.ImageSpec, "config.md", "config-schema.json", "image-spec-config"},
	{testcorpus.RuntimeSpec, "config.md", "config-schema.json", "runtime-spec-config"},
}

// TestDriftOCI compares the property model of image-spec's manifest,
// index, descriptor and config and runtime-spec's config with the
// official schemas in their modules, following $refs across each schema
// directory. Every difference is listed in testdata/drift/<name>.golden
// with a one-line reason after "#", written after reading the prose at
// the line given; a difference without a reason fails, so a new one is
// looked at before it is accepted. -update keeps the reasons.
//
// The missing-in-schema and missing-in-prose lines are also the check of
// `ocispec reqs --properties`: at every level the prose lists exactly the
// property names the schemas define, apart from the differences listed.
func TestDriftOCI(t *testing.T) {
	for _, c := range ociObjects {
		t.Run(c.golden, func(t *testing.T) {
			dir := testcorpus.ModuleDir(t, c.mod)
			d := parseFile(t, filepath.Join(dir, c.md))
			r, err := schema.Drift(d, d.Properties, schema.NewStore(filepath.Join(dir, "schema")), c.schema)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", "drift", c.golden+".golden")
			reasons := readReasons(t, path)
			var out bytes.Buffer
			for _, x := range r.Differences {
				line := driftLine(x)
				why := reasons[line]
				if why == "" {
					t.Errorf("difference without a verified reason: %s", line)
					why = "UNVERIFIED"
				}
				out.WriteString(line + "  # " + why + "\n")
			}
			golden.Check(t, path, out.Bytes())
		})
	}
}

func driftLine(x schema.Difference) string {
	var b bytes.Buffer
	if err := schema.WriteDrift(&b, "text", &schema.DriftReport{Differences: []schema.Difference{x}}); err != nil {
		panic(err)
	}
	return strings.TrimSpace(b.String())
}

// readReasons reads "difference  # reason" lines of a golden file.
func readReasons(t *testing.T, path string) map[string]string {
	out := map[string]string{}
	f, err := os.Open(path)
	if err != nil {
		return out
	}
	defer func() { _ = f.Close() }() // read-only
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if diff, why, ok := strings.Cut(sc.Text(), "  # "); ok && why != "UNVERIFIED" {
			out[diff] = why
		}
	}
	return out
}
