package oasgrammar

// The grammar of Swagger 2.0 (https://spec.openapis.org/oas/v2.0).

// primitive20 are the fields 2.0 gives non-body parameters, their items and
// response headers: a JSON Schema subset for primitive values.
var primitive20 = map[string]Holds{
	"collectionFormat": scalar(), "default": anyJSON(), "enum": listOf(anyJSON()), "exclusiveMaximum": scalar(),
	"exclusiveMinimum": scalar(), "format": scalar(), "items": one(Items), "maxItems": scalar(),
	"maxLength": scalar(), "maximum": scalar(), "minItems": scalar(), "minLength": scalar(), "minimum": scalar(),
	"multipleOf": scalar(), "pattern": scalar(), "type": scalar(), "uniqueItems": scalar(),
}

// schema20 is the 2.0 Schema Object: a subset of JSON Schema draft 04 with
// Swagger's own keywords (discriminator is a property name here).
var schema20 = map[string]Holds{
	"$ref": scalar(), "additionalProperties": one(Schema), "allOf": listOf(one(Schema)), "default": anyJSON(),
	"description": scalar(), "discriminator": scalar(), "enum": listOf(anyJSON()), "example": anyJSON(),
	"exclusiveMaximum": scalar(), "exclusiveMinimum": scalar(), "externalDocs": one(ExternalDocumentation),
	"format": scalar(), "items": Holds{Shape: One, Type: Schema, OrList: ptr(one(Schema))},
	"maxItems": scalar(), "maxLength": scalar(), "maxProperties": scalar(), "maximum": scalar(),
	"minItems": scalar(), "minLength": scalar(), "minProperties": scalar(), "minimum": scalar(),
	"multipleOf": scalar(), "pattern": scalar(), "properties": mapOf(one(Schema)), "readOnly": scalar(),
	"required": names(), "title": scalar(), "type": scalarOrNames(), "uniqueItems": scalar(), "xml": one(XML),
}

func v20() []object {
	pathItem := map[string]Holds{"$ref": scalar(), "parameters": listOf(oneOrRef(Parameter))}
	for _, m := range operationMethod {
		pathItem[m] = one(Operation)
	}
	return []object{
		{t: Swagger, fields: map[string]Holds{
			"basePath": scalar(), "consumes": names(), "definitions": one(Definitions),
			"externalDocs": one(ExternalDocumentation), "host": scalar(), "info": one(Info),
			"parameters": one(ParametersDefinitions), "paths": one(Paths), "produces": names(),
			"responses": one(ResponsesDefinitions), "schemes": names(), "security": listOf(one(SecurityRequirement)),
			"securityDefinitions": one(SecurityDefinitions), "swagger": scalar(), "tags": listOf(one(Tag)),
		}, extensions: true},
		{t: Info, fields: infoFields, extensions: true},
		{t: Contact, fields: contactFields, extensions: true},
		{t: License, fields: licenseFields, extensions: true},
		{t: Paths, patterned: []Pattern{pattern(`^/`, "{path}", one(PathItem))}, extensions: true},
		{t: PathItem, fields: pathItem, extensions: true},
		{t: Operation, fields: map[string]Holds{
			"consumes": names(), "deprecated": scalar(), "description": scalar(),
			"externalDocs": one(ExternalDocumentation), "operationId": scalar(),
			"parameters": listOf(oneOrRef(Parameter)), "produces": names(), "responses": one(Responses),
			"schemes": names(), "security": listOf(one(SecurityRequirement)), "summary": scalar(), "tags": names(),
		}, extensions: true},
		{t: ExternalDocumentation, fields: externalDocs, extensions: true},
		{t: Parameter, fields: with(primitive20, map[string]Holds{
			"allowEmptyValue": scalar(), "description": scalar(), "in": scalar(), "name": scalar(),
			"required": scalar(), "schema": one(Schema),
		}), extensions: true},
		{t: Items, fields: primitive20, extensions: true},
		{t: Responses, fields: map[string]Holds{"default": oneOrRef(Response)},
			patterned: []Pattern{pattern(`^([0-9]{3})$|^(default)$`, "{status}", oneOrRef(Response))}, extensions: true},
		{t: Response, fields: map[string]Holds{
			"description": scalar(), "examples": one(Example), "headers": one(Headers), "schema": one(Schema),
		}, extensions: true},
		{t: Headers, additional: Names, other: ptr(one(Header)), otherName: "{name}"},
		// The JSON Schema leaves the keys free; the specification text says
		// they are MIME types, each with an example value.
		{t: Example, additional: Names, other: ptr(anyJSON()), otherName: "{mediaType}"},
		{t: Header, fields: with(primitive20, map[string]Holds{"description": scalar()}), extensions: true},
		{t: Tag, fields: tagFields, extensions: true},
		{t: Reference, fields: map[string]Holds{"$ref": scalar()}},
		{t: Schema, fields: schema20, extensions: true},
		{t: XML, fields: xmlFields, extensions: true},
		{t: Definitions, additional: Names, other: ptr(one(Schema)), otherName: "{name}"},
		{t: ParametersDefinitions, additional: Names, other: ptr(one(Parameter)), otherName: "{name}"},
		{t: ResponsesDefinitions, additional: Names, other: ptr(one(Response)), otherName: "{name}"},
		{t: SecurityDefinitions, additional: Names, other: ptr(one(SecurityScheme)), otherName: "{name}"},
		{t: SecurityScheme, fields: map[string]Holds{
			"authorizationUrl": scalar(), "description": scalar(), "flow": scalar(), "in": scalar(),
			"name": scalar(), "scopes": one(Scopes), "tokenUrl": scalar(), "type": scalar(),
		}, extensions: true},
		{t: Scopes, additional: Names, other: ptr(scalar()), otherName: "{scope}"},
		{t: SecurityRequirement, additional: Names, other: ptr(names()), otherName: "{scheme}"},
	}
}
