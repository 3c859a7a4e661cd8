package kinmodel_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/apibump/apibump/internal/kinmodel"
	"github.com/apibump/apibump/internal/source"
)

func TestZZExp(t *testing.T) {
	dir := t.TempDir()
	for i, body := range []string{
		`openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a:
    get:
      parameters:
        - {name: q, in: query, required: "yes", schema: {type: string}}
      responses: {"200": {description: ok}}
`,
		`openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a:
    get:
      parameters:
        - {name: q, in: query, Required: "yes", schema: {type: string}}
      responses: {"200": {description: ok}}
`,
		`openapi: 3.0.3
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    A: {type: object, required: [a, 1]}
`,
		`openapi: 3.0.3
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    A: {type: string, minLength: -1}
`,
		`openapi: 3.0.3
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    A: {type: string, minLength: 1.5}
`,
		`openapi: 3.0.3
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    A: {type: 5}
`,
		`openapi: 3.0.3
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    A: {type: object, additionalProperties: 5}
`,
		`openapi: 3.0.3
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    A: {type: number, exclusiveMinimum: "x"}
`,
		`openapi: 3.0.3
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    A: {type: object, examples: {a: 1}}
`,
		`openapi: 3.0.3
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    A: 5
`,
		`openapi: 3.1.0
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    B: {type: string}
    A: {$ref: "#/components/schemas/B", minLength: "x"}
`,
		`openapi: 3.0.3
info: {title: t, version: "1"}
paths: {}
components:
  parameters:
    P: {$ref: "#/components/schemas/B"}
  schemas:
    B: {type: string, required: [a]}
`,
		`openapi: 3.0.3
info: {title: t, version: "1"}
paths: 5
`,
		`openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a: 5
`,
		`openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a:
    get:
      responses: {"200": 5}
`,
		`openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a:
    get:
      responses: []
`,
		`openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a:
    get:
      tags: [1]
      responses: {}
`,
		`openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a:
    get:
      parameters: {a: 1}
      responses: {}
`,
		`openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a:
    get:
      parameters: [5]
      responses: {}
`,
		`openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a:
    get:
      responses: {}
      security: [{a: "x"}]
`,
	} {
		p := filepath.Join(dir, fmt.Sprintf("s%d.yaml", i))
		os.WriteFile(p, []byte(body), 0o644)
		_, err := kinmodel.Load(source.ParseInput(p), source.LoadOptions{})
		fmt.Printf("%d: %v\n", i, err)
	}
}
