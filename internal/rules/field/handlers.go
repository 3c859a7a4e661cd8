package field

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"
)

// The handlers of the field table: each decides the effect of a difference
// from the values where the field alone does not tell. A handler reads the
// field's whole value on each side (Site.Base, Site.Rev; nil when absent),
// so a difference at a member (enum/2, required/0) is judged on the lists.

// mayAll says a handler can return the effects whatever the kind of change.
func mayAll(effects ...Effect) [3][]Effect { return [3][]Effect{effects, effects, effects} }

// num reads a number.
func num(v Value) (float64, bool) {
	if v == nil || v.Kind() != NumberValue {
		return 0, false
	}
	f, err := strconv.ParseFloat(v.Text(), 64)
	return f, err == nil
}

// flag reads a boolean; an absent value is def. ok is false for a value
// that is no boolean.
func flag(v Value, def bool) (b, ok bool) {
	if v == nil {
		return def, true
	}
	if v.Kind() != BoolValue {
		return false, false
	}
	return v.Text() == "true", true
}

// members returns the canonical forms of an array's items, or nil.
func members(v Value) []string {
	if v == nil || v.Kind() != ArrayValue {
		return nil
	}
	out := make([]string, v.Len())
	for i := range out {
		out[i] = canonical(v.Index(i))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// compareSets tells how the set b relates to a: NoEffect when equal, grow
// when b has more (and all of a), shrink when b has fewer (and nothing
// new), Modify when both.
func compareSets(a, b []string, grow, shrink Effect) Effect {
	added, removed := false, false
	for _, x := range b {
		if !slices.Contains(a, x) {
			added = true
		}
	}
	for _, x := range a {
		if !slices.Contains(b, x) {
			removed = true
		}
	}
	switch {
	case added && removed:
		return Modify
	case added:
		return grow
	case removed:
		return shrink
	}
	return NoEffect
}

// bound judges a numeric bound. upper: a lower value is tighter (maximum,
// maxLength); otherwise a higher one is (minimum, minLength). def is the
// value an absent bound has (0 for minLength), or NaN when absence means
// no bound.
func bound(name string, upper bool, def float64) *Handler {
	return &Handler{Name: name, May: mayAll(NoEffect, Tighten, Loosen, Modify), Judge: func(s Site) Effect {
		b, bok := num(s.Base)
		r, rok := num(s.Rev)
		if s.Base == nil && !math.IsNaN(def) {
			b, bok = def, true
		}
		if s.Rev == nil && !math.IsNaN(def) {
			r, rok = def, true
		}
		switch {
		case s.Base == nil && s.Rev == nil:
			return NoEffect
		case bok && rok:
			if b == r {
				return NoEffect
			}
			if (r < b) == upper {
				return Tighten
			}
			return Loosen
		case s.Base == nil && rok:
			return Tighten
		case s.Rev == nil && bok:
			return Loosen
		}
		return Modify
	}}
}

var (
	Upper       = bound("upper-bound", true, math.NaN())
	Lower       = bound("lower-bound", false, math.NaN())
	LowerCount  = bound("lower-count", false, 0)
	MinContains = bound("min-contains", false, 1)
)

// exclusive judges exclusiveMaximum and exclusiveMinimum: a boolean beside
// maximum/minimum in 2.0 and 3.0 (true is tighter), a bound of its own in
// 3.1.
func exclusive(name string, upper bool) *Handler {
	numeric := bound(name, upper, math.NaN())
	return &Handler{Name: name, May: numeric.May, Judge: func(s Site) Effect {
		if isBool(s.Base) || isBool(s.Rev) {
			return flagEffect(s.Base, s.Rev, false, Tighten, Loosen)
		}
		return numeric.Judge(s)
	}}
}

var (
	ExclusiveMax = exclusive("exclusive-maximum", true)
	ExclusiveMin = exclusive("exclusive-minimum", false)
)

func isBool(v Value) bool { return v != nil && v.Kind() == BoolValue }

// flagEffect judges a boolean whose absence means def: false to true has
// effect whenTrue, true to false the opposite effect, a non-boolean Modify.
func flagEffect(base, rev Value, def bool, whenTrue, whenFalse Effect) Effect {
	b, bok := flag(base, def)
	r, rok := flag(rev, def)
	switch {
	case !bok || !rok:
		return Modify
	case b == r:
		return NoEffect
	case r:
		return whenTrue
	}
	return whenFalse
}

// flagHandler judges a boolean field.
func flagHandler(name string, def bool, whenTrue, whenFalse Effect) *Handler {
	return &Handler{Name: name, May: mayAll(NoEffect, whenTrue, whenFalse, Modify), Judge: func(s Site) Effect {
		return flagEffect(s.Base, s.Rev, def, whenTrue, whenFalse)
	}}
}

var (
	// uniqueItems, required (Parameter, Header, RequestBody), a 2.0
	// exclusive bound: true asks more.
	TightFlag = flagHandler("true-tightens", false, Tighten, Loosen)
	// nullable, allowEmptyValue: true accepts more.
	LooseFlag = flagHandler("true-loosens", false, Loosen, Tighten)
)

// Deprecated judges: deprecated: false is the default; any other change of the
// flag is a deprecation change.
var Deprecated = &Handler{Name: "deprecated", May: mayAll(NoEffect, Deprecate), Judge: func(s Site) Effect {
	if flagEffect(s.Base, s.Rev, false, Deprecate, Deprecate) == NoEffect {
		return NoEffect
	}
	return Deprecate
}}

// ReadOnly judges: a readOnly property is not part of requests; in a response the
// flag changes nothing.
var ReadOnly = &Handler{Name: "read-only", May: mayAll(NoEffect, Tighten, Loosen, Modify), Judge: func(s Site) Effect {
	if s.Direction == Response {
		return NoEffect
	}
	return flagEffect(s.Base, s.Rev, false, Tighten, Loosen)
}}

// WriteOnly judges: a writeOnly property is not part of responses; in a request
// the flag changes nothing.
var WriteOnly = &Handler{Name: "write-only", May: mayAll(NoEffect, Tighten, Loosen, Modify), Judge: func(s Site) Effect {
	if s.Direction == Request {
		return NoEffect
	}
	return flagEffect(s.Base, s.Rev, false, Tighten, Loosen)
}}

// MultipleOf judges: a multiple of the old divisor is tighter (2 → 4), a divisor
// of it looser (4 → 2).
var MultipleOf = &Handler{Name: "multiple-of", May: mayAll(NoEffect, Tighten, Loosen, Modify), Judge: func(s Site) Effect {
	b, bok := num(s.Base)
	r, rok := num(s.Rev)
	switch {
	case s.Base == nil && rok:
		return Tighten
	case s.Rev == nil && bok:
		return Loosen
	case !bok || !rok || b <= 0 || r <= 0:
		return Modify
	case b == r:
		return NoEffect
	case isWhole(r / b):
		return Tighten
	case isWhole(b / r):
		return Loosen
	}
	return Modify
}}

func isWhole(f float64) bool { return !math.IsInf(f, 0) && math.Abs(f-math.Round(f)) < 1e-9 }

// Enum judges: a value added accepts more, a value removed fewer; an enum where
// there was none restricts, an enum dropped frees.
var Enum = &Handler{Name: "enum-values", May: mayAll(NoEffect, Tighten, Loosen, Modify), Judge: func(s Site) Effect {
	switch {
	case s.Base == nil && s.Rev == nil:
		return NoEffect
	case s.Base == nil:
		return Tighten
	case s.Rev == nil:
		return Loosen
	}
	return compareSets(members(s.Base), members(s.Rev), Loosen, Tighten)
}}

// valueHandler judges a field whose value is compared whole: added,
// removed or changed to another value (equal JSON changes nothing).
func valueHandler(name string, added, removed, changed Effect) *Handler {
	return &Handler{Name: name, May: [3][]Effect{{added}, {removed}, {NoEffect, changed}}, Judge: func(s Site) Effect {
		switch {
		case s.Base == nil:
			return added
		case s.Rev == nil:
			return removed
		case canonical(s.Base) == canonical(s.Rev):
			return NoEffect
		}
		return changed
	}}
}

var (
	// Const judges: a const where there was none restricts to one value.
	Const = valueHandler("const-value", Tighten, Loosen, Modify)
	// Pattern judges: a pattern where there was none restricts, a pattern
	// dropped frees; a pattern replaced may do both (deciding whether one
	// regular expression contains another is not attempted).
	Pattern = valueHandler("pattern", Tighten, Loosen, Modify)
	// Default judges: a default value added tells what the server assumes;
	// changed or removed, callers who relied on it see another behaviour
	// (a tolerant one sends the value).
	Default = valueHandler("default-value", Add, Retract, Retract)
)

// Required judges: a name added to a schema's required list is a new obligation,
// a name dropped frees one. In what the client receives, a name added
// with its property (absent from the base's properties) is part of that
// property's addition: the client receives more (add), as oasdiff's
// response-required-property-added says.
var Required = &Handler{Name: "required-names", May: mayAll(NoEffect, Tighten, Loosen, Modify, Add), Judge: func(s Site) Effect {
	base, rev := members(s.Base), members(s.Rev)
	if s.Direction == Response && s.BaseHolder != nil && s.RevHolder != nil {
		var added, old []string
		for _, name := range rev {
			if slices.Contains(base, name) {
				old = append(old, name)
			} else {
				added = append(added, name)
			}
		}
		if len(added) > 0 && len(old) == len(base) && allNew(added, s.BaseHolder.Get("properties"), s.RevHolder.Get("properties")) {
			return Add
		}
	}
	return compareSets(base, rev, Tighten, Loosen)
}}

// allNew tells the required names (canonical, quoted) whose properties
// the revision's properties have and the base's have not.
func allNew(names []string, base, rev Value) bool {
	for _, q := range names {
		name, err := strconv.Unquote(q)
		if err != nil || rev == nil || rev.Kind() != ObjectValue || rev.Get(name) == nil {
			return false
		}
		if base != nil && base.Kind() == ObjectValue && base.Get(name) != nil {
			return false
		}
	}
	return true
}

// Type judges: the sets of JSON types, integer within number; no type is every type.
var Type = &Handler{Name: "types", May: mayAll(NoEffect, Tighten, Loosen, Modify), Judge: func(s Site) Effect {
	b, r := schemaTypes(s.Base, s.BaseHolder), schemaTypes(s.Rev, s.RevHolder)
	bInR, rInB := accepts(r, b), accepts(b, r)
	switch {
	case bInR && rInB:
		return NoEffect
	case bInR:
		return Loosen
	case rInB:
		return Tighten
	}
	return Modify
}}

// schemaTypes is the types the schema holder admits as far as `type`
// tells: its own `type` (t), else, without one, the types its oneOf or
// anyOf members state when every member states its own (`type: object`
// replaced by a oneOf of objects still admits objects only); nil is every
// type. Members are read one level deep.
func schemaTypes(t, holder Value) []string {
	if t != nil || holder == nil || holder.Kind() != ObjectValue {
		return types(t)
	}
	for _, k := range []string{"oneOf", "anyOf"} {
		list := holder.Get(k)
		if list == nil || list.Kind() != ArrayValue || list.Len() == 0 {
			continue
		}
		var union []string
		for i := range list.Len() {
			m := list.Index(i)
			if m == nil || m.Kind() != ObjectValue || m.Get("type") == nil {
				union = nil
				break
			}
			for _, x := range types(m.Get("type")) {
				if !slices.Contains(union, x) {
					union = append(union, x)
				}
			}
		}
		if union != nil {
			return union
		}
	}
	return nil
}

// types reads `type` (a name or a list of names); nil is every type.
func types(v Value) []string {
	switch {
	case v == nil:
		return nil
	case v.Kind() == StringValue:
		return []string{v.Text()}
	case v.Kind() == ArrayValue:
		var out []string
		for i := range v.Len() {
			if x := v.Index(i); x != nil && x.Kind() == StringValue {
				out = append(out, x.Text())
			}
		}
		return out
	}
	return []string{canonical(v)}
}

// accepts tells whether every type of inner is a type of outer.
func accepts(outer, inner []string) bool {
	if outer == nil {
		return true
	}
	if inner == nil {
		return false
	}
	for _, t := range inner {
		if !slices.Contains(outer, t) && (t != "integer" || !slices.Contains(outer, "number")) {
			return false
		}
	}
	return true
}

// formatWidening lists format changes that accept a superset of values.
var formatWidening = map[[2]string]bool{
	{"int32", "int64"}: true, {"float", "double"}: true, {"date", "date-time"}: false,
}

// Format judges: a format where there was none restricts, a format dropped frees;
// int32 → int64 and float → double widen; any other change is both.
var Format = &Handler{Name: "format", May: mayAll(NoEffect, Tighten, Loosen, Modify), Judge: func(s Site) Effect {
	switch {
	case s.Base == nil:
		return Tighten
	case s.Rev == nil:
		return Loosen
	}
	b, r := s.Base.Text(), s.Rev.Text()
	switch {
	case b == r:
		return NoEffect
	case formatWidening[[2]string{b, r}]:
		return Loosen
	case formatWidening[[2]string{r, b}]:
		return Tighten
	}
	return Modify
}}

// openness classes a schema-valued keyword: absent, true and {} accept
// anything; false and {not: {}} nothing; any other schema something.
type openness uint8

const (
	open openness = iota
	closed
	restricted
)

func opennessOf(v Value) openness {
	switch {
	case v == nil:
		return open
	case v.Kind() == BoolValue:
		if v.Text() == "true" {
			return open
		}
		return closed
	case v.Kind() == ObjectValue && v.Len() == 0:
		return open
	case v.Kind() == ObjectValue && v.Len() == 1 && v.Get("not") != nil && v.Get("not").Kind() == ObjectValue && v.Get("not").Len() == 0:
		return closed
	}
	return restricted
}

// SchemaValue judges a keyword holding a schema where absence accepts
// anything (additionalProperties, items, unevaluatedProperties, a
// parameter's schema): open → restricted → closed tightens, the reverse
// loosens; two different restricting schemas are compared deeper, at
// their own keywords.
var SchemaValue = &Handler{Name: "schema-openness", May: mayAll(NoEffect, Tighten, Loosen, Modify), Judge: func(s Site) Effect {
	b, r := opennessOf(s.Base), opennessOf(s.Rev)
	switch {
	case b == r && b != restricted:
		return NoEffect
	case b == r:
		return Modify
	case b == open || r == closed:
		return Tighten
	}
	return Loosen
}}

// memberOf returns the member a difference is at: from the revision when
// added, from the base otherwise.
func memberOf(s Site) Value {
	v := s.Base
	if s.Kind == FieldAdded {
		v = s.Rev
	}
	if v == nil || s.Member == "" {
		return nil
	}
	if v.Kind() == ArrayValue {
		i, err := strconv.Atoi(s.Member)
		if err != nil {
			return nil
		}
		return v.Index(i)
	}
	return v.Get(s.Member)
}

// anyMember tells whether some member of the field (or the member the
// difference is at) satisfies f.
func anyMember(s Site, f func(Value) bool) bool {
	if s.Member != "" {
		m := memberOf(s)
		return m != nil && f(m)
	}
	v := s.Base
	if s.Kind == FieldAdded {
		v = s.Rev
	}
	if v == nil {
		return false
	}
	for i := range v.Len() {
		m := v.Index(i)
		if v.Kind() == ObjectValue {
			m = v.Get(v.Key(i))
		}
		if m != nil && f(m) {
			return true
		}
	}
	return false
}

func isTrue(v Value) bool { return v != nil && v.Kind() == BoolValue && v.Text() == "true" }

// Properties judges: a property added is new; a property removed breaks readers
// that relied on it, unless it was optional output (a tolerant reader does
// without it).
var Properties = &Handler{Name: "properties", May: [3][]Effect{{Add}, {Remove, Retract}, {Modify}}, Judge: func(s Site) Effect {
	switch s.Kind {
	case FieldAdded:
		return Add
	case FieldChanged:
		return Modify
	}
	required := members(getOrNil(s.BaseHolder, "required"))
	wasRequired := false
	switch {
	case s.Member != "":
		wasRequired = slices.Contains(required, strconv.Quote(s.Member))
	case s.Base != nil && s.Base.Kind() == ObjectValue:
		for i := range s.Base.Len() {
			wasRequired = wasRequired || slices.Contains(required, strconv.Quote(s.Base.Key(i)))
		}
	}
	if s.Direction == Response && !wasRequired {
		return Retract
	}
	return Remove
}}

// Parameters judges: a parameter added is a new obligation when it is required
// (a path parameter always is); a parameter removed breaks callers who send it.
var Parameters = &Handler{Name: "parameters", May: [3][]Effect{{Add, Tighten}, {Remove}, {Modify}}, Judge: func(s Site) Effect {
	switch s.Kind {
	case FieldRemoved:
		return Remove
	case FieldChanged:
		return Modify
	}
	if anyMember(s, func(p Value) bool { return isTrue(p.Get("required")) || textOf(p.Get("in")) == "path" }) {
		return Tighten
	}
	return Add
}}

// RequestBody judges: a request body added is a new obligation when required.
var RequestBody = &Handler{Name: "request-body", May: [3][]Effect{{Add, Tighten}, {Remove}, {Modify}}, Judge: func(s Site) Effect {
	switch s.Kind {
	case FieldRemoved:
		return Remove
	case FieldChanged:
		return Modify
	}
	if s.Rev != nil && isTrue(s.Rev.Get("required")) {
		return Tighten
	}
	return Add
}}

// ResponseHeader judges: a header removed breaks readers when it was required; an
// optional one a tolerant reader does without.
var ResponseHeader = &Handler{Name: "response-header", May: [3][]Effect{{Add}, {Remove, Retract}, {Modify}}, Judge: func(s Site) Effect {
	switch s.Kind {
	case FieldAdded:
		return Add
	case FieldChanged:
		return Modify
	}
	if anyMember(s, func(h Value) bool { return isTrue(h.Get("required")) }) {
		return Remove
	}
	return Retract
}}

// Status judges: a success status removed breaks clients; another status removed
// is one error the client no longer sees.
var Status = &Handler{Name: "status", May: [3][]Effect{{Add}, {Remove, Retract}, {Modify}}, Judge: func(s Site) Effect {
	switch s.Kind {
	case FieldAdded:
		return Add
	case FieldChanged:
		return Modify
	}
	if strings.HasPrefix(s.Member, "2") {
		return Remove
	}
	return Retract
}}

// MediaTypes judges: 2.0 consumes/produces: a media type added is new, removed is gone.
var MediaTypes = &Handler{Name: "media-types", May: mayAll(NoEffect, Add, Remove, Modify), Judge: func(s Site) Effect {
	if s.Base == nil || s.Rev == nil {
		return Modify // absent means the document's (or the client's) default
	}
	return compareSets(members(s.Base), members(s.Rev), Add, Remove)
}}

// Serialization judges style, explode, allowReserved and collectionFormat
// by their effective values: a value written out that equals the default
// changes nothing on the wire. holder is "parameter", "header" or
// "encoding" (their style defaults differ).
func Serialization(field, holder string) *Handler {
	return &Handler{Name: "serialization-" + field, May: mayAll(NoEffect, Modify), Judge: func(s Site) Effect {
		// A holder absent on one side (a parameter written inline on one
		// side only) takes its defaults from the other.
		bh, rh := cmp.Or(s.BaseHolder, s.RevHolder), cmp.Or(s.RevHolder, s.BaseHolder)
		if effectiveSerialization(field, s.Base, bh, holder) == effectiveSerialization(field, s.Rev, rh, holder) {
			return NoEffect
		}
		return Modify
	}}
}

// effectiveSerialization returns a serialization field's value, or the
// default it has where absent, in canonical form.
func effectiveSerialization(field string, v, holder Value, kind string) string {
	if v != nil {
		return canonical(v)
	}
	style := textOf(getOrNil(holder, "style"))
	if style == "" || field == "style" {
		style = defaultStyle(holder, kind)
	}
	switch field {
	case "style":
		return strconv.Quote(style)
	case "explode":
		return strconv.FormatBool(style == "form")
	case "allowReserved":
		return "false"
	case "collectionFormat":
		return strconv.Quote("csv")
	}
	return "null"
}

func defaultStyle(holder Value, kind string) string {
	switch kind {
	case "encoding":
		return "form"
	case "header":
		return "simple"
	}
	switch textOf(getOrNil(holder, "in")) {
	case "path", "header":
		return "simple"
	}
	return "form"
}

func textOf(v Value) string {
	if v == nil || v.Kind() == ObjectValue || v.Kind() == ArrayValue {
		return ""
	}
	return v.Text()
}

// getOrNil reads a member of a possibly absent Value.
func getOrNil(v Value, key string) Value {
	if v == nil || v.Kind() != ObjectValue {
		return nil
	}
	return v.Get(key)
}

// Security judges a list of security requirements (alternatives, each a
// set of schemes with scopes). absentIsAnonymous: the document's own list,
// whose absence asks nothing; an operation's absent list inherits the
// document's, which the field alone does not show (Modify).
func Security(absentIsAnonymous bool) *Handler {
	return &Handler{Name: "security-requirements", May: mayAll(NoEffect, Tighten, Loosen, Modify), Judge: func(s Site) Effect {
		if !absentIsAnonymous && (s.Base == nil || s.Rev == nil) {
			return Modify
		}
		b, r := requirements(s.Base), requirements(s.Rev)
		bAnon, rAnon := anonymous(b), anonymous(r)
		switch {
		case bAnon && rAnon:
			return NoEffect
		case bAnon:
			return Tighten
		case rAnon:
			return Loosen
		}
		return compareSets(b, r, Loosen, Tighten)
	}}
}

// requirements returns the alternatives of a security list, canonical;
// an absent or empty list is nil.
func requirements(v Value) []string {
	return members(v)
}

// anonymous tells whether a requirement list lets requests without
// credentials through: no list, an empty one, or an empty alternative.
func anonymous(alternatives []string) bool {
	return len(alternatives) == 0 || slices.Contains(alternatives, "{}")
}

// RequirementScheme judges one scheme of a security requirement (an
// alternative): a scheme added to it, or a scope added to a scheme, asks
// more of the caller.
var RequirementScheme = &Handler{Name: "requirement-scopes", May: mayAll(NoEffect, Tighten, Loosen, Modify), Judge: func(s Site) Effect {
	b, r := getOrNil(s.Base, s.Member), getOrNil(s.Rev, s.Member)
	switch {
	case b == nil && r == nil:
		return NoEffect
	case b == nil:
		return Tighten
	case r == nil:
		return Loosen
	}
	return compareSets(members(b), members(r), Tighten, Loosen)
}}

// Alternatives judges anyOf (oneOf when exclusive): a member added accepts
// more, a member removed fewer. The list added restricts, and dropped
// frees, except where a schema was wrapped into alternatives: when the
// schema the list is added to, without it, is one of the list's members
// (`X` → `oneOf: [{type: "null"}, X]`), every value it accepted is still
// accepted (loosen), and the reverse unwrapping tightens. For oneOf the
// other members must have types X's type excludes, so that no value of X
// matches two members.
func Alternatives(exclusive bool) *Handler {
	name := "any-of"
	if exclusive {
		name = "one-of"
	}
	return &Handler{Name: name, May: [3][]Effect{{Tighten, Loosen}, {Loosen, Tighten}, {Modify}}, Judge: func(s Site) Effect {
		if s.Member != "" {
			switch s.Kind {
			case FieldAdded:
				return Loosen
			case FieldRemoved:
				return Tighten
			}
			return Modify
		}
		switch s.Kind {
		case FieldAdded:
			if wrapped(s.BaseHolder, s.Rev, exclusive) {
				return Loosen
			}
			return Tighten
		case FieldRemoved:
			if wrapped(s.RevHolder, s.Base, exclusive) {
				return Tighten
			}
			return Loosen
		}
		return Modify
	}}
}

// annotationKeys do not constrain instances.
var annotationKeys = map[string]bool{"description": true, "title": true, "example": true, "examples": true,
	"$comment": true, "externalDocs": true, "deprecated": true, "anyOf": true, "oneOf": true}

// wrapped tells whether schema, its alternatives and annotations aside, is
// one of the members of list.
func wrapped(schema, list Value, exclusive bool) bool {
	if schema == nil || schema.Kind() != ObjectValue || list == nil || list.Kind() != ArrayValue {
		return false
	}
	want := constraints(schema)
	found := false
	for i := range list.Len() {
		m := list.Index(i)
		if m == nil {
			return false
		}
		if !found && constraints(m) == want {
			found = true
			continue
		}
		if exclusive && !disjoint(types(schema.Get("type")), types(m.Get("type"))) {
			return false
		}
	}
	return found
}

// disjoint tells two type lists that no value has a type of both (nil is
// every type; integer is a number).
func disjoint(a, b []string) bool {
	if a == nil || b == nil {
		return false
	}
	for _, x := range a {
		for _, y := range b {
			if x == y || x == "integer" && y == "number" || x == "number" && y == "integer" {
				return false
			}
		}
	}
	return true
}

// constraints is the canonical form of a schema's constraining keywords.
func constraints(v Value) string {
	if v.Kind() != ObjectValue {
		return canonical(v)
	}
	m := map[string]any{}
	for i := range v.Len() {
		k := v.Key(i)
		if !annotationKeys[k] && !strings.HasPrefix(k, "x-") {
			m[k] = canonical(v.Get(k))
		}
	}
	return canonical(FromJSON(m))
}

// Encodings judges a media type's encoding map (form and multipart
// bodies) by the serialization each property gets: an entry written out
// with the defaults changes nothing, and style and explode change nothing
// for a property whose values are never objects or arrays (a string is
// sent name=value whatever the style). Member is the property whose entry
// differs, "" when the whole map does.
var Encodings = &Handler{Name: "encodings", May: mayAll(NoEffect, Modify), Judge: func(s Site) Effect {
	names := []string{s.Member}
	if s.Member == "" {
		names = append(keysOf(s.Base), keysOf(s.Rev)...)
	}
	for _, name := range names {
		prop := cmp.Or(getOrNil(getOrNil(getOrNil(s.RevHolder, "schema"), "properties"), name),
			getOrNil(getOrNil(getOrNil(s.BaseHolder, "schema"), "properties"), name))
		scalar := scalarsOnly(prop, 0)
		if effectiveEncoding(getOrNil(s.Base, name), scalar) != effectiveEncoding(getOrNil(s.Rev, name), scalar) {
			return Modify
		}
	}
	return NoEffect
}}

// effectiveEncoding is the canonical form of what an encoding entry (nil:
// none) makes of its property; style and explode are left out for a
// property that holds scalars only.
func effectiveEncoding(e Value, scalar bool) string {
	m := map[string]any{
		"contentType":   canonical(getOrNil(e, "contentType")),
		"headers":       canonical(getOrNil(e, "headers")),
		"allowReserved": effectiveSerialization("allowReserved", getOrNil(e, "allowReserved"), e, "encoding"),
	}
	if !scalar {
		m["style"] = effectiveSerialization("style", getOrNil(e, "style"), e, "encoding")
		m["explode"] = effectiveSerialization("explode", getOrNil(e, "explode"), e, "encoding")
	}
	return canonical(FromJSON(m))
}

// scalarsOnly tells a schema whose every value is a string, a number, a
// boolean or null: its type says so, or every alternative of its anyOf or
// oneOf does. An absent schema may hold anything.
func scalarsOnly(v Value, depth int) bool {
	if v == nil || v.Kind() != ObjectValue || depth > 8 {
		return false
	}
	if t := types(v.Get("type")); t != nil {
		for _, x := range t {
			if x == "object" || x == "array" {
				return false
			}
		}
		return true
	}
	for _, k := range []string{"anyOf", "oneOf"} {
		list := v.Get(k)
		if list == nil || list.Kind() != ArrayValue || list.Len() == 0 {
			continue
		}
		for i := range list.Len() {
			if !scalarsOnly(list.Index(i), depth+1) {
				return false
			}
		}
		return true
	}
	return false
}

// keysOf returns an object's member names, none for anything else.
func keysOf(v Value) []string {
	if v == nil || v.Kind() != ObjectValue {
		return nil
	}
	out := make([]string, v.Len())
	for i := range out {
		out[i] = v.Key(i)
	}
	return out
}
