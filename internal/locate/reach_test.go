package locate

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/apibump/apibump/internal/finding"
	"github.com/apibump/apibump/internal/source"
	"github.com/apibump/apibump/internal/spec"
	"github.com/apibump/apibump/internal/spec/spectest"
)

// reachSpec reaches the schema Book and the parameter Limit every way an
// operation can: a response body under two statuses of one operation, a
// property of an inline schema, an item of a list, a chain of two
// components, a request body component, a parameter component and a
// parameter's schema, a path item's parameter, a callback and a webhook.
const reachSpec = `openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /books:
    parameters:
      - name: lang
        in: query
        schema: {$ref: "#/components/schemas/Book"}
    get:
      parameters:
        - $ref: "#/components/parameters/Limit"
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: array
                items: {$ref: "#/components/schemas/Book"}
        "206":
          description: part
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Shelf"}
    post:
      requestBody: {$ref: "#/components/requestBodies/NewBook"}
      callbacks:
        done:
          "{$request.body#/url}":
            post:
              requestBody:
                content:
                  application/json:
                    schema:
                      properties:
                        book: {$ref: "#/components/schemas/Book"}
              responses:
                "200": {description: ok}
      responses:
        "201":
          description: created
          content:
            application/xml:
              schema: {$ref: "#/components/schemas/Book"}
webhooks:
  added:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Book"}
      responses:
        "200": {description: ok}
components:
  parameters:
    Limit:
      name: limit
      in: query
      schema: {type: integer, maximum: 100}
  requestBodies:
    NewBook:
      content:
        application/json:
          schema: {$ref: "#/components/schemas/Book"}
  schemas:
    Shelf:
      type: object
      properties:
        first: {$ref: "#/components/schemas/Book"}
    Book:
      type: object
      properties:
        isbn: {type: string}
`

// TestReachList composes, for each operation reaching a component, its
// way there: the direction the client sees it in (mirrored in a webhook
// and a callback), the status, the media type or the parameter of the
// first hop, and the property path of the rest.
func TestReachList(t *testing.T) {
	doc, err := spec.Load(source.ParseInput(spectest.Write(t, t.TempDir(), "api.yaml", reachSpec)), source.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	users := NewUsers(doc, doc, nil)
	for _, tc := range []struct {
		toks []string
		want []finding.Reach
	}{
		{[]string{"components", "schemas", "Book", "properties", "isbn"}, []finding.Reach{
			{Operation: "GET /books", Direction: "request", Parameter: "query lang"},
			{Operation: "GET /books", Direction: "response", Status: "200", MediaType: "application/json", Via: "items"},
			{Operation: "GET /books", Direction: "response", Status: "206", MediaType: "application/json", Via: "first"},
			{Operation: "POST /books", Direction: "request", Parameter: "query lang"},
			{Operation: "POST /books", Direction: "request", MediaType: "application/json"},
			{Operation: "POST /books", Direction: "response", MediaType: "application/json", Via: "book"},
			{Operation: "POST /books", Direction: "response", Status: "201", MediaType: "application/xml"},
			{Operation: "POST webhook:added", Direction: "response", MediaType: "application/json"},
		}},
		{[]string{"components", "parameters", "Limit", "schema", "maximum"}, []finding.Reach{
			{Operation: "GET /books", Direction: "request", Parameter: "query limit"},
		}},
	} {
		p := Type(doc, tc.toks, nil)
		got := MergeReach(ReachList(doc, users.ReachAt(1, doc.Root, tc.toks, p)), nil)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%v:\n got %+v\nwant %+v", tc.toks, got, tc.want)
		}
		// Memoised: the same answer again.
		if again := MergeReach(ReachList(doc, users.ReachAt(1, doc.Root, tc.toks, p)), nil); !slices.Equal(again, got) {
			t.Errorf("%v: a second call gives %+v", tc.toks, again)
		}
	}
}

// TestComponentPlace names a component and the place inside it.
func TestComponentPlace(t *testing.T) {
	for _, tc := range []struct {
		toks    []string
		swagger bool
		n       int
		pointer string
		at      string
	}{
		{[]string{"components", "schemas", "Book", "properties", "isbn"}, false, 3, "#/components/schemas/Book", "isbn"},
		{[]string{"components", "schemas", "Book", "properties", "a", "items", "properties", "b"}, false, 3, "#/components/schemas/Book", "a/items/b"},
		{[]string{"components", "schemas", "Book", "allOf", "0", "properties", "c", "maxLength"}, false, 3, "#/components/schemas/Book", "allOf[0]/c/maxLength"},
		{[]string{"components", "parameters", "Limit", "schema", "maximum"}, false, 3, "#/components/parameters/Limit", "schema/maximum"},
		{[]string{"definitions", "Book", "properties", "isbn"}, true, 2, "#/definitions/Book", "isbn"},
		{[]string{"paths", "/books", "get"}, false, 0, "", ""},
		{[]string{"definitions", "Book"}, false, 0, "", ""},
	} {
		n := finding.ComponentTokens(tc.toks, tc.swagger)
		if n != tc.n {
			t.Errorf("%v: %d tokens name the component, want %d", tc.toks, n, tc.n)
			continue
		}
		if n == 0 {
			continue
		}
		f := &spec.File{Key: "root", Name: "api.yaml"}
		cp := ComponentPlace{File: f, Tokens: tc.toks, N: n}
		doc := &spec.Document{Root: f}
		if got := cp.Pointer(doc); got != tc.pointer {
			t.Errorf("%v: pointer %q, want %q", tc.toks, got, tc.pointer)
		}
		if got := cp.At(); got != tc.at {
			t.Errorf("%v: at %q, want %q", tc.toks, got, tc.at)
		}
	}
}

// TestRelativeWording: oasdiff's sentences for the operations reaching a
// component are one wording when they differ only by the way to it (the
// property path from the body's schema); another status, another path or
// a single sentence are not.
func TestRelativeWording(t *testing.T) {
	msg := "added the optional property `coverUrl` to the response with the `200` status"
	list := finding.Reach{Operation: "GET /books", Via: "items/items", Message: "added the optional property `items/items/coverUrl` to the response with the `200` status"}
	one := finding.Reach{Operation: "GET /books/{isbn}", Message: msg}
	bare := finding.Reach{Operation: "GET /shelves", Via: "first"}
	for _, tt := range []struct {
		name string
		rs   []finding.Reach
		want bool
	}{
		{"through a list and directly", []finding.Reach{list, one, bare}, true},
		{"another status", []finding.Reach{list, {Operation: "POST /books", Message: strings.Replace(msg, "200", "201", 1)}}, false},
		{"a path the way does not start", []finding.Reach{one, {Operation: "GET /x", Via: "first", Message: "added the optional property `items/coverUrl` to the response with the `200` status"}}, false},
		{"one sentence", []finding.Reach{one, bare}, false},
	} {
		if got := relativeWording(tt.rs, msg); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestWaysAreBounded: an operation reaching a schema through many places
// of one response (the property owner at each of 40 nested levels, and
// twice through one more response, in two media types) gets the MaxWays
// shortest of its ways in that direction and the count of the others;
// another operation reaching it once keeps its way; a list merged with
// itself found again keeps one count.
func TestWaysAreBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /nested:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n")
	ind := "                "
	for range 40 {
		fmt.Fprintf(&b, "%stype: object\n%sproperties:\n%s  owner: {$ref: '#/components/schemas/User'}\n%s  child:\n", ind, ind, ind, ind)
		ind += "    "
	}
	fmt.Fprintf(&b, "%stype: string\n", ind)
	b.WriteString("  /user:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/User'}\n")
	b.WriteString("components:\n  schemas:\n    User:\n      type: object\n      properties:\n        login: {type: string}\n")
	doc, err := spec.Load(source.ParseInput(spectest.Write(t, t.TempDir(), "api.yaml", b.String())), source.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	users := NewUsers(doc, doc, nil)
	toks := []string{"components", "schemas", "User", "properties", "login"}
	got := MergeReach(ReachList(doc, users.ReachAt(1, doc.Root, toks, Type(doc, toks, nil))), nil)
	var nested []finding.Reach
	for _, r := range got {
		if r.Operation == "GET /nested" {
			nested = append(nested, r)
		}
	}
	if len(nested) != MaxWays+1 {
		t.Fatalf("GET /nested: %d entries, want %d ways and the count of the others:\n%+v", len(nested), MaxWays, nested)
	}
	for i, r := range nested[:MaxWays] {
		depth := strings.Count(r.Via, "child/")
		if r.More != 0 || r.Via == "" || depth >= MaxWays {
			t.Errorf("way %d: %+v, want one of the %d shortest", i, r, MaxWays)
		}
	}
	if last := nested[MaxWays]; last.More != 40-MaxWays || last.Via != "" || last.Direction != "response" {
		t.Errorf("the count: %+v, want %d more ways in the response", last, 40-MaxWays)
	}
	if want := (finding.Reach{Operation: "GET /user", Direction: "response", Status: "200", MediaType: "application/json"}); !slices.Contains(got, want) {
		t.Errorf("GET /user's way is missing: %+v", got)
	}
	// The list merged with the same found again, one way fewer left out:
	// one count, the larger.
	again := slices.Clone(nested)
	again[MaxWays].More--
	merged := MergeReach(slices.Clone(nested), again)
	var counts []int
	for _, r := range merged {
		if r.More > 0 {
			counts = append(counts, r.More)
		}
	}
	if !slices.Equal(counts, []int{40 - MaxWays}) || len(merged) != MaxWays+1 {
		t.Errorf("merged: counts %v in %d entries, want one of %d in %d", counts, len(merged), 40-MaxWays, MaxWays+1)
	}
}
