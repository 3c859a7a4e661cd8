package upstream

import (
	"cmp"
	"reflect"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apibump/apibump/internal/spec"
)

// ApplyOrigins records, on every element of the kin-openapi model, where it
// stands in its source file, the way kin-openapi does for YAML input. oasdiff's
// checker reads these origins to place each finding, so findings carry exact
// lines for JSON and YAML specs alike, multi-file ones included. The model is
// walked alongside the position trees, following $refs into the files they name.
func ApplyOrigins(d *spec.Document) {
	w := &originWalker{doc: d, seen: map[uintptr]bool{}, types: map[reflect.Type]*structInfo{}}
	root := d.Root.Root
	if d.Swagger {
		root = swaggerAsV3(root)
	}
	w.walk(reflect.ValueOf(d.Spec), root, firstKey)
	w.walkConjuncts()
}

// firstKey, given as the name of an element, stands for the name of its own
// first key, as kin-openapi names the document and the items of a sequence,
// which no key heads. kin-openapi also puts their key where that first key
// is; apibump keeps it where the element starts, the same place in block
// YAML, and in JSON the item's "{", which keeps a finding on the item apart
// from one on its first field.
const firstKey = "\x00first key"

type originWalker struct {
	doc   *spec.Document
	seen  map[uintptr]bool
	types map[reflect.Type]*structInfo
	ends  map[*spec.Node]refEndOf // see refEnd
	// conjuncts holds the allOf items kin-openapi adds for the keywords next
	// to a $ref, each with the $ref that wrote it (see walkRefSiblings).
	conjuncts map[*openapi3.Schema]conjunct
	// Origins and locations are cut from slabs: a spec has hundreds of
	// thousands of them, all kept as long as the model.
	origins []openapi3.Origin
	locs    []openapi3.Location
	last    struct {
		n       *spec.Node
		name    string
		mapLike bool
		o       *openapi3.Origin
	}
}

// structInfo is what walkStruct reads of a struct type, looked up once per type.
type structInfo struct {
	ref, value, origin []int       // field indexes of Ref, Value and Origin; nil when absent
	fields             []fieldInfo // the exported fields, in order
	boolSchema         bool        // a field holds the *Ref wrapper of what stands at the same node (BoolSchema.Schema)
	mapMethods         map[reflect.Type]int
}

type fieldInfo struct {
	index      int
	tag        string // the JSON name; "" for an untagged or "-" field
	boolSchema bool   // an untagged pointer field named Schema (BoolSchema)
	embedded   bool   // an embedded struct, whose fields are the struct's own (Header's Parameter)
	scalarMap  bool   // a map of scalars (OAuth scopes), whose keys the struct's origin records
}

func scalarKind(k reflect.Kind) bool {
	switch k {
	case reflect.Struct, reflect.Pointer, reflect.Interface, reflect.Map, reflect.Slice, reflect.Array:
		return false
	}
	return true
}

func (w *originWalker) info(t reflect.Type) *structInfo {
	if si, ok := w.types[t]; ok {
		return si
	}
	si := &structInfo{mapMethods: map[reflect.Type]int{}}
	if f, ok := t.FieldByName("Ref"); ok {
		si.ref = f.Index
	}
	if f, ok := t.FieldByName("Value"); ok {
		si.value = f.Index
	}
	if f, ok := t.FieldByName("Origin"); ok {
		si.origin = f.Index
	}
	for i := range t.NumField() {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		tag, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if tag == "-" {
			tag = ""
		}
		fi := fieldInfo{index: i, tag: tag, boolSchema: tag == "" && sf.Name == "Schema" && sf.Type.Kind() == reflect.Pointer,
			embedded:  tag == "" && sf.Anonymous && sf.Type.Kind() == reflect.Struct,
			scalarMap: tag != "" && sf.Type.Kind() == reflect.Map && scalarKind(sf.Type.Elem().Kind())}
		si.fields = append(si.fields, fi)
		si.boolSchema = si.boolSchema || fi.boolSchema
	}
	w.types[t] = si
	return si
}

// mapMethod returns the index of recv's method Map, when it takes nothing
// and returns one value, or -1.
func (si *structInfo) mapMethod(recv reflect.Value) int {
	t := recv.Type()
	if i, ok := si.mapMethods[t]; ok {
		return i
	}
	i := -1
	if m, ok := t.MethodByName("Map"); ok {
		if mt := recv.Method(m.Index).Type(); mt.NumIn() == 0 && mt.NumOut() == 1 {
			i = m.Index
		}
	}
	si.mapMethods[t] = i
	return i
}

var originType = reflect.TypeFor[*openapi3.Origin]()

func (w *originWalker) newLocs(n int) []openapi3.Location {
	if len(w.locs) < n {
		w.locs = make([]openapi3.Location, max(n, 1024))
	}
	out := w.locs[:n:n]
	w.locs = w.locs[n:]
	return out
}

// originOf returns the origin of the element at n, under the key name (or
// firstKey). A map-like element (Paths, Responses, Callback) records its key
// only, as kin-openapi does: its members are entries, not fields.
func (w *originWalker) originOf(n *spec.Node, name string, mapLike bool) *openapi3.Origin {
	// A *Ref wrapper written inline and the value it wraps stand at the same
	// node under the same name, one right after the other: they share one
	// origin (read-only for everyone) instead of holding two equal ones.
	if n == w.last.n && name == w.last.name && mapLike == w.last.mapLike {
		return w.last.o
	}
	o := w.newOrigin(n, name, mapLike)
	w.last.n, w.last.name, w.last.mapLike, w.last.o = n, name, mapLike, o
	return o
}

func (w *originWalker) newOrigin(n *spec.Node, name string, mapLike bool) *openapi3.Origin {
	if len(w.origins) == 0 {
		w.origins = make([]openapi3.Origin, 1024)
	}
	o := &w.origins[0]
	w.origins = w.origins[1:]
	o.Key = &w.newLocs(1)[0]
	if name == firstKey {
		name = ""
		if n.Kind == spec.Object && len(n.Keys) > 0 {
			name = n.Keys[0]
		}
	}
	*o.Key = openapi3.Location{
		File: n.File.Token(), Line: int(n.KeyPos.Line), Column: int(n.KeyPos.Col), Name: name,
		EndLine: int(n.End.Line), EndColumn: int(n.End.Col),
	}
	if n.Kind != spec.Object || mapLike {
		return o
	}
	// Every member is a field, whatever its value; the scalar items of an
	// array member are its sequence.
	if len(n.Children) > 0 {
		o.Fields = w.newLocs(len(n.Children))[:0]
	}
	for i, c := range n.Children {
		k := n.Keys[i]
		o.Fields = append(o.Fields, openapi3.Location{File: n.File.Token(), Line: int(c.KeyPos.Line), Column: int(c.KeyPos.Col), Name: k})
		if c.Kind != spec.Array {
			continue
		}
		items := 0
		for _, it := range c.Children {
			if it.Kind != spec.Object && it.Kind != spec.Array {
				items++
			}
		}
		if items == 0 {
			continue
		}
		locs := w.newLocs(items)[:0]
		for _, it := range c.Children {
			if it.Kind != spec.Object && it.Kind != spec.Array {
				locs = append(locs, openapi3.Location{File: n.File.Token(), Line: int(it.Pos.Line), Column: int(it.Pos.Col), Name: it.Value})
			}
		}
		if o.Sequences == nil {
			o.Sequences = map[string][]openapi3.Location{}
		}
		o.Sequences[k] = locs
	}
	return o
}

func (w *originWalker) walk(v reflect.Value, n *spec.Node, name string) {
	if n == nil {
		return
	}
	var ptr reflect.Value
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return
		}
		if v.Kind() == reflect.Pointer {
			ptr = v
		}
		v = v.Elem()
	}
	var si *structInfo
	if v.Kind() == reflect.Struct {
		si = w.info(v.Type())
	}
	if ref := n.Ref(); ref != "" && (si == nil || si.ref == nil && !si.boolSchema) {
		// A reference where the model holds no *Ref wrapper (an operation or
		// a map written as a $ref): the element stands where it points.
		// BoolSchema holds the wrapper of the schema written at its node.
		if _, r, err := w.doc.Resolve(n.File, ref); err == nil {
			n = r
		}
	}
	switch v.Kind() {
	case reflect.Struct:
		w.walkStruct(v, ptr, si, n, name)
	case reflect.Map:
		if n.Kind != spec.Object {
			return
		}
		// In the keys' order: an element reached from two places (an
		// allOf item kin-openapi adds for a $ref's siblings, see
		// walkRefSiblings) is given the first place walked.
		keys := v.MapKeys()
		if len(keys) > 1 && keys[0].Kind() == reflect.String {
			slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(a.String(), b.String()) })
		}
		for _, k := range keys {
			if k.Kind() != reflect.String {
				continue
			}
			c := n.Get(k.String())
			if c == nil {
				continue
			}
			e := v.MapIndex(k)
			if e.Kind() == reflect.Pointer || e.Kind() == reflect.Interface {
				w.walk(e, c, k.String())
			}
		}
	case reflect.Slice:
		if n.Kind != spec.Array {
			return
		}
		if v.Type() == reflect.TypeFor[openapi3.Parameters]() {
			w.walkParameters(v, n)
			return
		}
		for i := 0; i < v.Len() && i < len(n.Children); i++ {
			w.walk(v.Index(i), n.Children[i], firstKey)
		}
	}
}

// walkParameters pairs parameters by name and location, not by index, so a
// converted or reordered list still finds its nodes.
func (w *originWalker) walkParameters(v reflect.Value, n *spec.Node) {
	type key struct{ name, in string }
	byKey := map[key]*spec.Node{}
	for _, c := range n.Children {
		t := c
		if ref := c.Ref(); ref != "" {
			if _, r, err := w.doc.Resolve(c.File, ref); err == nil {
				t = r
			}
		}
		byKey[key{t.Str("name"), t.Str("in")}] = c
	}
	for i := 0; i < v.Len(); i++ {
		pr, _ := v.Index(i).Interface().(*openapi3.ParameterRef)
		if pr == nil || pr.Value == nil {
			continue
		}
		if c := byKey[key{pr.Value.Name, pr.Value.In}]; c != nil {
			w.walk(v.Index(i), c, firstKey)
		}
	}
}

func (w *originWalker) walkStruct(v, ptr reflect.Value, si *structInfo, n *spec.Node, name string) {
	// A *Ref wrapper: follow the reference into the node it names.
	if si.ref != nil && si.value != nil {
		if rf, vf := v.FieldByIndex(si.ref), v.FieldByIndex(si.value); rf.Kind() == reflect.String && vf.Kind() == reflect.Pointer && !vf.IsNil() {
			if si.origin != nil {
				if of := v.FieldByIndex(si.origin); of.Type() == originType && of.CanSet() && of.IsNil() {
					of.Set(reflect.ValueOf(w.originOf(n, name, false)))
				}
			}
			if w.seen[vf.Pointer()] {
				return
			}
			w.seen[vf.Pointer()] = true
			target, ref, depth := w.refEnd(n)
			w.walk(vf, target, refName(ref, name))
			w.walkRefSiblings(vf, n, target, name, depth)
			return
		}
	}
	recv := ptr
	if !recv.IsValid() && v.CanAddr() {
		recv = v.Addr()
	}
	mapMethod := -1
	if recv.IsValid() {
		mapMethod = si.mapMethod(recv)
	}
	var origin *openapi3.Origin
	// A schema written true or false (OpenAPI 3.1) has its key, as
	// kin-openapi records it, and no fields.
	if si.origin != nil && (n.Kind == spec.Object || n.Kind == spec.Bool) {
		if of := v.FieldByIndex(si.origin); of.Type() == originType && of.CanSet() {
			origin = w.originOf(n, name, mapMethod >= 0)
			of.Set(reflect.ValueOf(origin))
		}
	}
	if n.Kind != spec.Object {
		return
	}
	for _, f := range si.fields {
		if f.tag == "" {
			if f.boolSchema || f.embedded {
				w.walk(v.Field(f.index), n, name)
			}
			continue
		}
		c := n.Get(f.tag)
		switch {
		case c == nil:
		case f.scalarMap:
			if origin != nil && c.Kind == spec.Object && len(c.Keys) > 0 {
				w.recordMapKeys(origin, f.tag, c)
			}
		default:
			w.walk(v.Field(f.index), c, f.tag)
		}
	}
	if mapMethod >= 0 {
		w.walk(recv.Method(mapMethod).Call(nil)[0], n, name)
	}
}

// refEnd follows the $refs from n, a chain of them included, to the node
// that holds no $ref, and returns it with the last $ref followed ("" when n
// holds none) and the number of $refs followed: kin-openapi resolves a chain
// to the value written at its end (every link shares it, or a copy of it),
// so that node is where the value stands and that $ref names it. Where a
// $ref cannot be followed (it points at nothing, or back into the chain),
// the chain ends at the node holding it. Each chain is followed once: its
// end is remembered for every node on it, so a chain of n links costs n
// steps however many of them are walked.
func (w *originWalker) refEnd(n *spec.Node) (*spec.Node, string, int) {
	if n.Ref() == "" {
		return n, "", 0
	}
	if e, ok := w.ends[n]; ok {
		return e.node, e.ref, e.depth
	}
	var path []*spec.Node
	onPath := map[*spec.Node]bool{}
	end, last, tail := n, "", 0
	for {
		if e, ok := w.ends[end]; ok {
			end, last, tail = e.node, e.ref, e.depth
			break
		}
		ref := end.Ref()
		if ref == "" || onPath[end] {
			break
		}
		_, r, err := w.doc.Resolve(end.File, ref)
		if err != nil {
			break
		}
		path = append(path, end)
		onPath[end] = true
		end, last = r, ref
	}
	if w.ends == nil {
		w.ends = map[*spec.Node]refEndOf{}
	}
	for i, p := range path {
		w.ends[p] = refEndOf{end, last, len(path) - i + tail}
	}
	return w.ends[n].node, w.ends[n].ref, w.ends[n].depth
}

// refEndOf is what refEnd found for a node.
type refEndOf struct {
	node  *spec.Node
	ref   string
	depth int
}

// recordMapKeys records where the keys of a map of scalars (OAuth scopes)
// are, sorted by key, as kin-openapi does: such a map has no origin of its own.
func (w *originWalker) recordMapKeys(o *openapi3.Origin, field string, m *spec.Node) {
	locs := w.newLocs(len(m.Keys))[:0]
	for i, k := range m.Keys {
		locs = append(locs, openapi3.Location{File: m.File.Token(), Line: int(m.Children[i].KeyPos.Line), Column: int(m.Children[i].KeyPos.Col), Name: k})
	}
	slices.SortFunc(locs, func(a, b openapi3.Location) int { return strings.Compare(a.Name, b.Name) })
	if o.Sequences == nil {
		o.Sequences = map[string][]openapi3.Location{}
	}
	o.Sequences[field] = locs
}

// walkRefSiblings records what kin-openapi builds of the keywords written
// next to a schema's $ref in OpenAPI 3.1: it applies them to a copy of the
// target (walked above, at the target) and puts those that assert something
// in one more allOf item, which stands at the $ref's own node. Along a chain
// of such $refs each link adds its item to the copy it gets from the next,
// so the copy at n holds the items of the links after it too: an item is
// given, once the whole model is walked, the node of the link nearest the
// end of the chain (the fewest $refs from it) that holds it, the one that
// wrote it, whichever link is walked first.
func (w *originWalker) walkRefSiblings(value reflect.Value, n, target *spec.Node, name string, depth int) {
	s, ok := value.Interface().(*openapi3.Schema)
	if !ok || n == target || n.Kind != spec.Object || len(n.Keys) < 2 {
		return
	}
	written := 0
	if a := target.Get("allOf"); a != nil && a.Kind == spec.Array {
		written = len(a.Children)
	}
	for _, item := range s.AllOf[min(written, len(s.AllOf)):] {
		if item == nil || item.Ref != "" || item.Value == nil || item.Value.Origin != nil {
			continue
		}
		if c, ok := w.conjuncts[item.Value]; ok && c.depth <= depth {
			continue
		}
		if w.conjuncts == nil {
			w.conjuncts = map[*openapi3.Schema]conjunct{}
		}
		w.conjuncts[item.Value] = conjunct{n, name, depth}
	}
}

// conjunct is the $ref node an allOf item of walkRefSiblings stands at.
type conjunct struct {
	n     *spec.Node
	name  string
	depth int
}

// walkConjuncts gives the items walkRefSiblings recorded their origins,
// each at its own node: an item holds the items of the links after it, and
// those are left to their own walk (all are marked seen first), in the
// order of their nodes, so that the origins do not hang on the order a map
// is read in.
func (w *originWalker) walkConjuncts() {
	type item struct {
		s *openapi3.Schema
		c conjunct
	}
	items := make([]item, 0, len(w.conjuncts))
	for s, c := range w.conjuncts {
		p := reflect.ValueOf(s).Pointer()
		if w.seen[p] {
			continue
		}
		w.seen[p] = true
		items = append(items, item{s, c})
	}
	slices.SortFunc(items, func(a, b item) int {
		x, y := a.c.n, b.c.n
		return cmp.Or(strings.Compare(x.File.Token(), y.File.Token()), cmp.Compare(x.Pos.Line, y.Pos.Line),
			cmp.Compare(x.Pos.Col, y.Pos.Col), cmp.Compare(a.c.depth, b.c.depth), strings.Compare(a.c.name, b.c.name))
	})
	for _, it := range items {
		v := reflect.ValueOf(it.s)
		w.walkStruct(v.Elem(), v, w.info(v.Elem().Type()), it.c.n, it.c.name)
	}
}

// refName is the name of the element a $ref names, as kin-openapi has it:
// the last token of its JSON pointer, none for a whole file, and the name
// it is written under when it points in its own document.
func refName(ref, name string) string {
	if ref == "" {
		return name
	}
	file, frag, _ := strings.Cut(ref, "#")
	i := strings.LastIndexByte(frag, '/')
	switch {
	case i >= 0:
		return strings.NewReplacer("~1", "/", "~0", "~").Replace(frag[i+1:])
	case file != "":
		return ""
	}
	return name
}

// swaggerAsV3 reshapes a Swagger 2.0 tree like the OpenAPI 3 model kin-openapi
// converts it to, reusing the original nodes so their positions stay true.
func swaggerAsV3(root *spec.Node) *spec.Node {
	obj := func(pos *spec.Node, kv ...any) *spec.Node {
		n := &spec.Node{Kind: spec.Object, File: pos.File, Pos: pos.Pos, KeyPos: pos.KeyPos, End: pos.End}
		for i := 0; i+1 < len(kv); i += 2 {
			if c, _ := kv[i+1].(*spec.Node); c != nil {
				n.Keys = append(n.Keys, kv[i].(string))
				n.Children = append(n.Children, c)
			}
		}
		return n
	}
	produces := func(op *spec.Node) []string {
		for _, src := range []*spec.Node{op.Get("produces"), root.Get("produces")} {
			if src != nil && src.Kind == spec.Array && len(src.Children) > 0 {
				var out []string
				for _, c := range src.Children {
					out = append(out, c.Value)
				}
				return out
			}
		}
		return []string{"application/json"}
	}
	content := func(schema *spec.Node, types []string) *spec.Node {
		if schema == nil {
			return nil
		}
		c := obj(schema)
		for _, t := range types {
			c.Keys = append(c.Keys, t)
			c.Children = append(c.Children, obj(schema, "schema", schema))
		}
		return c
	}
	// A Swagger 2.0 parameter other than body holds its schema keywords itself;
	// OpenAPI 3 moves them under `schema`.
	param := func(p *spec.Node) *spec.Node {
		if p == nil || p.Kind != spec.Object || p.Ref() != "" || p.Str("in") == "body" || p.Get("schema") != nil {
			return p
		}
		schema := obj(p)
		for _, k := range []string{"type", "format", "items", "enum", "default", "maximum", "minimum",
			"exclusiveMaximum", "exclusiveMinimum", "maxLength", "minLength", "pattern", "maxItems",
			"minItems", "uniqueItems", "multipleOf"} {
			if c := p.Get(k); c != nil {
				schema.Keys = append(schema.Keys, k)
				schema.Children = append(schema.Children, c)
			}
		}
		v := obj(p)
		v.Keys = append(append(v.Keys, p.Keys...), "schema")
		v.Children = append(append(v.Children, p.Children...), schema)
		return v
	}
	params := func(list *spec.Node) *spec.Node {
		if list == nil || list.Kind != spec.Array {
			return list
		}
		v := *list
		v.Children = make([]*spec.Node, len(list.Children))
		for i, p := range list.Children {
			v.Children[i] = param(p)
		}
		return &v
	}
	response := func(r *spec.Node, types []string) *spec.Node {
		if r == nil || r.Kind != spec.Object || r.Ref() != "" {
			return r
		}
		return obj(r, "description", r.Get("description"), "headers", r.Get("headers"), "content", content(r.Get("schema"), types))
	}
	paths := root.Get("paths")
	var vpaths *spec.Node
	if paths != nil && paths.Kind == spec.Object {
		vpaths = obj(paths)
		for i, p := range paths.Children {
			vp := p
			if p.Kind == spec.Object {
				vp = obj(p)
				for j, m := range p.Children {
					k := p.Keys[j]
					vm := m
					if k == "parameters" {
						vm = params(m)
					}
					if m.Kind == spec.Object && k != "parameters" {
						vm = obj(m)
						for x, c := range m.Children {
							ck := m.Keys[x]
							switch ck {
							case "responses":
								rs := obj(c)
								for y, r := range c.Children {
									rs.Keys = append(rs.Keys, c.Keys[y])
									rs.Children = append(rs.Children, response(r, produces(m)))
								}
								c = rs
							case "parameters":
								for _, pr := range c.Children {
									if pr.Str("in") == "body" {
										vm.Keys = append(vm.Keys, "requestBody")
										vm.Children = append(vm.Children, obj(pr, "content", content(pr.Get("schema"), []string{"application/json"})))
									}
								}
							}
							if ck == "parameters" {
								c = params(c)
							}
							vm.Keys = append(vm.Keys, ck)
							vm.Children = append(vm.Children, c)
						}
					}
					vp.Keys = append(vp.Keys, k)
					vp.Children = append(vp.Children, vm)
				}
			}
			vpaths.Keys = append(vpaths.Keys, paths.Keys[i])
			vpaths.Children = append(vpaths.Children, vp)
		}
	}
	// The two large objects get constant-time Get, as parsed ones have.
	comps := obj(root, "schemas", root.Get("definitions"), "parameters", root.Get("parameters"),
		"securitySchemes", root.Get("securityDefinitions"))
	comps = spec.NewObject(comps, comps.Keys, comps.Children)
	out := obj(root, "info", root.Get("info"), "paths", vpaths, "components", comps,
		"security", root.Get("security"), "tags", root.Get("tags"))
	return spec.NewObject(out, out.Keys, out.Children)
}
