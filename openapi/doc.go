// Package openapi derives an OpenAPI 3.1 document from a specification's
// endpoints table, error-code table and prose, and checks recorded HTTP
// exchanges against it.
//
// The spec is read once into a Model (FromSet): the endpoint rows with
// their source lines, the error codes, the path-parameter patterns the
// prose states, and for each endpoint the statuses and headers the prose
// requires of it. Generate turns the model into an *openapi3.T, validates
// it with kin-openapi in OpenAPI 3.1 mode, and only then hands it out; a
// document that fails validation is an error, never output. CheckTraffic
// validates exchanges (from package conformance) with openapi3filter.
// The lint rule endpoint-consistency compares the same model's table rows
// with its prose (see Inconsistencies).
package openapi
