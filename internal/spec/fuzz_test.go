package spec_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apibump/apibump/internal/classify"
	"github.com/apibump/apibump/internal/classify/classifytest"
	"github.com/apibump/apibump/internal/kinmodel"
	"github.com/apibump/apibump/internal/source"
	"github.com/apibump/apibump/internal/spec"
)

const fuzzSmallYAML = `openapi: 3.0.3
info:
  title: Small
  version: "1.0.0"
paths:
  /items/{id}:
    get:
      parameters:
        - name: id
          in: path
          required: true
          schema: {type: string}
      responses:
        "200":
          description: An item.
          content:
            application/json:
              schema:
                $ref: "#/components/schemas/Item"
components:
  schemas:
    Item:
      type: object
      properties:
        id: {type: string}
        n: {type: integer, minimum: 0}
`

const fuzzSmallJSON = `{"openapi":"3.1.0","info":{"title":"J","version":"2"},"paths":{"/a":{"post":{"requestBody":{"content":{"application/json":{"schema":{"type":["string","null"]}}}},"responses":{"204":{"description":"none"}}}}}}`

const fuzzSwagger = `swagger: "2.0"
info: {title: S, version: "2024-01-15"}
paths:
  /p:
    get:
      parameters:
        - {name: q, in: query, type: string, enum: [a, b]}
      responses:
        "200": {description: ok, schema: {$ref: "#/definitions/D"}}
definitions:
  D: {type: object, properties: {x: {type: number}}}
`

// fuzzParseSeeds are small documents, valid and broken, for FuzzParseFile.
var fuzzParseSeeds = []string{
	fuzzSmallYAML,
	fuzzSmallJSON,
	fuzzSwagger,
	"openapi: 3.0.3\ninfo: {title: A, version: \"1\"}\npaths: {}\n",
	"a: &a [1, 2]\nb: [*a, *a]\nc:\n  <<: {x: 1}\n  y: 2\n",
	"x: 0x1F\ny: 1_000\nz: .inf\nw: -.5e3\nv: 0o17\nu: ~\nt: yes\n",
	`{"a": "\/b", "c": [1, 2.5e-3, true, null, "\u00e9"]}`,
	"{\"openapi\": \"3.0.3\",}\n",
	"openapi: 3.0.3\ninfo:\n\ttitle: tab\n",
	"openapi: 3.0.3\ninfo: {title: A, title: B}\n",
	"- just\n- a\n- list\n",
	"plain scalar",
	"",
	"\xff\xfe",
	"a: *undefined\n",
	"? [complex, key]\n: value\n",
	"--- \nopenapi: 3.0.3\n---\nsecond: doc\n",
	"a: !!binary aGVsbG8=\nb: !custom tag\n",
	"key: |\n  literal\n  block\nother: >-\n  folded\n",
}

// walk checks the invariants of a parsed tree and returns how many nodes it
// visited, stopping after budget (aliases may share subtrees).
func walk(t *testing.T, f *spec.File, n *spec.Node, budget *int) {
	if *budget <= 0 {
		return
	}
	*budget--
	if n.File != f {
		t.Fatalf("node %+v has File %p, want %p", n.Pos, n.File, f)
	}
	if n.Pos.Line < 1 || n.Pos.Col < 1 {
		t.Fatalf("node %q has no position: %+v", n.Value, n.Pos)
	}
	switch n.Kind {
	case spec.Object:
		if len(n.Keys) != len(n.Children) {
			t.Fatalf("object with %d keys and %d children", len(n.Keys), len(n.Children))
		}
		seen := map[string]bool{}
		for i, k := range n.Keys {
			if seen[k] {
				t.Fatalf("duplicate key %q kept in the tree", k)
			}
			seen[k] = true
			if n.Get(k) != n.Children[i] {
				t.Fatalf("Get(%q) does not return its child", k)
			}
		}
	case spec.Array:
		if len(n.Keys) != 0 {
			t.Fatalf("array with keys %v", n.Keys)
		}
	default:
		if len(n.Children) != 0 {
			t.Fatalf("scalar %q with children", n.Value)
		}
	}
	for _, c := range n.Children {
		walk(t, f, c, budget)
	}
}

func FuzzParseFile(f *testing.F) {
	for _, s := range fuzzParseSeeds {
		f.Add([]byte(s), true)
		f.Add([]byte(s), false)
	}
	f.Fuzz(func(t *testing.T, data []byte, root bool) {
		file, err := spec.ParseFile("fuzz.yaml", "/nowhere/fuzz.yaml", data, root)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("an error without a message")
			}
			return
		}
		if file == nil || file.Root == nil {
			t.Fatal("no error and no tree")
		}
		if file.Format != "json" && file.Format != "yaml" {
			t.Fatalf("format %q", file.Format)
		}
		budget := 20000
		walk(t, file, file.Root, &budget)
		if budget > 0 {
			// The whole tree was visited: its JSON form must be valid JSON,
			// since that is what the OpenAPI loader reads.
			if out := file.Root.AppendJSON(nil); !json.Valid(out) {
				t.Fatalf("AppendJSON gives invalid JSON: %.300s", out)
			}
		}
	})
}

// fuzzComparePairs are small spec pairs for FuzzCompare.
var fuzzComparePairs = [][2]string{
	{fuzzSmallYAML, strings.Replace(fuzzSmallYAML, "minimum: 0", "minimum: 1", 1)},
	{fuzzSmallYAML, strings.Replace(fuzzSmallYAML, "        n: {type: integer, minimum: 0}\n", "", 1)},
	{fuzzSmallYAML, strings.Replace(fuzzSmallYAML, "required: true", "required: false", 1)},
	{fuzzSmallJSON, strings.Replace(fuzzSmallJSON, `["string","null"]`, `"string"`, 1)},
	{fuzzSwagger, strings.Replace(fuzzSwagger, "enum: [a, b]", "enum: [a]", 1)},
	{fuzzSwagger, fuzzSmallYAML},
	{fuzzSmallYAML, fuzzSmallYAML},
	{fuzzSmallYAML, "openapi: 3.0.3\n"},
}

func FuzzCompare(f *testing.F) {
	for _, p := range fuzzComparePairs {
		f.Add([]byte(p[0]), []byte(p[1]))
	}
	for _, c := range []string{"breaking-security-override-removed", "path-parameter-renamed", "swagger2-yaml-breaking", "openapi31-json-breaking"} {
		dir := filepath.Join("..", "..", "testdata", c)
		var pair [2][]byte
		for i, side := range []string{"base", "revision"} {
			for _, ext := range []string{".yaml", ".json"} {
				if b, err := os.ReadFile(filepath.Join(dir, side+ext)); err == nil {
					pair[i] = b
				}
			}
		}
		if pair[0] != nil && pair[1] != nil {
			f.Add(pair[0], pair[1])
		}
	}
	f.Fuzz(func(t *testing.T, a, b []byte) {
		dir := t.TempDir()
		pa, pb, pc := filepath.Join(dir, "base.yaml"), filepath.Join(dir, "revision.yaml"), filepath.Join(dir, "copy.yaml")
		for p, data := range map[string][]byte{pa: a, pb: b, pc: a} {
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		base, err := kinmodel.Load(source.ParseInput(pa), source.LoadOptions{})
		if err != nil {
			return
		}
		if rev, err := kinmodel.Load(source.ParseInput(pb), source.LoadOptions{}); err == nil {
			cs, err := classify.Compare(base, rev, classify.Options{})
			if err == nil {
				for _, c := range cs {
					if c.ID == "" || c.Message == "" {
						t.Fatalf("a change without an id or a message: %+v", c)
					}
				}
			}
		}
		// A document compared with a copy of itself has no changes.
		cp, err := kinmodel.Load(source.ParseInput(pc), source.LoadOptions{})
		if err != nil {
			t.Fatalf("the copy of a document that loads does not load: %v", err)
		}
		cs, err := classify.Compare(base, cp, classify.Options{})
		if err != nil {
			return
		}
		if len(cs) != 0 {
			t.Fatalf("a document against its own copy gives %d changes:%s", len(cs), classifytest.Describe(cs))
		}
	})
}
