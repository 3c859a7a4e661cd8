package main

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v4"
)

var root = filepath.Join("..", "..", "..", "..", dataDir)

// TestCheckedInListsMatchSchemas re-derives every list from the checked-in
// schema files: a list edited by hand, or a schema updated without
// regenerating, fails here.
func TestCheckedInListsMatchSchemas(t *testing.T) {
	for _, v := range versions {
		want, err := generate(root, v)
		if err != nil {
			t.Fatalf("OpenAPI %s: %v", v.name, err)
		}
		path := filepath.Join(root, "v"+v.name+".yaml")
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is not what the schemas give: run go run ./internal/rules/internal/oaifields -w and read the diff", path)
		}
	}
}

func load(t *testing.T, version string) map[string]objectOut {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, "v"+version+".yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var f fileOut
	if err := yaml.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	out := map[string]objectOut{}
	for _, o := range f.Objects {
		out[o.Name] = o
	}
	return out
}

// TestListsAgreeWithSpecificationText checks the lists against facts of the
// specification text, written here by hand, so a generator that reads the
// schemas wrongly cannot pass by agreeing with itself.
func TestListsAgreeWithSpecificationText(t *testing.T) {
	has := map[string]map[string][]string{
		"2.0": {
			"Swagger":   {"swagger", "host", "basePath", "schemes", "consumes", "produces", "definitions", "securityDefinitions"},
			"Parameter": {"in", "schema", "collectionFormat", "allowEmptyValue", "items"},
			"Responses": {"default"},
			"Reference": {"$ref"},
			"Schema":    {"discriminator", "readOnly", "xml", "allOf", "additionalProperties"},
		},
		"3.0": {
			"Components": {"schemas", "callbacks", "links"},
			"Reference":  {"$ref"},
			"Schema":     {"nullable", "oneOf", "anyOf", "not", "writeOnly", "deprecated", "discriminator"},
			"Parameter":  {"style", "explode", "allowReserved", "content"},
		},
		"3.1": {
			"OpenAPI":    {"webhooks", "jsonSchemaDialect"},
			"Info":       {"summary"},
			"License":    {"identifier"},
			"Components": {"pathItems"},
			"Reference":  {"$ref", "summary", "description"},
			"Schema":     {"prefixItems", "const", "unevaluatedProperties", "$defs", "contentSchema", "discriminator", "xml", "externalDocs", "example", "dependentRequired"},
		},
	}
	hasNot := map[string]map[string][]string{
		"2.0": {"Schema": {"oneOf", "anyOf", "not", "nullable"}},
		"3.0": {"Info": {"summary"}, "Schema": {"const", "prefixItems", "$defs"}, "OpenAPI": {"webhooks"}},
		"3.1": {"Schema": {"nullable"}},
	}
	objects := map[string]int{"2.0": 26, "3.0": 30, "3.1": 30}
	for version, want := range has {
		got := load(t, version)
		if len(got) != objects[version] {
			t.Errorf("OpenAPI %s: %d objects, the specification text has %d", version, len(got), objects[version])
		}
		for name, fields := range want {
			for _, f := range fields {
				if !slices.Contains(got[name].Fields, f) {
					t.Errorf("OpenAPI %s %s: no field %s", version, name, f)
				}
			}
		}
		for name, fields := range hasNot[version] {
			for _, f := range fields {
				if slices.Contains(got[name].Fields, f) {
					t.Errorf("OpenAPI %s %s: field %s, which that version does not define", version, name, f)
				}
			}
		}
		for _, name := range []string{"Info", "Operation", "PathItem", "Paths", "Responses"} {
			if o := got[name]; !o.Extensions || o.Additional != "forbidden" {
				t.Errorf("OpenAPI %s %s: extensions %v, additional %s; want true, forbidden", version, name, o.Extensions, o.Additional)
			}
		}
		if o := got["SecurityRequirement"]; o.Extensions || o.Additional != "schema" || len(o.Fields) != 0 {
			t.Errorf("OpenAPI %s SecurityRequirement: %+v; want a map of scheme names, no extensions", version, o)
		}
		if p := got["Paths"].Patterned; len(p) != 1 || !strings.HasPrefix(p[0], "^") || !strings.HasSuffix(p[0], "/") {
			t.Errorf("OpenAPI %s Paths: patterned %q, want the one ^/ pattern", version, p)
		}
	}
	// The 3.1 Schema Object's keywords come from each vocabulary's meta-schema.
	by := load(t, "3.1")["Schema"].FieldsByDocument
	for doc, kw := range map[string]string{
		"https://json-schema.org/draft/2020-12/meta/core":              "$dynamicRef",
		"https://json-schema.org/draft/2020-12/meta/applicator":        "prefixItems",
		"https://json-schema.org/draft/2020-12/meta/unevaluated":       "unevaluatedItems",
		"https://json-schema.org/draft/2020-12/meta/validation":        "dependentRequired",
		"https://json-schema.org/draft/2020-12/meta/meta-data":         "deprecated",
		"https://json-schema.org/draft/2020-12/meta/format-annotation": "format",
		"https://json-schema.org/draft/2020-12/meta/content":           "contentMediaType",
		"https://spec.openapis.org/oas/3.1/meta/2024-11-10":            "discriminator",
	} {
		if !slices.Contains(by[doc], kw) {
			t.Errorf("3.1 Schema: %s not listed under %s (have %v)", kw, doc, slices.Sorted(maps.Keys(by)))
		}
	}
}

// TestUnlistedDefinitionFails: a definition that is neither an object nor
// explained makes generation fail, so a new object is never left out.
func TestUnlistedDefinitionFails(t *testing.T) {
	v := versions[1]
	v.notObjects = maps.Clone(v.notObjects)
	delete(v.notObjects, oas30+"#/definitions/SchemaXORContent")
	if _, err := generate(root, v); err == nil || !strings.Contains(err.Error(), "SchemaXORContent") {
		t.Errorf("generate with SchemaXORContent unlisted: err %v, want one naming it", err)
	}
	v = versions[1]
	v.objects = slices.Clone(v.objects)
	v.objects = slices.DeleteFunc(v.objects, func(o object) bool { return o.name == "Link" })
	if _, err := generate(root, v); err == nil || !strings.Contains(err.Error(), "/Link") {
		t.Errorf("generate without the Link object: err %v, want one naming its definition", err)
	}
}

func TestLiteralNames(t *testing.T) {
	for _, tc := range []struct {
		pattern string
		names   []string
		rest    bool
	}{
		{`^\$ref$`, []string{"$ref"}, false},
		{`^(?:schemas|responses|pathItems)$`, []string{"schemas", "responses", "pathItems"}, false},
		{`^([0-9]{3})$|^(default)$`, []string{"default"}, true},
		{`^[1-5](?:\d{2}|XX)$`, nil, true},
		{`^/`, nil, true},
		{`^x-`, nil, true},
		{`^(?i)ref$`, nil, true},
		{`ref`, nil, true},
	} {
		names, rest := literalNames(tc.pattern)
		if !slices.Equal(names, tc.names) || rest != tc.rest {
			t.Errorf("literalNames(%q) = %q, %v; want %q, %v", tc.pattern, names, rest, tc.names, tc.rest)
		}
	}
}
