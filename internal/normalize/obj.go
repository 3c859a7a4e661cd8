package normalize

import (
	"github.com/apibump/apibump/internal/spec"
)

// obj is an object being rewritten: its members in order, the original
// kept to copy positions from and to return when nothing changed.
type obj struct {
	orig    *spec.Node
	keys    []string
	vals    []*spec.Node
	changed bool
}

func newObj(n *spec.Node) *obj {
	return &obj{orig: n, keys: n.Keys, vals: n.Children}
}

func (o *obj) own() {
	if o.changed {
		return
	}
	o.keys = append([]string(nil), o.keys...)
	o.vals = append([]*spec.Node(nil), o.vals...)
	o.changed = true
}

func (o *obj) index(k string) int {
	for i, x := range o.keys {
		if x == k {
			return i
		}
	}
	return -1
}

func (o *obj) get(k string) *spec.Node {
	if !o.changed {
		return o.orig.Get(k)
	}
	if i := o.index(k); i >= 0 {
		return o.vals[i]
	}
	return nil
}

func (o *obj) has(k string) bool { return o.get(k) != nil }

// set replaces member k, or adds it at the end.
func (o *obj) set(k string, v *spec.Node) {
	i := o.index(k)
	if i >= 0 && o.vals[i] == v {
		return
	}
	o.own()
	if i >= 0 {
		o.vals[i] = v
		return
	}
	o.keys = append(o.keys, k)
	o.vals = append(o.vals, v)
}

// replaceAt puts member k where member old stands (at the end when old is absent).
func (o *obj) replaceAt(old, k string, v *spec.Node) {
	i := o.index(old)
	if i < 0 {
		o.set(k, v)
		return
	}
	o.own()
	o.keys[i], o.vals[i] = k, v
}

func (o *obj) del(k string) {
	i := o.index(k)
	if i < 0 {
		return
	}
	o.own()
	o.keys = append(o.keys[:i], o.keys[i+1:]...)
	o.vals = append(o.vals[:i], o.vals[i+1:]...)
}

// node returns the rewritten object, or the original when nothing changed.
func (o *obj) node() *spec.Node {
	if !o.changed {
		return o.orig
	}
	return spec.NewObject(o.orig, o.keys, o.vals)
}

// mapValues returns n (an object) with each member value replaced by f's
// result, copying it only when some value changed.
func mapValues(n *spec.Node, at *path, f func(k string, v *spec.Node, at *path) *spec.Node) *spec.Node {
	if n == nil || n.Kind != spec.Object {
		return n
	}
	var kids []*spec.Node
	for i, k := range n.Keys {
		c := n.Children[i]
		if nc := f(k, c, at.with(k)); nc != c {
			if kids == nil {
				kids = append([]*spec.Node(nil), n.Children...)
			}
			kids[i] = nc
		}
	}
	if kids == nil {
		return n
	}
	return spec.NewObject(n, n.Keys, kids)
}

// mapItems is mapValues for an array.
func mapItems(n *spec.Node, at *path, f func(v *spec.Node, at *path) *spec.Node) *spec.Node {
	if n == nil || n.Kind != spec.Array {
		return n
	}
	var kids []*spec.Node
	for i, c := range n.Children {
		if nc := f(c, at.with(itoa(i))); nc != c {
			if kids == nil {
				kids = append([]*spec.Node(nil), n.Children...)
			}
			kids[i] = nc
		}
	}
	if kids == nil {
		return n
	}
	return withChildren(n, nil, kids)
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}

// scalar returns a new scalar node standing where at stands.
func scalar(at *spec.Node, kind spec.Kind, value string) *spec.Node {
	return &spec.Node{Kind: kind, Value: value, Pos: at.Pos, KeyPos: at.KeyPos, End: at.End, File: at.File}
}

// array returns a new array node standing where at stands.
func array(at *spec.Node, items []*spec.Node) *spec.Node {
	return &spec.Node{Kind: spec.Array, Children: items, Pos: at.Pos, KeyPos: at.KeyPos, End: at.End, File: at.File}
}
