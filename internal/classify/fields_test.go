package classify

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/apibump/apibump/internal/oasgrammar"
	"github.com/apibump/apibump/internal/oasgrammar/fieldlists"
)

// TestFieldTableIsComplete: every fixed field of every object of every
// version in testdata/openapi-fields (the Schema Object's keywords
// included), and every patterned field the grammar knows, has a row.
func TestFieldTableIsComplete(t *testing.T) {
	var missing []string
	want := map[[2]string]bool{}
	for _, v := range fieldlists.Versions {
		list, err := fieldlists.Load(v)
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range list.Objects {
			for _, f := range o.Fields {
				want[[2]string{o.Name, f}] = true
				if _, ok := FieldRule(o.Name, f); !ok {
					missing = append(missing, v+" "+o.Name+"."+f)
				}
			}
		}
		gv, _ := oasgrammar.ParseVersion(v)
		for _, o := range oasgrammar.For(gv).Objects() {
			names := []string{}
			for _, p := range o.Patterned {
				names = append(names, p.Name)
			}
			if o.OtherName != "" {
				names = append(names, o.OtherName)
			}
			for _, n := range names {
				want[[2]string{string(o.Type), n}] = true
				if _, ok := FieldRule(string(o.Type), n); !ok {
					missing = append(missing, v+" "+string(o.Type)+"."+n)
				}
			}
		}
	}
	if len(missing) > 0 {
		t.Errorf("%d fields have no row in classify/fields_table.go:\n%s", len(missing), strings.Join(missing, "\n"))
	}
	for _, r := range fieldRows {
		if !want[[2]string{r.Object, r.Field}] {
			t.Errorf("row %s.%s: no version of OpenAPI has that field", r.Object, r.Field)
		}
	}
	for i := 1; i < len(fieldRows); i++ {
		if a, b := fieldRows[i-1], fieldRows[i]; a.Object == b.Object && a.Field == b.Field {
			t.Errorf("two rows for %s.%s", a.Object, a.Field)
		}
	}
}

// TestFieldRowsAreWhole: every row has an id and an effect for every kind,
// and each effect a class for every direction and policy.
func TestFieldRowsAreWhole(t *testing.T) {
	for _, r := range append(FieldRows(), ExtensionRow, AnnotationRow) {
		name := r.Object + "." + r.Field
		if r.Family == "" || r.Description == "" {
			t.Errorf("%s: family %q, description %q", name, r.Family, r.Description)
		}
		for _, k := range FieldChanges {
			for _, member := range []bool{false, true} {
				if r.ID(k, member) == "" {
					t.Errorf("%s %s (member %v): no rule id", name, k, member)
				}
				for _, e := range r.effects(k, member) {
					if !slices.Contains(Effects, e) {
						t.Errorf("%s %s: effect %d is none of %v", name, k, e, Effects)
					}
					for _, d := range Directions {
						for _, p := range []Policy{Contract, Compatible} {
							if c := EffectClass(e, d, p); !slices.Contains(Classes, c) {
								t.Errorf("%s %s %s %s: class %q", name, k, d, p, c)
							}
						}
						if EffectClass(e, d, Compatible).Rank() > EffectClass(e, d, Contract).Rank() {
							t.Errorf("effect %s %s: compatible more severe than contract", e, d)
						}
					}
				}
			}
		}
	}
	for _, e := range Effects {
		if _, ok := effectClasses[e]; !ok {
			t.Errorf("effect %s has no classes", e)
		}
	}
}

// TestDirectionlessRows: servers, security, security schemes, tags, info,
// components, webhooks, callbacks and paths have the same class whichever
// direction asks.
func TestDirectionlessRows(t *testing.T) {
	objects := []string{"Info", "Contact", "License", "Tag", "ExternalDocumentation", "Server", "ServerVariable",
		"Components", "Paths", "Callback", "SecurityScheme", "OAuthFlows", "OAuthFlow", "Scopes", "SecurityRequirement",
		"SecurityDefinitions", "Definitions", "ParametersDefinitions", "ResponsesDefinitions"}
	fields := []string{"OpenAPI.servers", "OpenAPI.security", "OpenAPI.tags", "OpenAPI.info", "OpenAPI.components",
		"OpenAPI.webhooks", "OpenAPI.paths", "Operation.callbacks", "Operation.security", "Operation.servers",
		"Operation.tags", "PathItem.servers", "Swagger.security", "Swagger.host", "Swagger.basePath", "Swagger.schemes",
		"Swagger.securityDefinitions", "Swagger.definitions"}
	n := 0
	for _, r := range fieldRows {
		if !slices.Contains(objects, r.Object) && !slices.Contains(fields, r.Object+"."+r.Field) {
			continue
		}
		n++
		for _, k := range FieldChanges {
			for _, member := range []bool{false, true} {
				for _, e := range r.effects(k, member) {
					for _, p := range []Policy{Contract, Compatible} {
						req, resp := EffectClass(e, r.direction(Request), p), EffectClass(e, r.direction(Response), p)
						if req != resp {
							t.Errorf("%s.%s %s (%s, %s): request %s, response %s", r.Object, r.Field, k, e, p, req, resp)
						}
					}
				}
			}
		}
	}
	if n < 40 {
		t.Errorf("only %d direction-less rows checked", n)
	}
}

// TestFieldIDs: ids are readable, each id's rule is in the rule table with
// the most severe class it can have, and no field id is an oasdiff id
// (except response-header-added, which the tree rules always shared).
func TestFieldIDs(t *testing.T) {
	// Ids oasdiff gives the very same change, with the same classes (the
	// loop below checks): response-header-added, which the tree rules
	// always shared, and a webhook added or removed.
	shared := []string{ResponseHeaderAdded, "webhook-added", "webhook-removed"}
	oasdiff := map[string]bool{}
	for _, r := range oasdiffRules {
		oasdiff[r.ID] = true
	}
	kebabRe := regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)
	worst := map[string][2]Class{}
	for _, r := range append(FieldRows(), ExtensionRow, AnnotationRow) {
		for _, k := range FieldChanges {
			for _, member := range []bool{false, true} {
				id := r.ID(k, member)
				if !kebabRe.MatchString(id) {
					t.Errorf("%s.%s: id %q is not kebab-case", r.Object, r.Field, id)
				}
				if oasdiff[id] && !slices.Contains(shared, id) {
					t.Errorf("%s.%s: id %q is an oasdiff rule id", r.Object, r.Field, id)
				}
				w := worst[id]
				for _, d := range Directions {
					for _, e := range r.effects(k, member) {
						w[0] = worse(w[0], EffectClass(e, r.direction(d), Contract))
						w[1] = worse(w[1], EffectClass(e, r.direction(d), Compatible))
					}
				}
				worst[id] = w
			}
		}
	}
	for id, w := range worst {
		rule, ok := Lookup(id)
		if !ok {
			t.Errorf("%s: not in the rule table", id)
			continue
		}
		if rule.Contract != w[0] || rule.Compatible != w[1] {
			t.Errorf("%s: the rule table says %s/%s, the field table's rows can be %s/%s", id, rule.Contract, rule.Compatible, w[0], w[1])
		}
	}
	// Each id is declared once: the constants of apibump_rules.go are
	// distinct, and a field-table id is never also an apibump row.
	seen := map[string]bool{}
	for _, r := range apibumpRules {
		if seen[r.ID] {
			t.Errorf("apibump rule %s declared twice", r.ID)
		}
		seen[r.ID] = true
	}
	for _, r := range fieldRules {
		if seen[r.ID] || oasdiff[r.ID] {
			t.Errorf("field rule %s is declared elsewhere too", r.ID)
		}
		if len(r.Fields) == 0 || r.Origin != FromApibump {
			t.Errorf("field rule %s: fields %v, origin %s", r.ID, r.Fields, r.Origin)
		}
	}
	for _, id := range TreeRuleIDs {
		if _, ok := Lookup(id); !ok {
			t.Errorf("tree rule %s has no row", id)
		}
	}
	// The readable ids the design names.
	for _, id := range []string{"schema-format-added", "schema-format-removed", "schema-format-changed", LinkChanged,
		ServerChanged, EncodingChanged, "security-scheme-flow-token-url-changed", CallbackAdded, DocumentationChanged,
		SerializationChanged, "response-header-removed", DeprecationChanged, "schema-enum-changed", "schema-property-removed"} {
		if _, ok := worst[id]; !ok {
			t.Errorf("no row uses the id %s", id)
		}
	}
}

func site(kind FieldChange, base, rev string) Site {
	s := Site{Kind: kind}
	if base != "" {
		s.Base = jsonOf(base)
	}
	if rev != "" {
		s.Rev = jsonOf(rev)
	}
	return s
}

func jsonOf(text string) Value {
	var v any
	if err := json.Unmarshal([]byte(text), &v); err != nil {
		panic(text + ": " + err.Error())
	}
	return FromJSON(v)
}

// TestFieldHandlers judges hand-written before/after values.
func TestFieldHandlers(t *testing.T) {
	tests := []struct {
		row         string // Object.field
		kind        FieldChange
		base, rev   string
		member      string
		baseH, revH string // holders
		effect      Effect
		req, resp   Class // compatible
		reqC, respC Class // contract
		id          string
	}{
		// Numeric bounds.
		{row: "Schema.maximum", kind: FieldChanged, base: "10", rev: "5", effect: Tighten, req: Breaking, resp: Additive, reqC: Breaking, respC: Breaking, id: "schema-maximum-changed"},
		{row: "Schema.maximum", kind: FieldChanged, base: "5", rev: "10", effect: Loosen, req: Additive, resp: Breaking, reqC: Additive, respC: Breaking},
		{row: "Schema.maximum", kind: FieldChanged, base: "5", rev: "5.0", effect: NoEffect, req: NonContract, resp: NonContract, reqC: NonContract, respC: NonContract},
		{row: "Schema.maximum", kind: FieldAdded, rev: "5", effect: Tighten, req: Breaking, resp: Additive, id: "schema-maximum-added"},
		{row: "Schema.maximum", kind: FieldRemoved, base: "5", effect: Loosen, req: Additive, resp: Breaking, id: "schema-maximum-removed"},
		{row: "Schema.minimum", kind: FieldChanged, base: "0", rev: "1", effect: Tighten, req: Breaking, resp: Additive},
		{row: "Schema.minimum", kind: FieldChanged, base: "1", rev: "-1", effect: Loosen, req: Additive, resp: Breaking},
		{row: "Schema.exclusiveMaximum", kind: FieldAdded, rev: "true", effect: Tighten, req: Breaking, resp: Additive},
		{row: "Schema.exclusiveMaximum", kind: FieldAdded, rev: "false", effect: NoEffect, req: NonContract, resp: NonContract},
		{row: "Schema.exclusiveMaximum", kind: FieldChanged, base: "true", rev: "false", effect: Loosen, req: Additive, resp: Breaking},
		{row: "Schema.exclusiveMaximum", kind: FieldChanged, base: "10", rev: "12", effect: Loosen, req: Additive, resp: Breaking},
		{row: "Schema.exclusiveMinimum", kind: FieldChanged, base: "10", rev: "12", effect: Tighten, req: Breaking, resp: Additive},
		{row: "Schema.multipleOf", kind: FieldChanged, base: "2", rev: "4", effect: Tighten, req: Breaking, resp: Additive},
		{row: "Schema.multipleOf", kind: FieldChanged, base: "0.5", rev: "0.25", effect: Loosen, req: Additive, resp: Breaking},
		{row: "Schema.multipleOf", kind: FieldChanged, base: "2", rev: "3", effect: Modify, req: Breaking, resp: Breaking},
		// Length, items, properties bounds.
		{row: "Schema.maxLength", kind: FieldChanged, base: "10", rev: "20", effect: Loosen, req: Additive, resp: Breaking},
		{row: "Schema.minLength", kind: FieldAdded, rev: "0", effect: NoEffect, req: NonContract, resp: NonContract},
		{row: "Schema.minLength", kind: FieldAdded, rev: "1", effect: Tighten, req: Breaking, resp: Additive},
		{row: "Schema.minItems", kind: FieldRemoved, base: "2", effect: Loosen, req: Additive, resp: Breaking},
		{row: "Schema.maxItems", kind: FieldChanged, base: "3", rev: "2", effect: Tighten, req: Breaking, resp: Additive},
		{row: "Schema.maxProperties", kind: FieldChanged, base: "3", rev: "4", effect: Loosen, req: Additive, resp: Breaking},
		{row: "Schema.minProperties", kind: FieldChanged, base: "1", rev: "0", effect: Loosen, req: Additive, resp: Breaking},
		{row: "Schema.minContains", kind: FieldAdded, rev: "1", effect: NoEffect, req: NonContract, resp: NonContract},
		{row: "Schema.maxContains", kind: FieldChanged, base: "3", rev: "\"x\"", effect: Modify, req: Breaking, resp: Breaking},
		{row: "Parameter.maxLength", kind: FieldChanged, base: "10", rev: "5", effect: Tighten, req: Breaking, resp: Additive, id: "parameter-max-length-changed"},
		{row: "Items.maximum", kind: FieldChanged, base: "10", rev: "5", effect: Tighten, req: Breaking, resp: Additive, id: "parameter-items-maximum-changed"},
		// enum: a value added, removed, both.
		{row: "Schema.enum", kind: FieldAdded, member: "2", base: `["a","b"]`, rev: `["a","b","c"]`, effect: Loosen, req: Additive, resp: Breaking, reqC: Additive, respC: Breaking, id: "schema-enum-added"},
		{row: "Schema.enum", kind: FieldRemoved, member: "1", base: `["a","b"]`, rev: `["a"]`, effect: Tighten, req: Breaking, resp: Additive, respC: Breaking},
		{row: "Schema.enum", kind: FieldChanged, member: "1", base: `["a","b"]`, rev: `["a","c"]`, effect: Modify, req: Breaking, resp: Breaking},
		{row: "Schema.enum", kind: FieldChanged, member: "0", base: `["a","b"]`, rev: `["b","a"]`, effect: NoEffect, req: NonContract, resp: NonContract},
		{row: "Schema.enum", kind: FieldAdded, rev: `["a"]`, effect: Tighten, req: Breaking, resp: Additive},
		{row: "Schema.enum", kind: FieldRemoved, base: `["a"]`, effect: Loosen, req: Additive, resp: Breaking},
		{row: "Schema.enum", kind: FieldChanged, member: "0", base: `[1, {"a":1,"b":2}]`, rev: `[1.0, {"b":2,"a":1}]`, effect: NoEffect, req: NonContract, resp: NonContract},
		{row: "Schema.const", kind: FieldChanged, base: `"a"`, rev: `"b"`, effect: Modify, req: Breaking, resp: Breaking},
		// required names.
		{row: "Schema.required", kind: FieldAdded, member: "1", base: `["a"]`, rev: `["a","b"]`, effect: Tighten, req: Breaking, resp: Additive, respC: Breaking},
		{row: "Schema.required", kind: FieldRemoved, member: "0", base: `["a","b"]`, rev: `["b"]`, effect: Loosen, req: Additive, resp: Breaking},
		{row: "Schema.required", kind: FieldAdded, rev: `[]`, effect: NoEffect, req: NonContract, resp: NonContract},
		{row: "Parameter.required", kind: FieldChanged, base: "false", rev: "true", effect: Tighten, req: Breaking, resp: Additive},
		{row: "Parameter.required", kind: FieldAdded, rev: "false", effect: NoEffect, req: NonContract, resp: NonContract},
		{row: "RequestBody.required", kind: FieldRemoved, base: "true", effect: Loosen, req: Additive, resp: Breaking},
		{row: "Header.required", kind: FieldChanged, base: "true", rev: "false", effect: Loosen, req: Additive, resp: Breaking},
		// type: widened, narrowed.
		{row: "Schema.type", kind: FieldChanged, base: `"integer"`, rev: `"number"`, effect: Loosen, req: Additive, resp: Breaking},
		{row: "Schema.type", kind: FieldChanged, base: `"number"`, rev: `"integer"`, effect: Tighten, req: Breaking, resp: Additive},
		{row: "Schema.type", kind: FieldChanged, base: `"string"`, rev: `["string","null"]`, effect: Loosen, req: Additive, resp: Breaking},
		{row: "Schema.type", kind: FieldChanged, base: `["integer","number"]`, rev: `"number"`, effect: NoEffect, req: NonContract, resp: NonContract},
		{row: "Schema.type", kind: FieldChanged, base: `"string"`, rev: `"integer"`, effect: Modify, req: Breaking, resp: Breaking},
		{row: "Schema.type", kind: FieldAdded, rev: `"string"`, effect: Tighten, req: Breaking, resp: Additive},
		{row: "Schema.type", kind: FieldRemoved, base: `"string"`, effect: Loosen, req: Additive, resp: Breaking},
		{row: "Schema.nullable", kind: FieldAdded, rev: "true", effect: Loosen, req: Additive, resp: Breaking},
		// format.
		{row: "Schema.format", kind: FieldAdded, rev: `"uuid"`, effect: Tighten, req: Breaking, resp: Additive, id: "schema-format-added"},
		{row: "Schema.format", kind: FieldRemoved, base: `"uuid"`, effect: Loosen, req: Additive, resp: Breaking, id: "schema-format-removed"},
		{row: "Schema.format", kind: FieldChanged, base: `"int32"`, rev: `"int64"`, effect: Loosen, req: Additive, resp: Breaking, id: "schema-format-changed"},
		{row: "Schema.format", kind: FieldChanged, base: `"double"`, rev: `"float"`, effect: Tighten, req: Breaking, resp: Additive},
		{row: "Schema.format", kind: FieldChanged, base: `"date"`, rev: `"date-time"`, effect: Modify, req: Breaking, resp: Breaking},
		// pattern: changed is both.
		{row: "Schema.pattern", kind: FieldChanged, base: `"^a"`, rev: `"^b"`, effect: Modify, req: Breaking, resp: Breaking},
		{row: "Schema.pattern", kind: FieldChanged, base: `"^a"`, rev: `"^a"`, effect: NoEffect, req: NonContract, resp: NonContract},
		{row: "Schema.pattern", kind: FieldAdded, rev: `"^a"`, effect: Tighten, req: Breaking, resp: Additive},
		// additionalProperties.
		{row: "Schema.additionalProperties", kind: FieldChanged, base: "true", rev: "false", effect: Tighten, req: Breaking, resp: Additive},
		{row: "Schema.additionalProperties", kind: FieldChanged, base: "false", rev: "true", effect: Loosen, req: Additive, resp: Breaking},
		{row: "Schema.additionalProperties", kind: FieldAdded, rev: "true", effect: NoEffect, req: NonContract, resp: NonContract},
		{row: "Schema.additionalProperties", kind: FieldChanged, base: "{}", rev: "true", effect: NoEffect, req: NonContract, resp: NonContract},
		{row: "Schema.additionalProperties", kind: FieldAdded, rev: `{"type":"string"}`, effect: Tighten, req: Breaking, resp: Additive},
		{row: "Schema.additionalProperties", kind: FieldChanged, base: `{"type":"string"}`, rev: "false", effect: Tighten, req: Breaking, resp: Additive},
		{row: "Schema.additionalProperties", kind: FieldChanged, base: `{"type":"string"}`, rev: `{}`, effect: Loosen, req: Additive, resp: Breaking},
		{row: "Schema.additionalProperties", kind: FieldChanged, base: `{"not":{}}`, rev: "false", effect: NoEffect, req: NonContract, resp: NonContract},
		{row: "Schema.uniqueItems", kind: FieldAdded, rev: "true", effect: Tighten, req: Breaking, resp: Additive},
		{row: "Schema.uniqueItems", kind: FieldAdded, rev: "false", effect: NoEffect, req: NonContract, resp: NonContract},
		// Alternatives: the list added restricts, a member added accepts more.
		{row: "Schema.anyOf", kind: FieldAdded, member: "2", base: `[{},{}]`, rev: `[{},{},{}]`, effect: Loosen, req: Additive, resp: Breaking},
		{row: "Schema.oneOf", kind: FieldAdded, rev: `[{},{}]`, effect: Tighten, req: Breaking, resp: Additive},
		// readOnly / writeOnly by direction.
		{row: "Schema.readOnly", kind: FieldAdded, rev: "true", effect: Tighten, req: Breaking, resp: NonContract},
		{row: "Schema.writeOnly", kind: FieldAdded, rev: "true", effect: NoEffect, req: NonContract, resp: Additive},
		// Elements.
		{row: "Schema.properties", kind: FieldRemoved, member: "a", base: `{"a":{},"b":{}}`, rev: `{"b":{}}`, baseH: `{"required":["b"]}`, effect: Remove, req: Breaking, resp: Additive, respC: Breaking, id: "schema-property-removed"},
		{row: "Schema.properties", kind: FieldRemoved, member: "b", base: `{"a":{},"b":{}}`, rev: `{"a":{}}`, baseH: `{"required":["b"]}`, effect: Remove, req: Breaking, resp: Breaking},
		{row: "Schema.properties", kind: FieldAdded, member: "c", base: `{}`, rev: `{"c":{}}`, effect: Add, req: Additive, resp: Additive, id: "schema-property-added"},
		{row: "Operation.parameters", kind: FieldAdded, member: "1", base: `[{}]`, rev: `[{}, {"name":"q","in":"query","required":true}]`, effect: Tighten, req: Breaking, resp: Additive, id: "parameter-added"},
		{row: "Operation.parameters", kind: FieldAdded, member: "1", base: `[{}]`, rev: `[{}, {"name":"q","in":"query"}]`, effect: Add, req: Additive, resp: Additive},
		{row: "Operation.parameters", kind: FieldRemoved, member: "0", base: `[{"name":"q","in":"query"}]`, rev: `[]`, effect: Remove, req: Breaking, resp: Breaking},
		{row: "Operation.requestBody", kind: FieldAdded, rev: `{"required":true,"content":{}}`, effect: Tighten, req: Breaking, resp: Additive},
		{row: "Response.headers", kind: FieldRemoved, member: "X-Rate", base: `{"X-Rate":{"schema":{}}}`, rev: `{}`, effect: Retract, req: Additive, resp: Additive, reqC: Breaking, respC: Breaking, id: "response-header-removed"},
		{row: "Response.headers", kind: FieldRemoved, member: "X-Rate", base: `{"X-Rate":{"required":true}}`, rev: `{}`, effect: Remove, req: Breaking, resp: Breaking},
		{row: "Response.headers", kind: FieldAdded, member: "X-Rate", base: `{}`, rev: `{"X-Rate":{}}`, effect: Add, req: Additive, resp: Additive, id: ResponseHeaderAdded},
		{row: "Responses.{status}", kind: FieldRemoved, member: "404", base: `{"404":{}}`, rev: `{}`, effect: Retract, req: Additive, resp: Additive},
		{row: "Responses.{status}", kind: FieldRemoved, member: "200", base: `{"200":{}}`, rev: `{}`, effect: Remove, req: Breaking, resp: Breaking},
		{row: "Response.links", kind: FieldAdded, member: "next", base: `{}`, rev: `{"next":{}}`, effect: Add, req: Additive, resp: Additive, id: LinkAdded},
		{row: "Response.links", kind: FieldRemoved, member: "next", base: `{"next":{}}`, rev: `{}`, effect: Retract, req: Additive, resp: Additive, id: LinkChanged},
		{row: "Operation.callbacks", kind: FieldAdded, member: "cb", base: `{}`, rev: `{"cb":{}}`, effect: Add, req: Additive, resp: Additive, id: CallbackAdded},
		{row: "Components.schemas", kind: FieldAdded, member: "Pet", base: `{}`, rev: `{"Pet":{}}`, effect: Add, req: Additive, resp: Additive, id: ComponentAdded},
		{row: "Components.schemas", kind: FieldRemoved, member: "Pet", base: `{"Pet":{}}`, rev: `{}`, effect: Retract, req: Additive, resp: Additive, id: ComponentRemoved},
		{row: "OpenAPI.components", kind: FieldAdded, rev: `{"schemas":{}}`, effect: NoEffect, req: NonContract, resp: NonContract, id: ComponentsContainerChanged},
		{row: "Components.schemas", kind: FieldAdded, rev: `{"Pet":{}}`, effect: NoEffect, req: NonContract, resp: NonContract, id: ComponentsContainerChanged},
		// Serialization: a default written out changes nothing.
		{row: "Parameter.style", kind: FieldAdded, rev: `"form"`, revH: `{"in":"query","style":"form"}`, effect: NoEffect, req: NonContract, resp: NonContract, id: SerializationChanged},
		{row: "Parameter.style", kind: FieldAdded, rev: `"form"`, baseH: `{"in":"path"}`, revH: `{"in":"path","style":"form"}`, effect: Modify, req: Breaking, resp: Breaking},
		{row: "Parameter.explode", kind: FieldAdded, rev: "true", revH: `{"in":"query","explode":true}`, baseH: `{"in":"query"}`, effect: NoEffect, req: NonContract, resp: NonContract},
		{row: "Parameter.explode", kind: FieldAdded, rev: "true", revH: `{"in":"path","explode":true}`, baseH: `{"in":"path"}`, effect: Modify, req: Breaking, resp: Breaking},
		{row: "Encoding.style", kind: FieldAdded, rev: `"form"`, revH: `{"style":"form"}`, effect: NoEffect, req: NonContract, resp: NonContract, id: EncodingChanged},
		{row: "Encoding.style", kind: FieldAdded, rev: `"deepObject"`, revH: `{"style":"deepObject"}`, effect: Modify, req: Breaking, resp: Breaking},
		{row: "Parameter.style", kind: FieldAdded, rev: `"simple"`, revH: `{"in":"path","style":"simple"}`, effect: NoEffect, req: NonContract, resp: NonContract},
		{row: "Header.style", kind: FieldAdded, rev: `"simple"`, revH: `{"style":"simple"}`, effect: NoEffect, req: NonContract, resp: NonContract},
		{row: "Parameter.collectionFormat", kind: FieldAdded, rev: `"csv"`, effect: NoEffect, req: NonContract, resp: NonContract},
		{row: "Parameter.collectionFormat", kind: FieldChanged, base: `"csv"`, rev: `"multi"`, effect: Modify, req: Breaking, resp: Breaking},
		// Defaults, deprecation, documentation.
		{row: "Schema.default", kind: FieldAdded, rev: "1", effect: Add, req: Additive, resp: Additive},
		{row: "Schema.default", kind: FieldChanged, base: "1", rev: "2", effect: Retract, req: Additive, resp: Additive, reqC: Breaking, respC: Breaking},
		{row: "Operation.deprecated", kind: FieldAdded, rev: "true", effect: Deprecate, req: Additive, resp: Additive, id: DeprecationChanged},
		{row: "Operation.deprecated", kind: FieldAdded, rev: "false", effect: NoEffect, req: NonContract, resp: NonContract},
		{row: "Schema.description", kind: FieldChanged, base: `"a"`, rev: `"b"`, effect: NoEffect, req: NonContract, resp: NonContract, id: DocumentationChanged},
		// Security: an alternative added loosens, anonymous access removed tightens.
		{row: "OpenAPI.security", kind: FieldAdded, rev: `[{"key":[]}]`, effect: Tighten, req: Breaking, resp: Breaking},
		{row: "OpenAPI.security", kind: FieldAdded, member: "1", base: `[{"key":[]}]`, rev: `[{"key":[]},{"oauth":["read"]}]`, effect: Loosen, req: Additive, resp: Additive},
		{row: "Operation.security", kind: FieldChanged, member: "0", base: `[{"key":[]}]`, rev: `[]`, effect: Loosen, req: Additive, resp: Additive},
		{row: "Operation.security", kind: FieldChanged, base: `[]`, rev: `[{"key":[]}]`, effect: Tighten, req: Breaking, resp: Breaking},
		{row: "Operation.security", kind: FieldAdded, rev: `[{"key":[]}]`, effect: Modify, req: Breaking, resp: Breaking},
		{row: "SecurityRequirement.{scheme}", kind: FieldChanged, member: "oauth", base: `{"oauth":["read"]}`, rev: `{"oauth":["read","write"]}`, effect: Tighten, req: Breaking, resp: Breaking},
		{row: "SecurityRequirement.{scheme}", kind: FieldRemoved, member: "key", base: `{"oauth":[],"key":[]}`, rev: `{"oauth":[]}`, effect: Loosen, req: Additive, resp: Additive},
	}
	for _, tt := range tests {
		object, field, _ := strings.Cut(tt.row, ".")
		r, ok := FieldRule(object, field)
		if !ok {
			t.Errorf("%s: no row", tt.row)
			continue
		}
		s := site(tt.kind, tt.base, tt.rev)
		s.Member = tt.member
		if tt.baseH != "" {
			s.BaseHolder = jsonOf(tt.baseH)
		}
		if tt.revH != "" {
			s.RevHolder = jsonOf(tt.revH)
		}
		name := tt.row + " " + tt.kind.String() + " " + tt.base + " → " + tt.rev
		for _, c := range []struct {
			d    Direction
			p    Policy
			want Class
		}{{Request, Compatible, tt.req}, {Response, Compatible, tt.resp}, {Request, Contract, tt.reqC}, {Response, Contract, tt.respC}} {
			if c.want == "" {
				continue
			}
			s.Direction = c.d
			v := r.Judge(s, c.p)
			if v.Class != c.want {
				t.Errorf("%s (%s, %s): %s (%s), want %s", name, c.d, c.p, v.Class, v.Effect, c.want)
			}
			if c.d == Request && c.p == Compatible && v.Effect != tt.effect {
				t.Errorf("%s: effect %s, want %s", name, v.Effect, tt.effect)
			}
			if !slices.Contains(r.effects(tt.kind, tt.member != ""), v.Effect) {
				t.Errorf("%s: effect %s is not among those the row declares %v", name, v.Effect, r.effects(tt.kind, tt.member != ""))
			}
			if tt.id != "" && v.ID != tt.id {
				t.Errorf("%s: id %s, want %s", name, v.ID, tt.id)
			}
		}
	}
}

// TestMirror: inside a webhook a payload property removed is a response
// property removed for the client.
func TestMirror(t *testing.T) {
	r, _ := FieldRule("Schema", "properties")
	s := site(FieldRemoved, `{"a":{}}`, `{}`)
	s.Member = "a"
	s.Direction = Request.Mirror()
	if v := r.Judge(s, Contract); v.Class != Breaking {
		t.Errorf("webhook payload property removed under contract: %s", v.Class)
	}
	if Response.Mirror() != Request || Request.Mirror() != Response {
		t.Error("Mirror does not swap")
	}
	r, _ = FieldRule("Schema", "required")
	s = site(FieldAdded, `[]`, `["a"]`)
	s.Member, s.Direction = "0", Request.Mirror()
	if v := r.Judge(s, Compatible); v.Class != Additive {
		t.Errorf("webhook payload gains a required property under compatible: %s, want additive", v.Class)
	}
}

// TestOasdiffTwins: every oasdiff id that names a direction has a twin or
// is listed without one; twins by name are symmetric.
func TestOasdiffTwins(t *testing.T) {
	ids := map[string]bool{}
	for _, r := range oasdiffRules {
		ids[r.ID] = true
	}
	noTwin := map[string]bool{}
	for _, id := range oasdiffNoTwin {
		if noTwin[id] {
			t.Errorf("%s listed twice without a twin", id)
		}
		noTwin[id] = true
		if !ids[id] {
			t.Errorf("%s (no twin) is no oasdiff rule", id)
		}
	}
	for id := range ids {
		twin, ok := OasdiffTwin(id)
		named := strings.Contains(id, "request") || strings.Contains(id, "response")
		switch {
		case ok && noTwin[id]:
			t.Errorf("%s has the twin %s and is listed without one", id, twin)
		case !ok && named && !noTwin[id]:
			t.Errorf("%s names a direction but has no twin and is not listed in oasdiffNoTwin", id)
		case ok && !ids[twin]:
			t.Errorf("%s: twin %s is no oasdiff rule", id, twin)
		case ok && !named:
			t.Errorf("%s names no direction but has the twin %s", id, twin)
		}
		if _, hand := oasdiffTwinsByHand[id]; ok && !hand {
			if back, _ := OasdiffTwin(twin); back != id {
				t.Errorf("%s → %s → %s: twins by name are not symmetric", id, twin, back)
			}
		}
	}
	for _, c := range [][2]string{
		{"request-property-max-length-decreased", "response-property-max-length-decreased"},
		{"response-property-enum-value-added", "request-property-enum-value-added"},
		{"request-property-removed", "response-required-property-removed"},
		{"response-optional-property-added", "new-optional-request-property"},
	} {
		if got, _ := OasdiffTwin(c[0]); got != c[1] {
			t.Errorf("OasdiffTwin(%s) = %q, want %s", c[0], got, c[1])
		}
	}
	if len(OasdiffNoTwin()) != len(oasdiffNoTwin) {
		t.Error("OasdiffNoTwin does not list them all")
	}
}

func TestKebab(t *testing.T) {
	for in, want := range map[string]string{"maxLength": "max-length", "$ref": "ref", "openIdConnectUrl": "open-id-connect-url", "in": "in"} {
		if got := kebab(in); got != want {
			t.Errorf("kebab(%q) = %q, want %q", in, got, want)
		}
	}
}
