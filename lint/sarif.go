package lint

import (
	"encoding/json"
	"io"
)

// SARIF 2.1.0 structures, limited to what ocispec writes. The output is
// validated against the OASIS schema in sarif_test.go.

const (
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion = "2.1.0"
	toolURI      = "https://github.com/ocispec/ocispec"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool    sarifTool     `json:"tool"`
	Results []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifRule struct {
	ID                   string       `json:"id"`
	ShortDescription     sarifText    `json:"shortDescription"`
	HelpURI              string       `json:"helpUri"`
	DefaultConfiguration sarifRuleCfg `json:"defaultConfiguration"`
}

type sarifRuleCfg struct {
	Level string `json:"level"`
}

type sarifResult struct {
	RuleID    string          `json:"ruleId"`
	RuleIndex int             `json:"ruleIndex"`
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations"`
	Fixes     []sarifFix      `json:"fixes,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           sarifRegion   `json:"region"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine"`
	EndColumn   int `json:"endColumn"`
}

type sarifFix struct {
	Description     sarifText             `json:"description"`
	ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
}

type sarifArtifactChange struct {
	ArtifactLocation sarifArtifact      `json:"artifactLocation"`
	Replacements     []sarifReplacement `json:"replacements"`
}

type sarifReplacement struct {
	DeletedRegion   sarifByteRegion `json:"deletedRegion"`
	InsertedContent *sarifText      `json:"insertedContent,omitempty"`
}

type sarifByteRegion struct {
	ByteOffset int `json:"byteOffset"`
	ByteLength int `json:"byteLength"`
}

func sarifLevel(s Severity) string {
	switch s {
	case Error:
		return "error"
	case Info:
		return "note"
	}
	return "warning"
}

func reportSARIF(w io.Writer, fs []Finding, opts ReportOptions) error {
	rules := opts.Rules
	if rules == nil {
		rules = all()
	}
	index := map[string]int{}
	driver := sarifDriver{Name: "ocispec", Version: opts.Version, InformationURI: toolURI, Rules: []sarifRule{}}
	addRule := func(id, summary string, sev Severity) {
		if _, ok := index[id]; ok {
			return
		}
		index[id] = len(driver.Rules)
		driver.Rules = append(driver.Rules, sarifRule{
			ID:                   id,
			ShortDescription:     sarifText{summary},
			HelpURI:              toolURI + "/blob/main/docs/rules/" + id + ".md",
			DefaultConfiguration: sarifRuleCfg{Level: sarifLevel(sev)},
		})
	}
	for _, r := range rules {
		addRule(r.ID(), r.Meta.Summary, r.Severity)
	}
	results := []sarifResult{}
	for _, f := range fs {
		addRule(f.Rule, f.Rule, f.Severity)
		uri := sarifURI(f.Path)
		res := sarifResult{
			RuleID:    f.Rule,
			RuleIndex: index[f.Rule],
			Level:     sarifLevel(f.Severity),
			Message:   sarifText{f.Message},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{
				ArtifactLocation: sarifArtifact{URI: uri},
				Region:           sarifRegion{f.Line, f.Column, f.EndLine, f.EndColumn},
			}}},
		}
		if f.Fix != nil && len(f.Fix.Edits) > 0 {
			ch := sarifArtifactChange{ArtifactLocation: sarifArtifact{URI: uri}}
			for _, e := range f.Fix.Edits {
				rep := sarifReplacement{DeletedRegion: sarifByteRegion{e.Span.Start, e.Span.Len()}}
				if e.New != "" {
					rep.InsertedContent = &sarifText{e.New}
				}
				ch.Replacements = append(ch.Replacements, rep)
			}
			res.Fixes = []sarifFix{{Description: sarifText{f.Fix.Description}, ArtifactChanges: []sarifArtifactChange{ch}}}
		}
		results = append(results, res)
	}
	log := sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{{Tool: sarifTool{Driver: driver}, Results: results}}}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(log)
}
