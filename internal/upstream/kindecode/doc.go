// Package kindecode decodes kin-openapi's model faster than kin-openapi's
// loader does, on assumptions about kin-openapi's private behaviour that
// package upstream lists with the others (2, 3 and 14): the document in
// parts (split.go), deep schemas cut and put in place (cut.go), schemas
// built from the trees instead of decoded from JSON (schemas.go).
package kindecode
