package upstream

import (
	"reflect"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// TestEachSubschemaCoversTheSchema sets every field of a kin-openapi Schema
// that can hold a schema, and checks EachSubschema reports each and
// SetSubschema replaces each (engine/oasdiff's CutRings): a field
// added by a new kin-openapi version must be added there (and to the
// keywords of kincut.go), or what lies under it is resolved twice.
func TestEachSubschemaCoversTheSchema(t *testing.T) {
	var s openapi3.Schema
	v := reflect.ValueOf(&s).Elem()
	want := map[*openapi3.SchemaRef]string{}
	one := func(name string) *openapi3.SchemaRef {
		r := &openapi3.SchemaRef{Value: &openapi3.Schema{}}
		want[r] = name
		return r
	}
	refType := reflect.TypeFor[*openapi3.SchemaRef]()
	for i := range v.NumField() {
		f, name := v.Field(i), v.Type().Field(i).Name
		switch {
		case f.Type() == refType:
			f.Set(reflect.ValueOf(one(name)))
		case f.Type() == reflect.TypeFor[openapi3.SchemaRefs]():
			f.Set(reflect.ValueOf(openapi3.SchemaRefs{one(name)}))
		case f.Type() == reflect.TypeFor[openapi3.Schemas]():
			f.Set(reflect.ValueOf(openapi3.Schemas{"x": one(name)}))
		case f.Kind() == reflect.Struct && f.Type().PkgPath() == v.Type().PkgPath():
			if g := f.FieldByName("Schema"); g.IsValid() && g.Type() == refType {
				g.Set(reflect.ValueOf(one(name)))
			}
		}
	}
	if len(want) < 15 {
		t.Fatalf("only %d schema fields found in openapi3.Schema", len(want))
	}
	EachSubschema(&s, func(_ string, r *openapi3.SchemaRef) { delete(want, r) })
	for _, name := range want {
		t.Errorf("EachSubschema leaves out Schema.%s", name)
	}
	// SetSubschema puts a schema at each place EachSubschema names.
	var toks []string
	EachSubschema(&s, func(tok string, _ *openapi3.SchemaRef) { toks = append(toks, tok) })
	for _, tok := range toks {
		put := &openapi3.SchemaRef{Value: &openapi3.Schema{}}
		SetSubschema(&s, tok, put)
		found := false
		EachSubschema(&s, func(at string, r *openapi3.SchemaRef) { found = found || (at == tok && r == put) })
		if !found {
			t.Errorf("SetSubschema(%q) put nothing there", tok)
		}
	}
}
