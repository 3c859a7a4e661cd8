package oasgrammar

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v4"
)

// files is a set of parsed YAML documents by name, for a test Cursor.
type files map[string]any

// jcur is a Cursor over decoded YAML.
type jcur struct {
	v    any
	file string
	fs   files
}

func (fs files) root(name string) Cursor { return &jcur{v: fs[name], file: name, fs: fs} }

func (c *jcur) Kind() NodeKind {
	switch c.v.(type) {
	case map[string]any:
		return ObjectNode
	case []any:
		return ArrayNode
	case nil:
		return Absent
	}
	return ScalarNode
}

func (c *jcur) Ref() string {
	m, _ := c.v.(map[string]any)
	s, _ := m["$ref"].(string)
	return s
}

func (c *jcur) Get(tok string) Cursor {
	switch v := c.v.(type) {
	case map[string]any:
		if x, ok := v[tok]; ok {
			return &jcur{v: x, file: c.file, fs: c.fs}
		}
	case []any:
		if i, err := strconv.Atoi(tok); err == nil && i >= 0 && i < len(v) {
			return &jcur{v: v[i], file: c.file, fs: c.fs}
		}
	}
	return nil
}

func (c *jcur) Resolve() Cursor {
	file, frag, _ := strings.Cut(c.Ref(), "#")
	if file == "" {
		file = c.file
	}
	if _, ok := c.fs[file]; !ok {
		return nil
	}
	var cur Cursor = c.fs.root(file)
	for _, tok := range strings.Split(strings.TrimPrefix(frag, "/"), "/") {
		if tok == "" || cur == nil {
			continue
		}
		cur = cur.Get(strings.NewReplacer("~1", "/", "~0", "~").Replace(tok))
	}
	return cur
}

func parseFiles(t *testing.T, docs map[string]string) files {
	t.Helper()
	fs := files{}
	for name, text := range docs {
		var v any
		if err := yaml.Unmarshal([]byte(text), &v); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		fs[name] = v
	}
	return fs
}

// describe prints a path one step a line: token kind object.field holds.
func describe(p Path) string {
	var b strings.Builder
	for _, s := range p.Steps {
		fmt.Fprintf(&b, "%s %s", s.Token, s.Kind)
		if s.Object != "" || s.Field != "" {
			fmt.Fprintf(&b, " %s.%s", s.Object, s.Field)
		}
		fmt.Fprintf(&b, " (%s)", s.Holds)
		if s.Ref {
			b.WriteString(" via $ref")
		}
		b.WriteString("\n")
	}
	return b.String()
}

func split(ptr string) []string {
	var out []string
	for _, tok := range strings.Split(strings.TrimPrefix(ptr, "/"), "/") {
		out = append(out, strings.NewReplacer("~1", "/", "~0", "~").Replace(tok))
	}
	return out
}

const petstore30 = `
openapi: 3.0.3
paths:
  /pets/{id}:
    parameters:
      - $ref: '#/components/parameters/Id'
    get:
      x-amazon-apigateway-integration: {uri: http://x, responses: {default: {statusCode: '200'}}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Pet'}
      callbacks:
        onEvent:
          '{$request.body#/url}':
            post:
              requestBody:
                content:
                  application/json:
                    schema: {type: object, properties: {event: {type: string}}}
              responses:
                '200': {description: ok}
components:
  parameters:
    Id: {name: id, in: path, required: true, schema: {type: string}}
  schemas:
    Pet:
      type: object
      properties:
        format: {type: string, format: uuid}
        tags: {type: array, items: {$ref: 'common.yaml#/Tag'}}
`

const common = `
Tag:
  type: object
  properties:
    name: {type: string, maxLength: 10}
`

// toSchema types the way to the 200 response's JSON schema.
const toSchema = `
paths fixed OpenAPI.paths (Paths)
/pets/{id} name Paths.{path} (PathItem)
get fixed PathItem.get (Operation)
responses fixed Operation.responses (Responses)
200 name Responses.{status} (Response or Reference)
content fixed Response.content (map of MediaType)
application/json name Response.content (MediaType)
schema fixed MediaType.schema (Schema or Reference)
`

func TestWalk(t *testing.T) {
	fs := parseFiles(t, map[string]string{"api.yaml": petstore30, "common.yaml": common})
	g := For(V30)
	tests := []struct {
		name, ptr string
		cursor    bool
		want      string
	}{
		{"a property named like a keyword, through a $ref", "/paths/~1pets~1{id}/get/responses/200/content/application~1json/schema/properties/format/format", true, toSchema + `properties fixed Schema.properties (map of Schema or Reference) via $ref
format name Schema.properties (Schema or Reference)
format fixed Schema.format (scalar)
`},
		{"the same place typed from the grammar alone", "/paths/~1pets~1{id}/get/responses/200/content/application~1json/schema/properties/format/format", false, toSchema + `properties fixed Schema.properties (map of Schema or Reference)
format name Schema.properties (Schema or Reference)
format fixed Schema.format (scalar)
`},
		{"into another file", "/paths/~1pets~1{id}/get/responses/200/content/application~1json/schema/properties/tags/items/properties/name/maxLength", true, toSchema + `properties fixed Schema.properties (map of Schema or Reference) via $ref
tags name Schema.properties (Schema or Reference)
items fixed Schema.items (Schema or Reference)
properties fixed Schema.properties (map of Schema or Reference) via $ref
name name Schema.properties (Schema or Reference)
maxLength fixed Schema.maxLength (scalar)
`},
		{"a nested vendor extension", "/paths/~1pets~1{id}/get/x-amazon-apigateway-integration/responses/default/statusCode", true, `
paths fixed OpenAPI.paths (Paths)
/pets/{id} name Paths.{path} (PathItem)
get fixed PathItem.get (Operation)
x-amazon-apigateway-integration extension Operation. (json)
responses value (json)
default value (json)
statusCode value (json)
`},
		{"a path-level parameter by reference", "/paths/~1pets~1{id}/parameters/0/schema/type", true, `
paths fixed OpenAPI.paths (Paths)
/pets/{id} name Paths.{path} (PathItem)
parameters fixed PathItem.parameters (list of Parameter or Reference)
0 index PathItem.parameters (Parameter or Reference)
schema fixed Parameter.schema (Schema or Reference) via $ref
type fixed Schema.type (scalar)
`},
		{"the reference itself", "/paths/~1pets~1{id}/parameters/0/$ref", true, `
paths fixed OpenAPI.paths (Paths)
/pets/{id} name Paths.{path} (PathItem)
parameters fixed PathItem.parameters (list of Parameter or Reference)
0 index PathItem.parameters (Parameter or Reference)
$ref fixed Reference.$ref (scalar)
`},
		{"a component", "/components/schemas/Pet/properties/tags/items", true, `
components fixed OpenAPI.components (Components)
schemas fixed Components.schemas (map of Schema or Reference)
Pet name Components.schemas (Schema or Reference)
properties fixed Schema.properties (map of Schema or Reference)
tags name Schema.properties (Schema or Reference)
items fixed Schema.items (Schema or Reference)
`},
		{"a callback", "/paths/~1pets~1{id}/get/callbacks/onEvent/{$request.body#~1url}/post/requestBody/content/application~1json/schema/properties/event", true, `
paths fixed OpenAPI.paths (Paths)
/pets/{id} name Paths.{path} (PathItem)
get fixed PathItem.get (Operation)
callbacks fixed Operation.callbacks (map of Callback or Reference)
onEvent name Operation.callbacks (Callback or Reference)
{$request.body#/url} name Callback.{expression} (PathItem)
post fixed PathItem.post (Operation)
requestBody fixed Operation.requestBody (RequestBody or Reference)
content fixed RequestBody.content (map of MediaType)
application/json name RequestBody.content (MediaType)
schema fixed MediaType.schema (Schema or Reference)
properties fixed Schema.properties (map of Schema or Reference)
event name Schema.properties (Schema or Reference)
`},
		{"keys 3.0 does not define", "/paths/~1pets~1{id}/get/responses/200/content/application~1json/schema/const/a", false, toSchema + `const unknown Schema. (json)
a value (json)
`},
		{"an undefined status and an extension in responses", "/paths/~1pets~1{id}/get/responses/999", false, `
paths fixed OpenAPI.paths (Paths)
/pets/{id} name Paths.{path} (PathItem)
get fixed PathItem.get (Operation)
responses fixed Operation.responses (Responses)
999 unknown Responses. (json)
`},
		{"a list index that is no index", "/paths/~1pets~1{id}/parameters/first", false, `
paths fixed OpenAPI.paths (Paths)
/pets/{id} name Paths.{path} (PathItem)
parameters fixed PathItem.parameters (list of Parameter or Reference)
first unknown PathItem.parameters (json)
`},
		{"an enum member and a required name", "/components/schemas/Pet/enum/2/a", false, `
components fixed OpenAPI.components (Components)
schemas fixed Components.schemas (map of Schema or Reference)
Pet name Components.schemas (Schema or Reference)
enum fixed Schema.enum (list of json)
2 index Schema.enum (json)
a value (json)
`},
	}
	for _, tt := range tests {
		var cur Cursor
		if tt.cursor {
			cur = fs.root("api.yaml")
		}
		got := describe(g.Walk(split(tt.ptr), cur))
		if got != strings.TrimPrefix(tt.want, "\n") {
			t.Errorf("%s: %s\ngot:\n%swant:\n%s", tt.name, tt.ptr, got, strings.TrimPrefix(tt.want, "\n"))
		}
	}
}

func TestWalkVersions(t *testing.T) {
	tests := []struct {
		v    Version
		ptr  string
		want []TokenKind
		last Type // the object of the last step
	}{
		// 3.1: JSON Schema keywords are fixed, unknown ones annotations, x- extensions.
		{V31, "/components/schemas/A/const", []TokenKind{Fixed, Fixed, Name, Fixed}, Schema},
		{V31, "/components/schemas/A/prefixItems/0/unevaluatedProperties", []TokenKind{Fixed, Fixed, Name, Fixed, Index, Fixed}, Schema},
		{V31, "/components/schemas/A/nullable", []TokenKind{Fixed, Fixed, Name, Annotation}, Schema},
		{V31, "/components/schemas/A/x-go-type/name", []TokenKind{Fixed, Fixed, Name, Extension, InValue}, ""},
		{V31, "/components/schemas/A/dependentRequired/a/0", []TokenKind{Fixed, Fixed, Name, Fixed, Name, Index}, ""},
		{V31, "/components/schemas/A/type/1", []TokenKind{Fixed, Fixed, Name, Fixed, Index}, Schema},
		{V31, "/components/pathItems/P/get/responses/2XX/headers/X-Rate/schema/$dynamicRef", []TokenKind{Fixed, Fixed, Name, Fixed, Fixed, Name, Fixed, Name, Fixed, Fixed}, Schema},
		{V31, "/webhooks/newPet/post/requestBody/content/application~1json/schema/properties/name", []TokenKind{Fixed, Name, Fixed, Fixed, Fixed, Name, Fixed, Fixed, Name}, Schema},
		{V31, "/jsonSchemaDialect", []TokenKind{Fixed}, OpenAPI},
		// 3.0: the same keywords are unknown, x- is an extension.
		{V30, "/components/schemas/A/const", []TokenKind{Fixed, Fixed, Name, Unknown}, Schema},
		{V30, "/components/schemas/A/nullable", []TokenKind{Fixed, Fixed, Name, Fixed}, Schema},
		{V30, "/components/schemas/A/x-go-type", []TokenKind{Fixed, Fixed, Name, Extension}, Schema},
		{V30, "/webhooks", []TokenKind{Unknown}, OpenAPI},
		{V30, "/x-webhooks/a/post", []TokenKind{Extension, InValue, InValue}, ""},
		{V30, "/security/0/api_key/1", []TokenKind{Fixed, Index, Name, Index}, ""},
		{V30, "/components/securitySchemes/o/flows/implicit/scopes/read", []TokenKind{Fixed, Fixed, Name, Fixed, Fixed, Fixed, Name}, OAuthFlow},
		{V30, "/components/schemas/A/discriminator/mapping/dog", []TokenKind{Fixed, Fixed, Name, Fixed, Fixed, Name}, Discriminator},
		{V30, "/components/links/L/parameters/id", []TokenKind{Fixed, Fixed, Name, Fixed, Name}, Link},
		{V30, "/servers/0/variables/port/enum/0", []TokenKind{Fixed, Index, Fixed, Name, Fixed, Index}, ServerVariable},
		{V30, "/paths/~1a/get/responses/default/headers/H/style", []TokenKind{Fixed, Name, Fixed, Fixed, Fixed, Fixed, Name, Fixed}, Header},
		{V30, "/paths/~1a/x-internal", []TokenKind{Fixed, Name, Extension}, PathItem},
		{V30, "/paths/x-tag", []TokenKind{Fixed, Extension}, Paths},
		// $ref is resolved wherever it stands (an operation in another file),
		// but a property may be called $ref.
		{V30, "/paths/~1a/get/$ref", []TokenKind{Fixed, Name, Fixed, Fixed}, Reference},
		{V30, "/components/schemas/A/properties/$ref", []TokenKind{Fixed, Fixed, Name, Fixed, Name}, Schema},
		{V30, "/security/0/$ref", []TokenKind{Fixed, Index, Name}, SecurityRequirement},
		{V30, "/paths/pets", []TokenKind{Fixed, Unknown}, Paths},
		// 2.0: its own containers, definitions, the Items object.
		{V20, "/definitions/Pet/properties/id/format", []TokenKind{Fixed, Name, Fixed, Name, Fixed}, Schema},
		{V20, "/definitions/Pet/items/1/type", []TokenKind{Fixed, Name, Fixed, Index, Fixed}, Schema},
		{V20, "/definitions/Pet/items/type", []TokenKind{Fixed, Name, Fixed, Fixed}, Schema},
		{V20, "/definitions/Pet/oneOf", []TokenKind{Fixed, Name, Unknown}, Schema},
		{V20, "/parameters/limit/items/items/maxLength", []TokenKind{Fixed, Name, Fixed, Fixed, Fixed}, Items},
		{V20, "/responses/NotFound/headers/X-Rate/format", []TokenKind{Fixed, Name, Fixed, Name, Fixed}, Header},
		{V20, "/responses/NotFound/examples/application~1json/id", []TokenKind{Fixed, Name, Fixed, Name, InValue}, ""},
		{V20, "/securityDefinitions/o/scopes/read", []TokenKind{Fixed, Name, Fixed, Name}, Scopes},
		{V20, "/paths/~1a/get/responses/default/schema/$ref", []TokenKind{Fixed, Name, Fixed, Fixed, Fixed, Fixed, Fixed}, Schema},
		{V20, "/paths/~1a/get/responses/404/schema", []TokenKind{Fixed, Name, Fixed, Fixed, Name, Fixed}, Response},
		{V20, "/paths/~1a/get/parameters/0/$ref", []TokenKind{Fixed, Name, Fixed, Fixed, Index, Fixed}, Reference},
		{V20, "/paths/~1a/get/requestBody", []TokenKind{Fixed, Name, Fixed, Unknown}, Operation},
		{V20, "/basePath", []TokenKind{Fixed}, Swagger},
	}
	for _, tt := range tests {
		p := For(tt.v).Walk(split(tt.ptr), nil)
		var got []TokenKind
		for _, s := range p.Steps {
			got = append(got, s.Kind)
		}
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("%s %s: kinds %v, want %v\n%s", tt.v, tt.ptr, got, tt.want, describe(p))
			continue
		}
		if last := p.Steps[len(p.Steps)-1].Object; last != tt.last {
			t.Errorf("%s %s: last step in %q, want %q\n%s", tt.v, tt.ptr, last, tt.last, describe(p))
		}
	}
}

// TestWalkReferenceSiblings: in 3.1 a Reference Object may carry summary and
// description; beside a $ref they are the Reference's fields, elsewhere
// the object's own (or unknown).
func TestWalkReferenceSiblings(t *testing.T) {
	fs := parseFiles(t, map[string]string{"api.yaml": `
openapi: 3.1.0
paths:
  /a:
    get:
      parameters:
        - {$ref: '#/components/parameters/P', summary: the id, description: which one}
        - {name: q, in: query, summary: nonsense}
components:
  parameters:
    P: {name: id, in: query}
`})
	g := For(V31)
	tests := []struct {
		ptr    string
		cursor bool
		object Type
		kind   TokenKind
	}{
		{"/paths/~1a/get/parameters/0/summary", true, Reference, Fixed},
		{"/paths/~1a/get/parameters/0/description", true, Parameter, Fixed},
		{"/paths/~1a/get/parameters/0/summary", false, Parameter, Unknown},
		{"/paths/~1a/get/parameters/1/summary", true, Parameter, Unknown},
		{"/paths/~1a/get/parameters/0/name", true, Parameter, Fixed},
	}
	for _, tt := range tests {
		var cur Cursor
		if tt.cursor {
			cur = fs.root("api.yaml")
		}
		p := g.Walk(split(tt.ptr), cur)
		last := p.Steps[len(p.Steps)-1]
		if last.Object != tt.object || last.Kind != tt.kind {
			t.Errorf("%s (cursor %v): %s %s, want %s %s\n%s", tt.ptr, tt.cursor, last.Object, last.Kind, tt.object, tt.kind, describe(p))
		}
	}
}

// TestWalkFromReferencedFile types a file whose root a typed place reaches.
func TestWalkFromReferencedFile(t *testing.T) {
	g := For(V30)
	use := g.Walk(split("/paths/~1a/get/responses/200"), nil)
	p := g.WalkFrom(use.Holds(), split("/content/application~1json/schema/items/format"), nil)
	want := []TokenKind{Fixed, Name, Fixed, Fixed, Fixed}
	for i, s := range p.Steps {
		if s.Kind != want[i] {
			t.Fatalf("step %d: %s, want %s\n%s", i, s.Kind, want[i], describe(p))
		}
	}
	if s := p.Steps[4]; s.Object != Schema || s.Field != "format" {
		t.Errorf("last step %s.%s, want Schema.format", s.Object, s.Field)
	}
	// A file of schemas referenced one by one: its root holds nothing the
	// grammar knows until the use says so.
	p = g.WalkFrom(one(Schema), []string{"properties", "id", "minimum"}, nil)
	if s := p.Steps[2]; s.Kind != Fixed || s.Object != Schema || s.Field != "minimum" {
		t.Errorf("schema file: %s", describe(p))
	}
}

func TestWalkReferenceCycle(t *testing.T) {
	fs := parseFiles(t, map[string]string{"api.yaml": `
openapi: 3.0.3
components:
  schemas:
    A: {$ref: '#/components/schemas/B'}
    B: {$ref: '#/components/schemas/A'}
`})
	p := For(V30).Walk(split("/components/schemas/A/properties/x"), fs.root("api.yaml"))
	if len(p.Steps) != 5 || p.Steps[3].Kind != Fixed || p.Steps[4].Kind != Name {
		t.Errorf("a cycle of references: %s", describe(p))
	}
}

func TestSide(t *testing.T) {
	tests := []struct {
		v        Version
		ptr      string
		side     Side
		mirrored bool
	}{
		{V30, "/paths/~1a/get/parameters/0/schema/maxLength", RequestSide, false},
		{V30, "/paths/~1a/parameters/0/schema/maxLength", RequestSide, false},
		{V30, "/paths/~1a/post/requestBody/content/application~1json/schema/required/0", RequestSide, false},
		{V30, "/paths/~1a/get/responses/200/headers/X/schema/format", ResponseSide, false},
		{V30, "/paths/~1a/get/security/0", NoSide, false},
		{V30, "/paths/~1a/get/callbacks/cb/{$url}/post/requestBody/content/a~1b/schema", RequestSide, true},
		{V30, "/paths/~1a/get/callbacks/cb/{$url}/post/responses/200/description", ResponseSide, true},
		{V30, "/components/callbacks/cb/{$url}/post/requestBody", RequestSide, true},
		{V30, "/components/schemas/A/properties/b", NoSide, false},
		{V30, "/components/requestBodies/B/content", RequestSide, false},
		{V31, "/webhooks/w/post/requestBody/content/a~1b/schema", RequestSide, true},
		{V31, "/webhooks/w/post/callbacks/c/{$url}/post/requestBody", RequestSide, false},
		{V20, "/paths/~1a/get/responses/200/schema", ResponseSide, false},
		{V20, "/parameters/P/schema", RequestSide, false},
		{V30, "/x-webhooks/w/post/requestBody", NoSide, false},
	}
	for _, tt := range tests {
		side, mirrored := For(tt.v).Walk(split(tt.ptr), nil).Side()
		if side != tt.side || mirrored != tt.mirrored {
			t.Errorf("%s %s: %s mirrored %v, want %s mirrored %v", tt.v, tt.ptr, side, mirrored, tt.side, tt.mirrored)
		}
	}
}

func TestPathField(t *testing.T) {
	g := For(V30)
	tests := []struct {
		ptr           string
		object        Type
		field         string
		member        bool
		unknown, exts int
	}{
		{"/components/schemas/A/properties/b", Schema, "properties", true, -1, -1},
		{"/components/schemas/A/required/2", Schema, "required", true, -1, -1},
		{"/components/schemas/A/maxLength", Schema, "maxLength", false, -1, -1},
		{"/components/schemas/A/enum/0/x", Schema, "enum", true, -1, -1},
		{"/components/schemas/A/example/a/b", Schema, "example", false, -1, -1},
		{"/paths/~1a", Paths, "{path}", true, -1, -1},
		{"/paths/~1a/get/x-foo/bar", PathItem, "get", false, -1, 3},
		{"/paths/~1a/get/foo/bar", PathItem, "get", false, 3, -1},
	}
	for _, tt := range tests {
		p := g.Walk(split(tt.ptr), nil)
		s, _, member := p.Field()
		if tt.unknown >= 0 || tt.exts >= 0 {
			if p.Unknown() != tt.unknown || p.Extension() != tt.exts {
				t.Errorf("%s: unknown at %d, extension at %d; want %d, %d", tt.ptr, p.Unknown(), p.Extension(), tt.unknown, tt.exts)
			}
			continue
		}
		if s.Object != tt.object || s.Field != tt.field || member != tt.member {
			t.Errorf("%s: field %s.%s member %v, want %s.%s member %v\n%s", tt.ptr, s.Object, s.Field, member, tt.object, tt.field, tt.member, describe(p))
		}
	}
}
