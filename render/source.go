package render

import (
	"strings"

	"github.com/ocispec/ocispec/internal/gitexec"
)

// GitSource fills what a spec set's "edit" and "view source" links need
// and the config leaves out: the repository's web URL from the origin
// remote (GitHub and GitLab style URLs), the default branch (origin's HEAD,
// else the current branch) and the repository's top-level directory.
// Outside a git repository it changes nothing.
func GitSource(sp *Spec, dir string) {
	top, err := gitexec.Output(dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return
	}
	sp.RepoRoot = strings.TrimSpace(string(top))
	if sp.Repository == "" {
		if out, err := gitexec.Output(dir, "remote", "get-url", "origin"); err == nil {
			sp.Repository = webURL(strings.TrimSpace(string(out)))
		}
	}
	if sp.Branch == "" {
		sp.Branch = defaultBranch(dir)
	}
}

func defaultBranch(dir string) string {
	if out, err := gitexec.Output(dir, "symbolic-ref", "--short", "refs/remotes/origin/HEAD"); err == nil {
		return strings.TrimPrefix(strings.TrimSpace(string(out)), "origin/")
	}
	if out, err := gitexec.Output(dir, "symbolic-ref", "--short", "HEAD"); err == nil {
		return strings.TrimSpace(string(out))
	}
	return ""
}

// webURL turns a clone URL into the repository's web address:
// git@github.com:o/r.git and https://github.com/o/r.git both become
// https://github.com/o/r. Anything else is not a web URL we can link to.
func webURL(remote string) string {
	u := strings.TrimSuffix(remote, ".git")
	switch {
	case strings.HasPrefix(u, "https://"):
		if at := strings.Index(u, "@"); at >= 0 && at < strings.Index(u[8:]+"/", "/")+8 {
			u = "https://" + u[at+1:] // drop credentials
		}
		return u
	case strings.HasPrefix(u, "git@"):
		host, p, ok := strings.Cut(strings.TrimPrefix(u, "git@"), ":")
		if ok {
			return "https://" + host + "/" + p
		}
	}
	return ""
}
