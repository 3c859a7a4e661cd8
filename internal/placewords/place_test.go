package placewords

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/apibump/apibump/internal/locale"
	"github.com/apibump/apibump/internal/locate"
	"github.com/apibump/apibump/internal/oasgrammar"
	"github.com/apibump/apibump/internal/source"
	"github.com/apibump/apibump/internal/spec"
	"github.com/apibump/apibump/internal/spec/spectest"
)

const doc30 = `openapi: 3.0.3
info: {title: Budgets, version: "1.0.0", contact: {email: a@b.c}}
servers: [{url: "https://api.example.com/v1"}]
tags: [{name: budgets, description: Budgets}]
paths:
  /budgets/{id}:
    parameters:
      - {name: id, in: path, required: true, schema: {type: string}}
    get:
      operationId: getBudget
      parameters:
        - $ref: '#/components/parameters/Limit'
      responses:
        "200":
          description: ok
          headers:
            X-Rate: {schema: {type: integer}}
          links:
            next: {operationId: getBudget}
          content:
            application/json:
              schema:
                type: object
                properties:
                  budget:
                    type: object
                    properties:
                      budget_amount: {type: string, format: decimal, enum: [a, b]}
                  items:
                    type: array
                    items: {$ref: '#/components/schemas/Item'}
    post:
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              properties:
                name: {type: string, maxLength: 10}
            encoding:
              name: {contentType: text/plain}
      responses:
        default: {description: error}
      x-internal: {team: a}
components:
  parameters:
    Limit: {name: limit, in: query, schema: {type: integer, maximum: 100}}
  schemas:
    Item:
      type: object
      properties:
        is_private: {type: boolean}
        tags: {type: array, items: {type: string}}
  securitySchemes:
    key: {type: apiKey, in: header, name: X-Key}
`

func load(t *testing.T, name, text string) *spec.Document {
	t.Helper()
	d, err := spec.Load(source.ParseInput(spectest.Write(t, t.TempDir(), name, text)), source.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestWords names places as a person reads them, in English and French,
// with no JSON pointer: the tokens are unescaped and typed by the grammar.
func TestWords(t *testing.T) {
	d := load(t, "api.yaml", doc30)
	for _, tc := range []struct {
		pointer string
		dir     oasgrammar.Side
		en, fr  string
	}{
		{"/paths/~1budgets~1{id}/get/responses/200/content/application~1json/schema/properties/budget/properties/budget_amount/format", 0,
			"the `format` of the response property `budget/budget_amount` (200, application/json)",
			"le champ `format` de la propriété de réponse `budget/budget_amount` (200, application/json)"},
		{"/paths/~1budgets~1{id}/get/responses/200/content/application~1json/schema/properties/budget/properties/budget_amount/enum/1", 0,
			"the `enum` of the response property `budget/budget_amount` (200, application/json)", ""},
		{"/paths/~1budgets~1{id}/get/responses/200/content/application~1json/schema/properties/budget", 0,
			"the response property `budget` (200, application/json)", "la propriété de réponse `budget` (200, application/json)"},
		{"/paths/~1budgets~1{id}/get/responses/200/content/application~1json/schema/properties/items/items/properties/is_private", 0,
			"the response property `items/items/is_private` (200, application/json)", ""},
		{"/paths/~1budgets~1{id}/get/responses/200/content/application~1json/schema/type", 0,
			"the `type` of the response body (200, application/json)", "le champ `type` du corps de la réponse (200, application/json)"},
		{"/paths/~1budgets~1{id}/get/responses/200/headers/X-Rate/schema/type", 0,
			"the `type` of the schema of the header `X-Rate` of the response `200`", ""},
		{"/paths/~1budgets~1{id}/get/responses/200/links/next/operationId", 0,
			"the `operationId` of the link `next` of the response `200`", ""},
		{"/paths/~1budgets~1{id}/get/parameters/0/schema/maximum", 0,
			"the `maximum` of the schema of the `query` parameter `limit`", "le champ `maximum` du schéma du paramètre `limit` (`query`)"},
		{"/paths/~1budgets~1{id}/parameters/0/required", 0,
			"the `required` of the `path` parameter `id`", ""},
		{"/paths/~1budgets~1{id}/get/operationId", 0,
			"the `operationId` of the operation", "le champ `operationId` de l'opération"},
		{"/paths/~1budgets~1{id}/get", 0, "the operation", ""},
		{"/paths/~1budgets~1{id}/post/requestBody/content/application~1x-www-form-urlencoded/schema/properties/name/maxLength", 0,
			"the `maxLength` of the request property `name` (application/x-www-form-urlencoded)", ""},
		{"/paths/~1budgets~1{id}/post/requestBody/content/application~1x-www-form-urlencoded/encoding/name/contentType", 0,
			"the `contentType` of the encoding of `name` (application/x-www-form-urlencoded)", ""},
		{"/paths/~1budgets~1{id}/post/requestBody/content/application~1x-www-form-urlencoded", 0,
			"the media type `application/x-www-form-urlencoded` of the request body", ""},
		{"/paths/~1budgets~1{id}/post/responses/default/description", 0, "the `description` of the response `default`", ""},
		{"/paths/~1budgets~1{id}/get/responses/200/content/application~1json/example/a", 0,
			"the `example` of the response `200` (application/json)", ""},
		{"/paths/~1budgets~1{id}/post/x-internal/team", 0, "the `x-internal/team` of the operation", ""},
		{"/components/schemas/Item/properties/is_private/type", 0,
			"the `type` of the property `is_private` of the schema `Item`", "le champ `type` de la propriété `is_private` du schéma `Item`"},
		{"/components/schemas/Item/properties/is_private/type", oasgrammar.ResponseSide,
			"the `type` of the response property `is_private` of the schema `Item`", ""},
		{"/components/schemas/Item/properties/tags/items/type", 0,
			"the `type` of the property `tags/items` of the schema `Item`", ""},
		{"/components/schemas/Item", 0, "the schema `Item`", "le schéma `Item`"},
		{"/components/parameters/Limit/schema/maximum", 0, "the `maximum` of the schema of the `query` parameter `limit`", ""},
		{"/components/securitySchemes/key/name", 0, "the `name` of the security scheme `key`", ""},
		{"/servers/0/url", 0, "the `url` of the server `https://api.example.com/v1`", ""},
		{"/tags/0/description", 0, "the `description` of the tag `budgets`", "le champ `description` du tag `budgets`"},
		{"/info/contact/email", 0, "the `contact/email` of the API info", "le champ `contact/email` des informations de l'API"},
		{"/openapi", 0, "the `openapi` of the document", "le champ `openapi` du document"},
	} {
		toks := spec.SplitPointer(tc.pointer)
		p := locate.Type(d, toks, nil)
		if got := Words(locale.En, p, d, tc.dir).String(); got != tc.en {
			t.Errorf("%s:\n got  %s\n want %s", tc.pointer, got, tc.en)
		}
		if tc.fr != "" {
			if got := Words(locale.Fr, p, d, tc.dir).String(); got != tc.fr {
				t.Errorf("%s (fr):\n got  %s\n want %s", tc.pointer, got, tc.fr)
			}
		}
		if got := Words(locale.En, p, d, tc.dir).String(); strings.Contains(got, "~1") {
			t.Errorf("%s: a pointer escape in %q", tc.pointer, got)
		}
	}
}

// TestSentence says what happened at the place; values stay values.
func TestSentence(t *testing.T) {
	d := load(t, "api.yaml", doc30)
	toks := spec.SplitPointer("/components/schemas/Item/properties/is_private")
	p := locate.Type(d, toks, nil)
	for _, tc := range []struct {
		l    locale.Lang
		e    Edit
		want string
	}{
		{locale.En, Removed, "the property `is_private` of the schema `Item` was removed"},
		{locale.En, Added, "the property `is_private` of the schema `Item` was added"},
		{locale.En, Changed, "the property `is_private` of the schema `Item` changed"},
		{locale.Fr, Removed, "suppression de la propriété `is_private` du schéma `Item`"},
		{locale.Fr, Changed, "modification de la propriété `is_private` du schéma `Item`"},
	} {
		ph := Sentence(tc.l, p, d, oasgrammar.NoSide, tc.e)
		if got := ph.String(); got != tc.want {
			t.Errorf("%s %d: got %q, want %q", tc.l, tc.e, got, tc.want)
		}
		for _, part := range ph {
			if strings.Contains(part.Text, "is_private") && !part.Value {
				t.Errorf("the name is not kept apart as a value: %+v", ph)
			}
		}
	}
	if got := Unclassified(locale.En, p, d, Added).String(); got != "unclassified change: the property `is_private` of the schema `Item` was added" {
		t.Errorf("unclassified: %q", got)
	}
}

// TestWordsSwaggerAndWebhooks: a Swagger 2.0 body parameter is the request
// body; a 3.1 webhook names itself.
func TestWordsSwaggerAndWebhooks(t *testing.T) {
	sw := load(t, "sw.yaml", `swagger: "2.0"
info: {title: t, version: "1"}
paths:
  /a:
    post:
      parameters:
        - {name: body, in: body, schema: {type: object, properties: {n: {type: string}}}}
      responses:
        "200": {description: ok, schema: {type: object, properties: {m: {type: string}}}}
definitions:
  Pet: {type: object, properties: {name: {type: string}}}
`)
	wh := load(t, "wh.yaml", `openapi: 3.1.0
info: {title: t, version: "1"}
webhooks:
  newPet:
    post:
      requestBody:
        content:
          application/json:
            schema: {type: object, properties: {id: {type: string}}}
      responses:
        "200": {description: ok}
`)
	for _, tc := range []struct {
		d       *spec.Document
		pointer string
		want    string
	}{
		{sw, "/paths/~1a/post/parameters/0/schema/properties/n/type", "the `type` of the request property `n`"},
		{sw, "/paths/~1a/post/responses/200/schema/properties/m", "the response property `m` (200)"},
		{sw, "/definitions/Pet/properties/name", "the property `name` of the schema `Pet`"},
		{wh, "/webhooks/newPet/post/requestBody/content/application~1json/schema/properties/id/type", "the `type` of the request property `id` (application/json) in the webhook `newPet`"},
		{wh, "/webhooks/newPet/post/responses/200/description", "the `description` of the response `200` in the webhook `newPet`"},
		{wh, "/webhooks/newPet/post", "the webhook `newPet`"},
	} {
		toks := spec.SplitPointer(tc.pointer)
		if got := Words(locale.En, locate.Type(tc.d, toks, nil), tc.d, 0).String(); got != tc.want {
			t.Errorf("%s:\n got  %s\n want %s", tc.pointer, got, tc.want)
		}
	}
}

// TestWords31: OpenAPI 3.1 schema keywords, callbacks (in an operation or
// a component), component request bodies and responses named by their key.
func TestWords31(t *testing.T) {
	d := load(t, "a.yaml", `openapi: 3.1.0
info: {title: t, version: "1", license: {name: MIT}}
paths:
  /a:
    post:
      callbacks:
        onEvt:
          "{$request.body#/cb}":
            post:
              requestBody: {content: {application/json: {schema: {type: object, properties: {ev: {type: string}}}}}}
              responses: {"200": {description: ok}}
      requestBody: {$ref: '#/components/requestBodies/B'}
      responses:
        "200": {$ref: '#/components/responses/R'}
components:
  requestBodies:
    B: {content: {application/json: {schema: {$ref: '#/components/schemas/S'}}}}
  responses:
    R: {description: ok, content: {application/json: {schema: {type: array, prefixItems: [{type: string}], items: {type: object, additionalProperties: {type: string}}}}}}
  schemas:
    S:
      type: object
      allOf: [{type: object, properties: {z: {type: string}}}]
      properties:
        m: {type: object, patternProperties: {"^x": {type: integer}}, x-foo: 1}
      required: [m]
  callbacks:
    C: {"{$url}": {post: {responses: {"200": {description: ok}}}}}
`)
	for _, tc := range []struct{ pointer, en, fr string }{
		{"/paths/~1a/post/callbacks/onEvt/{$request.body#~1cb}/post/requestBody/content/application~1json/schema/properties/ev/type",
			"the `type` of the request property `ev` (application/json) in the callback `onEvt`",
			"le champ `type` de la propriété de requête `ev` (application/json) dans le callback `onEvt`"},
		{"/paths/~1a/post/callbacks/onEvt/{$request.body#~1cb}/post/responses/200/description",
			"the `description` of the response `200` in the callback `onEvt`", ""},
		{"/paths/~1a/post/callbacks/onEvt", "the callback `onEvt`", ""},
		{"/paths/~1a/post/responses", "the `responses` of the operation", "le champ `responses` de l'opération"},
		{"/paths/~1a/post/responses/200", "the response `200`", "la réponse `200`"},
		{"/paths/~1a", "the path `/a`", "le chemin `/a`"},
		{"/paths/~1a/post/responses/200/content/application~1json/schema/items/additionalProperties/type",
			"the `type` of the response property `items/additionalProperties` (200, application/json)", ""},
		{"/paths/~1a/post/responses/200/content/application~1json/schema/prefixItems/0/type",
			"the `type` of the response property `prefixItems[0]` (200, application/json)", ""},
		{"/paths/~1a/post/responses/200/content/application~1json/schema", "the response body (200, application/json)", "le corps de la réponse (200, application/json)"},
		{"/components/schemas/S/allOf/0/properties/z/type", "the `type` of the property `allOf[0]/z` of the schema `S`", ""},
		{"/components/schemas/S/properties/m/patternProperties/^x/type", "the `type` of the property `m/patternProperties[^x]` of the schema `S`", ""},
		{"/components/schemas/S/properties/m/x-foo", "the `x-foo` of the property `m` of the schema `S`", ""},
		{"/components/schemas/S/required/0", "the `required` of the schema `S`", "le champ `required` du schéma `S`"},
		{"/components/callbacks/C/{$url}/post/responses/200/description", "the `description` of the response `200` in the callback `C`", ""},
		{"/components/requestBodies/B/content/application~1json/schema/type",
			"the `type` of the schema of the request body `B` (application/json)", "le champ `type` du schéma du corps de requête `B` (application/json)"},
		{"/components/responses/R/content/application~1json/schema/items/type",
			"the `type` of the property `items` of the response `R` (application/json)", "le champ `type` de la propriété `items` de la réponse `R` (application/json)"},
		{"/components/responses/R/description", "the `description` of the response `R`", ""},
		{"/info/license/name", "the `license/name` of the API info", ""},
		{"/x-top", "the `x-top` of the document", ""},
		{"", "the document", "le document"},
	} {
		p := locate.Type(d, spec.SplitPointer(tc.pointer), nil)
		if got := Words(locale.En, p, d, 0).String(); got != tc.en {
			t.Errorf("%s:\n got  %s\n want %s", tc.pointer, got, tc.en)
		}
		if got := Words(locale.Fr, p, d, 0).String(); tc.fr != "" && got != tc.fr {
			t.Errorf("%s (fr):\n got  %s\n want %s", tc.pointer, got, tc.fr)
		}
	}
}

// TestWordsConfiguredWebhooks: a root key configured as webhooks, typed as
// the `webhooks` field of 3.1 (a Fixed step, then the webhook's Name step),
// names the webhook.
func TestWordsConfiguredWebhooks(t *testing.T) {
	d := load(t, "a.yaml", `openapi: 3.0.3
info: {title: t, version: "1"}
paths: {}
x-webhooks:
  ping:
    post:
      responses: {"200": {description: ok}}
`)
	g := oasgrammar.For(oasgrammar.V30)
	pathItems := oasgrammar.Holds{Shape: oasgrammar.Map, Elem: &oasgrammar.Holds{Type: oasgrammar.PathItem, OrRef: true}}
	sub := g.WalkFrom(pathItems, []string{"ping", "post", "responses", "200", "description"}, nil)
	sub.Steps[0].Object, sub.Steps[0].Field = oasgrammar.OpenAPI, "webhooks"
	first := oasgrammar.Step{Token: "x-webhooks", Kind: oasgrammar.Fixed, Object: oasgrammar.OpenAPI, Field: "webhooks", Holds: pathItems}
	p := oasgrammar.Path{Version: g.Version, Start: g.Root(), Steps: append([]oasgrammar.Step{first}, sub.Steps...)}
	want := "the `description` of the response `200` in the webhook `ping`"
	if got := Words(locale.En, p, d, 0).String(); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if got := Words(locale.En, p, nil, 0).String(); got != want {
		t.Errorf("without the document: got %s", got)
	}
}

// TestWordsNoDocument: without the document, a place held by index is
// named by its index.
func TestWordsNoDocument(t *testing.T) {
	d := load(t, "api.yaml", doc30)
	p := locate.Type(d, spec.SplitPointer("/paths/~1budgets~1{id}/get/parameters/0/required"), nil)
	if got, want := Words(locale.En, p, nil, 0).String(), "the `required` of the parameter `0`"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestValuesStayValues: a name from the document, whatever it holds, is one
// value part; the words around it are the templates' alone.
func TestValuesStayValues(t *testing.T) {
	hostile := "a`b <script>\n# h"
	d := load(t, "h.yaml", `openapi: 3.0.3
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    S: {type: object, properties: {"a`+"`"+`b <script>\n# h": {type: string}}}
`)
	for _, l := range []locale.Lang{locale.En, locale.Fr} {
		ph := Sentence(l, locate.Type(d, []string{"components", "schemas", "S", "properties", hostile, "type"}, nil), d, oasgrammar.NoSide, Changed)
		var found bool
		for _, part := range ph {
			switch {
			case part.Value && part.Text == hostile:
				found = true
			case !part.Value && (strings.ContainsAny(part.Text, "`<\n#") || strings.Contains(part.Text, "script")):
				t.Errorf("%s: document text in the words: %+v", l, part)
			}
		}
		if !found {
			t.Errorf("%s: the name is not one value: %+v", l, ph)
		}
	}
}

// TestTemplates: French has every English template, with the same
// placeholders.
func TestTemplates(t *testing.T) {
	ph := regexp.MustCompile(`\{\d\}`)
	for key, en := range words[locale.En] {
		fr, ok := words[locale.Fr][key]
		if !ok {
			t.Errorf("fr lacks %q", key)
			continue
		}
		a, b := ph.FindAllString(en, -1), ph.FindAllString(fr, -1)
		slices.Sort(a)
		slices.Sort(b)
		if !slices.Equal(a, b) {
			t.Errorf("%q: en %v, fr %v", key, a, b)
		}
	}
	if len(words[locale.Fr]) != len(words[locale.En]) {
		t.Errorf("fr has %d templates, en %d", len(words[locale.Fr]), len(words[locale.En]))
	}
}
