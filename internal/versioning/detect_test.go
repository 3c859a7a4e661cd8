package versioning

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/apibump/apibump/internal/kinmodel"
	"github.com/apibump/apibump/internal/source"
	"github.com/apibump/apibump/internal/spec"
)

// load writes the files (name -> content; the first named openapi.yaml is
// the root) into a directory and loads the root.
func load(t *testing.T, files map[string]string) *spec.Document {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	d, err := kinmodel.Load(source.ParseInput(filepath.Join(dir, "openapi.yaml")), source.LoadOptions{RefRoot: dir})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// summary writes the locations as "kind[ name]: majors" and the operations'
// majors as "OP: majors", for comparison with the test's expectation.
func summary(v *Versions) []string {
	var out []string
	for _, l := range v.Locations {
		out = append(out, strings.TrimSpace(string(l.Kind)+" "+l.Name)+": "+strings.Join(l.Majors, " "))
	}
	var ops []string
	for op := range v.ops {
		ops = append(ops, op)
	}
	slices.Sort(ops)
	for _, op := range ops {
		out = append(out, op+" = "+strings.Join(v.MajorsOf(op), " "))
	}
	return out
}

const head = "openapi: 3.0.3\ninfo: {title: T, version: 1.0.0}\n"

func TestDetect(t *testing.T) {
	tests := []struct {
		name string
		spec string
		opts Options
		want []string
	}{
		{"path segments, v1.2 and dates", head + `paths:
  /v1/books: {get: {responses: {"200": {description: ok}}}}
  /api/v2.1/books: {get: {responses: {"200": {description: ok}}}, post: {responses: {"200": {description: ok}}}}
  /2024-01-15/books: {get: {responses: {"200": {description: ok}}}}
  /health: {get: {responses: {"200": {description: ok}}}}
  /books/v3x: {get: {responses: {"200": {description: ok}}}}
`, Options{}, []string{
			"path: v1 v2 2024-01-15",
			"GET /2024-01-15/books = 2024-01-15", "GET /api/v2.1/books = v2", "GET /books/v3x = ", "GET /health = ",
			"GET /v1/books = v1", "POST /api/v2.1/books = v2",
		}},
		{"servers: root, path-item and operation levels, variables", head + `servers:
  - url: https://api.example.com/v1
  - url: https://api.example.com/{ver}/
    variables:
      ver: {default: v2, enum: [v2, v3]}
paths:
  /a: {get: {responses: {"200": {description: ok}}}}
  /b:
    servers: [{url: /v4}]
    get: {responses: {"200": {description: ok}}}
    put:
      servers: [{url: "https://x.example.com/api/v5"}]
      responses: {"200": {description: ok}}
`, Options{}, []string{
			"server: v1 v2 v3 v4 v5",
			"GET /a = v1 v2 v3", "GET /b = v4", "PUT /b = v5",
		}},
		{"headers: enum, default, $ref, case, operation over path item", head + `paths:
  /a:
    parameters:
      - {name: API-VERSION, in: header, schema: {type: string, enum: ["1", "2"]}}
    get:
      parameters:
        - {name: Api-Version, in: header, schema: {type: string, default: "3.0"}}
      responses: {"200": {description: ok}}
    put:
      responses: {"200": {description: ok}}
  /b:
    get:
      parameters: [{$ref: "#/components/parameters/V"}]
      responses: {"200": {description: ok}}
components:
  parameters:
    V: {name: X-Schemas-Version, in: header, schema: {$ref: "#/components/schemas/Ver"}}
  schemas:
    Ver: {type: string, enum: [v1]}
`, Options{}, []string{
			"header Api-Version: v1 v2 v3", "header X-Schemas-Version: v1",
			"GET /a = v3", "GET /b = v1", "PUT /a = v1 v2",
		}},
		{"configured names only", head + `paths:
  /a:
    get:
      parameters:
        - {name: X-Acme-Version, in: header, schema: {type: string, enum: ["4"]}}
        - {name: api-version, in: query, schema: {type: string, enum: ["9"]}}
        - {name: ver, in: query, schema: {type: string, enum: ["5"]}}
      responses: {"200": {description: ok}}
`, Options{Headers: []string{"x-acme-version"}, Query: []string{"ver"}}, []string{
			"header X-Acme-Version: v4", "query ver: v5",
			"GET /a = v4 v5",
		}},
		{"query with dates and a version path parameter", head + `paths:
  /{version}/books:
    get:
      parameters:
        - {name: version, in: path, required: true, schema: {type: string, enum: [v1, v2]}}
        - {name: api-version, in: query, schema: {type: string, default: "2024-05-01"}}
      responses: {"200": {description: ok}}
`, Options{}, []string{
			"path: v1 v2", "query api-version: 2024-05-01",
			"GET /{version}/books = v1 v2 2024-05-01",
		}},
		{"media types: vendor and parameter, request and response", head + `paths:
  /a:
    post:
      requestBody:
        content:
          application/vnd.acme.v1+json: {schema: {type: object}}
      responses:
        "200":
          description: ok
          content:
            application/vnd.acme.v2+json: {schema: {type: object}}
            application/json; version=3: {schema: {type: object}}
            application/vnd.other+json: {schema: {type: object}}
`, Options{}, []string{
			"media-type application/json: v3", "media-type application/vnd.acme+json: v1 v2",
			"POST /a = v1 v2 v3",
		}},
		{"a version header without enum or default", head + `paths:
  /a:
    get:
      parameters: [{name: Accept-Version, in: header, schema: {type: string}}]
      responses: {"200": {description: ok}}
`, Options{}, []string{"header Accept-Version: ", "GET /a = "}},
		{"unversioned", head + `paths:
  /books: {get: {responses: {"200": {description: ok}}}}
servers: [{url: https://api.example.com/}]
`, Options{}, []string{"GET /books = "}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := Detect(load(t, map[string]string{"openapi.yaml": tt.spec}), tt.opts)
			if got := summary(v); !slices.Equal(got, tt.want) {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
		})
	}
}

func TestDetectSwagger(t *testing.T) {
	d := load(t, map[string]string{"openapi.yaml": `swagger: "2.0"
info: {title: T, version: 1.0.0}
basePath: /api/v2.0
produces: [application/vnd.pets.v2+json]
paths:
  /pets:
    get:
      parameters: [{name: X-API-Version, in: header, type: string, enum: ["2"]}]
      responses: {"200": {description: ok}}
    post:
      produces: [application/json]
      responses: {"200": {description: ok}}
`})
	want := []string{"basePath: v2", "header X-API-Version: v2", "media-type application/vnd.pets+json: v2",
		"GET /pets = v2", "POST /pets = v2"}
	if got := summary(Detect(d, Options{})); !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestMajorsState(t *testing.T) {
	d := load(t, map[string]string{"openapi.yaml": head + `paths:
  /v1/a: {get: {deprecated: true, x-sunset: "2027-01-01", responses: {"200": {description: ok}}}}
  /v1/b: {get: {deprecated: true, x-sunset: "2027-03-01", responses: {"200": {description: ok}}}}
  /v2/a: {get: {responses: {"200": {description: ok}}}, put: {x-sunset: "2028-01-01", responses: {"200": {description: ok}}}}
  /ping: {get: {responses: {"200": {description: ok}}}}
`})
	v := Detect(d, Options{})
	want := []Major{
		{Major: "v1", Operations: 2, Deprecated: 2, Sunset: "2027-03-01", Sunsets: 2},
		{Major: "v2", Operations: 2, Sunsets: 1},
	}
	if !slices.Equal(v.Majors, want) {
		t.Errorf("majors %+v, want %+v", v.Majors, want)
	}
	if v.Unversioned != 1 {
		t.Errorf("unversioned %d, want 1", v.Unversioned)
	}
	if got := v.OperationsOf("v2"); !slices.Equal(got, []string{"GET /v2/a", "PUT /v2/a"}) {
		t.Errorf("operations of v2: %q", got)
	}
	l, ok := v.Location(KindPath)
	if !ok || l.Source == nil || l.Source.Line != 4 {
		t.Errorf("path location %+v, want its source at line 4", l)
	}
}

func TestMediaMajors(t *testing.T) {
	for mt, want := range map[string]string{
		"application/vnd.github.v3+json":       "application/vnd.github+json v3",
		"application/vnd.acme-v2+xml":          "application/vnd.acme+xml v2",
		"application/json;version=2.1":         "application/json v2",
		`application/json; api-version="4"`:    "application/json v4",
		"application/vnd.acme.v1":              "application/vnd.acme v1",
		"application/vnd.acme+json":            "",
		"application/json; charset=utf-8":      "",
		"application/vnd.acme.v1.2+json;q=0.9": "application/vnd.acme+json v1",
	} {
		base, major, ok := mediaMajor(mt)
		got := ""
		if ok {
			got = base + " " + major
		}
		if got != want {
			t.Errorf("mediaMajor(%q) = %q, want %q", mt, got, want)
		}
	}
}

// TestDetectWeakNames: a path or query parameter merely called version (a
// package version) is no version location unless its values read as majors.
func TestDetectWeakNames(t *testing.T) {
	d := load(t, map[string]string{"openapi.yaml": head + `paths:
  /packages/{name}/versions/{version}:
    get:
      parameters:
        - {name: name, in: path, required: true, schema: {type: string}}
        - {name: version, in: path, required: true, schema: {type: string}}
        - {name: v, in: query, schema: {type: string, enum: [full, short]}}
      responses: {"200": {description: ok}}
  /things:
    get:
      parameters: [{name: Api_Version, in: query, schema: {type: string}}]
      responses: {"200": {description: ok}}
`})
	want := []string{"query Api_Version: ", "GET /packages/{name}/versions/{version} = ", "GET /things = "}
	if got := summary(Detect(d, Options{Query: []string{"version", "v", "Api_Version"}})); !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}
