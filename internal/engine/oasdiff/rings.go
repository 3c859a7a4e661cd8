package oasdiff

import (
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apibump/apibump/internal/upstream"
)

// Keeping oasdiff's diff linear on rings of $refs.
//
// oasdiff v1.38.0 diffs schemas as a graph of pairs and unrolls it from
// every place a schema starts (a media type, a parameter, each entry of
// components.schemas): each unroll expands the whole strongly connected
// component it enters, and at every node it expands names the ancestors
// on its path that lie in the same component (unroller.cutKey: a slice of
// the path, sorted and written out). A ring of n components (each one's
// property a $ref to the next, the last's back to the first) is n+1
// unrolls of n nodes at n ancestors each: n³ (a ring of 1000, 80 KB, took
// 75 s). Schemas that refer to one another in a cycle this large are no
// real API's, so before oasdiff runs, CutRings cuts the $refs inside every
// such ring, on both documents alike, putting in their place one empty
// schema shared by both sides (oasdiff compares it with itself and finds
// nothing): each document is then free of large cycles, and oasdiff's
// unrolls each reach a node once. What differs beyond a cut is left to
// apibump's own comparison of the trees, which reports every difference
// of the documents, as it does below upstream.MaxSchemaDiffDepth. It
// mutates the models (put back by the function it returns, once oasdiff's
// checks are done): they are oasdiff's input, read by nothing else
// meanwhile. The public-API mode cuts nothing.
//
// The rings are found among the schemas $refs point to (every cycle passes
// through one): a graph whose nodes are those targets, linked when one's
// inline subtree holds a $ref to another, and its strongly connected
// components (Tarjan). A cut is named by its place, the least $ref
// string naming the target it is under and the keywords from there, so
// that what one document cuts the other cuts too: a $ref cut on one side
// only would compare the empty schema with the other side's.

// MaxRing is the most $ref targets a cycle of schemas may join for oasdiff
// to read it whole: as many as the levels of schema differences its checks
// read (upstream.MaxSchemaDiffDepth; a ring larger than that holds places
// deeper than that below where it starts). Stripe's API has a component of
// 71, GitHub's and Adyen's none larger than one.
const MaxRing = upstream.MaxSchemaDiffDepth

// CutRings cuts, in base and rev, every $ref between two targets of a
// strongly connected component of more than max targets (in either
// document), and the schema at the same place in the other document. It
// returns how many it cut and a function that puts them back.
func CutRings(base, rev *openapi3.T, max int) (cut int, undo func()) {
	graphs := [2]*refGraph{newRefGraph(base), newRefGraph(rev)}
	big := false
	for _, g := range graphs {
		big = g.components(max) || big
	}
	if !big {
		big = pairRings([2]*openapi3.T{base, rev}, graphs, max)
	}
	if !big {
		return 0, func() {}
	}
	places := &placeTree{made: map[placeKey]*place{}}
	cuts := map[*place]bool{}
	for _, g := range graphs {
		g.inline(places, func(from *refTarget, _ *openapi3.Schema, _ string, at *place, ref *openapi3.SchemaRef) {
			if ref.Ref != "" && from.big && g.targets[ref.Value] != nil && g.targets[ref.Value].scc == from.scc {
				cuts[at] = true
			}
		})
	}
	var undos []func()
	for _, g := range graphs {
		g.inline(places, func(_ *refTarget, holder *openapi3.Schema, tok string, at *place, ref *openapi3.SchemaRef) {
			if cuts[at] {
				upstream.SetSubschema(holder, tok, placeholder)
				undos = append(undos, func() { upstream.SetSubschema(holder, tok, ref) })
			}
		})
	}
	return len(undos), func() {
		for _, u := range slices.Backward(undos) {
			u() // last cut first: a schema both models share was cut twice
		}
	}
}

// placeholder stands for every schema cut: the same value on both sides.
var placeholder = &openapi3.SchemaRef{Value: &openapi3.Schema{}}

type refGraph struct {
	targets map[*openapi3.Schema]*refTarget
	order   []*refTarget // by name, for a walk the same on every run
	cyclic  bool         // some target reaches itself
}

type refTarget struct {
	s    *openapi3.Schema
	name string       // the least $ref naming it
	out  []*refTarget // the targets its inline subtree refers to
	scc  int          // its strongly connected component
	big  bool         // in a component of more than max targets
	// cyclic: it reaches itself; below: the targets its inline subtree
	// reaches, by place from it (pairRings)
	cyclic bool
	below  map[*place]*refTarget
}

// newRefGraph finds the $ref targets of doc's schemas and the links
// between them.
func newRefGraph(doc *openapi3.T) *refGraph {
	g := &refGraph{targets: map[*openapi3.Schema]*refTarget{}}
	var roots []*openapi3.SchemaRef
	eachSchemaRef(doc, func(r *openapi3.SchemaRef) { roots = append(roots, r) })
	// Every schema once, following $refs too, noting each target.
	seen := map[*openapi3.Schema]bool{}
	var stack []*openapi3.SchemaRef
	note := func(r *openapi3.SchemaRef) {
		if r == nil || r.Value == nil {
			return
		}
		if r.Ref != "" {
			t := g.targets[r.Value]
			if t == nil {
				t = &refTarget{s: r.Value, name: r.Ref}
				g.targets[r.Value] = t
				g.order = append(g.order, t)
			} else if r.Ref < t.name {
				t.name = r.Ref
			}
		}
		if !seen[r.Value] {
			seen[r.Value] = true
			stack = append(stack, r)
		}
	}
	for _, r := range roots {
		note(r)
	}
	for len(stack) > 0 {
		r := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		upstream.EachSubschema(r.Value, func(_ string, c *openapi3.SchemaRef) { note(c) })
	}
	// In the order of their names, so that each schema is reached from the
	// same target on every run.
	slices.SortStableFunc(g.order, func(a, b *refTarget) int { return strings.Compare(a.name, b.name) })
	g.inline(nil, func(from *refTarget, _ *openapi3.Schema, _ string, _ *place, ref *openapi3.SchemaRef) {
		if to := g.targets[ref.Value]; to != nil && ref.Ref != "" {
			from.out = append(from.out, to)
		}
	})
	return g
}

// inline calls f with each child of the inline subtree of each target
// (down to, not into, the $refs and the other targets), and, with places,
// the place of each child.
func (g *refGraph) inline(places *placeTree, f func(from *refTarget, holder *openapi3.Schema, tok string, at *place, ref *openapi3.SchemaRef)) {
	seen := map[*openapi3.Schema]bool{}
	for _, t := range g.order {
		var at *place
		if places != nil {
			at = places.child(nil, t.name)
		}
		seen[t.s] = true
		walkInline(g, t.s, at, places, seen, func(holder *openapi3.Schema, tok string, at *place, c *openapi3.SchemaRef) {
			f(t, holder, tok, at, c)
		})
	}
}

// components numbers the strongly connected components of the targets and
// marks those of more than max; it tells whether there is one.
func (g *refGraph) components(max int) bool {
	idx := make(map[*refTarget]int, len(g.order))
	for i, t := range g.order {
		idx[t] = i
	}
	comp, size := components(len(g.order), func(i int) []int {
		out := make([]int, len(g.order[i].out))
		for j, c := range g.order[i].out {
			out[j] = idx[c]
		}
		return out
	})
	any := false
	for i, t := range g.order {
		t.scc = comp[i]
		t.big = size[comp[i]] > max
		any = any || t.big
		t.cyclic = size[comp[i]] > 1 || slices.Contains(t.out, t)
		g.cyclic = g.cyclic || t.cyclic
	}
	return any
}

// components numbers the strongly connected components of the nodes 0 … n-1
// (Tarjan's algorithm, without recursion: a chain can be as long as the
// document), out giving the nodes each links to; it returns each node's
// component and the size of each component.
func components(n int, out func(i int) []int) (comp, size []int) {
	index := make([]int, n) // from 1; 0: not visited
	low := make([]int, n)
	onStack := make([]bool, n)
	comp = make([]int, n)
	var stack []int
	type frame struct {
		v, next int
		succ    []int
	}
	next := 0
	visit := func(v int) frame {
		next++
		index[v], low[v] = next, next
		stack = append(stack, v)
		onStack[v] = true
		return frame{v: v, succ: out(v)}
	}
	for root := range n {
		if index[root] != 0 {
			continue
		}
		calls := []frame{visit(root)}
		for len(calls) > 0 {
			f := &calls[len(calls)-1]
			if f.next < len(f.succ) {
				w := f.succ[f.next]
				f.next++
				if index[w] == 0 {
					calls = append(calls, visit(w))
				} else if onStack[w] {
					low[f.v] = min(low[f.v], index[w])
				}
				continue
			}
			v := f.v
			calls = calls[:len(calls)-1]
			if len(calls) > 0 {
				p := calls[len(calls)-1].v
				low[p] = min(low[p], low[v])
			}
			if low[v] != index[v] {
				continue
			}
			c, members := len(size), 0
			for {
				w := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				onStack[w] = false
				comp[w] = c
				members++
				if w == v {
					break
				}
			}
			size = append(size, members)
		}
	}
	return comp, size
}

// A place is a position below a $ref target, by the target's name and
// the keywords from it; the same place in both documents is one *place.
// (Not of size zero: distinct ones must have distinct addresses.)
type place struct{ parent *place }

type placeKey struct {
	parent *place
	tok    string
}

type placeTree struct{ made map[placeKey]*place }

func (p *placeTree) child(parent *place, tok string) *place {
	k := placeKey{parent, tok}
	c := p.made[k]
	if c == nil {
		c = &place{parent: parent}
		p.made[k] = c
	}
	return c
}

var (
	schemaRefType = reflect.TypeFor[*openapi3.SchemaRef]()
	originPtrType = reflect.TypeFor[*openapi3.Origin]()
)

// refFinder calls f with each *SchemaRef outside the schemas (those of
// media types, parameters, headers, components...), not looking into
// them, nor into values of type any (extensions, examples) or origins.
// The map-like types (Paths, Responses, Callback) are read through their
// Map method.
type refFinder struct {
	f      func(*openapi3.SchemaRef)
	fAt    func(*place, *openapi3.SchemaRef) // with places (eachSchemaRefAt)
	places *placeTree
	seen   map[uintptr]bool
	fields map[reflect.Type][]int // the exported fields of a struct type
	maps   map[reflect.Type]int   // the index of a pointer type's Map method, or -1
}

func eachSchemaRef(doc *openapi3.T, f func(*openapi3.SchemaRef)) {
	w := &refFinder{f: f, seen: map[uintptr]bool{}, fields: map[reflect.Type][]int{}, maps: map[reflect.Type]int{}}
	w.walk(reflect.ValueOf(doc), nil)
}

func (w *refFinder) walk(v reflect.Value, at *place) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return
		}
		t := v.Type()
		switch t {
		case schemaRefType:
			if w.fAt != nil {
				w.fAt(at, v.Interface().(*openapi3.SchemaRef))
			} else {
				w.f(v.Interface().(*openapi3.SchemaRef))
			}
			return
		case originPtrType:
			return
		}
		if w.seen[v.Pointer()] {
			return
		}
		w.seen[v.Pointer()] = true
		m, ok := w.maps[t]
		if !ok {
			m = -1
			if mm, ok := t.MethodByName("Map"); ok && mm.Type.NumIn() == 1 && mm.Type.NumOut() == 1 {
				m = mm.Index
			}
			w.maps[t] = m
		}
		if m >= 0 {
			w.walk(v.Method(m).Call(nil)[0], at)
		}
		w.walk(v.Elem(), at)
	case reflect.Struct:
		t := v.Type()
		fields, ok := w.fields[t]
		if !ok {
			for i := range t.NumField() {
				if t.Field(i).IsExported() {
					fields = append(fields, i)
				}
			}
			w.fields[t] = fields
		}
		for _, i := range fields {
			w.walk(v.Field(i), w.child(at, func() string { return t.Field(i).Name }))
		}
	case reflect.Map:
		if k := v.Type().Elem().Kind(); k == reflect.Interface || k == reflect.String {
			return
		}
		iter := v.MapRange()
		for iter.Next() {
			w.walk(iter.Value(), w.child(at, func() string { return iter.Key().String() }))
		}
	case reflect.Slice, reflect.Array:
		if k := v.Type().Elem().Kind(); k != reflect.Pointer && k != reflect.Struct && k != reflect.Map && k != reflect.Slice {
			return
		}
		for i := range v.Len() {
			w.walk(v.Index(i), w.child(at, func() string { return strconv.Itoa(i) }))
		}
	}
}
