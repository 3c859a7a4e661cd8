package kinmodel

import (
	"reflect"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apibump/apibump/internal/spec"
	"github.com/apibump/apibump/internal/upstream/kindecode"
)

// Building kin-openapi's schemas straight from the trees.
//
// kin-openapi's Schema.UnmarshalJSON reads the bytes of a schema twice
// (once into its fields, once whole into a map for its extensions), and
// each subschema does the same with its own: on GitHub's description three
// quarters of the time spent building the model. So, with directSchemas
// set, every schema standing in a schema's place outside another schema
// (under `schema`, in components.schemas...) is written as a mark
// (kincut.go) and built from its tree by kindecode.SchemaBuilder, its
// subschemas in turn. Only the plain values (enum, default, example,
// extensions, xml...) are decoded from the bytes kinWriter writes for
// them, with encoding/json into the field, as within the whole. A schema
// the builder does not build exactly as encoding/json decodes it (a key
// kin-openapi's fields do not spell exactly, which encoding/json would
// match ignoring case; a value of another kind; a $ref with siblings,
// whose reading kin-openapi keeps in unexported fields; a map of schemas
// written as a $ref) is decoded from its JSON, with marks below it as any
// piece. TestDirectSchemas compares the models; on GitHub's description
// the model is built in a third of the time.

// directSchemas turns the direct build on; tests turn it off to compare.
var directSchemas = true

// schemaRefType is the type of the places the schema builder fills.
var schemaRefType = reflect.TypeFor[*openapi3.SchemaRef]()

// buildPiece builds the schema of cut piece pc, or says it cannot.
func (c *cutter) buildPiece(d *document, pc cutPiece) (*openapi3.SchemaRef, bool) {
	if !pc.keyword {
		return nil, false
	}
	if c.builder == nil {
		c.builder = &kindecode.SchemaBuilder{}
	}
	return c.builder.Build(&pieceSource{doc: d, c: c, src: pc.src, depth: pc.depth}, pc.n, pc.floats, pc.level)
}

// declinedSchemas counts the schemas left to encoding/json: pieces, and
// schemas within the pieces built.
func (c *cutter) declinedSchemas() int {
	n := c.declined
	if c.builder != nil {
		n += c.builder.Declined
	}
	return n
}

// pieceSource writes the JSON the schema builder decodes for a piece in
// file src, at inlining depth depth, as kinWriter writes it within the
// document served by c.
type pieceSource struct {
	doc   *document
	c     *cutter
	src   *spec.File
	depth int
	w     kinWriter // the plain values: no cuts
}

func (p *pieceSource) Inlined(n *spec.Node, i int) bool { return inlined(n, i, true, p.depth) }

func (p *pieceSource) Ref(ref string) string {
	if p.src != p.c.served {
		return p.doc.rebaseRef(p.src, p.c.served, ref)
	}
	return ref
}

func (p *pieceSource) Member(n *spec.Node, i int, floats bool) ([]byte, bool) {
	w := &p.w
	w.doc, w.served = p.doc, p.c.served
	w.b, w.floats, w.failed = w.b[:0], floats, false
	w.member(n, i, p.src, true, p.depth, "")
	return w.b, !w.failed
}

func (p *pieceSource) Schema(n *spec.Node, floats bool, level int) ([]byte, bool) {
	return p.c.writePiece(p.doc, cutPiece{n: n, src: p.src, keyword: true, depth: p.depth, level: level, floats: floats})
}

func (p *pieceSource) MarkedMember(n *spec.Node, i int, floats bool, level int) ([]byte, bool) {
	w := &kinWriter{doc: p.doc, served: p.c.served, floats: floats, cuts: p.c, level: level}
	w.member(n, i, p.src, true, p.depth, "")
	p.c.written += len(w.b)
	return w.b, !w.failed
}
