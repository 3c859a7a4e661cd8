package kinmodel

import (
	"fmt"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/apibump/apibump/internal/source"
	"github.com/apibump/apibump/internal/spec"
	"github.com/apibump/apibump/internal/spec/spectest"
	"github.com/apibump/apibump/internal/upstream/kindecode"
)

// oddSchemas writes documents whose schemas use every keyword kin-openapi
// reads, in each form encoding/json reads differently from the tree: keys
// in another case, unknown keys, nulls, empty lists and maps, numbers a
// uint64 field refuses or that path items re-encode, $refs with siblings,
// boolean schemas, additionalProperties re-encoded by kin-openapi, maps of
// schemas written as a $ref, a schema written in another file (its $refs
// and discriminator mapping rebased), marks that would land in examples.
func oddSchemas(t *testing.T) []string {
	dir := t.TempDir()
	every := `{"type":["string","null"],"title":"t\u2028<&>","format":"f","description":"d","pattern":"^a",
"enum":["a",1,1.0,null,{"k":[1e2]}],"default":{"schema":{"type":"string"}},"example":{"schema":1},
"examples":[{"schema":{"type":"x"}}],"externalDocs":{"url":"u","x-e":1},"xml":{"name":"n","x-x":true},
"uniqueItems":true,"nullable":false,"readOnly":false,"writeOnly":true,"deprecated":true,"allowEmptyValue":true,
"exclusiveMinimum":1,"exclusiveMaximum":2.5,"minimum":-0.0,"maximum":12345678901234567890,"multipleOf":1e-7,
"minLength":0,"maxLength":4294967296,"minItems":1,"maxItems":2,"minProperties":0,"maxProperties":3,
"required":["p"],"properties":{"p":{"$ref":"#/components/schemas/B","description":"sibling"},"q":true,"r":false,"e":{},"x-p":{"type":"integer"}},
"additionalProperties":{"type":"integer","maximum":1e2,"minLength":1.0e1,"x-n":1.50,"items":{"$ref":"#/components/schemas/B"},"properties":{"a":{"maxLength":2.0}}},
"unevaluatedProperties":false,"unevaluatedItems":{"type":"string"},"discriminator":{"propertyName":"k","mapping":{"a":"#/components/schemas/B"}},
"oneOf":[{"$ref":"#/components/schemas/B"},{"type":"string"}],"anyOf":[],"allOf":[{"allOf":[{"items":{"type":"string"}}]}],"not":{"type":"boolean"},
"if":{"type":"string"},"then":{"minLength":1},"else":{"maxLength":0},"dependentRequired":{"a":["b"]},"dependentSchemas":{"a":{"type":"object"}},
"$defs":{"d":{"type":"string"}},"prefixItems":[{"type":"string"}],"contains":{"type":"integer"},"minContains":1,"maxContains":2,
"propertyNames":{"pattern":"^a"},"patternProperties":{"^x":{"type":"string"}},"const":5,"contentMediaType":"a/b","contentEncoding":"base64",
"contentSchema":{"type":"object"},"$id":"i","$anchor":"a","$comment":"c","$schema":"s","$dynamicRef":"#d","$dynamicAnchor":"d",
"x-a":{"$ref":"#/components/schemas/B","schema":{"type":"string"}},"x-b":[1.50,null]}`
	odd := map[string]string{
		"Every":      every,
		"B":          `{"type":"string"}`,
		"Case":       `{"Type":"string","properties":{"a":{"type":"string","MaxLength":3}}}`,
		"Unknown":    `{"type":"string","readonly":true,"items":{"type":"string","foo":{"bar":1}}}`,
		"Null":       `{"type":"string","nullable":null,"properties":{"a":{"description":null},"b":null}}`,
		"Empty":      `{"allOf":[],"properties":{},"required":[],"type":[],"enum":[],"additionalProperties":{}}`,
		"Sibling":    `{"$ref":"#/components/schemas/B","description":"alias","x-s":1}`,
		"OnlyX":      `{"$ref":"#/components/schemas/B","x-s":1}`,
		"EmptyRef":   `{"$ref":""}`,
		"AddRef":     `{"additionalProperties":{"$ref":"#/components/schemas/B","description":"x"}}`,
		"AddBig":     `{"additionalProperties":{"maxLength":9007199254740993,"x-big":9007199254740993}}`,
		"AddTrue":    `{"additionalProperties":true,"unevaluatedItems":false}`,
		"RefMap":     `{"type":"object","properties":{"$ref":"#/components/schemas/Every/properties"}}`,
		"Deep":       everyKeyword(40),
		"Ext":        `{"x-webhook":{"schema":{"type":"string","x-in":{"schema":{}}}}}`,
		"Numbers":    `{"type":"number","minimum":1e308,"maximum":-1e-320,"multipleOf":0.1}`,
		"Strings":    `{"type":"string","description":"\u0000\ud83d\ude00\\\"","title":""}`,
		"DupTypes":   `{"type":["string","string"],"required":["a","a"]}`,
		"ItemsFalse": `{"type":"array","items":false,"prefixItems":[true,{"$ref":"#/components/schemas/B"}]}`,
		"NullSub":    `{"type":"object","items":null,"not":null,"properties":{"b":null},"allOf":[null,{"type":"string"}],"x-n":null}`,
		"Leaf":       `{"type":"integer","maximum":1e3}`,
		"Alias":      `{"$ref":"#/components/schemas/Leaf","description":"alias"}`,
	}
	var schemas []string
	for k, v := range odd {
		schemas = append(schemas, fmt.Sprintf("%q:%s", k, v))
	}
	var out []string
	for _, v := range []string{"3.0.3", "3.1.0"} {
		doc := fmt.Sprintf(`{"openapi":%q,"info":{"title":"t","version":"1"},
"paths":{"/a":{"parameters":[{"name":"p","in":"query","schema":{"type":"string","maxLength":5.0,"minLength":1e1,"minimum":1.50}}],
 "get":{"parameters":[{"name":"q","in":"query","schema":%[2]s,"example":{"schema":{"type":"string"}},"examples":{"e":{"value":{"schema":{}}}}}],
  "responses":{"200":{"description":"ok","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Every"},"examples":{"e":{"value":{"schema":{"maxLength":1.5}}}}}}}}}},
 "/b":{"get":{"$ref":"ops.json#/getB"}},
 "/c":{"post":{"requestBody":{"content":{"$ref":"ops.json#/content"}},"responses":{"204":{"description":"none"}}}}},
"components":{"schemas":{%[3]s},
 "parameters":{"P":{"name":"p","in":"query","schema":{"type":"integer","maxLength":5}}},
 "examples":{"X":{"value":{"schema":{"type":"string"}}}}}}`, v, every, strings.Join(schemas, ","))
		sub := filepath.Join(dir, v)
		spectest.Write(t, sub, "ops.json", `{"getB":{"responses":{"200":{"description":"ok","content":{"application/json":{"schema":{"oneOf":[{"$ref":"#/S"},{"$ref":"openapi.json#/components/schemas/B"}],"discriminator":{"propertyName":"k","mapping":{"s":"#/S","b":"openapi.json#/components/schemas/B"}}}}}}}},
"content":{"application/json":{"schema":{"type":"object","properties":{"s":{"$ref":"#/S"}},"additionalProperties":{"$ref":"#/S"}}}},
"S":{"type":"string","maxLength":3}}`)
		out = append(out, spectest.Write(t, sub, "openapi.json", doc))
	}
	return out
}

// badSchemas writes documents kin-openapi refuses for a schema's value.
func badSchemas(t *testing.T) []string {
	dir := t.TempDir()
	var out []string
	for i, s := range []string{`{"title":5}`, `{"maxLength":-1}`, `{"maxLength":1.5}`, `{"additionalProperties":"x"}`,
		`{"items":5}`, `{"type":[1]}`, `{"type":5}`, `{"required":"a"}`, `{"properties":[]}`, `{"allOf":{}}`,
		`{"minimum":"1"}`, `{"nullable":"yes"}`, `{"enum":{}}`, `{"discriminator":"d"}`, `{"properties":{"a":{"maxItems":1e400}}}`,
		`{"additionalProperties":{"maxLength":1e400}}`} {
		doc := fmt.Sprintf(`{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{"/a":{"get":{"parameters":[{"name":"q","in":"query","schema":{"type":"string"}}],"responses":{"200":{"description":"ok","content":{"application/json":{"schema":%s}}}}}}},
"components":{"schemas":{"S":%[1]s}}}`, s)
		out = append(out, spectest.Write(t, dir, fmt.Sprintf("bad%d.json", i), doc))
	}
	return out
}

// TestDirectSchemas builds the model of every spec of the corpus, of
// oasdiff's data and of the documents above with the schemas built from
// the trees and with all decoded from JSON: the same models, or the same
// error.
func TestDirectSchemas(t *testing.T) {
	odd := oddSchemas(t)
	files := append(odd, badSchemas(t)...)
	files = append(files, deepSpecs(t)...)
	files = append(files, spectest.Files(t, 64<<20)...)
	data := spectest.OasdiffData(t)
	files = append(files, spectest.OasdiffFiles(t)...)
	defer func(v bool) { directSchemas = v }(directSchemas)
	built, splitDeclined := map[bool]int{}, map[bool]int{}
	declined, same, errs := 0, 0, 0
	for _, p := range files {
		lo := source.LoadOptions{}
		if data != "" && strings.HasPrefix(p, data) {
			lo.RefRoot = data
		}
		// One document built twice, so its files keep their tokens.
		d, err := spec.Load(source.ParseInput(p), lo)
		if err != nil {
			continue
		}
		var models [2]*spec.Document
		var buildErrs [2]error
		for i, direct := range []bool{false, true} {
			directSchemas = direct
			buildErrs[i] = Build(d)
			built := *d
			models[i] = &built
		}
		if fmt.Sprint(buildErrs[0]) != fmt.Sprint(buildErrs[1]) {
			t.Errorf("%s: decoded, %v; built, %v", p, buildErrs[0], buildErrs[1])
			continue
		}
		if buildErrs[0] != nil {
			if slices.Contains(odd, p) {
				t.Errorf("%s: %v", p, buildErrs[0])
			}
			errs++
			continue
		}
		same++
		if diff := modelDiff(models[0].Spec, models[1].Spec); diff != "" {
			t.Errorf("%s: the schemas built make another model, at %s", p, diff)
		}
		docs := models
		if docs[1].Swagger || docs[1].PublicAPI {
			continue
		}
		// How many pieces the builder built and left to encoding/json.
		for _, direct := range []bool{false, true} {
			directSchemas = direct
			d := &document{docs[1]}
			parts, cuts, ok := d.splitParts(d.sanitizedRoot())
			if !ok {
				break
			}
			if _, err := kindecode.LoadSplit(d.newLoader(), &url.URL{Path: d.Root.Key}, parts, func(m any) error { return d.spliceCuts(cuts, m) }); err != nil {
				// A mark in a place kin-openapi does not read as a schema
				// (a key it does not know holding one: oasdiff's
				// data/enums/request-body-enum.yaml) sends the document to
				// the whole decoding, which the models above compared.
				if slices.Contains(odd, p) {
					t.Errorf("%s: the split load: %v", p, err)
				}
				splitDeclined[direct]++
				break
			}
			built[direct] += cuts.built
			if direct {
				declined += cuts.declinedSchemas()
			}
		}
	}
	t.Logf("%d files: %d models the same, %d errors the same; %d schemas built, %d decoded; split load declined %d times (%d without the builder)",
		len(files), same, errs, built[true], declined, splitDeclined[true], splitDeclined[false])
	if built[false] != 0 {
		t.Errorf("%d schemas built with directSchemas unset", built[false])
	}
	if built[true] < 1000 || declined < 10 {
		t.Errorf("%d schemas built, %d decoded: the comparison does not reach the builder", built[true], declined)
	}
	if errs < len(badSchemas(t)) {
		t.Errorf("only %d documents refused", errs)
	}
}

// TestDirectSchemaRebased: a schema written in another file, read where an
// operation written as a $ref is, has its $refs rebased as kinWriter
// rebases them.
func TestDirectSchemaRebased(t *testing.T) {
	d, err := loadDoc(oddSchemas(t)[0])
	if err != nil {
		t.Fatal(err)
	}
	s := d.Spec.Paths.Value("/b").Get.Responses.Value("200").Value.Content["application/json"].Schema.Value
	if got := s.OneOf[0].Ref; got != "ops.json#/S" {
		t.Errorf("oneOf[0] is %q, want ops.json#/S", got)
	}
	if got := s.Discriminator.Mapping["s"]; got.Ref != "ops.json#/S" {
		t.Errorf("the mapping's s is %q, want ops.json#/S", got.Ref)
	}
}

// TestOriginsDoNotHangOnMapOrder: the allOf items kin-openapi adds for the
// siblings of $refs (OpenAPI 3.1), reached from several links of a chain,
// get the same origins on every build (they hung on the order Go reads
// maps in).
func TestOriginsDoNotHangOnMapOrder(t *testing.T) {
	var chain string
	for _, p := range deepSpecs(t) {
		if strings.HasSuffix(p, "chain-3.1.0.json") {
			chain = p
		}
	}
	d, err := spec.Load(source.ParseInput(chain), source.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var first *spec.Document
	for i := range 8 {
		if err := Build(d); err != nil {
			t.Fatal(err)
		}
		built := *d
		if i == 0 {
			first = &built
			continue
		}
		if diff := modelDiff(first.Spec, built.Spec); diff != "" {
			t.Fatalf("build %d differs from the first at %s", i+1, diff)
		}
	}
}

// TestDirectSchemasLinear: schemas nested deep, each of which the builder
// leaves to encoding/json (an unknown key, a $ref with siblings, an
// additionalProperties it cannot build), or whose deepest one kin-openapi
// refuses, cost JSON written in proportion to the document, not to the
// square of its depth.
func TestDirectSchemasLinear(t *testing.T) {
	dir := t.TempDir()
	const depth = 2000
	shapes := map[string]string{
		"unknown":    `{"type":"array","items":%s,"foo":1}`,
		"sibling":    `{"type":"object","properties":{"a":%s,"b":{"$ref":"#/components/schemas/L","description":"d"}}}`,
		"additional": `{"type":"object","additionalProperties":%s,"foo":1}`,
		"refAdd":     `{"type":"object","additionalProperties":{"allOf":[%s]},"properties":{"b":{"$ref":"#/components/schemas/L","title":"t"}}}`,
		"mixed":      `{"type":"array","items":{"type":"object","properties":{"p":%s},"foo":1}}`,
	}
	for name, shape := range shapes {
		for _, bottom := range []string{`{"type":"string"}`, `{"title":5}`} {
			s := bottom
			for range depth {
				s = fmt.Sprintf(shape, s)
			}
			text := fmt.Sprintf(`{"openapi":"3.1.0","info":{"title":"t","version":"1"},"paths":{"/a":{"get":{"responses":{"200":{"description":"ok","content":{"application/json":{"schema":%s}}}}}}},"components":{"schemas":{"L":{"type":"string"},"D":%[1]s}}}`, s)
			p := spectest.Write(t, dir, name+".json", text)
			d, err := spec.Load(source.ParseInput(p), source.LoadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			doc := &document{d}
			parts, cuts, ok := doc.splitParts(doc.sanitizedRoot())
			if !ok {
				t.Fatalf("%s: not split", name)
			}
			_, err = kindecode.LoadSplit(doc.newLoader(), &url.URL{Path: d.Root.Key}, parts, func(m any) error { return doc.spliceCuts(cuts, m) })
			if (err != nil) != (bottom != `{"type":"string"}`) {
				t.Errorf("%s, bottom %s: %v", name, bottom, err)
			}
			if cuts.written > 40*len(text) {
				t.Errorf("%s, bottom %s: %d bytes of JSON written for a document of %d", name, bottom, cuts.written, len(text))
			}
		}
	}
}
