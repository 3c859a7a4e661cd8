package kinmodel_test

import (
	"testing"

	"github.com/apibump/apibump/internal/classify"
	"github.com/apibump/apibump/internal/classify/classifytest"
	"github.com/apibump/apibump/internal/kinmodel"
	"github.com/apibump/apibump/internal/source"
	"github.com/apibump/apibump/internal/spec"
	"github.com/apibump/apibump/internal/spec/spectest"
)

// A derived document reads its own roots: the kin-openapi model, Resolve
// from a node of the original tree, and the files; the original is untouched.
func TestWithRoots(t *testing.T) {
	dir := t.TempDir()
	spectest.Write(t, dir, "common.yaml", "Name: {type: string}\n")
	d := classifytest.Load(t, spectest.Write(t, dir, "spec.yaml", `openapi: 3.0.3
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
`), source.LoadOptions{})
	root := d.Root.Root
	comps := root.Get("components")
	schemas := comps.Get("schemas")
	a := schemas.Get("A")
	// A becomes a string: a new node for A, new ancestors, the rest shared.
	newA := spec.NewObject(a, []string{"type"}, []*spec.Node{a.Get("type")})
	newA.Children[0] = &spec.Node{Kind: spec.String, Value: "string", Pos: a.Get("type").Pos, File: a.File}
	newSchemas := spec.NewObject(schemas, []string{"A"}, []*spec.Node{newA})
	newComps := spec.NewObject(comps, []string{"schemas"}, []*spec.Node{newSchemas})
	keys := append([]string(nil), root.Keys...)
	kids := append([]*spec.Node(nil), root.Children...)
	for i, k := range keys {
		if k == "components" {
			kids[i] = newComps
		}
	}
	out, err := kinmodel.WithRoots(d, map[string]*spec.Node{d.Root.Key: spec.NewObject(root, keys, kids)})
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
	if cs, err := classify.Compare(d, out, classify.Options{}); err != nil || len(cs) == 0 {
		t.Errorf("Compare: %v, %d changes", err, len(cs))
	}
}
