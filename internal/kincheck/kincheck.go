// Package kincheck finds, in the trees of a whole document and in linear
// time, what building its kin-openapi model would refuse, so that a
// comparison that models only part of the document (package prune) refuses
// a spec exactly when the whole comparison does, with the same message.
//
// Scan types every value as kin-openapi's decoding reads it (its types are
// the grammar's, package oasgrammar, with kin-openapi's differences: see
// view.go) and looks for what that decoding cannot hold: a string where a
// boolean goes (`required: "yes"`), a negative or fractional count, a list
// where a map goes, a reference to something of another kind, a Swagger 2.0
// operation kin-openapi cannot convert. It also follows every $ref into the
// files the document has read, typing what it points at as the place of
// the $ref wants it, once per target and type. It may suspect more than
// kin-openapi refuses; it does not suspect less (TestScanFindsWhatKinRefuses
// and TestScanFindsNothingInValidSpecs hold both sides).
//
// Check builds the model of a document Scan suspects, so that the error is
// kin-openapi's own, worded by kinmodel: the message of the whole
// comparison, file and line.
package kincheck

import (
	"math"
	"net/url"
	"strconv"
	"strings"

	"github.com/apibump/apibump/internal/kinmodel"
	"github.com/apibump/apibump/internal/oasgrammar"
	"github.com/apibump/apibump/internal/spec"
)

// Check returns the error building d's kin-openapi model gives when Scan
// suspects d (nil when kin-openapi accepts it after all; d's model is then
// built), and nil without building anything when Scan suspects nothing.
func Check(d *spec.Document) error {
	if Scan(d) == nil {
		return nil
	}
	return kinmodel.Build(d)
}

// Suspect is a value kin-openapi's decoding may refuse.
type Suspect struct {
	File *spec.File
	Node *spec.Node
	Why  string
}

// Scan returns the first value of d, in the order of its files, that
// kin-openapi's decoding may refuse; nil when there is none.
func Scan(d *spec.Document) *Suspect {
	v := openapi3
	if d.Swagger {
		v = openapi2
	}
	s := &scanner{d: d, v: v, done: map[memo]bool{}, loaded: map[*spec.File]bool{d.Root: true}}
	s.value(d.Root, d.Root.Root, v.rootFile, false)
	return s.bad
}

// load types file f as kin-openapi reads a file a $ref it resolves points
// into: as an OpenAPI 3 document (a Swagger document's files too, once
// converted), whatever else it is, once.
func (s *scanner) load(f *spec.File) {
	if !s.loaded[f] {
		s.loaded[f] = true
		s.value(f, f.Root, openapi3.root, false)
	}
}

// memo is a value typed through a $ref: an object by its type (whatever
// want reached it), anything else by its want.
type memo struct {
	n   *spec.Node
	obj *object
	w   *want
}

func memoOf(n *spec.Node, w *want) memo {
	if w.kind == kObject {
		return memo{n: n, obj: w.obj}
	}
	return memo{n: n, w: w}
}

type scanner struct {
	d      *spec.Document
	v      *view
	done   map[memo]bool       // the values typed through a $ref
	loaded map[*spec.File]bool // the files typed as documents
	bad    *Suspect
}

func (s *scanner) suspect(f *spec.File, n *spec.Node, why string) {
	if s.bad == nil {
		s.bad = &Suspect{File: f, Node: n, Why: why}
	}
}

// value types n (in file f) as w. viaRef: n was reached through a $ref,
// and is typed once as each want.
func (s *scanner) value(f *spec.File, n *spec.Node, w *want, viaRef bool) {
	if s.bad != nil || n == nil || w.kind == kJSON {
		return
	}
	if viaRef && (n.Kind == spec.Object || n.Kind == spec.Array) {
		k := memoOf(n, w)
		if s.done[k] {
			return
		}
		s.done[k] = true
	}
	switch w.kind {
	case kScalar:
		s.scalar(f, n, w)
	case kTypes:
		switch n.Kind {
		case spec.Null, spec.String:
		case spec.Array:
			for _, c := range n.Children {
				s.scalar(f, c, stringWant)
			}
		default:
			s.suspect(f, n, "a type that is neither a string nor a list")
		}
	case kBound:
		if n.Kind != spec.Null && n.Kind != spec.Bool && n.Kind != spec.Number {
			s.suspect(f, n, "a bound that is neither a number nor a boolean")
		}
	case kBoolSchema:
		switch n.Kind {
		case spec.Null, spec.Bool:
		case spec.Object:
			s.value(f, n, w.elem, viaRef)
		default:
			s.suspect(f, n, "neither a schema nor a boolean")
		}
	case kList, kMap:
		holds, why := spec.Array, "not a list"
		if w.kind == kMap {
			holds, why = spec.Object, "not a mapping"
		}
		switch n.Kind {
		case spec.Null:
		case holds:
			for _, c := range n.Children {
				s.member(f, c, w.elem, viaRef)
			}
		default:
			s.suspect(f, n, why)
		}
	case kObject:
		s.object(f, n, w, viaRef)
	}
}

// member types a member of a map or list as w: kin-openapi refuses a null
// one where an object other than a path item goes ("value MUST be an
// object").
func (s *scanner) member(f *spec.File, n *spec.Node, w *want, viaRef bool) {
	if n.Kind == spec.Null && w.kind == kObject && w.obj.name != "PathItem" {
		s.suspect(f, n, "null where an object goes")
		return
	}
	s.value(f, n, w, viaRef)
}

// scalar checks a scalar as encoding/json decodes it into w's Go type.
func (s *scanner) scalar(f *spec.File, n *spec.Node, w *want) {
	ok := n.Kind == spec.Null
	switch w.value {
	case oasgrammar.AnyScalar:
		ok = n.Kind != spec.Object && n.Kind != spec.Array
	case oasgrammar.StringValue:
		ok = ok || n.Kind == spec.String
	case oasgrammar.BooleanValue:
		ok = ok || n.Kind == spec.Bool
	case oasgrammar.NumberValue:
		if n.Kind == spec.Number {
			x, err := strconv.ParseFloat(n.Value, 64)
			ok = err == nil && !math.IsInf(x, 0)
		}
	case oasgrammar.CountValue: // encoding/json reads a uint64 literal as is
		if n.Kind == spec.Number {
			_, err := strconv.ParseUint(n.Value, 10, 64)
			ok = err == nil
		}
	}
	if !ok {
		s.suspect(f, n, "not a "+w.value.String())
	}
}

// object types an object of w.obj.
func (s *scanner) object(f *spec.File, n *spec.Node, w *want, viaRef bool) {
	o := w.obj
	switch n.Kind {
	case spec.Object:
	case spec.Null:
		return
	case spec.Bool:
		if !o.boolSchema {
			s.suspect(f, n, "a boolean where an object goes")
		}
		return
	default:
		s.suspect(f, n, "not a mapping")
		return
	}
	if ref := n.Get("$ref"); ref != nil && ref.Kind == spec.String && ref.Value != "" {
		switch {
		case w.ref:
			if s.reference(f, n, w) {
				return
			}
		case o.refField:
			s.follow(f, n, ref.Value, w, false)
		}
	}
	if o.plainMap {
		for _, c := range n.Children {
			s.member(f, c, o.members, viaRef)
		}
		return
	}
	for i, k := range n.Keys {
		c := n.Children[i]
		fw := o.field(k)
		if fw == nil {
			continue
		}
		// kinmodel writes a map or an operation that is a $ref as what it
		// points to (kinJSON).
		if (spec.IsNamedMap(k) || spec.IsOperationKey(k)) && o.fields[k] != nil && c.Kind == spec.Object && len(c.Keys) == 1 && c.Ref() != "" {
			s.follow(f, c, c.Ref(), fw, true)
			continue
		}
		if o.members != nil {
			s.member(f, c, fw, viaRef)
			continue
		}
		s.value(f, c, fw, viaRef)
	}
	if s.v == openapi2 && o == openapi2.objects["Operation"] {
		s.swaggerParams(f, n)
	}
	if s.v == openapi2 && o == openapi2.objects["SecurityScheme"] && n.Str("type") == "oauth2" {
		switch n.Str("flow") {
		case "implicit", "password", "application", "accessCode":
		default:
			s.suspect(f, n, "an OAuth2 flow kin-openapi does not convert")
		}
	}
}

// reference types a Reference Object standing for a w: kin-openapi reads
// its $ref, summary and description, and follows the $ref; it is false
// when they do not read as a Reference (the object is then decoded as a w).
func (s *scanner) reference(f *spec.File, n *spec.Node, w *want) bool {
	for i, k := range n.Keys {
		switch strings.ToLower(k) {
		case "summary", "description":
			if c := n.Children[i]; c.Kind != spec.String && c.Kind != spec.Null {
				return false
			}
		}
	}
	if w.obj.boolSchema {
		// OpenAPI 3.1: what stands beside a schema's $ref must read as a schema.
		for i, k := range n.Keys {
			if k != "$ref" && !strings.HasPrefix(k, "x-") {
				if fw := w.obj.field(k); fw != nil {
					s.value(f, n.Children[i], fw, false)
				}
			}
		}
	}
	s.follow(f, n, n.Get("$ref").Value, w, false)
	return true
}

// follow types the target of a $ref written at node at in file f as w,
// unless the target's own place in its file is typed as w already; a
// target whose place is typed otherwise is something of another kind,
// which kin-openapi refuses. A $ref into a file the document has not read
// is left to the loading, which refuses it; one that kinmodel writes as
// what it points to (inlined) and that points at nothing is typed as it
// is.
func (s *scanner) follow(f *spec.File, at *spec.Node, ref string, w *want, inlined bool) {
	var tf *spec.File
	var t *spec.Node
	if inlined {
		// kinmodel reads the file as it writes the $ref (kinJSON): a file
		// it cannot read fails the model, and a $ref to nothing is written
		// as it is, a member named "$ref".
		nerrs := len(s.d.ReadErrors())
		var err error
		if tf, t, err = s.d.Resolve(f, ref); err != nil {
			if len(s.d.ReadErrors()) > nerrs {
				s.suspect(f, at, "a file that cannot be read")
				return
			}
			s.value(f, at, w, false)
			return
		}
	} else {
		var ok bool
		if tf, t, ok = s.d.Lookup(f, ref); !ok {
			return
		}
	}
	if !inlined {
		s.load(tf)
	}
	_, frag := spec.SplitRef(ref)
	switch nat := s.natural(tf, frag); {
	case nat != nil && sameWant(nat, w):
	case nat == nil || inlined:
		// kin-openapi decodes what an inlined $ref points to as w, whatever it is.
		s.value(tf, t, w, true)
	default:
		s.suspect(f, at, "a $ref to something of another kind")
	}
}

// natural returns the want of the place a JSON pointer names in file f as
// Scan types the file in place; nil when that place is not typed (a file
// not loaded as a document, an extension, a value of any JSON, a key
// kin-openapi keeps as an extension, the whole file: kin-openapi reads
// that from the document's extensions).
func (s *scanner) natural(f *spec.File, pointer string) *want {
	w := openapi3.root
	if f.Key == s.d.Root.Key {
		w = s.v.rootFile
	}
	if u, err := url.PathUnescape(pointer); err == nil {
		pointer = u
	}
	if pointer == "" || pointer == "/" || !s.loaded[f] {
		return nil
	}
	for _, tok := range strings.Split(strings.TrimPrefix(pointer, "/"), "/") {
		tok = spec.UnescapeToken(tok)
		switch w.kind {
		case kObject:
			if w.obj.plainMap {
				w = w.obj.members
			} else {
				w = w.obj.field(tok)
			}
		case kMap, kList:
			w = w.elem
		case kBoolSchema:
			w = w.elem.obj.field(tok)
		default:
			return nil
		}
		if w == nil || w.kind == kJSON {
			return nil
		}
	}
	return w
}

// sameWant tells whether a value typed as a is typed as b.
func sameWant(a, b *want) bool {
	if a.kind != b.kind {
		return a.kind == kBoolSchema && sameWant(a.elem, b) || b.kind == kBoolSchema && sameWant(a, b.elem)
	}
	switch a.kind {
	case kObject:
		// A 2.0 schema and the 3.x one kin-openapi converts it into.
		return a.obj == b.obj || a.obj.name == "Schema" && b.obj.name == "Schema"
	case kMap, kList, kBoolSchema:
		return sameWant(a.elem, b.elem)
	case kScalar:
		return a.value == b.value
	}
	return true
}

// swaggerParams refuses the Swagger 2.0 operations kin-openapi does not
// convert: two body parameters, or a body and a form parameter.
func (s *scanner) swaggerParams(f *spec.File, op *spec.Node) {
	params := op.Get("parameters")
	if params == nil || params.Kind != spec.Array {
		return
	}
	body, form := 0, 0
	for _, p := range params.Children {
		pf := f
		for i := 0; i < 64 && p != nil && p.Ref() != ""; i++ {
			var ok bool
			if pf, p, ok = s.d.Lookup(pf, p.Ref()); !ok {
				p = nil
			}
		}
		switch p.Str("in") {
		case "body":
			body++
		case "formData":
			form++
		}
	}
	if body > 1 || body > 0 && form > 0 {
		s.suspect(f, op, "body parameters kin-openapi does not convert")
	}
}
