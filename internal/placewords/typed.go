package placewords

import (
	"strconv"

	"github.com/apibump/apibump/internal/oasgrammar"
	"github.com/apibump/apibump/internal/spec"
)

// Type types a place of a document: tokens are the unescaped JSON pointer
// tokens from the document's root, and the grammar is that of the
// document's OpenAPI version, following $refs on the way. A document the
// grammar does not know, or none, gives an empty place.
func Type(doc *spec.Document, tokens []string) oasgrammar.Path {
	if doc == nil || doc.Root == nil || doc.Root.Root == nil {
		return oasgrammar.Path{}
	}
	g := oasgrammar.For(versionOf(doc))
	if g == nil {
		return oasgrammar.Path{}
	}
	return g.Walk(tokens, cursor{doc: doc, n: doc.Root.Root})
}

// versionOf is the OpenAPI version of a document.
func versionOf(doc *spec.Document) oasgrammar.Version {
	r := doc.Root.Root
	if v := r.Str("swagger"); v != "" {
		ver, _ := oasgrammar.ParseVersion(v)
		return ver
	}
	ver, _ := oasgrammar.ParseVersion(r.Str("openapi"))
	return ver
}

// cursor is a node of a document as the grammar's walker reads it.
type cursor struct {
	doc *spec.Document
	n   *spec.Node
}

func (c cursor) Kind() oasgrammar.NodeKind {
	switch c.n.Kind {
	case spec.Object:
		return oasgrammar.ObjectNode
	case spec.Array:
		return oasgrammar.ArrayNode
	}
	return oasgrammar.ScalarNode
}

func (c cursor) Ref() string { return c.n.Ref() }

func (c cursor) Get(tok string) oasgrammar.Cursor {
	var next *spec.Node
	switch c.n.Kind {
	case spec.Object:
		next = c.n.Get(tok)
	case spec.Array:
		if i, err := strconv.Atoi(tok); err == nil && i >= 0 && i < len(c.n.Children) {
			next = c.n.Children[i]
		}
	}
	if next == nil {
		return nil
	}
	return cursor{doc: c.doc, n: next}
}

func (c cursor) Resolve() oasgrammar.Cursor {
	_, t, err := c.doc.Resolve(c.n.File, c.n.Ref())
	if err != nil || t == nil {
		return nil
	}
	return cursor{doc: c.doc, n: t}
}
