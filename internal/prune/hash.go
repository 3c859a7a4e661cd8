package prune

import (
	"bytes"
	"hash/maphash"
	"path/filepath"
	"strings"

	"github.com/apibump/apibump/internal/spec"
)

// Hashing a document as the client sees it.
//
// A document is cut into units: the root of every file it read, every node
// a $ref points at, every node reached twice (a YAML alias), and the parts
// the reduction keeps or drops (each member of the root, each path item and
// each of its members, each webhook and its members, each component). Each
// unit's own content is hashed once, stopping at the units inside it, which
// become edges, as do the targets of the $refs in it (wherever they stand:
// the tree comparison and the users of a component follow them in examples
// too), the schemes named by a security requirement and the schemas named by
// a discriminator mapping. The hash of a unit (final) covers its content and
// everything it reaches: units are hashed a strongly connected component of
// the edge graph at a time (Tarjan), a component by the contents of its
// members and the final hashes of the units it reaches outside itself, so a
// cycle of $refs hashes finitely and the whole costs time linear in the
// documents. Key order does not count (an object's members are summed);
// everything else does: documentation, extensions, how a number is written,
// the text of every $ref and where each unit stands (its file, relative to
// the root file's directory, and its pointer). Equal final hashes mean equal
// trees, references followed, as both engines read them.

// h128 is a 128-bit hash: two independently seeded 64-bit lanes.
type h128 struct{ a, b uint64 }

func mix(x, y uint64) uint64 {
	x ^= y + 0x9e3779b97f4a7c15 + (x << 6) + (x >> 2)
	x ^= x >> 33
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	x *= 0xc4ceb9fe1a85ec53
	x ^= x >> 33
	return x
}

func (h h128) with(o h128) h128    { return h128{mix(h.a, o.a), mix(h.b, o.b)} }
func (h h128) plus(o h128) h128    { return h128{h.a + o.a, h.b + o.b} }
func (h h128) tag(t uint64) h128   { return h128{mix(h.a, t), mix(h.b, t^0x5bd1e995)} }
func (h h128) withN(n int) h128    { return h.tag(uint64(n) + 0x1000) }
func (s *seeds) str(v string) h128 { return h128{maphash.String(s.a, v), maphash.String(s.b, v)} }

// seeds are shared by the two documents, so their hashes compare.
type seeds struct{ a, b maphash.Seed }

func newSeeds() *seeds { return &seeds{maphash.MakeSeed(), maphash.MakeSeed()} }

// Tags of hashed values.
const (
	tagNull = iota + 1
	tagBool
	tagNumber
	tagString
	tagArray
	tagObject
	tagMember
	tagUnit
	tagEdge
	tagFinal
	tagSCC
	tagPath
)

// ownerKind says which part of the root document a unit belongs to.
type ownerKind uint8

const (
	ownNone      ownerKind = iota // another file, or not in a part the reduction keeps or drops
	ownDoc                        // a document-level part, always kept
	ownPath                       // under paths/<key>
	ownWebhook                    // under webhooks/<name>
	ownComponent                  // under components/<section>/<name> (or a Swagger 2.0 section)
)

type owner struct {
	kind ownerKind
	key  string // the path, the webhook name, or section + "/" + name
	// member is, under a path item or a webhook, the member of the item
	// the unit is in (an operation's method, "parameters"...); "" for the
	// item itself.
	member string
}

// unit is a hashed piece of a document.
type unit struct {
	node  *spec.Node
	file  *spec.File
	id    h128    // where it stands
	local h128    // its own content, with the units inside it as placeholders
	final h128    // its content and everything it reaches
	edges []*unit // the units it holds and those it refers to
	owner owner

	walked  bool
	index   int32 // Tarjan: -1 unvisited, -2 finished
	low     int32
	onStack bool
	reached bool // by the reduction's closure
}

// index is one document cut into units and hashed.
type index struct {
	doc   *spec.Document
	s     *seeds
	units map[*spec.Node]*unit
	// scalars counts the units that are scalars (targets of references:
	// the parts of the root that are scalars are no units, see finalOf),
	// so that the walk looks scalars up only when there are some.
	scalars int
	refs    map[*spec.Node][]*unit // nodes holding references, with their targets
	files   map[*spec.File]h128    // the identity of each file
	root    *spec.Node
	comps   string // where security requirements name their schemes: "/components/securitySchemes/" or "/securityDefinitions/"
}

func newIndex(doc *spec.Document, s *seeds) *index {
	x := &index{doc: doc, s: s, units: map[*spec.Node]*unit{}, refs: map[*spec.Node][]*unit{}, files: map[*spec.File]h128{}, root: doc.Root.Root}
	x.comps = "/components/securitySchemes/"
	if doc.Swagger {
		x.comps = "/securityDefinitions/"
	}
	return x
}

// unitOf returns the unit at n, making one.
func (x *index) unitOf(n *spec.Node, f *spec.File) *unit {
	u := x.units[n]
	if u == nil {
		u = &unit{node: n, file: f, index: -1}
		x.units[n] = u
		if n.Kind != spec.Object && n.Kind != spec.Array {
			x.scalars++
		}
	}
	return u
}

// build cuts the document into units and hashes them.
func (x *index) build() {
	files := x.doc.Files()
	rootDir := filepath.Dir(x.doc.Root.Key)
	for _, f := range files {
		rel := ""
		if f.Key != x.doc.Root.Key {
			if r, err := filepath.Rel(rootDir, f.Key); err == nil && !strings.Contains(f.Key, "://") {
				rel = filepath.ToSlash(r)
			} else {
				rel = f.Key
			}
		}
		x.files[f] = x.s.str("file:" + rel)
		if f.Root != nil {
			x.unitOf(f.Root, f).owner = owner{kind: ownNone}
		}
	}
	x.structure()
	for _, f := range files {
		if f.Root == nil {
			continue
		}
		var seen map[*spec.Node]bool
		if f.Format == "yaml" && bytes.IndexByte(f.Data, '&') >= 0 {
			seen = map[*spec.Node]bool{} // YAML aliases may share nodes
		}
		x.discover(f, f.Root, seen)
	}
	for _, f := range files {
		if f.Root == nil {
			continue
		}
		u := x.units[f.Root]
		u.walked = true
		u.id = x.files[f]
		u.local = x.walk(f.Root, u.id.a, u, false)
	}
	x.scc()
}

// structure makes units of the parts of the root document the reduction
// keeps or drops, each with its owner.
func (x *index) structure() {
	root := x.root
	if root == nil || root.Kind != spec.Object {
		return
	}
	f := x.doc.Root
	mk := func(n *spec.Node, o owner) {
		if n.Kind == spec.Object || n.Kind == spec.Array {
			x.unitOf(n, f).owner = o
		}
	}
	for i, k := range root.Keys {
		c := root.Children[i]
		mk(c, owner{kind: ownDoc})
		switch {
		case (k == "paths" || k == "webhooks") && plainMap(c):
			kind := ownPath
			if k == "webhooks" {
				kind = ownWebhook
			}
			for j, p := range c.Keys {
				item := c.Children[j]
				if strings.HasPrefix(p, "x-") {
					mk(item, owner{kind: ownDoc}) // an extension of the paths object: document-level
					continue
				}
				mk(item, owner{kind: kind, key: p})
				if plainMap(item) {
					for l, m := range item.Children {
						mk(m, owner{kind: kind, key: p, member: item.Keys[l]})
					}
				}
			}
		case k == "components" && plainMap(c):
			for j, sec := range c.Keys {
				s := c.Children[j]
				mk(s, owner{kind: ownDoc})
				if !componentSection(sec) || !plainMap(s) {
					continue
				}
				for l, name := range s.Keys {
					mk(s.Children[l], owner{kind: ownComponent, key: sec + "/" + name})
				}
			}
		case x.doc.Swagger && swaggerSection(k) && plainMap(c):
			for l, name := range c.Keys {
				mk(c.Children[l], owner{kind: ownComponent, key: k + "/" + name})
			}
		}
	}
}

// plainMap tells an object that is not a $ref.
func plainMap(n *spec.Node) bool {
	return n != nil && n.Kind == spec.Object && n.Get("$ref") == nil
}

func componentSection(k string) bool {
	switch k {
	case "schemas", "responses", "parameters", "examples", "requestBodies", "headers",
		"securitySchemes", "links", "callbacks", "pathItems":
		return true
	}
	return false
}

func swaggerSection(k string) bool {
	switch k {
	case "definitions", "parameters", "responses", "securityDefinitions":
		return true
	}
	return false
}

// discover finds the targets of the references under n (making units of
// them) and the nodes reached twice.
func (x *index) discover(f *spec.File, n *spec.Node, seen map[*spec.Node]bool) {
	if n.Kind != spec.Object && n.Kind != spec.Array {
		return
	}
	if seen != nil {
		if seen[n] {
			x.unitOf(n, f)
			return
		}
		seen[n] = true
	}
	if n.Kind == spec.Object {
		if ref := n.Ref(); ref != "" {
			x.target(n, f, ref)
		}
		for i, k := range n.Keys {
			c := n.Children[i]
			switch {
			case k == "mapping" && c.Kind == spec.Object:
				for _, v := range c.Children {
					if v.Kind != spec.String {
						continue
					}
					ref := v.Value
					if !looksLikeRef(ref) {
						ref = "#/components/schemas/" + spec.EscapeToken(ref)
					}
					x.target(c, f, ref)
				}
			case k == "security" && c.Kind == spec.Array:
				for _, req := range c.Children {
					if req.Kind != spec.Object {
						continue
					}
					for _, name := range req.Keys {
						x.target(c, x.doc.Root, "#"+x.comps+spec.EscapeToken(name))
					}
				}
			}
		}
	}
	for _, c := range n.Children {
		x.discover(f, c, seen)
	}
}

// target records that holder refers to ref, read in file f, when it leads
// somewhere already read.
func (x *index) target(holder *spec.Node, f *spec.File, ref string) {
	tf, t, ok := x.doc.Lookup(f, ref)
	if !ok {
		return
	}
	x.refs[holder] = append(x.refs[holder], x.unitOf(t, tf))
}

// looksLikeRef tells a discriminator mapping value that is a reference from
// a bare schema name (as package diff reads it).
func looksLikeRef(s string) bool {
	return strings.ContainsAny(s, "#/") || strings.HasSuffix(s, ".yaml") || strings.HasSuffix(s, ".yml") || strings.HasSuffix(s, ".json")
}

// walk hashes n, standing at path (a hash of its pointer) inside unit cur,
// adding cur's edges; a unit inside is hashed on its own, once. holder says
// that n, by its key, may hold references besides a $ref (a discriminator
// mapping, a security requirement list): discover looked those up.
func (x *index) walk(n *spec.Node, path uint64, cur *unit, holder bool) h128 {
	if n.Kind != spec.Object && n.Kind != spec.Array && x.scalars == 0 {
		return x.scalar(n)
	}
	if u := x.units[n]; u != nil && u != cur {
		if !u.walked {
			u.walked = true
			u.id = x.files[u.file].with(h128{path, ^path})
			if u.owner.kind == ownNone && u.file == cur.file {
				u.owner = cur.owner
			}
			u.local = x.walk(n, path, u, holder)
		}
		cur.edges = append(cur.edges, u)
		return u.id.tag(tagUnit)
	}
	switch n.Kind {
	case spec.Object:
		sum := h128{}
		for i, k := range n.Keys {
			holder = holder || k == "$ref"
			kh := x.s.str(k)
			sum = sum.plus(kh.with(x.walk(n.Children[i], mix(path, kh.a), cur, k == "mapping" || k == "security")).tag(tagMember))
		}
		x.edgesOf(n, cur, holder)
		return sum.withN(len(n.Keys)).tag(tagObject)
	case spec.Array:
		h := h128{tagArray, tagArray}
		for i, c := range n.Children {
			h = h.with(x.walk(c, mix(path, uint64(i)+tagPath), cur, false))
		}
		x.edgesOf(n, cur, holder)
		return h.withN(len(n.Children))
	}
	return x.scalar(n)
}

// scalar hashes a scalar.
func (x *index) scalar(n *spec.Node) h128 {
	switch n.Kind {
	case spec.Null:
		return h128{tagNull, tagNull}
	case spec.Bool:
		return x.s.str(n.Value).tag(tagBool)
	case spec.Number:
		return x.s.str(n.Value).tag(tagNumber)
	}
	return x.s.str(n.Value).tag(tagString)
}

// edgesOf adds to cur the targets of the references n holds.
func (x *index) edgesOf(n *spec.Node, cur *unit, holder bool) {
	if !holder {
		return
	}
	if ts, ok := x.refs[n]; ok {
		cur.edges = append(cur.edges, ts...)
	}
}

// scc computes the final hash of every unit, a strongly connected component
// of the edge graph at a time (Tarjan's algorithm, without recursion).
func (x *index) scc() {
	var (
		next  int32
		stack []*unit
	)
	type frame struct {
		u *unit
		i int
	}
	for _, start := range x.units {
		if start.index != -1 {
			continue
		}
		calls := []frame{{u: start}}
		start.index, start.low = next, next
		next++
		stack = append(stack, start)
		start.onStack = true
		for len(calls) > 0 {
			fr := &calls[len(calls)-1]
			u := fr.u
			if fr.i < len(u.edges) {
				v := u.edges[fr.i]
				fr.i++
				if v.index == -1 {
					v.index, v.low = next, next
					next++
					stack = append(stack, v)
					v.onStack = true
					calls = append(calls, frame{u: v})
				} else if v.onStack && v.index < u.low {
					u.low = v.index
				}
				continue
			}
			calls = calls[:len(calls)-1]
			if len(calls) > 0 {
				if p := calls[len(calls)-1].u; u.low < p.low {
					p.low = u.low
				}
			}
			if u.low != u.index {
				continue
			}
			// u is the root of a component: pop it.
			i := len(stack) - 1
			for stack[i] != u {
				i--
			}
			members := stack[i:]
			stack = stack[:i]
			for _, m := range members {
				m.onStack = false
				m.index = -2 // done: its final hash is set below
			}
			x.finish(members)
		}
	}
}

// finish sets the final hash of the members of one strongly connected
// component, whose edges out lead to units already finished.
func (x *index) finish(members []*unit) {
	inside := func(v *unit) bool {
		for _, m := range members {
			if m == v {
				return true
			}
		}
		return false
	}
	var in map[*unit]bool
	if len(members) > 8 {
		in = make(map[*unit]bool, len(members))
		for _, m := range members {
			in[m] = true
		}
		inside = func(v *unit) bool { return in[v] }
	}
	content, out := h128{}, h128{}
	for _, m := range members {
		content = content.plus(m.id.with(m.local))
		for _, v := range m.edges {
			if !inside(v) {
				out = out.plus(v.id.with(v.final).tag(tagEdge))
			}
		}
	}
	scc := content.with(out).withN(len(members)).tag(tagSCC)
	for _, m := range members {
		m.final = m.id.with(m.local).with(scc).tag(tagFinal)
	}
}

// finalOf is the final hash of the unit at n, or the hash of a scalar that
// is none (a scalar member of the root or of a path item); zero when n is
// nil.
func (x *index) finalOf(n *spec.Node) h128 {
	if u := x.units[n]; u != nil {
		return u.final
	}
	if n != nil && n.Kind != spec.Object && n.Kind != spec.Array {
		return x.scalar(n).tag(tagFinal)
	}
	return h128{}
}
