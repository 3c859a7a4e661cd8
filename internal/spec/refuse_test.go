package spec_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/apibump/apibump/internal/kinmodel"
	"github.com/apibump/apibump/internal/source"
	"github.com/apibump/apibump/internal/spec/spectest"
)

// loadErr writes text as name and returns the error Load gives, or "".
func loadErr(t *testing.T, name, text string) string {
	t.Helper()
	dir := t.TempDir()
	_, err := kinmodel.Load(source.ParseInput(spectest.Write(t, dir, name, text)), source.LoadOptions{})
	if err == nil {
		return ""
	}
	return strings.TrimPrefix(err.Error(), dir+string(filepath.Separator))
}

const tail = "info: {title: t, version: \"1.0.0\"}\npaths: {}\n"

// TestDialects: Swagger 2.0 and OpenAPI 3.0.x and 3.1.x are read; anything
// else is refused in one line naming the file and the line of the field.
func TestDialects(t *testing.T) {
	tests := []struct{ head, want string }{
		{"openapi: 3.0.3\n", ""},
		{"openapi: 3.1.0\n", ""},
		{"openapi: \"3.0\"\n", ""},
		{"openapi: 3.1\n", ""}, // a YAML number, read as the text it is written as
		{"openapi: 3.1.0-rc1\n", ""},
		{"swagger: \"2.0\"\n", ""},
		{"swagger: 2.0\n", ""},
		{"openapi: 3.2.0\n", "a.yaml:1: OpenAPI 3.2.0 is not supported yet; 2.0, 3.0 and 3.1 are"},
		{"openapi: 4.0.0\n", "a.yaml:1: OpenAPI 4.0.0 is not supported"},
		{"openapi: \"2.0\"\n", "a.yaml:1: OpenAPI 2.0 does not exist"},
		{"openapi: {major: 3}\n", "a.yaml:1: not an OpenAPI document: its `openapi` field holds no version"},
		{"openapi: \"\"\n", "a.yaml:1: not an OpenAPI document"},
		{"openapi: \"3.0.3\\u001b[31m\"\n", `a.yaml:1: OpenAPI "3.0.3\x1b[31m" is not supported`},
		{"openapi: 3.0.3\nswagger: \"2.0\"\n", "a.yaml:2: not an OpenAPI document: it has both"},
		{"swagger: \"1.2\"\n", "a.yaml:1: Swagger 1.2 is not supported"},
		{"swagger: \"3.0\"\n", "a.yaml:1: Swagger 3.0 does not exist"},
		{"asyncapi: 2.6.0\n", "a.yaml:1: not an OpenAPI document: it is AsyncAPI 2.6.0"},
		{"asyncapi: 3.0.0\n", "a.yaml:1: not an OpenAPI document: it is AsyncAPI 3.0.0"},
		{"arazzo: 1.0.0\n", "a.yaml:1: not an OpenAPI document: it is Arazzo 1.0.0"},
		{"server: {port: 8080}\n", "a.yaml: not an OpenAPI document: it has neither"},
		// Top-level values that name a dialect are values, not the dialect
		// (libopenapi's spec detection, dropped, took a value "swagger" for
		// the field, and refused this document).
		{"openapi: 3.0.3\nx-generator: swagger\n", ""},
		{"openapi: 3.0.3\nx-tags: [asyncapi, \"9\"]\n", ""},
	}
	for _, tt := range tests {
		got := loadErr(t, "a.yaml", tt.head+tail)
		if tt.want == "" && got != "" || tt.want != "" && !strings.HasPrefix(got, tt.want) || strings.Contains(got, "\n") {
			t.Errorf("%q: error %q, want %q", tt.head, got, tt.want)
		}
	}
	// The same as JSON.
	if got := loadErr(t, "a.json", `{"asyncapi":"2.6.0","info":{"title":"t","version":"1"}}`); !strings.HasPrefix(got, "a.json:1: not an OpenAPI document: it is AsyncAPI 2.6.0") {
		t.Errorf("AsyncAPI as JSON: error %q", got)
	}
	if got := loadErr(t, "a.json", `{"openapi":"3.2.0","info":{"title":"t","version":"1"},"paths":{}}`); !strings.HasPrefix(got, "a.json:1: OpenAPI 3.2.0 is not supported yet") {
		t.Errorf("OpenAPI 3.2 as JSON: error %q", got)
	}
}

// TestJSONEscapesInEveryFile: a referenced JSON file may hold the escapes
// YAML refuses, as the root may ("\/", an emoji as a UTF-16 surrogate pair).
func TestJSONEscapesInEveryFile(t *testing.T) {
	dir := t.TempDir()
	spectest.Write(t, dir, "r.json", `{"description": "smile \ud83d\ude00 \/ ok"}`)
	p := spectest.Write(t, dir, "a.yaml", "openapi: 3.0.3\n"+tail[:len(tail)-len("paths: {}\n")]+"paths:\n  /a:\n    get:\n      responses:\n        \"200\": {$ref: \"r.json\"}\n")
	doc, err := kinmodel.Load(source.ParseInput(p), source.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := *doc.Spec.Paths.Find("/a").Get.Responses.Value("200").Value.Description; got != "smile 😀 / ok" {
		t.Errorf("description %q", got)
	}
}

// TestRefsChecked: a $ref that is not a string, points at nothing or comes
// back to itself is refused with its line; "$ref" written as data (an
// example, an extension, a property's name) is left alone.
func TestRefsChecked(t *testing.T) {
	op := func(schema string) string {
		return "openapi: 3.1.0\ninfo: {title: t, version: \"1.0.0\"}\npaths:\n  /a:\n    get:\n      responses:\n        \"200\":\n          description: ok\n          content:\n            application/json:\n              schema: " + schema + "\n"
	}
	comps := "components:\n  schemas:\n    A: {$ref: \"#/components/schemas/B\", description: a}\n    B: {$ref: \"#/components/schemas/C\"}\n    C: {type: string}\n"
	tests := []struct{ text, want string }{
		{op(`{$ref: 42}`), "a.yaml:11: $ref must be a string (a URI reference), not the number 42"},
		{op(`{$ref: [x]}`), "a.yaml:11: $ref must be a string (a URI reference), not a list"},
		{op(`{$ref: "#/components/schemas/Nope"}`), `a.yaml:11: $ref "#/components/schemas/Nope" points at nothing`},
		{op(`{$ref: "#/paths/~1a/get/responses/200/x"}`), `a.yaml:11: $ref "#/paths/~1a/get/responses/200/x" points at nothing`},
		{op(`{$ref: "#/paths/~1a/get/responses/200/content/application~1json/schema"}`), "leads back to itself through $refs alone"},
		{op(`{$ref: "#/components/schemas/A"}`) + comps, ""},
		{op(`{$ref: "#/components/schemas/A"}`) + strings.Replace(comps, "C: {type: string}", `C: {$ref: "#/components/schemas/A"}`, 1), "leads back to itself through $refs alone"},
		// Data, not references.
		{op(`{type: object, properties: {$ref: {type: string}}, example: {$ref: 42}, x-note: {$ref: 7}, examples: [{$ref: 1}], default: {$ref: 2}, enum: [{$ref: 3}]}`), ""},
	}
	for _, tt := range tests {
		got := loadErr(t, "a.yaml", tt.text)
		if tt.want == "" && got != "" || tt.want != "" && !strings.Contains(got, tt.want) {
			t.Errorf("error %q, want %q, for:\n%s", got, tt.want, tt.text)
		}
	}
}

// TestLibraryErrorsInWords: what kin-openapi and go-yaml refuse is said
// without Go types or their position syntax, with the line.
func TestLibraryErrorsInWords(t *testing.T) {
	param := func(p string) string {
		return "openapi: 3.0.3\ninfo: {title: t, version: \"1.0.0\"}\npaths:\n  /a:\n    get:\n      parameters:\n        - " + p + "\n      responses: {\"200\": {description: ok}}\n"
	}
	tests := []struct{ text, want string }{
		{param(`{name: q, in: query, required: "yes"}`), "a.yaml:7: `required` must be true or false, not a string"},
		{param(`{name: q, in: query, schema: {type: string, maxLength: -1}}`), "a.yaml:7: `maxLength` must be a whole number, 0 or more, not -1"},
		{param(`{name: q, in: query, schema: {type: string, minLength: 1.5}}`), "a.yaml:7: `minLength` must be a whole number, 0 or more, not 1.5"},
		{"openapi: 3.0.3\ninfo: {title: t, version: \"1\"}\npaths: {\"/a\": {get: a: b}}\n", "a.yaml:3: "},
		{"openapi: 3.0.3\ninfo: {title: t, version: \"1\"}\npaths: {\"/a\": \"open\n", "a.yaml:"}, // line 3 or 4: go-yaml versions differ
	}
	for _, tt := range tests {
		got := loadErr(t, "a.yaml", tt.text)
		if !strings.HasPrefix(got, tt.want) {
			t.Errorf("error %q, want %q", got, tt.want)
		}
		for _, bad := range []string{"Bis", "openapi3.", "Go struct", "json:", "strconv.", "-C", "-L", " at L"} {
			if strings.Contains(got, bad) {
				t.Errorf("error %q has %q in it", got, bad)
			}
		}
	}
}
