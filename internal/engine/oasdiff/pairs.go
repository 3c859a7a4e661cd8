package oasdiff

import (
	"reflect"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apibump/apibump/internal/upstream"
)

// Rings of pairs.
//
// oasdiff's diff does not walk each document's schemas but the pairs it
// makes of them: the schemas at the same place of the two documents (a
// media type's, a component's of the same name), then, from each pair,
// the schemas at the same place below each. A ring of targets is a ring
// of as many pairs when it is the same ring on both sides, but two rings
// of different lengths whose $refs meet (a ring of 40 components against
// the same with a 41st inserted) make a ring of their product (1,640
// pairs), which oasdiff unrolls as it would a ring of that many targets
// (a 3 KB pair took 7 s). pairRings finds the strongly connected components
// of the pairs oasdiff reaches, and marks as big, in each document, the
// components of targets a ring of more than max pairs runs through, so
// CutRings cuts them as it cuts a ring too large on one side. Should the
// pairs outnumber a few times the links of both documents, every ring is
// marked: the walk of pairs itself stays linear.

// pairRings marks big the components the rings of more than max pairs run
// through; it tells whether it marked one. It reads the graphs' components
// (refGraph.components).
func pairRings(docs [2]*openapi3.T, graphs [2]*refGraph, max int) bool {
	for _, g := range graphs {
		if !g.cyclic {
			return false // a ring of pairs projects on a ring on each side
		}
	}
	places := &placeTree{made: map[placeKey]*place{}}
	rel := places.child(nil, "") // where every target starts, for its links
	links, roots := [2]int{}, [2]map[*place]*refTarget{}
	budget := 1000
	for i, g := range graphs {
		for _, t := range g.order {
			t.below = map[*place]*refTarget{}
			walkInline(g, t.s, rel, places, map[*openapi3.Schema]bool{t.s: true}, func(_ *openapi3.Schema, _ string, at *place, c *openapi3.SchemaRef) {
				if to := g.targets[c.Value]; to != nil && t.below[at] == nil {
					t.below[at] = to
					links[i]++
				}
			})
		}
		budget += 4 * links[i]
		roots[i] = map[*place]*refTarget{}
		eachSchemaRefAt(docs[i], places, func(at *place, r *openapi3.SchemaRef) {
			if t := g.targets[r.Value]; t != nil {
				if roots[i][at] == nil {
					roots[i][at] = t
				}
				return
			}
			walkInline(g, r.Value, at, places, map[*openapi3.Schema]bool{r.Value: true}, func(_ *openapi3.Schema, _ string, at *place, c *openapi3.SchemaRef) {
				if to := g.targets[c.Value]; to != nil && roots[i][at] == nil {
					roots[i][at] = to
				}
			})
		})
	}
	type pair [2]*refTarget
	ids := map[pair]int{}
	var pairs []pair
	var out [][]int
	add := func(p pair) int {
		id, ok := ids[p]
		if !ok {
			id = len(pairs)
			ids[p] = id
			pairs = append(pairs, p)
			out = append(out, nil)
		}
		return id
	}
	// The pairs reached, and the cost of their walk, do not depend on the
	// order of the roots.
	for at, b := range roots[0] {
		if r := roots[1][at]; r != nil {
			add(pair{b, r})
		}
	}
	bigScc := [2]map[int]bool{{}, {}}
	for i := 0; i < len(pairs); i++ {
		x, y := pairs[i][0], pairs[i][1]
		if budget -= len(x.below) + 1; budget < 0 {
			for side, g := range graphs {
				for _, t := range g.order {
					bigScc[side][t.scc] = bigScc[side][t.scc] || t.cyclic
				}
			}
			return markBig(graphs, bigScc)
		}
		for at, z := range x.below {
			if w := y.below[at]; w != nil {
				out[i] = append(out[i], add(pair{z, w}))
			}
		}
	}
	comp, size := components(len(pairs), func(i int) []int { return out[i] })
	for i, p := range pairs {
		if size[comp[i]] > max {
			for side := range graphs {
				bigScc[side][p[side].scc] = true
			}
		}
	}
	return markBig(graphs, bigScc)
}

// markBig marks big the targets of the components named, in each graph.
func markBig(graphs [2]*refGraph, bigScc [2]map[int]bool) bool {
	any := false
	for side, g := range graphs {
		for _, t := range g.order {
			if bigScc[side][t.scc] {
				t.big, any = true, true
			}
		}
	}
	return any
}

// walkInline calls f with each schema of the inline subtree of s (down to,
// not into, the $refs and the targets), each with the schema holding it,
// its token there and its place (at is s's); seen holds the schemas walked.
func walkInline(g *refGraph, s *openapi3.Schema, at *place, places *placeTree, seen map[*openapi3.Schema]bool, f func(holder *openapi3.Schema, tok string, at *place, c *openapi3.SchemaRef)) {
	type item struct {
		s  *openapi3.Schema
		at *place
	}
	stack := []item{{s, at}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		upstream.EachSubschema(it.s, func(tok string, c *openapi3.SchemaRef) {
			if c == nil || c.Value == nil {
				return
			}
			var at *place
			if places != nil {
				at = places.child(it.at, tok)
			}
			f(it.s, tok, at, c)
			if c.Ref == "" && g.targets[c.Value] == nil && !seen[c.Value] {
				seen[c.Value] = true
				stack = append(stack, item{c.Value, at})
			}
		})
	}
}

// eachSchemaRefAt is eachSchemaRef with the place of each schema in the
// document: the fields, keys and indexes leading to it.
func eachSchemaRefAt(doc *openapi3.T, places *placeTree, f func(at *place, r *openapi3.SchemaRef)) {
	w := &refFinder{fAt: f, places: places, seen: map[uintptr]bool{}, fields: map[reflect.Type][]int{}, maps: map[reflect.Type]int{}}
	w.walk(reflect.ValueOf(doc), places.child(nil, "#"))
}

// child is the place below at by tok, or nil when places are not asked for.
func (w *refFinder) child(at *place, tok func() string) *place {
	if w.places == nil {
		return nil
	}
	return w.places.child(at, tok())
}
