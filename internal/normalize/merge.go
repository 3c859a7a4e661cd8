package normalize

import (
	"slices"
	"strings"

	"github.com/apibump/apibump/internal/spec"
)

// maxMergeDepth bounds the allOf merges that wait on one another (a member
// whose target has an allOf to merge first, and so on).
const maxMergeDepth = 64

// mergeable are the keywords an allOf merge combines: properties (by name:
// disjoint, or equal where both members declare one), required (union), type
// (equal), and the keywords below, each of which constrains the instance on
// its own whatever stands beside it, so it may come from one member (or
// several with equal values). Anything else (additionalProperties,
// unevaluated*, items beside prefixItems, if/then/else, nested
// compositions, $ref, discriminator, nullable...) makes the merge decline.
var mergeable = set("format", "enum", "const", "not",
	"minLength", "maxLength", "pattern", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
	"minItems", "maxItems", "uniqueItems", "items", "minProperties", "maxProperties", "propertyNames",
	"description", "title", "example", "examples", "$comment", "externalDocs", "default", "deprecated",
	"readOnly", "writeOnly", "xml")

// mergeAllOf merges the allOf of a schema with the schema itself when every
// member (its $ref resolved) is an object schema whose keywords combine
// without conflict: the members' nodes are reused. A member that leads back
// to a schema being merged, or anything the rules above do not prove
// equivalent, leaves the allOf as written.
func (z *normalizer) mergeAllOf(o *obj, n *spec.Node, at *path) {
	all := o.get("allOf")
	if all == nil || all.Kind != spec.Array || len(all.Children) == 0 || !z.on(AllOfMerged) {
		return
	}
	m := &merger{}
	for i, k := range o.keys {
		if k != "allOf" && !m.add(k, o.vals[i]) {
			return
		}
	}
	for _, member := range all.Children {
		c := z.mergeMember(member, n.File)
		if c == nil {
			return
		}
		for i, k := range c.Keys {
			if !m.add(k, c.Children[i]) {
				return
			}
		}
	}
	cost := m.cost()
	if cost > z.budget {
		return
	}
	z.budget -= cost
	keys, vals := m.result()
	o.own()
	o.keys, o.vals = keys, vals
	z.record(AllOfMerged, n, at, "")
}

// mergeMember returns the content of an allOf member to merge: the member,
// or its normalised $ref target; nil when it cannot be merged.
func (z *normalizer) mergeMember(member *spec.Node, file *spec.File) *spec.Node {
	t, tAt, ok := z.target(member)
	if !ok {
		return nil
	}
	if t != member {
		if z.busy[unitKey{t, roleSchema}] || z.depth >= maxMergeDepth {
			return nil // leads back to a schema being merged: keep the $ref
		}
		z.depth++
		t = z.schema(t, tAt)
		z.depth--
		if pureRef(t) {
			return nil
		}
		// References inside a node are read from its own file: one from
		// another file can only stand here if it holds none.
		if t.File == nil || file == nil || t.File.Key != file.Key && !z.refFree(t) {
			return nil
		}
	}
	switch {
	case t.Kind == spec.Object && t.Ref() == "":
		return t
	case t.Kind == spec.Bool && t.Value == "true":
		return spec.NewObject(t, nil, nil)
	}
	return nil
}

// refFree tells a subtree without a $ref.
func (z *normalizer) refFree(n *spec.Node) bool {
	if n.Kind != spec.Object && n.Kind != spec.Array {
		return true
	}
	if v, ok := z.refFreeMemo[n]; ok {
		return v
	}
	free := n.Kind != spec.Object || n.Get("$ref") == nil
	for _, c := range n.Children {
		if !free {
			break
		}
		free = z.refFree(c)
	}
	z.refFreeMemo[n] = free
	return free
}

// merger combines the keywords of the members of an allOf.
type merger struct {
	keys  []string
	vals  []*spec.Node
	index map[string]int

	props     []*spec.Node // the properties nodes met
	propKeys  []string
	propVals  []*spec.Node
	propIndex map[string]int

	reqs    []*spec.Node // the required nodes met
	reqVals []*spec.Node
	reqSeen map[string]bool
}

func (m *merger) get(k string) *spec.Node {
	if i, ok := m.index[k]; ok {
		return m.vals[i]
	}
	return nil
}

func (m *merger) put(k string, v *spec.Node) {
	if m.index == nil {
		m.index = map[string]int{}
	}
	m.index[k] = len(m.keys)
	m.keys, m.vals = append(m.keys, k), append(m.vals, v)
}

// add takes keyword k of one member; false when it cannot be merged.
func (m *merger) add(k string, v *spec.Node) bool {
	switch {
	case k == "properties":
		if v.Kind != spec.Object {
			return false
		}
		if m.propIndex == nil {
			m.propIndex = map[string]int{}
			m.put(k, v)
		}
		m.props = append(m.props, v)
		for i, pk := range v.Keys {
			if j, ok := m.propIndex[pk]; ok {
				if !spec.Equal(m.propVals[j], v.Children[i]) {
					return false
				}
				continue
			}
			m.propIndex[pk] = len(m.propKeys)
			m.propKeys, m.propVals = append(m.propKeys, pk), append(m.propVals, v.Children[i])
		}
		return true
	case k == "required":
		if v.Kind != spec.Array {
			return false
		}
		if m.reqSeen == nil {
			m.reqSeen = map[string]bool{}
			m.put(k, v)
		}
		m.reqs = append(m.reqs, v)
		for _, r := range v.Children {
			if r.Kind != spec.String {
				return false
			}
			if !m.reqSeen[r.Value] {
				m.reqSeen[r.Value] = true
				m.reqVals = append(m.reqVals, r)
			}
		}
		return true
	case k == "type":
		if prev := m.get(k); prev != nil {
			a, ok1 := typesOf(prev)
			b, ok2 := typesOf(v)
			return ok1 && ok2 && sameSet(a, b)
		}
	case mergeable[k] || strings.HasPrefix(k, "x-"):
		if prev := m.get(k); prev != nil {
			return spec.Equal(prev, v)
		}
	default:
		return false
	}
	m.put(k, v)
	return true
}

// cost is the number of nodes and members the merged schema adds.
func (m *merger) cost() int {
	c := 1 + len(m.keys)
	if len(m.props) > 1 {
		c += 1 + len(m.propKeys)
	}
	if len(m.reqs) > 1 {
		c += 1 + len(m.reqVals)
	}
	return c
}

// result is the merged schema's members.
func (m *merger) result() ([]string, []*spec.Node) {
	vals := slices.Clone(m.vals)
	for i, k := range m.keys {
		switch {
		case k == "properties" && len(m.props) > 1:
			vals[i] = spec.NewObject(m.props[0], m.propKeys, m.propVals)
		case k == "required" && len(m.reqs) > 1:
			vals[i] = array(m.reqs[0], m.reqVals)
		}
	}
	return m.keys, vals
}

func sameSet(a, b []string) bool {
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	for _, x := range b {
		if !slices.Contains(a, x) {
			return false
		}
	}
	return true
}
