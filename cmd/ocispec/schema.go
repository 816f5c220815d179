package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/ocispec/ocispec/internal/atomicfile"
	"github.com/ocispec/ocispec/schema"
	"github.com/ocispec/ocispec/specs"
	"github.com/ocispec/ocispec/workspace"
)

func (a *app) schemaCmd() *cobra.Command {
	cmd := withFormats(&cobra.Command{
		Use:   "schema",
		Short: "Generate JSON Schemas from property lists, compare them with hand-written schemas, validate the JSON examples",
		Long: `Schema works on the property model of the prose (see ocispec reqs
--properties): gen writes a JSON Schema 2020-12 for each documented object,
drift compares the prose with a hand-written schema, and examples validates
every fenced block whose info string carries mediatype= against the schema
of that media type. docs/schema.md describes the mapping.`,
		Example: `  ocispec schema gen manifest.md -o schemas/
  ocispec schema drift manifest.md --against schema/image-manifest-schema.json
  ocispec schema examples`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}, "text")
	cmd.AddCommand(a.schemaGenCmd(), a.schemaDriftCmd(), a.schemaExamplesCmd())
	return cmd
}

func (a *app) schemaGenCmd() *cobra.Command {
	var out string
	cmd := withFormats(&cobra.Command{
		Use:   "gen FILE.md... [-o DIR]",
		Short: "Write a JSON Schema 2020-12 for each object the prose documents",
		Long: `Gen reads the property lists of the given documents (or of the workspace's
spec sets) and writes one JSON Schema per documented object: type,
required, const and enum ("MUST be ` + "`2`" + `", "MUST be one of"), pattern,
$ref for a type that links to another document, additionalProperties for
maps. x-ocispec-line maps each keyword to the source line it came from.
A document with an error-code table also gets its error envelope.

With -o DIR the schemas are written there (atomically), one file each;
without, they go to standard output as one JSON array.

Exit codes: 0 success, 2 usage or input error.`,
		Example: `  ocispec schema gen manifest.md descriptor.md -o schemas/
  ocispec schema gen spec/ | jq '.[0].schema'`,
		RunE: func(_ *cobra.Command, args []string) error { return a.runSchemaGen(args, out) },
	}, "json")
	cmd.Flags().StringVarP(&out, "output", "o", "", "write the schemas to `DIR`")
	return cmd
}

func (a *app) runSchemaGen(args []string, out string) error {
	ws, sets, err := a.schemaSets(args)
	if err != nil {
		return err
	}
	_ = ws
	var gen []schema.Generated
	for _, set := range sets {
		gen = append(gen, schema.GenerateSet(set)...)
	}
	if out == "" {
		enc := json.NewEncoder(a.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(gen)
	}
	if err := schema.CheckFiles(gen); err != nil {
		return usageError{err}
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return usageError{err}
	}
	for _, g := range gen {
		data, err := json.MarshalIndent(g.Schema, "", "  ")
		if err != nil {
			return err
		}
		if err := atomicfile.Write(filepath.Join(out, g.File), append(data, '\n'), 0o644, nil); err != nil {
			return err
		}
	}
	fmt.Fprintf(a.stderr, "wrote %d schemas to %s\n", len(gen), out)
	return nil
}

func (a *app) schemaDriftCmd() *cobra.Command {
	var against string
	cmd := withFormats(&cobra.Command{
		Use:   "drift FILE.md --against SCHEMA.json",
		Short: "Report where the prose's properties and a hand-written JSON Schema disagree",
		Long: `Drift compares the property model of FILE.md with SCHEMA.json, following
$refs across the schema's directory, and reports real differences only:
missing-in-schema, missing-in-prose, required-mismatch, type-mismatch and
enum-mismatch, each with the prose's file and line. Two ways of writing one
constraint (int64 with bounds and integer, minItems and "at least one") are
not drift; fields the prose lists under a type defined in another document
only add restrictions to it.

Exit codes: 0 no differences, 1 differences, 2 usage or input error
(a schema that does not parse, an unresolvable $ref).`,
		Example: `  ocispec schema drift manifest.md --against schema/image-manifest-schema.json
  ocispec schema drift config.md --against schema/config-schema.json --format json`,
		Args: cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error { return a.runSchemaDrift(args[0], against) },
	}, schema.ReportFormats()...)
	cmd.Flags().StringVar(&against, "against", "", "the hand-written JSON Schema `FILE`")
	_ = cmd.MarkFlagRequired("against")
	return cmd
}

func (a *app) runSchemaDrift(file, against string) error {
	src, err := os.ReadFile(file)
	if err != nil {
		return usageError{err}
	}
	doc, err := specs.Parse(filepath.ToSlash(file), src, specs.Options{})
	if err != nil {
		return usageError{err}
	}
	r, err := schema.Drift(doc, doc.Properties, schema.NewStore(filepath.Dir(against)), filepath.Base(against))
	if err != nil {
		return usageError{err}
	}
	if err := schema.WriteDrift(a.stdout, a.format, r); err != nil {
		return err
	}
	if len(r.Differences) > 0 {
		return errFindings
	}
	return nil
}

func (a *app) schemaExamplesCmd() *cobra.Command {
	cmd := withFormats(&cobra.Command{
		Use:   "examples [PATH...]",
		Short: "Validate every media-typed JSON example against the schema of its media type",
		Long: `Examples validates every fenced block whose info string carries
mediatype= (image-spec's convention, e.g.
json,title=Manifest&mediatype=application/vnd.oci.image.manifest.v1%2Bjson)
against the schema for that media type: image-spec's schemas are built in,
schema.mediaTypes in ocispec.yaml maps more, and a media type shown by an
example after a property list maps to the schema generated from it.
A finding is placed on the offending value's line (its JSON pointer is
mapped back to the source), or on the exact line and column of a JSON
syntax error. A block marked &expect=invalid is a counter-example: it must
fail, and passing is the finding.

Exit codes: 0 all examples valid, 1 findings, 2 usage or input error.`,
		Example: `  ocispec schema examples
  ocispec schema examples manifest.md --format json`,
		RunE: func(_ *cobra.Command, args []string) error { return a.runSchemaExamples(args) },
	}, schema.ReportFormats()...)
	return cmd
}

func (a *app) runSchemaExamples(args []string) error {
	ws, sets, err := a.schemaSets(args)
	if err != nil {
		return err
	}
	v, err := setValidator(ws, sets)
	if err != nil {
		return usageError{err}
	}
	cwd, err := os.Getwd()
	if err != nil {
		return err
	}
	r := v.CheckSets(sets...)
	for i := range r.Invalid {
		for _, set := range sets {
			if set.Doc(r.Invalid[i].File) != nil {
				r.Invalid[i].File = relTo(cwd, set.Root)(r.Invalid[i].File)
				break
			}
		}
	}
	if err := schema.WriteExamples(a.stdout, a.format, r); err != nil {
		return err
	}
	if len(r.Invalid) > 0 {
		return errFindings
	}
	return nil
}

// setValidator builds the example validator of the selected sets: the
// workspace's schema.mediaTypes, image-spec's schemas, the generated ones.
func setValidator(ws *workspace.Workspace, sets []*specs.Set) (*schema.Validator, error) {
	var gen []schema.Generated
	for _, set := range sets {
		gen = append(gen, schema.GenerateSet(set)...)
	}
	mts := map[string]string{}
	for mt, file := range ws.Config.Schema.MediaTypes {
		mts[mt] = ws.Path(file)
	}
	return schema.NewSetValidator(gen, mts)
}

// schemaSets opens the workspace and parses the sets named by args.
func (a *app) schemaSets(args []string) (*workspace.Workspace, []*specs.Set, error) {
	ws, err := a.openWorkspace()
	if err != nil {
		return nil, nil, err
	}
	sets, err := loadSets(ws, args)
	if err != nil {
		return nil, nil, usageError{err}
	}
	return ws, sets, nil
}
