package specgen

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// Templated returns an OpenAPI 3.0 document (indented JSON) of n templated
// paths /r{i}/{id}, each with a path-level parameter, a GET and a PUT of an
// inline record schema and a shared 404 response: issue #14's many-paths
// pair, about 2.6 KB a path (25,200 paths: about 63 MiB). With revised,
// changed operations differ: spread evenly over the paths, GET's `name`
// gets a longer maxLength and PUT's request a new optional property in
// turn.
func Templated(n, changed int, revised bool) []byte {
	var b bytes.Buffer
	version := "1.0.0"
	if revised {
		version = "1.1.0"
	}
	fmt.Fprintf(&b, "{\n  \"openapi\": \"3.0.3\",\n  \"info\": {\n    \"title\": \"Templated paths\",\n    \"version\": %q\n  },\n  \"paths\": {", version)
	step := n
	if changed > 0 {
		step = max(n/changed, 1)
	}
	for i := range n {
		k := -1 // which change, if any, this path carries
		if revised && changed > 0 && i%step == step/2 && i/step < changed {
			k = i / step
		}
		item, err := json.MarshalIndent(templatedItem(i, k), "    ", "  ")
		if err != nil {
			panic(err)
		}
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "\n    \"/r%d/{id}\": ", i)
		b.Write(item)
	}
	b.WriteString(`
  },
  "components": {
    "schemas": {
      "Owner": {
        "type": "object",
        "required": ["login"],
        "properties": {
          "login": {"type": "string", "description": "The owner's login."},
          "email": {"type": "string", "format": "email"}
        }
      }
    },
    "responses": {
      "NotFound": {
        "description": "No such record.",
        "content": {"application/json": {"schema": {"type": "object", "properties": {"message": {"type": "string"}}}}}
      }
    }
  }
}
`)
	return b.Bytes()
}

// templatedItem is path i's item; change k (>= 0) alters one operation.
func templatedItem(i, k int) map[string]any {
	record := func(maxLen int, extra bool) map[string]any {
		props := map[string]any{
			"name":    map[string]any{"type": "string", "maxLength": maxLen, "description": "Its name."},
			"size":    map[string]any{"type": "integer", "minimum": 0},
			"created": map[string]any{"type": "string", "format": "date-time"},
			"owner":   map[string]any{"$ref": "#/components/schemas/Owner"},
		}
		if extra {
			props["note"] = map[string]any{"type": "string", "description": "A note."}
		}
		return map[string]any{"type": "object", "required": []any{"name"}, "properties": props}
	}
	getLen, putExtra := 100, false
	if k >= 0 && k%2 == 0 {
		getLen = 120
	}
	if k >= 0 && k%2 == 1 {
		putExtra = true
	}
	notFound := map[string]any{"$ref": "#/components/responses/NotFound"}
	return map[string]any{
		"parameters": []any{map[string]any{"name": "id", "in": "path", "required": true, "description": "The record's id.", "schema": map[string]any{"type": "string"}}},
		"get": map[string]any{
			"operationId": fmt.Sprintf("getR%d", i),
			"summary":     fmt.Sprintf("Get a record of collection %d.", i),
			"tags":        []any{fmt.Sprintf("r%d", i%100)},
			"responses": map[string]any{
				"200": map[string]any{"description": "The record.", "content": map[string]any{"application/json": map[string]any{"schema": record(getLen, false)}}},
				"404": notFound,
			},
		},
		"put": map[string]any{
			"operationId": fmt.Sprintf("putR%d", i),
			"requestBody": map[string]any{"required": true, "content": map[string]any{"application/json": map[string]any{"schema": record(100, putExtra)}}},
			"responses": map[string]any{
				"204": map[string]any{"description": "Replaced."},
				"404": notFound,
			},
		},
	}
}
