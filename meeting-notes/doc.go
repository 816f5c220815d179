// Package meetingnotes reads the OCI weekly meeting notes and keeps their
// archive.
//
// The notes live in one HackMD document (the "live" notes) that keeps
// hitting HackMD's size limit, so maintainers move old meetings into yearly
// archive files. Both use the same Markdown layout: a header, then one
// "## <Month D, YYYY>[ title]" section per meeting with Attendees,
// Actionable Agenda Items, Presentation/Discussion Agenda Items and Notes
// subsections (the Notes hold the Zoom chat), and, in the live document
// only, an "Archived Meeting Notes" pointer and a template at the end.
//
// The parser is line based rather than a CommonMark parser because the
// format's meaning lives in lines (chat messages, headings, list items) and
// because exports of the live document lose blank lines and list nesting,
// which a CommonMark parser would misread as lazy continuations. Every
// section is kept as source lines, so [Document.Format] can reproduce an
// already formatted archive file byte for byte while repairing a flattened
// export, and [Archiver] can prove that an archive run lost nothing.
package meetingnotes
