package oasgrammar

import (
	"strconv"
	"strings"
)

// TokenKind says what a token of a place is to the object it stands in.
type TokenKind uint8

// The kinds of token.
const (
	// Fixed: a fixed field of the object (Step.Object, Step.Field).
	Fixed TokenKind = iota + 1
	// Name: a key the author chose: a member of a map field (a property,
	// a media type, a component), a patterned field (a path, a status
	// code) or an additional key that is a name (a callback expression, a
	// security scheme in a requirement). Step.Field is the map field or
	// the pattern's placeholder ("{path}").
	Name
	// Index: an item of a list field (Step.Field names the list).
	Index
	// Extension: a specification extension (x-...).
	Extension
	// Annotation: a keyword a 3.1 Schema Object does not define. JSON
	// Schema is open, so such a keyword is an annotation, not an error:
	// it constrains no instance.
	Annotation
	// InValue: inside a value that has no OpenAPI structure (an example,
	// a default, an enum member, an extension's value, an unknown key's
	// value).
	InValue
	// Unknown: a key the document's version does not define, where it
	// stands, and that is no extension.
	Unknown
)

func (k TokenKind) String() string {
	switch k {
	case Fixed:
		return "fixed"
	case Name:
		return "name"
	case Index:
		return "index"
	case Extension:
		return "extension"
	case Annotation:
		return "annotation"
	case InValue:
		return "value"
	case Unknown:
		return "unknown"
	}
	return "invalid"
}

// Step is one token of a typed place.
type Step struct {
	Token string
	Kind  TokenKind
	// Object is the object type the token is a member of: for Fixed,
	// Extension, Annotation and Unknown the object holding the key; for
	// Name and Index the object whose field (or pattern) holds the map or
	// list the token is a member of ("" for InValue, and for a member of a
	// map or list that is itself a member of a map, as in 3.1
	// dependentRequired).
	Object Type
	// Field is the fixed field (Fixed), the field holding the map or list
	// (Name, Index), or the placeholder of a patterned or additional key
	// ("{path}", "{status}", "{expression}").
	Field string
	// Holds is what the value at the token holds.
	Holds Holds
	// Ref: the node the token leads to was reached through a $ref (the
	// Cursor followed it).
	Ref bool
}

// Path is a typed place: one Step per token.
type Path struct {
	Version Version
	Start   Holds // what the node before the first token holds
	Steps   []Step
}

// Holds returns what the value at the end of the place holds.
func (p Path) Holds() Holds {
	if len(p.Steps) == 0 {
		return p.Start
	}
	return p.Steps[len(p.Steps)-1].Holds
}

// Unknown returns the index of the first unknown token, or -1.
func (p Path) Unknown() int {
	for i, s := range p.Steps {
		if s.Kind == Unknown {
			return i
		}
	}
	return -1
}

// Extension returns the index of the first extension token, or -1.
func (p Path) Extension() int {
	for i, s := range p.Steps {
		if s.Kind == Extension {
			return i
		}
	}
	return -1
}

// Field returns the step that names the field a difference at the place is
// a difference of: the deepest step that is not inside a value. For a Fixed
// step that is the field itself; for a Name or Index step it is a member of
// the map or list field Step.Field (member is true). at is the step's index,
// or -1 for an empty place.
func (p Path) Field() (s Step, at int, member bool) {
	for i := len(p.Steps) - 1; i >= 0; i-- {
		st := p.Steps[i]
		if st.Kind == InValue {
			continue
		}
		return st, i, st.Kind == Name || st.Kind == Index
	}
	return Step{}, -1, false
}

// Side is which message of an exchange a place describes.
type Side uint8

// The sides.
const (
	// NoSide: not inside a request or response (info, servers, security,
	// components where no use is known).
	NoSide Side = iota
	// RequestSide: a parameter, a request body, or what they hold.
	RequestSide
	// ResponseSide: a response, or what it holds.
	ResponseSide
)

func (s Side) String() string {
	switch s {
	case RequestSide:
		return "request"
	case ResponseSide:
		return "response"
	}
	return "none"
}

// Side tells whether the place is in a request or a response, as written,
// and whether it is mirrored: inside a webhook or a callback the API sends
// the request and the client answers, so what a client receives is the
// request. Each webhook or callback on the way swaps once; mirrored is true
// when they swap an odd number of times.
func (p Path) Side() (side Side, mirrored bool) {
	for _, s := range p.Steps {
		to, swap := s.Turn()
		if swap {
			mirrored = !mirrored
			side = NoSide
		} else if to != NoSide {
			side = to
		}
	}
	return side, mirrored
}

// Turn tells what the step does to the side of a place (see Path.Side):
// it enters a request or a response (side), or a webhook or a callback
// (swap: the side is reset and the directions swap), or nothing (NoSide,
// false).
func (s Step) Turn() (side Side, swap bool) {
	if s.Kind != Fixed {
		return NoSide, false
	}
	switch {
	case s.Object == OpenAPI && s.Field == "webhooks",
		(s.Object == Operation || s.Object == Components) && s.Field == "callbacks":
		return NoSide, true
	case requestFields[s.Object+"."+Type(s.Field)]:
		return RequestSide, false
	case responseFields[s.Object+"."+Type(s.Field)]:
		return ResponseSide, false
	}
	return NoSide, false
}

// requestFields and responseFields are the fixed fields that enter a
// request or a response.
var (
	requestFields = map[Type]bool{
		"Operation.parameters": true, "PathItem.parameters": true, "Operation.requestBody": true,
		"Components.parameters": true, "Components.requestBodies": true, "Swagger.parameters": true,
	}
	responseFields = map[Type]bool{
		"Operation.responses": true, "Components.responses": true, "Swagger.responses": true,
	}
)

// NodeKind is the JSON kind of a document node, as a Cursor reports it.
type NodeKind uint8

// The node kinds.
const (
	Absent NodeKind = iota
	ScalarNode
	ArrayNode
	ObjectNode
)

// Cursor is the walker's view of the document: the node a token leads to.
// With a Cursor the walker follows $refs (so a place reached through a
// reference into components or another file is typed from where it is
// used) and reads the kind of values that may take two shapes (the 2.0
// Schema's items, an object or an array). Implementations return nil (an
// untyped nil) for a member that does not exist.
type Cursor interface {
	Kind() NodeKind
	// Ref returns the value of the node's $ref member, "" when it has none.
	Ref() string
	// Get returns the object member or array item named token.
	Get(token string) Cursor
	// Resolve returns the node the $ref points to, or nil when it cannot
	// be followed (outside the documents, a broken pointer).
	Resolve() Cursor
}

// maxRefHops bounds a chain of references followed for one token (a cycle
// of $refs is not followed forever).
const maxRefHops = 32

// Walk types a place of a document of the grammar's version: tokens are
// the unescaped JSON pointer tokens from the document's root. cur is the
// root node, or nil to type from the grammar alone.
func (g *Grammar) Walk(tokens []string, cur Cursor) Path {
	return g.WalkFrom(g.Root(), tokens, cur)
}

// WalkFrom types tokens that start at a node holding start: the root of a
// referenced file, or a fragment of it, reached from a typed place (start
// is then that place's Holds()), or a component (one(Schema)).
func (g *Grammar) WalkFrom(start Holds, tokens []string, cur Cursor) Path {
	p := Path{Version: g.Version, Start: start, Steps: make([]Step, 0, len(tokens))}
	h := start
	inValue := false
	for _, tok := range tokens {
		// The node the token is read in: follow references unless the
		// token is a member beside the $ref.
		ref := false
		if cur != nil && cur.Ref() != "" && tok != "$ref" {
			for hops := 0; hops < maxRefHops && cur != nil && cur.Ref() != "" && cur.Get(tok) == nil; hops++ {
				cur, ref = cur.Resolve(), true
			}
		}
		var st Step
		if inValue {
			st = Step{Token: tok, Kind: InValue, Holds: anyJSON()}
		} else {
			st = g.step(h, tok, cur)
		}
		st.Ref = ref
		if st.Kind == InValue || st.Kind == Unknown || st.Kind == Extension || st.Kind == Annotation {
			inValue = true
		}
		p.Steps = append(p.Steps, st)
		h = st.Holds
		if cur != nil {
			cur = cur.Get(tok)
		}
	}
	ownerOf(&p)
	return p
}

// Child types one token read in a node that holds h, as Walk types each
// token of a place: cur is the node the token is read in (nil to type from
// the grammar alone), its $ref not followed. It lets a caller walk a whole
// tree once, typing each member from its parent's step, where Walk would
// type every place from the root. Unlike Walk, it does not follow cur's
// $ref, and leaves Object and Field of a member of a map or list field
// (a Name or Index step) to the caller, who knows the parent's step.
func (g *Grammar) Child(h Holds, tok string, cur Cursor) Step { return g.step(h, tok, cur) }

// step types one token read in a node that holds h.
func (g *Grammar) step(h Holds, tok string, cur Cursor) Step {
	st := Step{Token: tok}
	if h.Shape == One && h.OrList != nil && (cur != nil && cur.Kind() == ArrayNode || cur == nil && isIndex(tok)) {
		h = Holds{Shape: List, Elem: h.OrList}
	}
	switch h.Shape {
	case Map:
		st.Kind, st.Holds = Name, *h.Elem
		return st
	case List:
		if !isIndex(tok) {
			st.Kind, st.Holds = Unknown, anyJSON()
			return st
		}
		st.Kind, st.Holds = Index, *h.Elem
		return st
	}
	o := g.objects[h.Type]
	if o == nil { // Scalar, JSON
		st.Kind, st.Holds = InValue, anyJSON()
		return st
	}
	st.Object = o.Type
	if f, ok := o.Field(tok); ok {
		st.Kind, st.Field, st.Holds = Fixed, f.Name, f.Holds
		return st
	}
	// A Reference Object standing for o: its $ref, and (3.1) its summary
	// and description where o has none; other members are o's. Tools
	// resolve a $ref wherever it stands (DigitalOcean's description refers
	// its operations to files), so `$ref` is a Reference's in any object
	// whose keys are not names.
	if tok == "$ref" && o.Additional != Names || h.OrRef && cur != nil && cur.Ref() != "" {
		if f, ok := g.objects[Reference].Field(tok); ok {
			st.Object, st.Kind, st.Field, st.Holds = Reference, Fixed, f.Name, f.Holds
			return st
		}
	}
	isExt := strings.HasPrefix(tok, "x-")
	if isExt && (o.Extensions || o.Additional == Annotations || o.Additional == Ignored) {
		st.Kind, st.Holds = Extension, anyJSON()
		return st
	}
	for _, pt := range o.Patterned {
		if pt.re.MatchString(tok) {
			st.Kind, st.Field, st.Holds = Name, pt.Name, pt.Holds
			return st
		}
	}
	switch o.Additional {
	case Names:
		st.Kind, st.Field, st.Holds = Name, o.OtherName, *o.Other
	case Annotations:
		st.Kind, st.Holds = Annotation, anyJSON()
	default:
		st.Kind, st.Holds = Unknown, anyJSON()
	}
	return st
}

// ownerOf fills Object and Field of Name and Index steps from the step
// before them: the field that holds the map or list.
func ownerOf(p *Path) {
	for i := range p.Steps {
		st := &p.Steps[i]
		if st.Kind != Name && st.Kind != Index && st.Kind != Unknown || st.Object != "" || st.Field != "" || i == 0 {
			continue
		}
		prev := p.Steps[i-1]
		if prev.Kind == Fixed {
			st.Object, st.Field = prev.Object, prev.Field
		}
	}
}

func isIndex(tok string) bool {
	if tok == "" || len(tok) > 1 && tok[0] == '0' {
		return false
	}
	_, err := strconv.Atoi(tok)
	return err == nil && tok[0] != '-' && tok[0] != '+'
}
