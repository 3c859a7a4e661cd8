package prune

import (
	"strings"

	"github.com/apibump/apibump/internal/spec"
)

// contextKeys are the members of the root that every operation reads (the
// version of the dialect, the global security, Swagger's global media
// types): when one differs, the documents are compared whole. (The global
// servers, and Swagger's host, basePath and schemes, are read as
// document-level findings only: the equivalence tests cover pairs where
// they differ.)
var contextKeys = []string{"openapi", "swagger", "jsonSchemaDialect", "security",
	"consumes", "produces"}

// itemKeep says what is kept of one path item (or webhook), on both sides.
type itemKeep struct {
	whole bool            // the item as written, every member
	item  bool            // the item, with its members other than operations
	ops   map[string]bool // the operations kept besides
}

// mapKeep is what is kept of a map of path items (paths or webhooks).
type mapKeep struct {
	name   string // "paths" or "webhooks"
	pruned bool   // false: kept as written on both sides
	keep   map[string]*itemKeep
}

// reducer decides, for both documents at once, what is kept.
type reducer struct {
	x     [2]*index
	paths mapKeep
	hooks mapKeep
	comps map[string]bool // section + "/" + name
	// compsPruned: the components object (or, for Swagger 2.0, the root's
	// sections) is pruned; unprunedSections are kept whole.
	compsPruned      bool
	unprunedSections map[string]bool
	queue            []*unit // the units reached, to follow
	stats            Stats
}

func (r *reducer) root(s int) *spec.Node { return r.x[s].root }

// enqueue adds the unit at n, on side s, to the closure.
func (r *reducer) enqueue(s int, n *spec.Node) {
	if n == nil {
		return
	}
	if u := r.x[s].units[n]; u != nil {
		r.queue = append(r.queue, u)
	}
}

// decide finds what is kept. It returns false when the documents must be
// compared whole.
func (r *reducer) decide() bool {
	b, v := r.root(0), r.root(1)
	if b == nil || v == nil || b.Kind != spec.Object || v.Kind != spec.Object || r.x[0].doc.Swagger != r.x[1].doc.Swagger {
		r.stats.Reason = "the documents are not both OpenAPI 3 or both Swagger 2.0"
		return false
	}
	for _, k := range contextKeys {
		if r.x[0].finalOf(b.Get(k)) != r.x[1].finalOf(v.Get(k)) {
			r.stats.Reason = "the document-level " + k + " differs"
			return false
		}
	}
	r.paths = mapKeep{name: "paths", keep: map[string]*itemKeep{}}
	r.hooks = mapKeep{name: "webhooks", keep: map[string]*itemKeep{}}
	r.comps = map[string]bool{}
	r.unprunedSections = map[string]bool{}
	r.decideItems(&r.paths, true)
	r.decideItems(&r.hooks, false)
	r.decideComponents()
	// Everything else of the root is kept, and what it reaches, but for
	// the extensions equal on both sides (see sameExtension).
	swagger := r.x[0].doc.Swagger
	for s := range 2 {
		root := r.root(s)
		for i, k := range root.Keys {
			switch {
			case r.sameExtension(b, v, k):
			case k == "paths" && r.paths.pruned, k == "webhooks" && r.hooks.pruned:
				r.enqueueExtensions(s, r.root(0).Get(k), r.root(1).Get(k), root.Children[i])
			case k == "components" && !swagger && r.compsPruned:
				comps := root.Children[i]
				for j, sec := range comps.Keys {
					if !componentSection(sec) || r.unprunedSections[sec] {
						if !r.sameExtension(b.Get(k), v.Get(k), sec) {
							r.enqueue(s, comps.Children[j])
						}
					}
				}
			case swagger && swaggerSection(k) && r.compsPruned && !r.unprunedSections[k]:
			default:
				r.enqueue(s, root.Children[i])
			}
		}
	}
	r.closure()
	return true
}

// sameExtension tells a member k of the objects b and v (the same object
// on each side) that is an extension equal on both sides. It is dropped
// from both: no engine finds anything in it, and nothing reads what it
// refers to (kin-openapi keeps an extension as data). GitHub's x-webhooks
// (270 webhooks, several MB) reach 479 of its 1,769 components.
func (r *reducer) sameExtension(b, v *spec.Node, k string) bool {
	if !strings.HasPrefix(k, "x-") {
		return false
	}
	bn, vn := b.Get(k), v.Get(k)
	return bn != nil && vn != nil && r.x[0].finalOf(bn) == r.x[1].finalOf(vn)
}

// enqueueExtensions adds to the closure the extensions of side s's map n
// (paths or webhooks; b and v are both sides') that are kept.
func (r *reducer) enqueueExtensions(s int, b, v, n *spec.Node) {
	for i, k := range n.Keys {
		if strings.HasPrefix(k, "x-") && !r.sameExtension(b, v, k) {
			r.enqueue(s, n.Children[i])
		}
	}
}

// decideItems keeps the path items (or webhooks) that differ, and inside
// one the operations that differ.
func (r *reducer) decideItems(m *mapKeep, templates bool) {
	bm, vm := r.root(0).Get(m.name), r.root(1).Get(m.name)
	if bm != nil && !plainMap(bm) || vm != nil && !plainMap(vm) {
		return // kept as written
	}
	m.pruned = true
	keys := func(n *spec.Node) []string {
		if n == nil {
			return nil
		}
		return n.Keys
	}
	group := func(k string) string {
		if templates {
			return spec.PathTemplate(k)
		}
		return k
	}
	// Pair by template: where the two sides do not hold the same keys for
	// one template (a renamed path parameter, a path added beside another of
	// the same template), every path of that template is kept whole. So are
	// the several paths of one template (oasdiff merges their operations
	// into one path item, named by the first, and refuses one method on
	// two of them, or picks one by x-since-date) unless all are equal on both
	// sides and no method stands on two of them: then all are dropped.
	type pair struct{ b, v map[string]bool }
	groups := map[string]*pair{}
	var order []string
	for s, n := range []*spec.Node{bm, vm} {
		for _, k := range keys(n) {
			if strings.HasPrefix(k, "x-") {
				continue
			}
			g := groups[group(k)]
			if g == nil {
				g = &pair{b: map[string]bool{}, v: map[string]bool{}}
				groups[group(k)] = g
				order = append(order, group(k))
			}
			if s == 0 {
				g.b[k] = true
			} else {
				g.v[k] = true
			}
		}
	}
	for _, t := range order {
		g := groups[t]
		same := len(g.b) == len(g.v)
		for k := range g.b {
			same = same && g.v[k]
		}
		if same && len(g.b) > 1 {
			methods := map[string]bool{}
			for k := range g.b {
				item := bm.Get(k)
				same = same && plainMap(item) && r.x[0].finalOf(item) == r.x[1].finalOf(vm.Get(k))
				for _, op := range keys(item) {
					if spec.IsOperationKey(op) {
						same = same && !methods[op]
						methods[op] = true
					}
				}
			}
			if same {
				continue // all equal, no operation merged with another: all dropped
			}
		}
		for k := range g.b {
			if !same {
				r.keepWhole(m, k)
			} else {
				r.decideItem(m, k, bm.Get(k), vm.Get(k))
			}
		}
		for k := range g.v {
			if !g.b[k] {
				r.keepWhole(m, k)
			}
		}
	}
}

// decideItem compares one path item present on both sides.
func (r *reducer) decideItem(m *mapKeep, key string, b, v *spec.Node) {
	ops := map[string]bool{}
	for _, n := range []*spec.Node{b, v} {
		if plainMap(n) {
			for _, k := range n.Keys {
				if spec.IsOperationKey(k) {
					ops[k] = true
				}
			}
		}
	}
	if r.x[0].finalOf(b) == r.x[1].finalOf(v) {
		return
	}
	if !plainMap(b) || !plainMap(v) || r.itemLevel(0, b) != r.itemLevel(1, v) {
		r.keepWhole(m, key)
		return
	}
	kept := false
	for op := range ops {
		if r.x[0].finalOf(b.Get(op)) != r.x[1].finalOf(v.Get(op)) {
			r.keepOp(m, key, op)
			kept = true
		}
	}
	if !kept {
		r.keepWhole(m, key) // they differ, though no member does: keep it all
	}
}

// itemLevel hashes the members of a path item other than its operations
// (path-level parameters, servers, summary, extensions...): every operation
// of the item reads them.
func (r *reducer) itemLevel(s int, item *spec.Node) h128 {
	sum := h128{}
	for i, k := range item.Keys {
		if !spec.IsOperationKey(k) {
			sum = sum.plus(r.x[s].s.str(k).with(r.x[s].finalOf(item.Children[i])))
		}
	}
	return sum
}

func (m *mapKeep) item(key string) *itemKeep {
	k := m.keep[key]
	if k == nil {
		k = &itemKeep{ops: map[string]bool{}}
		m.keep[key] = k
	}
	return k
}

// keepWhole keeps a path item as written on both sides.
func (r *reducer) keepWhole(m *mapKeep, key string) {
	k := m.item(key)
	if k.whole {
		return
	}
	k.whole, k.item = true, true
	for s := range 2 {
		r.enqueue(s, r.root(s).Get(m.name).Get(key))
	}
}

// keepItem keeps a path item's members other than operations.
func (r *reducer) keepItem(m *mapKeep, key string) {
	k := m.item(key)
	if k.item {
		return
	}
	k.item = true
	for s := range 2 {
		item := r.root(s).Get(m.name).Get(key)
		if !plainMap(item) {
			r.enqueue(s, item)
			continue
		}
		for i, mk := range item.Keys {
			if !spec.IsOperationKey(mk) {
				r.enqueue(s, item.Children[i])
			}
		}
	}
}

// keepOp keeps an operation of a path item (and the item's other members).
func (r *reducer) keepOp(m *mapKeep, key, op string) {
	r.keepItem(m, key)
	k := m.item(key)
	if k.whole || k.ops[op] {
		return
	}
	k.ops[op] = true
	for s := range 2 {
		r.enqueue(s, r.root(s).Get(m.name).Get(key).Get(op))
	}
}

// sectionsOf returns the maps of components of a root: components/<section>
// in OpenAPI 3, the root's sections in Swagger 2.0; nil when there is no
// components object to prune.
func (r *reducer) sectionsOf(s int) (*spec.Node, func(string) bool) {
	if r.x[s].doc.Swagger {
		return r.root(s), swaggerSection
	}
	return r.root(s).Get("components"), componentSection
}

// decideComponents keeps the components that differ or stand on one side only.
func (r *reducer) decideComponents() {
	var holders [2]*spec.Node
	var isSection func(string) bool
	for s := range 2 {
		holders[s], isSection = r.sectionsOf(s)
		if holders[s] != nil && !plainMap(holders[s]) {
			return // components written as a $ref (or not an object): kept as written
		}
	}
	r.compsPruned = true
	seen := map[string]bool{}
	for _, h := range holders {
		if h == nil {
			continue
		}
		for _, sec := range h.Keys {
			if !isSection(sec) || seen[sec] {
				continue
			}
			seen[sec] = true
			bs, vs := holders[0].Get(sec), holders[1].Get(sec)
			if bs != nil && !plainMap(bs) || vs != nil && !plainMap(vs) {
				r.unprunedSections[sec] = true
				continue
			}
			names := map[string]bool{}
			for s, n := range []*spec.Node{bs, vs} {
				if n == nil {
					continue
				}
				for _, name := range n.Keys {
					if names[name] {
						continue
					}
					names[name] = true
					r.stats.Components++
					if s == 1 || r.x[0].finalOf(n.Get(name)) != r.x[1].finalOf(vs.Get(name)) {
						r.keepComponent(sec + "/" + name)
					}
				}
			}
		}
	}
}

// keepComponent keeps a component on both sides.
func (r *reducer) keepComponent(key string) {
	if r.comps[key] {
		return
	}
	r.comps[key] = true
	sec, name, _ := strings.Cut(key, "/")
	for s := range 2 {
		if h, _ := r.sectionsOf(s); h != nil {
			r.enqueue(s, h.Get(sec).Get(name))
		}
	}
}

// closure keeps everything the kept parts reach, on either side: a part
// reached on one side is kept on both, so no finding tells it apart.
func (r *reducer) closure() {
	for len(r.queue) > 0 {
		u := r.queue[len(r.queue)-1]
		r.queue = r.queue[:len(r.queue)-1]
		if u.reached {
			continue
		}
		u.reached = true
		switch o := u.owner; o.kind {
		case ownComponent:
			if r.compsPruned {
				r.keepComponent(o.key)
			}
		case ownPath, ownWebhook:
			m := &r.paths
			if o.kind == ownWebhook {
				m = &r.hooks
			}
			switch {
			case !m.pruned:
			case o.member == "":
				r.keepWhole(m, o.key)
			case spec.IsOperationKey(o.member):
				r.keepOp(m, o.key, o.member)
			default:
				r.keepItem(m, o.key)
			}
		}
		for _, v := range u.edges {
			if !v.reached {
				r.queue = append(r.queue, v)
			}
		}
	}
}

// reduced builds side s's root with only what is kept; nil when nothing is dropped.
func (r *reducer) reduced(s int) *spec.Node {
	root := r.root(s)
	swagger := r.x[s].doc.Swagger
	out := rebuild(root, func(k string, n *spec.Node) *spec.Node {
		switch {
		case r.sameExtension(r.root(0), r.root(1), k):
			return nil
		case k == "paths" && r.paths.pruned:
			return r.items(s, &r.paths, n)
		case k == "webhooks" && r.hooks.pruned:
			return r.items(s, &r.hooks, n)
		case k == "components" && !swagger && r.compsPruned:
			return rebuild(n, func(sec string, c *spec.Node) *spec.Node {
				switch {
				case r.sameExtension(r.root(0).Get(k), r.root(1).Get(k), sec):
					return nil
				case componentSection(sec) && !r.unprunedSections[sec]:
					return r.section(c, sec)
				}
				return c
			})
		case swagger && swaggerSection(k) && r.compsPruned && !r.unprunedSections[k]:
			return r.section(n, k)
		}
		return n
	})
	if out == root {
		return nil
	}
	return out
}

// rebuild returns object n with each member replaced by f's result (nil
// drops it), n itself when nothing changes. The nodes are n's own.
func rebuild(n *spec.Node, f func(string, *spec.Node) *spec.Node) *spec.Node {
	var keys []string
	var kids []*spec.Node
	changed := false
	for i, k := range n.Keys {
		c := f(k, n.Children[i])
		changed = changed || c != n.Children[i]
		if c != nil {
			keys, kids = append(keys, k), append(kids, c)
		}
	}
	if !changed {
		return n
	}
	return spec.NewObject(n, keys, kids)
}

// items reduces side s's map of path items (or webhooks).
func (r *reducer) items(s int, m *mapKeep, n *spec.Node) *spec.Node {
	return rebuild(n, func(k string, item *spec.Node) *spec.Node {
		if strings.HasPrefix(k, "x-") {
			if r.sameExtension(r.root(0).Get(m.name), r.root(1).Get(m.name), k) {
				return nil
			}
			return item
		}
		r.stats.countItem(s, item)
		kp := m.keep[k]
		if kp == nil || !kp.item {
			return nil
		}
		if !kp.whole && plainMap(item) {
			item = rebuild(item, func(key string, c *spec.Node) *spec.Node {
				if spec.IsOperationKey(key) && !kp.ops[key] {
					return nil
				}
				return c
			})
		}
		r.stats.countKept(s, item)
		return item
	})
}

// section reduces one map of components.
func (r *reducer) section(n *spec.Node, sec string) *spec.Node {
	if !plainMap(n) {
		return n
	}
	return rebuild(n, func(name string, c *spec.Node) *spec.Node {
		if r.comps[sec+"/"+name] {
			return c
		}
		return nil
	})
}

// countItem counts the operations of an item of side s as written.
func (st *Stats) countItem(s int, item *spec.Node) { st.Operations[s] += countOps(item) }

// countKept counts the operations of an item of side s as kept.
func (st *Stats) countKept(s int, item *spec.Node) { st.Kept[s] += countOps(item) }

func countOps(item *spec.Node) int {
	if !plainMap(item) {
		return 1 // a $ref: counted as one
	}
	n := 0
	for _, k := range item.Keys {
		if spec.IsOperationKey(k) {
			n++
		}
	}
	return n
}
