package main

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ocispec/ocispec/internal/atomicfile"
	"github.com/ocispec/ocispec/openapi"
)

func (a *app) openapiCmd() *cobra.Command {
	var out string
	cmd := withFormats(&cobra.Command{
		Use:   "openapi SPEC.md... [-o FILE.yaml|FILE.json]",
		Short: "Generate a validated OpenAPI 3.1 document from the endpoints and error-code tables",
		Long: `Openapi reads the endpoints table (columns ID, Method, API Endpoint,
Success, Failure), the error-code table and the prose of a spec, and writes
an OpenAPI 3.1 document: one path per endpoint template, operations that
list their endpoint IDs (x-ocispec-endpoints) and the requirements behind
them (x-ocispec-requirements), responses with the headers and bodies the
prose requires. The document is validated with kin-openapi before anything
is written. docs/openapi.md describes the mapping.

The format follows the -o extension (.json, else YAML); without -o, the
document goes to standard output as YAML, or JSON with --format json. Malformed table rows are reported as file:line
and the others are still generated.

Exit codes: 0 success, 1 malformed rows (document still written),
2 usage or input error (no endpoints table, invalid document).`,
		Example: `  ocispec openapi spec.md > openapi.yaml
  ocispec openapi spec.md -o openapi.json
  ocispec openapi check-traffic --spec openapi.yaml junit.xml`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			return a.runOpenAPI(args, out)
		},
	}, "yaml", "json")
	cmd.Flags().StringVarP(&out, "output", "o", "", "write the document to `FILE` (.yaml, .yml or .json)")
	cmd.AddCommand(a.checkTrafficCmd())
	return cmd
}

func (a *app) runOpenAPI(args []string, out string) error {
	ws, err := a.openWorkspace()
	if err != nil {
		return err
	}
	sets, err := loadSets(ws, args)
	if err != nil {
		return usageError{err}
	}
	if len(sets) != 1 {
		return usagef("openapi: name the files of one spec set (got %d sets)", len(sets))
	}
	doc, rowErrs, err := openapi.Build(sets[0], openapi.Options{})
	if err != nil {
		return usageError{err}
	}
	data, err := encodeOpenAPI(doc, out, a.format)
	if err != nil {
		return err
	}
	if out == "" {
		_, err = a.stdout.Write(data)
	} else {
		err = atomicfile.Write(out, data, 0o644, nil)
	}
	if err != nil {
		return err
	}
	for _, e := range rowErrs {
		fmt.Fprintf(a.stderr, "%v\n", e)
	}
	if len(rowErrs) > 0 {
		return errFindings
	}
	return nil
}

// encodeOpenAPI encodes the document as the -o extension says, or as
// --format says on standard output.
func encodeOpenAPI(doc *openapi.Document, out, format string) ([]byte, error) {
	switch ext := strings.ToLower(filepath.Ext(out)); {
	case ext == ".json", out == "" && format == "json":
		return doc.JSON()
	case out == "", ext == ".yaml", ext == ".yml":
		return doc.YAML()
	}
	return nil, usageError{errors.New("-o: want a .yaml, .yml or .json file")}
}
