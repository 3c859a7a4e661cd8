package upstream_test

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apibump/apibump/internal/kinmodel"
	"github.com/apibump/apibump/internal/source"
	"github.com/apibump/apibump/internal/spec/spectest"
)

var originType = reflect.TypeFor[*openapi3.Origin]()

// TestOriginsAsKinOpenAPIRecordsThem loads every OpenAPI 3 spec of the test
// corpus twice: as apibump loads it (the model from the position trees,
// origins from ApplyOrigins) and with kin-openapi's own loader recording
// origins (IncludeOrigin), and compares, element by element, what oasdiff
// reads of them: where each element's key is, and where its fields and the
// scalar items of its sequences are. The file names are compared as absolute
// paths, the extents (EndLine, EndColumn) not at all: apibump prints neither.
//
// Two deliberate differences, both in where a key is:
//   - kin-openapi gives the schema of a parameter, a header or a media type
//     the key of its parent (its origin.go stamps a field named Schema as if
//     it were BoolSchema's); apibump keeps the schema's own key, so findings
//     on such a schema point at `schema:`. Only the key's place is skipped.
//   - the document and the items of a sequence, which no key heads: kin-openapi
//     places them at their first key, apibump where they start, which is the
//     same place in block YAML and before it in JSON (the "{"). The key's
//     name must be the same, and its place the same or before.
func TestOriginsAsKinOpenAPIRecordsThem(t *testing.T) {
	compared := 0
	// Shapes the corpus may lack: OpenAPI 3.1 keywords next to a $ref (in
	// a chain of component $refs too), a header's schema, additionalProperties by $ref, OAuth scopes (a map of
	// strings), a discriminator mapping, links, callbacks, webhooks, server
	// variables, tags, a JSON-style flow mapping, an inline path item.
	odd := filepath.Join(t.TempDir(), "odd.yaml")
	if err := os.WriteFile(odd, []byte(oddOriginSpec), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, p := range append(spectest.Files(t, 8<<20), odd) {
		doc, err := kinmodel.Load(source.ParseInput(p), source.LoadOptions{})
		if err != nil || doc.Swagger || len(doc.Warnings()) > 0 {
			continue // kin-openapi records no origins in a JSON file with repeated keys
		}
		loader := openapi3.NewLoader()
		loader.IncludeOrigin = true
		loader.IsExternalRefsAllowed = true
		native, err := loader.LoadFromFile(p)
		if err != nil {
			continue // kin-openapi refuses what apibump reads (a $ref in info, say)
		}
		files := map[string]string{}
		for _, f := range doc.Files() {
			files[f.Token()] = f.Key
		}
		c := &originComparison{
			ours:   func(f string) string { return files[f] },
			theirs: func(f string) string { a, _ := filepath.Abs(strings.TrimPrefix(f, "file://")); return a },
			seen:   map[[2]uintptr]bool{},
		}
		c.walk(reflect.ValueOf(doc.Spec), reflect.ValueOf(native), "", keyedByFirstKey)
		if len(c.diffs) > 0 {
			t.Errorf("%s: %d origins differ from kin-openapi's, first:\n  %s", p, len(c.diffs), strings.Join(c.diffs[:min(len(c.diffs), 8)], "\n  "))
		}
		if c.origins == 0 {
			t.Errorf("%s: only %d origins compared", p, c.origins)
		}
		compared++
	}
	if compared < 20 {
		t.Errorf("only %d specs compared", compared)
	}
}

const oddOriginSpec = `openapi: 3.1.0
info: {title: odd, version: "1"}
servers:
  - url: https://{region}.example.com
    variables:
      region: {default: eu, enum: [eu, us]}
tags:
  - name: pets
    description: Pets.
security:
  - oauth: [read]
paths:
  /pets/{id}:
    parameters:
      - $ref: "#/components/parameters/Id"
    get:
      tags: [pets]
      parameters:
        - {name: q, in: query, schema: {type: [string, "null"], enum: [a, b]}}
      callbacks:
        done:
          "{$request.body#/url}":
            post:
              requestBody: {$ref: "#/components/requestBodies/Pet"}
              responses: {"204": {description: ok}}
      responses:
        "200":
          description: A pet.
          headers:
            X-Rate: {$ref: "#/components/headers/Rate"}
          links:
            self: {operationId: getPet, parameters: {id: $response.body#/id}}
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Pet"}
              examples:
                one: {value: {id: 1}}
              encoding:
                id: {contentType: text/plain}
webhooks:
  born:
    post:
      requestBody: {$ref: "#/components/requestBodies/Pet"}
      responses: {"200": {description: ok}}
components:
  parameters:
    Id: {name: id, in: path, required: true, schema: {type: integer, minimum: 1}}
  headers:
    Rate:
      schema: {type: integer, maximum: 100}
  requestBodies:
    Pet:
      content:
        application/json:
          schema: {$ref: "#/components/schemas/Pet"}
  securitySchemes:
    oauth:
      type: oauth2
      flows:
        clientCredentials:
          tokenUrl: https://example.com/token
          scopes: {write: Write., read: Read.}
  schemas:
    Name: {type: string}
    Pet:
      type: object
      required: [id]
      discriminator:
        propertyName: kind
        mapping: {dog: "#/components/schemas/Dog"}
      properties:
        id: {type: integer}
        kind: {type: string}
        name:
          $ref: "#/components/schemas/Name"
          description: The name.
          maxLength: 80
        tags:
          type: object
          additionalProperties: {$ref: "#/components/schemas/Name"}
        either:
          oneOf:
            - $ref: "#/components/schemas/Name"
            - {type: integer}
    Dog:
      allOf:
        - $ref: "#/components/schemas/Pet"
        - {type: object, properties: {barks: {type: boolean}}}
    Alias: {$ref: "#/components/schemas/Label"}
    Label: {$ref: "#/components/schemas/Name", description: A label.}
    Short: {$ref: "#/components/schemas/Alias", maxLength: 5}
    Shorter: {$ref: "#/components/schemas/Short", maxLength: 3}
`

type originComparison struct {
	ours, theirs func(file string) string // a Location's File as an absolute path
	seen         map[[2]uintptr]bool
	origins      int
	diffs        []string
}

// keying says how kin-openapi places an element's key (see above).
type keying int

const (
	keyedByOwnKey   keying = iota
	keyedByParent          // the schema of a parameter, a header or a media type
	keyedByFirstKey        // the document, an item of a sequence
)

// elem follows pointers and interfaces to the value they hold, and returns
// the last pointer on the way; false for nil.
func elem(v reflect.Value) (reflect.Value, reflect.Value, bool) {
	var ptr reflect.Value
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return v, ptr, false
		}
		if v.Kind() == reflect.Pointer {
			ptr = v
		}
		v = v.Elem()
	}
	return v, ptr, true
}

// walk follows two models of the same document in step.
func (c *originComparison) walk(a, b reflect.Value, at string, keyed keying) {
	a, pa, okA := elem(a)
	b, pb, okB := elem(b)
	if !okA || !okB || a.Type() != b.Type() {
		return
	}
	if pa.IsValid() && pb.IsValid() {
		k := [2]uintptr{pa.Pointer(), pb.Pointer()}
		if c.seen[k] {
			return
		}
		c.seen[k] = true
	}
	switch a.Kind() {
	case reflect.Struct:
		t := a.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			switch {
			case !f.IsExported() || f.Name == "Extensions":
			case f.Name == "Origin" && f.Type == originType:
				c.compare(a.Field(i).Interface().(*openapi3.Origin), b.Field(i).Interface().(*openapi3.Origin), at, keyed)
			case f.Name == "Schema" && t != reflect.TypeFor[openapi3.BoolSchema]():
				c.walk(a.Field(i), b.Field(i), at+"/"+f.Name, keyedByParent)
			case f.Name == "Value" && strings.HasSuffix(t.Name(), "Ref"):
				c.walk(a.Field(i), b.Field(i), at+"/"+f.Name, keyed) // a *Ref wrapper and its value stand at one node
			default:
				c.walk(a.Field(i), b.Field(i), at+"/"+f.Name, keyedByOwnKey)
			}
		}
		if pa.IsValid() && pb.IsValid() {
			if m := pa.MethodByName("Map"); m.IsValid() && m.Type().NumIn() == 0 && m.Type().NumOut() == 1 {
				c.walk(m.Call(nil)[0], pb.MethodByName("Map").Call(nil)[0], at, keyedByOwnKey)
			}
		}
	case reflect.Map:
		for _, k := range a.MapKeys() {
			if v := b.MapIndex(k); v.IsValid() {
				c.walk(a.MapIndex(k), v, fmt.Sprintf("%s/%v", at, k), keyedByOwnKey)
			}
		}
	case reflect.Slice:
		for i := 0; i < a.Len() && i < b.Len(); i++ {
			c.walk(a.Index(i), b.Index(i), fmt.Sprintf("%s/%d", at, i), keyedByFirstKey)
		}
	}
}

func (c *originComparison) compare(a, b *openapi3.Origin, at string, keyed keying) {
	if a == nil && b == nil {
		return
	}
	c.origins++
	if a != nil && b != nil && a.Key != nil && b.Key != nil {
		switch {
		case keyed == keyedByParent:
			a, b = withoutKey(a), withoutKey(b)
		case keyed == keyedByFirstKey && a.Key.Name == b.Key.Name && c.ours(a.Key.File) == c.theirs(b.Key.File) &&
			(a.Key.Line < b.Key.Line || a.Key.Line == b.Key.Line && a.Key.Column <= b.Key.Column):
			a, b = withoutKey(a), withoutKey(b)
		}
	}
	if got, want := c.describe(a, c.ours), c.describe(b, c.theirs); got != want {
		c.diffs = append(c.diffs, fmt.Sprintf("%s:\n    ours   %s\n    theirs %s", at, got, want))
	}
}

func withoutKey(o *openapi3.Origin) *openapi3.Origin {
	cp := *o
	cp.Key = nil
	return &cp
}

// describe writes what oasdiff reads of an origin, fields and sequences sorted by name.
func (c *originComparison) describe(o *openapi3.Origin, file func(string) string) string {
	if o == nil {
		return "none"
	}
	loc := func(l openapi3.Location) string {
		return fmt.Sprintf("%s:%d:%d %q", filepath.Base(file(l.File)), l.Line, l.Column, l.Name)
	}
	var b strings.Builder
	if o.Key != nil {
		b.WriteString("key " + loc(*o.Key))
	}
	var fields []string
	for _, f := range o.Fields {
		fields = append(fields, loc(f))
	}
	slices.Sort(fields)
	fmt.Fprintf(&b, " fields %v", fields)
	var seqs []string
	for k, items := range o.Sequences {
		var s []string
		for _, it := range items {
			s = append(s, loc(it))
		}
		seqs = append(seqs, k+"="+strings.Join(s, ","))
	}
	slices.Sort(seqs)
	fmt.Fprintf(&b, " sequences %v", seqs)
	return b.String()
}
