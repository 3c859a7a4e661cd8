package kincheck_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apibump/apibump/internal/kincheck"
	"github.com/apibump/apibump/internal/kinmodel"
	"github.com/apibump/apibump/internal/source"
	"github.com/apibump/apibump/internal/spec"
	"github.com/apibump/apibump/internal/spec/spectest"
)

// carrier is a document holding an object of one type at one place.
type carrier struct {
	object string   // the type, as the views name it
	doc    string   // the document, JSON
	at     []string // the path to the object
}

const (
	v30 = `{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, `
	v31 = `{"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, `
	v20 = `{"swagger": "2.0", "info": {"title": "t", "version": "1"}, `
)

// carriers place an object of every type kin-openapi decodes, in the
// parts a reduced comparison may drop (components, paths), 3.0 and 3.1
// alike, and Swagger 2.0's.
var carriers = func() []carrier {
	var out []carrier
	for _, head := range []string{v30, v31} {
		op := `{"responses": {"200": {"description": "d", "content": {"application/json": {"schema": {"type": "string"}, "encoding": {"e": {}}}}, "links": {"l": {}}, "headers": {"h": {"schema": {"type": "string"}}}}}}`
		doc := head + `"paths": {"/a": {"get": ` + op + `, "servers": [{"url": "u", "variables": {"v": {"default": "d"}}}]}},
  "components": {"schemas": {"S": {"type": "object", "discriminator": {"propertyName": "p"}, "xml": {}, "externalDocs": {"url": "u"}}},
    "parameters": {"P": {"name": "p", "in": "query"}}, "headers": {"H": {}}, "requestBodies": {"R": {"content": {}}},
    "responses": {"R": {"description": "d"}}, "examples": {"E": {}}, "links": {"L": {}},
    "callbacks": {"C": {"{$url}": {}}}, "securitySchemes": {"O": {"type": "oauth2", "flows": {"implicit": {"authorizationUrl": "u", "scopes": {}}}}}}}`
		for _, c := range [][]string{
			{"Schema", "components", "schemas", "S"}, {"Parameter", "components", "parameters", "P"},
			{"Header", "components", "headers", "H"}, {"RequestBody", "components", "requestBodies", "R"},
			{"Response", "components", "responses", "R"}, {"Example", "components", "examples", "E"},
			{"Link", "components", "links", "L"}, {"Callback", "components", "callbacks", "C"},
			{"SecurityScheme", "components", "securitySchemes", "O"}, {"OAuthFlows", "components", "securitySchemes", "O", "flows"},
			{"OAuthFlow", "components", "securitySchemes", "O", "flows", "implicit"}, {"Components", "components"},
			{"PathItem", "paths", "/a"}, {"Operation", "paths", "/a", "get"}, {"Responses", "paths", "/a", "get", "responses"},
			{"MediaType", "paths", "/a", "get", "responses", "200", "content", "application/json"},
			{"Encoding", "paths", "/a", "get", "responses", "200", "content", "application/json", "encoding", "e"},
			{"Discriminator", "components", "schemas", "S", "discriminator"}, {"XML", "components", "schemas", "S", "xml"},
			{"ExternalDocumentation", "components", "schemas", "S", "externalDocs"},
			{"Server", "paths", "/a", "servers", "0"}, {"ServerVariable", "paths", "/a", "servers", "0", "variables", "v"},
			{"PathItem", "components", "callbacks", "C", "{$url}"}, {"Paths", "paths"},
		} {
			out = append(out, carrier{object: c[0], doc: doc, at: c[1:]})
		}
	}
	doc := v20 + `"paths": {"/a": {"get": {"responses": {"200": {"description": "d", "headers": {"h": {"type": "string"}}}}}}},
  "definitions": {"S": {"type": "object", "xml": {}}}, "parameters": {"P": {"name": "p", "in": "query", "type": "string"}},
  "responses": {"R": {"description": "d"}}, "securityDefinitions": {"K": {"type": "apiKey", "name": "k", "in": "header"}}}`
	for _, c := range [][]string{
		{"Schema", "definitions", "S"}, {"Parameter", "parameters", "P"}, {"Response", "responses", "R"},
		{"SecurityScheme", "securityDefinitions", "K"}, {"PathItem", "paths", "/a"}, {"Operation", "paths", "/a", "get"},
		{"Responses", "paths", "/a", "get", "responses"}, {"Header", "paths", "/a", "get", "responses", "200", "headers", "h"},
		{"XML", "definitions", "S", "xml"}, {"Paths", "paths"},
	} {
		out = append(out, carrier{object: c[0], doc: doc, at: c[1:]})
	}
	return out
}()

// values are what the mutations plant: one of every kind of JSON value,
// and the numbers a count or a float refuses.
var values = []string{`"yes"`, `5`, `-1`, `1.5`, `1e400`, `true`, `null`, `[1]`, `["a"]`, `{"a": 1}`, `{}`, `{"$ref": "#/components/schemas/S"}`}

// plant returns the carrier's document with key set to value in its object.
func plant(t *testing.T, c carrier, key, value string) []byte {
	var doc any
	if err := json.Unmarshal([]byte(c.doc), &doc); err != nil {
		t.Fatal(err)
	}
	cur := doc
	for _, k := range c.at {
		switch x := cur.(type) {
		case map[string]any:
			cur = x[k]
		case []any:
			var i int
			fmt.Sscan(k, &i)
			cur = x[i]
		}
	}
	var v any
	if err := json.Unmarshal([]byte(value), &v); err != nil {
		v = json.RawMessage(value) // 1e400
	}
	cur.(map[string]any)[key] = v
	out, err := json.Marshal(doc)
	if err != nil {
		// 1e400: write it by hand
		cur.(map[string]any)[key] = "\x00planted"
		out, _ = json.Marshal(doc)
		out = []byte(strings.Replace(string(out), `"\u0000planted"`, value, 1))
	}
	return out
}

// TestScanFindsWhatKinRefuses plants a value of every kind in every field
// kin-openapi decodes, of every object type, and in a member of each: when
// building the model refuses the document, Scan suspects it, and Check
// gives the error kinmodel.Load gives.
func TestScanFindsWhatKinRefuses(t *testing.T) {
	dir := t.TempDir()
	refused, suspected, falseAlarms := 0, 0, 0
	for ci, c := range carriers {
		keys := append(kincheck.FieldsOf(strings.HasPrefix(c.doc, v20), c.object), "memberName", "x-ext", "Required", "DESCRIPTION")
		for _, key := range keys {
			for _, value := range values {
				p := filepath.Join(dir, fmt.Sprintf("c%d.json", ci))
				if err := os.WriteFile(p, plant(t, c, key, value), 0o644); err != nil {
					t.Fatal(err)
				}
				in := source.ParseInput(p)
				_, kerr := kinmodel.Load(in, source.LoadOptions{})
				d, serr := spec.Load(in, source.LoadOptions{})
				if serr != nil {
					continue // refused before kin-openapi reads it, both ways
				}
				sus := kincheck.Scan(d)
				where := fmt.Sprintf("%s %s.%s = %s (%s)", c.doc[:20], c.object, key, value, strings.Join(c.at, "/"))
				if kerr != nil {
					refused++
					if sus == nil {
						t.Errorf("%s: kin-openapi refuses it (%v), Scan suspects nothing", where, kerr)
						continue
					}
					if cerr := kincheck.Check(d); cerr == nil || cerr.Error() != kerr.Error() {
						t.Errorf("%s: Check says %v, kinmodel.Load %v", where, cerr, kerr)
					}
				}
				if sus != nil {
					suspected++
					if kerr == nil {
						falseAlarms++
						t.Logf("false alarm: %s: %s", where, sus.Why)
						if cerr := kincheck.Check(d); cerr != nil {
							t.Errorf("%s: Check refuses what kin-openapi accepts: %v", where, cerr)
						}
					}
				}
			}
		}
	}
	t.Logf("%d documents refused by kin-openapi, %d suspected, %d of them accepted", refused, suspected, falseAlarms)
	if refused < 500 {
		t.Errorf("only %d documents refused: the mutations do not reach kin-openapi's decoding", refused)
	}
}

// TestScanFindsNothingInValidSpecs: on every spec of the corpus kin-openapi
// accepts, Scan suspects nothing (a suspect would cost a whole model), and
// on every one it refuses, Scan suspects something.
func TestScanFindsNothingInValidSpecs(t *testing.T) {
	files := spectest.Files(t, 64<<20)
	data := spectest.OasdiffData(t)
	files = append(files, spectest.OasdiffFiles(t)...)
	n, refused := 0, 0
	for _, p := range files {
		in := source.ParseInput(p)
		lo := source.LoadOptions{}
		if data != "" && strings.HasPrefix(p, data) {
			lo.RefRoot = data
		}
		d, err := spec.Load(in, lo)
		if err != nil {
			continue
		}
		sus := kincheck.Scan(d)
		berr := kinmodel.Build(d)
		n++
		if berr != nil {
			refused++
		}
		switch {
		case berr == nil && sus != nil:
			t.Errorf("%s: kin-openapi accepts it, Scan suspects %s at %s:%d", p, sus.Why, sus.File.Name, sus.Node.Pos.Line)
		case berr != nil && sus == nil:
			t.Errorf("%s: kin-openapi refuses it (%v), Scan suspects nothing", p, berr)
		}
	}
	t.Logf("%d specs loaded, of %d files; kin-openapi refuses %d", n, len(files), refused)
	if n < 500 {
		t.Errorf("only %d specs", n)
	}
}
