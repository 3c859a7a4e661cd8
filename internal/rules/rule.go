// Package rules is the one rule table: every rule id, oasdiff's
// (oasdiff_rules.go, generated, with the twins of oasdiff_twins.go) and
// apibump's own (apibump_rules.go, and the field table of fields_table.go,
// whose vocabulary and handlers are in package field), declared once, with
// its class under each policy (Class, Policy).
package rules

import (
	"slices"
	"strings"
)

// Origin names the engine whose check produces a rule's findings.
type Origin string

const (
	// FromOasdiff marks the rules of oasdiff's checker.
	FromOasdiff Origin = "oasdiff"
	// FromApibump marks apibump's own tree-level rules.
	FromApibump Origin = "apibump"
)

// Rule is one row of the rule table: a rule id with its class under each policy.
type Rule struct {
	ID          string `json:"id"`
	Origin      Origin `json:"origin"`
	Contract    Class  `json:"contract"`
	Compatible  Class  `json:"compatible"`
	Description string `json:"description"`
	// Fields lists, for a rule of the field table, the fields it judges
	// ("Schema.maxLength"); its classes are then the most severe it can
	// have, and the direction and the values decide each change's class.
	Fields []string `json:"fields,omitempty"`
	// Effects lists, for a rule of the field table, the effects a change
	// can have (see fields_table.go), and Request and Response
	// the most severe class in each direction.
	Effects  []string   `json:"effects,omitempty"`
	Request  *ClassPair `json:"request,omitempty"`
	Response *ClassPair `json:"response,omitempty"`
}

// ClassPair is a class under each policy.
type ClassPair struct {
	Contract   Class `json:"contract"`
	Compatible Class `json:"compatible"`
}

// Class returns the rule's class under the policy.
func (r Rule) Class(p Policy) Class {
	if p == Compatible {
		return r.Compatible
	}
	return r.Contract
}

var ruleIndex = func() map[string]Rule {
	m := make(map[string]Rule, len(oasdiffRules)+len(apibumpRules)+len(fieldRules))
	for _, r := range oasdiffRules {
		r.Origin = FromOasdiff
		m[r.ID] = r
	}
	for _, r := range apibumpRules {
		r.Origin = FromApibump
		m[r.ID] = r
	}
	for _, r := range fieldRules {
		m[r.ID] = r
	}
	return m
}()

// Lookup returns the rule with the id.
func Lookup(id string) (Rule, bool) {
	r, ok := ruleIndex[id]
	return r, ok
}

// Rules returns every rule, sorted by id.
func Rules() []Rule {
	out := make([]Rule, 0, len(ruleIndex))
	for _, r := range ruleIndex {
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b Rule) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// ClassOf returns the class of the rule with the id under the policy. A
// rule the table lacks is breaking: a change is never dropped.
func ClassOf(id string, p Policy) Class {
	if r, ok := Lookup(id); ok {
		return r.Class(p)
	}
	return Breaking
}
