package workspace

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestConfigConstraints has one case per constraint of docs/config.md:
// each error names the file, line and column, in the document's words.
//
// Covers: syntax-791f38, syntax-a50b9a, syntax-8c32c9, properties-916ee6, properties-182532, properties-bedaeb
// Covers: spec-set-properties-51815b, spec-set-properties-9c4946, spec-set-properties-b59815, spec-set-properties-282561
// Covers: lint-properties-63a261, lint-properties-845884, lint-properties-25ce37, lint-properties-65beb6
// Covers: errors-9c0657, errors-ac3e79, errors-4cf510
//
// Covers: properties-05a80f, spec-set-properties-186777, spec-set-properties-a61975
func TestConfigConstraints(t *testing.T) {
	tests := []struct {
		name, yaml string
		want       []string // one per reported problem, in file order
	}{
		{"empty file", "", nil},
		{"only comments", "# nothing yet\n", nil},
		{"valid", "specs:\n  - name: a\n    files: [a.md]\n    baseURL: https://x.example/a/\nlint:\n  rules:\n    rfc-link: warning\n  abbreviations: [approx.]\n", nil},
		{"not UTF-8", "specs: \xff\n", []string{"ocispec.yaml: the file must be encoded in UTF-8"}},
		{"two documents", "specs: []\n---\noutput: x\n", []string{"ocispec.yaml:2: the file must hold a single YAML document"}},
		{"top level not a mapping", "- a\n", []string{"ocispec.yaml:1:1: the top-level value must be a mapping"}},
		{"broken yaml", "specs: [\n", []string{"ocispec.yaml:1: did not find expected node content"}},
		{"unknown top-level key", "spec:\n  - {name: a, files: [a.md]}\n", []string{`ocispec.yaml:1:1: unknown key "spec" (known: `}},
		{"unknown key in a spec set", "specs:\n  - name: a\n    files: [a.md]\n    flies: [b]\n", []string{`ocispec.yaml:4:5: unknown key "flies" in specs[] (known: baseURL, branch, files,`}},
		{"keys are case-sensitive", "specs:\n  - name: a\n    files: [a.md]\n    baseurl: https://x.example/\n", []string{`ocispec.yaml:4:5: unknown key "baseurl" in specs[] (keys are case-sensitive: did you mean "baseURL"?)`}},
		{"key twice", "output: a\noutput: b\n", []string{`ocispec.yaml:2:1: key "output" is given twice`}},
		{"specs not an array", "specs: 3\n", []string{"ocispec.yaml:1:8: specs must be an array of objects, not the number 3"}},
		{"files not an array", "specs:\n  - name: a\n    files: a.md\n", []string{`ocispec.yaml:3:12: specs[].files must be an array of strings, not "a.md"`}},
		{"name required", "specs:\n  - files: [a.md]\n", []string{"ocispec.yaml:2:5: specs[]: the entry has no name, which is required"}},
		{"files required", "specs:\n  - name: a\n", []string{"ocispec.yaml:2:5: specs[]: the entry has no files, which is required"}},
		{"files not empty", "specs:\n  - name: a\n    files: []\n", []string{"ocispec.yaml:3:12: specs[].files must contain at least one entry"}},
		{"name pattern", "specs:\n  - {name: ../etc, files: [x]}\n", []string{`ocispec.yaml:2:12: specs[].name "../etc" must match ^[a-z0-9][a-z0-9._-]*$`}},
		{"duplicate names", "specs:\n  - {name: a, files: [x]}\n  - {name: a, files: [y]}\n", []string{`ocispec.yaml:3:12: specs: two entries have the name "a"`}},
		{"baseURL scheme", "specs:\n  - {name: a, files: [x], baseURL: \"ftp://x.example/\"}\n", []string{`ocispec.yaml:2:36: specs[].baseURL "ftp://x.example/" must be an absolute URL with the scheme http or https`}},
		{"baseURL relative", "specs:\n  - {name: a, files: [x], baseURL: /widget/}\n", []string{`specs[].baseURL "/widget/" must be an absolute URL`}},
		{"exclude pattern", "exclude: [\"[a\"]\n", []string{`ocispec.yaml:1:11: exclude: "[a" is not a valid pattern`}},
		{"minutes source is archive", "minutes:\n  source: notes\n  archive: ./notes/\n", []string{`ocispec.yaml:3:12: minutes.source and minutes.archive must not refer to the same path "./notes/"`}},
		{"output is root", "output: .\n", []string{`ocispec.yaml:1:9: output "." must not be the workspace root`}},
		{"output is a spec dir", "output: docs\nspecs:\n  - {name: a, files: [docs/]}\n", []string{`ocispec.yaml:3:23: specs[].files lists the output directory "docs", which build replaces`}},
		{"unknown rule", "lint:\n  rules:\n    one-sentence-per-lin: error\n", []string{`ocispec.yaml:3:5: lint.rules: unknown rule "one-sentence-per-lin" (known: `}},
		{"roles", "specs:\n  - name: a\n    files: [a.md]\n    roles:\n      registry: [depot]\n      depot: [x]\n", []string{`ocispec.yaml:6:7: specs[].roles: unknown role "depot" (want registry,`}},
		{"roles not words", "specs:\n  - name: a\n    files: [a.md]\n    roles:\n      registry: depot\n", []string{`ocispec.yaml:5:17: specs[].roles.* must be an array of strings, not "depot"`}},
		{"bad severity", "lint:\n  rules:\n    rfc-link: warn\n", []string{`ocispec.yaml:3:15: lint.rules.rfc-link: severity "warn" must be one of off, info, warning or error`}},
		{"abbreviation without full stop", "lint:\n  abbreviations: [approx, \"Fig .\"]\n", []string{`ocispec.yaml:2:19: lint.abbreviations: "approx" must end with a full stop`, `ocispec.yaml:2:27: lint.abbreviations: "Fig ." must not contain white space`}},
		{"options of an unknown rule", "lint:\n  options:\n    nope:\n      x: 1\n", []string{`ocispec.yaml:3:5: lint.options: unknown rule "nope"`}},
		{"unknown option", "lint:\n  options:\n    rfc-link:\n      bogus: true\n", []string{`ocispec.yaml:4:7: lint.options.rfc-link: rule rfc-link has no option "bogus"`}},
		{"options not a map of objects", "lint:\n  options:\n    rfc-link: 3\n", []string{"ocispec.yaml:3:15: lint.options.* must be a map of values, not the number 3"}},
		{"trace.specs names a spec set", "specs:\n  - {name: a, files: [x]}\ntrace:\n  specs: [a, b]\n", []string{`ocispec.yaml:4:14: trace.specs: no spec set is named "b"`}},
		{"alias for two people", "minutes:\n  aliases:\n    Sam Karp: [Sam]\n    Sam Doe: [sam]\n", []string{`ocispec.yaml:4:15: minutes.aliases: "sam" is listed for both "Sam Karp" and "Sam Doe"`}},
		{"all problems at once", "output: .\nspecs:\n  - name: A\n    files: [x]\nlint:\n  rules:\n    nope: off\n", []string{`ocispec.yaml:1:9: output`, `ocispec.yaml:3:11: specs[].name "A"`, `ocispec.yaml:7:5: lint.rules: unknown rule "nope"`}},
	}
	goTypes := regexp.MustCompile(`workspace\.|\[\]string|map\[|!!|unmarshal`)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseConfig("ocispec.yaml", []byte(tt.yaml))
			var got []string
			var ces ConfigErrors
			if errors.As(err, &ces) {
				for _, e := range ces {
					got = append(got, e.Error())
				}
			} else if err != nil {
				t.Fatalf("error %v is not a ConfigErrors", err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d problems %q, want %d %q", len(got), got, len(tt.want), tt.want)
			}
			for i := range got {
				if !strings.HasPrefix(got[i], tt.want[i]) && !strings.Contains(got[i], tt.want[i]) {
					t.Errorf("problem %d = %q, want %q", i, got[i], tt.want[i])
				}
				if goTypes.MatchString(got[i]) {
					t.Errorf("problem %d = %q names a Go type", i, got[i])
				}
			}
		})
	}
}

// TestConfigFilesExist: a files entry that does not exist is an error at
// its line in the config, naming the config.
//
// Covers: spec-set-properties-10b545
func TestConfigFilesExist(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, ConfigFile)
	if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte("# A\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cfg, []byte("specs:\n  - name: a\n    files:\n      - a.md\n      - nope\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Open(cfg, "")
	want := cfg + `:5:9: specs[].files: "nope" does not exist`
	if err == nil || err.Error() != want {
		t.Fatalf("error = %v\nwant    %s", err, want)
	}
}

// TestConfigDocExamples loads every example of docs/config.md marked
// title=ocispec.yaml, so that copying one never fails.
func TestConfigDocExamples(t *testing.T) {
	data, err := os.ReadFile("../docs/config.md")
	if err != nil {
		t.Fatal(err)
	}
	block := regexp.MustCompile("(?ms)^```yaml,title=ocispec\\.yaml\n(.*?)^```")
	found := block.FindAllSubmatch(data, -1)
	if len(found) == 0 {
		t.Fatal("docs/config.md has no example marked yaml,title=ocispec.yaml")
	}
	for i, m := range found {
		cfg, err := ParseConfig("docs/config.md example", m[1])
		if err != nil {
			t.Errorf("example %d: %v", i+1, err)
			continue
		}
		if len(cfg.Specs) == 0 || len(cfg.Lint.Rules) == 0 {
			t.Errorf("example %d: decoded to %+v", i+1, cfg)
		}
	}
}
