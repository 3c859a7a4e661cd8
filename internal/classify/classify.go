// Package classify turns two documents into classified changes. Compare
// runs both engines (oasdiff's checks and the tree comparison) and gives
// every tree difference no oasdiff finding covers one of apibump's rules
// (treerules.go, with the operations a place reaches: users.go). Classify
// gives each change its class from the rule table (package rules), lowered
// by the stability of what it touches, and applies the reviewed exemptions
// (policy.go).
package classify

import (
	"strings"

	"cloud.google.com/go/civil"

	"github.com/apibump/apibump/internal/finding"
	"github.com/apibump/apibump/internal/normalize"
	"github.com/apibump/apibump/internal/rules"
	"github.com/apibump/apibump/internal/spec"
)

// Options choose how the changes of a comparison are judged (Classify);
// Compare reads only Webhooks, ContractExtensions, Skip and Whole.
type Options struct {
	// Skip lists rewrites the normalisation does not make before the
	// comparison (all of them: the documents compared as written).
	Skip map[normalize.Kind]bool
	// Webhooks lists root keys of the documents that hold webhooks besides
	// OpenAPI 3.1's `webhooks` (GitHub's x-webhooks), from the
	// configuration; without it such a key is an extension.
	Webhooks []string
	// Whole are the documents Compare's base and rev were reduced from
	// (package prune drops what is equal on both sides), nil when they are
	// whole: what the comparison decides from everything a document
	// writes (the spelling each header name takes) reads these.
	Whole [2]*spec.Document
	// ContractExtensions lists extensions (x-...) that are part of the
	// contract, from the configuration: a change at or inside one is judged
	// by rules.ContractExtensionRow, not as non-contract.
	ContractExtensions []string
	Policy             rules.Policy // default: contract
	// Rules overrides the rule table's class of some rules.
	Rules map[string]rules.Class
	// Ignore are the reviewed exemptions of the configuration.
	Ignore []Exemption
	// StrictBeta counts breaking changes to beta elements as breaking.
	StrictBeta bool
	// Date is the day of the comparison: an exemption holds until its
	// until day, included.
	Date civil.Date
}

// Change is a change with its class.
type Change struct {
	finding.Change
	// Class is its class under the policy: as the comparison judged it, or
	// its rule's (the configuration's when it overrides the rule),
	// additive instead of breaking when what it touches promised no
	// stability.
	Class rules.Class
	// Stability is the x-stability of what the change touches, when not stable.
	Stability string
	// Accepted is set when an active exemption covers the change: it is
	// shown but no longer counts for the bump.
	Accepted *Acceptance
}

// Result is what classification gives: every change with its class, in
// the order of the changes, and what became of each exemption.
type Result struct {
	Changes    []Change
	Exemptions []ExemptionStatus
}

// Classify gives each change its class: the rule table's under the policy
// (a rule the table lacks is breaking), or the configuration's; breaking
// changes to elements marked alpha, and beta ones unless StrictBeta, are
// additive, since those elements promised no stability. It applies the
// reviewed exemptions of the configuration and of the revision
// (x-apibump-accept); a bad one in the revision is an error naming its line.
func Classify(base, rev *spec.Document, changes []finding.Change, opts Options) (*Result, error) {
	if opts.Policy == "" {
		opts.Policy = rules.Contract
	}
	inSpec, err := specExemptions(rev)
	if err != nil {
		return nil, err
	}
	exemptions := append(append([]Exemption(nil), opts.Ignore...), inSpec...)
	status := make([]ExemptionStatus, len(exemptions))
	for i, e := range exemptions {
		status[i] = ExemptionStatus{Exemption: e, Status: ExemptionActive}
		if e.Until.Before(opts.Date) {
			status[i].Status = ExemptionExpired
		}
	}
	// The promise made is the base's: lowering a level in the same release does not excuse a change.
	stability := newStabilityIndex(base, rev)
	sunsets := newSunsetIndex(base, opts.Date)
	out := make([]Change, 0, len(changes))
	for _, fc := range changes {
		c := Change{Change: fc, Class: fc.ClassUnder(opts.Policy)}
		if sunsets.over(&c) {
			c.Judged = &rules.ClassPair{Contract: rules.Breaking, Compatible: rules.Additive}
			c.Class = c.ClassUnder(opts.Policy)
		}
		if o, ok := opts.Rules[c.ID]; ok {
			c.Class = o
		}
		if level := stability.level(&c); level != StabilityStable && !strings.Contains(c.ID, "stability") {
			c.Stability = level
			if c.Class == rules.Breaking && (stabilityRank(level) == 1 || level == StabilityBeta && !opts.StrictBeta) {
				c.Class = rules.Additive
			}
		}
		for i, e := range exemptions {
			if !e.matches(&c) {
				continue
			}
			status[i].Matches++
			if status[i].Status == ExemptionActive && c.Accepted == nil {
				c.Accepted = &Acceptance{Reason: e.Reason, Until: e.Until.String(), Origin: e.Origin}
			}
		}
		out = append(out, c)
	}
	for i := range status {
		if status[i].Matches == 0 {
			status[i].Status = ExemptionStale
		}
	}
	return &Result{Changes: out, Exemptions: status}, nil
}
