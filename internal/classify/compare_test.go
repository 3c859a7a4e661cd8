package classify_test

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/apibump/apibump/internal/classify/classifytest"
	"github.com/apibump/apibump/internal/finding"
	"github.com/apibump/apibump/internal/rules"
	"github.com/apibump/apibump/internal/source"
	"github.com/apibump/apibump/internal/spec/spectest"
)

// comparePair writes base and rev to a temporary directory, loads and compares them.
func comparePair(t *testing.T, base, rev string) []finding.Change {
	t.Helper()
	dir := t.TempDir()
	b := classifytest.Load(t, spectest.Write(t, dir, "base.yaml", base), source.LoadOptions{})
	r := classifytest.Load(t, spectest.Write(t, dir, "revision.yaml", rev), source.LoadOptions{})
	return classifytest.Compare(t, b, r)
}

// edit replaces old by new in text, which must hold old exactly once.
func edit(t *testing.T, text, old, new string) string {
	t.Helper()
	if n := strings.Count(text, old); n != 1 {
		t.Fatalf("%q occurs %d times in the spec, want once", old, n)
	}
	return strings.Replace(text, old, new, 1)
}

func ids(cs []finding.Change) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.ID)
	}
	return out
}

const securitySpec = `openapi: 3.0.3
info:
  title: Fleet
  version: "1.0.0"
security:
  - apiKey: []
paths:
  /health:
    get:
      summary: Liveness probe
      security: []
      responses:
        "200":
          description: Up.
  /vehicles:
    get:
      summary: Vehicles
      responses:
        "200":
          description: The vehicles.
components:
  securitySchemes:
    apiKey:
      type: apiKey
      in: header
      name: X-Api-Key
`

// An operation that loses its `security: []` override needs the global API
// key: oasdiff v1.38.0 (not v1.33.0) reports that the operation no longer allows
// anonymous access, which leaves apibump's security-override-removed nothing
// to explain.
func TestSecurityOverrideRemoved(t *testing.T) {
	rev := edit(t, securitySpec, "      security: []\n", "")
	cs := comparePair(t, securitySpec, rev)
	if len(cs) != 1 || cs[0].ID != "api-security-anonymous-access-removed" {
		t.Fatalf("changes %v, want one api-security-anonymous-access-removed:%s", ids(cs), classifytest.Describe(cs))
	}
	c := cs[0]
	if !slices.Equal(c.Operations, []string{"GET /health"}) {
		t.Errorf("operations %v, want GET /health", c.Operations)
	}
	if c.Source == nil || filepath.Base(c.Source.File) != "revision.yaml" || spectest.LineOf(t, rev, c.Source.Line) != "    get:" {
		t.Errorf("source %v, want the operation in revision.yaml", c.Source)
	}
	if r, _ := rules.Lookup(c.ID); r.Contract != rules.Breaking || r.Compatible != rules.Breaking {
		t.Errorf("%s is %s/%s, want breaking under both policies", c.ID, r.Contract, r.Compatible)
	}
	// The other way round, the operation accepts anonymous access again.
	cs = comparePair(t, rev, securitySpec)
	if len(cs) != 1 || cs[0].ID != "api-security-anonymous-access-added" {
		t.Errorf("changes %v, want one api-security-anonymous-access-added:%s", ids(cs), classifytest.Describe(cs))
	}
}

// A change to the root security list that no operation inherits reaches no
// client: oasdiff reports it at level info, which the compatible policy
// follows for api-global-security-removed and api-global-security-scope-added
// (see classify's TestCompatibleFollowsOasdiffLevels).
func TestGlobalSecurityNotInheritedIsInfo(t *testing.T) {
	base := edit(t, securitySpec, "      summary: Vehicles\n", "      summary: Vehicles\n      security:\n        - apiKey: []\n")
	for _, c := range []struct{ from, to, id string }{
		{"security:\n  - apiKey: []\n", "security:\n  - apiKey: []\n  - bearer: []\n", "api-global-security-added"},
		{"security:\n  - apiKey: []\n", "security:\n  - apiKey: [admin]\n", "api-global-security-scope-added"},
	} {
		b := edit(t, base, "components:\n  securitySchemes:\n", "components:\n  securitySchemes:\n    bearer: {type: http, scheme: bearer}\n")
		r := edit(t, b, c.from, c.to)
		for _, pair := range [][2]string{{b, r}, {r, b}} {
			cs := comparePair(t, pair[0], pair[1])
			var found []finding.Change
			for _, ch := range cs {
				if strings.HasPrefix(ch.ID, "api-global-security") {
					found = append(found, ch)
				}
			}
			if len(found) != 1 || found[0].Level != "info" {
				t.Errorf("%s: global security changes %v, want one at level info:%s", c.id, ids(found), classifytest.Describe(cs))
			}
		}
	}
}

const bookstoreSpec = `openapi: 3.0.3
info:
  title: Bookstore
  description: Books.
  version: "1.0.0"
paths:
  /books:
    get:
      summary: List books
      description: All the books.
      responses:
        "200":
          description: The books.
          content:
            application/json:
              schema:
                type: array
                items:
                  $ref: "#/components/schemas/Book"
  /books/{isbn}:
    get:
      summary: One book
      parameters:
        - name: isbn
          in: path
          required: true
          schema:
            type: string
      responses:
        "200":
          description: The book.
          content:
            application/json:
              schema:
                $ref: "#/components/schemas/Book"
  /authors/{id}/books:
    get:
      summary: An author's books
      parameters:
        - name: id
          in: path
          required: true
          schema:
            type: string
      responses:
        "200":
          description: The author's books.
          content:
            application/json:
              schema:
                type: array
                items:
                  $ref: "#/components/schemas/Book"
  /reviews:
    post:
      summary: Post a review
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [isbn]
              properties:
                isbn:
                  type: string
                description:
                  type: string
                  description: The review text.
      responses:
        "201":
          description: Created.
components:
  schemas:
    Book:
      type: object
      description: A book.
      properties:
        isbn:
          type: string
        title:
          type: string
        description:
          type: string
          description: The blurb.
`

func TestDescriptionEditIsDocumentation(t *testing.T) {
	for _, tc := range []struct{ old, new string }{
		{"      description: All the books.\n", "      description: Every book we sell.\n"},
		{"  description: Books.\n", "  description: Books and more.\n"},
		{"      summary: One book\n", "      summary: A single book\n"},
		{"      description: A book.\n", "      description: A book, printed.\n"},
		{"          description: The blurb.\n", ""},
	} {
		cs := comparePair(t, bookstoreSpec, edit(t, bookstoreSpec, tc.old, tc.new))
		if len(cs) != 1 || cs[0].ID != "documentation-changed" {
			t.Errorf("%q → %q: changes %v, want one documentation-changed:%s", tc.old, tc.new, ids(cs), classifytest.Describe(cs))
		}
	}
}

func TestPropertyNamedDescriptionIsNotDocumentation(t *testing.T) {
	for _, tc := range []struct {
		name, old string
		wantOps   []string
	}{
		{"response property", "        description:\n          type: string\n          description: The blurb.\n",
			[]string{"GET /authors/{id}/books", "GET /books", "GET /books/{isbn}"}},
		{"request property", "                description:\n                  type: string\n                  description: The review text.\n",
			[]string{"POST /reviews"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cs := comparePair(t, bookstoreSpec, edit(t, bookstoreSpec, tc.old, ""))
			if len(cs) == 0 {
				t.Fatal("removing the property gives no change")
			}
			var reached []string
			for _, c := range cs {
				rule, ok := rules.Lookup(c.ID)
				if c.ID == "documentation-changed" || !ok || rule.Origin != rules.FromOasdiff || !strings.Contains(c.ID, "removed") {
					t.Errorf("%s: want only oasdiff removal rules:%s", c.ID, classifytest.Describe(cs))
				}
				reached = append(reached, c.Operations...)
			}
			slices.Sort(reached)
			if !slices.Equal(reached, tc.wantOps) {
				t.Errorf("the removals reach %v, want each of %v once:%s", reached, tc.wantOps, classifytest.Describe(cs))
			}
		})
	}
}

// A change to a shared schema is one finding, whatever oasdiff's wording
// for each operation: GET /books and GET /authors/{id}/books return arrays
// of the schema (oasdiff: `items/title`), GET /books/{isbn} the schema
// itself (`title`). The finding names the component and the property, its
// message names no operation's wording, and its reach list gives each
// operation its own way and oasdiff's wording.
func TestSharedSchemaChangeIsOneFinding(t *testing.T) {
	rev := edit(t, bookstoreSpec, "        title:\n          type: string\n", "")
	cs := comparePair(t, bookstoreSpec, rev)
	if len(cs) != 1 {
		t.Fatalf("%d changes, want 1, one per edit:%s", len(cs), classifytest.Describe(cs))
	}
	c := cs[0]
	if c.ID != "response-optional-property-removed" {
		t.Errorf("id %s, want response-optional-property-removed", c.ID)
	}
	if want := []string{"GET /authors/{id}/books", "GET /books", "GET /books/{isbn}"}; !slices.Equal(c.Operations, want) {
		t.Errorf("operations %v, want %v", c.Operations, want)
	}
	if c.Component != "#/components/schemas/Book" || c.At != "title" {
		t.Errorf("component %q at %q, want #/components/schemas/Book at title", c.Component, c.At)
	}
	// oasdiff's sentences differ only by the way to Book (`items/title`):
	// the sentence of the shortest way is the message.
	items := "removed the optional property `items/title` from the response with the `200` status"
	self := "removed the optional property `title` from the response with the `200` status"
	if c.Message != self {
		t.Errorf("message %q, want %q", c.Message, self)
	}
	want := []finding.Reach{
		{Operation: "GET /authors/{id}/books", Direction: "response", Status: "200", MediaType: "application/json", Via: "items", Message: items},
		{Operation: "GET /books", Direction: "response", Status: "200", MediaType: "application/json", Via: "items", Message: items},
		{Operation: "GET /books/{isbn}", Direction: "response", Status: "200", MediaType: "application/json", Message: self},
	}
	if !slices.Equal(c.Reach, want) {
		t.Errorf("reach\n got %+v\nwant %+v", c.Reach, want)
	}
	if c.Source == nil || filepath.Base(c.Source.File) != "base.yaml" || spectest.LineOf(t, bookstoreSpec, c.Source.Line) != "        title:" {
		t.Errorf("source %v, want the removed title property in base.yaml", c.Source)
	}
}

// everythingSpec holds keywords oasdiff compares and many it ignores: every
// edit below changes the contract or its text outside info.version, so each
// must give at least one change.
const everythingSpec = `openapi: 3.0.3
info:
  title: Everything
  version: "1.0.0"
servers:
  - url: https://api.example.com/{stage}
    variables:
      stage:
        default: v1
        enum: [v1, v2]
tags:
  - name: items
x-owner: team-a
paths:
  /items/{id}:
    x-path-ext: one
    get:
      operationId: getItem
      tags: [items]
      parameters:
        - name: id
          in: path
          required: true
          schema:
            type: string
        - name: fields
          in: query
          style: form
          explode: true
          allowReserved: false
          schema:
            type: array
            items:
              type: string
        - name: X-Trace
          in: header
          schema:
            type: string
            pattern: "^[a-f0-9]+$"
      responses:
        "200":
          description: The item.
          headers:
            X-Rate-Limit:
              style: simple
              schema:
                type: integer
                maximum: 1000
          links:
            owner:
              operationId: getOwner
              parameters:
                ownerId: $response.body#/owner
          content:
            application/json:
              schema:
                $ref: "#/components/schemas/Item"
              examples:
                one:
                  value: {id: "1"}
    post:
      operationId: postItem
      requestBody:
        content:
          multipart/form-data:
            schema:
              type: object
              properties:
                file:
                  type: string
                  format: binary
            encoding:
              file:
                contentType: image/png
      callbacks:
        done:
          "{$request.body#/callback}":
            post:
              requestBody:
                content:
                  application/json:
                    schema:
                      type: object
                      properties:
                        status:
                          type: string
              responses:
                "200":
                  description: Received.
      responses:
        "201":
          description: Created.
  /owners/{ownerId}:
    get:
      operationId: getOwner
      parameters:
        - name: ownerId
          in: path
          required: true
          schema:
            type: string
      responses:
        "200":
          description: The owner.
components:
  schemas:
    Item:
      type: object
      required: [id]
      additionalProperties: false
      discriminator:
        propertyName: kind
      xml:
        name: item
      properties:
        id:
          type: string
          readOnly: true
        kind:
          type: string
        count:
          type: integer
          multipleOf: 2
          minimum: 0
        tags:
          type: array
          uniqueItems: true
          items:
            type: string
        meta:
          type: object
          minProperties: 1
          x-internal: true
    Unused:
      type: string
  securitySchemes:
    oauth:
      type: oauth2
      flows:
        clientCredentials:
          tokenUrl: https://auth.example.com/token
          scopes:
            read: Read items.
`

func TestEveryDifferenceIsReported(t *testing.T) {
	edits := []struct {
		name, old, new string
		want           string // a rule id that must be among the changes, "" for any
	}{
		{"parameter style", "          style: form\n", "          style: spaceDelimited\n", ""},
		{"parameter explode", "          explode: true\n", "          explode: false\n", ""},
		{"parameter allowReserved", "          allowReserved: false\n", "          allowReserved: true\n", ""},
		{"header style", "              style: simple\n", "              style: matrix\n", ""},
		{"link operationId", "              operationId: getOwner\n", "              operationId: getItem\n", ""},
		{"link parameter", "                ownerId: $response.body#/owner\n", "                ownerId: $response.body#/ownerId\n", ""},
		{"link added", "          links:\n", "          links:\n            self:\n              operationId: getItem\n", "link-added"},
		{"encoding contentType", "                contentType: image/png\n", "                contentType: image/jpeg\n", ""},
		{"callback schema", "                        status:\n                          type: string\n", "                        status:\n                          type: integer\n", ""},
		{"callback removed", "      callbacks:\n        done:\n", "      callbacks:\n        finished:\n", ""},
		{"server url", "  - url: https://api.example.com/{stage}\n", "  - url: https://api2.example.com/{stage}\n", ""},
		{"server variable enum", "        enum: [v1, v2]\n", "        enum: [v1]\n", ""},
		{"server variable default", "        default: v1\n", "        default: v2\n", ""},
		{"xml name", "        name: item\n", "        name: thing\n", ""},
		{"discriminator property", "        propertyName: kind\n", "        propertyName: type\n", ""},
		{"additionalProperties", "      additionalProperties: false\n", "      additionalProperties: true\n", ""},
		{"readOnly", "          readOnly: true\n", "          readOnly: false\n", ""},
		{"multipleOf", "          multipleOf: 2\n", "          multipleOf: 3\n", ""},
		{"uniqueItems", "          uniqueItems: true\n", "          uniqueItems: false\n", ""},
		{"minProperties", "          minProperties: 1\n", "          minProperties: 2\n", ""},
		{"header pattern", "            pattern: \"^[a-f0-9]+$\"\n", "            pattern: \"^[a-z0-9]+$\"\n", ""},
		{"response header maximum", "                maximum: 1000\n", "                maximum: 10\n", ""},
		{"example value", "                  value: {id: \"1\"}\n", "                  value: {id: \"2\"}\n", "documentation-changed"},
		{"root extension", "x-owner: team-a\n", "x-owner: team-b\n", "extension-changed"},
		{"path item extension", "    x-path-ext: one\n", "    x-path-ext: two\n", "extension-changed"},
		{"schema extension", "          x-internal: true\n", "          x-internal: false\n", ""},
		{"unused component changed", "    Unused:\n      type: string\n", "    Unused:\n      type: integer\n", ""},
		{"unused component removed", "    Unused:\n      type: string\n", "", ""},
		// A component nothing reaches is no part of the contract (issue #10).
		{"component added", "  securitySchemes:\n", "    Extra:\n      type: string\n  securitySchemes:\n", "component-unused-changed"},
		{"oauth scope text", "            read: Read items.\n", "            read: Read all items.\n", ""},
		{"oauth token url", "          tokenUrl: https://auth.example.com/token\n", "          tokenUrl: https://auth.example.com/oauth/token\n", ""},
		{"tag added to the document", "tags:\n  - name: items\n", "tags:\n  - name: items\n  - name: owners\n", "documentation-changed"},
		{"openapi version", "openapi: 3.0.3\n", "openapi: 3.0.1\n", "spec-version-changed"},
		{"path parameter renamed", "  /owners/{ownerId}:\n", "  /owners/{owner}:\n", ""},
	}
	for _, e := range edits {
		t.Run(e.name, func(t *testing.T) {
			rev := edit(t, everythingSpec, e.old, e.new)
			if e.name == "path parameter renamed" {
				rev = edit(t, rev, "        - name: ownerId\n", "        - name: owner\n")
			}
			cs := comparePair(t, everythingSpec, rev)
			if len(cs) == 0 {
				t.Fatalf("%q → %q changes the document, but no change is reported", e.old, e.new)
			}
			for _, c := range cs {
				if c.ID == "" {
					t.Errorf("a change without a rule id: %+v", c)
				}
				if c.Message == "" {
					t.Errorf("%s has no message", c.ID)
				}
				if _, ok := rules.Lookup(c.ID); !ok {
					t.Errorf("%s is not in the rule table", c.ID)
				}
			}
			if e.want != "" && !slices.Contains(ids(cs), e.want) {
				t.Errorf("changes %v, want %s among them:%s", ids(cs), e.want, classifytest.Describe(cs))
			}
			t.Logf("%s", classifytest.Describe(cs))
		})
	}
}

func TestOnlyInfoVersionGivesNoChange(t *testing.T) {
	rev := edit(t, everythingSpec, `version: "1.0.0"`, `version: "9.9.9"`)
	if cs := comparePair(t, everythingSpec, rev); len(cs) != 0 {
		t.Errorf("only info.version changed, got %d changes:%s", len(cs), classifytest.Describe(cs))
	}
	// Reordering keys and requoting scalars changes nothing either.
	rev = edit(t, everythingSpec, "      required: [id]\n      additionalProperties: false\n", "      additionalProperties: false\n      required: [\"id\"]\n")
	if cs := comparePair(t, everythingSpec, rev); len(cs) != 0 {
		t.Errorf("reordered keys, got %d changes:%s", len(cs), classifytest.Describe(cs))
	}
}

// oneFinding compares everythingSpec with one edit applied and checks that
// the edit gives exactly one change, with the rule id want.
func oneFinding(t *testing.T, old, new, want string) {
	t.Helper()
	cs := comparePair(t, everythingSpec, edit(t, everythingSpec, old, new))
	if len(cs) != 1 || cs[0].ID != want {
		t.Errorf("%q → %q: changes %v, want exactly one %s:%s", old, new, ids(cs), want, classifytest.Describe(cs))
	}
}

func TestOneEditOneFinding(t *testing.T) {
	for _, e := range []struct{ name, old, new, want string }{
		{"response header type", "                type: integer\n                maximum: 1000\n", "                type: string\n                maximum: 1000\n", "response-header-type-changed"},
		{"header parameter maxLength set", "            pattern: \"^[a-f0-9]+$\"\n", "            pattern: \"^[a-f0-9]+$\"\n            maxLength: 5\n", "request-parameter-max-length-set"},
		{"response property minimum", "          minimum: 0\n", "          minimum: 1\n", "response-property-min-increased"},
		{"operation deprecated", "      operationId: getItem\n", "      operationId: getItem\n      deprecated: true\n", "endpoint-deprecated"},
		{"property became required", "      required: [id]\n", "      required: [id, kind]\n", "response-property-became-required"},
		{"property became nullable", "          minProperties: 1\n", "          minProperties: 1\n          nullable: true\n", "response-property-became-nullable"},
	} {
		t.Run(e.name, func(t *testing.T) { oneFinding(t, e.old, e.new, e.want) })
	}
}

func TestOasdiffFindingNotReportedAgainByTheTree(t *testing.T) {
	for _, e := range []struct{ name, old, new, want string }{
		{"response header maximum decreased", "                maximum: 1000\n", "                maximum: 10\n", "response-header-max-decreased"},
		{"response header minimum set", "                maximum: 1000\n", "                maximum: 1000\n                minimum: 1\n", "response-header-min-set"},
		{"discriminator property name", "        propertyName: kind\n", "        propertyName: type\n", "response-body-discriminator-property-name-changed"},
		{"discriminator mapping added", "        propertyName: kind\n", "        propertyName: kind\n        mapping:\n          a: '#/components/schemas/Unused'\n", "response-body-discriminator-mapping-added"},
		{"parameter deprecated", "          required: true\n          schema:\n            type: string\n        - name: fields\n", "          required: true\n          deprecated: true\n          schema:\n            type: string\n        - name: fields\n", "request-parameter-deprecated"},
	} {
		t.Run(e.name, func(t *testing.T) { oneFinding(t, e.old, e.new, e.want) })
	}
}
