package prune_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apibump/apibump/internal/classify"
	"github.com/apibump/apibump/internal/source"
)

// mutBase is a small API with a part for each kind of change the
// reduction must not lose.
const mutBase = `openapi: 3.1.0
info:
  title: Library
  version: 1.0.0
security:
  - api_key: []
paths:
  /books/{id}:
    parameters:
      - name: id
        in: path
        required: true
        description: The book.
        schema:
          type: string
    get:
      operationId: getBook
      responses:
        "200":
          description: A book.
          content:
            application/json:
              schema:
                $ref: "#/components/schemas/Book"
    delete:
      operationId: deleteBook
      responses:
        "204":
          description: Deleted.
  /authors:
    get:
      operationId: listAuthors
      responses:
        "200":
          description: Authors.
          content:
            application/json:
              schema:
                type: array
                items:
                  $ref: "#/components/schemas/Author"
  /shelves:
    get:
      operationId: listShelves
      responses:
        "200":
          description: The shelf tree.
          content:
            application/json:
              schema:
                $ref: "#/components/schemas/Shelf"
  /subscriptions:
    post:
      operationId: subscribe
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                callbackUrl:
                  type: string
      callbacks:
        bookAdded:
          "{$request.body#/callbackUrl}":
            post:
              requestBody:
                content:
                  application/json:
                    schema:
                      $ref: "#/components/schemas/Book"
              responses:
                "200":
                  description: Received.
      responses:
        "201":
          description: Subscribed.
webhooks:
  bookRemoved:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                isbn:
                  type: string
      responses:
        "200":
          description: Received.
  authorAdded:
    post:
      requestBody:
        content:
          application/json:
            schema:
              $ref: "#/components/schemas/Author"
      responses:
        "200":
          description: Received.
x-webhooks:
  bookLent:
    post:
      requestBody:
        content:
          application/json:
            schema:
              $ref: "#/components/schemas/Loan"
components:
  securitySchemes:
    api_key:
      type: apiKey
      in: header
      name: X-Key
    oauth:
      type: oauth2
      flows:
        clientCredentials:
          tokenUrl: https://auth.example.com/token
          scopes:
            read: Read.
  schemas:
    Book:
      type: object
      properties:
        title:
          type: string
          maxLength: 200
        author:
          $ref: "#/components/schemas/Author"
    Author:
      type: object
      properties:
        name:
          type: string
    Shelf:
      type: object
      properties:
        name:
          type: string
        children:
          type: array
          items:
            $ref: "#/components/schemas/Shelf"
    Loan:
      type: object
      properties:
        days:
          type: integer
        book:
          $ref: "#/components/schemas/Book"
    Unused:
      type: object
      properties:
        note:
          type: string
    LoopA:
      type: object
      properties:
        b:
          $ref: "#/components/schemas/LoopB"
    LoopB:
      type: object
      properties:
        a:
          $ref: "#/components/schemas/LoopA"
`

// edit applies replacements to the base, each of which must apply.
func edit(t *testing.T, src string, pairs ...string) string {
	t.Helper()
	for i := 0; i+1 < len(pairs); i += 2 {
		if !strings.Contains(src, pairs[i]) {
			t.Fatalf("the base has no %q", pairs[i])
		}
		src = strings.Replace(src, pairs[i], pairs[i+1], 1)
	}
	return src
}

// TestMutations changes one part of a small API at a time: the reduced
// comparison finds what the full one finds, the finding expected is there,
// and only what must be is kept.
func TestMutations(t *testing.T) {
	tests := []struct {
		name   string
		rev    string
		want   string // a rule id or a pointer the findings must hold
		kept   int    // revision operations kept (paths and webhooks); -1: not pruned
		ops    string // an operation the finding names, if any
		pruned bool
	}{
		{name: "nothing", rev: mutBase, kept: 0, pruned: true},
		{name: "component reached by one operation",
			rev:  edit(t, mutBase, "        author:\n          $ref: \"#/components/schemas/Author\"\n    Author:", "        author:\n          $ref: \"#/components/schemas/Author\"\n        isbn:\n          type: string\n    Author:"),
			want: "response-optional-property-added", kept: 2, ops: "GET /books/{id}", pruned: true},
		{name: "component nothing reaches",
			rev:  edit(t, mutBase, "        note:\n          type: string", "        note:\n          type: integer"),
			want: "/components/schemas/Unused/properties/note/type", kept: 0, pruned: true},
		{name: "cycle nothing reaches",
			rev:  edit(t, mutBase, "    LoopB:\n      type: object", "    LoopB:\n      type: object\n      description: B."),
			want: "/components/schemas/LoopB/description", kept: 0, pruned: true},
		{name: "recursive schema",
			rev:  edit(t, mutBase, "        children:\n          type: array", "        children:\n          type: array\n          maxItems: 10"),
			want: "response-property-max-items-set", kept: 1, ops: "GET /shelves", pruned: true},
		{name: "path-level parameter",
			rev:  edit(t, mutBase, "        description: The book.", "        description: The book's id."),
			want: "/paths/~1books~1{id}/parameters/0/description", kept: 2, pruned: true},
		{name: "callback",
			rev:  edit(t, mutBase, "                  description: Received.\n      responses:", "                  description: Received, thanks.\n      responses:"),
			want: "/paths/~1subscriptions/post/callbacks/bookAdded/{$request.body#~1callbackUrl}/post/responses/200/description", kept: 1, ops: "POST /subscriptions", pruned: true},
		{name: "webhook",
			rev:  edit(t, mutBase, "                isbn:\n                  type: string", "                isbn:\n                  type: string\n                  minLength: 10"),
			want: "request-property-min-length-set", kept: 1, ops: "POST webhook:bookRemoved", pruned: true},
		{name: "component reached by a webhook and operations",
			rev:  edit(t, mutBase, "        name:\n          type: string\n    Shelf:", "        name:\n          type: string\n          maxLength: 80\n    Shelf:"),
			want: "response-property-max-length-set", kept: 4, pruned: true},
		{name: "global security",
			rev:  edit(t, mutBase, "security:\n  - api_key: []\n", "security:\n  - api_key: []\n  - oauth: [read]\n"),
			want: "api-security-added", kept: -1, ops: "GET /shelves", pruned: false},
		// The global security reaches the schemes it names: a change to one
		// is a change to what every operation reads.
		{name: "security scheme in the global security",
			rev:  edit(t, mutBase, "      name: X-Key", "      name: X-Api-Key"),
			want: "api-security-component-api-key-name-changed", kept: -1, pruned: false},
		{name: "security scheme",
			rev:  edit(t, mutBase, "          tokenUrl: https://auth.example.com/token", "          tokenUrl: https://auth.example.com/oauth/token"),
			want: "api-security-component-oauth-token-url-changed", kept: 0, pruned: true},
		{name: "renamed path parameter",
			rev:  edit(t, mutBase, "  /books/{id}:\n    parameters:\n      - name: id", "  /books/{bookId}:\n    parameters:\n      - name: bookId"),
			want: "path-parameter-renamed", kept: 2, pruned: true},
		// x-webhooks is an extension: kept as data, its references are
		// not followed where it is equal on both sides.
		{name: "extension equal, what it reaches changed",
			rev:  edit(t, mutBase, "        days:\n          type: integer", "        days:\n          type: integer\n          minimum: 1"),
			want: "/components/schemas/Loan/properties/days/minimum", kept: 0, pruned: true},
		// Found inside the extension, at the components it now reaches.
		{name: "extension changed",
			rev:  edit(t, mutBase, "              $ref: \"#/components/schemas/Loan\"", "              $ref: \"#/components/schemas/Book\""),
			want: "extension-changed", kept: 0, pruned: true},
		{name: "operation documentation",
			rev:  edit(t, mutBase, "          description: Authors.", "          description: All the authors."),
			want: "/paths/~1authors/get/responses/200/description", kept: 1, ops: "GET /authors", pruned: true},
		{name: "operation extension",
			rev:  edit(t, mutBase, "      operationId: deleteBook", "      operationId: deleteBook\n      x-internal: true"),
			want: "/paths/~1books~1{id}/delete/x-internal", kept: 1, ops: "DELETE /books/{id}", pruned: true},
		{name: "operation added",
			rev:  edit(t, mutBase, "  /shelves:\n    get:", "  /shelves:\n    post:\n      responses:\n        \"201\":\n          description: Made.\n    get:"),
			want: "endpoint-added", kept: 1, ops: "POST /shelves", pruned: true},
		{name: "key order",
			rev:  edit(t, mutBase, "    Author:\n      type: object\n      properties:", "    Author:\n      properties:"),
			kept: 0, pruned: true},
	}
	// The key-order case moves `type: object` after the properties.
	tests[len(tests)-1].rev = strings.Replace(tests[len(tests)-1].rev, "        name:\n          type: string\n    Shelf:", "        name:\n          type: string\n      type: object\n    Shelf:", 1)
	dir := t.TempDir()
	base := filepath.Join(dir, "base.yaml")
	if err := os.WriteFile(base, []byte(mutBase), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rev := filepath.Join(t.TempDir(), "revision.yaml")
			if err := os.WriteFile(rev, []byte(tc.rev), 0o644); err != nil {
				t.Fatal(err)
			}
			lo := source.LoadOptions{RefRoot: "/"}
			full, red := runFull(base, rev, lo, classify.Options{}), runReduced(base, rev, lo, classify.Options{}, false)
			if full.err != "" {
				t.Fatalf("full comparison: %s", full.err)
			}
			if d := sameOutcome(full, red); d != "" {
				t.Errorf("the reduced comparison differs:\n%s", d)
			}
			found := tc.want == ""
			for _, f := range full.findings {
				if f.ID == tc.want || strings.HasPrefix(f.Pointer, tc.want) {
					found = true
					if tc.ops != "" && !strings.Contains(strings.Join(f.Operations, ","), tc.ops) {
						t.Errorf("%s names %v, want %s among them", tc.want, f.Operations, tc.ops)
					}
				}
			}
			if !found {
				t.Errorf("no finding %s among %+v", tc.want, full.findings)
			}
			if tc.want == "" && len(full.findings) != 0 {
				t.Errorf("findings on an unchanged API: %+v", full.findings)
			}
			if red.stats.Pruned != tc.pruned {
				t.Errorf("pruned = %v, want %v (%s)", red.stats.Pruned, tc.pruned, red.stats.Reason)
			}
			if tc.kept >= 0 && red.stats.Kept[1] != tc.kept {
				t.Errorf("kept %d revision operations of %d, want %d", red.stats.Kept[1], red.stats.Operations[1], tc.kept)
			}
		})
	}
}

// TestDuplicateTemplates: several paths of one template, which oasdiff
// merges into one path item (and refuses when they share a method), are
// kept or dropped together.
func TestDuplicateTemplates(t *testing.T) {
	const shared = `openapi: 3.0.3
info: {title: dup, version: 1.0.0}
paths:
  /pets/{a}:
    get:
      responses: {"200": {description: A.}}
  /pets/{b}:
    get:
      responses: {"200": {description: B.}}
  /other:
    get:
      responses: {"200": {description: Other.}}
`
	disjoint := strings.Replace(shared, "  /pets/{b}:\n    get:", "  /pets/{b}:\n    post:", 1)
	tests := []struct {
		name, base, rev, err string
		kept                 int
	}{
		{"a shared method, another path changed", shared, edit(t, shared, "Other.", "Another."), "duplicate endpoint", -1},
		{"disjoint methods, another path changed", disjoint, edit(t, disjoint, "Other.", "Another."), "", 1},
		{"disjoint methods, one of them changed", disjoint, edit(t, disjoint, "B.", "Bee."), "", 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			base, rev := writePair(t, tc.base, tc.rev)
			full, red := runFull(base, rev, source.LoadOptions{}, classify.Options{}), runReduced(base, rev, source.LoadOptions{}, classify.Options{}, false)
			if tc.err != "" && !strings.Contains(full.err, tc.err) || tc.err == "" && full.err != "" {
				t.Fatalf("the full comparison: %q, want %q", full.err, tc.err)
			}
			if d := sameOutcome(full, red); d != "" {
				t.Errorf("the reduced comparison differs:\n%s", d)
			}
			if tc.kept >= 0 && red.stats.Kept[1] != tc.kept {
				t.Errorf("kept %d operations, want %d", red.stats.Kept[1], tc.kept)
			}
		})
	}
}

// TestHeaderSpellingOfDroppedOperations: the spelling a header name takes
// in messages is the document's first (package classify), which may stand
// in an operation the reduction drops.
func TestHeaderSpellingOfDroppedOperations(t *testing.T) {
	const base = `openapi: 3.0.3
info: {title: headers, version: 1.0.0}
paths:
  /a:
    get:
      parameters:
        - {name: X-Rate-Limit, in: header, schema: {type: string}}
      responses: {"200": {description: A.}}
  /b:
    get:
      parameters:
        - {name: x-rate-limit, in: header, schema: {type: string}}
      responses: {"200": {description: B.}}
`
	b, r := writePair(t, base, edit(t, base, "x-rate-limit, in: header,", "x-rate-limit, in: header, required: true,"))
	full, red := runFull(b, r, source.LoadOptions{}, classify.Options{}), runReduced(b, r, source.LoadOptions{}, classify.Options{}, false)
	if full.err != "" || len(full.findings) != 1 || !strings.Contains(full.findings[0].Message, "X-Rate-Limit") {
		t.Fatalf("the full comparison: %q, %+v; want one finding naming X-Rate-Limit", full.err, full.findings)
	}
	if !red.stats.Pruned || red.stats.Kept[1] != 1 {
		t.Errorf("the reduction: %+v, want GET /a dropped", red.stats)
	}
	if d := sameOutcome(full, red); d != "" {
		t.Errorf("the reduced comparison differs:\n%s", d)
	}
}

// writePair writes a base and a revision into a new directory and returns their paths.
func writePair(t *testing.T, base, rev string) (string, string) {
	dir := t.TempDir()
	b, r := filepath.Join(dir, "base.yaml"), filepath.Join(dir, "revision.yaml")
	for p, text := range map[string]string{b: base, r: rev} {
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return b, r
}
