// Command oaifields derives, from the OpenAPI Initiative's published JSON
// Schemas kept in testdata/openapi-fields/schemas, the fixed fields of every
// object of OpenAPI 2.0, 3.0 and 3.1 and the keywords each version's Schema
// Object allows, and writes them to testdata/openapi-fields/v2.0.yaml,
// v3.0.yaml and v3.1.yaml (run `go run ./internal/rules/internal/oaifields -w`
// from the module root, then review the diff). Without -w it fails when a
// checked-in list differs from what the schemas give.
//
// The object names are those of the specification text; versions below maps
// each to the schema definitions that describe it. Every top-level
// definition of an OpenAPI schema document is either such an object or
// listed in notObjects with the reason, so a new schema iteration that adds
// an object makes the command fail instead of leaving it out.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"regexp/syntax"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v4"
)

// dataDir is testdata/openapi-fields, relative to the module root.
const dataDir = "testdata/openapi-fields"

const (
	oas20  = "http://swagger.io/v2/schema.json"
	oas30  = "https://spec.openapis.org/oas/3.0/schema/2024-10-18"
	oas31  = "https://spec.openapis.org/oas/3.1/schema/2025-11-23"
	base31 = "https://spec.openapis.org/oas/3.1/schema-base/2025-11-23"
	meta31 = "https://spec.openapis.org/oas/3.1/meta/2024-11-10"
)

// version says which schema files describe one OpenAPI version and which
// of their definitions are the objects of its specification text.
type version struct {
	name string
	// files under dataDir/schemas, each at the path of the URL it is
	// published at; the first is the schema of the whole document.
	files []string
	// objects in the order of the specification text: name → definitions
	// (absolute URI with a JSON pointer fragment). An object described by
	// several definitions (one per variant) has the union of their fields.
	objects []object
	// notObjects: top-level definitions of the OpenAPI documents that are no
	// object of the specification text (absolute URI), and why.
	notObjects map[string]string
}

type object struct {
	name string
	defs []string
}

var versions = []version{{
	name:  "2.0",
	files: []string{"spec.openapis.org/oas/2.0/schema/2017-08-27"},
	objects: []object{
		{"Swagger", []string{oas20 + "#"}},
		{"Info", []string{oas20 + "#/definitions/info"}},
		{"Contact", []string{oas20 + "#/definitions/contact"}},
		{"License", []string{oas20 + "#/definitions/license"}},
		{"Paths", []string{oas20 + "#/definitions/paths"}},
		{"PathItem", []string{oas20 + "#/definitions/pathItem"}},
		{"Operation", []string{oas20 + "#/definitions/operation"}},
		{"ExternalDocumentation", []string{oas20 + "#/definitions/externalDocs"}},
		{"Parameter", []string{
			oas20 + "#/definitions/bodyParameter",
			oas20 + "#/definitions/headerParameterSubSchema",
			oas20 + "#/definitions/queryParameterSubSchema",
			oas20 + "#/definitions/formDataParameterSubSchema",
			oas20 + "#/definitions/pathParameterSubSchema",
		}},
		{"Items", []string{oas20 + "#/definitions/primitivesItems"}},
		{"Responses", []string{oas20 + "#/definitions/responses"}},
		{"Response", []string{oas20 + "#/definitions/response"}},
		{"Headers", []string{oas20 + "#/definitions/headers"}},
		{"Example", []string{oas20 + "#/definitions/examples"}},
		{"Header", []string{oas20 + "#/definitions/header"}},
		{"Tag", []string{oas20 + "#/definitions/tag"}},
		{"Reference", []string{oas20 + "#/definitions/jsonReference"}},
		{"Schema", []string{oas20 + "#/definitions/schema", oas20 + "#/definitions/fileSchema"}},
		{"XML", []string{oas20 + "#/definitions/xml"}},
		{"Definitions", []string{oas20 + "#/definitions/definitions"}},
		{"ParametersDefinitions", []string{oas20 + "#/definitions/parameterDefinitions"}},
		{"ResponsesDefinitions", []string{oas20 + "#/definitions/responseDefinitions"}},
		{"SecurityDefinitions", []string{oas20 + "#/definitions/securityDefinitions"}},
		{"SecurityScheme", []string{
			oas20 + "#/definitions/basicAuthenticationSecurity",
			oas20 + "#/definitions/apiKeySecurity",
			oas20 + "#/definitions/oauth2ImplicitSecurity",
			oas20 + "#/definitions/oauth2PasswordSecurity",
			oas20 + "#/definitions/oauth2ApplicationSecurity",
			oas20 + "#/definitions/oauth2AccessCodeSecurity",
		}},
		{"Scopes", []string{oas20 + "#/definitions/oauth2Scopes"}},
		{"SecurityRequirement", []string{oas20 + "#/definitions/securityRequirement"}},
	},
	notObjects: map[string]string{
		oas20 + "#/definitions/mimeType":                  "a string value",
		oas20 + "#/definitions/responseValue":             "oneOf Response, Reference",
		oas20 + "#/definitions/vendorExtension":           "the value of an x- field",
		oas20 + "#/definitions/nonBodyParameter":          "oneOf the non-body Parameter variants",
		oas20 + "#/definitions/parameter":                 "oneOf the Parameter variants",
		oas20 + "#/definitions/security":                  "an array of Security Requirements",
		oas20 + "#/definitions/mediaTypeList":             "an array value",
		oas20 + "#/definitions/parametersList":            "an array value",
		oas20 + "#/definitions/schemesList":               "an array value",
		oas20 + "#/definitions/collectionFormat":          "a string value",
		oas20 + "#/definitions/collectionFormatWithMulti": "a string value",
		oas20 + "#/definitions/title":                     "a draft-04 keyword's value, by $ref",
		oas20 + "#/definitions/description":               "a draft-04 keyword's value, by $ref",
		oas20 + "#/definitions/default":                   "a draft-04 keyword's value, by $ref",
		oas20 + "#/definitions/multipleOf":                "a draft-04 keyword's value, by $ref",
		oas20 + "#/definitions/maximum":                   "a draft-04 keyword's value, by $ref",
		oas20 + "#/definitions/exclusiveMaximum":          "a draft-04 keyword's value, by $ref",
		oas20 + "#/definitions/minimum":                   "a draft-04 keyword's value, by $ref",
		oas20 + "#/definitions/exclusiveMinimum":          "a draft-04 keyword's value, by $ref",
		oas20 + "#/definitions/maxLength":                 "a draft-04 keyword's value, by $ref",
		oas20 + "#/definitions/minLength":                 "a draft-04 keyword's value, by $ref",
		oas20 + "#/definitions/pattern":                   "a draft-04 keyword's value, by $ref",
		oas20 + "#/definitions/maxItems":                  "a draft-04 keyword's value, by $ref",
		oas20 + "#/definitions/minItems":                  "a draft-04 keyword's value, by $ref",
		oas20 + "#/definitions/uniqueItems":               "a draft-04 keyword's value, by $ref",
		oas20 + "#/definitions/enum":                      "a draft-04 keyword's value, by $ref",
	},
}, {
	name:  "3.0",
	files: []string{"spec.openapis.org/oas/3.0/schema/2024-10-18"},
	objects: []object{
		{"OpenAPI", []string{oas30 + "#"}},
		{"Info", []string{oas30 + "#/definitions/Info"}},
		{"Contact", []string{oas30 + "#/definitions/Contact"}},
		{"License", []string{oas30 + "#/definitions/License"}},
		{"Server", []string{oas30 + "#/definitions/Server"}},
		{"ServerVariable", []string{oas30 + "#/definitions/ServerVariable"}},
		{"Components", []string{oas30 + "#/definitions/Components"}},
		{"Paths", []string{oas30 + "#/definitions/Paths"}},
		{"PathItem", []string{oas30 + "#/definitions/PathItem"}},
		{"Operation", []string{oas30 + "#/definitions/Operation"}},
		{"ExternalDocumentation", []string{oas30 + "#/definitions/ExternalDocumentation"}},
		{"Parameter", []string{oas30 + "#/definitions/Parameter"}},
		{"RequestBody", []string{oas30 + "#/definitions/RequestBody"}},
		{"MediaType", []string{oas30 + "#/definitions/MediaType"}},
		{"Encoding", []string{oas30 + "#/definitions/Encoding"}},
		{"Responses", []string{oas30 + "#/definitions/Responses"}},
		{"Response", []string{oas30 + "#/definitions/Response"}},
		{"Callback", []string{oas30 + "#/definitions/Callback"}},
		{"Example", []string{oas30 + "#/definitions/Example"}},
		{"Link", []string{oas30 + "#/definitions/Link"}},
		{"Header", []string{oas30 + "#/definitions/Header"}},
		{"Tag", []string{oas30 + "#/definitions/Tag"}},
		{"Reference", []string{oas30 + "#/definitions/Reference"}},
		{"Schema", []string{oas30 + "#/definitions/Schema"}},
		{"Discriminator", []string{oas30 + "#/definitions/Discriminator"}},
		{"XML", []string{oas30 + "#/definitions/XML"}},
		{"SecurityScheme", []string{
			oas30 + "#/definitions/APIKeySecurityScheme",
			oas30 + "#/definitions/HTTPSecurityScheme",
			oas30 + "#/definitions/OAuth2SecurityScheme",
			oas30 + "#/definitions/OpenIdConnectSecurityScheme",
		}},
		{"OAuthFlows", []string{oas30 + "#/definitions/OAuthFlows"}},
		{"OAuthFlow", []string{
			oas30 + "#/definitions/ImplicitOAuthFlow",
			oas30 + "#/definitions/PasswordOAuthFlow",
			oas30 + "#/definitions/ClientCredentialsFlow",
			oas30 + "#/definitions/AuthorizationCodeOAuthFlow",
		}},
		{"SecurityRequirement", []string{oas30 + "#/definitions/SecurityRequirement"}},
	},
	notObjects: map[string]string{
		oas30 + "#/definitions/ExampleXORExamples": "a constraint (allOf) on MediaType, Parameter, Header",
		oas30 + "#/definitions/SchemaXORContent":   "a constraint (allOf) on Parameter, Header",
		oas30 + "#/definitions/PathParameter":      "a constraint (oneOf) on Parameter by its in",
		oas30 + "#/definitions/QueryParameter":     "a constraint (oneOf) on Parameter by its in",
		oas30 + "#/definitions/HeaderParameter":    "a constraint (oneOf) on Parameter by its in",
		oas30 + "#/definitions/CookieParameter":    "a constraint (oneOf) on Parameter by its in",
		oas30 + "#/definitions/SecurityScheme":     "oneOf the SecurityScheme variants",
	},
}, {
	name: "3.1",
	files: []string{
		"spec.openapis.org/oas/3.1/schema/2025-11-23",
		"spec.openapis.org/oas/3.1/schema-base/2025-11-23",
		"spec.openapis.org/oas/3.1/dialect/2024-11-10",
		"spec.openapis.org/oas/3.1/meta/2024-11-10",
		"json-schema.org/draft/2020-12/schema",
		"json-schema.org/draft/2020-12/meta/core",
		"json-schema.org/draft/2020-12/meta/applicator",
		"json-schema.org/draft/2020-12/meta/unevaluated",
		"json-schema.org/draft/2020-12/meta/validation",
		"json-schema.org/draft/2020-12/meta/meta-data",
		"json-schema.org/draft/2020-12/meta/format-annotation",
		"json-schema.org/draft/2020-12/meta/content",
	},
	objects: []object{
		{"OpenAPI", []string{oas31 + "#"}},
		{"Info", []string{oas31 + "#/$defs/info"}},
		{"Contact", []string{oas31 + "#/$defs/contact"}},
		{"License", []string{oas31 + "#/$defs/license"}},
		{"Server", []string{oas31 + "#/$defs/server"}},
		{"ServerVariable", []string{oas31 + "#/$defs/server-variable"}},
		{"Components", []string{oas31 + "#/$defs/components"}},
		{"Paths", []string{oas31 + "#/$defs/paths"}},
		{"PathItem", []string{oas31 + "#/$defs/path-item"}},
		{"Operation", []string{oas31 + "#/$defs/operation"}},
		{"ExternalDocumentation", []string{oas31 + "#/$defs/external-documentation", meta31 + "#/$defs/external-docs"}},
		{"Parameter", []string{oas31 + "#/$defs/parameter"}},
		{"RequestBody", []string{oas31 + "#/$defs/request-body"}},
		{"MediaType", []string{oas31 + "#/$defs/media-type"}},
		{"Encoding", []string{oas31 + "#/$defs/encoding"}},
		{"Responses", []string{oas31 + "#/$defs/responses"}},
		{"Response", []string{oas31 + "#/$defs/response"}},
		{"Callback", []string{oas31 + "#/$defs/callbacks"}},
		{"Example", []string{oas31 + "#/$defs/example"}},
		{"Link", []string{oas31 + "#/$defs/link"}},
		{"Header", []string{oas31 + "#/$defs/header"}},
		{"Tag", []string{oas31 + "#/$defs/tag"}},
		{"Reference", []string{oas31 + "#/$defs/reference"}},
		// schema-base binds the Schema Object to the OpenAPI dialect; the
		// dialect is draft 2020-12 plus the OpenAPI base vocabulary.
		{"Schema", []string{base31 + "#/$defs/schema"}},
		{"Discriminator", []string{meta31 + "#/$defs/discriminator"}},
		{"XML", []string{meta31 + "#/$defs/xml"}},
		{"SecurityScheme", []string{oas31 + "#/$defs/security-scheme"}},
		{"OAuthFlows", []string{oas31 + "#/$defs/oauth-flows"}},
		{"OAuthFlow", []string{
			oas31 + "#/$defs/oauth-flows/$defs/implicit",
			oas31 + "#/$defs/oauth-flows/$defs/password",
			oas31 + "#/$defs/oauth-flows/$defs/client-credentials",
			oas31 + "#/$defs/oauth-flows/$defs/authorization-code",
		}},
		{"SecurityRequirement", []string{oas31 + "#/$defs/security-requirement"}},
	},
	notObjects: map[string]string{
		oas31 + "#/$defs/parameter-or-reference":       "if $ref then Reference else Parameter",
		oas31 + "#/$defs/request-body-or-reference":    "if $ref then Reference else RequestBody",
		oas31 + "#/$defs/response-or-reference":        "if $ref then Reference else Response",
		oas31 + "#/$defs/callbacks-or-reference":       "if $ref then Reference else Callback",
		oas31 + "#/$defs/example-or-reference":         "if $ref then Reference else Example",
		oas31 + "#/$defs/link-or-reference":            "if $ref then Reference else Link",
		oas31 + "#/$defs/header-or-reference":          "if $ref then Reference else Header",
		oas31 + "#/$defs/security-scheme-or-reference": "if $ref then Reference else SecurityScheme",
		oas31 + "#/$defs/content":                      "a map of MediaType by media range",
		oas31 + "#/$defs/schema":                       "a placeholder that schema-base replaces by the dialect",
		oas31 + "#/$defs/specification-extensions":     "the ^x- pattern, by $ref",
		oas31 + "#/$defs/examples":                     "the example and examples fields, by $ref",
		oas31 + "#/$defs/map-of-strings":               "a map value",
		oas31 + "#/$defs/explode-for-form":             "a default of explode, by $ref",
		base31 + "#/$defs/dialect":                     "the dialect's URI, a const",
		meta31 + "#/$defs/extensible":                  "the ^x- pattern, by $ref",
	},
}}

func main() {
	write := flag.Bool("w", false, "write the lists under "+dataDir+" instead of checking them")
	flag.Parse()
	failed := false
	for _, v := range versions {
		want, err := generate(dataDir, v)
		if err != nil {
			log.Fatalf("OpenAPI %s: %v", v.name, err)
		}
		path := filepath.Join(dataDir, "v"+v.name+".yaml")
		if *write {
			if err := os.WriteFile(path, want, 0o644); err != nil {
				log.Fatal(err)
			}
			continue
		}
		if got, err := os.ReadFile(path); err != nil || !bytes.Equal(got, want) {
			fmt.Fprintf(os.Stderr, "%s is not what the schemas give; run go run ./internal/rules/internal/oaifields -w\n", path)
			failed = true
		}
	}
	if failed {
		os.Exit(1)
	}
}

// fileOut is one version's list, as written to v<version>.yaml.
type fileOut struct {
	OpenAPI    string      `yaml:"openapi"`
	Sources    []sourceOut `yaml:"sources"`
	Objects    []objectOut `yaml:"objects"`
	NotObjects []notObject `yaml:"notObjects"`
}

type sourceOut struct {
	File string `yaml:"file"`
	ID   string `yaml:"id"`
}

type objectOut struct {
	Name       string   `yaml:"name"`
	Schema     []string `yaml:"schema"`
	Extensions bool     `yaml:"extensions"`
	Additional string   `yaml:"additional"`
	Patterned  []string `yaml:"patterned,omitempty"`
	Fields     []string `yaml:"fields"`
	// FieldsByDocument says which document defines each field, when they
	// come from more than one (the 3.1 Schema Object: one per vocabulary).
	FieldsByDocument map[string][]string `yaml:"fieldsByDocument,omitempty"`
	// Types are the JSON types of the fields whose schemas say (through
	// $ref, anyOf and oneOf), sorted and joined by "|"; "count" is an
	// integer of minimum 0.
	Types map[string]string `yaml:"types,omitempty"`
}

type notObject struct {
	Schema string `yaml:"schema"`
	Why    string `yaml:"why"`
}

// generate reads the schema files of v under dir and returns the text of
// v<version>.yaml.
func generate(dir string, v version) ([]byte, error) {
	docs := map[string]any{}
	out := fileOut{OpenAPI: v.name}
	for _, f := range v.files {
		data, err := os.ReadFile(filepath.Join(dir, "schemas", f))
		if err != nil {
			return nil, err
		}
		var doc map[string]any
		if err := json.Unmarshal(data, &doc); err != nil {
			return nil, fmt.Errorf("%s: %v", f, err)
		}
		id := docID(doc)
		if id == "" {
			return nil, fmt.Errorf("%s: no $id", f)
		}
		docs[id] = doc
		out.Sources = append(out.Sources, sourceOut{File: "schemas/" + f, ID: id})
	}
	r := &resolver{docs: docs, modern: schemaDialect(docs[out.Sources[0].ID].(map[string]any)) != draft04}
	mapped := map[string]bool{}
	for _, o := range v.objects {
		oo, err := r.object(o)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", o.name, err)
		}
		out.Objects = append(out.Objects, oo)
		for _, d := range o.defs {
			mapped[d] = true
		}
	}
	// Every top-level definition of an OpenAPI document is an object or
	// says why it is not.
	for _, src := range out.Sources {
		if !strings.HasPrefix(src.File, "schemas/spec.openapis.org/") {
			continue
		}
		doc := docs[src.ID].(map[string]any)
		for _, key := range []string{"definitions", "$defs"} {
			defs, _ := doc[key].(map[string]any)
			for _, name := range slices.Sorted(maps.Keys(defs)) {
				ptr := src.ID + "#/" + key + "/" + escape(name)
				why, listed := v.notObjects[ptr]
				switch {
				case mapped[ptr] && listed:
					return nil, fmt.Errorf("%s is an object and listed in notObjects", ptr)
				case mapped[ptr]:
				case listed:
					out.NotObjects = append(out.NotObjects, notObject{Schema: ptr, Why: why})
				default:
					return nil, fmt.Errorf("%s is neither an object nor listed in notObjects", ptr)
				}
			}
		}
	}
	if len(out.NotObjects) != len(v.notObjects) {
		return nil, fmt.Errorf("notObjects lists %d definitions, %d exist", len(v.notObjects), len(out.NotObjects))
	}
	var b bytes.Buffer
	b.WriteString("# Code generated by `go run ./internal/rules/internal/oaifields -w` from the schemas\n# under schemas/; DO NOT EDIT. See README.md for the format.\n")
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(out); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

const draft04 = "http://json-schema.org/draft-04/schema#"

func docID(doc map[string]any) string {
	id, _ := doc["$id"].(string)
	if id == "" {
		id, _ = doc["id"].(string) // draft-04
	}
	return strings.TrimSuffix(id, "#")
}

func schemaDialect(doc map[string]any) string {
	s, _ := doc["$schema"].(string)
	return s
}

// resolver finds schemas by absolute URI among the loaded documents.
type resolver struct {
	docs map[string]any
	// modern: draft 2020-12, where unevaluatedProperties sees the fields of
	// in-place applicators ($ref, allOf, anyOf, oneOf, if/then/else,
	// dependentSchemas). Under draft-04 (2.0, 3.0) additionalProperties sees
	// only the properties and patternProperties beside it.
	modern bool
}

// shape is what the schemas say about the keys of one object.
type shape struct {
	fields     map[string]map[string]bool // field → documents that define it
	types      map[string]map[string]bool // field → its JSON types, where known
	patterns   map[string]bool
	extensions bool
	additional string // forbidden | schema | any
}

func (r *resolver) object(o object) (objectOut, error) {
	oo := objectOut{Name: o.name, Schema: o.defs}
	fields := map[string]map[string]bool{}
	types := map[string]map[string]bool{}
	untyped := map[string]bool{} // a definition gives the field no type
	patterns := map[string]bool{}
	for i, def := range o.defs {
		s, err := r.shapeOf(def)
		if err != nil {
			return oo, err
		}
		if i > 0 && (s.extensions != oo.Extensions || s.additional != oo.Additional) {
			return oo, fmt.Errorf("%s and %s disagree on extensions or additional fields", o.defs[0], def)
		}
		oo.Extensions, oo.Additional = s.extensions, s.additional
		for f, in := range s.fields {
			if fields[f] == nil {
				fields[f] = map[string]bool{}
			}
			maps.Copy(fields[f], in)
		}
		for f := range s.fields {
			if s.types[f] == nil {
				untyped[f] = true
				continue
			}
			if types[f] == nil {
				types[f] = map[string]bool{}
			}
			maps.Copy(types[f], s.types[f])
		}
		maps.Copy(patterns, s.patterns)
	}
	oo.Fields = slices.Sorted(maps.Keys(fields))
	for f, in := range types {
		if untyped[f] {
			continue
		}
		if oo.Types == nil {
			oo.Types = map[string]string{}
		}
		oo.Types[f] = strings.Join(slices.Sorted(maps.Keys(in)), "|")
	}
	oo.Patterned = slices.Sorted(maps.Keys(patterns))
	byDoc := map[string][]string{}
	for _, f := range oo.Fields {
		for d := range fields[f] {
			byDoc[d] = append(byDoc[d], f)
		}
	}
	for _, f := range oo.Fields {
		if len(fields[f]) != len(byDoc) {
			// Some field is not in every document: say which has which.
			oo.FieldsByDocument = byDoc
			break
		}
	}
	return oo, nil
}

// shapeOf reads the fields, patterns and additional fields of the object
// schema at uri.
func (r *resolver) shapeOf(uri string) (shape, error) {
	s, err := r.resolve(uri)
	if err != nil {
		return shape{}, err
	}
	sh := shape{fields: map[string]map[string]bool{}, types: map[string]map[string]bool{}, patterns: map[string]bool{}}
	switch ap := s["additionalProperties"].(type) {
	case bool:
		sh.additional = map[bool]string{false: "forbidden", true: "any"}[ap]
	case map[string]any:
		sh.additional = "schema"
		if len(ap) == 0 {
			sh.additional = "any"
		}
	default:
		sh.additional = "any"
	}
	if up, ok := s["unevaluatedProperties"].(bool); ok && !up && r.modern {
		sh.additional = "forbidden"
	}
	if err := r.collect(s, uri, &sh, !r.modern, map[string]bool{}); err != nil {
		return sh, err
	}
	if r.modern || sh.additional != "forbidden" {
		return sh, nil
	}
	// Draft-04: a field that only an allOf/oneOf/anyOf branch names is
	// rejected by additionalProperties: false; the schema would contradict
	// itself, so say so rather than guess.
	all := shape{fields: map[string]map[string]bool{}, patterns: map[string]bool{}}
	if err := r.collect(s, uri, &all, false, map[string]bool{}); err != nil {
		return sh, err
	}
	for f := range all.fields {
		if sh.fields[f] == nil {
			return sh, fmt.Errorf("%s: a branch names %q, which additionalProperties: false rejects", uri, f)
		}
	}
	return sh, nil
}

// collect adds the properties and patternProperties of s (at uri) to sh and,
// unless ownOnly, those of its in-place applicators.
func (r *resolver) collect(s map[string]any, uri string, sh *shape, ownOnly bool, seen map[string]bool) error {
	if seen[uri] {
		return nil
	}
	seen[uri] = true
	doc, _, _ := strings.Cut(uri, "#")
	props, _ := s["properties"].(map[string]any)
	for f, p := range props {
		addField(sh, f, doc)
		if ts := r.typesOf(p, doc, 0); ts != nil && sh.types != nil {
			if sh.types[f] == nil {
				sh.types[f] = map[string]bool{}
			}
			for _, t := range ts {
				sh.types[f][t] = true
			}
		}
	}
	pp, _ := s["patternProperties"].(map[string]any)
	for p := range pp {
		if p == "^x-" {
			sh.extensions = true
			continue
		}
		names, rest := literalNames(p)
		for _, f := range names {
			addField(sh, f, doc)
		}
		if rest {
			sh.patterns[p] = true
		}
	}
	if ownOnly {
		return nil
	}
	visit := func(sub any, ptr string) error {
		m, ok := sub.(map[string]any)
		if !ok {
			return nil
		}
		return r.collect(m, uri+ptr, sh, false, seen)
	}
	if ref, ok := s["$ref"].(string); ok {
		target, err := r.absolute(doc, ref)
		if err != nil {
			return err
		}
		m, err := r.resolve(target)
		if err != nil {
			return err
		}
		if err := r.collect(m, target, sh, false, seen); err != nil {
			return err
		}
	}
	for _, k := range []string{"allOf", "anyOf", "oneOf"} {
		list, _ := s[k].([]any)
		for i, sub := range list {
			if err := visit(sub, "/"+k+"/"+strconv.Itoa(i)); err != nil {
				return err
			}
		}
	}
	for _, k := range []string{"if", "then", "else"} {
		if err := visit(s[k], "/"+k); err != nil {
			return err
		}
	}
	deps, _ := s["dependentSchemas"].(map[string]any)
	for _, k := range slices.Sorted(maps.Keys(deps)) {
		if err := visit(deps[k], "/dependentSchemas/"+escape(k)); err != nil {
			return err
		}
	}
	return nil
}

// typesOf returns the JSON types the schema s (in document doc) allows,
// following $ref and the branches of anyOf and oneOf; nil when the schemas
// do not say (no type, a $dynamicRef, a reference to a document not read).
// An integer of minimum 0 is a "count".
func (r *resolver) typesOf(s any, doc string, depth int) []string {
	m, ok := s.(map[string]any)
	if !ok || depth > 16 {
		return nil
	}
	switch t := m["type"].(type) {
	case string:
		if min, ok := m["minimum"].(float64); t == "integer" && ok && min == 0 {
			return []string{"count"}
		}
		return []string{t}
	case []any:
		var out []string
		for _, e := range t {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	if ref, ok := m["$ref"].(string); ok {
		target, err := r.absolute(doc, ref)
		if err != nil {
			return nil
		}
		t, err := r.resolve(target)
		if err != nil {
			return nil
		}
		d, _, _ := strings.Cut(target, "#")
		return r.typesOf(t, d, depth+1)
	}
	for _, k := range []string{"anyOf", "oneOf"} {
		list, ok := m[k].([]any)
		if !ok {
			continue
		}
		var out []string
		for _, b := range list {
			ts := r.typesOf(b, doc, depth+1)
			if ts == nil {
				return nil
			}
			out = append(out, ts...)
		}
		slices.Sort(out)
		return slices.Compact(out)
	}
	if e, ok := m["enum"].([]any); ok && len(e) > 0 {
		for _, v := range e {
			if _, ok := v.(string); !ok {
				return nil
			}
		}
		return []string{"string"}
	}
	return nil
}

func addField(sh *shape, f, doc string) {
	if sh.fields[f] == nil {
		sh.fields[f] = map[string]bool{}
	}
	sh.fields[f][doc] = true
}

// literalNames returns the names of the alternatives of a pattern that
// match one literal name each (^\$ref$, ^(?:schemas|responses)$, the
// ^(default)$ of ^([0-9]{3})$|^(default)$): those name fixed fields. rest
// says whether some alternative matches other names (a character class, a
// repetition, no anchors): the pattern then names patterned fields too.
func literalNames(pattern string) (names []string, rest bool) {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil, true
	}
	branches := []*syntax.Regexp{re}
	if re.Op == syntax.OpAlternate {
		branches = re.Sub
	}
	for _, b := range branches {
		l, ok := anchoredLiterals(b)
		if !ok {
			rest = true
		}
		names = append(names, l...)
	}
	return names, rest
}

// anchoredLiterals returns the names re matches when it is ^literals$.
func anchoredLiterals(re *syntax.Regexp) ([]string, bool) {
	if re.Op != syntax.OpConcat || len(re.Sub) < 2 {
		return nil, false
	}
	first, last := re.Sub[0], re.Sub[len(re.Sub)-1]
	if first.Op != syntax.OpBeginText || last.Op != syntax.OpEndText {
		return nil, false
	}
	return literals(&syntax.Regexp{Op: syntax.OpConcat, Sub: re.Sub[1 : len(re.Sub)-1]})
}

func literals(re *syntax.Regexp) ([]string, bool) {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return nil, false
		}
		return []string{string(re.Rune)}, true
	case syntax.OpCapture:
		return literals(re.Sub[0])
	case syntax.OpAlternate:
		var out []string
		for _, sub := range re.Sub {
			l, ok := literals(sub)
			if !ok {
				return nil, false
			}
			out = append(out, l...)
		}
		return out, true
	case syntax.OpConcat:
		out := []string{""}
		for _, sub := range re.Sub {
			l, ok := literals(sub)
			if !ok {
				return nil, false
			}
			var joined []string
			for _, a := range out {
				for _, b := range l {
					joined = append(joined, a+b)
				}
			}
			out = joined
		}
		return out, true
	}
	return nil, false
}

// absolute resolves ref against the document base.
func (r *resolver) absolute(base, ref string) (string, error) {
	b, err := url.Parse(base)
	if err != nil {
		return "", err
	}
	u, err := url.Parse(ref)
	if err != nil {
		return "", err
	}
	abs := b.ResolveReference(u)
	frag := abs.Fragment
	abs.Fragment = ""
	return abs.String() + "#" + frag, nil
}

// resolve returns the schema object at uri (document URI # JSON pointer).
func (r *resolver) resolve(uri string) (map[string]any, error) {
	doc, ptr, _ := strings.Cut(uri, "#")
	node, ok := r.docs[doc]
	if !ok {
		return nil, fmt.Errorf("%s: no such document among the sources", uri)
	}
	if ptr != "" {
		for _, tok := range strings.Split(strings.TrimPrefix(ptr, "/"), "/") {
			tok = strings.NewReplacer("~1", "/", "~0", "~").Replace(tok)
			switch n := node.(type) {
			case map[string]any:
				node = n[tok]
			case []any:
				i, err := strconv.Atoi(tok)
				if err != nil || i < 0 || i >= len(n) {
					return nil, fmt.Errorf("%s: no such schema", uri)
				}
				node = n[i]
			default:
				node = nil
			}
		}
	}
	m, ok := node.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%s: no such schema", uri)
	}
	return m, nil
}

func escape(name string) string {
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(name)
}
