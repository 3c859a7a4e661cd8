package oasgrammar

// The grammar of OpenAPI 3.1 (https://spec.openapis.org/oas/v3.1.2): 3.0
// plus webhooks, path items in components, and a Schema Object that is the
// JSON Schema draft 2020-12 dialect with OpenAPI's vocabulary.

// schema31 is the 3.1 Schema Object: draft 2020-12's seven vocabularies,
// the deprecated keywords its meta-schema still accepts, and the OpenAPI
// base vocabulary (discriminator, xml, externalDocs, example).
var schema31 = map[string]Holds{
	// core
	"$anchor": str(), "$comment": str(), "$defs": mapOf(one(Schema)), "$dynamicAnchor": str(),
	"$dynamicRef": str(), "$id": str(), "$ref": str(), "$schema": str(), "$vocabulary": mapOf(boolean()),
	// applicator
	"additionalProperties": one(Schema), "allOf": listOf(one(Schema)), "anyOf": listOf(one(Schema)),
	"contains": one(Schema), "dependentSchemas": mapOf(one(Schema)), "else": one(Schema), "if": one(Schema),
	"items": one(Schema), "not": one(Schema), "oneOf": listOf(one(Schema)), "patternProperties": mapOf(one(Schema)),
	"prefixItems": listOf(one(Schema)), "properties": mapOf(one(Schema)), "propertyNames": one(Schema), "then": one(Schema),
	// unevaluated
	"unevaluatedItems": one(Schema), "unevaluatedProperties": one(Schema),
	// validation
	"const": anyJSON(), "dependentRequired": mapOf(names()), "enum": listOf(anyJSON()), "exclusiveMaximum": number(),
	"exclusiveMinimum": number(), "maxContains": count(), "maxItems": count(), "maxLength": count(),
	"maxProperties": count(), "maximum": number(), "minContains": count(), "minItems": count(),
	"minLength": count(), "minProperties": count(), "minimum": number(), "multipleOf": number(),
	"pattern": str(), "required": names(), "type": scalarOrNames(), "uniqueItems": boolean(),
	// meta-data
	"default": anyJSON(), "deprecated": boolean(), "description": str(), "examples": listOf(anyJSON()),
	"readOnly": boolean(), "title": str(), "writeOnly": boolean(),
	// format-annotation, content
	"format": str(), "contentEncoding": str(), "contentMediaType": str(), "contentSchema": one(Schema),
	// draft 2020-12's deprecated keywords (schema "definitions", "dependencies", "$recursive*")
	"$recursiveAnchor": str(), "$recursiveRef": str(), "definitions": mapOf(one(Schema)),
	"dependencies": mapOf(Holds{Shape: One, Type: Schema, OrList: ptr(str())}),
	// OpenAPI base vocabulary
	"discriminator": one(Discriminator), "example": anyJSON(), "externalDocs": one(ExternalDocumentation), "xml": one(XML),
}

func v31() []object {
	return []object{
		{t: OpenAPI, fields: with(openapi30, map[string]Holds{"jsonSchemaDialect": str(), "webhooks": mapOf(one(PathItem))}), extensions: true},
		{t: Info, fields: with(infoFields, map[string]Holds{"summary": str()}), extensions: true},
		{t: Contact, fields: contactFields, extensions: true},
		{t: License, fields: with(licenseFields, map[string]Holds{"identifier": str()}), extensions: true},
		{t: Server, fields: serverFields, extensions: true},
		{t: ServerVariable, fields: serverVariableFields, extensions: true},
		{t: Components, fields: with(components30, map[string]Holds{"pathItems": mapOf(one(PathItem)), "schemas": mapOf(one(Schema))}), extensions: true},
		{t: Paths, patterned: []Pattern{pattern(`^/`, "{path}", one(PathItem))}, extensions: true},
		{t: PathItem, fields: pathItem30, extensions: true},
		{t: Operation, fields: operation30, extensions: true},
		{t: ExternalDocumentation, fields: externalDocs, extensions: true},
		{t: Parameter, fields: with(parameter30, map[string]Holds{"schema": one(Schema)}), extensions: true},
		{t: RequestBody, fields: requestBody30, extensions: true},
		{t: MediaType, fields: with(mediaType30, map[string]Holds{"schema": one(Schema)}), extensions: true},
		{t: Encoding, fields: encoding30, extensions: true},
		{t: Responses, fields: map[string]Holds{"default": oneOrRef(Response)},
			patterned: []Pattern{pattern(`^[1-5](?:[0-9]{2}|XX)$`, "{status}", oneOrRef(Response))}, extensions: true},
		{t: Response, fields: response30, extensions: true},
		{t: Callback, extensions: true, additional: Names, other: ptr(one(PathItem)), otherName: "{expression}"},
		{t: Example, fields: example30, extensions: true},
		{t: Link, fields: link30, extensions: true},
		{t: Header, fields: with(header30, map[string]Holds{"allowEmptyValue": drop, "allowReserved": drop, "schema": one(Schema)}), extensions: true},
		{t: Tag, fields: tagFields, extensions: true},
		{t: Reference, fields: map[string]Holds{"$ref": str(), "summary": str(), "description": str()}, additional: Ignored},
		// JSON Schema is open: an unknown keyword is an annotation, and the
		// specification text lets x- keywords through as extensions.
		{t: Schema, fields: schema31, additional: Annotations},
		{t: Discriminator, fields: discriminator30, extensions: true},
		{t: XML, fields: xmlFields, extensions: true},
		{t: SecurityScheme, fields: securityScheme30, extensions: true},
		{t: OAuthFlows, fields: oauthFlows30, extensions: true},
		{t: OAuthFlow, fields: oauthFlow30, extensions: true},
		{t: SecurityRequirement, additional: Names, other: ptr(names()), otherName: "{scheme}"},
	}
}
