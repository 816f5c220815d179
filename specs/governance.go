package specs

import "strings"

// GovernancePatterns returns exclude patterns (see LoadOptions.Exclude)
// for the files that govern a project rather than specify anything:
// MAINTAINERS, GOVERNANCE, RELEASES, CONTRIBUTING and the like, and
// anything under .github. It returns a new slice each call, so no caller
// can change what another sees.
func GovernancePatterns() []string {
	return []string{
		"MAINTAINERS*", "GOVERNANCE*", "RELEASES*", "CONTRIBUTING*", "EMERITUS*",
		"CODE_OF_CONDUCT*", "CODE-OF-CONDUCT*", "SECURITY*", "OWNERS*", ".github",
	}
}

// IsGovernance reports a project governance file (GovernancePatterns,
// case-insensitively). Their keywords bind people and processes, not
// implementations: the requirement graph gives them the role "process",
// and zero-config spec sets leave them out of reqs unless asked.
func IsGovernance(p string) bool {
	p = strings.ReplaceAll(p, "\\", "/")
	upper := strings.ToUpper(p)
	for _, pat := range GovernancePatterns() {
		if excluded(upper, []string{strings.ToUpper(pat)}) {
			return true
		}
	}
	return false
}
