package kinmodel

import (
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/getkin/kin-openapi/openapi2"
	"github.com/getkin/kin-openapi/openapi2conv"
	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apibump/apibump/internal/spec/spectest"
)

// TestEachSubschemaCoversTheSchema sets every field of a kin-openapi Schema
// that can hold a schema, and checks eachSubschema reports each: a field
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
	eachSubschema(&s, func(r *openapi3.SchemaRef) { delete(want, r) })
	for _, name := range want {
		t.Errorf("eachSubschema leaves out Schema.%s", name)
	}
}

// TestSwaggerConversionIsKins converts every Swagger 2.0 spec of the corpus
// (and deep and chained ones) with swaggerToV3 and with openapi2conv's
// ToV3WithLoader, and compares the models.
func TestSwaggerConversionIsKins(t *testing.T) {
	dir := t.TempDir()
	chain := `{"swagger":"2.0","info":{"title":"t","version":"1"},"parameters":{"P":{"name":"p","in":"query","type":"string"},"B":{"name":"b","in":"body","schema":{"$ref":"#/definitions/S0"}}},
"responses":{"R":{"description":"r","schema":{"$ref":"#/definitions/S1"}}},
"paths":{"/u":{"post":{"consumes":["multipart/form-data"],"parameters":[{"name":"f","in":"formData","type":"file"}],"responses":{"204":{"description":"none"}}}},"/c":{"parameters":[{"$ref":"#/parameters/P"}],"post":{"parameters":[{"$ref":"#/parameters/B"}],"responses":{"200":{"$ref":"#/responses/R"},"201":{"description":"ok","schema":{"$ref":"#/definitions/S0"}}}}}},
"definitions":{"S0":{"$ref":"#/definitions/S1"},"S1":{"$ref":"#/definitions/S2"},"S2":{"type":"object","properties":{"id":{"type":"string"},"self":{"$ref":"#/definitions/S0"}}}}}`
	p := filepath.Join(dir, "chain.json")
	if err := os.WriteFile(p, []byte(chain), 0o644); err != nil {
		t.Fatal(err)
	}
	files := append(append(spectest.Files(t, 8<<20), deepSpecs(t)...), p)
	n := 0
	for _, f := range files {
		doc, err := loadDoc(f)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if !doc.Swagger {
			continue
		}
		n++
		location := &url.URL{Path: doc.Root.Key}
		var a, b openapi2.T
		for _, d := range []*openapi2.T{&a, &b} {
			if err := json.Unmarshal(doc.kinJSON(doc.Root, doc.sanitizedRoot()), d); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
		}
		want, err := openapi2conv.ToV3WithLoader(&a, doc.newLoader(), location)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		got, err := swaggerToV3(&b, doc.newLoader(), location)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if d := modelDiff(want, got); d != "" {
			t.Errorf("%s: another model than ToV3WithLoader's, at %s", f, d)
		}
	}
	if n < 3 {
		t.Errorf("only %d Swagger specs compared", n)
	}
}
