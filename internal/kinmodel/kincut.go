package kinmodel

import (
	"reflect"

	"github.com/apibump/apibump/internal/spec"
	"github.com/apibump/apibump/internal/upstream/kindecode"
)

// Decoding deep schemas in linear time.
//
// encoding/json hands each kin-openapi schema the bytes of its whole
// subtree, and kin-openapi's Schema.UnmarshalJSON reads them several times
// over (once for its fields, once more whole into a map for its extensions)
// before its children do the same with theirs: a schema nested n levels
// deep costs n² (3000 levels, 111 KB: 17 s). So the JSON handed to
// kin-openapi is written with every schema that stands a multiple of
// cutEvery levels below the top replaced by a mark (a $ref no document can
// spell); each such schema is written and decoded on its own when the mark
// is met in the decoded model, and put in the mark's place. Decoding
// depends on nothing but the bytes decoded (an assumption of package
// upstream; kindecode.Splice puts the pieces in), so the model is the one
// the whole JSON decodes to (TestCutDecodingIsTheSameModel), and no byte
// is read more than cutEvery+1 times.

// cutEvery is how many schema levels one decoded piece spans at most.
// Tests set it low to cut everywhere.
var cutEvery = 16

// cutter records the cuts of one kinWriter.
type cutter struct {
	every  int
	served *spec.File
	cuts   []cutPiece
	// direct cuts the schemas outside schemas too (level 1), for the
	// schema builder (kinschema.go) to build.
	direct bool
	// built counts the pieces built, declined the pieces left to
	// encoding/json (see declinedSchemas), written the bytes of JSON
	// written for pieces and schemas decoded (tests read them).
	built, declined, written int
	builder                  *kindecode.SchemaBuilder // builds the pieces (direct)
}

// cutPiece is a schema written as a mark: what writeIn needs to write it.
type cutPiece struct {
	n         *spec.Node
	src       *spec.File
	keyword   bool
	depth     int
	parentKey string
	level     int
	floats    bool
	uncertain bool // see kinWriter.uncertain
}

// newCutter returns the cutter of the JSON written for file served;
// openapi3 says the model decoded from it is an OpenAPI 3 one, whose
// schemas the builder builds.
func newCutter(served *spec.File, openapi3 bool) *cutter {
	return &cutter{every: cutEvery, served: served, direct: openapi3 && directSchemas}
}

// Schema levels, as kinWriter.level holds them: 0 outside schemas, L > 0
// for a schema L levels deep, -L for a map or list of schemas L levels deep
// (properties, allOf, ...). A misreading costs only time: a mark that ends
// up anywhere but in a schema's place is not found, and the document is
// decoded whole.

// subschemaKeys are the keywords whose value is one schema.
var subschemaKeys = map[string]bool{
	"items": true, "not": true, "additionalProperties": true, "contains": true, "propertyNames": true,
	"if": true, "then": true, "else": true, "contentSchema": true, "unevaluatedItems": true,
	"unevaluatedProperties": true,
}

// subschemaSets are the keywords whose value is a map or a list of schemas.
var subschemaSets = map[string]bool{
	"properties": true, "patternProperties": true, "dependentSchemas": true, "$defs": true,
	"allOf": true, "anyOf": true, "oneOf": true, "prefixItems": true,
}

// memberLevel is the level of member key of an object at level level.
func memberLevel(level int, keyword bool, key, parentKey string) int {
	switch {
	case !keyword: // a map of names
		if level < 0 {
			return -level
		}
		return 0
	case level > 0:
		if subschemaKeys[key] {
			return level + 1
		}
		if subschemaSets[key] {
			return -(level + 1)
		}
		return 0
	case level == 0:
		switch {
		case key == "schema" || key == "itemSchema":
			return 1
		case key == "schemas" && parentKey == "components", key == "definitions" && parentKey == "":
			return -1
		}
	}
	return 0
}

// itemLevel is the level of the items of a list at level level.
func itemLevel(level int) int {
	if level < 0 {
		return -level
	}
	return 0
}

// cut writes a mark for n when it is a schema to cut, and records it.
func (c *cutter) cut(w *kinWriter, n *spec.Node, src *spec.File, keyword bool, depth int, parentKey string) bool {
	if w.level <= 0 || w.level%c.every != 0 && !(c.direct && w.level == 1) || n.Kind != spec.Object || len(n.Keys) == 1 && n.Ref() != "" {
		return false
	}
	c.cuts = append(c.cuts, cutPiece{n: n, src: src, keyword: keyword, depth: depth, parentKey: parentKey, level: w.level, floats: w.floats, uncertain: w.uncertain})
	w.b = append(w.b, `{"$ref":`...)
	w.b = spec.AppendJSONString(w.b, kindecode.CutRef(len(c.cuts)-1))
	w.b = append(w.b, '}')
	return true
}

// writePiece writes piece pc on its own, as it is written within the
// document, the schemas below it cut into c; false when it cannot be
// written so (see kinWriter.failed).
func (c *cutter) writePiece(d *document, pc cutPiece) ([]byte, bool) {
	w := &kinWriter{doc: d, served: c.served, floats: pc.floats, cuts: c, level: pc.level, uncertain: pc.uncertain}
	w.writeIn(pc.n, pc.src, pc.keyword, pc.depth, pc.parentKey)
	c.written += len(w.b)
	return w.b, !w.failed
}

// spliceCuts puts in the place of each mark under model (a pointer to a
// decoded model) the piece it stands for, decoded on its own, and then the
// marks under that piece (kindecode.Splice). It returns errDeclined when a
// mark is not found in a schema's place, or a piece cannot be written or
// decoded as it would be within the whole.
func (d *document) spliceCuts(c *cutter, model any) error {
	if len(c.cuts) == 0 {
		return nil
	}
	done, ok := kindecode.Splice(model, func(id int, place reflect.Type) (any, []byte, bool) {
		if id >= len(c.cuts) {
			return nil, nil, false
		}
		pc := c.cuts[id]
		if c.direct && place == schemaRefType {
			if r, ok := c.buildPiece(d, pc); ok {
				c.built++
				return r, nil, true
			}
			c.declined++
		}
		data, ok := c.writePiece(d, pc)
		return nil, data, ok
	})
	if !ok || done != len(c.cuts) {
		return errDeclined
	}
	return nil
}
