package lint

import "testing"

func TestDirectives(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		lines []int
	}{
		{"none", "One. Two.\n\nThree. Four.\n", []int{1, 3}},
		{"next line", "<!-- ocispec-disable-next-line one-sentence-per-line -->\nOne. Two.\n\nThree. Four.\n", []int{4}},
		{"next line skips blank", "<!-- ocispec-disable-next-line -->\n\nOne. Two.\n\nThree. Four.\n", []int{5}},
		{"other rule", "<!-- ocispec-disable-next-line rfc-link -->\nOne. Two.\n", []int{2}},
		{"range", "<!-- ocispec-disable one-sentence-per-line -->\nOne. Two.\n\nThree. Four.\n<!-- ocispec-enable one-sentence-per-line -->\n\nFive. Six.\n", []int{7}},
		{"range to end", "A. B.\n\n<!-- ocispec-disable -->\n\nOne. Two.\n", []int{1}},
		{"bare enable", "<!-- ocispec-disable one-sentence-per-line rfc-link -->\n\nOne. Two.\n\n<!-- ocispec-enable -->\n\nThree. Four.\n", []int{7}},
		{"in code block", "```\n<!-- ocispec-disable -->\n```\n\nOne. Two.\n", []int{5}},
		{"mid-line comment", "Text <!-- ocispec-disable --> here.\n\nOne. Two.\n", []int{3}},
		{"comma-separated rules", "<!-- ocispec-disable-next-line rfc-link,one-sentence-per-line -->\nOne. Two.\n", nil},
		{"disable-line at the end of a line", "One. Two. <!-- ocispec-disable-line one-sentence-per-line -->\n\nThree. Four.\n", []int{3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantLines(t, "one-sentence-per-line", tt.src, tt.lines)
		})
	}
	// A disabled finding is not fixed either.
	src := "<!-- ocispec-disable-next-line -->\nOne. Two.\n"
	if got := fixSrc(t, "one-sentence-per-line", src); got != src {
		t.Errorf("fix ignored the directive: %q", got)
	}
}
