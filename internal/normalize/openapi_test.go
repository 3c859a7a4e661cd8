package normalize_test

import (
	"strings"
	"testing"

	"github.com/apibump/apibump/internal/normalize"
)

const headersSpec = `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a:
    get:
      parameters:
        - {in: header, name: X-Trace-Id, schema: {type: string}}
        - {in: query, name: Page, schema: {type: integer}}
        - $ref: "#/components/parameters/Tenant"
      responses:
        "200":
          description: ok
          headers:
            X-RateLimit-Limit: {schema: {type: integer}}
            ETag: {$ref: "#/components/headers/ETag"}
components:
  parameters:
    Tenant: {in: header, name: X-Tenant, required: true, schema: {type: string}}
  headers:
    ETag: {schema: {type: string}}
`

func TestHeaderNames(t *testing.T) {
	d := loadText(t, headersSpec)
	out, rw := normalized(t, d)
	for p, want := range map[string]string{
		"/paths/~1a/get/parameters/0/name":     `"x-trace-id"`,
		"/paths/~1a/get/parameters/1/name":     `"Page"`, // not a header
		"/components/parameters/Tenant/name":   `"x-tenant"`,
		"/components/headers/ETag/schema/type": `"string"`, // a component's name is no header name
	} {
		if got := js(at(out, p)); got != want {
			t.Errorf("%s: %s, want %s", p, got, want)
		}
	}
	hs := at(out, "/paths/~1a/get/responses/200/headers")
	if strings.Join(hs.Keys, ",") != "x-ratelimit-limit,etag" {
		t.Errorf("response headers %v", hs.Keys)
	}
	// The name keeps where it was written; the header its own node.
	if n, o := at(out, "/paths/~1a/get/parameters/0/name"), at(d, "/paths/~1a/get/parameters/0/name"); n.Pos != o.Pos || n.KeyPos != o.KeyPos || n.File != o.File {
		t.Errorf("the lowercased name moved: %v, was %v", n.Pos, o.Pos)
	}
	if hs.Children[0] != at(d, "/paths/~1a/get/responses/200/headers/X-RateLimit-Limit") {
		t.Errorf("the header object was copied")
	}
	var details []string
	for _, r := range rw {
		if r.Kind == normalize.HeaderNameCase {
			details = append(details, r.Pointer()+"="+r.Detail)
		}
	}
	want := "/paths/~1a/get/parameters/0/name=X-Trace-Id " +
		"/paths/~1a/get/responses/200/headers/X-RateLimit-Limit=X-RateLimit-Limit " +
		"/paths/~1a/get/responses/200/headers/ETag=ETag " +
		"/components/parameters/Tenant/name=X-Tenant"
	if strings.Join(details, " ") != want {
		t.Errorf("rewrites\n  %s\nwant\n  %s", strings.Join(details, " "), want)
	}

	// Two names that differ only by case are left as written.
	clash := strings.Replace(headersSpec, "ETag: {$ref", "x-ratelimit-limit: {$ref", 1)
	out, _ = normalized(t, loadText(t, clash))
	if hs := at(out, "/paths/~1a/get/responses/200/headers"); strings.Join(hs.Keys, ",") != "X-RateLimit-Limit,x-ratelimit-limit" {
		t.Errorf("clashing headers %v", hs.Keys)
	}
}

const pathParamsSpec = `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /admin/{id}:
    parameters:
      - $ref: "#/components/parameters/tenant"
      - {in: path, name: id, required: true, schema: {type: string}}
      - {in: query, name: verbose, schema: {type: boolean}}
    get:
      responses:
        "200": {description: ok}
    delete:
      parameters:
        - {in: header, name: X-TENANT, required: false, schema: {type: string}}
        - {in: query, name: verbose, schema: {type: string}}
      responses:
        "204": {description: ok}
    x-note: kept
components:
  parameters:
    tenant: {in: header, name: X-Tenant, required: true, schema: {type: string}}
`

func TestPathParameters(t *testing.T) {
	d := loadText(t, pathParamsSpec)
	out, rw := normalized(t, d)
	item := at(out, "/paths/~1admin~1{id}")
	if item.Get("parameters") != nil || item.Get("x-note") == nil {
		t.Fatalf("path item %s", js(item))
	}
	names := func(op string) string {
		var out []string
		for _, p := range item.At("/" + op + "/parameters").Children {
			if ref := p.Ref(); ref != "" {
				out = append(out, ref)
				continue
			}
			out = append(out, p.Str("in")+":"+p.Str("name")+":"+p.Str("required"))
		}
		return strings.Join(out, " ")
	}
	if got := names("get"); got != "#/components/parameters/tenant path:id:true query:verbose:" {
		t.Errorf("get parameters: %s", got)
	}
	// The operation's own win, a header by its name in any case.
	if got := names("delete"); got != "header:x-tenant:false query:verbose: path:id:true" {
		t.Errorf("delete parameters: %s", got)
	}
	// The same nodes: the path-level ones are shared, positions and all.
	if item.At("/get/parameters/1") != at(d, "/paths/~1admin~1{id}/parameters/1") {
		t.Errorf("the path-level parameter was copied")
	}
	r := findRewrite(rw, normalize.PathParameters)
	if r == nil || r.Pointer() != "/paths/~1admin~1{id}/parameters" || r.Detail != "GET, DELETE" || r.Original != at(d, "/paths/~1admin~1{id}/parameters") {
		t.Errorf("path-parameters rewrite %+v%s", r, kinds(rw))
	}
	// Moving the parameters to the operations gives the same document.
	moved := loadText(t, `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /admin/{id}:
    get:
      parameters:
        - $ref: "#/components/parameters/tenant"
        - {in: path, name: id, required: true, schema: {type: string}}
        - {in: query, name: verbose, schema: {type: boolean}}
      responses:
        "200": {description: ok}
    delete:
      parameters:
        - {in: header, name: x-tenant, required: false, schema: {type: string}}
        - {in: query, name: verbose, schema: {type: string}}
        - {in: path, name: id, required: true, schema: {type: string}}
      responses:
        "204": {description: ok}
    x-note: kept
components:
  parameters:
    tenant: {in: header, name: x-tenant, required: true, schema: {type: string}}
`)
	mout, _ := normalized(t, moved)
	if a, b := js(at(mout, "/paths")), js(at(out, "/paths")); a != b {
		t.Errorf("moved:\n  %s\nnormalised:\n  %s", a, b)
	}
}

// An operation written as a $ref keeps the path-level parameters where they are.
func TestPathParametersBesideRefOperation(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "get.yaml", "responses:\n  \"200\": {description: ok}\n")
	spec := write(t, dir, "spec.yaml", `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a:
    parameters:
      - {in: query, name: q, schema: {type: string}}
    get: {$ref: "get.yaml"}
    post:
      responses:
        "200": {description: ok}
`)
	d := load(t, spec)
	out, rw := normalized(t, d)
	if at(out, "/paths/~1a") != at(d, "/paths/~1a") || len(rw) != 0 {
		t.Errorf("path item rewritten: %s%s", js(at(out, "/paths/~1a")), kinds(rw))
	}
}

// Swagger 2.0: the rewrites that exist there (no oneOf, nullable or type
// lists), and the model kin-openapi converts still builds.
func TestSwagger(t *testing.T) {
	d := loadText(t, `swagger: "2.0"
info: {title: t, version: "1"}
paths:
  /a/{id}:
    parameters:
      - {in: header, name: X-Trace, type: string}
      - {in: path, name: id, required: true, type: string}
    post:
      parameters:
        - {in: body, name: body, schema: {allOf: [{$ref: "#/definitions/User"}, {properties: {x: {type: string, maxItems: 2}}}]}}
      responses:
        "200":
          description: ok
          headers:
            X-Rate: {type: integer}
          schema: {description: d, allOf: [{$ref: "#/definitions/User"}]}
definitions:
  User: {type: object, required: [id], properties: {id: {type: integer, maxLength: 3}}}
`)
	out, rw := normalized(t, d)
	for p, want := range map[string]string{
		"/paths/~1a~1{id}/post/parameters/0/schema": `{"type":"object","required":["id"],"properties":{"id":{"type":"integer"},"x":{"type":"string"}}}`,
		"/paths/~1a~1{id}/post/parameters/1/name":   `"x-trace"`,
		"/paths/~1a~1{id}/post/responses/200":       `{"description":"ok","headers":{"x-rate":{"type":"integer"}},"schema":{"$ref":"#/definitions/User","description":"d"}}`,
		"/definitions/User/properties/id":           `{"type":"integer"}`,
	} {
		if got := js(at(out, p)); got != canon(want) {
			t.Errorf("%s = %s, want %s", p, got, canon(want))
		}
	}
	if at(out, "/paths/~1a~1{id}/parameters") != nil {
		t.Errorf("path-level parameters left")
	}
	if out.Spec == nil || out.Spec.Paths.Find("/a/{id}") == nil || len(out.Spec.Paths.Find("/a/{id}").Post.Parameters) != 2 {
		t.Errorf("the converted model misses the operation's parameters%s", kinds(rw))
	}
}

func TestExplodedParameters(t *testing.T) {
	spec := func(param string) string {
		return `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a:
    get:
      parameters:
        - {in: query, name: sort, schema: {type: string}}
        - ` + param + `
      responses:
        "200": {description: ok}
`
	}
	params := func(text string) (string, []normalize.Rewrite) {
		out, rw := normalized(t, loadText(t, text))
		return js(at(out, "/paths/~1a/get/parameters")), rw
	}
	split := canon(`[{"in":"query","name":"sort","schema":{"type":"string"}},
		{"in":"query","name":"page","required":true,"schema":{"type":"integer"}},
		{"in":"query","name":"size","schema":{"type":"integer"}}]`)
	for _, p := range []string{
		`{in: query, name: paging, required: true, schema: {type: object, required: [page], properties: {page: {type: integer}, size: {type: integer}}}}`,
		`{in: query, name: paging, required: true, style: form, explode: true, schema: {type: object, required: [page], properties: {page: {type: integer}, size: {type: integer}}, additionalProperties: false}}`,
		`{in: query, name: page, required: true, schema: {type: integer}}
        - {in: query, name: size, schema: {type: integer}}`,
	} {
		got, rw := params(spec(p))
		if got != split {
			t.Errorf("%s:\n  %s\nwant\n  %s%s", p, got, split, kinds(rw))
		}
	}
	// The property's name stands where it is written.
	d := loadText(t, spec(`{in: query, name: paging, schema: {type: object, properties: {page: {type: integer}}}}`))
	out, rw := normalized(t, d)
	if n, prop := at(out, "/paths/~1a/get/parameters/1/name"), at(d, "/paths/~1a/get/parameters/1/schema/properties/page"); n == nil || n.Pos != prop.KeyPos {
		t.Errorf("the name of the split parameter is not where the property is named")
	}
	if r := findRewrite(rw, normalize.ExplodedParameter); r == nil || r.Detail != "paging" || r.Original != at(d, "/paths/~1a/get/parameters/1") {
		t.Errorf("no exploded-parameter rewrite:%s", kinds(rw))
	}
	// Left as written.
	for _, p := range []string{
		`{in: query, name: paging, explode: false, schema: {type: object, properties: {page: {type: integer}}}}`,
		`{in: query, name: paging, style: deepObject, schema: {type: object, properties: {page: {type: integer}}}}`,
		`{in: query, name: paging, schema: {type: object, required: [page], properties: {page: {type: integer}}}}`, // optional object, required property
		`{in: query, name: paging, schema: {type: object, properties: {sort: {type: integer}}}}`,                   // a name taken
		`{in: query, name: paging, description: d, schema: {type: object, properties: {page: {type: integer}}}}`,
		`{in: query, name: paging, schema: {type: object, properties: {page: {type: integer}}, additionalProperties: {type: string}}}`,
		`{in: header, name: paging, explode: true, schema: {type: object, properties: {page: {type: integer}}}}`,
	} {
		text := spec(p)
		want := js(at(loadText(t, text), "/paths/~1a/get/parameters"))
		if got, rw := params(text); got != want {
			t.Errorf("%s rewritten: %s%s", p, got, kinds(rw))
		}
	}
}
