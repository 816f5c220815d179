package trace

import (
	"os"

	"github.com/ocispec/ocispec/reqs"
)

// Sources names the inputs of a trace: the requirements (already
// extracted from the parsed spec sets) and the evidence files.
type Sources struct {
	// Root is the directory relative test paths are resolved against and
	// shown relative to.
	Root         string
	Requirements []*reqs.Requirement
	// Tests are Go files or directories scanned for annotations.
	Tests []string
	// Mappings and Results are file paths as the user gave them.
	Mappings []string
	Results  []string
}

// Collect reads the evidence files. A mapping file that does not parse
// is an error (a *SyntaxError naming file and line); a results file that
// cannot be read is a finding, and the others are still read.
func Collect(src Sources) (Input, error) {
	in := Input{Requirements: src.Requirements}
	for _, f := range src.Mappings {
		data, err := os.ReadFile(f)
		if err != nil {
			return in, &SyntaxError{File: f, Msg: err.Error()}
		}
		m, err := ParseMapping(f, data)
		if err != nil {
			return in, err
		}
		in.Mappings = append(in.Mappings, m)
	}
	if len(src.Tests) > 0 {
		scan, err := ScanTests(src.Root, src.Tests)
		if err != nil {
			return in, err
		}
		in.Scan = scan
	}
	in.Results, in.Findings = ReadResults(src.Results)
	return in, nil
}
