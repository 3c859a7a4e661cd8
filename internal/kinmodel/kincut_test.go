package kinmodel

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi2"
	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apibump/apibump/bench/specgen"
	"github.com/apibump/apibump/internal/source"
	"github.com/apibump/apibump/internal/spec"
	"github.com/apibump/apibump/internal/spec/spectest"
)

// subschemaKeywords lists, in turn, each keyword under which a schema holds
// other schemas, with how: one schema, a map of them, or a list.
var subschemaKeywords = []struct{ key, how string }{
	{"items", "one"}, {"properties", "map"}, {"additionalProperties", "one"}, {"not", "one"},
	{"allOf", "list"}, {"anyOf", "list"}, {"oneOf", "list"}, {"prefixItems", "list"},
	{"contains", "one"}, {"patternProperties", "map"}, {"dependentSchemas", "map"}, {"$defs", "map"},
	{"propertyNames", "one"}, {"unevaluatedItems", "one"}, {"unevaluatedProperties", "one"},
	{"if", "one"}, {"then", "one"}, {"else", "one"}, {"contentSchema", "one"},
}

// everyKeyword returns a schema nested depth levels deep, each level under
// the next keyword of subschemaKeywords, with a $ref beside each nested one
// where the keyword allows two, and numbers kin-openapi reads as floats.
func everyKeyword(depth int) string {
	s := `{"type":"string","maxLength":5,"minimum":1.50,"x-n":{"e":1e2}}`
	for i := depth - 1; i >= 0; i-- {
		kw := subschemaKeywords[i%len(subschemaKeywords)]
		ref := `{"$ref":"#/components/schemas/Leaf"}`
		if i%2 == 0 { // OpenAPI 3.1 merges the siblings of a $ref into its value
			ref = `{"$ref":"#/components/schemas/Alias","description":"beside"}`
		}
		var v string
		switch kw.how {
		case "one":
			v = s
		case "map":
			v = fmt.Sprintf(`{"a":%s,"b":%s}`, s, ref)
		default:
			v = fmt.Sprintf(`[%s,%s]`, ref, s)
		}
		s = fmt.Sprintf(`{"type":"object","minimum":0.10,"description":"level %d","x-l":[%d.0],%q:%s}`, i, i, kw.key, v)
	}
	return s
}

// deepSpecs writes documents with deep schemas in every place kin-openapi
// reads one, for OpenAPI 3.0, 3.1 and Swagger 2.0.
func deepSpecs(t *testing.T) []string {
	dir := t.TempDir()
	deep := everyKeyword(45)
	var out []string
	for _, v := range []string{"3.0.3", "3.1.0"} {
		doc := fmt.Sprintf(`{"openapi":%q,"info":{"title":"t","version":"1"},
"paths":{"/a/{id}":{"parameters":[{"name":"id","in":"path","required":true,"schema":%[2]s}],
 "get":{"parameters":[{"name":"q","in":"query","content":{"application/json":{"schema":%[2]s}}}],
  "requestBody":{"content":{"application/json":{"schema":%[2]s,"encoding":{"a":{"headers":{"Y":{"schema":%[2]s}}}}}}},
  "responses":{"200":{"description":"ok","headers":{"X":{"schema":%[2]s}},"content":{"application/json":{"schema":%[2]s}}}},
  "callbacks":{"c":{"{$request.body#/u}":{"post":{"requestBody":{"content":{"application/json":{"schema":%[2]s}}},"responses":{"204":{"description":"none"}}}}}}}}},
"webhooks":{"w":{"post":{"requestBody":{"content":{"application/json":{"schema":%[2]s}}},"responses":{"204":{"description":"none"}}}}},
"components":{"schemas":{"Leaf":{"type":"integer","maximum":1e3},"Deep":%[2]s,"Alias":{"$ref":"#/components/schemas/Chain1","description":"alias"},
 "Chain1":{"$ref":"#/components/schemas/Chain2"},"Chain2":{"$ref":"#/components/schemas/Leaf","title":"two"}},
 "parameters":{"P":{"name":"p","in":"query","schema":%[2]s}},
 "headers":{"H":{"schema":%[2]s}},
 "responses":{"R":{"description":"r","content":{"application/json":{"schema":%[2]s}}}},
 "requestBodies":{"B":{"content":{"application/json":{"schema":%[2]s}}}}}}`, v, deep)
		p := filepath.Join(dir, "deep-"+v+".json")
		if err := os.WriteFile(p, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
		out = append(out, p)
	}
	// Swagger 2.0 holds fewer keywords: items, properties, additionalProperties, allOf.
	sw := `{"type":"string"}`
	for i := 44; i >= 0; i-- {
		switch i % 4 {
		case 0:
			sw = fmt.Sprintf(`{"type":"array","items":%s}`, sw)
		case 1:
			sw = fmt.Sprintf(`{"type":"object","properties":{"p%d":%s,"r":{"$ref":"#/definitions/Leaf"}}}`, i, sw)
		case 2:
			sw = fmt.Sprintf(`{"type":"object","additionalProperties":%s}`, sw)
		default:
			sw = fmt.Sprintf(`{"allOf":[{"$ref":"#/definitions/Leaf"},%s]}`, sw)
		}
	}
	doc := fmt.Sprintf(`{"swagger":"2.0","info":{"title":"t","version":"1"},
"paths":{"/a":{"post":{"parameters":[{"name":"b","in":"body","schema":%[1]s}],"responses":{"200":{"description":"ok","schema":%[1]s}}}}},
"definitions":{"Leaf":{"type":"integer"},"Deep":%[1]s}}`, sw)
	p := filepath.Join(dir, "deep-swagger.json")
	if err := os.WriteFile(p, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	out = append(out, p)
	// Chains of component links, some with siblings (which OpenAPI 3.1
	// merges into the value), named so that their sorted order is the worst
	// for kin-openapi (each link before the one it names), parameters too.
	for _, v := range []string{"3.0.3", "3.1.0"} {
		var b strings.Builder
		fmt.Fprintf(&b, `{"openapi":%q,"info":{"title":"t","version":"1"},"paths":{"/c":{"get":{"parameters":[{"$ref":"#/components/parameters/P0"}],"responses":{"200":{"description":"ok","content":{"application/json":{"schema":{"$ref":"#/components/schemas/S0"}}}}}}}},"components":{"schemas":{`, v)
		for i := range 60 {
			switch i % 3 {
			case 0:
				fmt.Fprintf(&b, `"S%d":{"$ref":"#/components/schemas/S%d","description":"link %d"},`, i, i+1, i)
			case 1:
				fmt.Fprintf(&b, `"S%d":{"$ref":"#/components/schemas/S%d"},`, i, i+1)
			default:
				fmt.Fprintf(&b, `"S%d":{"$ref":"#/components/schemas/S%d","maxLength":%d},`, i, i+1, i)
			}
		}
		b.WriteString(`"S60":{"type":"object","properties":{"id":{"type":"string"},"back":{"$ref":"#/components/schemas/S30"}}}},"parameters":{`)
		for i := range 20 {
			fmt.Fprintf(&b, `"P%d":{"$ref":"#/components/parameters/P%d","description":"p%d"},`, i, i+1, i)
		}
		b.WriteString(`"P20":{"name":"q","in":"query","schema":{"$ref":"#/components/schemas/S10"}}}}}`)
		p := filepath.Join(dir, "chain-"+v+".json")
		if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		out = append(out, p)
	}
	for _, n := range []specgen.Nesting{specgen.NestProperties, specgen.NestMixed} {
		p := filepath.Join(dir, "specgen-"+string(n)+".json")
		if err := os.WriteFile(p, specgen.Deep(300, n, false), 0o644); err != nil {
			t.Fatal(err)
		}
		out = append(out, p)
	}
	return out
}

// TestCutDecodingIsTheSameModel decodes every spec of the corpus and the
// deep documents above with a cut at every level and every third, and
// compares each model with the JSON decoded whole.
func TestCutDecodingIsTheSameModel(t *testing.T) {
	files := append(deepSpecs(t), spectest.Files(t, 8<<20)...)
	pieces := 0
	for _, p := range files {
		doc, err := loadDoc(p)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		root := doc.sanitizedRoot()
		fresh := func() any {
			if doc.Swagger {
				return &openapi2.T{}
			}
			return &openapi3.T{}
		}
		whole := fresh()
		if err := json.Unmarshal(doc.kinJSON(doc.Root, root), whole); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		for _, every := range []int{1, 3} {
			cut := fresh()
			n, err := doc.decodeCut(root, cut, every)
			if err != nil {
				t.Errorf("%s, a cut every %d levels: %v", p, every, err)
				continue
			}
			if strings.Contains(p, "deep") && n == 0 {
				t.Errorf("%s, a cut every %d levels: nothing cut", p, every)
			}
			pieces += n
			if d := modelDiff(whole, cut); d != "" {
				t.Errorf("%s, a cut every %d levels: another model, at %s", p, every, d)
			}
		}
	}
	t.Logf("%d specs, %d pieces decoded on their own", len(files), pieces)
}

// TestDeepErrorIsTheWholeError: a document nested deeper than cutEvery
// levels with one value kin-openapi refuses is refused with the error the
// JSON decoded whole gives, found piece by piece (deepError) in linear
// time, none left to the whole decoding: under each kind of schema place
// (a path item's, whose numbers kin-openapi re-encodes;
// additionalProperties, which it re-encodes too; components; Swagger 2.0's
// definitions), for each kind of refusal (1.50 where a whole number is
// wanted reads 1.5 where kin-openapi re-encodes). A document with several
// is refused with the same one every time.
func TestDeepErrorIsTheWholeError(t *testing.T) {
	dir := t.TempDir()
	bad := []string{`{"title":5}`, `{"maxLength":-1}`, `{"maxLength":1.50}`, `{"additionalProperties":"x"}`,
		`{"items":5}`, `{"type":[1]}`, `{"required":"a"}`, `{"properties":[]}`, `{"allOf":{}}`,
		`{"minimum":"1"}`, `{"nullable":"yes"}`, `{"enum":{}}`, `{"discriminator":"d"}`, `{"maxItems":1e400}`,
		`{"exclusiveMinimum":"x"}`, `{"xml":[]}`, `{"properties":{"a":{"$ref":5}}}`}
	nest := func(kw string, leaf string, depth int) string {
		s := leaf
		for i := range depth {
			switch kw {
			case "mixed":
				s = fmt.Sprintf([]string{`{"type":"array","items":%s}`, `{"properties":{"p":%s,"q":{"type":"string","maxLength":2}}}`, `{"allOf":[{"type":"object"},%s]}`}[i%3], s)
			case "additionalProperties":
				s = fmt.Sprintf(`{"type":"object","additionalProperties":%s,"minProperties":1}`, s)
			}
		}
		return s
	}
	n, whole := 0, 0
	for i, leaf := range bad {
		for _, kw := range []string{"mixed", "additionalProperties"} {
			deep := nest(kw, leaf, 40)
			docs := map[string]string{
				"components": fmt.Sprintf(`{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{},"components":{"schemas":{"A":{"type":"string"},"D":%s}}}`, deep),
				"parameter":  fmt.Sprintf(`{"openapi":"3.1.0","info":{"title":"t","version":"1"},"paths":{"/a":{"get":{"parameters":[{"name":"q","in":"query","schema":%s}],"responses":{"200":{"description":"ok"}}}}}}`, deep),
				"swagger":    fmt.Sprintf(`{"swagger":"2.0","info":{"title":"t","version":"1"},"paths":{},"definitions":{"D":%s}}`, deep),
			}
			for place, text := range docs {
				p := filepath.Join(dir, fmt.Sprintf("%d-%s-%s.json", i, kw, place))
				if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
				d, err := spec.Load(source.ParseInput(p), source.LoadOptions{})
				if err != nil {
					continue // refused before kin-openapi
				}
				doc := &document{d}
				root := doc.sanitizedRoot()
				var want, got error
				if doc.Swagger {
					want = json.Unmarshal(doc.kinJSON(doc.Root, root), &openapi2.T{})
					got = deepError[openapi2.T](doc, root)
				} else {
					want = json.Unmarshal(doc.kinJSON(doc.Root, root), &openapi3.T{})
					got = deepError[openapi3.T](doc, root)
				}
				if want == nil {
					continue // kin-openapi accepts it in this place
				}
				n++
				if got == nil {
					t.Logf("left to the whole decoding: %s in %s under %s", leaf, place, kw)
					whole++
					continue
				}
				if got.Error() != want.Error() {
					t.Errorf("%s in %s under %s: %v, the whole gives %v", leaf, place, kw, got, want)
				}
			}
		}
	}
	t.Logf("%d refused documents, %d left to the whole decoding", n, whole)
	if n < 60 || whole > 0 {
		t.Errorf("%d refused documents, %d left to the whole decoding", n, whole)
	}
	// Valid: numbers kin-openapi re-encodes (1.0 where a whole number is
	// wanted, in a path item, under additionalProperties) are no error.
	for _, text := range []string{
		fmt.Sprintf(`{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{"/a":{"get":{"parameters":[{"name":"q","in":"query","schema":%s}],"responses":{"200":{"description":"ok","content":{"application/json":{"schema":%[1]s}}}}}}}}`, nest("mixed", `{"maxLength":5.0}`, 40)),
		fmt.Sprintf(`{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{},"components":{"schemas":{"D":{"additionalProperties":%s}}}}`, nest("mixed", `{"maxLength":5.0}`, 40)),
	} {
		p := filepath.Join(dir, "valid.json")
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		d, err := spec.Load(source.ParseInput(p), source.LoadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		doc := &document{d}
		if err := deepError[openapi3.T](doc, doc.sanitizedRoot()); err != nil {
			t.Errorf("a valid document refused: %v", err)
		}
	}
	// Two errors: always the same one.
	text := fmt.Sprintf(`{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{},"components":{"schemas":{"B":%s,"C":%s,"D":%s}}}`,
		nest("mixed", `{"title":5}`, 40), nest("mixed", `{"maxLength":-1}`, 40), nest("additionalProperties", `{"type":[1]}`, 40))
	p := filepath.Join(dir, "several.json")
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	var first string
	for range 8 {
		d, err := spec.Load(source.ParseInput(p), source.LoadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		before := wholeDecodes.Load()
		err = Build(d)
		if err == nil {
			t.Fatal("accepted")
		}
		if wholeDecodes.Load() != before {
			t.Error("decoded whole for its error")
		}
		if first == "" {
			first = err.Error()
		} else if err.Error() != first {
			t.Fatalf("refused with %q, then %q", first, err)
		}
	}
}
