package kinmodel

import (
	"encoding/json"
	"net/url"
	"reflect"
	"strings"
	"sync/atomic"

	"github.com/getkin/kin-openapi/openapi2"
	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apibump/apibump/internal/spec"
	"github.com/apibump/apibump/internal/upstream/kindecode"
)

// Loading the kin-openapi model in parts: the document is written as
// kindecode.SplitDoc's parts (splitParts), and kindecode.LoadSplit builds the
// model the loader builds from the whole (TestSplitLoadIsTheSameModel). On
// Stripe's and GitHub's specs it allocates less than half as much in about
// the same time. Anything unusual takes the ordinary path.

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
var errDeclined = kindecode.ErrDeclined

// loadWhole builds the model as kin-openapi's LoadFromDataWithPath does
// (the JSON decoded whole), resolving references with upstream.ResolveRefs.
func (d *document) loadWhole(location *url.URL, root *spec.Node) (*openapi3.T, error) {
	var whole openapi3.T
	if err := decodeRoot(d, root, &whole); err != nil {
		return nil, err
	}
	return kindecode.LoadDecoded(d.newLoader(), location, &whole)
}

// decodeRoot decodes the root tree, written for kin-openapi, into model, a
// pointer to a zero value, deep schemas a piece at a time (see kincut.go).
func decodeRoot[T any](d *document, root *spec.Node, model *T) error {
	if _, err := d.decodeCut(root, model, cutEvery); err == nil {
		return nil
	}
	var zero T
	*model = zero
	if err := deepError[T](d, root); err != nil {
		return err
	}
	// As a whole, for the error or because a mark was not in a schema's place.
	wholeDecodes.Add(1)
	return json.Unmarshal(d.kinJSON(d.Root, root), model)
}

// wholeDecodes counts the documents decoded whole for their error (tests
// read it).
var wholeDecodes atomic.Int64

// deepError finds, in linear time, what kin-openapi refuses in a document
// whose schemas nest cutEvery levels deep or more, where decoding the whole
// for its error would cost the square of the depth (each level's
// UnmarshalJSON reads the bytes of all the levels below): the root is
// written with marks and decoded, then each piece on its own,
// depth first in the order they are written; the first error is returned.
// A decoding error depends on nothing but the bytes decoded (assumption 3
// of package upstream), so it is the error the whole decoding reports when
// the document holds one; of several, this may name another than the whole
// would (which reads them in the order of the document), always the same
// one. nil when no schema is that deep, when nothing fails (a mark found
// where no schema is) or when the error of a piece kin-openapi may decode
// re-encoded (kinWriter.uncertain) hangs on whether it does (a number such
// as 1.50 where a whole one is wanted): the whole is decoded then, in the
// square of its depth.
func deepError[T any](d *document, root *spec.Node) error {
	var model T
	var place reflect.Type
	switch any(&model).(type) {
	case *openapi3.T:
		place = reflect.TypeFor[openapi3.SchemaRef]()
	case *openapi2.T:
		place = reflect.TypeFor[openapi2.SchemaRef]()
	default:
		return nil
	}
	cuts := newCutter(d.Root, false)
	w := kinWriter{doc: d, served: d.Root, cuts: cuts}
	if root.Kind == spec.Object {
		w.writeRoot(root)
	} else {
		w.write(root, d.Root, true, 0)
	}
	if len(cuts.cuts) == 0 {
		return nil
	}
	if err := json.Unmarshal(w.b, &model); err != nil {
		return err
	}
	var visit func(from, to int) error
	visit = func(from, to int) error {
		for id := from; id < to; id++ {
			pc := cuts.cuts[id]
			start := len(cuts.cuts)
			data, _ := cuts.writePiece(d, pc)
			if err := json.Unmarshal(data, reflect.New(place).Interface()); err != nil {
				if !pc.uncertain {
					return err
				}
				// Under additionalProperties, and in a webhook's responses
				// and callbacks, kin-openapi decodes a schema re-encoded (its
				// numbers as float64s), which the pieces' writing does not
				// know (it knows path items'): an error is the whole's only
				// when the piece fails alike either way.
				re := pc
				re.floats = true
				fdata, ok := (&cutter{every: cuts.every, served: cuts.served}).writePiece(d, re)
				if ferr := json.Unmarshal(fdata, reflect.New(place).Interface()); !ok || ferr == nil || ferr.Error() != err.Error() {
					return nil
				}
				return err
			}
			if err := visit(start, len(cuts.cuts)); err != nil {
				return err
			}
		}
		return nil
	}
	return visit(0, len(cuts.cuts))
}

// decodeCut decodes the root tree into model with a cut every `every`
// schema levels, and says how many pieces it decoded on their own.
func (d *document) decodeCut(root *spec.Node, model any, every int) (int, error) {
	_, v3 := model.(*openapi3.T)
	cuts := newCutter(d.Root, v3)
	cuts.every = every
	w := kinWriter{doc: d, served: d.Root, b: make([]byte, 0, len(d.Root.Data)+len(d.Root.Data)/8), cuts: cuts}
	w.write(root, d.Root, true, 0)
	if err := json.Unmarshal(w.b, model); err != nil {
		return 0, err
	}
	return len(cuts.cuts), d.spliceCuts(cuts, model)
}

// writeRoot writes the root object as kinJSON does, but for its path items,
// written as splitParts writes them: with their numbers as float64s, as
// kin-openapi's Paths.UnmarshalJSON re-encodes them, so that the pieces cut
// in them are decoded as within the whole.
func (w *kinWriter) writeRoot(root *spec.Node) {
	f := w.served
	w.b = append(w.b, '{')
	for i, k := range root.Keys {
		w.key(i, k)
		c := root.Children[i]
		if k != "paths" || !splittable(root, i, true) {
			w.member(root, i, f, true, 0, "")
			continue
		}
		w.b = append(w.b, '{')
		for j, pk := range c.Keys {
			w.key(j, pk)
			w.floats = !strings.HasPrefix(pk, "x-")
			w.member(c, j, f, false, 0, "paths")
			w.floats = false
		}
		w.b = append(w.b, '}')
	}
	w.b = append(w.b, '}')
}

// key writes the key of member i of an object, after a comma unless it is
// the first.
func (w *kinWriter) key(i int, k string) {
	if i > 0 {
		w.b = append(w.b, ',')
	}
	w.b = spec.AppendJSONString(w.b, k)
	w.b = append(w.b, ':')
}

// splittable tells whether member i of n is an object written as itself
// (kinJSON does not replace it by a $ref's target).
func splittable(n *spec.Node, i int, keyword bool) bool {
	c := n.Children[i]
	return c.Kind == spec.Object && !inlined(n, i, keyword, 0)
}

// loadSplit builds the model from the parts of the document; errDeclined
// leaves it to loadWhole.
func (d *document) loadSplit(location *url.URL, root *spec.Node) (*openapi3.T, error) {
	if root.Kind != spec.Object {
		return nil, errDeclined
	}
	parts, cuts, ok := d.splitParts(root)
	if !ok {
		return nil, errDeclined
	}
	return kindecode.LoadSplit(d.newLoader(), location, parts, func(model any) error { return d.spliceCuts(cuts, model) })
}

// splitParts writes the parts of the document. Within the document, the root
// is read with keyword set, so are the members of components; the members
// of paths are read with it unset (see kinWriter.member).
func (d *document) splitParts(root *spec.Node) (*kindecode.SplitDoc, *cutter, bool) {
	f := d.Root
	cuts := newCutter(f, true)
	w := &kinWriter{doc: d, served: f, cuts: cuts}
	parts := &kindecode.SplitDoc{}
	hasPieces := false
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
				if kindecode.SplitComponent(ck) && splittable(c, j, true) {
					parts.CompMaps = append(parts.CompMaps, ck)
					parts.CompParts = append(parts.CompParts, value(c, j, true, "components", false))
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
			parts.Comps = append(comps, '}')
			hasPieces = true
			continue
		case k == "paths" && splittable(root, i, true):
			parts.Paths = true
			parts.PathKeys = c.Keys
			for j, pk := range c.Keys {
				// Paths.UnmarshalJSON writes each path item back from a map:
				// numbers come out as float64s.
				parts.PathParts = append(parts.PathParts, value(c, j, false, "paths", !strings.HasPrefix(pk, "x-")))
			}
			hasPieces = true
			continue
		case k == "webhooks" && splittable(root, i, true):
			parts.Hooks = value(root, i, true, "", false)
			hasPieces = true
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
	parts.Top = append(top, '}')
	return parts, cuts, hasPieces && !w.failed
}

// appendFloat writes a number literal as encoding/json writes the float64
// it decodes to (kindecode.AppendFloat64).
func (w *kinWriter) appendFloat(lit string) {
	var ok bool
	w.b, ok = kindecode.AppendFloat64(w.b, lit)
	w.failed = w.failed || !ok
}
