package oasgrammar

// The grammar of OpenAPI 3.0 (https://spec.openapis.org/oas/v3.0.4), and
// the objects 3.1 shares with it.

// Objects with the same fields in every version.
var (
	contactFields   = map[string]Holds{"email": str(), "name": str(), "url": str()}
	externalDocs    = map[string]Holds{"description": str(), "url": str()}
	xmlFields       = map[string]Holds{"attribute": boolean(), "name": str(), "namespace": str(), "prefix": str(), "wrapped": boolean()}
	tagFields       = map[string]Holds{"description": str(), "externalDocs": one(ExternalDocumentation), "name": str()}
	infoFields      = map[string]Holds{"contact": one(Contact), "description": str(), "license": one(License), "termsOfService": str(), "title": str(), "version": str()}
	licenseFields   = map[string]Holds{"name": str(), "url": str()}
	operationMethod = []string{"delete", "get", "head", "options", "patch", "post", "put"}
)

// scalarOrNames is the draft-04 and 2020-12 `type`: a name or a list of names.
func scalarOrNames() Holds { h := str(); h.OrList = ptr(str()); return h }

// 3.0 objects 3.1 reuses as they are or with few changes.
var (
	serverFields         = map[string]Holds{"description": str(), "url": str(), "variables": mapOf(one(ServerVariable))}
	serverVariableFields = map[string]Holds{"default": str(), "description": str(), "enum": names()}
	pathItem30           = func() map[string]Holds {
		f := map[string]Holds{
			"$ref": str(), "summary": str(), "description": str(), "trace": one(Operation),
			"servers": listOf(one(Server)), "parameters": listOf(oneOrRef(Parameter)),
		}
		for _, m := range operationMethod {
			f[m] = one(Operation)
		}
		return f
	}()
	operation30 = map[string]Holds{
		"callbacks": mapOf(oneOrRef(Callback)), "deprecated": boolean(), "description": str(),
		"externalDocs": one(ExternalDocumentation), "operationId": str(),
		"parameters": listOf(oneOrRef(Parameter)), "requestBody": oneOrRef(RequestBody),
		"responses": one(Responses), "security": listOf(one(SecurityRequirement)),
		"servers": listOf(one(Server)), "summary": str(), "tags": names(),
	}
	parameter30 = map[string]Holds{
		"allowEmptyValue": boolean(), "allowReserved": boolean(), "content": mapOf(one(MediaType)),
		"deprecated": boolean(), "description": str(), "example": anyJSON(),
		"examples": mapOf(oneOrRef(Example)), "explode": boolean(), "in": str(), "name": str(),
		"required": boolean(), "schema": oneOrRef(Schema), "style": str(),
	}
	header30         = with(parameter30, map[string]Holds{"in": drop, "name": drop})
	requestBody30    = map[string]Holds{"content": mapOf(one(MediaType)), "description": str(), "required": boolean()}
	mediaType30      = map[string]Holds{"encoding": mapOf(one(Encoding)), "example": anyJSON(), "examples": mapOf(oneOrRef(Example)), "schema": oneOrRef(Schema)}
	encoding30       = map[string]Holds{"allowReserved": boolean(), "contentType": str(), "explode": boolean(), "headers": mapOf(oneOrRef(Header)), "style": str()}
	response30       = map[string]Holds{"content": mapOf(one(MediaType)), "description": str(), "headers": mapOf(oneOrRef(Header)), "links": mapOf(oneOrRef(Link))}
	example30        = map[string]Holds{"description": str(), "externalValue": str(), "summary": str(), "value": anyJSON()}
	link30           = map[string]Holds{"description": str(), "operationId": str(), "operationRef": str(), "parameters": mapOf(anyJSON()), "requestBody": anyJSON(), "server": one(Server)}
	discriminator30  = map[string]Holds{"mapping": mapOf(str()), "propertyName": str()}
	securityScheme30 = map[string]Holds{"bearerFormat": str(), "description": str(), "flows": one(OAuthFlows), "in": str(), "name": str(), "openIdConnectUrl": str(), "scheme": str(), "type": str()}
	oauthFlows30     = map[string]Holds{"authorizationCode": one(OAuthFlow), "clientCredentials": one(OAuthFlow), "implicit": one(OAuthFlow), "password": one(OAuthFlow)}
	oauthFlow30      = map[string]Holds{"authorizationUrl": str(), "refreshUrl": str(), "scopes": mapOf(str()), "tokenUrl": str()}
	components30     = map[string]Holds{
		"callbacks": mapOf(oneOrRef(Callback)), "examples": mapOf(oneOrRef(Example)),
		"headers": mapOf(oneOrRef(Header)), "links": mapOf(oneOrRef(Link)),
		"parameters": mapOf(oneOrRef(Parameter)), "requestBodies": mapOf(oneOrRef(RequestBody)),
		"responses": mapOf(oneOrRef(Response)), "schemas": mapOf(oneOrRef(Schema)),
		"securitySchemes": mapOf(oneOrRef(SecurityScheme)),
	}
	openapi30 = map[string]Holds{
		"components": one(Components), "externalDocs": one(ExternalDocumentation), "info": one(Info),
		"openapi": str(), "paths": one(Paths), "security": listOf(one(SecurityRequirement)),
		"servers": listOf(one(Server)), "tags": listOf(one(Tag)),
	}
)

// schema30 is the 3.0 Schema Object: a subset of JSON Schema draft 04
// (wright-00) with OpenAPI's own keywords.
var schema30 = map[string]Holds{
	"additionalProperties": oneOrRef(Schema), "allOf": listOf(oneOrRef(Schema)), "anyOf": listOf(oneOrRef(Schema)),
	"default": anyJSON(), "deprecated": boolean(), "description": str(), "discriminator": one(Discriminator),
	"enum": listOf(anyJSON()), "example": anyJSON(), "exclusiveMaximum": boolean(), "exclusiveMinimum": boolean(),
	"externalDocs": one(ExternalDocumentation), "format": str(), "items": oneOrRef(Schema),
	"maxItems": count(), "maxLength": count(), "maxProperties": count(), "maximum": number(),
	"minItems": count(), "minLength": count(), "minProperties": count(), "minimum": number(),
	"multipleOf": number(), "not": oneOrRef(Schema), "nullable": boolean(), "oneOf": listOf(oneOrRef(Schema)),
	"pattern": str(), "properties": mapOf(oneOrRef(Schema)), "readOnly": boolean(), "required": names(),
	"title": str(), "type": str(), "uniqueItems": boolean(), "writeOnly": boolean(), "xml": one(XML),
}

func v30() []object {
	return []object{
		{t: OpenAPI, fields: openapi30, extensions: true},
		{t: Info, fields: infoFields, extensions: true},
		{t: Contact, fields: contactFields, extensions: true},
		{t: License, fields: licenseFields, extensions: true},
		{t: Server, fields: serverFields, extensions: true},
		{t: ServerVariable, fields: serverVariableFields, extensions: true},
		{t: Components, fields: components30, extensions: true},
		{t: Paths, patterned: []Pattern{pattern(`^\/`, "{path}", one(PathItem))}, extensions: true},
		{t: PathItem, fields: pathItem30, extensions: true},
		{t: Operation, fields: operation30, extensions: true},
		{t: ExternalDocumentation, fields: externalDocs, extensions: true},
		{t: Parameter, fields: parameter30, extensions: true},
		{t: RequestBody, fields: requestBody30, extensions: true},
		{t: MediaType, fields: mediaType30, extensions: true},
		{t: Encoding, fields: encoding30, extensions: true},
		{t: Responses, fields: map[string]Holds{"default": oneOrRef(Response)},
			patterned: []Pattern{pattern(`^[1-5](?:\d{2}|XX)$`, "{status}", oneOrRef(Response))}, extensions: true},
		{t: Response, fields: response30, extensions: true},
		{t: Callback, extensions: true, additional: Names, other: ptr(one(PathItem)), otherName: "{expression}"},
		{t: Example, fields: example30, extensions: true},
		{t: Link, fields: link30, extensions: true},
		{t: Header, fields: header30, extensions: true},
		{t: Tag, fields: tagFields, extensions: true},
		{t: Reference, fields: map[string]Holds{"$ref": str()}, additional: Ignored},
		{t: Schema, fields: schema30, extensions: true},
		{t: Discriminator, fields: discriminator30, additional: Ignored},
		{t: XML, fields: xmlFields, extensions: true},
		{t: SecurityScheme, fields: securityScheme30, extensions: true},
		{t: OAuthFlows, fields: oauthFlows30, extensions: true},
		{t: OAuthFlow, fields: oauthFlow30, extensions: true},
		{t: SecurityRequirement, additional: Names, other: ptr(names()), otherName: "{scheme}"},
	}
}
