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
	var typeNode *spec.Node
	typed := 0
	var values []*spec.Node
	seen := map[string]string{} // value key → the value as written
	for _, m := range list.Children {
		if m.Kind != spec.Object {
			return false
		}
		var own []*spec.Node
		for i, k := range m.Keys {
			v := m.Children[i]
			switch {
			case k == "type":
				if v.Kind != spec.String || typeNode != nil && typeNode.Value != v.Value {
					return false
				}
				typeNode = v
				typed++
			case k == "enum":
				if v.Kind != spec.Array || len(v.Children) == 0 || own != nil {
					return false
				}
				own = v.Children
			case k == "const":
				if own != nil {
					return false
				}
				own = []*spec.Node{v}
			case documentation[k]:
			default:
				return false
			}
		}
		if own == nil {
			return false
		}
		mine := map[string]bool{}
		for _, v := range own {
			c, ok := scalarKey(v)
			if !ok {
				return false
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
					return false
				}
				continue
			}
			seen[c] = v.Value
			values = append(values, v)
		}
	}
	if typed != 0 && typed != len(list.Children) {
		return false // an untyped member allows its values whatever their type
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
