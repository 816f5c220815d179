package specs

import (
	"path"
	"strings"
)

// governanceNames are the base names (upper case, extension dropped) of
// the files that govern a project rather than specify anything.
var governanceNames = map[string]bool{
	"MAINTAINERS": true, "MAINTAINERS_GUIDE": true, "GOVERNANCE": true, "RELEASES": true,
	"CONTRIBUTING": true, "EMERITUS": true, "CODE_OF_CONDUCT": true, "CODE-OF-CONDUCT": true,
	"SECURITY": true, "OWNERS": true,
}

// IsGovernance reports a project governance file: MAINTAINERS, GOVERNANCE,
// RELEASES, CONTRIBUTING and the like, or anything under .github. Their
// keywords bind people and processes, not implementations, so the
// requirement graph gives them the role "process" and zero-config spec
// sets leave them out unless asked.
func IsGovernance(p string) bool {
	p = strings.ReplaceAll(p, "\\", "/")
	for _, seg := range strings.Split(path.Dir(p), "/") {
		if seg == ".github" {
			return true
		}
	}
	base := strings.ToUpper(path.Base(p))
	base = strings.TrimSuffix(base, strings.ToUpper(path.Ext(base)))
	return governanceNames[base]
}
