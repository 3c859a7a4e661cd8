// Package oasgrammar is a typed grammar of OpenAPI 2.0, 3.0 and 3.1: for
// every object of each version, its fixed fields and what each holds (an
// object of some type, a map or a list of them, a scalar, any JSON), whether
// it takes `^x-` extensions, and its patterned fields. Walk types a place in a
// document token by token, so the comparison knows that `format` under
// `.../schema/properties/format` is a property name and under
// `.../schema/properties/id` a Schema keyword, and that a key no version
// defines is unknown.
//
// The data (v20.go, v30.go, v31.go) is written by hand and tested against the
// field lists derived from the OpenAPI Initiative's JSON Schemas
// (testdata/openapi-fields).
package oasgrammar

import (
	"regexp"
	"slices"
	"strings"
)

// Version is an OpenAPI version the grammar knows.
type Version uint8

// The versions.
const (
	V20 Version = iota + 1 // Swagger 2.0
	V30                    // OpenAPI 3.0.x
	V31                    // OpenAPI 3.1.x
)

// Versions lists every version, oldest first.
var Versions = []Version{V20, V30, V31}

func (v Version) String() string {
	switch v {
	case V20:
		return "2.0"
	case V30:
		return "3.0"
	case V31:
		return "3.1"
	}
	return "unknown"
}

// ParseVersion reads the value of a document's `swagger` or `openapi` field
// ("2.0", "3.0.3", "3.1.1"; "3.0" and "3.1" too).
func ParseVersion(s string) (Version, bool) {
	switch {
	case s == "2.0":
		return V20, true
	case s == "3.0" || strings.HasPrefix(s, "3.0."):
		return V30, true
	case s == "3.1" || strings.HasPrefix(s, "3.1."):
		return V31, true
	}
	return 0, false
}

// Type names an object of the specification text ("Schema", "Parameter"),
// or one of the pseudo types Scalar and JSON.
type Type string

// Pseudo types: values with no OpenAPI structure inside.
const (
	// Scalar is a string, number or boolean.
	Scalar Type = "scalar"
	// JSON is any JSON value (example, default, enum members, const,
	// extension values): what it holds has no OpenAPI meaning.
	JSON Type = "json"
)

// The object types, named as in the specification text (without "Object").
const (
	Swagger               Type = "Swagger" // the 2.0 document
	OpenAPI               Type = "OpenAPI" // the 3.x document
	Info                  Type = "Info"
	Contact               Type = "Contact"
	License               Type = "License"
	Server                Type = "Server"
	ServerVariable        Type = "ServerVariable"
	Components            Type = "Components"
	Paths                 Type = "Paths"
	PathItem              Type = "PathItem"
	Operation             Type = "Operation"
	ExternalDocumentation Type = "ExternalDocumentation"
	Parameter             Type = "Parameter"
	Items                 Type = "Items" // 2.0: the items of a non-body parameter or header
	RequestBody           Type = "RequestBody"
	MediaType             Type = "MediaType"
	Encoding              Type = "Encoding"
	Responses             Type = "Responses"
	Response              Type = "Response"
	Headers               Type = "Headers" // 2.0
	Callback              Type = "Callback"
	Example               Type = "Example"
	Link                  Type = "Link"
	Header                Type = "Header"
	Tag                   Type = "Tag"
	Reference             Type = "Reference"
	Schema                Type = "Schema"
	Discriminator         Type = "Discriminator"
	XML                   Type = "XML"
	Definitions           Type = "Definitions"           // 2.0
	ParametersDefinitions Type = "ParametersDefinitions" // 2.0
	ResponsesDefinitions  Type = "ResponsesDefinitions"  // 2.0
	SecurityDefinitions   Type = "SecurityDefinitions"   // 2.0
	SecurityScheme        Type = "SecurityScheme"
	Scopes                Type = "Scopes" // 2.0
	OAuthFlows            Type = "OAuthFlows"
	OAuthFlow             Type = "OAuthFlow"
	SecurityRequirement   Type = "SecurityRequirement"
)

// IsObject tells an object type from the pseudo types Scalar and JSON.
func (t Type) IsObject() bool { return t != "" && t != Scalar && t != JSON }

// Shape says how a value holds its type.
type Shape uint8

// The shapes.
const (
	// One value of the type.
	One Shape = iota
	// Map: an object whose keys are names the author chose (property names,
	// media types, component names), each value held as Elem says.
	Map
	// List: an array, each item held as Elem says.
	List
)

// Holds says what a field's value holds.
type Holds struct {
	Shape Shape
	Type  Type   // for One: the type of the value
	Elem  *Holds // for Map and List: what each member holds
	// OrRef: for One, the value may be a Reference Object ({$ref: ...})
	// standing for an object of Type.
	OrRef bool
	// OrList: for One, an array is allowed instead and its items hold this
	// (2.0 Schema `items`; 3.1 `dependencies` values, a list of names).
	OrList *Holds
	// Value: for One of Type Scalar, the JSON scalar the specification
	// gives the field (a string, a boolean, a number, a count).
	Value Value
}

// Value is the kind of JSON scalar a Scalar field holds.
type Value uint8

// The values.
const (
	// AnyScalar: a string, number or boolean, the specification says not which.
	AnyScalar Value = iota
	// StringValue: a string.
	StringValue
	// BooleanValue: true or false.
	BooleanValue
	// NumberValue: any number.
	NumberValue
	// CountValue: a whole number, 0 or more (JSON Schema's
	// nonNegativeInteger: minLength, maxItems...).
	CountValue
)

func (v Value) String() string {
	switch v {
	case StringValue:
		return "string"
	case BooleanValue:
		return "boolean"
	case NumberValue:
		return "number"
	case CountValue:
		return "count"
	}
	return "scalar"
}

// Of returns the type a Holds finally holds: Type for One, the element's for
// maps and lists.
func (h Holds) Of() Type {
	if h.Shape == One || h.Elem == nil {
		return h.Type
	}
	return h.Elem.Of()
}

func (h Holds) String() string {
	switch h.Shape {
	case Map:
		return "map of " + h.Elem.String()
	case List:
		return "list of " + h.Elem.String()
	}
	s := string(h.Type)
	if h.OrRef {
		s += " or Reference"
	}
	if h.OrList != nil {
		s += " or list of " + h.OrList.String()
	}
	return s
}

// Additional says what an object's keys that are neither fixed fields,
// patterned fields nor extensions are. The values mirror the field lists'
// `additional`: Forbidden is "forbidden", Names is "schema", Annotations
// and Ignored are "any".
type Additional uint8

// The kinds of additional keys.
const (
	// Forbidden: such a key is unknown.
	Forbidden Additional = iota
	// Names: every other key is a name the author chose (a callback
	// expression, a security scheme name, a 2.0 definition name).
	Names
	// Annotations: the 3.1 Schema Object; JSON Schema lets any keyword
	// through and an unknown one is an annotation.
	Annotations
	// Ignored: the JSON Schema lets any key through but the specification
	// text gives it no meaning (the Reference Object's siblings in 3.0,
	// the 3.0 Discriminator). The walker types a Reference's siblings as
	// fields of the object it stands for, and other such keys as unknown.
	Ignored
)

// Field is one fixed field of an object.
type Field struct {
	Name  string
	Holds Holds
}

// Pattern is a patterned field: keys matching Re hold Holds. Name is a
// placeholder that names such keys in rule tables ("{path}", "{status}").
type Pattern struct {
	Re    string
	Name  string
	Holds Holds
	re    *regexp.Regexp
}

// Object is one object type of one version.
type Object struct {
	Type       Type
	Fields     []Field // sorted by name
	Patterned  []Pattern
	Extensions bool // ^x- keys are specification extensions
	Additional Additional
	// Other is what an additional key holds when Additional is Names, and
	// OtherName the placeholder naming such keys in rule tables.
	Other     *Holds
	OtherName string
}

// Field returns the fixed field named name.
func (o *Object) Field(name string) (Field, bool) {
	i, ok := slices.BinarySearchFunc(o.Fields, name, func(f Field, n string) int { return strings.Compare(f.Name, n) })
	if !ok {
		return Field{}, false
	}
	return o.Fields[i], true
}

// Grammar is the grammar of one version.
type Grammar struct {
	Version Version
	root    Type
	objects map[Type]*Object
	order   []Type
}

var grammars = map[Version]*Grammar{
	V20: build(V20, Swagger, v20()),
	V30: build(V30, OpenAPI, v30()),
	V31: build(V31, OpenAPI, v31()),
}

// For returns the grammar of a version, or nil for a version it does not know.
func For(v Version) *Grammar { return grammars[v] }

// Root returns what the root of a document holds.
func (g *Grammar) Root() Holds { return one(g.root) }

// Object returns the object type t, or nil when the version has no such object.
func (g *Grammar) Object(t Type) *Object { return g.objects[t] }

// Objects returns every object type of the version, in the order of the
// specification text.
func (g *Grammar) Objects() []*Object {
	out := make([]*Object, len(g.order))
	for i, t := range g.order {
		out[i] = g.objects[t]
	}
	return out
}

// object is how the data files declare an object.
type object struct {
	t          Type
	fields     map[string]Holds
	patterned  []Pattern
	extensions bool
	additional Additional
	other      *Holds
	otherName  string
}

func build(v Version, root Type, objs []object) *Grammar {
	g := &Grammar{Version: v, root: root, objects: map[Type]*Object{}}
	for _, d := range objs {
		o := &Object{Type: d.t, Extensions: d.extensions, Additional: d.additional, Other: d.other, OtherName: d.otherName}
		for name, h := range d.fields {
			o.Fields = append(o.Fields, Field{Name: name, Holds: h})
		}
		slices.SortFunc(o.Fields, func(a, b Field) int { return strings.Compare(a.Name, b.Name) })
		for _, p := range d.patterned {
			p.re = regexp.MustCompile(p.Re)
			o.Patterned = append(o.Patterned, p)
		}
		if _, dup := g.objects[d.t]; dup {
			panic("oasgrammar: object " + string(d.t) + " declared twice for " + v.String())
		}
		g.objects[d.t] = o
		g.order = append(g.order, d.t)
	}
	return g
}

// Constructors for the data files.

func one(t Type) Holds      { return Holds{Shape: One, Type: t} }
func oneOrRef(t Type) Holds { return Holds{Shape: One, Type: t, OrRef: true} }
func mapOf(h Holds) Holds   { return Holds{Shape: Map, Elem: &h} }
func listOf(h Holds) Holds  { return Holds{Shape: List, Elem: &h} }
func scalar(v Value) Holds  { return Holds{Shape: One, Type: Scalar, Value: v} }
func str() Holds            { return scalar(StringValue) }
func boolean() Holds        { return scalar(BooleanValue) }
func number() Holds         { return scalar(NumberValue) }
func count() Holds          { return scalar(CountValue) }
func anyJSON() Holds        { return one(JSON) }
func names() Holds          { return listOf(str()) } // a list of strings
func ptr(h Holds) *Holds    { return &h }
func pattern(re, name string, h Holds) Pattern {
	return Pattern{Re: re, Name: name, Holds: h}
}

// with returns a copy of fields with the changes applied (a zero Holds with
// Type "" deletes the field).
func with(fields map[string]Holds, changes map[string]Holds) map[string]Holds {
	out := make(map[string]Holds, len(fields)+len(changes))
	for k, v := range fields {
		out[k] = v
	}
	for k, v := range changes {
		if v.Shape == One && v.Type == "" {
			delete(out, k)
			continue
		}
		out[k] = v
	}
	return out
}

// drop marks a field for deletion in with.
var drop = Holds{}
