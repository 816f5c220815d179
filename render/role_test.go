package render

import (
	"testing"

	"github.com/ocispec/ocispec/reqs"
)

// TestRoleOfIsNormalized: the home-page chart and the requirements index
// group requirements by their normalized role, not by the subject as
// written ("Clients", "it").
func TestRoleOfIsNormalized(t *testing.T) {
	for _, tc := range []struct {
		actor string
		role  reqs.Role
		want  string
	}{
		{"Clients", "client", "client"},
		{"it", "registry", "registry"},
		{"", "", "unspecified"},
	} {
		r := &reqs.Requirement{Actor: tc.actor, Role: tc.role}
		if got := roleOf(r); got != tc.want {
			t.Errorf("actor %q, role %q: roleOf = %q, want %q", tc.actor, tc.role, got, tc.want)
		}
	}
}
