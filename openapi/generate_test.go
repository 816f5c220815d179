package openapi

import (
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/ocispec/ocispec/internal/golden"
	"github.com/ocispec/ocispec/internal/testcorpus"
	"github.com/ocispec/ocispec/reqs"
	"github.com/ocispec/ocispec/specs"
)

// exampleFiles are the example workspace's widget-spec files, as
// ocispec.yaml lists them.
var exampleFiles = []string{"spec.md", "media-types.md", "descriptor.md", "manifest.md", "api.md"}

func loadSet(t testing.TB, root string, files ...string) *specs.Set {
	t.Helper()
	set, err := specs.Load(root, files, specs.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return set
}

func generate(t testing.TB, set *specs.Set) (*Model, *Document) {
	t.Helper()
	m, err := FromSet(set)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Generate(m, Options{Requirements: RequirementsByEndpoint(m, reqs.Extract(set))})
	if err != nil {
		t.Fatal(err)
	}
	return m, doc
}

// checkComplete: every endpoint row is an operation's x-ocispec-endpoints
// entry, once per method, and every error code is in the code enum.
func checkComplete(t *testing.T, m *Model, doc *Document) {
	t.Helper()
	seen := map[string]int{}
	want := map[string]int{}
	for _, ep := range m.Endpoints {
		want[ep.ID] += len(ep.Methods)
	}
	for _, item := range doc.T.Paths.Map() {
		for _, op := range item.Operations() {
			ids, _ := op.Extensions["x-ocispec-endpoints"].([]any)
			for _, id := range ids {
				seen[id.(string)]++
			}
		}
	}
	for id, n := range want {
		if seen[id] != n {
			t.Errorf("endpoint %s in %d operations, want %d", id, seen[id], n)
		}
	}
	codes := doc.T.Components.Schemas["ErrorResponse"].Value.Properties["errors"].Value.Items.Value.Properties["code"].Value.Enum
	for _, c := range m.Errors {
		if !slices.Contains(codes, any(c.Code)) {
			t.Errorf("error code %s not in the enum", c.Code)
		}
	}
	if len(m.Errors) == 0 {
		t.Error("no error codes read")
	}
}

func TestGenerateExample(t *testing.T) {
	set := loadSet(t, filepath.Join("..", "examples", "spec"), exampleFiles...)
	m, doc := generate(t, set)
	if len(m.Endpoints) != 12 || len(m.RowErrors) != 0 {
		t.Fatalf("%d endpoints, row errors %v", len(m.Endpoints), m.RowErrors)
	}
	checkComplete(t, m, doc)
	y, err := doc.YAML()
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "testdata/example.openapi.yaml", y)
	j, err := doc.JSON()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := openapi3.NewLoader().LoadFromData(j); err != nil {
		t.Fatalf("JSON output does not load: %v", err)
	}
}

// op returns the operation for method and path of the document.
func op(t *testing.T, doc *Document, method, path string) *openapi3.Operation {
	t.Helper()
	item := doc.T.Paths.Find(path)
	if item == nil || item.GetOperation(method) == nil {
		t.Fatalf("no operation %s %s", method, path)
	}
	return item.GetOperation(method)
}

func requiredHeader(t *testing.T, o *openapi3.Operation, status int, header string) bool {
	t.Helper()
	r := o.Responses.Status(status)
	if r == nil {
		t.Fatalf("%s: no %d response", o.OperationID, status)
	}
	h := r.Value.Headers[header]
	return h != nil && h.Value.Required
}

func TestGenerateDistributionSpec(t *testing.T) {
	dir := testcorpus.SharedDir(t, "distribution-spec")
	for _, file := range []string{"spec.md", "spec-v1.1.1.md", "spec-v1.1.0.md", "spec-v1.0.1.md"} {
		t.Run(file, func(t *testing.T) {
			m, doc := generate(t, loadSet(t, dir, file))
			checkComplete(t, m, doc)
		})
	}
	m, doc := generate(t, loadSet(t, dir, "spec.md"))
	if len(m.Endpoints) != 19 {
		t.Errorf("%d endpoint rows, want 19", len(m.Endpoints))
	}
	blob := "/v2/{name}/blobs/{digest}"
	for _, tc := range []struct {
		method, path string
		status       int
		header       string
	}{
		{"HEAD", blob, 200, "Docker-Content-Digest"},
		{"HEAD", blob, 200, "Content-Length"},
		{"GET", blob, 200, "Docker-Content-Digest"},
		{"GET", blob, 206, "Content-Range"},
		{"POST", "/v2/{name}/blobs/uploads/", 202, "Location"},
		{"PATCH", "/v2/{name}/blobs/uploads/{session}", 202, "Range"},
		{"GET", "/v2/{name}/blobs/uploads/{session}", 204, "Location"},
		{"PUT", "/v2/{name}/manifests/{tag-or-digest}", 201, "Location"},
		{"GET", "/v2/", 401, "WWW-Authenticate"},
	} {
		if !requiredHeader(t, op(t, doc, tc.method, tc.path), tc.status, tc.header) {
			t.Errorf("%s %s %d: %s not required", tc.method, tc.path, tc.status, tc.header)
		}
	}
	// Optional headers stay optional: the prose says MAY or states a condition.
	if requiredHeader(t, op(t, doc, "PUT", "/v2/{name}/manifests/{tag-or-digest}"), 201, "OCI-Tag") {
		t.Error("OCI-Tag is required only of registries that support the tag parameter")
	}
	ref := op(t, doc, "GET", "/v2/{name}/referrers/{digest}")
	if ref.Responses.Status(200).Value.Content.Get("application/vnd.oci.image.index.v1+json") == nil {
		t.Error("referrers: no image index response")
	}
	if ref.Extensions["x-ocispec-requirements"] == nil {
		t.Error("referrers: no requirements")
	}
	tags := op(t, doc, "GET", "/v2/{name}/tags/list")
	if s := tags.Responses.Status(200).Value.Content.Get("application/json"); s == nil || s.Schema.Value.Properties["tags"] == nil {
		t.Error("tag list: no tags body")
	}
	put := op(t, doc, "PUT", "/v2/{name}/manifests/{tag-or-digest}")
	if put.Parameters.GetByInAndName("query", "tag") == nil {
		t.Error("end-7b: no repeated tag query parameter")
	}
}

func TestNoEndpointsTable(t *testing.T) {
	_, err := FromSet(loadSet(t, "testdata", "notable.md"))
	if !errors.Is(err, ErrNoEndpoints) || !strings.Contains(err.Error(), "notable.md") ||
		!strings.Contains(err.Error(), "ID, Method, API Endpoint, Success, Failure") {
		t.Fatalf("err = %v", err)
	}
}

func TestMalformedRows(t *testing.T) {
	m, err := FromSet(loadSet(t, "testdata", "malformed.md"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range m.RowErrors {
		got = append(got, e.Error())
	}
	want := []string{
		`malformed.md:8: end-2: unknown method "FETCH"`,
		`malformed.md:9: end-3: path template "/g1/<name>x/bits": segment "<name>x" is neither a literal nor a whole <placeholder>`,
		`malformed.md:10: endpoint row has no success`,
		`malformed.md:11: end-5: success: "2O2" is not an HTTP status code`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("row errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(m.Endpoints) != 2 {
		t.Fatalf("%d good rows, want 2", len(m.Endpoints))
	}
	if _, err := Generate(m, Options{}); err != nil {
		t.Fatalf("the good rows do not generate: %v", err)
	}
}

func TestParseTemplate(t *testing.T) {
	for _, tc := range []struct {
		in, shape string
		query     []QueryParam
		err       bool
	}{
		{in: "/v2/", shape: "/v2/"},
		{in: "/v2/<name>/blobs/<digest>", shape: "/v2/{}/blobs/{}"},
		{in: "/v2/<name>/tags/list?n=<integer>&last=<tagname>", shape: "/v2/{}/tags/list",
			query: []QueryParam{{Name: "n", Placeholder: "integer"}, {Name: "last", Placeholder: "tagname"}}},
		{in: "/v2/<name>/manifests/<digest>?tag=1&tag=2&tag=3", shape: "/v2/{}/manifests/{}",
			query: []QueryParam{{Name: "tag", Repeated: true}}},
		{in: "<blob-push-location>?digest=<digest>", shape: "<location>",
			query: []QueryParam{{Name: "digest", Placeholder: "digest"}}},
		{in: "v2/<name>", err: true},
		{in: "/v2//x", err: true},
		{in: "/v2/<na me>", err: true},
		{in: "/v2/?digest", err: true},
		{in: "/v2/?digest=<a b>", err: true},
	} {
		r, err := ParseTemplate(tc.in)
		if (err != nil) != tc.err {
			t.Errorf("%s: err = %v", tc.in, err)
			continue
		}
		if err == nil && (r.shape() != tc.shape || !slices.Equal(r.Query, tc.query)) {
			t.Errorf("%s: shape %s query %+v", tc.in, r.shape(), r.Query)
		}
	}
}
