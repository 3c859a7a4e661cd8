package report

import (
	"testing"

	"github.com/apibump/apibump/internal/config"
	"github.com/apibump/apibump/internal/rules"
	"github.com/apibump/apibump/internal/scheme"
)

// TestTreeRulesAreInTheTable keeps the engine's own rule ids and the rule table in step.
func TestTreeRulesAreInTheTable(t *testing.T) {
	for _, id := range rules.TreeRuleIDs {
		if _, ok := rules.Lookup(id); !ok {
			t.Errorf("tree rule %q has no row in the rule table", id)
		}
	}
}

func TestCheck(t *testing.T) {
	base := Report{Scheme: scheme.Semver, Revision: Spec{File: "rev.yaml", Version: "1.5.0"}}
	tests := []struct {
		name    string
		bump    scheme.Bump
		next    string
		summary Summary
		failOn  config.FailOn
		ok      bool
	}{
		{"major needed, minor given", scheme.BumpMajor, "2.0.0", Summary{Breaking: 1}, config.FailOnVersion, false},
		{"minor needed, minor given", scheme.BumpMinor, "1.5.0", Summary{Additive: 1}, config.FailOnVersion, true},
		{"patch needed, higher given", scheme.BumpPatch, "1.4.3", Summary{NonContract: 1}, config.FailOnVersion, true},
		{"no change", scheme.BumpNone, "1.4.2", Summary{}, config.FailOnVersion, true},
		{"fail-on breaking with enough bump", scheme.BumpMinor, "1.5.0", Summary{Breaking: 1}, config.FailOnBreaking, false},
		{"fail-on additive", scheme.BumpMinor, "1.5.0", Summary{Additive: 2}, config.FailOnAdditive, false},
		{"fail-on any, doc only", scheme.BumpPatch, "1.4.3", Summary{NonContract: 1}, config.FailOnAny, false},
		{"fail-on breaking, additive only", scheme.BumpMinor, "1.5.0", Summary{Additive: 1}, config.FailOnBreaking, true},
	}
	for _, tt := range tests {
		r := base
		r.Bump, r.NextVersion, r.Summary = tt.bump, tt.next, tt.summary
		for class, n := range map[rules.Class]int{rules.Breaking: tt.summary.Breaking, rules.Additive: tt.summary.Additive, rules.NonContract: tt.summary.NonContract} {
			for range n {
				r.Changes = append(r.Changes, Change{ID: "x", Class: class})
			}
		}
		v, err := r.Check(tt.failOn)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if v.OK != tt.ok {
			t.Errorf("%s: ok=%v, want %v (%v)", tt.name, v.OK, tt.ok, v.Problems)
		}
		if !v.OK && len(v.Problems) == 0 {
			t.Errorf("%s: a failed check must say why", tt.name)
		}
	}
}

func TestCommonPath(t *testing.T) {
	if got := commonPath([]string{"GET /a", "POST /a"}); got != "/a" {
		t.Errorf("got %q", got)
	}
	if got := commonPath([]string{"GET /a", "POST /b"}); got != "" {
		t.Errorf("got %q", got)
	}
}
