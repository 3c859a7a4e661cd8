// Package locate tells where a difference between two documents is: its
// place typed by the OpenAPI grammar of the document's version (Type), the
// nodes and values there ($refs followed: ValueOf, Resolved, WalkLogical),
// and the operations, webhooks and callbacks that reach it with the
// direction each sees it in (Users).
package locate

import (
	"slices"
	"strconv"

	"github.com/apibump/apibump/internal/oasgrammar"
	"github.com/apibump/apibump/internal/rules/field"
	"github.com/apibump/apibump/internal/spec"
)

// The adapters between the document's trees and the typed grammar
// (oasgrammar.Cursor) and the field table's handlers (field.Value).

// nodeCursor is a node of a document as the grammar's walker reads it.
type nodeCursor struct {
	doc  *spec.Document
	file *spec.File
	n    *spec.Node
	// paths: the node is the root document's paths object, whose members
	// a place may name by another spelling of the same template.
	paths bool
}

// RootCursor is the cursor at a document's root.
func RootCursor(doc *spec.Document) oasgrammar.Cursor {
	return nodeCursor{doc: doc, file: doc.Root, n: doc.Root.Root}
}

func (c nodeCursor) Kind() oasgrammar.NodeKind {
	switch c.n.Kind {
	case spec.Object:
		return oasgrammar.ObjectNode
	case spec.Array:
		return oasgrammar.ArrayNode
	}
	return oasgrammar.ScalarNode
}

func (c nodeCursor) Ref() string { return c.n.Ref() }

func (c nodeCursor) Get(tok string) oasgrammar.Cursor {
	next := child(c.n, tok, c.paths)
	if next == nil {
		return nil
	}
	return nodeCursor{doc: c.doc, file: c.file, n: next,
		paths: c.file.Key == c.doc.Root.Key && c.n == c.doc.Root.Root && tok == "paths"}
}

func (c nodeCursor) Resolve() oasgrammar.Cursor {
	f, n, err := c.doc.Resolve(c.file, c.n.Ref())
	if err != nil || n == nil {
		return nil
	}
	return nodeCursor{doc: c.doc, file: f, n: n}
}

// child returns an object's member or an array's item named tok, or nil;
// in the paths object a path written with other parameter names matches.
func child(n *spec.Node, tok string, paths bool) *spec.Node {
	switch n.Kind {
	case spec.Object:
		next := n.Get(tok)
		if next == nil && paths {
			for j, k := range n.Keys {
				if spec.PathTemplate(k) == spec.PathTemplate(tok) {
					return n.Children[j]
				}
			}
		}
		return next
	case spec.Array:
		x, err := strconv.Atoi(tok)
		if err != nil || x < 0 || x >= len(n.Children) {
			return nil
		}
		return n.Children[x]
	}
	return nil
}

// nodeValue is a node as the field table's handlers read it: $refs
// followed (a bounded number of hops).
type nodeValue struct {
	doc *spec.Document
	n   *spec.Node
}

// ValueOf returns the value of a node, an untyped nil when it is absent.
func ValueOf(doc *spec.Document, n *spec.Node) field.Value {
	n = Resolved(doc, n)
	if n == nil {
		return nil
	}
	return nodeValue{doc: doc, n: n}
}

// Resolved follows n's $ref chain to the node it stands for.
func Resolved(doc *spec.Document, n *spec.Node) *spec.Node {
	for hops := 0; n != nil && hops < 32; hops++ {
		ref := n.Ref()
		if ref == "" {
			return n
		}
		_, t, err := doc.Resolve(n.File, ref)
		if err != nil {
			return n
		}
		n = t
	}
	return n
}

func (v nodeValue) Kind() field.ValueKind {
	switch v.n.Kind {
	case spec.Bool:
		return field.BoolValue
	case spec.Number:
		return field.NumberValue
	case spec.String:
		return field.StringValue
	case spec.Array:
		return field.ArrayValue
	case spec.Object:
		return field.ObjectValue
	}
	return field.NullValue
}

func (v nodeValue) Text() string { return v.n.Value }

func (v nodeValue) Len() int { return len(v.n.Children) }

func (v nodeValue) Index(i int) field.Value {
	if v.n.Kind != spec.Array || i < 0 || i >= len(v.n.Children) {
		return nil
	}
	return ValueOf(v.doc, v.n.Children[i])
}

func (v nodeValue) Key(i int) string {
	if v.n.Kind != spec.Object || i < 0 || i >= len(v.n.Keys) {
		return ""
	}
	return v.n.Keys[i]
}

func (v nodeValue) Get(key string) field.Value {
	return ValueOf(v.doc, v.n.Get(key))
}

// WalkLogical follows tokens from the root document, through references and
// renamed paths, and returns the node they lead to, or nil.
func WalkLogical(doc *spec.Document, tokens []string) *spec.Node {
	node, file := doc.Root.Root, doc.Root
	for i, tok := range tokens {
		if node == nil {
			return nil
		}
		if ref := node.Ref(); ref != "" {
			f, n, err := doc.Resolve(file, ref)
			if err != nil {
				return nil
			}
			node, file = n, f
		}
		switch node.Kind {
		case spec.Object:
			next := node.Get(tok)
			if next == nil && i == 1 && tokens[0] == "paths" {
				for j, k := range node.Keys {
					if spec.PathTemplate(k) == spec.PathTemplate(tok) {
						next = node.Children[j]
					}
				}
			}
			node = next
		case spec.Array:
			x, err := strconv.Atoi(tok)
			if err != nil || x < 0 || x >= len(node.Children) {
				return nil
			}
			node = node.Children[x]
		default:
			return nil
		}
	}
	if node != nil {
		if ref := node.Ref(); ref != "" {
			if _, n, err := doc.Resolve(file, ref); err == nil {
				node = n
			}
		}
	}
	return node
}

// Type types a place of doc (tokens from the root, through references), a root key configured as webhooks typed as
// the `webhooks` field of OpenAPI 3.1 in the document's own grammar.
func Type(doc *spec.Document, logical, webhooks []string) oasgrammar.Path {
	g := Grammar(doc)
	if len(logical) > 0 && slices.Contains(webhooks, logical[0]) {
		pathItems := oasgrammar.Holds{Shape: oasgrammar.Map, Elem: &oasgrammar.Holds{Type: oasgrammar.PathItem, OrRef: true}}
		var cur oasgrammar.Cursor
		if n := doc.Root.Root.Get(logical[0]); n != nil {
			cur = nodeCursor{doc: doc, file: doc.Root, n: n}
		}
		sub := g.WalkFrom(pathItems, logical[1:], cur)
		first := oasgrammar.Step{Token: logical[0], Kind: oasgrammar.Fixed, Object: oasgrammar.OpenAPI, Field: "webhooks", Holds: pathItems}
		if len(sub.Steps) > 0 && sub.Steps[0].Kind == oasgrammar.Name {
			sub.Steps[0].Object, sub.Steps[0].Field = oasgrammar.OpenAPI, "webhooks"
		}
		return oasgrammar.Path{Version: g.Version, Start: g.Root(), Steps: append([]oasgrammar.Step{first}, sub.Steps...)}
	}
	return g.Walk(logical, RootCursor(doc))
}
