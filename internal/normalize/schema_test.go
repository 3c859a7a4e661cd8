package normalize_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/apibump/apibump/internal/normalize"
)

// schemaSpec is a spec of the given version whose component S is schema (a
// YAML flow mapping), beside the components in others (YAML lines indented
// by four spaces).
func schemaSpec(version, schema, others string) string {
	return fmt.Sprintf(`openapi: %s
info: {title: t, version: "1"}
paths:
  /s:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/S"}
components:
  schemas:
    S: %s
%s`, version, schema, others)
}

// normS normalises the spec and returns its component S, as JSON, and the rewrites.
func normS(t *testing.T, version, schema, others string) (string, []normalize.Rewrite) {
	t.Helper()
	out, rw := normalized(t, loadText(t, schemaSpec(version, schema, others)))
	return js(at(out, "/components/schemas/S")), rw
}

// sameForm checks that each written form of a schema normalises to want.
func sameForm(t *testing.T, version, others, want string, forms ...string) {
	t.Helper()
	for _, f := range forms {
		got, rw := normS(t, version, f, others)
		if got != canon(want) {
			t.Errorf("%s %s normalised to\n  %s\nwant\n  %s%s", version, f, got, canon(want), kinds(rw))
		}
	}
}

// unchanged checks that each form is left as written.
func unchanged(t *testing.T, version, others string, forms ...string) {
	t.Helper()
	for _, f := range forms {
		d := loadText(t, schemaSpec(version, f, others))
		want := js(at(d, "/components/schemas/S"))
		got, rw := normS(t, version, f, others)
		if got != want {
			t.Errorf("%s %s normalised to\n  %s\nwant it as written%s", version, f, got, kinds(rw))
		}
	}
}

func findRewrite(rw []normalize.Rewrite, k normalize.Kind) *normalize.Rewrite {
	for i := range rw {
		if rw[i].Kind == k {
			return &rw[i]
		}
	}
	return nil
}

const userComponent = "    User: {type: object, required: [id], properties: {id: {type: integer}, name: {type: string}}}\n"

func TestAllOfSingleRef(t *testing.T) {
	for _, v := range []string{"3.0.3", "3.1.0"} {
		sameForm(t, v, userComponent, `{"$ref":"#/components/schemas/User","description":"d"}`,
			`{description: d, allOf: [{$ref: "#/components/schemas/User"}]}`,
			`{$ref: "#/components/schemas/User", description: d}`)
		sameForm(t, v, userComponent, `{"$ref":"#/components/schemas/User"}`,
			`{allOf: [{$ref: "#/components/schemas/User"}]}`)
		// Beside a keyword that is not documentation, the allOf does not become a $ref.
		unchanged(t, v, userComponent,
			`{nullable: true, allOf: [{$ref: "#/components/schemas/User"}]}`,
			`{allOf: [{$ref: "#/components/schemas/User"}], not: {type: string}, $id: x}`)
		if got, _ := normS(t, v, `{deprecated: true, allOf: [{$ref: "#/components/schemas/User"}]}`, userComponent); strings.Contains(got, "$ref") {
			t.Errorf("deprecated beside allOf became a $ref sibling: %s", got)
		}
	}
	// The rewrite is recorded on the schema, with the reference as detail.
	_, rw := normS(t, "3.0.3", `{description: d, allOf: [{$ref: "#/components/schemas/User"}]}`, userComponent)
	r := findRewrite(rw, normalize.AllOfSingleRef)
	if r == nil || r.Pointer() != "/components/schemas/S" || r.Detail != "#/components/schemas/User" || r.Original.Get("allOf") == nil {
		t.Errorf("rewrite %+v, want allof-single-ref at /components/schemas/S%s", r, kinds(rw))
	}
}

func TestAllOfMerge(t *testing.T) {
	const merged = `{"type":"object","required":["id"],"properties":{"id":{"type":"integer"},"name":{"type":"string"},"extra":{"type":"boolean"}}}`
	sameForm(t, "3.1.0", userComponent, merged,
		`{allOf: [{$ref: "#/components/schemas/User"}, {type: object, properties: {extra: {type: boolean}}}]}`,
		`{type: object, allOf: [{$ref: "#/components/schemas/User"}, {properties: {extra: {type: boolean}}}]}`,
		`{allOf: [{$ref: "#/components/schemas/User"}, {properties: {extra: {type: boolean}, id: {type: integer}}, required: [id]}]}`,
		`{type: object, required: [id], properties: {id: {type: integer}, name: {type: string}, extra: {type: boolean}}}`)
	others := userComponent + "    U2: {$ref: \"#/components/schemas/U3\"}\n    U3: {$ref: \"#/components/schemas/User\"}\n"
	got, _ := normS(t, "3.1.0", `{allOf: [{$ref: "#/components/schemas/U2"}, {type: object, properties: {extra: {type: boolean}}}]}`, others)
	if got != canon(merged) {
		t.Errorf("through a chain of references: %s", got)
	}
	// Not provably equivalent: left as written.
	unchanged(t, "3.1.0", userComponent,
		`{allOf: [{$ref: "#/components/schemas/User"}, {properties: {id: {type: string}}}]}`,                             // the same property, two schemas
		`{allOf: [{$ref: "#/components/schemas/User"}, {type: string}]}`,                                                 // two types
		`{allOf: [{$ref: "#/components/schemas/User"}, {additionalProperties: false, properties: {x: {type: string}}}]}`, // reads its siblings
		`{allOf: [{$ref: "#/components/schemas/User"}, {oneOf: [{required: [a]}, {required: [b]}]}]}`,                    // a composition
		`{allOf: [{$ref: "#/components/schemas/User"}, {description: a}], description: b}`)                               // two descriptions

	// The merged schema stands where the allOf stood; its members are the
	// component's own nodes, which keep their positions.
	text := schemaSpec("3.1.0", `{allOf: [{$ref: "#/components/schemas/User"}, {type: object, properties: {extra: {type: boolean}}}]}`, userComponent)
	d := loadText(t, text)
	out, rw := normalized(t, d)
	s, orig := at(out, "/components/schemas/S"), at(d, "/components/schemas/S")
	if s.Pos != orig.Pos || s.KeyPos != orig.KeyPos || s.File != orig.File {
		t.Errorf("merged schema at %v/%v, want %v/%v", s.Pos, s.KeyPos, orig.Pos, orig.KeyPos)
	}
	if got, want := s.Get("properties").Get("id"), at(d, "/components/schemas/User/properties/id"); got != want {
		t.Errorf("the merged property id is not the component's node")
	}
	if got, want := s.Get("properties").Get("extra"), at(d, "/components/schemas/S/allOf/1/properties/extra"); got != want {
		t.Errorf("the merged property extra is not the member's node")
	}
	if r := findRewrite(rw, normalize.AllOfMerged); r == nil || r.Pointer() != "/components/schemas/S" || r.Original != orig {
		t.Errorf("no allof-merged rewrite on S:%s", kinds(rw))
	}
}

// A member that leads back to the schema being merged keeps its $ref.
func TestAllOfMergeCycles(t *testing.T) {
	others := "    A: {allOf: [{$ref: \"#/components/schemas/B\"}, {properties: {a: {type: string}}}]}\n" +
		"    B: {allOf: [{$ref: \"#/components/schemas/A\"}, {properties: {b: {type: string}}}]}\n"
	for _, s := range []string{
		`{allOf: [{$ref: "#/components/schemas/A"}, {properties: {s: {type: string}}}]}`,
		`{allOf: [{$ref: "#/components/schemas/S"}, {properties: {s: {type: string}}}]}`,
	} {
		got, rw := normS(t, "3.1.0", s, others)
		if !strings.Contains(got, `"allOf"`) || !strings.Contains(got, `"$ref"`) {
			t.Errorf("%s normalised to %s, want the allOf kept with its $ref%s", s, got, kinds(rw))
		}
	}
}

// A member in another file is merged only if it holds no $ref (a $ref is
// read from the file that holds it).
func TestAllOfMergeAcrossFiles(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "common.yaml", `Plain: {type: object, properties: {p: {type: string}}}
WithRef: {type: object, properties: {p: {$ref: "#/Plain"}}}
`)
	spec := write(t, dir, "spec.yaml", schemaSpec("3.1.0", `{type: object}`, `    Plain: {allOf: [{$ref: "common.yaml#/Plain"}, {properties: {q: {type: string}}}]}
    WithRef: {allOf: [{$ref: "common.yaml#/WithRef"}, {properties: {q: {type: string}}}]}
`))
	out, _ := normalized(t, load(t, spec))
	if got := js(at(out, "/components/schemas/Plain")); got != canon(`{"type":"object","properties":{"p":{"type":"string"},"q":{"type":"string"}}}`) {
		t.Errorf("Plain: %s", got)
	}
	if got := js(at(out, "/components/schemas/WithRef")); !strings.Contains(got, "allOf") {
		t.Errorf("WithRef merged across files with a $ref inside: %s", got)
	}
	// The merged property p is the other file's node, positions and all.
	if p := at(out, "/components/schemas/Plain/properties/p"); p == nil || !strings.HasSuffix(p.File.Name, "common.yaml") {
		t.Errorf("merged p does not come from common.yaml")
	}
}

func TestEmptyAndFalseSchemas(t *testing.T) {
	for _, v := range []string{"3.0.3", "3.1.0"} {
		sameForm(t, v, "", `{"type":"object","properties":{"a":{},"b":{"not":{}}}}`,
			`{type: object, properties: {a: true, b: false}}`,
			`{type: object, properties: {a: {}, b: {not: {}}}}`,
			`{type: object, properties: {a: {}, b: {not: true}}}`)
		sameForm(t, v, "", `{"type":"object","properties":{"a":{"type":"string"}}}`,
			`{type: object, properties: {a: {type: string}}, additionalProperties: true}`,
			`{type: object, properties: {a: {type: string}}, additionalProperties: {}}`,
			`{type: object, properties: {a: {type: string}}}`)
		sameForm(t, v, "", `{"type":"object","additionalProperties":false}`,
			`{type: object, additionalProperties: false}`,
			`{type: object, additionalProperties: {not: {}}}`)
	}
	// A media type's schema: {}, true and none are one form (none).
	for _, s := range []string{"schema: {}", "schema: true", ""} {
		spec := fmt.Sprintf(`openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /s:
    post:
      requestBody:
        content:
          application/json: {%s}
      responses:
        "204": {description: ok}
`, s)
		out, rw := normalized(t, loadText(t, spec))
		if got := js(at(out, "/paths/~1s/post/requestBody/content/application~1json")); got != `{}` {
			t.Errorf("media type with %q normalised to %s", s, got)
		}
		if s != "" {
			if r := findRewrite(rw, normalize.EmptySchema); r == nil || r.Pointer() != "/paths/~1s/post/requestBody/content/application~1json/schema" {
				t.Errorf("no empty-schema rewrite at the media type's schema:%s", kinds(rw))
			}
		}
	}
}

func TestNullableForms(t *testing.T) {
	const nullableString = `{"type":"string","nullable":true}`
	forms := []string{
		`{type: [string, "null"]}`,
		`{type: ["null", string]}`,
		`{oneOf: [{type: string}, {type: "null"}]}`,
		`{anyOf: [{type: "null"}, {type: string}]}`,
	}
	sameForm(t, "3.1.0", "", nullableString, forms...)
	sameForm(t, "3.0.3", "", nullableString, append(forms, `{type: string, nullable: true}`)...)
	sameForm(t, "3.0.3", "", `{"type":"string"}`, `{type: string, nullable: false}`)
	sameForm(t, "3.1.0", "", `{"type":"string","maxLength":3,"nullable":true}`,
		`{oneOf: [{type: "null"}, {type: string, maxLength: 3}]}`,
		`{type: [string, "null"], maxLength: 3}`)
	sameForm(t, "3.1.0", "", `{"type":["integer","string"],"nullable":true}`,
		`{type: [string, integer, "null"]}`,
		`{oneOf: [{type: integer}, {type: "null"}, {type: string}]}`)
	// With an enum, null is accepted in both forms only if the enum lists it.
	sameForm(t, "3.1.0", "", `{"type":"string","enum":["a",null],"nullable":true}`,
		`{type: [string, "null"], enum: [a, null]}`)

	// A $ref made nullable: the referenced schema with nullable, when it
	// qualifies; else the wrapper, in one order.
	sameForm(t, "3.1.0", userComponent, `{"type":"object","required":["id"],"properties":{"id":{"type":"integer"},"name":{"type":"string"}},"nullable":true}`,
		`{oneOf: [{type: "null"}, {$ref: "#/components/schemas/User"}]}`,
		`{anyOf: [{$ref: "#/components/schemas/User"}, {type: "null"}]}`,
		`{type: [object, "null"], required: [id], properties: {id: {type: integer}, name: {type: string}}}`)
	composed := "    C: {allOf: [{$ref: \"#/components/schemas/User\"}, {required: [x]}], type: object, oneOf: [{required: [a]}, {required: [b]}]}\n" + userComponent
	sameForm(t, "3.1.0", composed, `{"oneOf":[{"type":"null"},{"$ref":"#/components/schemas/C"}]}`,
		`{oneOf: [{type: "null"}, {$ref: "#/components/schemas/C"}]}`,
		`{oneOf: [{$ref: "#/components/schemas/C"}, {type: "null"}]}`,
		`{anyOf: [{$ref: "#/components/schemas/C"}, {type: "null"}]}`)
	// anyOf is oneOf only when the referenced schema rejects null.
	unchanged(t, "3.1.0", "    N: {nullable: true, oneOf: [{required: [a]}]}\n",
		`{anyOf: [{$ref: "#/components/schemas/N"}, {type: "null"}]}`)

	// The nullable keyword stands where "null" was written.
	d := loadText(t, schemaSpec("3.1.0", "{type: [string, \"null\"]}", ""))
	out, rw := normalized(t, d)
	null := at(d, "/components/schemas/S/type/1")
	if nl := at(out, "/components/schemas/S/nullable"); nl == nil || nl.Pos != null.Pos || nl.File != null.File {
		t.Errorf("nullable at %v, want where \"null\" was written (%v)", nl, null.Pos)
	}
	if r := findRewrite(rw, normalize.NullableType); r == nil || r.Pointer() != "/components/schemas/S/type" || r.Original != at(d, "/components/schemas/S/type") {
		t.Errorf("no nullable-type rewrite on S/type:%s", kinds(rw))
	}
}

func TestTypeUnions(t *testing.T) {
	sameForm(t, "3.1.0", "", `{"type":["boolean","integer","string"]}`,
		`{oneOf: [{type: string}, {type: integer}, {type: boolean}]}`,
		`{anyOf: [{type: boolean}, {type: string}, {type: integer}]}`,
		`{type: [string, boolean, integer, string]}`)
	sameForm(t, "3.1.0", "", `{"type":"string"}`, `{oneOf: [{type: string}]}`, `{type: [string]}`)
	sameForm(t, "3.1.0", "", `{"type":["integer","number"]}`, `{anyOf: [{type: integer}, {type: number}]}`)
	unchanged(t, "3.1.0", "",
		`{oneOf: [{type: integer}, {type: number}]}`,                                // an integer matches both: rejected
		`{oneOf: [{type: string}, {type: string}]}`,                                 // every string matches both
		`{oneOf: [{type: string}, {type: object, required: [a]}]}`,                  // oasdiff would read required on every type
		`{oneOf: [{type: "null"}, {type: string, enum: [a]}]}`,                      // enum constrains null too
		`{type: string, oneOf: [{type: string}, {type: integer}]}`,                  // a type beside: an intersection
		`{oneOf: [{type: "null"}, {type: string, x-kind: a}]}`,                      // an extension on the member
		`{oneOf: [{type: "null"}, {type: string, description: b}], description: a}`) // two descriptions
}

func TestInapplicableKeywords(t *testing.T) {
	sameForm(t, "3.1.0", "", `{"type":"string","format":"date"}`,
		`{type: string, format: date, maxItems: 3, minimum: 1, properties: {a: {}}, required: [a], additionalProperties: false}`)
	sameForm(t, "3.1.0", "", `{"type":"array","items":{"type":"string"},"maxItems":2}`,
		`{type: array, items: {type: string, maxItems: 4}, maxItems: 2, maxLength: 9, multipleOf: 2}`)
	sameForm(t, "3.1.0", "", `{"type":"object","properties":{"a":{"type":"integer","maximum":3}}}`,
		`{type: object, properties: {a: {type: integer, maximum: 3, pattern: x}}, uniqueItems: true}`)
	// A type list keeps what any of its types reads.
	sameForm(t, "3.1.0", "", `{"type":["integer","string"],"maxLength":3,"maximum":4}`,
		`{type: [string, integer], maxLength: 3, maximum: 4, items: {}}`)
	// No type, or a type apibump does not know: every keyword stays.
	unchanged(t, "3.1.0", "", `{maxLength: 3, maxItems: 2}`, `{type: file, maxLength: 3}`)
	_, rw := normS(t, "3.1.0", `{type: string, maxItems: 3}`, "")
	if r := findRewrite(rw, normalize.InapplicableKeyword); r == nil || r.Pointer() != "/components/schemas/S/maxItems" || r.Detail != "maxItems" || r.Original.Value != "3" {
		t.Errorf("no inapplicable-keyword rewrite for maxItems:%s", kinds(rw))
	}
}

func TestExclusiveBounds(t *testing.T) {
	sameForm(t, "3.1.0", "", `{"type":"integer","exclusiveMinimum":0,"maximum":9}`,
		`{type: integer, exclusiveMinimum: 0, maximum: 9}`)
	sameForm(t, "3.0.3", "", `{"type":"integer","exclusiveMinimum":0,"maximum":9}`,
		`{type: integer, minimum: 0, exclusiveMinimum: true, maximum: 9, exclusiveMaximum: false}`)
	sameForm(t, "3.0.3", "", `{"type":"integer"}`, `{type: integer, exclusiveMinimum: true}`)
}

func TestPrefixItemsAndUnevaluated(t *testing.T) {
	sameForm(t, "3.1.0", "", `{"type":"array","items":{"type":"string"}}`,
		`{type: array, items: {type: string}, prefixItems: [{type: string}, {type: string}]}`,
		`{type: array, items: {type: string}, unevaluatedItems: false}`)
	unchanged(t, "3.1.0", "",
		`{type: array, items: {type: string}, prefixItems: [{type: string}, {type: integer}]}`,
		`{type: array, prefixItems: [{type: string}]}`,
		`{type: object, unevaluatedProperties: false}`)
	sameForm(t, "3.1.0", "", `{"type":"object","properties":{"a":{"type":"string"}}}`,
		`{type: object, properties: {a: {type: string}}, additionalProperties: true, unevaluatedProperties: false}`)
	sameForm(t, "3.1.0", "", `{"type":"object","additionalProperties":false}`,
		`{type: object, additionalProperties: false, unevaluatedProperties: {type: string}}`)
}

// The input document is left as it was.
func TestInputUntouched(t *testing.T) {
	text := schemaSpec("3.0.3", `{description: d, allOf: [{$ref: "#/components/schemas/User"}, {properties: {x: {type: string, maxItems: 2}}}], nullable: false}`, userComponent)
	d := loadText(t, text)
	before := js(d.Root.Root)
	out, rw := normalized(t, d)
	if len(rw) == 0 || js(out.Root.Root) == before {
		t.Fatalf("nothing was normalised")
	}
	if after := js(d.Root.Root); after != before {
		t.Errorf("the input changed:\n%s\n%s", before, after)
	}
	if d.Spec == out.Spec || d.Root == out.Root {
		t.Errorf("the normalised document shares its model or root file with the input")
	}
	// What did not change is shared.
	if at(out, "/paths") != at(d, "/paths") || at(out, "/info") != at(d, "/info") {
		t.Errorf("unchanged subtrees are copied")
	}
}

// Skipping a kind leaves its forms as written.
func TestSkip(t *testing.T) {
	d := loadText(t, schemaSpec("3.1.0", `{type: string, maxItems: 3}`, ""))
	out, rw, err := normalize.Document(d, normalize.Options{Skip: map[normalize.Kind]bool{normalize.InapplicableKeyword: true}})
	if err != nil {
		t.Fatal(err)
	}
	if len(rw) != 0 || out != d {
		t.Errorf("rewrites made although skipped:%s", kinds(rw))
	}
}

func TestEnumUnions(t *testing.T) {
	// GitHub 23.0.0's budget_type: an enum split into one member per value.
	sameForm(t, "3.0.3", "", `{"type":"string","enum":["ProductPricing","SkuPricing"],"description":"d"}`,
		`{type: string, enum: [ProductPricing, SkuPricing], description: d}`,
		`{description: d, oneOf: [{type: string, enum: [ProductPricing]}, {type: string, enum: [SkuPricing]}]}`,
		`{description: d, anyOf: [{type: string, enum: [ProductPricing], description: p}, {type: string, enum: [SkuPricing, ProductPricing]}]}`,
		`{description: d, type: string, oneOf: [{type: string, enum: [ProductPricing], title: P}, {type: string, enum: [SkuPricing]}]}`)
	sameForm(t, "3.1.0", "", `{"enum":["a",1,null,true]}`,
		`{oneOf: [{const: a}, {const: 1}, {const: null}, {enum: [true]}]}`,
		`{anyOf: [{enum: [a, 1]}, {enum: [1, null, true]}]}`)
	sameForm(t, "3.1.0", "", `{"type":"integer","enum":[1,2],"maximum":5}`,
		`{maximum: 5, oneOf: [{type: integer, const: 1}, {type: integer, const: 2}]}`)
	unchanged(t, "3.1.0", "",
		`{oneOf: [{enum: [a, b]}, {enum: [b, c]}]}`,                                     // b matches two members: rejected
		`{oneOf: [{const: 1}, {const: 1.0}]}`,                                           // the same number twice
		`{anyOf: [{const: 1}, {const: 1.0}]}`,                                           // written differently: left as written
		`{anyOf: [{const: 12345678901234567890}, {const: 12345678901234567891}]}`,       // floats agree, the numbers do not
		`{oneOf: [{type: string, enum: [a]}, {type: integer, enum: [1]}]}`,              // two types
		`{oneOf: [{type: string, enum: [a]}, {enum: [1]}]}`,                             // an untyped member beside a typed one
		`{type: integer, oneOf: [{type: string, enum: [a]}]}`,                           // the type beside differs
		`{oneOf: [{type: string, enum: [a], maxLength: 3}, {type: string, enum: [b]}]}`, // a keyword beside the values
		`{oneOf: [{type: string, enum: [a]}, {type: string}]}`,                          // a member without values
		`{oneOf: [{const: {a: 1}}, {const: 2}]}`,                                        // an object value
		`{enum: [a], oneOf: [{const: a}, {const: b}]}`,                                  // an enum beside
		`{oneOf: [{const: a}, {const: b}], anyOf: [{const: a}]}`,                        // both unions
		`{oneOf: [{const: a, x-label: A}, {const: b}]}`)                                 // an extension on a member
	unchanged(t, "3.1.0", "    A: {const: 1}\n", `{oneOf: [{$ref: "#/components/schemas/A"}, {const: 2}]}`) // a reference
	_, rw := normS(t, "3.1.0", `{oneOf: [{const: a}, {const: b}]}`, "")
	if r := findRewrite(rw, normalize.EnumUnion); r == nil || r.Pointer() != "/components/schemas/S/oneOf" || r.Detail != "oneOf" {
		t.Errorf("no enum-union rewrite on S/oneOf:%s", kinds(rw))
	}
}
