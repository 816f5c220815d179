package render

// Minutes are the meeting notes to publish: the live notes file and the
// archive files, parsed by package meetingnotes.
type Minutes struct{}

func (b *Builder) renderMinutes(m *Minutes) error {
	if m == nil {
		return nil
	}
	return nil
}

func minutesEntries(m *Minutes) []searchEntry {
	return nil
}
