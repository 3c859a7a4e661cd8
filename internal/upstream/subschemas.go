package upstream

import (
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// EachSubschema calls f with each schema directly under s, named by a
// token of its keyword (and its key or index): every field of
// kin-openapi's Schema holding one, those ResolveRefsIn resolves
// (TestEachSubschemaCoversTheSchema keeps the list whole), and
// engine/oasdiff's CutRings.
func EachSubschema(s *openapi3.Schema, f func(tok string, c *openapi3.SchemaRef)) {
	one := func(tok string, c *openapi3.SchemaRef) {
		if c != nil {
			f(tok, c)
		}
	}
	list := func(kw string, l openapi3.SchemaRefs) {
		for i, c := range l {
			one(kw+"/"+strconv.Itoa(i), c)
		}
	}
	named := func(kw string, m openapi3.Schemas) {
		for k, c := range m {
			one(kw+"/"+k, c)
		}
	}
	list("oneOf", s.OneOf)
	list("anyOf", s.AnyOf)
	list("allOf", s.AllOf)
	list("prefixItems", s.PrefixItems)
	one("not", s.Not)
	one("items", s.Items)
	one("contains", s.Contains)
	one("propertyNames", s.PropertyNames)
	one("if", s.If)
	one("then", s.Then)
	one("else", s.Else)
	one("contentSchema", s.ContentSchema)
	one("additionalProperties", s.AdditionalProperties.Schema)
	one("unevaluatedItems", s.UnevaluatedItems.Schema)
	one("unevaluatedProperties", s.UnevaluatedProperties.Schema)
	named("properties", s.Properties)
	named("patternProperties", s.PatternProperties)
	named("dependentSchemas", s.DependentSchemas)
	named("$defs", s.Defs)
}

// SetSubschema puts c in s at tok, a token EachSubschema gave.
func SetSubschema(s *openapi3.Schema, tok string, c *openapi3.SchemaRef) {
	kw, key, _ := strings.Cut(tok, "/")
	at := func(l openapi3.SchemaRefs) {
		if i, err := strconv.Atoi(key); err == nil && i < len(l) {
			l[i] = c
		}
	}
	switch kw {
	case "oneOf":
		at(s.OneOf)
	case "anyOf":
		at(s.AnyOf)
	case "allOf":
		at(s.AllOf)
	case "prefixItems":
		at(s.PrefixItems)
	case "not":
		s.Not = c
	case "items":
		s.Items = c
	case "contains":
		s.Contains = c
	case "propertyNames":
		s.PropertyNames = c
	case "if":
		s.If = c
	case "then":
		s.Then = c
	case "else":
		s.Else = c
	case "contentSchema":
		s.ContentSchema = c
	case "additionalProperties":
		s.AdditionalProperties.Schema = c
	case "unevaluatedItems":
		s.UnevaluatedItems.Schema = c
	case "unevaluatedProperties":
		s.UnevaluatedProperties.Schema = c
	case "properties":
		s.Properties[key] = c
	case "patternProperties":
		s.PatternProperties[key] = c
	case "dependentSchemas":
		s.DependentSchemas[key] = c
	case "$defs":
		s.Defs[key] = c
	}
}
