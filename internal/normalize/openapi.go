package normalize

import (
	"slices"
	"strings"

	"github.com/apibump/apibump/internal/spec"
)

// The OpenAPI objects that hold schemas, headers and parameters. Each
// returns the normalised object (n itself when nothing changed); an object
// written as a $ref is left as written and its target normalised where it
// stands.

var methods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

func isMethod(k string) bool {
	for _, m := range methods {
		if k == m {
			return true
		}
	}
	return false
}

func (z *normalizer) pathItem(n *spec.Node, at *path) *spec.Node {
	if n == nil || n.Kind != spec.Object {
		return n
	}
	if n.Ref() != "" {
		z.follow(n, rolePathItem)
		if len(n.Keys) == 1 {
			return n
		}
	}
	return z.memoized(n, rolePathItem, func() *spec.Node {
		o := newObj(n)
		params := n.Get("parameters")
		var shared []*spec.Node // the path-level parameters, normalised
		if params != nil && params.Kind == spec.Array {
			shared = mapItems(params, at.with("parameters"), z.parameter).Children
		}
		merge := len(shared) > 0 && z.on(PathParameters)
		for i, k := range n.Keys {
			if isMethod(k) && n.Children[i].Ref() != "" {
				merge = false // an operation written as a $ref: leave the path-level parameters where they are
			}
		}
		var ops []string
		for i, k := range n.Keys {
			if !isMethod(k) {
				continue
			}
			var add []*spec.Node
			if merge {
				add = shared
				ops = append(ops, strings.ToUpper(k))
			}
			o.set(k, z.operation(n.Children[i], at.with(k), add))
		}
		switch {
		case merge:
			o.del("parameters")
			z.record(PathParameters, params, at.with("parameters"), strings.Join(ops, ", "))
		case params != nil && params.Kind == spec.Array:
			o.set("parameters", withChildrenIfChanged(params, shared))
		}
		return o.node()
	})
}

// withChildrenIfChanged returns n (an array) with items kids, n itself when they are its own.
func withChildrenIfChanged(n *spec.Node, kids []*spec.Node) *spec.Node {
	same := len(kids) == len(n.Children)
	for i := 0; same && i < len(kids); i++ {
		same = kids[i] == n.Children[i]
	}
	if same {
		return n
	}
	return withChildren(n, nil, kids)
}

// operation normalises an operation; shared are the path-level parameters
// to add to those the operation declares (nil: none).
func (z *normalizer) operation(n *spec.Node, at *path, shared []*spec.Node) *spec.Node {
	if n == nil || n.Kind != spec.Object || n.Ref() != "" {
		return n
	}
	o := newObj(n)
	params := n.Get("parameters")
	var own []*spec.Node
	if params != nil && params.Kind == spec.Array {
		own = mapItems(params, at.with("parameters"), z.parameter).Children
	}
	all := own
	if len(shared) > 0 {
		declared := map[string]bool{}
		for _, p := range own {
			declared[z.paramKey(p)] = true
		}
		all = slices.Clone(own)
		for _, p := range shared {
			if !declared[z.paramKey(p)] {
				all = append(all, p)
			}
		}
	}
	if !z.swagger {
		all = z.explode(all, at.with("parameters"))
	}
	tmpl := params
	if tmpl == nil || tmpl.Kind != spec.Array {
		tmpl = n
	}
	switch {
	case params != nil && params.Kind == spec.Array:
		o.set("parameters", withChildrenIfChanged(params, all))
	case len(all) > 0:
		o.set("parameters", array(tmpl, all))
	}
	if rb := n.Get("requestBody"); rb != nil {
		o.set("requestBody", z.requestBody(rb, at.with("requestBody")))
	}
	if rs := n.Get("responses"); rs != nil {
		o.set("responses", mapValues(rs, at.with("responses"), func(k string, v *spec.Node, p *path) *spec.Node {
			if strings.HasPrefix(k, "x-") {
				return v
			}
			return z.response(v, p)
		}))
	}
	if cb := n.Get("callbacks"); cb != nil {
		o.set("callbacks", mapValues(cb, at.with("callbacks"), func(_ string, v *spec.Node, p *path) *spec.Node {
			return z.callback(v, p)
		}))
	}
	return o.node()
}

// paramKey identifies a parameter by where it goes and its name, a header
// name in lower case; a reference that leads nowhere by its text.
func (z *normalizer) paramKey(p *spec.Node) string {
	t, _, ok := z.target(p)
	if !ok || t.Kind != spec.Object {
		return "ref:" + p.Ref()
	}
	in, name := t.Str("in"), t.Str("name")
	if in == "header" {
		name = strings.ToLower(name)
	}
	return in + ":" + name
}

// object normalises n, an object in role r, once: a $ref is left as written
// and its target normalised where it stands; else f rewrites its members.
func (z *normalizer) object(n *spec.Node, r role, f func(o *obj)) *spec.Node {
	if n == nil || n.Kind != spec.Object {
		return n
	}
	if n.Ref() != "" {
		z.follow(n, r)
		return n
	}
	return z.memoized(n, r, func() *spec.Node {
		o := newObj(n)
		f(o)
		return o.node()
	})
}

// schemaAndContent normalises the schema and the content of a parameter or a header.
func (z *normalizer) schemaAndContent(o *obj, at *path) {
	if s := o.orig.Get("schema"); s != nil {
		o.set("schema", z.schema(s, at.with("schema")))
	}
	if c := o.orig.Get("content"); c != nil {
		o.set("content", z.content(c, at.with("content")))
	}
}

func (z *normalizer) parameter(n *spec.Node, at *path) *spec.Node {
	return z.object(n, roleParameter, func(o *obj) {
		if name := n.Get("name"); name != nil && name.Kind == spec.String && n.Str("in") == "header" && z.on(HeaderNameCase) {
			if low := z.headerName(name.Value); low != name.Value {
				o.set("name", scalar(name, spec.String, low))
				z.record(HeaderNameCase, name, at.with("name"), name.Value)
			}
		}
		z.schemaAndContent(o, at)
	})
}

func (z *normalizer) header(n *spec.Node, at *path) *spec.Node {
	return z.object(n, roleHeader, func(o *obj) { z.schemaAndContent(o, at) })
}

func (z *normalizer) requestBody(n *spec.Node, at *path) *spec.Node {
	return z.object(n, roleRequestBody, func(o *obj) {
		if c := n.Get("content"); c != nil {
			o.set("content", z.content(c, at.with("content")))
		}
	})
}

func (z *normalizer) response(n *spec.Node, at *path) *spec.Node {
	return z.object(n, roleResponse, func(o *obj) {
		if h := n.Get("headers"); h != nil {
			o.set("headers", z.headers(h, at.with("headers")))
		}
		if z.swagger {
			z.schemaAndContent(o, at)
		} else if c := n.Get("content"); c != nil {
			o.set("content", z.content(c, at.with("content")))
		}
	})
}

// headers normalises a map of response headers: each header, and its name in
// lower case (unless two names would then collide).
func (z *normalizer) headers(n *spec.Node, at *path) *spec.Node {
	n2 := mapValues(n, at, func(_ string, v *spec.Node, p *path) *spec.Node { return z.header(v, p) })
	if n2 == nil || n2.Kind != spec.Object || !z.on(HeaderNameCase) {
		return n2
	}
	lower := make([]string, len(n2.Keys))
	seen := map[string]bool{}
	changed := false
	for i, k := range n2.Keys {
		lower[i] = z.headerName(k)
		if seen[strings.ToLower(k)] {
			return n2 // X-A and x-a both declared: left as written
		}
		seen[strings.ToLower(k)] = true
		changed = changed || lower[i] != k
	}
	if !changed {
		return n2
	}
	for i, k := range n.Keys {
		if lower[i] != k {
			z.record(HeaderNameCase, n.Children[i], at.with(k), k)
		}
	}
	return spec.NewObject(n2, lower, n2.Children)
}

func (z *normalizer) callback(n *spec.Node, at *path) *spec.Node {
	if n == nil || n.Kind != spec.Object {
		return n
	}
	if n.Ref() != "" {
		z.follow(n, roleCallback)
		return n
	}
	return z.memoized(n, roleCallback, func() *spec.Node {
		return mapValues(n, at, func(k string, v *spec.Node, p *path) *spec.Node {
			if strings.HasPrefix(k, "x-") {
				return v
			}
			return z.pathItem(v, p)
		})
	})
}

// content normalises a map of media types: the schema (none when it is {}
// or true, which accept anything as no schema does) and the headers of
// each encoding.
func (z *normalizer) content(n *spec.Node, at *path) *spec.Node {
	return mapValues(n, at, func(_ string, mt *spec.Node, p *path) *spec.Node {
		if mt == nil || mt.Kind != spec.Object {
			return mt
		}
		o := newObj(mt)
		if s := mt.Get("schema"); s != nil {
			sp := p.with("schema")
			if isEmptySchema(s) && z.on(EmptySchema) {
				o.del("schema")
				z.record(EmptySchema, s, sp, "schema")
			} else {
				o.set("schema", z.schema(s, sp))
			}
		}
		if enc := mt.Get("encoding"); enc != nil {
			o.set("encoding", mapValues(enc, p.with("encoding"), func(_ string, e *spec.Node, ep *path) *spec.Node {
				if e == nil || e.Kind != spec.Object || e.Get("headers") == nil {
					return e
				}
				eo := newObj(e)
				eo.set("headers", mapValues(e.Get("headers"), ep.with("headers"), func(_ string, h *spec.Node, hp *path) *spec.Node {
					return z.header(h, hp)
				}))
				return eo.node()
			}))
		}
		return o.node()
	})
}

// isEmptySchema tells `{}` and `true`.
func isEmptySchema(s *spec.Node) bool {
	return s.Kind == spec.Object && len(s.Keys) == 0 || s.Kind == spec.Bool && s.Value == "true"
}

// explode writes each query parameter that is an object serialised in form
// style, exploded (`?a=1&b=2`), as one parameter per property, the way the
// same query string reads as separate parameters: a property is required
// when the parameter is and the object requires it. A parameter with
// anything else (a $ref, a description, allowReserved, content, other
// properties allowed by a schema, required properties of an optional
// object, a name another parameter has) is left as written.
func (z *normalizer) explode(params []*spec.Node, at *path) []*spec.Node {
	if !z.on(ExplodedParameter) {
		return params
	}
	var out []*spec.Node
	for i, p := range params {
		split := z.explodeOne(p, params)
		if split == nil {
			if out != nil {
				out = append(out, p)
			}
			continue
		}
		if out == nil {
			out = slices.Clone(params[:i])
		}
		out = append(out, split...)
		z.record(ExplodedParameter, p, at, p.Str("name"))
	}
	if out == nil {
		return params
	}
	return out
}

func (z *normalizer) explodeOne(p *spec.Node, all []*spec.Node) []*spec.Node {
	if p.Kind != spec.Object || p.Ref() != "" || p.Str("in") != "query" {
		return nil
	}
	for _, k := range p.Keys {
		switch k {
		case "in", "name", "schema", "required", "style", "explode":
		default:
			return nil
		}
	}
	if st := p.Get("style"); st != nil && st.Value != "form" || p.Str("explode") == "false" {
		return nil
	}
	s := p.Get("schema")
	if s == nil || s.Kind != spec.Object || s.Str("type") != "object" {
		return nil
	}
	props := s.Get("properties")
	if props == nil || props.Kind != spec.Object || len(props.Keys) == 0 {
		return nil
	}
	for _, k := range s.Keys {
		switch k {
		case "type", "properties", "required", "description", "title":
		case "additionalProperties":
			if ap := s.Get(k); !(ap.Kind == spec.Bool && ap.Value == "false") {
				return nil
			}
		default:
			return nil
		}
	}
	required := p.Str("required") == "true"
	req := map[string]bool{}
	if r := s.Get("required"); r != nil {
		if r.Kind != spec.Array {
			return nil
		}
		for _, x := range r.Children {
			req[x.Value] = true
		}
		if len(req) > 0 && !required {
			return nil // an optional object with required properties: no separate parameters say that
		}
	}
	taken := map[string]bool{}
	for _, q := range all {
		if q != p {
			taken[z.paramKey(q)] = true
		}
	}
	in := p.Get("in")
	var out []*spec.Node
	for i, name := range props.Keys {
		ps := props.Children[i]
		if taken["query:"+name] {
			return nil
		}
		keys := []string{"in", "name", "schema"}
		vals := []*spec.Node{in, nameNode(ps, name), ps}
		if required && req[name] {
			keys = append(keys, "required")
			vals = append(vals, scalar(ps, spec.Bool, "true"))
		}
		out = append(out, spec.NewObject(ps, keys, vals))
	}
	return out
}

// nameNode is a property's name as a string node, where the name is written.
func nameNode(prop *spec.Node, name string) *spec.Node {
	n := scalar(prop, spec.String, name)
	if prop.KeyPos.Line > 0 {
		n.Pos = prop.KeyPos
	}
	return n
}
