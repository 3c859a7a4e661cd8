package oasgrammar

// The grammar of Swagger 2.0 (https://spec.openapis.org/oas/v2.0).

// primitive20 are the fields 2.0 gives non-body parameters, their items and
// response headers: a JSON Schema subset for primitive values.
var primitive20 = map[string]Holds{
	"collectionFormat": str(), "default": anyJSON(), "enum": listOf(anyJSON()), "exclusiveMaximum": boolean(),
	"exclusiveMinimum": boolean(), "format": str(), "items": one(Items), "maxItems": count(),
	"maxLength": count(), "maximum": number(), "minItems": count(), "minLength": count(), "minimum": number(),
	"multipleOf": number(), "pattern": str(), "type": str(), "uniqueItems": boolean(),
}

// schema20 is the 2.0 Schema Object: a subset of JSON Schema draft 04 with
// Swagger's own keywords (discriminator is a property name here).
var schema20 = map[string]Holds{
	"$ref": str(), "additionalProperties": one(Schema), "allOf": listOf(one(Schema)), "default": anyJSON(),
	"description": str(), "discriminator": str(), "enum": listOf(anyJSON()), "example": anyJSON(),
	"exclusiveMaximum": boolean(), "exclusiveMinimum": boolean(), "externalDocs": one(ExternalDocumentation),
	"format": str(), "items": Holds{Shape: One, Type: Schema, OrList: ptr(one(Schema))},
	"maxItems": count(), "maxLength": count(), "maxProperties": count(), "maximum": number(),
	"minItems": count(), "minLength": count(), "minProperties": count(), "minimum": number(),
	"multipleOf": number(), "pattern": str(), "properties": mapOf(one(Schema)), "readOnly": boolean(),
	"required": names(), "title": str(), "type": scalarOrNames(), "uniqueItems": boolean(), "xml": one(XML),
}

func v20() []object {
	pathItem := map[string]Holds{"$ref": str(), "parameters": listOf(oneOrRef(Parameter))}
	for _, m := range operationMethod {
		pathItem[m] = one(Operation)
	}
	return []object{
		{t: Swagger, fields: map[string]Holds{
			"basePath": str(), "consumes": names(), "definitions": one(Definitions),
			"externalDocs": one(ExternalDocumentation), "host": str(), "info": one(Info),
			"parameters": one(ParametersDefinitions), "paths": one(Paths), "produces": names(),
			"responses": one(ResponsesDefinitions), "schemes": names(), "security": listOf(one(SecurityRequirement)),
			"securityDefinitions": one(SecurityDefinitions), "swagger": str(), "tags": listOf(one(Tag)),
		}, extensions: true},
		{t: Info, fields: infoFields, extensions: true},
		{t: Contact, fields: contactFields, extensions: true},
		{t: License, fields: licenseFields, extensions: true},
		{t: Paths, patterned: []Pattern{pattern(`^/`, "{path}", one(PathItem))}, extensions: true},
		{t: PathItem, fields: pathItem, extensions: true},
		{t: Operation, fields: map[string]Holds{
			"consumes": names(), "deprecated": boolean(), "description": str(),
			"externalDocs": one(ExternalDocumentation), "operationId": str(),
			"parameters": listOf(oneOrRef(Parameter)), "produces": names(), "responses": one(Responses),
			"schemes": names(), "security": listOf(one(SecurityRequirement)), "summary": str(), "tags": names(),
		}, extensions: true},
		{t: ExternalDocumentation, fields: externalDocs, extensions: true},
		{t: Parameter, fields: with(primitive20, map[string]Holds{
			"allowEmptyValue": boolean(), "description": str(), "in": str(), "name": str(),
			"required": boolean(), "schema": one(Schema),
		}), extensions: true},
		{t: Items, fields: primitive20, extensions: true},
		{t: Responses, fields: map[string]Holds{"default": oneOrRef(Response)},
			patterned: []Pattern{pattern(`^([0-9]{3})$|^(default)$`, "{status}", oneOrRef(Response))}, extensions: true},
		{t: Response, fields: map[string]Holds{
			"description": str(), "examples": one(Example), "headers": one(Headers), "schema": one(Schema),
		}, extensions: true},
		{t: Headers, additional: Names, other: ptr(one(Header)), otherName: "{name}"},
		// The JSON Schema leaves the keys free; the specification text says
		// they are MIME types, each with an example value.
		{t: Example, additional: Names, other: ptr(anyJSON()), otherName: "{mediaType}"},
		{t: Header, fields: with(primitive20, map[string]Holds{"description": str()}), extensions: true},
		{t: Tag, fields: tagFields, extensions: true},
		{t: Reference, fields: map[string]Holds{"$ref": str()}},
		{t: Schema, fields: schema20, extensions: true},
		{t: XML, fields: xmlFields, extensions: true},
		{t: Definitions, additional: Names, other: ptr(one(Schema)), otherName: "{name}"},
		{t: ParametersDefinitions, additional: Names, other: ptr(one(Parameter)), otherName: "{name}"},
		{t: ResponsesDefinitions, additional: Names, other: ptr(one(Response)), otherName: "{name}"},
		{t: SecurityDefinitions, additional: Names, other: ptr(one(SecurityScheme)), otherName: "{name}"},
		{t: SecurityScheme, fields: map[string]Holds{
			"authorizationUrl": str(), "description": str(), "flow": str(), "in": str(),
			"name": str(), "scopes": one(Scopes), "tokenUrl": str(), "type": str(),
		}, extensions: true},
		{t: Scopes, additional: Names, other: ptr(str()), otherName: "{scope}"},
		{t: SecurityRequirement, additional: Names, other: ptr(names()), otherName: "{scheme}"},
	}
}
