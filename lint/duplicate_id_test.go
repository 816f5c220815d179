package lint

import "testing"

func TestDuplicateID(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		lines []int
	}{
		{"unique", "| ID | Method |\n| -- | ------ |\n| end-1 | GET |\n| end-2 | PUT |\n", nil},
		{"duplicate", "| ID | Method |\n| -- | ------ |\n| end-1 | GET |\n| end-1 | PUT |\n| `end-1` | POST |\n", []int{4, 5}},
		{"named id column", "| Endpoint ID | x |\n| -- | - |\n| a | 1 |\n| a | 2 |\n", []int{4}},
		{"other column", "| Name | Value |\n| -- | -- |\n| a | 1 |\n| a | 1 |\n", nil},
		{"empty cells", "| ID | x |\n| -- | - |\n|  | 1 |\n|  | 2 |\n", nil},
		{"two tables", "| ID |\n| -- |\n| a |\n\n| ID |\n| -- |\n| a |\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantLines(t, "duplicate-id", tt.src, tt.lines)
		})
	}
}
