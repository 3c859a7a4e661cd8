package oasgrammar

// The grammar of OpenAPI 3.0 (https://spec.openapis.org/oas/v3.0.4), and
// the objects 3.1 shares with it.

// Objects with the same fields in every version.
var (
	contactFields   = map[string]Holds{"email": scalar(), "name": scalar(), "url": scalar()}
	externalDocs    = map[string]Holds{"description": scalar(), "url": scalar()}
	xmlFields       = map[string]Holds{"attribute": scalar(), "name": scalar(), "namespace": scalar(), "prefix": scalar(), "wrapped": scalar()}
	tagFields       = map[string]Holds{"description": scalar(), "externalDocs": one(ExternalDocumentation), "name": scalar()}
	infoFields      = map[string]Holds{"contact": one(Contact), "description": scalar(), "license": one(License), "termsOfService": scalar(), "title": scalar(), "version": scalar()}
	licenseFields   = map[string]Holds{"name": scalar(), "url": scalar()}
	operationMethod = []string{"delete", "get", "head", "options", "patch", "post", "put"}
)

// scalarOrNames is the draft-04 and 2020-12 `type`: a name or a list of names.
func scalarOrNames() Holds { h := scalar(); h.OrList = ptr(scalar()); return h }

// 3.0 objects 3.1 reuses as they are or with few changes.
var (
	serverFields         = map[string]Holds{"description": scalar(), "url": scalar(), "variables": mapOf(one(ServerVariable))}
	serverVariableFields = map[string]Holds{"default": scalar(), "description": scalar(), "enum": names()}
	pathItem30           = func() map[string]Holds {
		f := map[string]Holds{
			"$ref": scalar(), "summary": scalar(), "description": scalar(), "trace": one(Operation),
			"servers": listOf(one(Server)), "parameters": listOf(oneOrRef(Parameter)),
		}
		for _, m := range operationMethod {
			f[m] = one(Operation)
		}
		return f
	}()
	operation30 = map[string]Holds{
		"callbacks": mapOf(oneOrRef(Callback)), "deprecated": scalar(), "description": scalar(),
		"externalDocs": one(ExternalDocumentation), "operationId": scalar(),
		"parameters": listOf(oneOrRef(Parameter)), "requestBody": oneOrRef(RequestBody),
		"responses": one(Responses), "security": listOf(one(SecurityRequirement)),
		"servers": listOf(one(Server)), "summary": scalar(), "tags": names(),
	}
	parameter30 = map[string]Holds{
		"allowEmptyValue": scalar(), "allowReserved": scalar(), "content": mapOf(one(MediaType)),
		"deprecated": scalar(), "description": scalar(), "example": anyJSON(),
		"examples": mapOf(oneOrRef(Example)), "explode": scalar(), "in": scalar(), "name": scalar(),
		"required": scalar(), "schema": oneOrRef(Schema), "style": scalar(),
	}
	header30         = with(parameter30, map[string]Holds{"in": drop, "name": drop})
	requestBody30    = map[string]Holds{"content": mapOf(one(MediaType)), "description": scalar(), "required": scalar()}
	mediaType30      = map[string]Holds{"encoding": mapOf(one(Encoding)), "example": anyJSON(), "examples": mapOf(oneOrRef(Example)), "schema": oneOrRef(Schema)}
	encoding30       = map[string]Holds{"allowReserved": scalar(), "contentType": scalar(), "explode": scalar(), "headers": mapOf(oneOrRef(Header)), "style": scalar()}
	response30       = map[string]Holds{"content": mapOf(one(MediaType)), "description": scalar(), "headers": mapOf(oneOrRef(Header)), "links": mapOf(oneOrRef(Link))}
	example30        = map[string]Holds{"description": scalar(), "externalValue": scalar(), "summary": scalar(), "value": anyJSON()}
	link30           = map[string]Holds{"description": scalar(), "operationId": scalar(), "operationRef": scalar(), "parameters": mapOf(anyJSON()), "requestBody": anyJSON(), "server": one(Server)}
	discriminator30  = map[string]Holds{"mapping": mapOf(scalar()), "propertyName": scalar()}
	securityScheme30 = map[string]Holds{"bearerFormat": scalar(), "description": scalar(), "flows": one(OAuthFlows), "in": scalar(), "name": scalar(), "openIdConnectUrl": scalar(), "scheme": scalar(), "type": scalar()}
	oauthFlows30     = map[string]Holds{"authorizationCode": one(OAuthFlow), "clientCredentials": one(OAuthFlow), "implicit": one(OAuthFlow), "password": one(OAuthFlow)}
	oauthFlow30      = map[string]Holds{"authorizationUrl": scalar(), "refreshUrl": scalar(), "scopes": mapOf(scalar()), "tokenUrl": scalar()}
	components30     = map[string]Holds{
		"callbacks": mapOf(oneOrRef(Callback)), "examples": mapOf(oneOrRef(Example)),
		"headers": mapOf(oneOrRef(Header)), "links": mapOf(oneOrRef(Link)),
		"parameters": mapOf(oneOrRef(Parameter)), "requestBodies": mapOf(oneOrRef(RequestBody)),
		"responses": mapOf(oneOrRef(Response)), "schemas": mapOf(oneOrRef(Schema)),
		"securitySchemes": mapOf(oneOrRef(SecurityScheme)),
	}
	openapi30 = map[string]Holds{
		"components": one(Components), "externalDocs": one(ExternalDocumentation), "info": one(Info),
		"openapi": scalar(), "paths": one(Paths), "security": listOf(one(SecurityRequirement)),
		"servers": listOf(one(Server)), "tags": listOf(one(Tag)),
	}
)

// schema30 is the 3.0 Schema Object: a subset of JSON Schema draft 04
// (wright-00) with OpenAPI's own keywords.
var schema30 = map[string]Holds{
	"additionalProperties": oneOrRef(Schema), "allOf": listOf(oneOrRef(Schema)), "anyOf": listOf(oneOrRef(Schema)),
	"default": anyJSON(), "deprecated": scalar(), "description": scalar(), "discriminator": one(Discriminator),
	"enum": listOf(anyJSON()), "example": anyJSON(), "exclusiveMaximum": scalar(), "exclusiveMinimum": scalar(),
	"externalDocs": one(ExternalDocumentation), "format": scalar(), "items": oneOrRef(Schema),
	"maxItems": scalar(), "maxLength": scalar(), "maxProperties": scalar(), "maximum": scalar(),
	"minItems": scalar(), "minLength": scalar(), "minProperties": scalar(), "minimum": scalar(),
	"multipleOf": scalar(), "not": oneOrRef(Schema), "nullable": scalar(), "oneOf": listOf(oneOrRef(Schema)),
	"pattern": scalar(), "properties": mapOf(oneOrRef(Schema)), "readOnly": scalar(), "required": names(),
	"title": scalar(), "type": scalar(), "uniqueItems": scalar(), "writeOnly": scalar(), "xml": one(XML),
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
		{t: Reference, fields: map[string]Holds{"$ref": scalar()}, additional: Ignored},
		{t: Schema, fields: schema30, extensions: true},
		{t: Discriminator, fields: discriminator30, additional: Ignored},
		{t: XML, fields: xmlFields, extensions: true},
		{t: SecurityScheme, fields: securityScheme30, extensions: true},
		{t: OAuthFlows, fields: oauthFlows30, extensions: true},
		{t: OAuthFlow, fields: oauthFlow30, extensions: true},
		{t: SecurityRequirement, additional: Names, other: ptr(names()), otherName: "{scheme}"},
	}
}
