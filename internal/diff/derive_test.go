package diff_test

import (
	"testing"

	"github.com/apibump/apibump/internal/diff"
)

// A derived document reads its own roots: the kin-openapi model, Resolve
// from a node of the original tree, and the files; the original is untouched.
func TestWithRoots(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "common.yaml", "Name: {type: string}\n")
	d := load(t, write(t, dir, "spec.yaml", `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/A"}
components:
  schemas:
    A: {type: object, properties: {n: {$ref: "common.yaml#/Name"}}}
`), diff.LoadOptions{})
	root := d.Root.Root
	comps := root.Get("components")
	schemas := comps.Get("schemas")
	a := schemas.Get("A")
	// A becomes a string: a new node for A, new ancestors, the rest shared.
	newA := diff.NewObject(a, []string{"type"}, []*diff.Node{a.Get("type")})
	newA.Children[0] = &diff.Node{Kind: diff.String, Value: "string", Pos: a.Get("type").Pos, File: a.File}
	newSchemas := diff.NewObject(schemas, []string{"A"}, []*diff.Node{newA})
	newComps := diff.NewObject(comps, []string{"schemas"}, []*diff.Node{newSchemas})
	keys := append([]string(nil), root.Keys...)
	kids := append([]*diff.Node(nil), root.Children...)
	for i, k := range keys {
		if k == "components" {
			kids[i] = newComps
		}
	}
	out, err := d.WithRoots(map[string]*diff.Node{d.Root.Key: diff.NewObject(root, keys, kids)})
	if err != nil {
		t.Fatal(err)
	}
	if got := out.Spec.Components.Schemas["A"].Value.Type.Slice(); len(got) != 1 || got[0] != "string" {
		t.Errorf("derived model: A has type %v", got)
	}
	if got := d.Spec.Components.Schemas["A"].Value.Type.Slice(); len(got) != 1 || got[0] != "object" {
		t.Errorf("original model changed: A has type %v", got)
	}
	// The $ref in the response is a node of the original tree: it resolves
	// in the derived document's root.
	ref := root.At("/paths/~1a/get/responses/200/content/application~1json/schema")
	if _, n, err := out.Resolve(ref.File, ref.Ref()); err != nil || n != newA {
		t.Errorf("Resolve in the derived document: %v, %v", n, err)
	}
	if _, n, err := d.Resolve(ref.File, ref.Ref()); err != nil || n != a {
		t.Errorf("Resolve in the original: %v, %v", n, err)
	}
	if len(out.Files()) != 2 || out.Files()[1] != d.Files()[1] || out.Root == d.Root {
		t.Errorf("files: the unchanged one should be shared, the root file copied")
	}
	if cs, err := diff.Compare(d, out, diff.Options{}); err != nil || len(cs) == 0 {
		t.Errorf("Compare: %v, %d changes", err, len(cs))
	}
}
