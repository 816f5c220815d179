package render

import (
	"fmt"

	"github.com/ocispec/ocispec/trace"
)

// TracePage is the traceability feature: the trace report of the
// workspace (ocispec trace) as a page of the site, with coverage per
// level, the products × requirements matrix and the findings.
type TracePage struct {
	Report *trace.Report
	// Subject names what was traced ("ocispec Documentation").
	Subject string
}

// Nav links the page when there is a report.
func (t TracePage) Nav() (NavItem, bool) {
	if t.Report == nil {
		return NavItem{}, false
	}
	must := t.Report.Levels["MUST"]
	desc := fmt.Sprintf("Requirements traced to tests: %d requirements", len(t.Report.Requirements))
	if must != nil {
		desc = fmt.Sprintf("Requirements traced to tests: %.1f%% of %d MUST requirements covered", must.Percent, must.Total)
	}
	return NavItem{Title: "Traceability", Href: "trace/index.html", Description: desc}, true
}

// traceLevel is one coverage card.
type traceLevel struct {
	Name string
	*trace.LevelCount
}

// traceData is the data of templates/trace.html.
type traceData struct {
	Page    Page
	Subject string
	Report  *trace.Report
	Levels  []traceLevel
	Runs    []string
	Counts  []count
}

// Render writes trace/index.html.
func (t TracePage) Render(b *Builder) error {
	rel := "trace/index.html"
	d := traceData{Page: b.Page(rel, "Traceability"), Subject: t.Subject, Report: t.Report, Runs: t.Report.RunNames()}
	for _, l := range t.Report.LevelNames() {
		d.Levels = append(d.Levels, traceLevel{Name: l, LevelCount: t.Report.Levels[l]})
	}
	counts := t.Report.StatusCounts()
	for _, s := range []trace.Status{trace.StatusPass, trace.StatusFail, trace.StatusSkip, trace.StatusCovered, trace.StatusStale, trace.StatusUncovered} {
		if counts[s] > 0 {
			d.Counts = append(d.Counts, count{Label: string(s), N: counts[s]})
		}
	}
	return b.Execute("trace.html", rel, d)
}
