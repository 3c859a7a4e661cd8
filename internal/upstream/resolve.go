package upstream

import (
	"fmt"
	"net/url"
	"reflect"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// Resolving references in linear time.
//
// kin-openapi's Loader.ResolveRefsIn resolves a $ref by copying the element
// it points to and resolving the copy, which is never remembered: every
// $ref to a component walks that component's whole inline tree again (a
// schema of 3000 properties referenced from 3000 operations is nine million
// steps), and a chain of components S0 → S1 → … → Sn, each a $ref to the
// next, is walked to its end from every link (quadratic in the chain).
//
// ResolveRefs gives ResolveRefsIn a document on which both are constant
// work, and lets it do everything else as it does (reading other files,
// the OpenAPI 3.1 siblings of a $ref, the positions it records):
//
//   - every component written as a $ref to another component of the same
//     map (a chain link), with nothing beside the $ref that kin-openapi would
//     merge into its value (OpenAPI 3.1 siblings, a summary), gets the value
//     of the component at the end of its chain, as ResolveRefsIn gives it,
//     each link once;
//   - every schema $ref to such a component gets its value the same way,
//     and every inline schema under which nothing is left to resolve is
//     marked resolved while ResolveRefsIn runs (see preResolver): kin-openapi
//     goes down into the value of each $ref it resolves, so a $ref to a
//     schema of 3000 properties would otherwise cost 3000 steps each time;
//   - during the pass over the whole document, each components map holds,
//     under its name, a stand-in for each inline component: a wrapper that
//     carries the component's value and a $ref, which ResolveRefsIn takes
//     as already resolved; the component itself sits under a name no $ref
//     can spell, so it is still resolved, once. Resolving a $ref to it is
//     then one copy of the stand-in, whatever the component holds;
//   - the maps are put back as they were, and the marks taken off, when it
//     is done.
//
// The model is the one ResolveRefsIn alone builds (TestSplitLoadIsTheSameModel
// and TestSwaggerConversionIsKins compare them on the test corpus), except
// for an unexported field kin keeps for its own bundling (refPath), which
// neither apibump nor oasdiff reads.

// resolvedMark is the $ref of a stand-in. No $ref in a document resolves
// to it: ResolveRefsIn only reads it to see the stand-in is resolved.
const resolvedMark = "#/\x00apibump/resolved"

// hiddenPrefix starts the name a component is moved to while its stand-in
// holds its own: a $ref cannot name it (a JSON pointer holds no NUL).
// ResolveRefsIn takes the components in the order of their names: the links
// left to it come first (orderedPrefix, then their rank), deepest first, so
// each finds the one it names resolved.
const (
	orderedPrefix = "\x00\x01"
	hiddenPrefix  = "\x00\x02"
)

// RefCycleError is a chain of components written as $refs that comes back
// to itself without reaching anything.
type RefCycleError struct {
	Kind  string   // "schemas", "parameters", ...
	Names []string // the components of the cycle, in order
}

func (e *RefCycleError) Error() string {
	return fmt.Sprintf("$ref cycle: components/%s/%s never reaches a definition", e.Kind, strings.Join(append(e.Names, e.Names[0]), " → "))
}

// componentMap is one map of Components holding *XRef values.
type componentMap struct {
	kind  string        // its JSON name: "schemas", ...
	field int           // its index in Components
	m     reflect.Value // the map, as decoded
}

// refMaps lists the maps of c whose values are *XRef wrappers (a Ref
// string and a Value pointer).
func refMaps(c *openapi3.Components) []componentMap {
	v := reflect.ValueOf(c).Elem()
	t := v.Type()
	var out []componentMap
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Type.Kind() != reflect.Map || f.Type.Key().Kind() != reflect.String || !refWrapper(f.Type.Elem()) {
			continue
		}
		kind, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if kind == "" || kind == "-" || v.Field(i).Len() == 0 {
			continue
		}
		// The map itself, not the field: the field is set to other maps for a while.
		out = append(out, componentMap{kind: kind, field: i, m: reflect.ValueOf(v.Field(i).Interface())})
	}
	return out
}

// refWrapper tells whether t is a pointer to a struct with a Ref string
// and a Value pointer, kin-openapi's *XRef types.
func refWrapper(t reflect.Type) bool {
	if t.Kind() != reflect.Pointer || t.Elem().Kind() != reflect.Struct {
		return false
	}
	r, ok1 := t.Elem().FieldByName("Ref")
	v, ok2 := t.Elem().FieldByName("Value")
	return ok1 && ok2 && r.Type.Kind() == reflect.String && v.Type.Kind() == reflect.Pointer
}

func refOf(w reflect.Value) string          { return w.Elem().FieldByName("Ref").String() }
func valueOf(w reflect.Value) reflect.Value { return w.Elem().FieldByName("Value") }

// sameMapTarget returns the name of the component of the same map that ref
// names (#/components/<kind>/<name>), read as kin-openapi reads it.
func sameMapTarget(ref, kind string) (string, bool) {
	if !strings.HasPrefix(ref, "#") {
		return "", false
	}
	u, err := url.Parse(ref)
	if err != nil {
		return "", false
	}
	name, ok := strings.CutPrefix(u.Fragment, "/components/"+kind+"/")
	if !ok || name == "" || strings.Contains(name, "/") {
		return "", false
	}
	return strings.ReplaceAll(strings.ReplaceAll(name, "~1", "/"), "~0", "~"), true
}

// ResolveRefs resolves the references of doc as loader.ResolveRefsIn does,
// in time linear in the document.
func ResolveRefs(loader *openapi3.Loader, doc *openapi3.T, location *url.URL) error {
	var maps []componentMap
	if doc.Components != nil {
		maps = refMaps(doc.Components)
	}
	pending := make([][]string, len(maps))
	for i, cm := range maps {
		var err error
		if pending[i], err = resolveLinks(doc, cm); err != nil {
			return err
		}
	}
	r := newPreResolver(doc)
	r.document(doc)
	defer r.unmark()
	// The pass over the whole document, with stand-ins.
	var comps reflect.Value
	if doc.Components != nil {
		comps = reflect.ValueOf(doc.Components).Elem()
	}
	for j, cm := range maps {
		staged := reflect.MakeMapWithSize(cm.m.Type(), 2*cm.m.Len())
		for i, name := range pending[j] {
			k := reflect.ValueOf(name).Convert(cm.m.Type().Key())
			staged.SetMapIndex(reflect.ValueOf(fmt.Sprintf("%s%012d", orderedPrefix, i)).Convert(k.Type()), cm.m.MapIndex(k))
		}
		iter := cm.m.MapRange()
		for iter.Next() {
			name, w := iter.Key(), iter.Value()
			if w.IsNil() || refOf(w) != "" || valueOf(w).IsNil() {
				staged.SetMapIndex(name, w)
				continue
			}
			staged.SetMapIndex(name, standIn(w))
			staged.SetMapIndex(reflect.ValueOf(hiddenPrefix+name.String()).Convert(name.Type()), w)
		}
		comps.Field(cm.field).Set(staged)
	}
	err := loader.ResolveRefsIn(doc, location)
	for _, cm := range maps {
		comps.Field(cm.field).Set(cm.m)
	}
	return err
}

// standIn returns a wrapper of w's type holding w's value under resolvedMark.
func standIn(w reflect.Value) reflect.Value {
	s := reflect.New(w.Type().Elem())
	s.Elem().FieldByName("Ref").SetString(resolvedMark)
	s.Elem().FieldByName("Value").Set(valueOf(w))
	return s
}

// resolveLinks gives each component of cm written as a plain $ref to another
// component of cm the value at the end of its chain, once per link. A link
// kin-openapi must merge something into (see plainLink), and every link
// before it, are left to ResolveRefsIn: they are returned, each after the
// one it names.
func resolveLinks(doc *openapi3.T, cm componentMap) ([]string, error) {
	const (
		unseen = iota
		onPath
		done
	)
	v31 := doc.IsOpenAPI31OrLater()
	key := func(s string) reflect.Value { return reflect.ValueOf(s).Convert(cm.m.Type().Key()) }
	if v31 && cm.kind != "schemas" {
		// kin-openapi writes the summary and description of a reference to a
		// parameter, a response... into the value it shares with every other
		// reference, so the last one it resolves wins: the links of such a
		// map are left to it, in its own order.
		iter := cm.m.MapRange()
		for iter.Next() {
			if w := iter.Value(); !w.IsNil() && refOf(w) != "" && !plainLink(w, v31) {
				return nil, nil
			}
		}
	}
	state := map[string]uint8{}
	var path, pending []string
	for _, start := range cm.m.MapKeys() {
		// Follow the chain from start to something already done, inline or
		// outside the map, then give the links their value backwards.
		path = path[:0]
		name := start.String()
		cycle := false
		for {
			if st := state[name]; st != unseen {
				cycle = st == onPath
				break
			}
			w := cm.m.MapIndex(key(name))
			if !w.IsValid() || w.IsNil() || refOf(w) == "" {
				break
			}
			state[name] = onPath
			path = append(path, name)
			next, ok := sameMapTarget(refOf(w), cm.kind)
			if !ok {
				break
			}
			name = next
		}
		if cycle {
			i := len(path) - 1
			for path[i] != name {
				i--
			}
			return nil, &RefCycleError{Kind: cm.kind, Names: append([]string(nil), path[i:]...)}
		}
		resolving := true
		for i := len(path) - 1; i >= 0; i-- {
			state[path[i]] = done
			w := cm.m.MapIndex(key(path[i]))
			if !valueOf(w).IsNil() {
				continue
			}
			target, ok := sameMapTarget(refOf(w), cm.kind)
			t := cm.m.MapIndex(key(target))
			if resolving && ok && t.IsValid() && !t.IsNil() && !valueOf(t).IsNil() && plainLink(w, v31) {
				valueOf(w).Set(valueOf(t))
				continue
			}
			resolving = false
			pending = append(pending, path[i])
		}
	}
	return pending, nil
}

// plainLink tells whether the *XRef w holds nothing beside its $ref that
// ResolveRefsIn would merge into the value it resolves (OpenAPI 3.1 sibling
// keywords of a schema, the summary and description of a reference); what
// it cannot tell (a field of a newer kin-openapi) counts as something.
func plainLink(w reflect.Value, v31 bool) bool {
	if !v31 {
		return true // OpenAPI 3.0 ignores what is written beside a $ref
	}
	e := w.Elem()
	for i := range e.NumField() {
		switch e.Type().Field(i).Name {
		case "Extensions", "Origin", "Ref", "Value", "extra", "refPath":
			continue
		}
		if !e.Field(i).IsZero() {
			return false
		}
	}
	return true
}

// preResolver resolves, before ResolveRefsIn runs, each schema $ref to a
// component of components/schemas (linking to the value ResolveRefsIn would
// give it), and marks as resolved each inline schema under which nothing is
// left to resolve, so that ResolveRefsIn neither resolves a $ref to a
// schema by walking that schema again nor walks a schema twice. It visits
// what ResolveRefsIn visits, in the same places, and no more: a $ref it
// resolves is one ResolveRefsIn would have resolved to the same value.
// What it leaves (a $ref to another file or elsewhere in this one, a $ref
// with OpenAPI 3.1 siblings, which ResolveRefsIn merges) is left to
// ResolveRefsIn, with what is above it.
type preResolver struct {
	schemas map[string]*openapi3.SchemaRef // components/schemas, links resolved
	v31     bool
	marked  []*openapi3.SchemaRef
}

func newPreResolver(doc *openapi3.T) *preResolver {
	r := &preResolver{v31: doc.IsOpenAPI31OrLater()}
	if doc.Components != nil {
		r.schemas = doc.Components.Schemas
	}
	return r
}

// unmark undoes the marks, once ResolveRefsIn is done.
func (r *preResolver) unmark() {
	for _, sr := range r.marked {
		sr.Ref = ""
	}
	r.marked = nil
}

func (r *preResolver) mark(sr *openapi3.SchemaRef) {
	if sr != nil && sr.Ref == "" && sr.Value != nil {
		sr.Ref = resolvedMark
		r.marked = append(r.marked, sr)
	}
}

// target is the value ResolveRefsIn gives sr, when sr is a $ref to a
// component schema of this document written without siblings; else nil.
func (r *preResolver) target(sr *openapi3.SchemaRef) *openapi3.Schema {
	name, ok := sameMapTarget(sr.Ref, "schemas")
	if !ok {
		return nil
	}
	t := r.schemas[name]
	if t == nil || t.Value == nil {
		return nil
	}
	if !plainLink(reflect.ValueOf(sr), r.v31) {
		return nil
	}
	return t.Value
}

// entry handles a schema where ResolveRefsIn starts (a component, the
// schema of a parameter, a header or a media type).
func (r *preResolver) entry(sr *openapi3.SchemaRef) {
	if sr != nil && r.schema(sr) {
		r.mark(sr)
	}
}

// schema pre-resolves what it can under sr and tells whether nothing is left
// for ResolveRefsIn to do there. When something is, the parts where nothing
// is are marked, so ResolveRefsIn stops at them.
func (r *preResolver) schema(sr *openapi3.SchemaRef) bool {
	if sr == nil {
		return true
	}
	if sr.Ref != "" {
		if sr.Value != nil {
			return true
		}
		if v := r.target(sr); v != nil {
			sr.Value = v
			return true
		}
		return false
	}
	s := sr.Value
	if s == nil {
		return false // ResolveRefsIn says what is wrong with it
	}
	clean := true
	var done []*openapi3.SchemaRef
	EachSubschema(s, func(_ string, c *openapi3.SchemaRef) {
		if r.schema(c) {
			done = append(done, c)
		} else {
			clean = false
		}
	})
	if s.Discriminator != nil {
		for _, m := range s.Discriminator.Mapping {
			// ResolveRefsIn resolves a mapping to another file.
			if strings.Contains(m.Ref, "/") && !strings.HasPrefix(m.Ref, "#") {
				clean = false
			}
		}
	}
	if !clean {
		for _, c := range done {
			r.mark(c)
		}
	}
	return clean
}

// document visits what ResolveRefsIn visits.
func (r *preResolver) document(doc *openapi3.T) {
	WalkModel(doc, ModelVisitor{Schema: r.entry})
}
