package spec_test

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/apibump/apibump/internal/classify/classifytest"
	"github.com/apibump/apibump/internal/kinmodel"
	"github.com/apibump/apibump/internal/source"
	"github.com/apibump/apibump/internal/spec"
	"github.com/apibump/apibump/internal/spec/spectest"
)

const positionsJSON = `{
  "openapi": "3.0.3",
  "info": {"title": "Positions", "version": "1.0.0"},
  "paths": {
    "/books/{id}": {
      "get": {
        "operationId": "getBook",
        "parameters": [
          {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}
        ],
        "responses": {
          "200": {
            "description": "The book.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "properties": {
                    "isbn": {"type": "string", "maxLength": 13}
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}
`

// positionsYAML is positionsJSON as YAML, with the keys in another order.
const positionsYAML = `info:
  version: "1.0.0"
  title: Positions
openapi: 3.0.3
paths:
  /books/{id}:
    get:
      responses:
        "200":
          content:
            application/json:
              schema:
                properties:
                  isbn:
                    maxLength: 13
                    type: string
                type: object
          description: The book.
      parameters:
        - in: path
          name: id
          schema:
            type: string
          required: true
      operationId: getBook
`

func TestParseFilePositions(t *testing.T) {
	const pointer = "/paths/~1books~1{id}/get/responses/200/content/application~1json/schema/properties/isbn/maxLength"
	for _, tc := range []struct {
		name, text, key, value string
	}{
		{"spec.json", positionsJSON, `"maxLength"`, "13"},
		{"spec.yaml", positionsYAML, "maxLength", "13"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := spec.ParseFile(tc.name, "/nowhere/"+tc.name, []byte(tc.text), true)
			if err != nil {
				t.Fatal(err)
			}
			n := f.Root.At(pointer)
			if n == nil {
				t.Fatalf("no node at %s", pointer)
			}
			if n.Kind != spec.Number || n.Value != "13" {
				t.Errorf("node %v %q, want the number 13", n.Kind, n.Value)
			}
			if n.File != f {
				t.Errorf("the node's File is %v, want the parsed file", n.File)
			}
			line := spectest.LineOf(t, tc.text, int(n.KeyPos.Line))
			if !strings.Contains(line, tc.key) {
				t.Errorf("KeyPos %v: line %q does not hold the key %s", n.KeyPos, line, tc.key)
			} else if got := line[n.KeyPos.Col-1:]; !strings.HasPrefix(got, tc.key) {
				t.Errorf("KeyPos %v: column points at %q, want the key %s", n.KeyPos, got, tc.key)
			}
			vline := spectest.LineOf(t, tc.text, int(n.Pos.Line))
			if got := vline[n.Pos.Col-1:]; !strings.HasPrefix(got, tc.value) {
				t.Errorf("Pos %v: points at %q, want the value %s", n.Pos, got, tc.value)
			}

			// An object spans its members.
			obj := f.Root.At("/paths/~1books~1{id}/get/responses/200")
			if obj == nil || !obj.Contains(n.Pos) || !obj.Contains(n.KeyPos) {
				t.Errorf("the response %v..%v does not contain %v", obj.KeyPos, obj.End, n.Pos)
			}
			op := f.Root.At("/paths/~1books~1{id}/get/operationId")
			if op == nil || op.Value != "getBook" {
				t.Fatalf("operationId: %+v", op)
			}
			if line := spectest.LineOf(t, tc.text, int(op.Pos.Line)); !strings.Contains(line, "getBook") {
				t.Errorf("operationId at line %d: %q", op.Pos.Line, line)
			}
			// A scalar in an array item has its own line.
			in := f.Root.At("/paths/~1books~1{id}/get/parameters/0/in")
			if in == nil || !strings.Contains(spectest.LineOf(t, tc.text, int(in.KeyPos.Line)), "in") {
				t.Errorf("parameters/0/in misplaced: %+v", in)
			}
		})
	}
}

func TestYAMLAndJSONKeyOrderGiveNoDifference(t *testing.T) {
	dir := t.TempDir()
	j := classifytest.Load(t, spectest.Write(t, dir, "spec.json", positionsJSON), source.LoadOptions{})
	y := classifytest.Load(t, spectest.Write(t, dir, "spec.yaml", positionsYAML), source.LoadOptions{})
	if j.Root.Format != "json" || y.Root.Format != "yaml" {
		t.Errorf("formats %q and %q, want json and yaml", j.Root.Format, y.Root.Format)
	}
	if cs := classifytest.Compare(t, j, y); len(cs) != 0 {
		t.Errorf("JSON vs YAML: %d changes, want none:%s", len(cs), classifytest.Describe(cs))
	}
	if cs := classifytest.Compare(t, y, j); len(cs) != 0 {
		t.Errorf("YAML vs JSON: %d changes, want none:%s", len(cs), classifytest.Describe(cs))
	}
	// Control: a real difference in the YAML is found.
	y2 := classifytest.Load(t, spectest.Write(t, dir, "spec2.yaml", strings.Replace(positionsYAML, "maxLength: 13", "maxLength: 10", 1)), source.LoadOptions{})
	if cs := classifytest.Compare(t, j, y2); len(cs) == 0 {
		t.Error("maxLength 13 → 10 gives no change")
	}
}

// aliasBomb is a "billion laughs" document: 9 levels of 9 aliases.
func aliasBomb() string {
	var b strings.Builder
	b.WriteString("openapi: 3.0.3\ninfo:\n  title: Bomb\n  version: \"1.0.0\"\npaths: {}\nx-lol:\n")
	b.WriteString("  a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n")
	prev := "a"
	for _, l := range "bcdefghi" {
		name := string(l)
		fmt.Fprintf(&b, "  %s: &%s [", name, name)
		for i := range 9 {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString("*" + prev)
		}
		b.WriteString("]\n")
		prev = name
	}
	return b.String()
}

func TestAliasBombRefused(t *testing.T) {
	bomb := aliasBomb()
	for _, root := range []bool{true, false} {
		_, err := spec.ParseFile("bomb.yaml", "/nowhere/bomb.yaml", []byte(bomb), root)
		if err == nil || !strings.Contains(err.Error(), "alias") {
			t.Errorf("ParseFile(root=%v): error %v, want one about aliases", root, err)
		}
	}
	// Through Load, as the root and as a referenced file.
	dir := t.TempDir()
	_, err := kinmodel.Load(source.ParseInput(spectest.Write(t, dir, "bomb.yaml", bomb)), source.LoadOptions{})
	if err == nil || !strings.Contains(err.Error(), "alias") {
		t.Errorf("Load: error %v, want one about aliases", err)
	}
	spectest.Write(t, dir, "lol.yaml", strings.SplitN(bomb, "x-lol:\n", 2)[1])
	specFile := spectest.Write(t, dir, "ref.yaml", `openapi: 3.0.3
info: {title: Ref, version: "1.0.0"}
paths: {}
components:
  schemas:
    Lol:
      $ref: lol.yaml#/i
`)
	_, err = kinmodel.Load(source.ParseInput(specFile), source.LoadOptions{})
	if err == nil || !strings.Contains(err.Error(), "alias") {
		t.Errorf("Load with a $ref to the bomb: error %v, want one about aliases", err)
	}
	// Control: a few honest aliases are fine.
	ok := "openapi: 3.0.3\ninfo: {title: A, version: \"1\"}\npaths: {}\nx-a: &a [1, 2]\nx-b: [*a, *a]\n"
	f, err := spec.ParseFile("ok.yaml", "/nowhere/ok.yaml", []byte(ok), true)
	if err != nil {
		t.Fatalf("small aliases refused: %v", err)
	}
	if n := f.Root.At("/x-b/1/1"); n == nil || n.Value != "2" {
		t.Errorf("alias not expanded: /x-b/1/1 = %+v", n)
	}
}

const mergeSpec = `openapi: 3.0.3
info:
  title: Merge
  version: "1.0.0"
paths: {}
components:
  schemas:
    Base: &base
      type: object
      description: base
      properties:
        id:
          type: string
    Derived:
      <<: *base
      description: derived
    Before:
      description: before
      <<: *base
    Many:
      <<: [*base, {title: extra, description: many-list}]
`

func TestMergeKeysExpanded(t *testing.T) {
	f, err := spec.ParseFile("merge.yaml", "/nowhere/merge.yaml", []byte(mergeSpec), true)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ schema, desc string }{
		{"Derived", "derived"}, {"Before", "before"}, {"Many", "base"},
	} {
		s := f.Root.At("/components/schemas/" + tc.schema)
		if s == nil {
			t.Fatalf("no schema %s", tc.schema)
		}
		if s.Get("<<") != nil {
			t.Errorf("%s keeps a literal << key", tc.schema)
		}
		if s.Str("type") != "object" || s.At("/properties/id/type") == nil {
			t.Errorf("%s does not have the merged members: keys %v", tc.schema, s.Keys)
		}
		if got := s.Str("description"); got != tc.desc {
			t.Errorf("%s description %q, want %q (the mapping's own keys win, then the first merged map)", tc.schema, got, tc.desc)
		}
	}
	if got := f.Root.At("/components/schemas/Many").Str("title"); got != "extra" {
		t.Errorf("Many title %q, want the second merged map's extra", got)
	}

	// Merged and spelled-out schemas are the same spec.
	dir := t.TempDir()
	spelled := strings.Replace(mergeSpec, "    Derived:\n      <<: *base\n      description: derived\n",
		"    Derived:\n      type: object\n      description: derived\n      properties:\n        id:\n          type: string\n", 1)
	a := classifytest.Load(t, spectest.Write(t, dir, "merge.yaml", mergeSpec), source.LoadOptions{})
	b := classifytest.Load(t, spectest.Write(t, dir, "spelled.yaml", spelled), source.LoadOptions{})
	if cs := classifytest.Compare(t, a, b); len(cs) != 0 {
		t.Errorf("merge key vs spelled out: %d changes:%s", len(cs), classifytest.Describe(cs))
	}
}

// TestDuplicateKeysRejected: YAML forbids a repeated key (a JSON file
// reads the last one, TestDuplicateJSONKeysLastWins).
func TestDuplicateKeysRejected(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		line       int
		key        string
		root       bool
	}{
		{"dup.yaml", "openapi: 3.0.3\ninfo:\n  title: A\n  version: \"1\"\n  title: B\npaths: {}\n", 5, "title", true},
		{"ref.yaml", "Book:\n  type: object\n  properties:\n    isbn: {type: string}\n    isbn: {type: integer}\n", 5, "isbn", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := spec.ParseFile(tc.name, "/nowhere/"+tc.name, []byte(tc.text), tc.root)
			if err == nil {
				t.Fatal("duplicate key accepted")
			}
			var pe *spec.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %T %v, want a *ParseError", err, err)
			}
			if pe.Line != tc.line {
				t.Errorf("line %d, want %d (%v)", pe.Line, tc.line, err)
			}
			if !strings.Contains(err.Error(), "duplicate") || !strings.Contains(err.Error(), tc.key) {
				t.Errorf("error %q does not name the duplicate key %s", err, tc.key)
			}
			if !strings.HasPrefix(err.Error(), fmt.Sprintf("%s:%d: ", tc.name, tc.line)) {
				t.Errorf("error %q does not start with file:line", err)
			}
		})
	}
}

// TestDuplicateJSONKeysLastWins: a key repeated in a JSON object is read as
// JSON parsers read it, the last one winning in its place, with a warning
// naming the file and the line of each repetition; whether the direct JSON
// reader or the YAML path reads the file.
func TestDuplicateJSONKeysLastWins(t *testing.T) {
	const doc = "{\n  \"openapi\": \"3.0.3\",\n  \"info\": {\"title\": \"A\", \"version\": \"1\"},\n" +
		"  \"paths\": {\"/a\": {}},\n  \"x-y\": 1,\n  \"paths\": {\"/b\": {}}%s\n}\n"
	for name, text := range map[string]string{
		"direct": fmt.Sprintf(doc, ""),
		// A line separator in a string: the direct reader declines the file.
		"yaml path": fmt.Sprintf(doc, ",\n  \"x-z\": \"\u2028\""),
	} {
		t.Run(name, func(t *testing.T) {
			f, err := spec.ParseFile("dup.json", "/nowhere/dup.json", []byte(text), true)
			if err != nil {
				t.Fatal(err)
			}
			root := f.Root
			if got := strings.Join(root.Keys[:4], " "); got != "openapi info x-y paths" {
				t.Errorf("keys %q, want the last paths in its place", got)
			}
			if root.Get("paths").Get("/b") == nil || root.Get("paths").Get("/a") != nil {
				t.Errorf("paths is not the last one")
			}
			if len(f.Warnings) != 1 {
				t.Fatalf("warnings %v, want one", f.Warnings)
			}
			if got, want := f.Warnings[0].String(), `dup.json:6: duplicate key "paths" (also at line 4): the last one is read, as JSON parsers do`; got != want {
				t.Errorf("warning %q, want %q", got, want)
			}
		})
	}
	// Many repetitions cost linear time and leave one member.
	var b strings.Builder
	b.WriteString("{")
	for i := range 50000 {
		fmt.Fprintf(&b, "\"k\": %d,\n", i)
	}
	b.WriteString("\"k\": -1}")
	f, err := spec.ParseFile("many.json", "/nowhere/many.json", []byte(b.String()), false)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Root.Keys) != 1 || f.Root.Get("k").Value != "-1" || len(f.Warnings) != 50000 {
		t.Errorf("keys %d, k %q, warnings %d", len(f.Root.Keys), f.Root.Get("k").Value, len(f.Warnings))
	}
}

const bookSchemas = `Book:
  type: object
  required: [isbn]
  properties:
    isbn:
      type: string
    title:
      type: string
`

const bookSpec = `openapi: 3.0.3
info:
  title: Books
  version: "1.0.0"
paths:
  /books:
    get:
      responses:
        "200":
          description: A book.
          content:
            application/json:
              schema:
                $ref: %s
`

// hasRepoAbove tells whether a directory at or above dir holds .git (then the
// default ref root is that repository, not the spec's directory).
func hasRepoAbove(dir string) bool {
	for d := dir; ; {
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			return true
		}
		parent := filepath.Dir(d)
		if parent == d {
			return false
		}
		d = parent
	}
}

func TestRefOutsideRefRoot(t *testing.T) {
	dir := t.TempDir()
	spectest.Write(t, dir, "shared/schemas.yaml", bookSchemas)
	specFile := spectest.Write(t, dir, "api/openapi.yaml", fmt.Sprintf(bookSpec, "../shared/schemas.yaml#/Book"))

	refuse := func(opts source.LoadOptions, what string) {
		t.Helper()
		_, err := kinmodel.Load(source.ParseInput(specFile), opts)
		if err == nil || !strings.Contains(err.Error(), "outside") {
			t.Errorf("%s: error %v, want the $ref refused as outside the ref root", what, err)
		}
		if err != nil && !strings.Contains(err.Error(), "schemas.yaml") {
			t.Errorf("%s: error %q does not name the referenced file", what, err)
		}
	}
	if !hasRepoAbove(dir) {
		refuse(source.LoadOptions{}, "default ref root (the spec's directory)")
	}
	refuse(source.LoadOptions{RefRoot: filepath.Join(dir, "api")}, "RefRoot api/")

	d := classifytest.Load(t, specFile, source.LoadOptions{RefRoot: dir})
	if len(d.Files()) != 2 {
		t.Errorf("RefRoot %s: %d files read, want 2", dir, len(d.Files()))
	}
	d = classifytest.Load(t, specFile, source.LoadOptions{RefRoot: filepath.Join(dir, "api"), AllowExternalRefs: true})
	if len(d.Files()) != 2 {
		t.Errorf("AllowExternalRefs: %d files read, want 2", len(d.Files()))
	}

	// An absolute path outside the root is refused too.
	abs := spectest.Write(t, dir, "api/abs.yaml", fmt.Sprintf(bookSpec, filepath.ToSlash(filepath.Join(dir, "shared", "schemas.yaml"))+"#/Book"))
	_, err := kinmodel.Load(source.ParseInput(abs), source.LoadOptions{RefRoot: filepath.Join(dir, "api")})
	if err == nil || !strings.Contains(err.Error(), "outside") {
		t.Errorf("absolute $ref: error %v, want it refused as outside", err)
	}
}

func TestURLRefs(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if r.URL.Path != "/schemas.yaml" {
			http.NotFound(w, r)
			return
		}
		fmt.Fprint(w, bookSchemas)
	}))
	defer srv.Close()
	dir := t.TempDir()
	specFile := spectest.Write(t, dir, "openapi.yaml", fmt.Sprintf(bookSpec, srv.URL+"/schemas.yaml#/Book"))

	_, err := kinmodel.Load(source.ParseInput(specFile), source.LoadOptions{RefRoot: dir})
	if err == nil || !strings.Contains(err.Error(), "refused") || !strings.Contains(err.Error(), srv.URL) {
		t.Errorf("URL $ref without AllowExternalRefs: error %v, want it refused naming the URL", err)
	}
	if hits.Load() != 0 {
		t.Errorf("the refused URL was fetched %d times", hits.Load())
	}

	d := classifytest.Load(t, specFile, source.LoadOptions{RefRoot: dir, AllowExternalRefs: true, HTTPClient: srv.Client()})
	if hits.Load() == 0 {
		t.Error("AllowExternalRefs: the URL was never fetched")
	}
	s := d.Spec.Paths.Find("/books").Get.Responses.Status(200).Value.Content.Get("application/json").Schema.Value
	if s == nil || s.Properties["isbn"] == nil {
		t.Errorf("the fetched schema is not in the model: %+v", s)
	}

	// A missing URL is an error naming it.
	bad := spectest.Write(t, dir, "bad.yaml", fmt.Sprintf(bookSpec, srv.URL+"/nope.yaml#/Book"))
	_, err = kinmodel.Load(source.ParseInput(bad), source.LoadOptions{AllowExternalRefs: true, HTTPClient: srv.Client()})
	if err == nil || !strings.Contains(err.Error(), "nope.yaml") {
		t.Errorf("missing URL: error %v, want one naming it", err)
	}
}

func TestMultiFileChangePlacedInTheReferencedFile(t *testing.T) {
	dir := t.TempDir()
	specText := fmt.Sprintf(bookSpec, "schemas.yaml#/Book")
	baseSpec := spectest.Write(t, dir, "base/openapi.yaml", specText)
	spectest.Write(t, dir, "base/schemas.yaml", bookSchemas)
	revSpec := spectest.Write(t, dir, "rev/openapi.yaml", strings.Replace(specText, `"1.0.0"`, `"1.1.0"`, 1))
	revSchemas := strings.Replace(bookSchemas, "    title:\n      type: string\n", "    title:\n      type: integer\n", 1)
	revSchemasPath := spectest.Write(t, dir, "rev/schemas.yaml", revSchemas)

	base := classifytest.Load(t, baseSpec, source.LoadOptions{})
	rev := classifytest.Load(t, revSpec, source.LoadOptions{})
	if n := len(rev.Files()); n != 2 {
		t.Fatalf("%d files read, want openapi.yaml and schemas.yaml", n)
	}
	cs := classifytest.Compare(t, base, rev)
	if len(cs) == 0 {
		t.Fatal("a type change in schemas.yaml gives no change")
	}
	t.Logf("changes:%s", classifytest.Describe(cs))
	cwd, _ := os.Getwd()
	for _, c := range cs {
		if c.Source == nil {
			t.Errorf("%s has no source", c.ID)
			continue
		}
		p := c.Source.File
		if !filepath.IsAbs(p) {
			p = filepath.Join(cwd, p)
		}
		if p != revSchemasPath {
			t.Errorf("%s placed in %s, want %s", c.ID, c.Source.File, revSchemasPath)
			continue
		}
		// The type of title changed: the finding points at the title property or its type.
		line := spectest.LineOf(t, revSchemas, c.Source.Line)
		if !strings.Contains(line, "title") && !strings.Contains(line, "integer") {
			t.Errorf("%s placed at line %d %q, want the title property", c.ID, c.Source.Line, line)
		}
		if len(c.Operations) != 1 || c.Operations[0] != "GET /books" {
			t.Errorf("%s reaches %v, want GET /books", c.ID, c.Operations)
		}
	}
}

func TestInfoDescriptionAsRef(t *testing.T) {
	dir := t.TempDir()
	const specText = `openapi: 3.0.3
info:
  title: Droplets
  version: "2.0"
  description:
    $ref: description.yml#/introduction
tags:
  - name: Droplets
    description:
      $ref: description.yml#/droplets
paths:
  /v2/droplets:
    get:
      responses:
        "200":
          description: The droplets.
`
	spectest.Write(t, dir, "base/openapi.yaml", specText)
	spectest.Write(t, dir, "base/description.yml", "introduction: |\n  The API.\ndroplets: Virtual machines.\n")
	spectest.Write(t, dir, "rev/openapi.yaml", specText)
	spectest.Write(t, dir, "rev/description.yml", "introduction: |\n  The API, now with more words.\ndroplets: Virtual machines.\n")

	base := classifytest.Load(t, filepath.Join(dir, "base/openapi.yaml"), source.LoadOptions{})
	if got := base.Spec.Info.Description; got != "The API.\n" {
		t.Errorf("info.description %q, want the referenced text", got)
	}
	if base.Version != "2.0" || base.Swagger {
		t.Errorf("version %q swagger %v", base.Version, base.Swagger)
	}
	rev := classifytest.Load(t, filepath.Join(dir, "rev/openapi.yaml"), source.LoadOptions{})
	cs := classifytest.Compare(t, base, rev)
	if len(cs) == 0 {
		t.Fatal("the referenced description changed, no change found")
	}
	t.Logf("changes:%s", classifytest.Describe(cs))
	for _, c := range cs {
		if c.ID != "documentation-changed" {
			t.Errorf("%s: want only documentation-changed:%s", c.ID, classifytest.Describe(cs))
		}
	}
}

func TestSwagger2Loads(t *testing.T) {
	dir := t.TempDir()
	const specText = `swagger: "2.0"
info:
  title: Registry
  version: "2.3.0"
basePath: /api
paths:
  /projects/{name}:
    get:
      parameters:
        - name: name
          in: path
          required: true
          type: string
      responses:
        "200":
          description: The project.
          schema:
            $ref: "#/definitions/Project"
definitions:
  Project:
    type: object
    properties:
      name:
        type: string
      public:
        type: boolean
`
	d := classifytest.Load(t, spectest.Write(t, dir, "swagger.yaml", specText), source.LoadOptions{})
	if !d.Swagger {
		t.Error("Document.Swagger is false for a swagger: \"2.0\" document")
	}
	if d.Dialect != "swagger 2.0" || d.Version != "2.3.0" {
		t.Errorf("dialect %q version %q", d.Dialect, d.Version)
	}
	if d.Spec == nil || d.Spec.Paths.Find("/projects/{name}") == nil {
		t.Fatal("the converted model has no /projects/{name}")
	}
	// A change inside a definition is found and placed in the Swagger file.
	rev := classifytest.Load(t, spectest.Write(t, dir, "swagger2.yaml", strings.Replace(strings.Replace(specText, "      public:\n        type: boolean\n", "", 1), `"2.3.0"`, `"2.4.0"`, 1)), source.LoadOptions{})
	cs := classifytest.Compare(t, d, rev)
	if len(cs) == 0 {
		t.Fatal("removing a response property gives no change")
	}
	t.Logf("changes:%s", classifytest.Describe(cs))
	for _, c := range cs {
		if c.Source == nil || filepath.Base(c.Source.File) != "swagger.yaml" || !strings.Contains(spectest.LineOf(t, specText, c.Source.Line), "public") {
			t.Errorf("%s placed at %v, want the public property in swagger.yaml", c.ID, c.Source)
		}
	}
}
