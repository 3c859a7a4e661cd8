package classify

import (
	"fmt"
	"strings"

	"cloud.google.com/go/civil"

	"github.com/apibump/apibump/internal/config"
	"github.com/apibump/apibump/internal/finding"
	"github.com/apibump/apibump/internal/rules"
	"github.com/apibump/apibump/internal/spec"
)

// Exemption is a reviewed acceptance of findings: it names a rule (or "*"),
// optionally an operation or path glob, why, and until when it holds.
type Exemption struct {
	Rule      string     `json:"rule"`
	Operation string     `json:"operation,omitempty"`
	Path      string     `json:"path,omitempty"`
	Reason    string     `json:"reason"`
	Until     civil.Date `json:"until"`  // the last day it holds
	Origin    string     `json:"origin"` // where it is written: ".apibump.yaml:12", "revision.yaml:40"

	element *spec.Marked // the spec element an x-apibump-accept sits on
}

// Acceptance marks a change an active exemption covers.
type Acceptance struct {
	Reason string `json:"reason"`
	Until  string `json:"until,omitempty"` // the exemption's last day; empty for a retirement
	Origin string `json:"origin"`
}

// ExemptionStatus says what became of one exemption in this comparison.
type ExemptionStatus struct {
	Exemption
	Status  string `json:"status"` // active, expired or stale
	Matches int    `json:"matches"`
}

// The statuses of an exemption.
const (
	ExemptionActive  = "active"
	ExemptionExpired = "expired"
	ExemptionStale   = "stale"
)

// Stability levels an element can carry with x-stability (or oasdiff's
// x-stability-level), by the promise they make; "draft" is read as alpha.
const (
	StabilityAlpha  = "alpha"
	StabilityBeta   = "beta"
	StabilityStable = "stable"
)

// stabilityRank ranks an x-stability level by the promise it makes: 1 for
// alpha and draft (no promise), 2 for beta, 3 for stable; 0 for a level
// apibump does not know. Case does not matter. The tree rule counts a move
// between ranks (StabilityDecreased, StabilityIncreased); a change to an
// element whose level is unknown is judged as stable (see
// stabilityIndex.level).
func stabilityRank(level string) int {
	switch strings.ToLower(level) {
	case StabilityAlpha, "draft":
		return 1
	case StabilityBeta:
		return 2
	case StabilityStable:
		return 3
	}
	return 0
}

// AcceptKey is the extension that accepts findings inside the spec itself.
const AcceptKey = "x-apibump-accept"

// specExemptions reads the x-apibump-accept extensions of a document.
func specExemptions(doc *spec.Document) ([]Exemption, error) {
	var out []Exemption
	for _, m := range doc.Marked(AcceptKey) {
		items := []*spec.Node{m.Value}
		if m.Value.Kind == spec.Array {
			items = m.Value.Children
		}
		for _, it := range items {
			where := fmt.Sprintf("%s:%d", it.File.Name, it.Pos.Line)
			if it.Kind != spec.Object {
				return nil, fmt.Errorf("%s: %s: want {rule, reason, until}", where, AcceptKey)
			}
			for _, k := range it.Keys {
				if k != "rule" && k != "reason" && k != "until" {
					return nil, fmt.Errorf("%s: %s: unknown key %q (known: rule, reason, until)", where, AcceptKey, k)
				}
			}
			e := Exemption{Rule: it.Str("rule"), Reason: it.Str("reason"), Origin: where, element: &m}
			err := e.validate()
			var until config.Date
			if err == nil {
				if err = until.Set(it.Str("until")); err != nil {
					err = fmt.Errorf("until %q: %w", it.Str("until"), err)
				}
				e.Until = until.Date
			}
			if err != nil {
				return nil, fmt.Errorf("%s: %s: %w", where, AcceptKey, err)
			}
			out = append(out, e)
		}
	}
	return out, nil
}

func (e Exemption) validate() error {
	switch {
	case e.Rule == "":
		return fmt.Errorf("rule is required (a rule id or *)")
	case e.Rule != "*":
		if _, ok := rules.Lookup(e.Rule); !ok {
			return fmt.Errorf("unknown rule %q (see apibump rules)", e.Rule)
		}
	}
	if strings.TrimSpace(e.Reason) == "" {
		return fmt.Errorf("reason is required")
	}
	return nil
}

// matches tells whether the exemption covers the change.
func (e Exemption) matches(c *Change) bool {
	if e.Rule != "*" && e.Rule != c.ID {
		return false
	}
	if e.element != nil {
		if e.element.Encloses(c.Source) {
			return true
		}
		for _, op := range c.Operations {
			if op == e.element.Operation {
				return true
			}
		}
		return false
	}
	if e.Operation != "" {
		ok := false
		for _, op := range c.Operations {
			if config.MatchGlob(e.Operation, op) {
				ok = true
			}
		}
		if !ok {
			return false
		}
	}
	if e.Path != "" {
		ok := false
		for _, op := range c.Operations {
			_, p, _ := strings.Cut(op, " ")
			if config.MatchGlob(e.Path, p) {
				ok = true
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// stabilityIndex knows the x-stability of the elements of both documents.
type stabilityIndex struct {
	marks []spec.Marked
	ops   map[string]string // "GET /books" -> level
}

func newStabilityIndex(docs ...*spec.Document) *stabilityIndex {
	s := &stabilityIndex{ops: map[string]string{}}
	for _, d := range docs {
		for _, m := range d.Marked("x-stability", "x-stability-level") {
			s.marks = append(s.marks, m)
			if m.Operation != "" {
				if _, seen := s.ops[m.Operation]; !seen {
					s.ops[m.Operation] = strings.ToLower(m.Value.Value)
				}
			}
		}
	}
	return s
}

// level is the stability of what a change touches: the innermost marked
// element holding its source, else the most stable of its operations
// (unmarked means stable).
func (s *stabilityIndex) level(c *Change) string {
	var best *spec.Marked
	for i := range s.marks {
		m := &s.marks[i]
		if m.Operation == "" && m.Encloses(c.Source) {
			if best == nil || best.Element.Contains(m.Element.KeyPos) {
				best = m
			}
		}
	}
	if best != nil {
		return strings.ToLower(best.Value.Value)
	}
	if len(c.Operations) == 0 {
		return StabilityStable
	}
	level, rank := "", 0
	for _, op := range c.Operations {
		l, ok := s.ops[op]
		if !ok {
			l = StabilityStable
		}
		r := stabilityRank(l)
		if r == 0 {
			r = stabilityRank(StabilityStable) // a level apibump does not know promises what stable does
		}
		if r > rank {
			level, rank = l, r
		}
	}
	return level
}

// sunsetIndex holds the elements of the base that are deprecated with an
// x-sunset on or before the day of the comparison.
type sunsetIndex map[spec.Position]bool

func newSunsetIndex(base *spec.Document, day civil.Date) sunsetIndex {
	s := sunsetIndex{}
	for _, m := range base.Marked("x-sunset") {
		e := m.Element
		if d, ok := config.Sunset(m.Value.Value); ok && !d.After(day) && e.Str("deprecated") == "true" && e.KeyPos.Line > 0 {
			s[spec.Position{File: e.File.Name, Line: int(e.KeyPos.Line), Column: int(e.KeyPos.Col)}] = true
		}
	}
	return s
}

// over tells whether a change removes an element deprecated with a sunset
// that is over: such a removal is what oasdiff's rules for operations and
// parameters removed after deprecation judge it (…-removed-with-deprecation:
// breaking under contract, additive under compatible), whichever rule
// found it (a property, a header, a media type).
func (s sunsetIndex) over(c *Change) bool {
	return len(s) > 0 && c.Side == finding.SideBase && c.Source != nil && strings.Contains(c.ID, "removed") && s[*c.Source]
}
