package conformance

import "strings"

// category derives a test's group from its name. Conformance v2 names are
// paths ("OCI Conformance Test/sha256 blobs/get/blob-get"): the group is the
// element after the suite name. Ginkgo names join the container texts with
// spaces ("OCI Distribution Conformance Tests Pull Pull blobs HEAD ..."): the
// group is the container after the top one, which is the classname (Ginkgo
// v1) or ends with the word "Tests" (Ginkgo v2, whose classname is the
// suite description).
func (r *JUnitReader) category(name, className string) string {
	if r.suite.Format == FormatConformanceV2 {
		parts := strings.Split(name, "/")
		if len(parts) > 1 {
			return parts[1]
		}
		return name
	}
	return ginkgoCategory(name, className)
}

func ginkgoCategory(name, className string) string {
	rest, ok := strings.CutPrefix(name, className+" ")
	if className == "" || !ok {
		rest = afterTopContainer(name)
	}
	words := strings.Fields(rest)
	switch {
	case len(words) == 0:
		return name
	case len(words) > 1 && twoWordContainer(words[0], words[1]):
		return words[0] + " " + words[1]
	}
	return words[0]
}

// otherCategory holds tests outside any container, such as Ginkgo v2's
// report step.
const otherCategory = "Other"

// afterTopContainer drops the words up to and including the first "Tests"
// or "Test" among the first eight words; without one, the test belongs to
// no container.
func afterTopContainer(name string) string {
	words := strings.Fields(name)
	for i := 0; i < len(words) && i < 8; i++ {
		if w := strings.ToLower(words[i]); w == "tests" || w == "test" {
			return strings.Join(words[i+1:], " ")
		}
	}
	return otherCategory
}

// twoWordContainer knows the conformance v1 containers whose names have two
// words.
func twoWordContainer(a, b string) bool {
	return a == "Content" && (b == "Discovery" || b == "Management")
}
