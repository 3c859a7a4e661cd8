// Package specgen writes synthetic OpenAPI 3 spec pairs of a chosen size
// for the Go benchmarks: shared component schemas referenced from many
// operations, nested objects, enums and arrays, and a revision with
// removals, additions, type and constraint changes and documentation edits.
// The same arguments always give the same bytes.
package specgen

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"

	"go.yaml.in/yaml/v4"
)

// Pair returns a base and a revision document with the given number of
// resources (each a collection and an item path with five operations and
// two component schemas, all referring to two shared ones).
func Pair(resources int) (base, revision map[string]any) {
	return doc(resources, false), doc(resources, true)
}

// WritePair writes the pair as base.<ext> and revision.<ext> in dir, ext
// being "json" or "yaml", and returns the two paths.
func WritePair(dir string, resources int, ext string) (basePath, revisionPath string, err error) {
	base, rev := Pair(resources)
	write := func(name string, d map[string]any) (string, error) {
		var data []byte
		var err error
		if ext == "yaml" {
			data, err = yaml.Marshal(d)
		} else {
			data, err = json.MarshalIndent(d, "", "  ")
		}
		if err != nil {
			return "", err
		}
		p := filepath.Join(dir, name+"."+ext)
		return p, os.WriteFile(p, data, 0o644)
	}
	if basePath, err = write("base", base); err != nil {
		return "", "", err
	}
	revisionPath, err = write("revision", rev)
	return basePath, revisionPath, err
}

func doc(resources int, revised bool) map[string]any {
	rnd := rand.New(rand.NewPCG(7, 11))
	schemas := map[string]any{}
	paths := map[string]any{}
	version := "1.4.0"
	if revised {
		version = "1.5.0"
	}
	for i := range resources {
		name := fmt.Sprintf("Resource%d", i)
		// Each resource changes in the revision in one of several ways.
		change := i % 10
		if revised && removed(i) {
			continue
		}
		schemas[name] = resourceSchema(rnd, i, revised, change)
		schemas[name+"Status"] = map[string]any{
			"type":        "string",
			"description": fmt.Sprintf("Lifecycle state of resource %d.", i),
			"enum":        statusEnum(revised && change == 3),
		}
		base := fmt.Sprintf("/v1/resources%d", i)
		paths[base] = map[string]any{
			"get":  operation(name, "list", i, revised && change == 4, true),
			"post": operation(name, "create", i, revised && change == 5, false),
		}
		item := map[string]any{
			"parameters": []any{map[string]any{
				"name": "id", "in": "path", "required": true,
				"schema": map[string]any{"type": "string", "maxLength": maxLength(revised && change == 6)},
			}},
			"get":    operation(name, "get", i, false, false),
			"delete": operation(name, "delete", i, revised && change == 7, false),
		}
		if !(revised && change == 8) {
			item["put"] = operation(name, "replace", i, false, false)
		}
		paths[base+"/{id}"] = item
	}
	owner := map[string]any{
		"login": map[string]any{"type": "string"},
		"id":    map[string]any{"type": "integer", "minimum": 1},
	}
	if revised {
		owner["email"] = map[string]any{"type": "string", "format": "email"}
	}
	schemas["Owner"] = map[string]any{"type": "object", "required": []any{"login"}, "properties": owner}
	schemas["Link"] = map[string]any{"type": "object", "properties": map[string]any{
		"rel":  map[string]any{"type": "string", "enum": []any{"self", "next", "prev"}},
		"href": map[string]any{"type": "string", "format": "uri"},
	}}
	if revised {
		for i := range max(resources/10, 1) {
			name := fmt.Sprintf("Added%d", i)
			schemas[name] = map[string]any{"type": "object", "properties": map[string]any{"id": map[string]any{"type": "string"}}}
			paths[fmt.Sprintf("/v2/added%d", i)] = map[string]any{"get": operation(name, "get", i, false, false)}
		}
	}
	return map[string]any{
		"openapi": "3.0.3",
		"info": map[string]any{
			"title":       "Synthetic API",
			"version":     version,
			"description": "A generated API for benchmarks.",
		},
		"servers":    []any{map[string]any{"url": "https://api.example.com"}},
		"paths":      paths,
		"components": map[string]any{"schemas": schemas},
	}
}

// removed tells the resources the revision drops.
func removed(i int) bool { return i%20 == 9 }

func statusEnum(extended bool) []any {
	e := []any{"pending", "active", "archived"}
	if extended {
		e = append(e, "deleted")
	}
	return e
}

func maxLength(shorter bool) int {
	if shorter {
		return 32
	}
	return 64
}

func resourceSchema(rnd *rand.Rand, i int, revised bool, change int) map[string]any {
	props := map[string]any{
		"id":      map[string]any{"type": "string", "readOnly": true},
		"name":    map[string]any{"type": "string", "maxLength": 200, "description": "The display name."},
		"status":  map[string]any{"$ref": fmt.Sprintf("#/components/schemas/Resource%dStatus", i)},
		"created": map[string]any{"type": "string", "format": "date-time"},
		"tags":    map[string]any{"type": "array", "items": map[string]any{"type": "string"}, "maxItems": 20},
		"owner":   map[string]any{"$ref": "#/components/schemas/Owner"},
		"address": map[string]any{
			"type": "object",
			"properties": map[string]any{
				"street":  map[string]any{"type": "string"},
				"zip":     map[string]any{"type": "integer", "minimum": 1},
				"country": map[string]any{"type": "string", "minLength": 2, "maxLength": 2},
			},
		},
	}
	for f := range 4 + rnd.IntN(8) {
		props[fmt.Sprintf("field%d", f)] = map[string]any{
			"type":        []string{"string", "integer", "boolean", "number"}[rnd.IntN(4)],
			"description": fmt.Sprintf("Field %d of resource %d.", f, i),
		}
	}
	required := []any{"id", "name"}
	props["links"] = map[string]any{"type": "array", "items": map[string]any{"$ref": "#/components/schemas/Link"}}
	if revised {
		switch change {
		case 0:
			props["name"] = map[string]any{"type": "string", "maxLength": 100, "description": "The display name."}
		case 1:
			props["size"] = map[string]any{"type": "integer", "description": "A new property."}
		case 2:
			delete(props, "created")
		case 3:
			required = append(required, "status")
		case 4:
			props["address"].(map[string]any)["properties"].(map[string]any)["zip"] = map[string]any{"type": "string"}
		case 5:
			props["name"].(map[string]any)["description"] = "The name shown to people."
		}
	}
	return map[string]any{
		"type":        "object",
		"description": fmt.Sprintf("Resource number %d.", i),
		"required":    required,
		"properties":  props,
	}
}

func operation(schema, verb string, i int, changed, list bool) map[string]any {
	ref := map[string]any{"$ref": "#/components/schemas/" + schema}
	body := any(ref)
	if list {
		body = map[string]any{"type": "array", "items": ref}
	}
	op := map[string]any{
		"operationId": fmt.Sprintf("%s%s%d", verb, schema, i),
		"summary":     fmt.Sprintf("%s a resource", verb),
		"tags":        []any{"resources"},
		"responses": map[string]any{
			"200": map[string]any{
				"description": "OK",
				"content":     map[string]any{"application/json": map[string]any{"schema": body}},
			},
			"404": map[string]any{"description": "Not found"},
		},
	}
	if list {
		limit := map[string]any{"name": "limit", "in": "query", "schema": map[string]any{"type": "integer", "maximum": 100}}
		if changed {
			limit["required"] = true
		}
		op["parameters"] = []any{limit}
	}
	if verb == "create" || verb == "replace" {
		op["requestBody"] = map[string]any{
			"required": true,
			"content":  map[string]any{"application/json": map[string]any{"schema": ref}},
		}
	}
	if changed && !list {
		op["deprecated"] = true
	}
	return op
}
