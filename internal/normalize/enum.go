package normalize

import (
	"strconv"

	"github.com/apibump/apibump/internal/spec"
)

// enumUnion writes a oneOf / anyOf whose members each allow only listed
// values (`enum`, or `const`), all of one type or all untyped, with only
// documentation beside, as one enum of their values: the same instances
// match. For oneOf the members' values must be pairwise distinct (a value
// two members list matches both, and oneOf rejects it). The type, when the
// members state one, goes beside the enum; a type already there must be the
// same. Members that are references, or values that are objects or arrays,
// leave the union as written.
func (z *normalizer) enumUnion(o *obj, n *spec.Node, at *path, key string) bool {
	list := o.get(key)
	if list == nil || list.Kind != spec.Array || len(list.Children) == 0 || !z.on(EnumUnion) ||
		o.has("enum") || o.has("const") || o.has("nullable") {
		return false
	}
	if key == "oneOf" && o.has("anyOf") || key == "anyOf" && o.has("oneOf") {
		return false
	}
	values, typeNode, ok := enumMembers(list, key)
	if !ok || !z.enumInOther(n, at) {
		return false
	}
	if t := o.get("type"); t != nil && typeNode != nil && (t.Kind != spec.String || t.Value != typeNode.Value) {
		return false
	}
	o.replaceAt(key, "enum", array(list, values))
	if typeNode != nil && !o.has("type") {
		o.set("type", typeNode)
	}
	z.record(EnumUnion, written(o, n, key), at.with(key), key)
	return true
}

// enumMembers returns the values a oneOf / anyOf list allows when each of
// its members only lists values (see enumUnion), and the members' type
// when they state one.
func enumMembers(list *spec.Node, key string) ([]*spec.Node, *spec.Node, bool) {
	var typeNode *spec.Node
	typed := 0
	var values []*spec.Node
	seen := map[string]string{} // value key → the value as written
	for _, m := range list.Children {
		if m.Kind != spec.Object {
			return nil, nil, false
		}
		var own []*spec.Node
		for i, k := range m.Keys {
			v := m.Children[i]
			switch {
			case k == "type":
				if v.Kind != spec.String || typeNode != nil && typeNode.Value != v.Value {
					return nil, nil, false
				}
				typeNode = v
				typed++
			case k == "enum":
				if v.Kind != spec.Array || len(v.Children) == 0 || own != nil {
					return nil, nil, false
				}
				own = v.Children
			case k == "const":
				if own != nil {
					return nil, nil, false
				}
				own = []*spec.Node{v}
			case documentation[k]:
			default:
				return nil, nil, false
			}
		}
		if own == nil {
			return nil, nil, false
		}
		mine := map[string]bool{}
		for _, v := range own {
			c, ok := scalarKey(v)
			if !ok {
				return nil, nil, false
			}
			if mine[c] {
				continue // listed twice in one member
			}
			mine[c] = true
			if w, dup := seen[c]; dup {
				if key == "oneOf" || w != v.Value {
					// In two members: oneOf rejects it. Two numbers
					// written differently whose floats agree may still
					// differ: left as written.
					return nil, nil, false
				}
				continue
			}
			seen[c] = v.Value
			values = append(values, v)
		}
	}
	if typed != 0 && typed != len(list.Children) {
		return nil, nil, false // an untyped member allows its values whatever their type
	}
	return values, typeNode, true
}

// enumInOther tells whether the document compared with may read the
// schema at the place of n as values too: false only where it writes a
// oneOf / anyOf there that is not a union of values (one with a $ref among
// its members, say). Then both read the union as written: an enum on one
// side only would read as the values removed and the type changed. Where
// the other document has no schema at that place (the schema moved into a
// component, say) or writes an enum, the rewrite applies.
func (z *normalizer) enumInOther(n *spec.Node, at *path) bool {
	o, known := z.inOther(n, at)
	if !known || o == nil || o.Kind != spec.Object {
		return true
	}
	oneOf, anyOf := o.Get("oneOf"), o.Get("anyOf")
	switch {
	case oneOf == nil && anyOf == nil:
		return true
	case oneOf != nil && anyOf != nil:
		return false
	case oneOf != nil:
		_, _, ok := enumMembers(oneOf, "oneOf")
		return ok
	}
	_, _, ok := enumMembers(anyOf, "anyOf")
	return ok
}

// scalarKey is a scalar value as JSON Schema compares it (1 and 1.0 are one
// number); false for an object or an array.
func scalarKey(v *spec.Node) (string, bool) {
	switch v.Kind {
	case spec.String:
		return "s" + v.Value, true
	case spec.Bool:
		return "b" + v.Value, true
	case spec.Null:
		return "n", true
	case spec.Number:
		if f, err := strconv.ParseFloat(v.Value, 64); err == nil {
			return "f" + strconv.FormatFloat(f, 'g', -1, 64), true
		}
		return "f" + v.Value, true
	}
	return "", false
}
