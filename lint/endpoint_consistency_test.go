package lint

import "testing"

func TestEndpointConsistency(t *testing.T) {
	table := "## Endpoints\n\n| ID | Method | API Endpoint | Success | Failure |\n| -- | -- | -- | -- | -- |\n" +
		"| end-1 | `GET` | `/g1/<name>/bits/<digest>` | `200` | `404` |\n" +
		"| end-2 | `PUT` | `/g1/<name>/bits/<digest>` | `201` | `400` |\n"
	tests := []struct {
		name  string
		src   string
		lines []int
	}{
		{"consistent", "# G\n\n## Bits\n\nA client fetches bits with `GET /g1/<name>/bits/<digest>` ([end-1](#endpoints)).\n" +
			"The registry MUST respond with `200 OK`, or with `404 Not Found` when there are none.\n\n" + table, nil},
		// line 6: 202 is not in end-2's row; line 13: end-2's 201 is never stated.
		{"prose status not in row", "# G\n\n## Bits\n\nA client stores bits with `PUT /g1/<name>/bits/<digest>` ([end-2](#endpoints)).\n" +
			"The registry MUST respond with `202 Accepted`.\n\n" + table, []int{6, 13}},
		{"header on a status the row lacks", "# G\n\n## Bits\n\nTo fetch bits, send `GET /g1/<name>/bits/<digest>` ([end-1](#endpoints)).\n" +
			"The registry MUST respond with `200 OK`.\nA `206 Partial Content` response MUST carry a `Content-Range` header.\n\n" + table, []int{7}},
		{"redirects are a rule of their own", "# G\n\n## Bits\n\nTo fetch bits, send `GET /g1/<name>/bits/<digest>` ([end-1](#endpoints)).\n" +
			"The registry MUST respond with `200 OK`, and it MAY respond with `307 Temporary Redirect`.\n\n" + table, nil},
		{"no endpoints table", "# G\n\nThe registry MUST respond with `202 Accepted`.\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantLines(t, "endpoint-consistency", tt.src, tt.lines)
		})
	}
}
