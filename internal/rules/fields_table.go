package rules

import (
	"slices"
	"strings"

	"github.com/apibump/apibump/internal/rules/field"
)

// The field table: one row per (object type, field) for every fixed field
// of every object of OpenAPI 2.0, 3.0 and 3.1, every JSON Schema keyword
// their Schema Objects allow, and every patterned field ("{path}",
// "{status}"). A test checks it against testdata/openapi-fields.
//
// Design note
//
// A difference is judged by its effect (fields.go): the effect follows from
// the field and, where the field alone does not tell, from the values (a
// handler); the class follows from the effect, the direction the client
// sees it in, and the policy. The policies keep the meaning the rest of
// the table gives them (oasdiff_rules.go, README "Classes and
// policies"):
//
//   - contract: any removal or modification of something published is
//     breaking; only pure additions are additive. In a request, accepting
//     more values (a bound raised, an enum value added) is a pure addition;
//     in a response every change to what is sent is a modification.
//   - compatible: breaking only what breaks a tolerant client. A request
//     that asks more of callers breaks them; a response that sends values
//     the client did not expect (a bound raised, an enum value added, a
//     property that may now be absent) breaks a client that trusted the
//     published limits, while a response that narrows what it sends does not.
//
//	effect      request (contract, compatible)   response (contract, compatible)
//	no-effect   non-contract, non-contract       non-contract, non-contract
//	tighten     breaking, breaking                breaking, additive
//	loosen      additive, additive                breaking, breaking
//	modify      breaking, breaking                breaking, breaking
//	add         additive, additive                additive, additive
//	remove      breaking, breaking                breaking, breaking
//	retract     breaking, additive                breaking, additive
//	deprecate   additive, additive                additive, additive
//
// Families (the effect when added / removed / changed, before a handler):
//
//   - documentation (description, summary, title, example(s), externalDocs,
//     $comment, info, contact, license, tags, termsOfService): no effect
//     anywhere; rule documentation-changed.
//   - constraint (maxLength, minimum, exclusive*, multipleOf, maxItems,
//     uniqueItems, maxProperties, pattern, format, enum, const, required,
//     additionalProperties, type, items, not, if/then/else, contains,
//     propertyNames, unevaluated*, patternProperties, prefixItems,
//     dependent*, a parameter's schema ...): a constraint where there was
//     none tightens, a constraint dropped loosens, a changed one is decided
//     by its handler from the values (a bound lowered tightens, raised
//     loosens; an enum value added loosens, removed tightens; a name added
//     to required tightens; a type widened loosens; a pattern replaced is
//     both). anyOf/oneOf members are alternatives: a member added loosens.
//     readOnly only matters in requests, writeOnly only in responses.
//   - element (properties, parameters, request bodies, responses, media
//     types, headers, paths, operations, webhooks, callbacks, links,
//     components): an element added is an addition (a required parameter
//     or request body is a new obligation: tighten); removed, it breaks
//     whoever relied on it (remove), unless a tolerant client does without
//     it (retract: an optional response property or header, an error
//     status, a link, a component).
//   - identity (a parameter's name and in, security scheme types, names,
//     URLs and flows, operationId): callers address these; a change is a
//     modification (operationId: retract, generated clients rename).
//   - serialization (style, explode, allowReserved, collectionFormat,
//     content of a parameter, encoding, xml): the wire format; a change is
//     a modification unless the effective value (defaults included) is the
//     same; rules parameter-serialization-changed and encoding-changed.
//   - servers (servers, server url and variables, 2.0 host, basePath,
//     schemes): where to call; rules server-added/-removed/-changed.
//   - security (security requirement lists and their scopes): an
//     obligation on the caller wherever it stands, judged in the request
//     column in both directions: an alternative added loosens, a scope or
//     scheme added to an alternative tightens.
//   - default values: a default added is an addition, changed or removed
//     a retraction (oasdiff's classes for the same change).
//   - deprecation: deprecation-changed (additive) when the flag's value
//     changes; deprecated: false written out is no effect.
//   - layout ($ref, $id, $anchor, $defs, the components container, the
//     dialect): no effect: the resolved comparison sees what they change.
//     Adding or removing the components container is no change; members
//     of components are component-added/-removed/-changed.
//
// Direction-less rows (servers, security, tags, info, components, paths,
// webhooks, callbacks) have the same class in both directions: their
// effects are the same in both columns, or the row is AlwaysRequest. In a
// webhook or a callback the engine mirrors the direction (Direction.Mirror)
// before it asks; oasdiff's own findings there are re-classed with
// OasdiffTwin.

// fam is a family: the effects of its rows before any handler.
type fam struct {
	name          string
	effects       [3]field.Effect
	memberEffects [3]field.Effect
	alwaysRequest bool
	what          string // for the rules listing: what the family's fields are
}

var (
	famDocumentation = fam{name: "documentation", effects: all(field.NoEffect), what: "documentation"}
	famLayout        = fam{name: "layout", effects: all(field.NoEffect), what: "layout, no effect on the interface"}
	famConstraint    = fam{name: "constraint", effects: [3]field.Effect{field.Tighten, field.Loosen, field.Modify}, what: "a constraint on values"}
	// Alternatives: the list added restricts, a member added accepts more.
	famAlternatives = fam{name: "constraint", effects: [3]field.Effect{field.Tighten, field.Loosen, field.Modify},
		memberEffects: [3]field.Effect{field.Loosen, field.Tighten, field.Modify}, what: "alternatives a value may match"}
	// enum: the list added restricts, a value added accepts more.
	famEnum        = famAlternatives
	famElement     = fam{name: "element", effects: [3]field.Effect{field.Add, field.Remove, field.Modify}, what: "an element of the interface"}
	famOptional    = fam{name: "element", effects: [3]field.Effect{field.Add, field.Retract, field.Retract}, what: "an element a tolerant client does without"}
	famIdentity    = fam{name: "identity", effects: all(field.Modify), what: "how callers address an element"}
	famSerial      = fam{name: "serialization", effects: all(field.Modify), what: "the wire format"}
	famServer      = fam{name: "servers", effects: [3]field.Effect{field.Add, field.Remove, field.Modify}, what: "where the API is called"}
	famServerField = fam{name: "servers", effects: all(field.Modify), what: "where the API is called"}
	famSecurity    = fam{name: "security", effects: all(field.Modify), alwaysRequest: true, what: "security requirements"}
	famScheme      = fam{name: "security", effects: [3]field.Effect{field.Tighten, field.Loosen, field.Modify}, alwaysRequest: true, what: "a scheme in a security requirement"}
	famScopes      = fam{name: "security", effects: [3]field.Effect{field.Add, field.Retract, field.NoEffect}, what: "OAuth scopes (name: description)"}
	famDefault     = fam{name: "default", effects: [3]field.Effect{field.Add, field.Retract, field.Retract}, what: "a default value"}
	famDeprecation = fam{name: "deprecation", effects: all(field.Deprecate), what: "deprecation"}
	famComponents  = fam{name: "layout", effects: all(field.NoEffect), memberEffects: [3]field.Effect{field.Add, field.Retract, field.Modify},
		what: "reusable components"}
	famComponent = fam{name: "element", effects: [3]field.Effect{field.Add, field.Retract, field.Modify}, what: "a reusable component"}
)

func all(e field.Effect) [3]field.Effect { return [3]field.Effect{e, e, e} }

// ids returns a field's rule ids, and its members' (zero: the same).
type ids func(field string) (field3, member3 [3]string)

// id: one id for every kind.
func id(s string) ids {
	return func(string) ([3]string, [3]string) { return same(s), [3]string{} }
}

// trio: prefix-added, prefix-removed, prefix-changed.
func trio(prefix string) ids {
	return func(string) ([3]string, [3]string) { return triple(prefix), [3]string{} }
}

// perField: prefix-<field>-added/removed/changed.
func perField(prefix string) ids {
	return func(f string) ([3]string, [3]string) { return triple(prefix + "-" + kebab(f)), [3]string{} }
}

// container: one id for the field, a trio for its members.
func container(fieldID, memberPrefix string) ids {
	return func(string) ([3]string, [3]string) { return same(fieldID), triple(memberPrefix) }
}

func triple(p string) [3]string { return [3]string{p + "-added", p + "-removed", p + "-changed"} }

// kebab writes a field name as rule ids do: maxLength → max-length, $ref → ref.
func kebab(f string) string {
	f = strings.TrimPrefix(f, "$")
	var b strings.Builder
	for i, r := range f {
		if r >= 'A' && r <= 'Z' {
			if i > 0 {
				b.WriteByte('-')
			}
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// on declares rows: the fields of one object, one family, one id scheme,
// and optionally one handler.
func on(f fam, idf ids, h *field.Handler, object string, fields ...string) []FieldRow {
	out := make([]FieldRow, 0, len(fields))
	for _, name := range fields {
		fid, mid := idf(name)
		out = append(out, FieldRow{
			Object: object, Field: name, Family: f.name, IDs: fid, Effects: f.effects,
			MemberIDs: mid, MemberEffects: f.memberEffects, Handler: h, AlwaysRequest: f.alwaysRequest,
			Description: f.what + " (" + object + "." + name + ")",
		})
	}
	return out
}

// each applies a handler per field (fields paired with their handlers).
type hf struct {
	field string
	h     *field.Handler
}

func onEach(f fam, idf ids, object string, fields ...hf) []FieldRow {
	var out []FieldRow
	for _, x := range fields {
		out = append(out, on(f, idf, x.h, object, x.field)...)
	}
	return out
}

// constraints are the keywords with a handler that 2.0's parameters,
// items and headers share with the Schema Object.
var constraints = []hf{
	{"maximum", field.Upper}, {"exclusiveMaximum", field.ExclusiveMax}, {"minimum", field.Lower}, {"exclusiveMinimum", field.ExclusiveMin},
	{"maxLength", field.Upper}, {"minLength", field.LowerCount}, {"pattern", field.Pattern}, {"maxItems", field.Upper},
	{"minItems", field.LowerCount}, {"uniqueItems", field.TightFlag}, {"multipleOf", field.MultipleOf}, {"format", field.Format},
	{"type", field.Type},
}

// primitive20 declares the rows of a 2.0 non-body parameter, its items, or a
// 2.0 header: constraints, enum, items, default, collectionFormat.
func primitive20(object, prefix, serialHolder string) []FieldRow {
	return concat(
		onEach(famConstraint, perField(prefix), object, constraints...),
		on(famEnum, perField(prefix), field.Enum, object, "enum"),
		on(famConstraint, perField(prefix), nil, object, "items"),
		on(famDefault, perField(prefix), field.Default, object, "default"),
		on(famSerial, id(SerializationChanged), field.Serialization("collectionFormat", serialHolder), object, "collectionFormat"),
	)
}

// parameterLike declares the fields a 3.x parameter and header share:
// documentation, required, allowEmptyValue, deprecated, serialization,
// schema.
func parameterLike(object, prefix string) []FieldRow {
	holder := strings.ToLower(object)
	return concat(
		on(famDocumentation, docs, nil, object, "description", "example", "examples"),
		on(famConstraint, perField(prefix), field.TightFlag, object, "required"),
		on(famConstraint, perField(prefix), field.LooseFlag, object, "allowEmptyValue"),
		on(famDeprecation, id(DeprecationChanged), field.Deprecated, object, "deprecated"),
		onEach(famSerial, id(SerializationChanged), object,
			hf{"style", field.Serialization("style", holder)}, hf{"explode", field.Serialization("explode", holder)},
			hf{"allowReserved", field.Serialization("allowReserved", holder)}),
		on(famSerial, id(SerializationChanged), nil, object, "content"),
		on(famConstraint, perField(prefix), field.SchemaValue, object, "schema"),
	)
}

func concat(groups ...[]FieldRow) []FieldRow {
	var out []FieldRow
	for _, g := range groups {
		out = append(out, g...)
	}
	return out
}

var (
	docs    = id(DocumentationChanged)
	servers = trio("server")
)

var fieldRows = func() []FieldRow {
	rows := concat(
		// The document.
		on(famLayout, id(SpecVersionChanged), nil, "OpenAPI", "openapi"),
		on(famLayout, id(SpecVersionChanged), nil, "Swagger", "swagger"),
		on(famDocumentation, docs, nil, "OpenAPI", "info", "tags", "externalDocs"),
		on(famDocumentation, docs, nil, "Swagger", "info", "tags", "externalDocs"),
		on(famServer, servers, nil, "OpenAPI", "servers"),
		on(famServerField, id(ServerChanged), nil, "Swagger", "host", "basePath", "schemes"),
		on(famElement, trio("paths"), nil, "OpenAPI", "paths"),
		on(famElement, trio("paths"), nil, "Swagger", "paths"),
		on(famElement, trio("webhook"), nil, "OpenAPI", "webhooks"),
		on(famComponents, container(ComponentsContainerChanged, "component"), nil, "OpenAPI", "components"),
		on(famComponents, container(ComponentsContainerChanged, "component"), nil, "Swagger",
			"definitions", "parameters", "responses", "securityDefinitions"),
		on(famSecurity, trio("security-requirements"), field.Security(true), "OpenAPI", "security"),
		on(famSecurity, trio("security-requirements"), field.Security(true), "Swagger", "security"),
		on(famLayout, id(SchemaDialectChanged), nil, "OpenAPI", "jsonSchemaDialect"),
		on(famElement, trio("consumes"), field.MediaTypes, "Swagger", "consumes"),
		on(famElement, trio("produces"), field.MediaTypes, "Swagger", "produces"),

		// Info, contact, license, tags, external documentation, examples.
		on(famDocumentation, docs, nil, "Info", "title", "summary", "description", "termsOfService", "contact", "license"),
		on(famLayout, id(InfoVersionChanged), nil, "Info", "version"),
		on(famDocumentation, docs, nil, "Contact", "name", "url", "email"),
		on(famDocumentation, docs, nil, "License", "name", "identifier", "url"),
		on(famDocumentation, docs, nil, "Tag", "name", "description", "externalDocs"),
		on(famDocumentation, docs, nil, "ExternalDocumentation", "description", "url"),
		on(famDocumentation, docs, nil, "Example", "summary", "description", "value", "externalValue", "{mediaType}"),

		// Servers.
		on(famServerField, id(ServerChanged), nil, "Server", "url", "variables"),
		on(famDocumentation, docs, nil, "Server", "description"),
		on(famServerField, id(ServerChanged), nil, "ServerVariable", "default", "enum"),
		on(famDocumentation, docs, nil, "ServerVariable", "description"),

		// Components and 2.0's definitions.
		on(famComponents, container(ComponentsContainerChanged, "component"), nil, "Components",
			"schemas", "responses", "parameters", "examples", "requestBodies", "headers", "securitySchemes",
			"links", "callbacks", "pathItems"),
		on(famComponent, trio("component"), nil, "Definitions", "{name}"),
		on(famComponent, trio("component"), nil, "ParametersDefinitions", "{name}"),
		on(famComponent, trio("component"), nil, "ResponsesDefinitions", "{name}"),
		on(famComponent, trio("component"), nil, "SecurityDefinitions", "{name}"),

		// Paths, path items, operations.
		on(famElement, trio("path"), nil, "Paths", "{path}"),
		on(famLayout, id(ReferenceChanged), nil, "PathItem", "$ref"),
		on(famDocumentation, docs, nil, "PathItem", "summary", "description"),
		on(famElement, trio("operation"), nil, "PathItem", "get", "put", "post", "delete", "options", "head", "patch", "trace"),
		on(famServer, servers, nil, "PathItem", "servers"),
		on(famElement, trio("parameter"), field.Parameters, "PathItem", "parameters"),
		on(famDocumentation, docs, nil, "Operation", "tags", "summary", "description", "externalDocs"),
		on(famOptional, trio("operation-id"), nil, "Operation", "operationId"),
		on(famElement, trio("parameter"), field.Parameters, "Operation", "parameters"),
		on(famElement, trio("operation-request-body"), field.RequestBody, "Operation", "requestBody"),
		on(famElement, trio("responses"), nil, "Operation", "responses"),
		on(famElement, trio("callback"), nil, "Operation", "callbacks"),
		on(famDeprecation, id(DeprecationChanged), field.Deprecated, "Operation", "deprecated"),
		on(famSecurity, trio("security-requirements"), field.Security(false), "Operation", "security"),
		on(famServer, servers, nil, "Operation", "servers"),
		on(famServerField, id(ServerChanged), nil, "Operation", "schemes"),
		on(famElement, trio("consumes"), field.MediaTypes, "Operation", "consumes"),
		on(famElement, trio("produces"), field.MediaTypes, "Operation", "produces"),
		on(famElement, trio("callback"), nil, "Callback", "{expression}"),
		on(famLayout, id(ReferenceChanged), nil, "Reference", "$ref"),
		on(famDocumentation, docs, nil, "Reference", "summary", "description"),

		// Parameters (3.x, and the fields 2.0 shares), headers.
		on(famIdentity, perFieldSame("parameter"), nil, "Parameter", "name", "in"),
		parameterLike("Parameter", "parameter"),
		primitive20("Parameter", "parameter", "parameter"),
		primitive20("Items", "parameter-items", "parameter"),
		parameterLike("Header", "header"),
		primitive20("Header", "header", "header"),

		// Request bodies, media types, encodings.
		on(famDocumentation, docs, nil, "RequestBody", "description"),
		on(famElement, trio("request-body-content"), nil, "RequestBody", "content"),
		on(famConstraint, perField("request-body"), field.TightFlag, "RequestBody", "required"),
		on(famConstraint, perField("media-type"), field.SchemaValue, "MediaType", "schema"),
		on(famDocumentation, docs, nil, "MediaType", "example", "examples"),
		on(famSerial, id(EncodingChanged), field.Encodings, "MediaType", "encoding"),
		on(famSerial, id(EncodingChanged), nil, "Encoding", "contentType", "headers"),
		onEach(famSerial, id(EncodingChanged), "Encoding",
			hf{"style", field.Serialization("style", "encoding")}, hf{"explode", field.Serialization("explode", "encoding")},
			hf{"allowReserved", field.Serialization("allowReserved", "encoding")}),

		// Responses.
		on(famOptional, trio("response-status"), nil, "Responses", "default"),
		on(famElement, trio("response-status"), field.Status, "Responses", "{status}"),
		on(famDocumentation, docs, nil, "Response", "description", "examples"),
		on(famElement, trio("response-content"), nil, "Response", "content"),
		on(famElement, responseHeaders, field.ResponseHeader, "Response", "headers"),
		on(famElement, responseHeaders, field.ResponseHeader, "Headers", "{name}"),
		on(famOptional, links, nil, "Response", "links"),
		on(famConstraint, perField("response"), field.SchemaValue, "Response", "schema"),
		on(famOptional, id(LinkChanged), nil, "Link", "operationRef", "operationId", "parameters", "requestBody", "server"),
		on(famDocumentation, docs, nil, "Link", "description"),

		// The Schema Object, every version's keywords.
		schemaRows(),
		on(famOptional, perField("discriminator"), nil, "Discriminator", "propertyName", "mapping"),
		on(famSerial, id(SchemaXMLChanged), nil, "XML", "name", "namespace", "prefix", "attribute", "wrapped"),

		// Security schemes and requirements.
		on(famIdentity, perFieldSame("security-scheme"), nil, "SecurityScheme",
			"type", "in", "name", "scheme", "openIdConnectUrl", "flows", "flow", "authorizationUrl", "tokenUrl"),
		on(famLayout, perFieldSame("security-scheme"), nil, "SecurityScheme", "bearerFormat"),
		on(famDocumentation, docs, nil, "SecurityScheme", "description"),
		on(famScopes, trio("security-scheme-scope"), nil, "SecurityScheme", "scopes"),
		on(famElement, trio("security-scheme-flow"), nil, "OAuthFlows", "implicit", "password", "clientCredentials", "authorizationCode"),
		on(famIdentity, perFieldSame("security-scheme-flow"), nil, "OAuthFlow", "authorizationUrl", "tokenUrl"),
		on(famElement, perField("security-scheme-flow"), nil, "OAuthFlow", "refreshUrl"),
		on(famScopes, trio("security-scheme-scope"), nil, "OAuthFlow", "scopes"),
		on(famScopes, trio("security-scheme-scope"), nil, "Scopes", "{scope}"),
		on(famScheme, trio("security-requirement-scheme"), field.RequirementScheme, "SecurityRequirement", "{scheme}"),
	)
	slices.SortFunc(rows, func(a, b FieldRow) int {
		if c := strings.Compare(a.Object, b.Object); c != 0 {
			return c
		}
		return strings.Compare(a.Field, b.Field)
	})
	return rows
}()

var (
	responseHeaders = trio("response-header")
	links           = func(string) ([3]string, [3]string) {
		return [3]string{LinkAdded, LinkChanged, LinkChanged}, [3]string{}
	}
)

// perFieldSame: prefix-<field>-changed for every kind (identity fields,
// whose addition or removal is a change of how callers address something).
func perFieldSame(prefix string) ids {
	return func(f string) ([3]string, [3]string) { return same(prefix + "-" + kebab(f) + "-changed"), [3]string{} }
}

// schemaRows declares the Schema Object's keywords, of every version.
func schemaRows() []FieldRow {
	s := perField("schema")
	return concat(
		on(famDocumentation, docs, nil, "Schema", "title", "description", "example", "examples", "externalDocs", "$comment"),
		onEach(famConstraint, s, "Schema", constraints...),
		onEach(famConstraint, s, "Schema",
			hf{"maxProperties", field.Upper}, hf{"minProperties", field.LowerCount},
			hf{"maxContains", field.Upper}, hf{"minContains", field.MinContains},
			hf{"const", field.Const}, hf{"required", field.Required}, hf{"nullable", field.LooseFlag},
			hf{"additionalProperties", field.SchemaValue}, hf{"unevaluatedProperties", field.SchemaValue},
			hf{"unevaluatedItems", field.SchemaValue}, hf{"items", field.SchemaValue}, hf{"propertyNames", field.SchemaValue},
			hf{"contentSchema", field.SchemaValue}, hf{"readOnly", field.ReadOnly}, hf{"writeOnly", field.WriteOnly}),
		on(famEnum, s, field.Enum, "Schema", "enum"),
		on(famConstraint, s, nil, "Schema", "not", "contains", "if", "then", "else", "allOf", "prefixItems",
			"patternProperties", "dependentRequired", "dependentSchemas", "dependencies",
			"contentEncoding", "contentMediaType"),
		on(famAlternatives, s, field.Alternatives(false), "Schema", "anyOf"),
		on(famAlternatives, s, field.Alternatives(true), "Schema", "oneOf"),
		on(famElement, trio("schema-property"), field.Properties, "Schema", "properties"),
		on(famDefault, s, field.Default, "Schema", "default"),
		on(famDeprecation, id(DeprecationChanged), field.Deprecated, "Schema", "deprecated"),
		on(famOptional, s, nil, "Schema", "discriminator"),
		on(famSerial, id(SchemaXMLChanged), nil, "Schema", "xml"),
		on(famLayout, id(ReferenceChanged), nil, "Schema", "$ref", "$dynamicRef", "$recursiveRef"),
		on(famLayout, id(SchemaIdentifierChanged), nil, "Schema", "$id", "$anchor", "$dynamicAnchor", "$recursiveAnchor"),
		on(famLayout, id(SchemaDialectChanged), nil, "Schema", "$schema", "$vocabulary"),
		on(famLayout, id(SchemaDefinitionsChanged), nil, "Schema", "$defs", "definitions"),
	)
}
