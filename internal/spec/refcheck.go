package spec

import (
	"slices"
	"strconv"
	"strings"
)

// checkRefs checks every $ref of the document before kin-openapi reads it:
// each must be a string that points at something, read through the same
// policy as every file (see Document.Fetch). kin-openapi takes a $ref that is
// not a string for an inline object and drops it, and says what is wrong
// with one that points at nothing in words of its own ("strconv.ParseUint:
// ...", `map key "components" not found`); this says which, file and line.
//
// A $ref is a reference where OpenAPI reads one: in an object read for its
// keywords, not among the names of a map (a property may be called "$ref"),
// nor inside a value written for itself (example, default, enum, const, an
// extension).
func (d *Document) checkRefs() error {
	c := &refChecker{d: d, files: map[*File]bool{}, state: map[*Node]uint8{}}
	c.file(d.Root)
	for len(c.queue) > 0 && c.err == nil {
		f := c.queue[0]
		c.queue = c.queue[1:]
		c.walk(f, f.Root, true)
	}
	return c.err
}

// valueKeys are the keywords whose value is data, not OpenAPI.
var valueKeys = map[string]bool{
	"example": true, "default": true, "enum": true, "const": true, "value": true,
}

type refChecker struct {
	d     *Document
	files map[*File]bool
	queue []*File
	err   error
	// state of each object holding a $ref: followed to a definition
	// (chainDone) or being followed (chainOnPath).
	state map[*Node]uint8
}

const (
	chainOnPath = 1 + iota
	chainDone
)

func (c *refChecker) file(f *File) {
	if !c.files[f] {
		c.files[f] = true
		c.queue = append(c.queue, f)
	}
}

func (c *refChecker) walk(f *File, n *Node, keyword bool) {
	if c.err != nil || n == nil {
		return
	}
	switch n.Kind {
	case Array:
		for _, e := range n.Children {
			c.walk(f, e, true)
		}
	case Object:
		if keyword {
			if i := slices.Index(n.Keys, "$ref"); i >= 0 {
				c.ref(f, n, n.Children[i])
			}
		}
		for i, k := range n.Keys {
			v := n.Children[i]
			if keyword && (valueKeys[k] || strings.HasPrefix(k, "x-") || k == "examples" && v.Kind == Array) {
				continue
			}
			c.walk(f, v, !keyword || !IsNamedMap(k))
		}
	}
}

// ref checks the $ref member v of object n, and follows it through the
// objects that are $refs themselves to a definition, once per object.
func (c *refChecker) ref(f *File, n, v *Node) {
	if v.Kind != String {
		c.err = &ParseError{File: f.Name, Line: int(v.Pos.Line), Msg: "$ref must be a string (a URI reference), not " + kindName(v)}
		return
	}
	var path []*Node
	cur, cf := n, f
	for c.state[cur] != chainDone && cur.Ref() != "" {
		if c.state[cur] == chainOnPath {
			c.err = &ParseError{File: cf.Name, Line: int(cur.Pos.Line), Msg: "$ref " + shortText(cur.Ref()) +
				" leads back to itself through $refs alone: it never reaches a definition"}
			return
		}
		c.state[cur] = chainOnPath
		path = append(path, cur)
		tf, t, err := c.d.Resolve(cf, cur.Ref())
		if err != nil {
			var pe *ParseError
			if asParseError(err, &pe) && pe.Line == 0 && strings.Contains(pe.Msg, "points at nothing") {
				pe.Line = int(cur.Get("$ref").Pos.Line)
			}
			c.err = err
			return
		}
		c.file(tf)
		cur, cf = t, tf
	}
	for _, p := range path {
		c.state[p] = chainDone
	}
}

func kindName(n *Node) string {
	switch n.Kind {
	case Object:
		return "a mapping"
	case Array:
		return "a list"
	case Number:
		return "the number " + n.Value
	case Bool:
		return "the boolean " + n.Value
	case Null:
		return "null"
	}
	return "the string " + shortText(n.Value)
}

// shortText quotes document text for a message: escaped, cut short.
func shortText(s string) string {
	if r := []rune(s); len(r) > 40 {
		s = string(r[:40]) + "…"
	}
	return strconv.QuoteToGraphic(s)
}

func asParseError(err error, pe **ParseError) bool {
	p, ok := err.(*ParseError)
	if ok {
		*pe = p
	}
	return ok
}
