package upstream

import "github.com/getkin/kin-openapi/openapi3"

// ModelVisitor is what WalkModel calls: Extensions (when set) with the
// extensions of each path item, operation, parameter and header, Schema
// with each schema where a walk of schemas starts (a component, the schema
// of a parameter, a header or a media type), not those below it.
type ModelVisitor struct {
	Extensions func(map[string]any)
	Schema     func(*openapi3.SchemaRef)
}

// WalkModel visits a kin-openapi model as ResolveRefsIn does: each element
// once where it is defined (an element written as a $ref is its target,
// visited in the components; a path item written as a $ref is a copy of its
// target, visited where that stands).
func WalkModel(doc *openapi3.T, v ModelVisitor) {
	w := modelWalker(v)
	if c := doc.Components; c != nil {
		for _, h := range c.Headers {
			w.header(h)
		}
		for _, p := range c.Parameters {
			w.parameter(p)
		}
		for _, b := range c.RequestBodies {
			if b != nil && b.Ref == "" && b.Value != nil {
				w.content(b.Value.Content)
			}
		}
		for _, resp := range c.Responses {
			w.response(resp)
		}
		for _, s := range c.Schemas {
			w.Schema(s)
		}
		for _, cb := range c.Callbacks {
			w.callback(cb)
		}
	}
	for _, item := range doc.Paths.Map() {
		w.pathItem(item)
	}
	for _, item := range doc.Webhooks {
		w.pathItem(item)
	}
}

type modelWalker ModelVisitor

func (w modelWalker) extensions(ext map[string]any) {
	if w.Extensions != nil && ext != nil {
		w.Extensions(ext)
	}
}

func (w modelWalker) pathItem(item *openapi3.PathItem) {
	if item == nil || item.Ref != "" {
		return
	}
	w.extensions(item.Extensions)
	for _, p := range item.Parameters {
		w.parameter(p)
	}
	for _, op := range item.Operations() {
		if op == nil {
			continue
		}
		w.extensions(op.Extensions)
		for _, p := range op.Parameters {
			w.parameter(p)
		}
		if b := op.RequestBody; b != nil && b.Ref == "" && b.Value != nil {
			w.content(b.Value.Content)
		}
		for _, resp := range op.Responses.Map() {
			w.response(resp)
		}
		for _, cb := range op.Callbacks {
			w.callback(cb)
		}
	}
}

func (w modelWalker) callback(cb *openapi3.CallbackRef) {
	if cb == nil || cb.Ref != "" || cb.Value == nil {
		return
	}
	for _, item := range cb.Value.Map() {
		w.pathItem(item)
	}
}

func (w modelWalker) parameter(p *openapi3.ParameterRef) {
	if p == nil || p.Ref != "" || p.Value == nil {
		return
	}
	w.extensions(p.Value.Extensions)
	w.content(p.Value.Content)
	w.Schema(p.Value.Schema)
}

func (w modelWalker) header(h *openapi3.HeaderRef) {
	if h == nil || h.Ref != "" || h.Value == nil {
		return
	}
	w.extensions(h.Value.Extensions)
	w.Schema(h.Value.Schema)
}

func (w modelWalker) response(resp *openapi3.ResponseRef) {
	if resp == nil || resp.Ref != "" || resp.Value == nil {
		return
	}
	for _, h := range resp.Value.Headers {
		w.header(h)
	}
	w.content(resp.Value.Content)
}

func (w modelWalker) content(c openapi3.Content) {
	for _, mt := range c {
		if mt != nil {
			w.Schema(mt.Schema)
			w.Schema(mt.ItemSchema)
		}
	}
}
