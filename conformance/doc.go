// Package conformance reads conformance results laid out as in the
// oci-conformance repository:
//
//	<root>/<spec>/<version>/<product>/{PRODUCT.yaml,README.md,results.yaml,junit.xml,badges.md,report.html}
//
// and the JUnit files found there in all three formats (see [Format]):
// conformance v1 Ginkgo JUnit, Ginkgo v2 JUnit and conformance v2 JUnit with
// its embedded configuration. It is the one JUnit parser of ocispec: the
// certified pages, `ocispec trace` and `ocispec openapi check-traffic` all
// read results through it.
//
// Two entry points:
//   - [Load] reads a whole tree into a [Tree] of [Result] values, one per
//     spec, version and product. Problems with one product (a missing
//     PRODUCT.yaml, a truncated junit.xml, an unknown status) are recorded on
//     that product as [*FileError] values; Load only fails when the tree
//     itself cannot be read.
//   - [NewJUnitReader] streams test cases one at a time with an
//     encoding/xml Decoder, so a 50 MB junit.xml costs the memory of its
//     largest test case, not of the file. [ReadJUnit] collects them.
//
// Every error names the file and, where the decoder knows it, the line.
// Nothing here panics on bad input; the fuzz targets check that.
package conformance
