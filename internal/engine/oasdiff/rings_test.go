package oasdiff

import (
	"fmt"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// ring returns a document whose components S0 … S(n-1) each have a
// property next, a $ref to the following one (the last's to S0), and whose
// one operation returns S0; leaf is the type of S(n-1)'s property id.
func ring(n int, leaf string) *openapi3.T {
	schemas := openapi3.Schemas{}
	for i := range n {
		schemas[fmt.Sprintf("S%d", i)] = &openapi3.SchemaRef{Value: &openapi3.Schema{Type: &openapi3.Types{"object"}}}
	}
	for i := range n {
		next := fmt.Sprintf("S%d", (i+1)%n)
		s := schemas[fmt.Sprintf("S%d", i)].Value
		s.Properties = openapi3.Schemas{"next": {Ref: "#/components/schemas/" + next, Value: schemas[next].Value}}
		if i == n-1 {
			s.Properties["id"] = &openapi3.SchemaRef{Value: &openapi3.Schema{Type: &openapi3.Types{leaf}}}
		}
	}
	paths := openapi3.NewPaths()
	op := &openapi3.Operation{Responses: openapi3.NewResponses()}
	op.Responses.Set("200", &openapi3.ResponseRef{Value: &openapi3.Response{Content: openapi3.Content{
		"application/json": {Schema: &openapi3.SchemaRef{Ref: "#/components/schemas/S0", Value: schemas["S0"].Value}},
	}}})
	paths.Set("/ring", &openapi3.PathItem{Get: op})
	return &openapi3.T{OpenAPI: "3.0.3", Paths: paths, Components: &openapi3.Components{Schemas: schemas}}
}

// TestCutRings: a ring of more targets than the bound is cut at every
// $ref inside it, on both sides at the same places (the ring in the base
// only is cut in the revision too), and undo puts the $refs back; a ring
// within the bound is left as it is.
func TestCutRings(t *testing.T) {
	for _, tt := range []struct {
		name         string
		base, rev    *openapi3.T
		max, wantCut int
	}{
		{"both sides over the bound", ring(5, "string"), ring(5, "integer"), 4, 10},
		{"within the bound", ring(5, "string"), ring(5, "integer"), 5, 0},
		{"the base only over the bound", ring(5, "string"), ring(3, "integer"), 4, 8},
		// Rings within the bound on each side whose $refs pair every base
		// target with every revision target: 40 × 41 pairs in one ring.
		{"rings of 40 and 41, their pairs over the bound", ring(40, "string"), ring(41, "string"), MaxRing, 81},
		{"rings of 5 and 6, their pairs within the bound", ring(5, "string"), ring(6, "string"), MaxRing, 0},
		{"rings of 40 and 80, their pairs within the bound", ring(40, "string"), ring(80, "string"), MaxRing, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			before := map[*openapi3.SchemaRef]*openapi3.Schema{}
			for _, doc := range []*openapi3.T{tt.base, tt.rev} {
				for name, c := range doc.Components.Schemas {
					before[c] = c.Value
					if r := c.Value.Properties["next"]; r.Value == nil || r.Ref == "" {
						t.Fatalf("%s: next is not a $ref", name)
					}
				}
			}
			cut, undo := CutRings(tt.base, tt.rev, tt.max)
			if cut != tt.wantCut {
				t.Errorf("cut %d, want %d", cut, tt.wantCut)
			}
			for _, doc := range []*openapi3.T{tt.base, tt.rev} {
				for name, c := range doc.Components.Schemas {
					got := c.Value.Properties["next"]
					if cutHere := got == placeholder; cutHere != (tt.wantCut > 0) {
						t.Errorf("%s.next cut: %v", name, cutHere)
					}
				}
			}
			undo()
			for _, doc := range []*openapi3.T{tt.base, tt.rev} {
				for name, c := range doc.Components.Schemas {
					if r := c.Value.Properties["next"]; r == placeholder || r.Ref == "" {
						t.Errorf("%s.next not put back", name)
					}
				}
			}
		})
	}
}

// TestComponents: the strongly connected components of a small graph, and
// of a chain too long for a recursive walk's comfort.
func TestComponents(t *testing.T) {
	// 0 → 1 → 2 → 0, 2 → 3, 3 → 3, 4 → 3
	out := [][]int{{1}, {2}, {0, 3}, {3}, {3}}
	comp, size := components(len(out), func(i int) []int { return out[i] })
	if comp[0] != comp[1] || comp[1] != comp[2] || size[comp[0]] != 3 {
		t.Errorf("0, 1, 2 in components %v of sizes %v, want one of 3", comp[:3], size)
	}
	if comp[3] == comp[0] || comp[4] == comp[3] || size[comp[3]] != 1 || size[comp[4]] != 1 || len(size) != 3 {
		t.Errorf("components %v of sizes %v, want 3 and 4 apart", comp, size)
	}
	const n = 200000 // a ring: one component
	_, size = components(n, func(i int) []int { return []int{(i + 1) % n} })
	if len(size) != 1 || size[0] != n {
		t.Errorf("a ring of %d: components of sizes %v", n, size[:min(len(size), 5)])
	}
}
