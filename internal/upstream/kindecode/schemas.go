package kindecode

import (
	"encoding/json"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apibump/apibump/internal/spec"
)

// Building kin-openapi's schemas from the trees, as encoding/json decodes
// them (see kinmodel/kinschema.go for why). What
// this rests on:
// SchemaRef.UnmarshalJSON reads an object whose only key is a non-empty
// $ref string as that reference and nothing else; Schema.UnmarshalJSON
// reads each key below into the field its JSON tag names (matching case
// exactly here: encoding/json also matches keys in another case, which
// the builder leaves to it), and keeps in Extensions, decoded as plain
// JSON, the keys it has no field for (the builder reads only those that
// start with "x-"); BoolSchema.UnmarshalJSON (additionalProperties,
// unevaluatedItems, unevaluatedProperties) decodes a schema into a map,
// encodes that and decodes the result, so its numbers are float64s (the
// way path items are, AppendFloat64). encoding/json leaves a pointer nil
// for null, and makes an empty list or map for [] and {}. Guards:
// kinmodel's TestDirectSchemas (the models built and decoded are the same
// on the test corpus, oasdiff's data and documents with every keyword in
// every odd form), TestDirectSchemasLinear, and kincheck's
// TestScanFindsWhatKinRefuses (thousands of refused documents refused
// alike).

// SchemaSource is what SchemaBuilder reads a piece of the document
// through: the JSON written for the parts it decodes with encoding/json,
// as they are written within the whole (references rebased, maps written
// as a $ref inlined), for schemas in one file at one depth of inlining.
type SchemaSource interface {
	// Inlined tells whether member i of schema n is written as what its
	// $ref points to.
	Inlined(n *spec.Node, i int) bool
	// Ref returns the $ref ref of a schema as it is written.
	Ref(ref string) string
	// Member writes the value of member i of schema n, numbers as float64s
	// when floats is set, with no marks; false when it cannot be written
	// as within the whole.
	Member(n *spec.Node, i int, floats bool) ([]byte, bool)
	// Schema writes schema n, at schema level level, with marks for the
	// schemas below it that Splice puts pieces in.
	Schema(n *spec.Node, floats bool, level int) ([]byte, bool)
	// MarkedMember writes the value of member i of schema n, at schema
	// level level, with marks as Schema does.
	MarkedMember(n *spec.Node, i int, floats bool, level int) ([]byte, bool)
}

// SchemaBuilder builds schemas from their trees.
type SchemaBuilder struct {
	// Declined counts the schemas left to encoding/json.
	Declined int
	src      SchemaSource
	broken   bool // a schema's JSON did not decode: build no more
}

// Build builds the schema n, at schema level level (1 for a schema
// outside schemas), from src, as SchemaRef.UnmarshalJSON decodes what src
// writes for it, with its numbers as float64s when floats is set; false
// when it cannot, and then the schema is to be decoded from its JSON.
func (b *SchemaBuilder) Build(src SchemaSource, n *spec.Node, floats bool, level int) (*openapi3.SchemaRef, bool) {
	b.src = src
	return b.build(n, floats, level)
}

// schemaFields are the keys of a schema that kin-openapi reads into a field
// and whose value is decoded from its JSON (plain values and small
// objects).
var schemaFields = map[string]func(*openapi3.Schema) any{
	"enum":              func(s *openapi3.Schema) any { return &s.Enum },
	"default":           func(s *openapi3.Schema) any { return &s.Default },
	"example":           func(s *openapi3.Schema) any { return &s.Example },
	"externalDocs":      func(s *openapi3.Schema) any { return &s.ExternalDocs },
	"exclusiveMinimum":  func(s *openapi3.Schema) any { return &s.ExclusiveMin },
	"exclusiveMaximum":  func(s *openapi3.Schema) any { return &s.ExclusiveMax },
	"xml":               func(s *openapi3.Schema) any { return &s.XML },
	"minimum":           func(s *openapi3.Schema) any { return &s.Min },
	"maximum":           func(s *openapi3.Schema) any { return &s.Max },
	"multipleOf":        func(s *openapi3.Schema) any { return &s.MultipleOf },
	"minLength":         func(s *openapi3.Schema) any { return &s.MinLength },
	"maxLength":         func(s *openapi3.Schema) any { return &s.MaxLength },
	"minItems":          func(s *openapi3.Schema) any { return &s.MinItems },
	"maxItems":          func(s *openapi3.Schema) any { return &s.MaxItems },
	"minProperties":     func(s *openapi3.Schema) any { return &s.MinProps },
	"maxProperties":     func(s *openapi3.Schema) any { return &s.MaxProps },
	"discriminator":     func(s *openapi3.Schema) any { return &s.Discriminator },
	"const":             func(s *openapi3.Schema) any { return &s.Const },
	"examples":          func(s *openapi3.Schema) any { return &s.Examples },
	"minContains":       func(s *openapi3.Schema) any { return &s.MinContains },
	"maxContains":       func(s *openapi3.Schema) any { return &s.MaxContains },
	"dependentRequired": func(s *openapi3.Schema) any { return &s.DependentRequired },
	"type":              func(s *openapi3.Schema) any { return &s.Type },
	"required":          func(s *openapi3.Schema) any { return &s.Required },
}

// schemaStrings are the string fields of a schema.
var schemaStrings = map[string]func(*openapi3.Schema) *string{
	"title":            func(s *openapi3.Schema) *string { return &s.Title },
	"format":           func(s *openapi3.Schema) *string { return &s.Format },
	"description":      func(s *openapi3.Schema) *string { return &s.Description },
	"pattern":          func(s *openapi3.Schema) *string { return &s.Pattern },
	"$schema":          func(s *openapi3.Schema) *string { return &s.SchemaDialect },
	"$comment":         func(s *openapi3.Schema) *string { return &s.Comment },
	"$id":              func(s *openapi3.Schema) *string { return &s.SchemaID },
	"$anchor":          func(s *openapi3.Schema) *string { return &s.Anchor },
	"$dynamicRef":      func(s *openapi3.Schema) *string { return &s.DynamicRef },
	"$dynamicAnchor":   func(s *openapi3.Schema) *string { return &s.DynamicAnchor },
	"contentMediaType": func(s *openapi3.Schema) *string { return &s.ContentMediaType },
	"contentEncoding":  func(s *openapi3.Schema) *string { return &s.ContentEncoding },
}

// schemaBools are the boolean fields of a schema.
var schemaBools = map[string]func(*openapi3.Schema) *bool{
	"uniqueItems":     func(s *openapi3.Schema) *bool { return &s.UniqueItems },
	"nullable":        func(s *openapi3.Schema) *bool { return &s.Nullable },
	"readOnly":        func(s *openapi3.Schema) *bool { return &s.ReadOnly },
	"writeOnly":       func(s *openapi3.Schema) *bool { return &s.WriteOnly },
	"allowEmptyValue": func(s *openapi3.Schema) *bool { return &s.AllowEmptyValue },
	"deprecated":      func(s *openapi3.Schema) *bool { return &s.Deprecated },
}

// schemaOne are the keys whose value is one schema.
var schemaOne = map[string]func(*openapi3.Schema) **openapi3.SchemaRef{
	"items":         func(s *openapi3.Schema) **openapi3.SchemaRef { return &s.Items },
	"not":           func(s *openapi3.Schema) **openapi3.SchemaRef { return &s.Not },
	"contains":      func(s *openapi3.Schema) **openapi3.SchemaRef { return &s.Contains },
	"propertyNames": func(s *openapi3.Schema) **openapi3.SchemaRef { return &s.PropertyNames },
	"if":            func(s *openapi3.Schema) **openapi3.SchemaRef { return &s.If },
	"then":          func(s *openapi3.Schema) **openapi3.SchemaRef { return &s.Then },
	"else":          func(s *openapi3.Schema) **openapi3.SchemaRef { return &s.Else },
	"contentSchema": func(s *openapi3.Schema) **openapi3.SchemaRef { return &s.ContentSchema },
}

// schemaLists are the keys whose value is a list of schemas.
var schemaLists = map[string]func(*openapi3.Schema) *openapi3.SchemaRefs{
	"oneOf":       func(s *openapi3.Schema) *openapi3.SchemaRefs { return &s.OneOf },
	"anyOf":       func(s *openapi3.Schema) *openapi3.SchemaRefs { return &s.AnyOf },
	"allOf":       func(s *openapi3.Schema) *openapi3.SchemaRefs { return &s.AllOf },
	"prefixItems": func(s *openapi3.Schema) *openapi3.SchemaRefs { return &s.PrefixItems },
}

// schemaMaps are the keys whose value is a map of schemas.
var schemaMaps = map[string]func(*openapi3.Schema) *openapi3.Schemas{
	"properties":        func(s *openapi3.Schema) *openapi3.Schemas { return &s.Properties },
	"patternProperties": func(s *openapi3.Schema) *openapi3.Schemas { return &s.PatternProperties },
	"dependentSchemas":  func(s *openapi3.Schema) *openapi3.Schemas { return &s.DependentSchemas },
	"$defs":             func(s *openapi3.Schema) *openapi3.Schemas { return &s.Defs },
}

// schemaBoolOrOne are the keys whose value is a boolean or a schema.
var schemaBoolOrOne = map[string]func(*openapi3.Schema) *openapi3.BoolSchema{
	"additionalProperties":  func(s *openapi3.Schema) *openapi3.BoolSchema { return &s.AdditionalProperties },
	"unevaluatedItems":      func(s *openapi3.Schema) *openapi3.BoolSchema { return &s.UnevaluatedItems },
	"unevaluatedProperties": func(s *openapi3.Schema) *openapi3.BoolSchema { return &s.UnevaluatedProperties },
}

// ref returns the schema n, at schema level level, built or,
// when it cannot be (true and false included), decoded from its JSON, with
// marks below it that Splice puts pieces in. It fails only when that JSON
// does not decode: the document is refused, and the builder then builds
// nothing more (broken), so the pieces are decoded from their JSON, which
// finds the error kin-openapi reports.
func (b *SchemaBuilder) ref(n *spec.Node, floats bool, level int) (*openapi3.SchemaRef, bool) {
	if n.Kind == spec.Null {
		// encoding/json leaves a pointer nil for null, calling no UnmarshalJSON.
		return nil, !b.broken
	}
	if r, ok := b.build(n, floats, level); ok || b.broken {
		return r, ok
	}
	b.Declined++
	data, ok := b.src.Schema(n, floats, level)
	r := &openapi3.SchemaRef{}
	if !ok || json.Unmarshal(data, r) != nil {
		b.broken = true
		return nil, false
	}
	return r, true
}

// build builds the schema n as kin-openapi's SchemaRef.UnmarshalJSON
// decodes what the source writes for it, or says it cannot. The schema's
// own keys are read before any subschema is built, so that a schema it
// cannot build costs no more than its keys: each subschema it builds is
// kept (ref decodes those it cannot), and only a broken builder fails
// once the subschemas are begun.
func (b *SchemaBuilder) build(n *spec.Node, floats bool, level int) (*openapi3.SchemaRef, bool) {
	if b.broken || n.Kind != spec.Object {
		return nil, false
	}
	if r := n.Get("$ref"); r != nil {
		if len(n.Keys) != 1 || r.Kind != spec.String || r.Value == "" || !utf8.ValidString(r.Value) {
			return nil, false
		}
		return &openapi3.SchemaRef{Ref: b.src.Ref(r.Value)}, true
	}
	s := &openapi3.Schema{}
	subschemas := false
	for i, k := range n.Keys {
		c := n.Children[i]
		if b.src.Inlined(n, i) {
			return nil, false
		}
		switch {
		case schemaStrings[k] != nil:
			if c.Kind != spec.String || !utf8.ValidString(c.Value) {
				return nil, false
			}
			*schemaStrings[k](s) = c.Value
		case schemaBools[k] != nil:
			if c.Kind != spec.Bool {
				return nil, false
			}
			*schemaBools[k](s) = c.Value == "true"
		case schemaOne[k] != nil:
			subschemas = true
		case schemaLists[k] != nil:
			if c.Kind != spec.Array {
				return nil, false
			}
			subschemas = true
		case schemaMaps[k] != nil:
			if c.Kind != spec.Object {
				return nil, false
			}
			for _, name := range c.Keys {
				if !utf8.ValidString(name) {
					return nil, false
				}
			}
			subschemas = true
		case schemaBoolOrOne[k] != nil:
			if c.Kind != spec.Bool && c.Kind != spec.Object {
				return nil, false
			}
			subschemas = true
		case strings.HasPrefix(k, "x-"):
			var v any
			if !utf8.ValidString(k) || !b.plain(n, i, floats, &v) {
				return nil, false
			}
			if s.Extensions == nil {
				s.Extensions = map[string]any{}
			}
			s.Extensions[k] = v
		default:
			f := schemaFields[k]
			if f == nil || !b.field(s, k, f, n, i, floats) {
				return nil, false
			}
		}
	}
	if subschemas && !b.subschemas(s, n, floats, level) {
		return nil, false
	}
	return &openapi3.SchemaRef{Value: s}, true
}

// subschemas builds the subschemas of schema n (build has read its keys)
// into s.
func (b *SchemaBuilder) subschemas(s *openapi3.Schema, n *spec.Node, floats bool, level int) bool {
	for i, k := range n.Keys {
		c := n.Children[i]
		switch {
		case schemaOne[k] != nil:
			r, ok := b.ref(c, floats, level+1)
			if !ok {
				return false
			}
			*schemaOne[k](s) = r
		case schemaLists[k] != nil:
			list := make(openapi3.SchemaRefs, 0, len(c.Children))
			for _, item := range c.Children {
				r, ok := b.ref(item, floats, level+1)
				if !ok {
					return false
				}
				list = append(list, r)
			}
			*schemaLists[k](s) = list
		case schemaMaps[k] != nil:
			m := make(openapi3.Schemas, len(c.Keys))
			for j, name := range c.Keys {
				r, ok := b.ref(c.Children[j], floats, level+1)
				if !ok {
					return false
				}
				m[name] = r
			}
			*schemaMaps[k](s) = m
		case schemaBoolOrOne[k] != nil:
			if !b.boolOrOne(schemaBoolOrOne[k](s), n, i, floats, level) {
				return false
			}
		}
	}
	return true
}

// boolOrOne sets a keyword kin-openapi reads as a BoolSchema from member i
// of schema n: a boolean, or a schema, which BoolSchema.UnmarshalJSON
// decodes into a map, encodes again and decodes from that (its numbers
// become float64s on the way). A schema the builder cannot build is
// decoded from the member's JSON, as within the whole.
func (b *SchemaBuilder) boolOrOne(into *openapi3.BoolSchema, n *spec.Node, i int, floats bool, level int) bool {
	c := n.Children[i]
	switch {
	case c.Kind == spec.Bool:
		v := c.Value == "true"
		into.Has = &v
		return true
	case len(c.Keys) == 0:
		into.Schema = &openapi3.SchemaRef{Value: &openapi3.Schema{}}
		return true
	}
	if r, ok := b.build(c, true, level+1); ok || b.broken {
		into.Schema = r
		return ok
	}
	b.Declined++
	data, ok := b.src.MarkedMember(n, i, floats, level)
	if !ok || json.Unmarshal(data, into) != nil {
		b.broken = true
		return false
	}
	return true
}

// field sets the field f of s from member i of n, as encoding/json decodes
// the member's JSON into it.
func (b *SchemaBuilder) field(s *openapi3.Schema, k string, f func(*openapi3.Schema) any, n *spec.Node, i int, floats bool) bool {
	c := n.Children[i]
	switch k {
	case "type":
		switch c.Kind {
		case spec.String:
			if utf8.ValidString(c.Value) {
				s.Type = &openapi3.Types{c.Value}
				return true
			}
		case spec.Array:
			if t, ok := stringList(c); ok {
				types := openapi3.Types(t)
				s.Type = &types
				return true
			}
		}
	case "required":
		if c.Kind == spec.Array {
			if r, ok := stringList(c); ok {
				s.Required = r
				return true
			}
		}
	}
	if c.Kind == spec.Number && !floats {
		// A number into a number field, as encoding/json parses it.
		switch p := f(s).(type) {
		case **float64:
			v, err := strconv.ParseFloat(c.Value, 64)
			*p = &v
			return err == nil
		case *uint64:
			v, err := strconv.ParseUint(c.Value, 10, 64)
			*p = v
			return err == nil
		case **uint64:
			v, err := strconv.ParseUint(c.Value, 10, 64)
			*p = &v
			return err == nil
		}
	}
	return b.plain(n, i, floats, f(s))
}

// stringList returns the strings of list n, when it holds only strings.
func stringList(n *spec.Node) ([]string, bool) {
	out := make([]string, 0, len(n.Children))
	for _, c := range n.Children {
		if c.Kind != spec.String || !utf8.ValidString(c.Value) {
			return nil, false
		}
		out = append(out, c.Value)
	}
	return out, true
}

// plain decodes into v, with encoding/json, the JSON written for member i
// of schema n.
func (b *SchemaBuilder) plain(n *spec.Node, i int, floats bool, v any) bool {
	data, ok := b.src.Member(n, i, floats)
	return ok && json.Unmarshal(data, v) == nil
}
