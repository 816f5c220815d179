package golden

import "testing"

func TestFirstDiff(t *testing.T) {
	for _, tt := range []struct{ want, got, diff string }{
		{"a\nb\n", "a\nc\n", "line 2:\n- b\n+ c"},
		{"a\n", "a\nx", "line 2:\n- \n+ x"},
		{"a", "a", "(identical)"},
	} {
		if d := FirstDiff(tt.want, tt.got); d != tt.diff {
			t.Errorf("FirstDiff(%q, %q) = %q, want %q", tt.want, tt.got, d, tt.diff)
		}
	}
}
