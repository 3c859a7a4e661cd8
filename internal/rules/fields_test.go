package rules

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/apibump/apibump/internal/oasgrammar"
	"github.com/apibump/apibump/internal/oasgrammar/fieldlists"
	"github.com/apibump/apibump/internal/rules/field"
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
		t.Errorf("%d fields have no row in internal/rules/fields_table.go:\n%s", len(missing), strings.Join(missing, "\n"))
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
		for _, k := range field.FieldChanges {
			for _, member := range []bool{false, true} {
				if r.ID(k, member) == "" {
					t.Errorf("%s %s (member %v): no rule id", name, k, member)
				}
				for _, e := range r.effects(k, member) {
					if !slices.Contains(field.Effects, e) {
						t.Errorf("%s %s: effect %d is none of %v", name, k, e, field.Effects)
					}
					for _, d := range field.Directions {
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
	for _, e := range field.Effects {
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
		for _, k := range field.FieldChanges {
			for _, member := range []bool{false, true} {
				for _, e := range r.effects(k, member) {
					for _, p := range []Policy{Contract, Compatible} {
						req, resp := EffectClass(e, r.direction(field.Request), p), EffectClass(e, r.direction(field.Response), p)
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
		for _, k := range field.FieldChanges {
			for _, member := range []bool{false, true} {
				id := r.ID(k, member)
				if !kebabRe.MatchString(id) {
					t.Errorf("%s.%s: id %q is not kebab-case", r.Object, r.Field, id)
				}
				if oasdiff[id] && !slices.Contains(shared, id) {
					t.Errorf("%s.%s: id %q is an oasdiff rule id", r.Object, r.Field, id)
				}
				w := worst[id]
				for _, d := range field.Directions {
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

func site(kind field.FieldChange, base, rev string) field.Site {
	s := field.Site{Kind: kind}
	if base != "" {
		s.Base = jsonOf(base)
	}
	if rev != "" {
		s.Rev = jsonOf(rev)
	}
	return s
}

func jsonOf(text string) field.Value {
	var v any
	if err := json.Unmarshal([]byte(text), &v); err != nil {
		panic(text + ": " + err.Error())
	}
	return field.FromJSON(v)
}

// TestFieldHandlers judges hand-written before/after values.
func TestFieldHandlers(t *testing.T) {
	tests := []struct {
		row         string // Object.field
		kind        field.FieldChange
		base, rev   string
		member      string
		baseH, revH string // holders
		effect      field.Effect
		req, resp   Class // compatible
		reqC, respC Class // contract
		id          string
	}{
		// Numeric bounds.
		{row: "Schema.maximum", kind: field.FieldChanged, base: "10", rev: "5", effect: field.Tighten, req: Breaking, resp: Additive, reqC: Breaking, respC: Breaking, id: "schema-maximum-changed"},
		{row: "Schema.maximum", kind: field.FieldChanged, base: "5", rev: "10", effect: field.Loosen, req: Additive, resp: Breaking, reqC: Additive, respC: Breaking},
		{row: "Schema.maximum", kind: field.FieldChanged, base: "5", rev: "5.0", effect: field.NoEffect, req: NonContract, resp: NonContract, reqC: NonContract, respC: NonContract},
		{row: "Schema.maximum", kind: field.FieldAdded, rev: "5", effect: field.Tighten, req: Breaking, resp: Additive, id: "schema-maximum-added"},
		{row: "Schema.maximum", kind: field.FieldRemoved, base: "5", effect: field.Loosen, req: Additive, resp: Breaking, id: "schema-maximum-removed"},
		{row: "Schema.minimum", kind: field.FieldChanged, base: "0", rev: "1", effect: field.Tighten, req: Breaking, resp: Additive},
		{row: "Schema.minimum", kind: field.FieldChanged, base: "1", rev: "-1", effect: field.Loosen, req: Additive, resp: Breaking},
		{row: "Schema.exclusiveMaximum", kind: field.FieldAdded, rev: "true", effect: field.Tighten, req: Breaking, resp: Additive},
		{row: "Schema.exclusiveMaximum", kind: field.FieldAdded, rev: "false", effect: field.NoEffect, req: NonContract, resp: NonContract},
		{row: "Schema.exclusiveMaximum", kind: field.FieldChanged, base: "true", rev: "false", effect: field.Loosen, req: Additive, resp: Breaking},
		{row: "Schema.exclusiveMaximum", kind: field.FieldChanged, base: "10", rev: "12", effect: field.Loosen, req: Additive, resp: Breaking},
		{row: "Schema.exclusiveMinimum", kind: field.FieldChanged, base: "10", rev: "12", effect: field.Tighten, req: Breaking, resp: Additive},
		{row: "Schema.multipleOf", kind: field.FieldChanged, base: "2", rev: "4", effect: field.Tighten, req: Breaking, resp: Additive},
		{row: "Schema.multipleOf", kind: field.FieldChanged, base: "0.5", rev: "0.25", effect: field.Loosen, req: Additive, resp: Breaking},
		{row: "Schema.multipleOf", kind: field.FieldChanged, base: "2", rev: "3", effect: field.Modify, req: Breaking, resp: Breaking},
		// Length, items, properties bounds.
		{row: "Schema.maxLength", kind: field.FieldChanged, base: "10", rev: "20", effect: field.Loosen, req: Additive, resp: Breaking},
		{row: "Schema.minLength", kind: field.FieldAdded, rev: "0", effect: field.NoEffect, req: NonContract, resp: NonContract},
		{row: "Schema.minLength", kind: field.FieldAdded, rev: "1", effect: field.Tighten, req: Breaking, resp: Additive},
		{row: "Schema.minItems", kind: field.FieldRemoved, base: "2", effect: field.Loosen, req: Additive, resp: Breaking},
		{row: "Schema.maxItems", kind: field.FieldChanged, base: "3", rev: "2", effect: field.Tighten, req: Breaking, resp: Additive},
		{row: "Schema.maxProperties", kind: field.FieldChanged, base: "3", rev: "4", effect: field.Loosen, req: Additive, resp: Breaking},
		{row: "Schema.minProperties", kind: field.FieldChanged, base: "1", rev: "0", effect: field.Loosen, req: Additive, resp: Breaking},
		{row: "Schema.minContains", kind: field.FieldAdded, rev: "1", effect: field.NoEffect, req: NonContract, resp: NonContract},
		{row: "Schema.maxContains", kind: field.FieldChanged, base: "3", rev: "\"x\"", effect: field.Modify, req: Breaking, resp: Breaking},
		{row: "Parameter.maxLength", kind: field.FieldChanged, base: "10", rev: "5", effect: field.Tighten, req: Breaking, resp: Additive, id: "parameter-max-length-changed"},
		{row: "Items.maximum", kind: field.FieldChanged, base: "10", rev: "5", effect: field.Tighten, req: Breaking, resp: Additive, id: "parameter-items-maximum-changed"},
		// enum: a value added, removed, both.
		{row: "Schema.enum", kind: field.FieldAdded, member: "2", base: `["a","b"]`, rev: `["a","b","c"]`, effect: field.Loosen, req: Additive, resp: Breaking, reqC: Additive, respC: Breaking, id: "schema-enum-added"},
		{row: "Schema.enum", kind: field.FieldRemoved, member: "1", base: `["a","b"]`, rev: `["a"]`, effect: field.Tighten, req: Breaking, resp: Additive, respC: Breaking},
		{row: "Schema.enum", kind: field.FieldChanged, member: "1", base: `["a","b"]`, rev: `["a","c"]`, effect: field.Modify, req: Breaking, resp: Breaking},
		{row: "Schema.enum", kind: field.FieldChanged, member: "0", base: `["a","b"]`, rev: `["b","a"]`, effect: field.NoEffect, req: NonContract, resp: NonContract},
		{row: "Schema.enum", kind: field.FieldAdded, rev: `["a"]`, effect: field.Tighten, req: Breaking, resp: Additive},
		{row: "Schema.enum", kind: field.FieldRemoved, base: `["a"]`, effect: field.Loosen, req: Additive, resp: Breaking},
		{row: "Schema.enum", kind: field.FieldChanged, member: "0", base: `[1, {"a":1,"b":2}]`, rev: `[1.0, {"b":2,"a":1}]`, effect: field.NoEffect, req: NonContract, resp: NonContract},
		{row: "Schema.const", kind: field.FieldChanged, base: `"a"`, rev: `"b"`, effect: field.Modify, req: Breaking, resp: Breaking},
		// required names.
		{row: "Schema.required", kind: field.FieldAdded, member: "1", base: `["a"]`, rev: `["a","b"]`, effect: field.Tighten, req: Breaking, resp: Additive, respC: Breaking},
		{row: "Schema.required", kind: field.FieldRemoved, member: "0", base: `["a","b"]`, rev: `["b"]`, effect: field.Loosen, req: Additive, resp: Breaking},
		{row: "Schema.required", kind: field.FieldAdded, rev: `[]`, effect: field.NoEffect, req: NonContract, resp: NonContract},
		{row: "Parameter.required", kind: field.FieldChanged, base: "false", rev: "true", effect: field.Tighten, req: Breaking, resp: Additive},
		{row: "Parameter.required", kind: field.FieldAdded, rev: "false", effect: field.NoEffect, req: NonContract, resp: NonContract},
		{row: "RequestBody.required", kind: field.FieldRemoved, base: "true", effect: field.Loosen, req: Additive, resp: Breaking},
		{row: "Header.required", kind: field.FieldChanged, base: "true", rev: "false", effect: field.Loosen, req: Additive, resp: Breaking},
		// type: widened, narrowed.
		{row: "Schema.type", kind: field.FieldChanged, base: `"integer"`, rev: `"number"`, effect: field.Loosen, req: Additive, resp: Breaking},
		{row: "Schema.type", kind: field.FieldChanged, base: `"number"`, rev: `"integer"`, effect: field.Tighten, req: Breaking, resp: Additive},
		{row: "Schema.type", kind: field.FieldChanged, base: `"string"`, rev: `["string","null"]`, effect: field.Loosen, req: Additive, resp: Breaking},
		{row: "Schema.type", kind: field.FieldChanged, base: `["integer","number"]`, rev: `"number"`, effect: field.NoEffect, req: NonContract, resp: NonContract},
		{row: "Schema.type", kind: field.FieldChanged, base: `"string"`, rev: `"integer"`, effect: field.Modify, req: Breaking, resp: Breaking},
		{row: "Schema.type", kind: field.FieldAdded, rev: `"string"`, effect: field.Tighten, req: Breaking, resp: Additive},
		{row: "Schema.type", kind: field.FieldRemoved, base: `"string"`, effect: field.Loosen, req: Additive, resp: Breaking},
		// type: object replaced by a oneOf of objects: still objects only;
		// a member without a type, or of another type, admits more.
		{row: "Schema.type", kind: field.FieldRemoved, base: `"object"`, revH: `{"oneOf":[{"type":"object"},{"type":"object"}]}`, effect: field.NoEffect, req: NonContract, resp: NonContract},
		{row: "Schema.type", kind: field.FieldRemoved, base: `"object"`, revH: `{"anyOf":[{"type":"object"},{"type":"string"}]}`, effect: field.Loosen, req: Additive, resp: Breaking},
		{row: "Schema.type", kind: field.FieldRemoved, base: `"object"`, revH: `{"oneOf":[{"type":"object"},{"properties":{}}]}`, effect: field.Loosen, req: Additive, resp: Breaking},
		{row: "Schema.nullable", kind: field.FieldAdded, rev: "true", effect: field.Loosen, req: Additive, resp: Breaking},
		// format.
		{row: "Schema.format", kind: field.FieldAdded, rev: `"uuid"`, effect: field.Tighten, req: Breaking, resp: Additive, id: "schema-format-added"},
		{row: "Schema.format", kind: field.FieldRemoved, base: `"uuid"`, effect: field.Loosen, req: Additive, resp: Breaking, id: "schema-format-removed"},
		{row: "Schema.format", kind: field.FieldChanged, base: `"int32"`, rev: `"int64"`, effect: field.Loosen, req: Additive, resp: Breaking, id: "schema-format-changed"},
		{row: "Schema.format", kind: field.FieldChanged, base: `"double"`, rev: `"float"`, effect: field.Tighten, req: Breaking, resp: Additive},
		{row: "Schema.format", kind: field.FieldChanged, base: `"date"`, rev: `"date-time"`, effect: field.Modify, req: Breaking, resp: Breaking},
		// pattern: changed is both.
		{row: "Schema.pattern", kind: field.FieldChanged, base: `"^a"`, rev: `"^b"`, effect: field.Modify, req: Breaking, resp: Breaking},
		{row: "Schema.pattern", kind: field.FieldChanged, base: `"^a"`, rev: `"^a"`, effect: field.NoEffect, req: NonContract, resp: NonContract},
		{row: "Schema.pattern", kind: field.FieldAdded, rev: `"^a"`, effect: field.Tighten, req: Breaking, resp: Additive},
		// additionalProperties.
		{row: "Schema.additionalProperties", kind: field.FieldChanged, base: "true", rev: "false", effect: field.Tighten, req: Breaking, resp: Additive},
		{row: "Schema.additionalProperties", kind: field.FieldChanged, base: "false", rev: "true", effect: field.Loosen, req: Additive, resp: Breaking},
		{row: "Schema.additionalProperties", kind: field.FieldAdded, rev: "true", effect: field.NoEffect, req: NonContract, resp: NonContract},
		{row: "Schema.additionalProperties", kind: field.FieldChanged, base: "{}", rev: "true", effect: field.NoEffect, req: NonContract, resp: NonContract},
		{row: "Schema.additionalProperties", kind: field.FieldAdded, rev: `{"type":"string"}`, effect: field.Tighten, req: Breaking, resp: Additive},
		{row: "Schema.additionalProperties", kind: field.FieldChanged, base: `{"type":"string"}`, rev: "false", effect: field.Tighten, req: Breaking, resp: Additive},
		{row: "Schema.additionalProperties", kind: field.FieldChanged, base: `{"type":"string"}`, rev: `{}`, effect: field.Loosen, req: Additive, resp: Breaking},
		{row: "Schema.additionalProperties", kind: field.FieldChanged, base: `{"not":{}}`, rev: "false", effect: field.NoEffect, req: NonContract, resp: NonContract},
		{row: "Schema.uniqueItems", kind: field.FieldAdded, rev: "true", effect: field.Tighten, req: Breaking, resp: Additive},
		{row: "Schema.uniqueItems", kind: field.FieldAdded, rev: "false", effect: field.NoEffect, req: NonContract, resp: NonContract},
		// Alternatives: the list added restricts, a member added accepts more.
		{row: "Schema.anyOf", kind: field.FieldAdded, member: "2", base: `[{},{}]`, rev: `[{},{},{}]`, effect: field.Loosen, req: Additive, resp: Breaking},
		{row: "Schema.oneOf", kind: field.FieldAdded, rev: `[{},{}]`, effect: field.Tighten, req: Breaking, resp: Additive},
		// readOnly / writeOnly by direction.
		{row: "Schema.readOnly", kind: field.FieldAdded, rev: "true", effect: field.Tighten, req: Breaking, resp: NonContract},
		{row: "Schema.writeOnly", kind: field.FieldAdded, rev: "true", effect: field.NoEffect, req: NonContract, resp: Additive},
		// Elements.
		{row: "Schema.properties", kind: field.FieldRemoved, member: "a", base: `{"a":{},"b":{}}`, rev: `{"b":{}}`, baseH: `{"required":["b"]}`, effect: field.Remove, req: Breaking, resp: Additive, respC: Breaking, id: "schema-property-removed"},
		{row: "Schema.properties", kind: field.FieldRemoved, member: "b", base: `{"a":{},"b":{}}`, rev: `{"a":{}}`, baseH: `{"required":["b"]}`, effect: field.Remove, req: Breaking, resp: Breaking},
		{row: "Schema.properties", kind: field.FieldAdded, member: "c", base: `{}`, rev: `{"c":{}}`, effect: field.Add, req: Additive, resp: Additive, id: "schema-property-added"},
		{row: "Operation.parameters", kind: field.FieldAdded, member: "1", base: `[{}]`, rev: `[{}, {"name":"q","in":"query","required":true}]`, effect: field.Tighten, req: Breaking, resp: Additive, id: "parameter-added"},
		{row: "Operation.parameters", kind: field.FieldAdded, member: "1", base: `[{}]`, rev: `[{}, {"name":"q","in":"query"}]`, effect: field.Add, req: Additive, resp: Additive},
		{row: "Operation.parameters", kind: field.FieldRemoved, member: "0", base: `[{"name":"q","in":"query"}]`, rev: `[]`, effect: field.Remove, req: Breaking, resp: Breaking},
		{row: "Operation.requestBody", kind: field.FieldAdded, rev: `{"required":true,"content":{}}`, effect: field.Tighten, req: Breaking, resp: Additive},
		{row: "Response.headers", kind: field.FieldRemoved, member: "X-Rate", base: `{"X-Rate":{"schema":{}}}`, rev: `{}`, effect: field.Retract, req: Additive, resp: Additive, reqC: Breaking, respC: Breaking, id: "response-header-removed"},
		{row: "Response.headers", kind: field.FieldRemoved, member: "X-Rate", base: `{"X-Rate":{"required":true}}`, rev: `{}`, effect: field.Remove, req: Breaking, resp: Breaking},
		{row: "Response.headers", kind: field.FieldAdded, member: "X-Rate", base: `{}`, rev: `{"X-Rate":{}}`, effect: field.Add, req: Additive, resp: Additive, id: ResponseHeaderAdded},
		{row: "Responses.{status}", kind: field.FieldRemoved, member: "404", base: `{"404":{}}`, rev: `{}`, effect: field.Retract, req: Additive, resp: Additive},
		{row: "Responses.{status}", kind: field.FieldRemoved, member: "200", base: `{"200":{}}`, rev: `{}`, effect: field.Remove, req: Breaking, resp: Breaking},
		{row: "Response.links", kind: field.FieldAdded, member: "next", base: `{}`, rev: `{"next":{}}`, effect: field.Add, req: Additive, resp: Additive, id: LinkAdded},
		{row: "Response.links", kind: field.FieldRemoved, member: "next", base: `{"next":{}}`, rev: `{}`, effect: field.Retract, req: Additive, resp: Additive, id: LinkChanged},
		{row: "Operation.callbacks", kind: field.FieldAdded, member: "cb", base: `{}`, rev: `{"cb":{}}`, effect: field.Add, req: Additive, resp: Additive, id: CallbackAdded},
		{row: "Components.schemas", kind: field.FieldAdded, member: "Pet", base: `{}`, rev: `{"Pet":{}}`, effect: field.Add, req: Additive, resp: Additive, id: ComponentAdded},
		{row: "Components.schemas", kind: field.FieldRemoved, member: "Pet", base: `{"Pet":{}}`, rev: `{}`, effect: field.Retract, req: Additive, resp: Additive, id: ComponentRemoved},
		{row: "OpenAPI.components", kind: field.FieldAdded, rev: `{"schemas":{}}`, effect: field.NoEffect, req: NonContract, resp: NonContract, id: ComponentsContainerChanged},
		{row: "Components.schemas", kind: field.FieldAdded, rev: `{"Pet":{}}`, effect: field.NoEffect, req: NonContract, resp: NonContract, id: ComponentsContainerChanged},
		// Serialization: a default written out changes nothing.
		{row: "Parameter.style", kind: field.FieldAdded, rev: `"form"`, revH: `{"in":"query","style":"form"}`, effect: field.NoEffect, req: NonContract, resp: NonContract, id: SerializationChanged},
		{row: "Parameter.style", kind: field.FieldAdded, rev: `"form"`, baseH: `{"in":"path"}`, revH: `{"in":"path","style":"form"}`, effect: field.Modify, req: Breaking, resp: Breaking},
		{row: "Parameter.explode", kind: field.FieldAdded, rev: "true", revH: `{"in":"query","explode":true}`, baseH: `{"in":"query"}`, effect: field.NoEffect, req: NonContract, resp: NonContract},
		{row: "Parameter.explode", kind: field.FieldAdded, rev: "true", revH: `{"in":"path","explode":true}`, baseH: `{"in":"path"}`, effect: field.Modify, req: Breaking, resp: Breaking},
		{row: "Encoding.style", kind: field.FieldAdded, rev: `"form"`, revH: `{"style":"form"}`, effect: field.NoEffect, req: NonContract, resp: NonContract, id: EncodingChanged},
		{row: "Encoding.style", kind: field.FieldAdded, rev: `"deepObject"`, revH: `{"style":"deepObject"}`, effect: field.Modify, req: Breaking, resp: Breaking},
		{row: "Parameter.style", kind: field.FieldAdded, rev: `"simple"`, revH: `{"in":"path","style":"simple"}`, effect: field.NoEffect, req: NonContract, resp: NonContract},
		{row: "Header.style", kind: field.FieldAdded, rev: `"simple"`, revH: `{"style":"simple"}`, effect: field.NoEffect, req: NonContract, resp: NonContract},
		{row: "Parameter.collectionFormat", kind: field.FieldAdded, rev: `"csv"`, effect: field.NoEffect, req: NonContract, resp: NonContract},
		{row: "Parameter.collectionFormat", kind: field.FieldChanged, base: `"csv"`, rev: `"multi"`, effect: field.Modify, req: Breaking, resp: Breaking},
		// Defaults, deprecation, documentation.
		{row: "Schema.default", kind: field.FieldAdded, rev: "1", effect: field.Add, req: Additive, resp: Additive},
		{row: "Schema.default", kind: field.FieldChanged, base: "1", rev: "2", effect: field.Retract, req: Additive, resp: Additive, reqC: Breaking, respC: Breaking},
		{row: "Operation.deprecated", kind: field.FieldAdded, rev: "true", effect: field.Deprecate, req: Additive, resp: Additive, id: DeprecationChanged},
		{row: "Operation.deprecated", kind: field.FieldAdded, rev: "false", effect: field.NoEffect, req: NonContract, resp: NonContract},
		{row: "Schema.description", kind: field.FieldChanged, base: `"a"`, rev: `"b"`, effect: field.NoEffect, req: NonContract, resp: NonContract, id: DocumentationChanged},
		// Security: an alternative added loosens, anonymous access removed tightens.
		{row: "OpenAPI.security", kind: field.FieldAdded, rev: `[{"key":[]}]`, effect: field.Tighten, req: Breaking, resp: Breaking},
		{row: "OpenAPI.security", kind: field.FieldAdded, member: "1", base: `[{"key":[]}]`, rev: `[{"key":[]},{"oauth":["read"]}]`, effect: field.Loosen, req: Additive, resp: Additive},
		{row: "Operation.security", kind: field.FieldChanged, member: "0", base: `[{"key":[]}]`, rev: `[]`, effect: field.Loosen, req: Additive, resp: Additive},
		{row: "Operation.security", kind: field.FieldChanged, base: `[]`, rev: `[{"key":[]}]`, effect: field.Tighten, req: Breaking, resp: Breaking},
		{row: "Operation.security", kind: field.FieldAdded, rev: `[{"key":[]}]`, effect: field.Modify, req: Breaking, resp: Breaking},
		{row: "SecurityRequirement.{scheme}", kind: field.FieldChanged, member: "oauth", base: `{"oauth":["read"]}`, rev: `{"oauth":["read","write"]}`, effect: field.Tighten, req: Breaking, resp: Breaking},
		{row: "SecurityRequirement.{scheme}", kind: field.FieldRemoved, member: "key", base: `{"oauth":[],"key":[]}`, rev: `{"oauth":[]}`, effect: field.Loosen, req: Additive, resp: Additive},
	}
	for _, tt := range tests {
		object, fieldName, _ := strings.Cut(tt.row, ".")
		r, ok := FieldRule(object, fieldName)
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
			d    field.Direction
			p    Policy
			want Class
		}{{field.Request, Compatible, tt.req}, {field.Response, Compatible, tt.resp}, {field.Request, Contract, tt.reqC}, {field.Response, Contract, tt.respC}} {
			if c.want == "" {
				continue
			}
			s.Direction = c.d
			v := r.Judge(s, c.p)
			if v.Class != c.want {
				t.Errorf("%s (%s, %s): %s (%s), want %s", name, c.d, c.p, v.Class, v.Effect, c.want)
			}
			if c.d == field.Request && c.p == Compatible && v.Effect != tt.effect {
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
	s := site(field.FieldRemoved, `{"a":{}}`, `{}`)
	s.Member = "a"
	s.Direction = field.Request.Mirror()
	if v := r.Judge(s, Contract); v.Class != Breaking {
		t.Errorf("webhook payload property removed under contract: %s", v.Class)
	}
	if field.Response.Mirror() != field.Request || field.Request.Mirror() != field.Response {
		t.Error("Mirror does not swap")
	}
	r, _ = FieldRule("Schema", "required")
	s = site(field.FieldAdded, `[]`, `["a"]`)
	s.Member, s.Direction = "0", field.Request.Mirror()
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
