package spec

import (
	"regexp"
	"strconv"
	"strings"
)

// The versions of OpenAPI apibump reads: Swagger 2.0, OpenAPI 3.0.x and
// 3.1.x. kin-openapi and oasdiff read parts of OpenAPI 3.2 (itemSchema,
// additionalOperations), but apibump's own comparison and rules do not know
// its new fields yet, so a 3.2 document is refused rather than half judged.

var (
	openapiVersionRe = regexp.MustCompile(`^3\.[01](\.[0-9]+)?(-[0-9A-Za-z.-]+)?$`)
	plainVersionRe   = regexp.MustCompile(`^[0-9]+(\.[0-9]+){0,2}$`)
)

// supported says it in words, for the messages below.
const supported = "2.0, 3.0 and 3.1 are"

// checkDialect refuses a root document that is not Swagger 2.0, OpenAPI
// 3.0.x or 3.1.x, with the line of the field that says what it is.
func checkDialect(f *File) error {
	root := f.Root
	if root == nil || root.Kind != Object {
		return &ParseError{File: f.Name, Msg: "not an OpenAPI document: it is not a mapping"}
	}
	fail := func(n *Node, msg string) error {
		return &ParseError{File: f.Name, Line: int(n.Pos.Line), Msg: msg}
	}
	version := func(n *Node) (string, bool) {
		if n.Kind == Object || n.Kind == Array || n.Kind == Null {
			return "", false
		}
		return strings.TrimSpace(n.Value), true
	}
	if n := root.Get("openapi"); n != nil {
		v, ok := version(n)
		switch {
		case !ok || v == "":
			return fail(n, "not an OpenAPI document: its `openapi` field holds no version")
		case openapiVersionRe.MatchString(v):
			if root.Get("swagger") != nil {
				return fail(root.Get("swagger"), "not an OpenAPI document: it has both an `openapi` and a `swagger` field")
			}
			return nil
		case strings.HasPrefix(v, "3.2"):
			return fail(n, "OpenAPI "+quoteVersion(v)+" is not supported yet; "+supported)
		case strings.HasPrefix(v, "2"):
			return fail(n, "OpenAPI "+quoteVersion(v)+" does not exist: Swagger 2.0 is written `swagger: \"2.0\"`")
		}
		return fail(n, "OpenAPI "+quoteVersion(v)+" is not supported; "+supported)
	}
	if n := root.Get("swagger"); n != nil {
		v, ok := version(n)
		switch {
		case !ok || v == "":
			return fail(n, "not an OpenAPI document: its `swagger` field holds no version")
		case v == "2.0" || v == "2":
			return nil
		case strings.HasPrefix(v, "3"):
			return fail(n, "Swagger "+quoteVersion(v)+" does not exist: OpenAPI 3 is written `openapi: \"3.0.3\"` (or 3.1.x)")
		}
		return fail(n, "Swagger "+quoteVersion(v)+" is not supported; Swagger 2.0 and OpenAPI 3.0 and 3.1 are")
	}
	for _, other := range []struct{ key, name string }{{"asyncapi", "AsyncAPI"}, {"arazzo", "Arazzo"}, {"overlay", "an OpenAPI Overlay"}} {
		if n := root.Get(other.key); n != nil {
			what := other.name
			if v, ok := version(n); ok && v != "" && !strings.HasPrefix(other.name, "an ") {
				what += " " + quoteVersion(v)
			}
			return fail(n, "not an OpenAPI document: it is "+what+"; apibump reads Swagger 2.0 and OpenAPI 3.0 and 3.1")
		}
	}
	return &ParseError{File: f.Name, Msg: errNotOpenAPI.Error()}
}

// quoteVersion shows a version as written when it looks like one, else
// quoted, escaped and cut short: it comes from the document.
func quoteVersion(v string) string {
	if plainVersionRe.MatchString(v) && len(v) <= 16 {
		return v
	}
	if r := []rune(v); len(r) > 24 {
		v = string(r[:24]) + "…"
	}
	return strconv.QuoteToGraphic(v)
}
