package kindecode

import (
	"encoding/json"
	"errors"
	"math"
	"net/url"
	"reflect"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apibump/apibump/internal/upstream"
)

// Loading kin-openapi's model in parts.
//
// kin-openapi's loader (v0.153) parses a whole document, JSON included, into
// a YAML node tree and decodes the model from that tree: a yaml.Node for
// every value of the spec, kept until the load ends. LoadSplit builds the
// same model from parts instead: the document without its big members goes
// through the loader, and each components map and each path item is decoded
// on its own with encoding/json (kin-openapi's UnmarshalJSON methods), a
// path item given to PathItem.UnmarshalJSON as Paths.UnmarshalJSON would
// give it (re-encoded from a map[string]any: its numbers written as
// float64s, AppendFloat64). It assumes the loader does nothing to the
// members it is not given but resolve their references (ResolveRefs does
// that), and that decoding a part alone gives what decoding it in place
// does. kinmodel's TestSplitLoadIsTheSameModel compares the result with the
// loader's on the test corpus; on Stripe's and GitHub's specs it allocates
// less than half as much in about the same time.

// ErrDeclined says a load in parts leaves the document to the ordinary path.
var ErrDeclined = errors.New("the split load declined")

// SplitDoc holds the JSON parts of a document, written in the order the
// whole is written, so files are read in the same order.
type SplitDoc struct {
	Top       []byte   // the document without the parts below
	Comps     []byte   // components without its maps (nil: not split)
	CompMaps  []string // the components maps written on their own
	CompParts [][]byte
	Paths     bool     // paths is split
	PathKeys  []string // the members of paths
	PathParts [][]byte
	Hooks     []byte // webhooks (nil: not split)
}

// splitComponents are the members of components decoded on their own.
var splitComponents = map[string]bool{
	"schemas": true, "parameters": true, "headers": true, "requestBodies": true, "responses": true,
	"securitySchemes": true, "examples": true, "links": true, "callbacks": true,
}

// SplitComponent tells whether LoadSplit decodes the member key of
// components on its own.
func SplitComponent(key string) bool { return splitComponents[key] }

// LoadSplit builds the model of an OpenAPI 3 document from its parts, as
// loader.LoadFromDataWithPath does from the whole, resolving references
// with ResolveRefs; splice, called before they are resolved, puts the cut
// pieces in. ErrDeclined leaves the document to the ordinary path.
func LoadSplit(loader *openapi3.Loader, location *url.URL, parts *SplitDoc, splice func(model any) error) (*openapi3.T, error) {
	doc, err := loader.LoadFromDataWithPath(parts.Top, location)
	if err != nil {
		return nil, ErrDeclined
	}
	if parts.Comps != nil {
		c := &openapi3.Components{}
		if json.Unmarshal(parts.Comps, c) != nil {
			return nil, ErrDeclined
		}
		for j, k := range parts.CompMaps {
			if decodeComponentMap(c, k, parts.CompParts[j]) != nil {
				return nil, ErrDeclined
			}
			parts.CompParts[j] = nil // decoded: let the GC have it
		}
		doc.Components = c
	}
	if parts.Paths {
		// As Paths.UnmarshalJSON builds it.
		p := openapi3.NewPathsWithCapacity(len(parts.PathKeys))
		p.Extensions = make(map[string]any)
		for j, k := range parts.PathKeys {
			if strings.HasPrefix(k, "x-") {
				var v any
				if json.Unmarshal(parts.PathParts[j], &v) != nil {
					return nil, ErrDeclined
				}
				p.Extensions[k] = v
				continue
			}
			var item openapi3.PathItem
			if item.UnmarshalJSON(parts.PathParts[j]) != nil {
				return nil, ErrDeclined
			}
			parts.PathParts[j] = nil
			p.Set(k, &item)
		}
		doc.Paths = p
	}
	if parts.Hooks != nil {
		var m map[string]*openapi3.PathItem
		if json.Unmarshal(parts.Hooks, &m) != nil {
			return nil, ErrDeclined
		}
		doc.Webhooks = m
	}
	if err := splice(doc); err != nil {
		return nil, err
	}
	if err := upstream.ResolveRefs(loader, doc, location); err != nil {
		var cycle *upstream.RefCycleError
		if errors.As(err, &cycle) {
			return nil, err
		}
		return nil, ErrDeclined
	}
	return doc, nil
}

// LoadDecoded gives whole, a model decoded from a document's JSON, what
// loader.LoadFromDataWithPath gives the model it decodes: the location
// registered as the first document the loader reads (kept in unexported
// fields of the model, which are copied from a model the loader loads from
// an empty document), and its references resolved (ResolveRefs).
func LoadDecoded(loader *openapi3.Loader, location *url.URL, whole *openapi3.T) (*openapi3.T, error) {
	doc, err := loader.LoadFromDataWithPath([]byte("{}"), location)
	if err != nil {
		return nil, err
	}
	copyExported(doc, whole)
	if err := upstream.ResolveRefs(loader, doc, location); err != nil {
		return nil, err
	}
	return doc, nil
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

// AppendFloat64 writes a number literal as encoding/json writes the float64
// it decodes to, as Paths.UnmarshalJSON re-encodes the numbers of a path
// item; false when float64 cannot hold it.
func AppendFloat64(b []byte, lit string) ([]byte, bool) {
	f, err := strconv.ParseFloat(lit, 64)
	if err != nil {
		return append(b, lit...), false
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// clean up e-09 to e-9
		n := len(b)
		if n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b, true
}
