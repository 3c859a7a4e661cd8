package kinmodel

import (
	"encoding/json"
	"errors"
	"math"
	"net/url"
	"reflect"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apibump/apibump/internal/spec"
)

// Loading the kin-openapi model in parts.
//
// kin-openapi's loader (v0.153) parses a whole document, JSON included, into
// a YAML node tree and decodes the model from that tree: a yaml.Node for
// every value of the spec, kept until the load ends, on top of apibump's own
// tree. loadSplit builds the same model from the parts instead: the document
// without its big members goes through the loader, and each components map
// and each path item is decoded on its own with encoding/json (kin-openapi's
// UnmarshalJSON methods), a path item given to PathItem.UnmarshalJSON as
// Paths.UnmarshalJSON would give it. The result is the same value
// (TestSplitLoadIsTheSameModel compares it with the loader's); on Stripe's and
// GitHub's specs it allocates less than half as much in about the same time.
// Anything unusual takes the ordinary path.

// splitLoad turns loadSplit on; tests turn it off to compare.
var splitLoad = true

// loadOpenAPI3 builds the kin-openapi model of an OpenAPI 3 document from the root tree.
func (d *document) loadOpenAPI3(location *url.URL, root *spec.Node) (*openapi3.T, error) {
	nerrs := len(d.ReadErrors())
	if splitLoad {
		model, err := d.loadSplit(location, root)
		if err != errDeclined {
			return model, err
		}
	}
	// Start over as a whole, as if the split load had not been tried.
	d.ForgetReadErrors(nerrs)
	return d.loadWhole(location, root)
}

// errDeclined says the split load leaves the document to loadWhole.
var errDeclined = errors.New("the split load declined")

// loadWhole builds the model as kin-openapi's LoadFromDataWithPath does
// (the JSON decoded whole), resolving references with resolveRefs.
func (d *document) loadWhole(location *url.URL, root *spec.Node) (*openapi3.T, error) {
	loader := d.newLoader()
	// An empty document registers the location, as the first document the
	// loader reads, the way LoadFromDataWithPath does for the whole.
	doc, err := loader.LoadFromDataWithPath([]byte("{}"), location)
	if err != nil {
		return nil, err
	}
	var whole openapi3.T
	if err := d.decodeRoot(root, &whole); err != nil {
		return nil, err
	}
	copyExported(doc, &whole)
	if err := resolveRefs(loader, doc, location); err != nil {
		return nil, err
	}
	return doc, nil
}

// decodeRoot decodes the root tree, written for kin-openapi, into model, a
// pointer to a zero value, deep schemas a piece at a time (see kincut.go).
func (d *document) decodeRoot(root *spec.Node, model any) error {
	if _, err := d.decodeCut(root, model, cutEvery); err == nil {
		return nil
	}
	// As a whole, for the error or because a mark was not in a schema's place.
	v := reflect.ValueOf(model).Elem()
	v.Set(reflect.Zero(v.Type()))
	return json.Unmarshal(d.kinJSON(d.Root, root), model)
}

// decodeCut decodes the root tree into model with a cut every `every`
// schema levels, and says how many pieces it decoded on their own.
func (d *document) decodeCut(root *spec.Node, model any, every int) (int, error) {
	cuts := newCutter(d.Root)
	cuts.every = every
	w := kinWriter{doc: d, served: d.Root, b: make([]byte, 0, len(d.Root.Data)+len(d.Root.Data)/8), cuts: cuts}
	w.write(root, d.Root, true, 0)
	if err := json.Unmarshal(w.b, model); err != nil {
		return 0, err
	}
	return len(cuts.cuts), d.spliceCuts(cuts, model)
}

// copyExported copies the exported fields of *src into *dst, keeping what
// kin-openapi keeps unexported in dst (its location).
func copyExported[T any](dst, src *T) {
	dv, sv := reflect.ValueOf(dst).Elem(), reflect.ValueOf(src).Elem()
	for i := range dv.NumField() {
		if dv.Type().Field(i).IsExported() {
			dv.Field(i).Set(sv.Field(i))
		}
	}
}

// componentMaps are the members of components that loadSplit decodes on their own.
var componentMaps = map[string]bool{
	"schemas": true, "parameters": true, "headers": true, "requestBodies": true, "responses": true,
	"securitySchemes": true, "examples": true, "links": true, "callbacks": true,
}

// splittable tells whether member i of n is an object written as itself
// (kinJSON does not replace it by a $ref's target).
func splittable(n *spec.Node, i int, keyword bool) bool {
	c := n.Children[i]
	return c.Kind == spec.Object && !inlined(n, i, keyword, 0)
}

// splitDoc holds the JSON parts of a document, written in the order kinJSON
// writes the whole, so files are read in the same order.
type splitDoc struct {
	top       []byte   // the document without the parts below
	comps     []byte   // components without its maps (nil: not split)
	compMaps  []string // the components maps written on their own
	compParts [][]byte
	pathKeys  []string // the members of paths (nil paths: not split)
	pathParts [][]byte
	paths     bool
	hooks     []byte // webhooks (nil: not split)
	hasPieces bool
	cuts      *cutter
}

// loadSplit builds the model from the parts of the document; errDeclined
// leaves it to loadWhole.
func (d *document) loadSplit(location *url.URL, root *spec.Node) (*openapi3.T, error) {
	if root.Kind != spec.Object {
		return nil, errDeclined
	}
	parts, ok := d.splitParts(root)
	if !ok {
		return nil, errDeclined
	}
	loader := d.newLoader()
	doc, err := loader.LoadFromDataWithPath(parts.top, location)
	if err != nil {
		return nil, errDeclined
	}
	if parts.comps != nil {
		c := &openapi3.Components{}
		if json.Unmarshal(parts.comps, c) != nil {
			return nil, errDeclined
		}
		for j, k := range parts.compMaps {
			if decodeComponentMap(c, k, parts.compParts[j]) != nil {
				return nil, errDeclined
			}
			parts.compParts[j] = nil // decoded: let the GC have it
		}
		doc.Components = c
	}
	if parts.paths {
		// As Paths.UnmarshalJSON builds it.
		p := openapi3.NewPathsWithCapacity(len(parts.pathKeys))
		p.Extensions = make(map[string]any)
		for j, k := range parts.pathKeys {
			if strings.HasPrefix(k, "x-") {
				var v any
				if json.Unmarshal(parts.pathParts[j], &v) != nil {
					return nil, errDeclined
				}
				p.Extensions[k] = v
				continue
			}
			var item openapi3.PathItem
			if item.UnmarshalJSON(parts.pathParts[j]) != nil {
				return nil, errDeclined
			}
			parts.pathParts[j] = nil
			p.Set(k, &item)
		}
		doc.Paths = p
	}
	if parts.hooks != nil {
		var m map[string]*openapi3.PathItem
		if json.Unmarshal(parts.hooks, &m) != nil {
			return nil, errDeclined
		}
		doc.Webhooks = m
	}
	if err := d.spliceCuts(parts.cuts, doc); err != nil {
		return nil, err
	}
	if err := resolveRefs(loader, doc, location); err != nil {
		var cycle *RefCycleError
		if errors.As(err, &cycle) {
			return nil, err
		}
		return nil, errDeclined
	}
	return doc, nil
}

// splitParts writes the parts of the document. Within the document, the root
// is read with keyword set, so are the members of components; the members
// of paths are read with it unset (see kinWriter.member).
func (d *document) splitParts(root *spec.Node) (*splitDoc, bool) {
	f := d.Root
	cuts := newCutter(f)
	w := &kinWriter{doc: d, served: f, cuts: cuts}
	parts := &splitDoc{cuts: cuts}
	// value writes member i of n on its own, as kinJSON writes it within the document.
	value := func(n *spec.Node, i int, keyword bool, parentKey string, floats bool) []byte {
		saved := w.b
		w.b, w.floats = nil, floats
		w.member(n, i, f, keyword, 0, parentKey)
		out := w.b
		w.b, w.floats = saved, false
		return out
	}
	top := append(make([]byte, 0, 1<<12), '{')
	for i, k := range root.Keys {
		c := root.Children[i]
		switch {
		case k == "components" && splittable(root, i, true):
			comps := append(make([]byte, 0, 1<<10), '{')
			for j, ck := range c.Keys {
				if componentMaps[ck] && splittable(c, j, true) {
					parts.compMaps = append(parts.compMaps, ck)
					parts.compParts = append(parts.compParts, value(c, j, true, "components", false))
					continue
				}
				w.b = comps
				if len(w.b) > 1 {
					w.b = append(w.b, ',')
				}
				w.b = spec.AppendJSONString(w.b, ck)
				w.b = append(w.b, ':')
				w.member(c, j, f, true, 0, "components")
				comps = w.b
			}
			parts.comps = append(comps, '}')
			parts.hasPieces = true
			continue
		case k == "paths" && splittable(root, i, true):
			parts.paths = true
			parts.pathKeys = c.Keys
			for j, pk := range c.Keys {
				// Paths.UnmarshalJSON writes each path item back from a map:
				// numbers come out as float64s.
				parts.pathParts = append(parts.pathParts, value(c, j, false, "paths", !strings.HasPrefix(pk, "x-")))
			}
			parts.hasPieces = true
			continue
		case k == "webhooks" && splittable(root, i, true):
			parts.hooks = value(root, i, true, "", false)
			parts.hasPieces = true
			continue
		}
		w.b = top
		if len(w.b) > 1 {
			w.b = append(w.b, ',')
		}
		w.b = spec.AppendJSONString(w.b, k)
		w.b = append(w.b, ':')
		w.member(root, i, f, true, 0, "")
		top = w.b
	}
	parts.top = append(top, '}')
	return parts, parts.hasPieces && !w.failed
}

func decodeComponentMap(c *openapi3.Components, key string, data []byte) error {
	switch key {
	case "schemas":
		return json.Unmarshal(data, &c.Schemas)
	case "parameters":
		return json.Unmarshal(data, &c.Parameters)
	case "headers":
		return json.Unmarshal(data, &c.Headers)
	case "requestBodies":
		return json.Unmarshal(data, &c.RequestBodies)
	case "responses":
		return json.Unmarshal(data, &c.Responses)
	case "securitySchemes":
		return json.Unmarshal(data, &c.SecuritySchemes)
	case "examples":
		return json.Unmarshal(data, &c.Examples)
	case "links":
		return json.Unmarshal(data, &c.Links)
	case "callbacks":
		return json.Unmarshal(data, &c.Callbacks)
	}
	return nil
}

// appendFloat writes a number literal as encoding/json writes the float64 it decodes to.
func (w *kinWriter) appendFloat(lit string) {
	f, err := strconv.ParseFloat(lit, 64)
	if err != nil {
		w.failed = true
		w.b = append(w.b, lit...)
		return
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	w.b = strconv.AppendFloat(w.b, f, format, -1, 64)
	if format == 'e' {
		// clean up e-09 to e-9
		n := len(w.b)
		if n >= 4 && w.b[n-4] == 'e' && w.b[n-3] == '-' && w.b[n-2] == '0' {
			w.b[n-2] = w.b[n-1]
			w.b = w.b[:n-1]
		}
	}
}
