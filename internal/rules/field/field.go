// Package field is the vocabulary of the field table (package rules): the
// direction a difference is judged in, the kind of change at a field, its
// effect on the interface, the Site a handler reads and the Value view of
// JSON; and the handlers that decide an effect from the values.
package field

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Direction is which message of an exchange a difference is in, as the
// client sees it: what the client sends (Request) or receives (Response).
type Direction uint8

// The directions.
const (
	Request Direction = iota
	Response
)

// Directions lists both directions.
var Directions = []Direction{Request, Response}

// Mirror swaps the direction. Inside a webhook or a callback the API sends
// the request and the client answers, so the engine mirrors the direction
// a place is written in before judging it.
func (d Direction) Mirror() Direction {
	if d == Request {
		return Response
	}
	return Request
}

func (d Direction) String() string {
	if d == Response {
		return "response"
	}
	return "request"
}

// FieldChange is how a field differs: the tree difference's kind at the
// field, or at a member of the field when the field is a map or a list.
type FieldChange uint8

// The kinds of field change.
const (
	FieldAdded FieldChange = iota
	FieldRemoved
	FieldChanged
)

// FieldChanges lists the kinds.
var FieldChanges = []FieldChange{FieldAdded, FieldRemoved, FieldChanged}

func (k FieldChange) String() string {
	switch k {
	case FieldAdded:
		return "added"
	case FieldRemoved:
		return "removed"
	}
	return "changed"
}

// Effect is what a difference does to the interface; the class follows from
// the effect, the direction and the policy (EffectClass).
type Effect uint8

// The effects.
const (
	// NoEffect: the instances and the wire format are the same (a
	// documentation field, a default value written out, an equivalent
	// form, a layout change).
	NoEffect Effect = iota + 1
	// Tighten: fewer values are valid, or a new obligation (a bound
	// lowered, an enum value removed, a new required name).
	Tighten
	// Loosen: more values are valid (a bound raised, an enum value added,
	// a constraint dropped).
	Loosen
	// Modify: the valid values or the wire format changed in a way that
	// is neither (a pattern replaced, a serialization style changed), or
	// cannot be told from the values.
	Modify
	// Add: a new element nobody has to use (an operation, an optional
	// parameter, a response header, a component).
	Add
	// Remove: a published element is gone, and readers relied on it (a
	// parameter, a media type, a required response property).
	Remove
	// Retract: a published element is gone or changed, and a tolerant
	// client survives it (an optional response property, a link, a
	// default value, an unused component).
	Retract
	// Deprecate: an element was marked deprecated, or no longer is.
	Deprecate
)

// Effects lists every effect.
var Effects = []Effect{NoEffect, Tighten, Loosen, Modify, Add, Remove, Retract, Deprecate}

func (e Effect) String() string {
	switch e {
	case NoEffect:
		return "no-effect"
	case Tighten:
		return "tighten"
	case Loosen:
		return "loosen"
	case Modify:
		return "modify"
	case Add:
		return "add"
	case Remove:
		return "remove"
	case Retract:
		return "retract"
	case Deprecate:
		return "deprecate"
	}
	return "invalid"
}

// Site is what a handler reads to judge one difference at a field.
// Values are resolved: the engine's Value follows $refs. For a patterned
// or additional field (Field "{path}", "{status}", "{name}"...), the
// "field" is the object holding the names: Base and Rev are that object
// (the Paths object, a Responses object) and Member is the name.
type Site struct {
	Kind FieldChange
	// Member is the key or index of the member of a map or list field the
	// difference is at (a property name, a list index as the side that
	// shows it numbers it), "" when it is at the field itself.
	Member string
	// Base and Rev are the field's whole value on each side, nil where
	// the field is absent.
	Base, Rev Value
	// BaseHolder and RevHolder are the objects that hold the field (the
	// schema around `properties`, the parameter around `style`), nil
	// where absent.
	BaseHolder, RevHolder Value
	// Direction is the direction the place is judged in, mirrored already
	// inside webhooks and callbacks.
	Direction Direction
}

// Handler decides the effect of a difference from the values, where the
// field alone does not tell (a bound raised or lowered, an enum value added
// or removed, a default written out).
type Handler struct {
	// Name is what the rules listing calls the handler.
	Name string
	// Judge returns the effect of the difference.
	Judge func(Site) Effect
	// May lists, per FieldChange, every effect Judge can return, so the
	// listing can give the most severe class a rule can have.
	May [3][]Effect
}

// ValueKind is the JSON kind of a Value.
type ValueKind uint8

// The value kinds.
const (
	NullValue ValueKind = iota
	BoolValue
	NumberValue
	StringValue
	ArrayValue
	ObjectValue
)

// Value is a handler's read-only view of a JSON value. The engine adapts
// its document nodes (following $refs); FromJSON adapts decoded JSON.
// A missing value is a nil Value (an untyped nil).
type Value interface {
	Kind() ValueKind
	// Text is a scalar's text: the decoded string, the number literal,
	// "true" or "false".
	Text() string
	// Len is the number of array items or object members.
	Len() int
	// Index returns an array item.
	Index(i int) Value
	// Key returns the name of an object's i-th member.
	Key(i int) string
	// Get returns an object member, or nil.
	Get(key string) Value
}

// FromJSON adapts a value decoded by encoding/json or a YAML decoder
// (map[string]any, []any, string, float64, int, bool, nil).
func FromJSON(v any) Value {
	if m, ok := v.(map[string]any); ok {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		return jsonValue{v: v, keys: keys}
	}
	return jsonValue{v: v}
}

type jsonValue struct {
	v    any
	keys []string
}

func (j jsonValue) Kind() ValueKind {
	switch j.v.(type) {
	case nil:
		return NullValue
	case bool:
		return BoolValue
	case string:
		return StringValue
	case []any:
		return ArrayValue
	case map[string]any:
		return ObjectValue
	}
	return NumberValue
}

func (j jsonValue) Text() string {
	switch v := j.v.(type) {
	case string:
		return v
	case bool:
		return strconv.FormatBool(v)
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64)
	case nil, []any, map[string]any:
		return ""
	}
	return fmt.Sprint(j.v)
}

func (j jsonValue) Len() int {
	switch v := j.v.(type) {
	case []any:
		return len(v)
	case map[string]any:
		return len(v)
	}
	return 0
}

func (j jsonValue) Index(i int) Value {
	a, _ := j.v.([]any)
	if i < 0 || i >= len(a) {
		return nil
	}
	return FromJSON(a[i])
}

func (j jsonValue) Key(i int) string {
	if i < 0 || i >= len(j.keys) {
		return ""
	}
	return j.keys[i]
}

func (j jsonValue) Get(key string) Value {
	m, _ := j.v.(map[string]any)
	x, ok := m[key]
	if !ok {
		return nil
	}
	return FromJSON(x)
}

// canonical writes a value so that equal JSON values give equal strings
// (object members sorted, numbers by value).
func canonical(v Value) string {
	var b strings.Builder
	writeCanonical(&b, v)
	return b.String()
}

func writeCanonical(b *strings.Builder, v Value) {
	if v == nil {
		b.WriteString("null")
		return
	}
	switch v.Kind() {
	case NullValue:
		b.WriteString("null")
	case BoolValue:
		b.WriteString(v.Text())
	case NumberValue:
		if f, err := strconv.ParseFloat(v.Text(), 64); err == nil {
			b.WriteString(strconv.FormatFloat(f, 'g', -1, 64))
		} else {
			b.WriteString(v.Text())
		}
	case StringValue:
		b.WriteString(strconv.Quote(v.Text()))
	case ArrayValue:
		b.WriteByte('[')
		for i := range v.Len() {
			if i > 0 {
				b.WriteByte(',')
			}
			writeCanonical(b, v.Index(i))
		}
		b.WriteByte(']')
	case ObjectValue:
		keys := make([]string, v.Len())
		for i := range keys {
			keys[i] = v.Key(i)
		}
		slices.Sort(keys)
		b.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.Quote(k))
			b.WriteByte(':')
			writeCanonical(b, v.Get(k))
		}
		b.WriteByte('}')
	}
}
