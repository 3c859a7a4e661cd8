// Package spec is the document model: every file of an OpenAPI document
// parsed into a tree of nodes that know where they stand (Node, Pos, File),
// JSON pointers into it, and the Document that ties the files together
// ($ref resolution, the elements that carry an extension, where a change is
// shown). Package source reads the bytes; package kinmodel builds
// kin-openapi's model from a Document.
package spec

import (
	"strconv"
	"strings"
)

// Kind is the JSON kind of a Node.
type Kind uint8

// The kinds of Node.
const (
	Null Kind = iota
	Bool
	Number
	String
	Array
	Object
)

// Pos is a 1-based line and column in a source file.
type Pos struct {
	Line, Col int32
}

// Before reports whether p comes strictly before q.
func (p Pos) Before(q Pos) bool {
	return p.Line < q.Line || (p.Line == q.Line && p.Col < q.Col)
}

// Node is one value of a parsed document, with where it stands in its file.
// Objects keep their keys in document order.
type Node struct {
	Kind     Kind
	Value    string   // scalar text: decoded string, number literal, "true"/"false"
	Keys     []string // object keys, parallel to Children
	Children []*Node  // object values or array items
	KeyPos   Pos      // where the key naming this node starts (Pos for array items and roots)
	Pos      Pos      // where the value starts
	End      Pos      // where the value ends (last position it covers)
	File     *File    // the file the node was read from
	index    map[string]int
}

// Get returns the object member named key, or nil.
func (n *Node) Get(key string) *Node {
	if n == nil || n.Kind != Object {
		return nil
	}
	if n.index != nil {
		if i, ok := n.index[key]; ok {
			return n.Children[i]
		}
		return nil
	}
	for i, k := range n.Keys {
		if k == key {
			return n.Children[i]
		}
	}
	return nil
}

// Str returns the string value of the member key, or "".
func (n *Node) Str(key string) string {
	c := n.Get(key)
	if c == nil || c.Kind == Object || c.Kind == Array {
		return ""
	}
	return c.Value
}

// buildIndex makes Get constant-time on large objects.
func (n *Node) buildIndex() {
	if n.Kind == Object && len(n.Keys) > 8 {
		n.index = make(map[string]int, len(n.Keys))
		for i, k := range n.Keys {
			if _, dup := n.index[k]; !dup {
				n.index[k] = i
			}
		}
	}
}

// Ref returns the $ref string of an object that is a reference, or "".
func (n *Node) Ref() string {
	if n == nil || n.Kind != Object {
		return ""
	}
	r := n.Get("$ref")
	if r == nil || r.Kind != String {
		return ""
	}
	return r.Value
}

// Contains reports whether position p (in the same file) lies within the node.
func (n *Node) Contains(p Pos) bool {
	start := n.KeyPos
	if start.Line == 0 {
		start = n.Pos
	}
	return !p.Before(start) && !n.End.Before(p)
}

// Pointer helpers.

// EscapeToken escapes one JSON pointer reference token (RFC 6901).
func EscapeToken(s string) string {
	if !strings.ContainsAny(s, "~/") {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// UnescapeToken reverses EscapeToken.
func UnescapeToken(s string) string {
	if !strings.Contains(s, "~") {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "~1", "/"), "~0", "~")
}

// SplitPointer splits a JSON pointer ("/a/b~1c") into unescaped tokens.
func SplitPointer(p string) []string {
	if p == "" || p == "/" {
		return nil
	}
	parts := strings.Split(strings.TrimPrefix(p, "/"), "/")
	for i, s := range parts {
		parts[i] = UnescapeToken(s)
	}
	return parts
}

// JoinPointer builds a JSON pointer from unescaped tokens.
func JoinPointer(tokens []string) string {
	var b strings.Builder
	for _, t := range tokens {
		b.WriteByte('/')
		b.WriteString(EscapeToken(t))
	}
	return b.String()
}

// At walks a JSON pointer from n; it returns nil when the pointer leads nowhere.
func (n *Node) At(pointer string) *Node {
	cur := n
	for _, tok := range SplitPointer(pointer) {
		switch {
		case cur == nil:
			return nil
		case cur.Kind == Object:
			cur = cur.Get(tok)
		case cur.Kind == Array:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(cur.Children) {
				return nil
			}
			cur = cur.Children[i]
		default:
			return nil
		}
	}
	return cur
}

// NewObject returns an object node with the given members (keys parallel to
// children), standing where at stands: its Pos, KeyPos, End and File. It is
// for trees derived from parsed ones (see Document.WithRoots); Get stays
// constant-time on large objects, as on parsed ones.
func NewObject(at *Node, keys []string, children []*Node) *Node {
	n := &Node{Kind: Object, Keys: keys, Children: children}
	if at != nil {
		n.Pos, n.KeyPos, n.End, n.File = at.Pos, at.KeyPos, at.End, at.File
	}
	n.buildIndex()
	return n
}

// Equal reports whether two trees hold the same value (key order and positions aside).
func Equal(a, b *Node) bool {
	if a == b {
		return true
	}
	if a == nil || b == nil || a.Kind != b.Kind || len(a.Children) != len(b.Children) {
		return false
	}
	switch a.Kind {
	case Object:
		for i, k := range a.Keys {
			if !Equal(a.Children[i], b.Get(k)) {
				return false
			}
		}
		return true
	case Array:
		for i := range a.Children {
			if !Equal(a.Children[i], b.Children[i]) {
				return false
			}
		}
		return true
	}
	return a.Value == b.Value
}
