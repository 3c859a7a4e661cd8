package spec

import (
	"regexp"
	"strings"
)

// What the document model knows of OpenAPI's grammar: enough to tell the
// names an author chose from keywords, and operations from the other
// members of a path item.

// namedMaps are the keywords whose object members are names chosen by the
// author (a property called "description" is not documentation).
var namedMaps = map[string]bool{
	"paths": true, "webhooks": true, "properties": true, "patternProperties": true,
	"definitions": true, "schemas": true, "responses": true, "parameters": true, "headers": true,
	"content": true, "examples": true, "links": true, "callbacks": true, "securitySchemes": true,
	"securityDefinitions": true, "requestBodies": true, "pathItems": true, "variables": true,
	"mapping": true, "dependentSchemas": true, "dependentRequired": true, "$defs": true,
	"scopes": true, "encoding": true,
}

// IsNamedMap tells whether key is a keyword whose object members are names
// chosen by the author.
func IsNamedMap(key string) bool { return namedMaps[key] }

// operationKeys are the methods a path item can hold an operation under.
var operationKeys = map[string]bool{"get": true, "put": true, "post": true, "delete": true,
	"options": true, "head": true, "patch": true, "trace": true, "query": true}

// IsOperationKey tells whether key names an operation in a path item.
func IsOperationKey(key string) bool { return operationKeys[key] }

var pathParamRe = regexp.MustCompile(`\{[^}]*\}`)

// PathParams returns the parameters of a path template ("{id}"), in order.
func PathParams(p string) []string { return pathParamRe.FindAllString(p, -1) }

// PathTemplate normalises a path so that renamed path parameters still match:
// each "{...}" becomes "{}", as pathParamRe's matches replaced (its
// callers compare every path of a document with others, so it scans the
// bytes once and returns a path without parameters as it is).
func PathTemplate(p string) string {
	i := strings.IndexByte(p, '{')
	if i < 0 {
		return p
	}
	var b strings.Builder
	b.Grow(len(p))
	for i >= 0 {
		j := strings.IndexByte(p[i+1:], '}')
		if j < 0 {
			break // no match from here on: [^}]* cannot pass a '}'
		}
		b.WriteString(p[:i])
		b.WriteString("{}")
		p = p[i+1+j+1:]
		i = strings.IndexByte(p, '{')
	}
	b.WriteString(p)
	return b.String()
}

// SplitRef splits a $ref into its file part and its fragment.
func SplitRef(ref string) (string, string) {
	for i := 0; i < len(ref); i++ {
		if ref[i] == '#' {
			return ref[:i], ref[i+1:]
		}
	}
	return ref, ""
}
