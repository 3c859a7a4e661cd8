package rules

import (
	"cmp"
	"slices"
	"strings"

	"github.com/apibump/apibump/internal/rules/field"
)

// This file holds the types of the field table (fields_table.go): one row
// per (object type, field) of OpenAPI 2.0, 3.0 and 3.1, giving the rule id
// and the class of a difference at that field when it is added, removed or
// changed, in a request or a response, under each policy.

// effectClasses gives each effect its class, [direction][policy] with
// policy 0 contract and 1 compatible. The reasoning is in the design note
// of fields_table.go.
var effectClasses = map[field.Effect][2][2]Class{
	field.NoEffect:  {{NonContract, NonContract}, {NonContract, NonContract}},
	field.Tighten:   {{Breaking, Breaking}, {Breaking, Additive}},
	field.Loosen:    {{Additive, Additive}, {Breaking, Breaking}},
	field.Modify:    {{Breaking, Breaking}, {Breaking, Breaking}},
	field.Add:       {{Additive, Additive}, {Additive, Additive}},
	field.Remove:    {{Breaking, Breaking}, {Breaking, Breaking}},
	field.Retract:   {{Breaking, Additive}, {Breaking, Additive}},
	field.Deprecate: {{Additive, Additive}, {Additive, Additive}},
}

// EffectClass returns the class of an effect in a direction under a policy.
func EffectClass(e field.Effect, d field.Direction, p Policy) Class {
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
	Effects [3]field.Effect
	// MemberIDs and MemberEffects, for a map or list field whose members
	// are judged otherwise than the field (a component added to
	// components/schemas, a value added to an enum); zero values mean the
	// same as IDs and Effects.
	MemberIDs     [3]string
	MemberEffects [3]field.Effect
	// Handler, when set, refines the effect from the values.
	Handler *field.Handler
	// AlwaysRequest: the field states an obligation on the caller
	// wherever it stands (a security requirement), so it is judged in the
	// request column in both directions.
	AlwaysRequest bool
	// Description says what the field is, for the rules listing.
	Description string
}

// ID returns the rule id of a change at the field, or at a member of it.
func (r *FieldRow) ID(k field.FieldChange, member bool) string {
	if member && r.MemberIDs[k] != "" {
		return r.MemberIDs[k]
	}
	return r.IDs[k]
}

// Effect returns the static effect of a change (the effect when the values
// are not known).
func (r *FieldRow) Effect(k field.FieldChange, member bool) field.Effect {
	if member && r.MemberEffects[k] != 0 {
		return r.MemberEffects[k]
	}
	return r.Effects[k]
}

// Class returns the static class of a change in a direction under a policy.
func (r *FieldRow) Class(k field.FieldChange, member bool, d field.Direction, p Policy) Class {
	return EffectClass(r.Effect(k, member), r.direction(d), p)
}

func (r *FieldRow) direction(d field.Direction) field.Direction {
	if r.AlwaysRequest {
		return field.Request
	}
	return d
}

// Verdict is the judgement of one difference.
type Verdict struct {
	ID     string
	Effect field.Effect
	Class  Class
}

// Judge classes one difference at the field: the handler decides the
// effect from the values when the row has one, the static effect applies
// otherwise.
func (r *FieldRow) Judge(s field.Site, p Policy) Verdict {
	member := s.Member != ""
	e := r.Effect(s.Kind, member)
	if r.Handler != nil {
		e = r.Handler.Judge(s)
	}
	return Verdict{ID: r.ID(s.Kind, member), Effect: e, Class: EffectClass(e, r.direction(s.Direction), p)}
}

// effects returns every effect a change of kind k can have at the row.
func (r *FieldRow) effects(k field.FieldChange, member bool) []field.Effect {
	out := []field.Effect{r.Effect(k, member)}
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
		Effects:     [3]field.Effect{field.NoEffect, field.NoEffect, field.NoEffect},
		Description: "a specification extension (x-...), at any depth"}
	// ContractExtensionRow judges an extension the configuration lists as
	// part of the contract (contract-extensions), at any depth and
	// anything inside it: like a published field, adding it offers
	// something new, removing or changing it modifies what was published.
	ContractExtensionRow = FieldRow{Object: "*", Field: "x-* (contract-extensions)", Family: "extension",
		IDs:         [3]string{ContractExtensionAdded, ContractExtensionRemoved, ContractExtensionChanged},
		Effects:     [3]field.Effect{field.Add, field.Remove, field.Modify},
		Description: "a specification extension (x-...) the configuration lists as part of the contract"}
	// AnnotationRow judges a keyword of a 3.1 Schema Object that the
	// dialect does not define: JSON Schema is open, such a keyword is an
	// annotation and constrains no instance.
	AnnotationRow = FieldRow{Object: "Schema", Field: "*", Family: "annotation",
		IDs:         same(SchemaUnknownKeywordChanged),
		Effects:     [3]field.Effect{field.NoEffect, field.NoEffect, field.NoEffect},
		Description: "a keyword an OpenAPI 3.1 schema does not define (an annotation: JSON Schema is open)"}
)

// The ids of ContractExtensionRow.
const (
	ContractExtensionAdded   = "contract-extension-added"
	ContractExtensionRemoved = "contract-extension-removed"
	ContractExtensionChanged = "contract-extension-changed"
)

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
	for _, row := range append(fieldRows, ExtensionRow, ContractExtensionRow, AnnotationRow) {
		for _, k := range field.FieldChanges {
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
				for _, d := range field.Directions {
					pair := r.Request
					if d == field.Response {
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
