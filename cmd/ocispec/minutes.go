package main

import (
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"time"

	meetingnotes "github.com/ocispec/ocispec/meeting-notes"
	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"
)

func (a *app) minutesCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "minutes",
		Short: "Parse, format, archive and index the weekly meeting notes",
		Long: `minutes works on the OCI weekly meeting notes: the live HackMD document
and the archive files of the .github repository. See docs/minutes.md.`,
		Example: `  ocispec minutes parse notes.md --format json
  ocispec minutes fmt meeting-notes/oci-weekly-notes-2025.md
  ocispec minutes archive notes.md --archive-dir meeting-notes --before 2026-04-01 --write-back
  ocispec minutes links meeting-notes/*.md --format markdown`,
	}
	cmd.AddCommand(a.minutesParseCmd(), a.minutesFmtCmd(), a.minutesArchiveCmd(), a.minutesLinksCmd())
	return cmd
}

// readNotes reads and parses one notes or archive file; both failures are
// input errors (exit 2) and name the file.
func readNotes(path string) (*meetingnotes.Document, []byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, usagef("%v", err)
	}
	d, err := meetingnotes.Parse(path, data)
	if err == nil {
		err = d.CheckNotes()
	}
	if err != nil {
		return nil, nil, usagef("%v", err)
	}
	return d, data, nil
}

func (a *app) minutesParseCmd() *cobra.Command {
	return withFormats(&cobra.Command{
		Use:   "parse [FILE]",
		Short: "Print the meetings of a notes or archive file",
		Long: `parse reads a live notes file or an archive file and prints its meetings:
date, title, canceled marker, recording, attendees, agenda items (nested),
and chat messages. --format json prints the full structure; text prints one
summary line per meeting.`,
		Example: `  ocispec minutes parse notes.md --format json
  ocispec minutes parse meeting-notes/oci-weekly-notes-2025.md
  ocispec minutes parse                 # minutes.source of ocispec.yaml`,
		Args: argsBetween(0, 1, "at most one FILE"),
		RunE: func(_ *cobra.Command, args []string) error {
			file := ""
			if len(args) == 1 {
				file = args[0]
			} else {
				source, _, err := a.minutesPaths()
				if err != nil {
					return err
				}
				if source == "" {
					return usagef("minutes parse: no FILE given and no minutes.source in the workspace config")
				}
				file = source
			}
			d, _, err := readNotes(file)
			if err != nil {
				return err
			}
			if a.format == "json" {
				return encodeJSON(a.stdout, d)
			}
			return meetingnotes.WriteSummary(a.stdout, d)
		},
	}, "text", "json")
}

func (a *app) minutesFmtCmd() *cobra.Command {
	var write, check bool
	cmd := &cobra.Command{
		Use:   "fmt FILE",
		Short: "Print a notes file in the archive layout",
		Long: `fmt prints FILE in the archive layout: blank lines around headings and
lists, two-space nested lists, chat lines as HH:MM:SS<TAB>Name:<TAB>text, a
final newline. Sections that already have a layout are kept byte for byte;
sections flattened by a HackMD export are re-laid-out, with list nesting
inferred where the notes' conventions allow.`,
		Example: `  ocispec minutes fmt notes.md > formatted.md
  ocispec minutes fmt --check meeting-notes/oci-weekly-notes-2025.md
  ocispec minutes fmt --write notes.md`,
		Args: argsBetween(1, 1, "one FILE (a notes or archive file)"),
		RunE: func(_ *cobra.Command, args []string) error {
			if write && check {
				return usagef("--write and --check are exclusive")
			}
			d, data, err := readNotes(args[0])
			if err != nil {
				return err
			}
			out := d.Format()
			switch {
			case check:
				if string(out) != string(data) {
					fmt.Fprintf(a.stdout, "%s: not in the archive layout\n", args[0])
					return errFindings
				}
				return nil
			case write:
				if string(out) == string(data) {
					return nil
				}
				return meetingnotes.AtomicWriter{}.WriteFile(args[0], out, 0o644)
			}
			_, err = a.stdout.Write(out)
			return err
		},
	}
	cmd.Flags().BoolVarP(&write, "write", "w", false, "rewrite FILE in place (atomically) instead of printing it")
	cmd.Flags().BoolVar(&check, "check", false, "write nothing; if FILE is not in the archive layout, print its name and exit 1")
	return withFormats(cmd, "text")
}

// archiveFlags are the flags of minutes archive.
type archiveFlags struct {
	dir, before, period string
	writeBack, dryRun   bool
}

func (a *app) minutesArchiveCmd() *cobra.Command {
	var fl archiveFlags
	cmd := &cobra.Command{
		Use:   "archive [NOTES.md] --before YYYY-MM-DD [--archive-dir DIR]",
		Short: "Move old meetings from the live notes into archive files",
		Long: `archive merges every meeting of NOTES.md dated before --before, newest
first, into the archive file of its period in --archive-dir:
oci-weekly-notes-YYYY.md for --period calendar (the default), or
oci-weekly-notes-YYYY-apr-YYYY-mar.md for --period apr-mar. With --write-back
the meetings are then removed from NOTES.md, whose header and template stay.

The run is idempotent (a second run changes nothing), lossless (it refuses
to write unless every line of every moved meeting is in the new archive
content, up to whitespace) and atomic (each file is replaced by rename, and
NOTES.md only after all archive files are on disk).

NOTES.md and --archive-dir default to minutes.source and minutes.archive of
the workspace config (ocispec.yaml).`,
		Example: `  ocispec minutes archive notes.md --archive-dir meeting-notes --before 2026-04-01
  ocispec minutes archive notes.md --archive-dir meeting-notes --before 2026-04-01 --write-back
  ocispec minutes archive notes.md --archive-dir meeting-notes --before 2025-04-01 --period apr-mar --dry-run`,
		Args: argsBetween(0, 1, "at most one NOTES.md"),
		RunE: func(_ *cobra.Command, args []string) error {
			return a.runMinutesArchive(args, fl)
		},
	}
	cmd.Flags().StringVar(&fl.dir, "archive-dir", "", "`DIR` holding the archive files, created if missing (default: minutes.archive of the workspace)")
	cmd.Flags().StringVar(&fl.before, "before", "", "archive meetings dated before `YYYY-MM-DD`")
	cmd.Flags().StringVar(&fl.period, "period", string(meetingnotes.PeriodCalendar), "archive file per `PERIOD`: calendar or apr-mar")
	cmd.Flags().BoolVar(&fl.writeBack, "write-back", false, "remove the archived meetings from NOTES.md")
	cmd.Flags().BoolVar(&fl.dryRun, "dry-run", false, "report what would change without writing")
	return withFormats(cmd, "text", "json")
}

func (a *app) runMinutesArchive(args []string, fl archiveFlags) error {
	notesPath, dir, err := a.archivePaths(args, fl.dir)
	if err != nil {
		return err
	}
	ar, err := archiver(fl)
	if err != nil {
		return err
	}
	data, err := os.ReadFile(notesPath)
	if err != nil {
		return usagef("%v", err)
	}
	plan, err := ar.Plan(notesPath, data, dir)
	if err != nil {
		return usagef("%v", err)
	}
	if !fl.dryRun {
		if err := plan.Apply(meetingnotes.AtomicWriter{}); err != nil {
			return err
		}
	}
	if a.format == "json" {
		return encodeJSON(a.stdout, plan.Summary(fl.dryRun))
	}
	return plan.WriteReport(a.stdout, fl.dryRun)
}

// archivePaths returns the notes file and archive directory: the argument
// and --archive-dir, else the workspace's minutes.source and .archive.
func (a *app) archivePaths(args []string, dir string) (notesPath, archiveDir string, err error) {
	if len(args) == 1 {
		notesPath = args[0]
	}
	if notesPath == "" || dir == "" {
		source, archive, err := a.minutesPaths()
		if err != nil {
			return "", "", err
		}
		notesPath = cmp.Or(notesPath, source)
		dir = cmp.Or(dir, archive)
	}
	switch {
	case notesPath == "":
		return "", "", usagef("archive: no NOTES.md given and minutes.source is not set in the workspace config")
	case dir == "":
		return "", "", usagef("archive: no --archive-dir given and minutes.archive is not set in the workspace config")
	}
	return notesPath, dir, nil
}

// archiver builds the Archiver the flags ask for.
func archiver(fl archiveFlags) (meetingnotes.Archiver, error) {
	if fl.before == "" {
		return meetingnotes.Archiver{}, usagef("archive: --before YYYY-MM-DD is required")
	}
	cut, err := time.Parse(time.DateOnly, fl.before)
	if err != nil {
		return meetingnotes.Archiver{}, usagef("archive: --before %q: want YYYY-MM-DD", fl.before)
	}
	per, err := meetingnotes.ParsePeriod(fl.period)
	if err != nil {
		return meetingnotes.Archiver{}, usagef("archive: --period: %v", err)
	}
	return meetingnotes.Archiver{Before: cut, Period: per, WriteBack: fl.writeBack}, nil
}

func (a *app) minutesLinksCmd() *cobra.Command {
	var suggest bool
	cmd := &cobra.Command{
		Use:   "links [FILE|DIR...]",
		Short: "Index the GitHub issues and PRs the meetings discussed, and attendance",
		Long: `links lists every GitHub issue and pull request linked in the given notes
and archive files with the dates of the meetings that linked it (how many
weeks it stayed on the agenda), and the attendance of every person.
A meeting that appears in several files (an archive overlap) counts once.
A directory stands for its *.md files. Without arguments, the notes file and
the archive directory of the workspace config (ocispec.yaml) are indexed.

People listed under "Regrets:" or "Apologies:", or with a remark such as
"(can't attend today)", are absent. minutes.aliases in ocispec.yaml merges
the names a person appears under; --suggest-aliases prints probable
variants ("Mike" and "Michael Brown") in that form, to check and paste.`,
		Example: `  ocispec minutes links notes.md meeting-notes/*.md
  ocispec minutes links notes.md --format json
  ocispec minutes links meeting-notes/oci-weekly-notes-2025.md --format markdown
  ocispec minutes links --suggest-aliases`,
		RunE: func(_ *cobra.Command, args []string) error {
			return a.runMinutesLinks(args, suggest)
		},
	}
	cmd.Flags().BoolVar(&suggest, "suggest-aliases", false, "print probable name variants as minutes.aliases for ocispec.yaml, instead of the index")
	return withFormats(cmd, "text", "json", "markdown")
}

func (a *app) runMinutesLinks(args []string, suggest bool) error {
	ws, err := a.openWorkspace()
	if err != nil {
		return err
	}
	if len(args) == 0 {
		for _, p := range []string{ws.Config.Minutes.Source, ws.Config.Minutes.Archive} {
			if p != "" {
				args = append(args, ws.Path(p))
			}
		}
		if len(args) == 0 {
			return usagef("links: no FILE given and neither minutes.source nor minutes.archive is set in the workspace config")
		}
	}
	files, err := expandMarkdown(args)
	if err != nil {
		return err
	}
	var docs []*meetingnotes.Document
	for _, p := range files {
		d, _, err := readNotes(p)
		if err != nil {
			return err
		}
		docs = append(docs, d)
	}
	idx := meetingnotes.BuildIndexAliases(ws.Config.Minutes.Aliases, docs...)
	if suggest {
		return a.writeAliases(meetingnotes.SuggestAliases(idx))
	}
	switch a.format {
	case "json":
		return encodeJSON(a.stdout, idx)
	case "markdown":
		return idx.WriteMarkdown(a.stdout)
	}
	return idx.WriteText(a.stdout)
}

// writeAliases prints suggested aliases as the minutes.aliases section of
// ocispec.yaml (text), or as a JSON object.
func (a *app) writeAliases(al map[string][]string) error {
	if a.format == "json" {
		return encodeJSON(a.stdout, al)
	}
	if len(al) == 0 {
		_, err := fmt.Fprintln(a.stdout, "# no probable name variants found")
		return err
	}
	out, err := yaml.Marshal(map[string]any{"minutes": map[string]any{"aliases": al}})
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(a.stdout, "# Probable name variants: check each, then add them to ocispec.yaml.\n%s", out)
	return err
}

// minutesPaths returns the notes file and archive directory configured in
// the workspace (either may be empty).
func (a *app) minutesPaths() (source, archive string, err error) {
	ws, err := a.openWorkspace()
	if err != nil {
		return "", "", err
	}
	m := ws.Config.Minutes
	return ws.Path(m.Source), ws.Path(m.Archive), nil
}

// expandMarkdown replaces each directory argument by its *.md files, in
// lexical order.
func expandMarkdown(args []string) ([]string, error) {
	var out []string
	for _, p := range args {
		st, err := os.Stat(p)
		if err != nil {
			return nil, usagef("%v", err)
		}
		if !st.IsDir() {
			out = append(out, p)
			continue
		}
		md, err := filepath.Glob(filepath.Join(p, "*.md"))
		if err != nil {
			return nil, usagef("%v", err)
		}
		out = append(out, md...) // Glob returns names in lexical order
	}
	return out, nil
}
