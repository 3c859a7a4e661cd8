package normalize

import (
	"slices"

	"github.com/apibump/apibump/internal/spec"
)

// Keywords whose value is a schema, a list of schemas, or a map of schemas.
var (
	subschemaKeys = set("items", "additionalProperties", "not", "contains", "propertyNames",
		"if", "then", "else", "unevaluatedItems", "unevaluatedProperties", "additionalItems", "contentSchema")
	subschemaLists = set("allOf", "anyOf", "oneOf", "prefixItems")
	subschemaMaps  = set("properties", "patternProperties", "$defs", "definitions", "dependentSchemas")
	// boolPositions are the keywords whose canonical empty form is absence
	// and whose canonical false form is `false` (kin-openapi reads them as
	// a boolean or a schema).
	boolPositions = []string{"additionalProperties", "unevaluatedProperties", "unevaluatedItems"}
)

// documentation is what may stand beside `allOf: [{$ref}]` for it to become a $ref.
var documentation = set("description", "title", "example", "examples", "$comment", "externalDocs")

// annotations are keywords that validate nothing.
var annotations = set("description", "title", "example", "examples", "$comment", "externalDocs",
	"default", "deprecated", "readOnly", "writeOnly", "xml")

// keywordClass is the instance type a keyword constrains; instances of other
// types pass it whatever its value.
var keywordClass = map[string]string{}

func init() {
	for class, keys := range map[string][]string{
		"string": {"maxLength", "minLength", "pattern"},
		"number": {"maximum", "minimum", "exclusiveMaximum", "exclusiveMinimum", "multipleOf"},
		"array": {"items", "maxItems", "minItems", "uniqueItems", "prefixItems", "contains", "minContains",
			"maxContains", "unevaluatedItems", "additionalItems"},
		"object": {"properties", "required", "additionalProperties", "patternProperties", "maxProperties",
			"minProperties", "propertyNames", "dependentRequired", "dependentSchemas", "unevaluatedProperties"},
	} {
		for _, k := range keys {
			keywordClass[k] = class
		}
	}
}

// typeRank orders a canonical type list; "null" comes last.
var typeRank = map[string]int{"array": 0, "boolean": 1, "integer": 2, "number": 3, "object": 4, "string": 5, "null": 7}

// classOf is the keyword class of an instance type ("" for boolean and null).
func classOf(t string) string {
	switch t {
	case "integer", "number":
		return "number"
	case "string", "array", "object":
		return t
	}
	return ""
}

func set(keys ...string) map[string]bool {
	m := make(map[string]bool, len(keys))
	for _, k := range keys {
		m[k] = true
	}
	return m
}

// typesOf reads a type keyword: one type or a non-empty list of them.
func typesOf(t *spec.Node) ([]string, bool) {
	switch {
	case t == nil:
		return nil, false
	case t.Kind == spec.String:
		return []string{t.Value}, true
	case t.Kind == spec.Array && len(t.Children) > 0:
		out := make([]string, len(t.Children))
		for i, c := range t.Children {
			if c.Kind != spec.String {
				return nil, false
			}
			out[i] = c.Value
		}
		return out, true
	}
	return nil, false
}

// schema normalises a schema.
func (z *normalizer) schema(n *spec.Node, at *path) *spec.Node {
	if n == nil {
		return n
	}
	switch n.Kind {
	case spec.Bool:
		return z.memoized(n, roleSchema, func() *spec.Node { return z.boolSchema(n, at) })
	case spec.Object:
	default:
		return n
	}
	if pureRef(n) {
		z.follow(n, roleSchema)
		return n
	}
	return z.memoized(n, roleSchema, func() *spec.Node { return z.schemaObject(n, at) })
}

// boolSchema writes `true` as `{}` and `false` as `{not: {}}`.
func (z *normalizer) boolSchema(n *spec.Node, at *path) *spec.Node {
	switch {
	case n.Value == "true" && z.on(EmptySchema):
		z.record(EmptySchema, n, at, "true")
		return spec.NewObject(n, nil, nil)
	case n.Value == "false" && z.on(FalseSchema):
		z.record(FalseSchema, n, at, "false")
		return spec.NewObject(n, []string{"not"}, []*spec.Node{spec.NewObject(n, nil, nil)})
	}
	return n
}

func (z *normalizer) schemaObject(n *spec.Node, at *path) *spec.Node {
	o := newObj(n)
	// The subschemas first, so the rules below see them normalised.
	for i, k := range n.Keys {
		c, p := n.Children[i], at.with(k)
		switch {
		case slices.Contains(boolPositions, k) && c.Kind == spec.Bool:
			// canonical below
		case k == "items" && c.Kind == spec.Array:
			o.set(k, mapItems(c, p, z.schema))
		case subschemaKeys[k]:
			o.set(k, z.schema(c, p))
		case subschemaLists[k]:
			o.set(k, mapItems(c, p, z.schema))
		case subschemaMaps[k]:
			o.set(k, mapValues(c, p, func(_ string, v *spec.Node, vp *path) *spec.Node { return z.schema(v, vp) }))
		}
	}
	if n.Ref() != "" {
		// Keywords beside a $ref (OpenAPI 3.1 applies them with the target):
		// only their subschemas are normalised.
		z.follow(n, roleSchema)
		return o.node()
	}
	if !z.swagger {
		z.exclusiveBounds(o, n, at)
	}
	if z.allOfSingleRef(o, n, at) {
		return o.node()
	}
	z.mergeAllOf(o, n, at)
	if !z.swagger {
		if !z.typeUnion(o, n, at, "oneOf") {
			z.typeUnion(o, n, at, "anyOf")
		}
		if !z.enumUnion(o, n, at, "oneOf") {
			z.enumUnion(o, n, at, "anyOf")
		}
		z.nullable(o, n, at)
		z.nullWrap(o, n, at)
	}
	z.typeList(o, n, at)
	z.inapplicable(o, n, at)
	z.prefixItems(o, n, at)
	z.unevaluated(o, n, at)
	z.boolKeywords(o, n, at)
	return o.node()
}

// written returns member k of the schema as written, or its current value
// when the rewrite brought it (from an allOf member).
func written(o *obj, n *spec.Node, k string) *spec.Node {
	if w := n.Get(k); w != nil {
		return w
	}
	return o.get(k)
}

// exclusiveBounds writes OpenAPI 3.0's `minimum: m, exclusiveMinimum: true`
// as `exclusiveMinimum: m` (3.1), and drops a false or boundless one.
func (z *normalizer) exclusiveBounds(o *obj, n *spec.Node, at *path) {
	if !z.on(ExclusiveBound) {
		return
	}
	for _, pair := range [][2]string{{"exclusiveMinimum", "minimum"}, {"exclusiveMaximum", "maximum"}} {
		ex := o.get(pair[0])
		if ex == nil || ex.Kind != spec.Bool {
			continue
		}
		bound := o.get(pair[1])
		switch {
		case ex.Value == "false" || bound == nil:
			o.del(pair[0])
		case bound.Kind == spec.Number:
			o.set(pair[0], bound)
			o.del(pair[1])
		default:
			continue
		}
		z.record(ExclusiveBound, ex, at.with(pair[0]), pair[0])
	}
}

// allOfSingleRef writes `allOf: [{$ref: X}]` with only documentation beside
// it as `$ref: X`, the documentation kept.
func (z *normalizer) allOfSingleRef(o *obj, n *spec.Node, at *path) bool {
	all := o.get("allOf")
	if all == nil || all.Kind != spec.Array || len(all.Children) != 1 || !pureRef(all.Children[0]) || !z.on(AllOfSingleRef) {
		return false
	}
	for _, k := range o.keys {
		if k != "allOf" && !documentation[k] {
			return false
		}
	}
	// The target is normalised first: when it leads back here (a cycle
	// through allOf), the allOf stays, so the references never form a
	// cycle of bare $refs, which kin-openapi does not load.
	t, tAt, ok := z.target(all.Children[0])
	if !ok || z.busy[unitKey{t, roleSchema}] || z.depth >= maxMergeDepth {
		return false
	}
	z.depth++
	z.schema(t, tAt)
	z.depth--
	ref := all.Children[0].Get("$ref")
	o.replaceAt("allOf", "$ref", ref)
	z.record(AllOfSingleRef, n, at, ref.Value)
	return true
}

// nullable writes a type list holding "null" and another type as that
// type (or list) with `nullable: true`, and drops `nullable: false`. The form
// is OpenAPI 3.0's; kin-openapi reads it in 3.1 documents too, oasdiff's
// nullability checks read both forms alike but take the position of their
// findings from the nullable keyword. Null acceptance stays the same with an
// enum: in both forms null must also be listed there.
func (z *normalizer) nullable(o *obj, n *spec.Node, at *path) {
	if !z.on(NullableType) {
		return
	}
	nl := o.get("nullable")
	if nl != nil && nl.Kind == spec.Bool && nl.Value == "false" {
		o.del("nullable")
		z.record(NullableType, nl, at.with("nullable"), "false")
		nl = nil
	}
	t := o.get("type")
	types, ok := typesOf(t)
	if !ok || len(types) < 2 || !slices.Contains(types, "null") {
		return
	}
	var rest []*spec.Node
	var null *spec.Node
	for _, c := range t.Children {
		if c.Value == "null" {
			null = c
		} else {
			rest = append(rest, c)
		}
	}
	if len(rest) == 1 {
		o.set("type", rest[0])
	} else {
		o.set("type", array(t, rest))
	}
	if nl == nil {
		o.set("nullable", scalar(null, spec.Bool, "true"))
	}
	z.record(NullableType, written(o, n, "type"), at.with("type"), "null")
}

// typeUnion writes a oneOf / anyOf whose members are bare `{type: T}`
// (pairwise disjoint for oneOf) as a type list, and one of `{type: "null"}`
// and a member (or the target of a $ref) whose other keywords only
// constrain its own type as that member with "null" in its type list (made
// nullable below).
func (z *normalizer) typeUnion(o *obj, n *spec.Node, at *path, key string) bool {
	list := o.get(key)
	if list == nil || list.Kind != spec.Array || len(list.Children) == 0 || o.has("type") || o.has("nullable") || !z.on(TypeUnion) {
		return false
	}
	if !slices.ContainsFunc(list.Children, isBareNull) && !z.typedInOther(n, at) {
		// A union of types without null, where the other document writes
		// no type list or nullable: both read the union as written, and
		// oasdiff's list-of-types rules judge it (a type widened to a
		// oneOf of types accepts more).
		return false
	}
	members := list.Children
	if len(members) == 2 {
		// `{type: "null"}` and a $ref: the referenced schema made nullable,
		// written as that schema with "null" in its type, when it qualifies
		// below (else nullWrap writes the wrapper in canonical form).
		for i, m := range members {
			if pureRef(m) && isBareNull(members[1-i]) {
				c := z.mergeMember(m, n.File)
				if c == nil {
					return false
				}
				members = slices.Clone(members)
				members[i] = c
			}
		}
	}
	var rich *spec.Node
	var typeNodes []*spec.Node
	seen := map[string]bool{}
	for _, m := range members {
		if m.Kind != spec.Object {
			return false
		}
		t := m.Get("type")
		if t == nil || t.Kind != spec.String || seen[t.Value] {
			return false
		}
		seen[t.Value] = true
		typeNodes = append(typeNodes, t)
		if len(m.Keys) > 1 {
			if rich != nil {
				return false
			}
			rich = m
		}
	}
	if key == "oneOf" && seen["integer"] && seen["number"] {
		return false // every integer is a number: oneOf rejects integers
	}
	if rich != nil {
		// Only beside null: oasdiff reads keywords beside a type list as
		// applying to every type (a required property of the object member
		// would read as required of every item), so a union of richer types
		// stays as written.
		rt := rich.Str("type")
		cls := classOf(rt)
		if rt == "null" || len(seen) != 2 || !seen["null"] {
			return false
		}
		for _, k := range rich.Keys {
			switch {
			case k == "type":
				continue
			case o.has(k):
				return false
			case keywordClass[k] != "" && keywordClass[k] == cls:
			case annotations[k]:
			case k == "format":
			default:
				return false
			}
		}
	}
	o.replaceAt(key, "type", array(list, typeNodes))
	if rich != nil {
		for i, k := range rich.Keys {
			if k != "type" {
				o.set(k, rich.Children[i])
			}
		}
	}
	z.record(TypeUnion, written(o, n, key), at.with(key), key)
	return true
}

// nullWrap writes a oneOf / anyOf of `{type: "null"}` and a $ref to a schema
// that rejects null as `oneOf: [{type: "null"}, {$ref}]`, the form oasdiff
// reads as the referenced schema made nullable.
func (z *normalizer) nullWrap(o *obj, n *spec.Node, at *path) {
	if !z.on(NullWrap) {
		return
	}
	for _, key := range []string{"oneOf", "anyOf"} {
		list := o.get(key)
		if list == nil || list.Kind != spec.Array || len(list.Children) != 2 {
			continue
		}
		a, b := list.Children[0], list.Children[1]
		if isBareNull(b) {
			a, b = b, a
		}
		if !isBareNull(a) || b.Kind != spec.Object {
			continue
		}
		if key == "oneOf" && a == list.Children[0] {
			return // canonical already
		}
		if key == "anyOf" {
			if o.has("oneOf") || !z.rejectsNull(b) {
				continue
			}
		}
		o.replaceAt(key, "oneOf", array(list, []*spec.Node{a, b}))
		z.record(NullWrap, written(o, n, key), at.with(key), key)
		return
	}
}

func isBareNull(m *spec.Node) bool {
	return m.Kind == spec.Object && len(m.Keys) == 1 && m.Str("type") == "null" && m.Get("type").Kind == spec.String
}

// rejectsNull tells a schema (or a reference to one) with a type that excludes null.
func (z *normalizer) rejectsNull(ref *spec.Node) bool {
	t, _, ok := z.target(ref)
	if !ok || t.Kind != spec.Object {
		return false
	}
	types, ok := typesOf(t.Get("type"))
	if !ok || slices.Contains(types, "null") {
		return false
	}
	nl := t.Get("nullable")
	return nl == nil || nl.Kind != spec.Bool || nl.Value != "true"
}

// typeList writes a type list in canonical order, without duplicates, and a
// list of one type as that type.
func (z *normalizer) typeList(o *obj, n *spec.Node, at *path) {
	t := o.get("type")
	if t == nil || t.Kind != spec.Array || !z.on(TypeList) {
		return
	}
	if _, ok := typesOf(t); !ok {
		return
	}
	items := slices.Clone(t.Children)
	slices.SortStableFunc(items, func(a, b *spec.Node) int { return rank(a.Value) - rank(b.Value) })
	items = slices.CompactFunc(items, func(a, b *spec.Node) bool { return a.Value == b.Value })
	var out *spec.Node
	switch {
	case len(items) == 1:
		out = items[0]
	case slices.Equal(items, t.Children):
		return
	default:
		out = array(t, items)
	}
	o.set("type", out)
	// A list the rewrite made (from nullable or a oneOf) is not recorded again.
	if w := n.Get("type"); w != nil && w.Kind == spec.Array {
		z.record(TypeList, w, at.with("type"), "")
	}
}

func rank(t string) int {
	if r, ok := typeRank[t]; ok {
		return r
	}
	return 6
}

// inapplicable drops the keywords that constrain only instance types the
// schema's type excludes.
func (z *normalizer) inapplicable(o *obj, n *spec.Node, at *path) {
	types, ok := typesOf(o.get("type"))
	if !ok || !z.on(InapplicableKeyword) {
		return
	}
	classes := map[string]bool{}
	for _, t := range types {
		if _, known := typeRank[t]; !known {
			return
		}
		classes[classOf(t)] = true
	}
	var drop []string
	for _, k := range o.keys {
		if c := keywordClass[k]; c != "" && !classes[c] && !z.appliesInOther(n, at, k) {
			drop = append(drop, k)
		}
	}
	for _, k := range drop {
		z.record(InapplicableKeyword, written(o, n, k), at.with(k), k)
		o.del(k)
	}
}

// inOther returns the node the document compared with has at the place of
// n, a node of this document's root file (nil when it has none there);
// false when it cannot tell: no other document, or n outside the root file.
func (z *normalizer) inOther(n *spec.Node, at *path) (*spec.Node, bool) {
	other := z.opts.Other
	if other == nil || n.File == nil || n.File.Key != z.doc.Root.Key {
		return nil, false
	}
	return other.Root.Root.At(at.String()), true
}

// typedInOther tells whether the document compared with writes the schema
// at the place of n with a type list or `nullable`, the forms a union of
// types is rewritten to; true where it cannot tell (no other document, a
// schema outside the root file).
func (z *normalizer) typedInOther(n *spec.Node, at *path) bool {
	o, known := z.inOther(n, at)
	if !known {
		return true
	}
	if o == nil || o.Kind != spec.Object {
		return false
	}
	t := o.Get("type")
	return t != nil && t.Kind == spec.Array || o.Get("nullable") != nil
}

// appliesInOther tells whether the document compared with has keyword k at
// the place of the schema n (in the root file) under a type it applies to.
func (z *normalizer) appliesInOther(n *spec.Node, at *path, k string) bool {
	o, known := z.inOther(n, at)
	if !known || o == nil || o.Get(k) == nil {
		return false
	}
	types, ok := typesOf(o.Get("type"))
	if !ok {
		return false
	}
	for _, t := range types {
		if _, known := typeRank[t]; known && classOf(t) == keywordClass[k] {
			return true
		}
	}
	return false
}

// prefixItems drops a prefixItems whose every member equals items.
func (z *normalizer) prefixItems(o *obj, n *spec.Node, at *path) {
	pi, it := o.get("prefixItems"), o.get("items")
	if pi == nil || pi.Kind != spec.Array || it == nil || it.Kind != spec.Object || !z.on(PrefixItemsEqualItems) {
		return
	}
	for _, m := range pi.Children {
		if !spec.Equal(m, it) {
			return
		}
	}
	z.record(PrefixItemsEqualItems, written(o, n, "prefixItems"), at.with("prefixItems"), "prefixItems")
	o.del("prefixItems")
}

// unevaluated drops unevaluatedProperties beside additionalProperties and
// unevaluatedItems beside items (a schema, not a tuple): they leave nothing
// unevaluated.
func (z *normalizer) unevaluated(o *obj, n *spec.Node, at *path) {
	if !z.on(UnevaluatedCovered) {
		return
	}
	for _, pair := range [][2]string{{"unevaluatedProperties", "additionalProperties"}, {"unevaluatedItems", "items"}} {
		u, by := o.get(pair[0]), o.get(pair[1])
		if u == nil || by == nil || by.Kind == spec.Array {
			continue
		}
		z.record(UnevaluatedCovered, written(o, n, pair[0]), at.with(pair[0]), pair[0])
		o.del(pair[0])
	}
}

// boolKeywords writes additionalProperties, unevaluatedProperties and
// unevaluatedItems in their canonical form: absent for `{}` or `true`,
// `false` for `{not: {}}`.
func (z *normalizer) boolKeywords(o *obj, n *spec.Node, at *path) {
	for _, k := range boolPositions {
		v := o.get(k)
		switch {
		case v == nil:
		case isEmptySchema(v) && z.on(EmptySchema):
			z.record(EmptySchema, written(o, n, k), at.with(k), k)
			o.del(k)
		case isNotEmpty(v) && z.on(FalseSchema):
			z.record(FalseSchema, written(o, n, k), at.with(k), k)
			o.set(k, scalar(v, spec.Bool, "false"))
		}
	}
}

// isNotEmpty tells `{not: {}}`, the schema that accepts nothing.
func isNotEmpty(v *spec.Node) bool {
	return v.Kind == spec.Object && len(v.Keys) == 1 && v.Keys[0] == "not" && isEmptySchema(v.Children[0])
}
