package kincheck

import (
	"maps"
	"strings"

	"github.com/apibump/apibump/internal/oasgrammar"
)

// The views: what kin-openapi's model decodes each value into, read from
// the grammar (package oasgrammar, whose scalar kinds are tested against
// the OpenAPI Initiative's schemas) with kin-openapi's own differences, and
// tested against kin-openapi's Go types (TestViewsAreKins).

// kind is how a value is decoded.
type kind uint8

const (
	kJSON       kind = iota // any JSON value (interface{}): never refused
	kScalar                 // a scalar of want.value (null too)
	kObject                 // an object of want.obj (null too, unless a reference may stand for it)
	kMap                    // an object each member of which is want.elem (every key, x- too)
	kList                   // a list each item of which is want.elem
	kTypes                  // a Schema's type: a string or a list of strings
	kBound                  // exclusiveMinimum, exclusiveMaximum: a boolean or a number
	kBoolSchema             // additionalProperties, unevaluated*: a boolean or a Schema
)

// want is what a place of a document is decoded into.
type want struct {
	kind  kind
	value oasgrammar.Value // kScalar
	obj   *object          // kObject
	elem  *want            // kMap, kList; kBoolSchema: the Schema
	// ref: a Reference Object may stand for the object (kin-openapi's
	// *Ref types): {$ref} with a summary and a description beside it.
	ref bool
}

// object is an object type as kin-openapi decodes it.
type object struct {
	name   string
	fields map[string]*want
	fold   map[string]*want // by lower-cased name: encoding/json matches keys regardless of case
	// members: what the keys other than fields and x- extensions hold
	// (Paths, Responses, Callback); nil: they are kept as extensions.
	members *want
	// boolSchema: true and false are schemas (OpenAPI 3.x Schema).
	boolSchema bool
	// refField: the object has a $ref field kin-openapi follows (a 3.x
	// Path Item; in 2.0 a Parameter, Response, Path Item), every other
	// field decoded beside it.
	refField bool
	// plainMap: kin-openapi decodes the object as a Go map: every key,
	// x- too, holds a member.
	plainMap bool
}

// field returns what key holds in o: the field of that name, else of that
// name in another case; nil for an extension or a key kin-openapi keeps
// as one.
func (o *object) field(key string) *want {
	if w := o.fields[key]; w != nil {
		return w
	}
	if w := o.fold[strings.ToLower(key)]; w != nil {
		return w
	}
	if o.members != nil && (o.plainMap || !strings.HasPrefix(key, "x-")) {
		return o.members
	}
	return nil
}

// view is one family of kin-openapi's types: openapi3 or openapi2.
type view struct {
	objects map[string]*object
	root    *want // the document
	// rootFile is the document as kinmodel gives its root file to
	// kin-openapi: the info and tag texts and the version made strings
	// first (kinmodel's sanitizedRoot), so never refused.
	rootFile *want
}

var (
	anyJSON    = &want{kind: kJSON}
	stringWant = &want{kind: kScalar, value: oasgrammar.StringValue}
)

func scalarWant(v oasgrammar.Value) *want {
	return &want{kind: kScalar, value: v}
}

// kinDiff is how kin-openapi's model differs from the grammar for one
// object: fields it adds or types otherwise (a nil want: a field it does
// not have, kept as an extension).
type kinDiff map[string]func(v *view) *want

// builder makes a view from grammar objects.
type builder struct {
	v    *view
	refs map[string]bool // the object types kin-openapi wraps in a *Ref type
}

func (b *builder) obj(name string) *object {
	o := b.v.objects[name]
	if o == nil {
		o = &object{name: name, fields: map[string]*want{}, fold: map[string]*want{}}
		b.v.objects[name] = o
	}
	return o
}

// holds turns what the grammar says a field holds into a want.
func (b *builder) holds(h oasgrammar.Holds) *want {
	switch h.Shape {
	case oasgrammar.Map:
		return &want{kind: kMap, elem: b.holds(*h.Elem)}
	case oasgrammar.List:
		return &want{kind: kList, elem: b.holds(*h.Elem)}
	}
	switch h.Type {
	case oasgrammar.JSON:
		return anyJSON
	case oasgrammar.Scalar:
		if h.OrList != nil {
			return &want{kind: kTypes}
		}
		return scalarWant(h.Value)
	}
	return b.v.objWant(string(h.Type), b.refs[string(h.Type)])
}

func (v *view) objWant(name string, ref bool) *want {
	return &want{kind: kObject, obj: v.objects[name], ref: ref}
}

// build makes the objects of grammar g (and of the earlier grammars, whose
// fields the later ones override) with kin-openapi's differences. plain
// are the objects kin-openapi decodes as Go maps: every key, x- too, is a
// member.
func (b *builder) build(gs []*oasgrammar.Grammar, diffs map[string]kinDiff, plain ...string) {
	last := gs[len(gs)-1]
	for _, o := range last.Objects() {
		b.obj(string(o.Type))
	}
	for _, o := range last.Objects() {
		name := string(o.Type)
		ob := b.obj(name)
		for _, g := range gs {
			go_ := g.Object(o.Type)
			if go_ == nil {
				continue
			}
			for _, f := range go_.Fields {
				ob.fields[f.Name] = b.holds(f.Holds)
			}
			if go_.Additional == oasgrammar.Names && go_.Other != nil {
				ob.members = b.holds(*go_.Other)
			}
			for _, p := range go_.Patterned {
				ob.members = b.holds(p.Holds)
			}
		}
	}
	for name, diff := range diffs {
		ob := b.v.objects[name]
		for k, f := range diff {
			if f == nil {
				delete(ob.fields, k)
				continue
			}
			ob.fields[k] = f(b.v)
		}
	}
	for _, name := range plain {
		b.v.objects[name].plainMap = true
	}
	for _, ob := range b.v.objects {
		for k, w := range ob.fields {
			ob.fold[strings.ToLower(k)] = w
		}
	}
}

// kin-openapi's field types that the grammar says otherwise.
func boundWant(*view) *want { return &want{kind: kBound} }
func typesWant(*view) *want { return &want{kind: kTypes} }
func boolWant(*view) *want  { return scalarWant(oasgrammar.BooleanValue) }
func strWant(*view) *want   { return stringWant }
func schemaWant(v *view) *want {
	return v.objWant("Schema", true)
}
func operationWant(v *view) *want { return v.objWant("Operation", false) }

// boolSchemaWant is kin-openapi's BoolSchema: true, false or an openapi3
// Schema (in 2.0 documents too).
func boolSchemaWant(*view) *want { return &want{kind: kBoolSchema, elem: schemaWant(openapi3)} }

// openapi3 is kin-openapi's openapi3 package: OpenAPI 3.0 and 3.1 decoded
// into the same types, so the fields of both versions.
var openapi3 = func() *view {
	v := &view{objects: map[string]*object{}}
	b := &builder{v: v, refs: map[string]bool{"Schema": true, "Parameter": true, "Header": true, "RequestBody": true,
		"Response": true, "Example": true, "Link": true, "Callback": true, "SecurityScheme": true}}
	b.build([]*oasgrammar.Grammar{oasgrammar.For(oasgrammar.V30), oasgrammar.For(oasgrammar.V31)}, map[string]kinDiff{
		"Components": {"pathItems": nil},
		"PathItem": {"connect": operationWant, "query": operationWant,
			"additionalOperations": func(v *view) *want { return &want{kind: kMap, elem: operationWant(v)} }},
		"MediaType": {"itemSchema": schemaWant},
		// kin-openapi's Header is its Parameter.
		"Header": {"name": strWant, "in": strWant, "allowEmptyValue": boolWant, "allowReserved": boolWant},
		"Schema": {"exclusiveMinimum": boundWant, "exclusiveMaximum": boundWant, "type": typesWant,
			"additionalProperties":  func(v *view) *want { return &want{kind: kBoolSchema, elem: schemaWant(v)} },
			"unevaluatedItems":      func(v *view) *want { return &want{kind: kBoolSchema, elem: schemaWant(v)} },
			"unevaluatedProperties": func(v *view) *want { return &want{kind: kBoolSchema, elem: schemaWant(v)} },
			"allowEmptyValue":       boolWant, "nullable": boolWant,
			"$ref": nil, "$vocabulary": nil, "$recursiveAnchor": nil, "$recursiveRef": nil,
			"definitions": nil, "dependencies": nil},
	}, "SecurityRequirement")
	v.objects["Schema"].boolSchema = true
	v.objects["PathItem"].refField = true
	v.root = v.objWant("OpenAPI", false)
	v.rootFile = sanitized(v, "OpenAPI", "openapi")
	return v
}()

// openapi2 is kin-openapi's openapi2 package: Swagger 2.0.
var openapi2 = func() *view {
	v := &view{objects: map[string]*object{}}
	b := &builder{v: v, refs: map[string]bool{"Schema": true}}
	// kin-openapi decodes a parameter's (or header's) items as a Schema,
	// and its Header is its Parameter.
	param := kinDiff{"items": schemaWant, "type": typesWant, "$ref": strWant, "in": strWant, "name": strWant,
		"allowEmptyValue": boolWant, "required": boolWant, "schema": schemaWant, "description": strWant}
	b.build([]*oasgrammar.Grammar{oasgrammar.For(oasgrammar.V20)}, map[string]kinDiff{
		"Parameter": param,
		"Header":    param,
		"Schema": {"additionalProperties": boolSchemaWant, "not": schemaWant, "writeOnly": boolWant,
			"allowEmptyValue": boolWant, "deprecated": boolWant, "items": schemaWant, "$ref": nil},
		"Response":       {"$ref": strWant},
		"SecurityScheme": {"$ref": strWant, "tags": func(v *view) *want { return &want{kind: kList, elem: v.objWant("Tag", false)} }},
		// openapi3's Info and License.
		"License":  {"identifier": strWant},
		"Info":     {"summary": strWant},
		"PathItem": {"$ref": strWant},
	}, "Paths", "Definitions", "ParametersDefinitions", "ResponsesDefinitions", "SecurityDefinitions",
		"Scopes", "Headers", "Example", "SecurityRequirement")
	for _, name := range []string{"Parameter", "Response", "PathItem", "SecurityScheme", "Header"} {
		v.objects[name].refField = true
	}
	v.root = v.objWant("Swagger", false)
	v.rootFile = sanitized(v, "Swagger", "swagger")
	return v
}()

// sanitized returns the root type of a view as kinmodel gives the root
// file to kin-openapi: the version field, the info texts and the tag texts
// are made strings before decoding.
func sanitized(v *view, root, version string) *want {
	copyObj := func(o *object, untyped ...string) *object {
		c := *o
		c.fields = maps.Clone(o.fields)
		c.fold = maps.Clone(o.fold)
		for _, k := range untyped {
			c.fields[k] = anyJSON
			c.fold[strings.ToLower(k)] = anyJSON
		}
		return &c
	}
	info := copyObj(v.objects["Info"], "title", "description", "summary", "termsOfService", "version")
	tag := copyObj(v.objects["Tag"], "name", "description")
	r := copyObj(v.objects[root], version)
	r.fields["info"] = &want{kind: kObject, obj: info}
	r.fields["tags"] = &want{kind: kList, elem: &want{kind: kObject, obj: tag}}
	for _, k := range []string{"info", "tags"} {
		r.fold[k] = r.fields[k]
	}
	return &want{kind: kObject, obj: r}
}
