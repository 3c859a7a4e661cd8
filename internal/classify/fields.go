package classify

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// This file holds the types of the field table (fields_table.go): one row
// per (object type, field) of OpenAPI 2.0, 3.0 and 3.1, giving the rule id
// and the class of a difference at that field when it is added, removed or
// changed, in a request or a response, under each policy.

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

// effectClasses gives each effect its class, [direction][policy] with
// policy 0 contract and 1 compatible. The reasoning is in the design note
// of fields_table.go.
var effectClasses = map[Effect][2][2]Class{
	NoEffect:  {{NonContract, NonContract}, {NonContract, NonContract}},
	Tighten:   {{Breaking, Breaking}, {Breaking, Additive}},
	Loosen:    {{Additive, Additive}, {Breaking, Breaking}},
	Modify:    {{Breaking, Breaking}, {Breaking, Breaking}},
	Add:       {{Additive, Additive}, {Additive, Additive}},
	Remove:    {{Breaking, Breaking}, {Breaking, Breaking}},
	Retract:   {{Breaking, Additive}, {Breaking, Additive}},
	Deprecate: {{Additive, Additive}, {Additive, Additive}},
}

// EffectClass returns the class of an effect in a direction under a policy.
func EffectClass(e Effect, d Direction, p Policy) Class {
	cells, ok := effectClasses[e]
	if !ok {
		return Breaking // an effect the table lacks is never dropped
	}
	pol := 0
	if p == Compatible {
		pol = 1
	}
	return cells[d][pol]
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

// FieldRow is one row of the field table: one field of one object type.
type FieldRow struct {
	// Object is the object type as the specification text names it
	// ("Schema", "Parameter", "OAuthFlow"), and Field the fixed field, or
	// the placeholder of a patterned or additional field ("{path}",
	// "{status}", "{expression}", "{name}").
	Object, Field string
	// Family groups rows that are judged alike; see fields_table.go.
	Family string
	// IDs and Effects per FieldChange: the rule id and the effect of a
	// difference at the field itself.
	IDs     [3]string
	Effects [3]Effect
	// MemberIDs and MemberEffects, for a map or list field whose members
	// are judged otherwise than the field (a component added to
	// components/schemas, a value added to an enum); zero values mean the
	// same as IDs and Effects.
	MemberIDs     [3]string
	MemberEffects [3]Effect
	// Handler, when set, refines the effect from the values.
	Handler *Handler
	// AlwaysRequest: the field states an obligation on the caller
	// wherever it stands (a security requirement), so it is judged in the
	// request column in both directions.
	AlwaysRequest bool
	// Description says what the field is, for the rules listing.
	Description string
}

// ID returns the rule id of a change at the field, or at a member of it.
func (r *FieldRow) ID(k FieldChange, member bool) string {
	if member && r.MemberIDs[k] != "" {
		return r.MemberIDs[k]
	}
	return r.IDs[k]
}

// Effect returns the static effect of a change (the effect when the values
// are not known).
func (r *FieldRow) Effect(k FieldChange, member bool) Effect {
	if member && r.MemberEffects[k] != 0 {
		return r.MemberEffects[k]
	}
	return r.Effects[k]
}

// Class returns the static class of a change in a direction under a policy.
func (r *FieldRow) Class(k FieldChange, member bool, d Direction, p Policy) Class {
	return EffectClass(r.Effect(k, member), r.direction(d), p)
}

func (r *FieldRow) direction(d Direction) Direction {
	if r.AlwaysRequest {
		return Request
	}
	return d
}

// Verdict is the judgement of one difference.
type Verdict struct {
	ID     string
	Effect Effect
	Class  Class
}

// Judge classes one difference at the field: the handler decides the
// effect from the values when the row has one, the static effect applies
// otherwise.
func (r *FieldRow) Judge(s Site, p Policy) Verdict {
	member := s.Member != ""
	e := r.Effect(s.Kind, member)
	if r.Handler != nil {
		e = r.Handler.Judge(s)
	}
	return Verdict{ID: r.ID(s.Kind, member), Effect: e, Class: EffectClass(e, r.direction(s.Direction), p)}
}

// effects returns every effect a change of kind k can have at the row.
func (r *FieldRow) effects(k FieldChange, member bool) []Effect {
	out := []Effect{r.Effect(k, member)}
	if r.Handler != nil {
		out = append(out, r.Handler.May[k]...)
	}
	return out
}

// fieldIndex finds rows by object and field.
var fieldIndex = func() map[[2]string]*FieldRow {
	m := make(map[[2]string]*FieldRow, len(fieldRows))
	for i := range fieldRows {
		r := &fieldRows[i]
		m[[2]string{r.Object, r.Field}] = r
	}
	return m
}()

// FieldRule returns the row of a field of an object type.
func FieldRule(object, field string) (*FieldRow, bool) {
	r, ok := fieldIndex[[2]string{object, field}]
	return r, ok
}

// FieldRows returns every row of the field table, sorted by object and field.
func FieldRows() []FieldRow { return slices.Clone(fieldRows) }

// Rows not tied to one field.
var (
	// ExtensionRow judges a specification extension (x-...) at any depth
	// and anything inside it: no rule interprets it, so it is no part of
	// the contract.
	ExtensionRow = FieldRow{Object: "*", Field: "x-*", Family: "extension",
		IDs:         same(ExtensionChanged),
		Effects:     [3]Effect{NoEffect, NoEffect, NoEffect},
		Description: "a specification extension (x-...), at any depth"}
	// AnnotationRow judges a keyword of a 3.1 Schema Object that the
	// dialect does not define: JSON Schema is open, such a keyword is an
	// annotation and constrains no instance.
	AnnotationRow = FieldRow{Object: "Schema", Field: "*", Family: "annotation",
		IDs:         same(SchemaUnknownKeywordChanged),
		Effects:     [3]Effect{NoEffect, NoEffect, NoEffect},
		Description: "a keyword an OpenAPI 3.1 schema does not define (an annotation: JSON Schema is open)"}
)

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

// fieldRules are the rule table rows the field table declares: one per id
// that is neither an oasdiff rule nor one of apibump's own rules, with the
// most severe class the id can have under each policy.
var fieldRules = func() []Rule {
	declared := map[string]bool{}
	for _, r := range oasdiffRules {
		declared[r.ID] = true
	}
	for _, r := range apibumpRules {
		declared[r.ID] = true
	}
	byID := map[string]*Rule{}
	var order []string
	for _, row := range append(fieldRows, ExtensionRow, AnnotationRow) {
		for _, k := range FieldChanges {
			for _, member := range []bool{false, true} {
				id := row.ID(k, member)
				if declared[id] {
					continue
				}
				r, ok := byID[id]
				if !ok {
					r = &Rule{ID: id, Origin: FromApibump, Contract: NonContract, Compatible: NonContract,
						Description: row.Description}
					byID[id] = r
					order = append(order, id)
				}
				if f := row.Object + "." + row.Field; !slices.Contains(r.Fields, f) {
					r.Fields = append(r.Fields, f)
				}
				if r.Request == nil {
					r.Request = &ClassPair{NonContract, NonContract}
					r.Response = &ClassPair{NonContract, NonContract}
				}
				for _, d := range Directions {
					pair := r.Request
					if d == Response {
						pair = r.Response
					}
					for _, e := range row.effects(k, member) {
						pair.Contract = worse(pair.Contract, EffectClass(e, row.direction(d), Contract))
						pair.Compatible = worse(pair.Compatible, EffectClass(e, row.direction(d), Compatible))
						if !slices.Contains(r.Effects, e.String()) {
							r.Effects = append(r.Effects, e.String())
						}
					}
				}
				r.Contract = worse(r.Request.Contract, r.Response.Contract)
				r.Compatible = worse(r.Request.Compatible, r.Response.Compatible)
			}
		}
	}
	out := make([]Rule, 0, len(order))
	for _, id := range order {
		r := byID[id]
		slices.Sort(r.Fields)
		slices.Sort(r.Effects)
		if len(r.Fields) > 1 {
			r.Description = fieldsDescription(r)
		}
		out = append(out, *r)
	}
	slices.SortFunc(out, func(a, b Rule) int { return cmp.Compare(a.ID, b.ID) })
	return out
}()

// fieldsDescription describes an id several fields share: the first
// field's description, naming every field.
func fieldsDescription(r *Rule) string {
	what, _, _ := strings.Cut(r.Description, " (")
	return what + " (" + strings.Join(r.Fields, ", ") + ")"
}

func worse(a, b Class) Class {
	if b.Rank() > a.Rank() {
		return b
	}
	return a
}

func same(id string) [3]string { return [3]string{id, id, id} }
