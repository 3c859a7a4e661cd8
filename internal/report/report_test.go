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
		// computed: the version is not judged (version: computed).
		computed bool
	}{
		{"major needed, minor given", scheme.BumpMajor, "2.0.0", Summary{Breaking: 1}, config.FailOnVersion, false, false},
		{"minor needed, minor given", scheme.BumpMinor, "1.5.0", Summary{Additive: 1}, config.FailOnVersion, true, false},
		{"patch needed, higher given", scheme.BumpPatch, "1.4.3", Summary{NonContract: 1}, config.FailOnVersion, true, false},
		{"no change", scheme.BumpNone, "1.4.2", Summary{}, config.FailOnVersion, true, false},
		{"fail-on breaking with enough bump", scheme.BumpMinor, "1.5.0", Summary{Breaking: 1}, config.FailOnBreaking, false, false},
		{"fail-on additive", scheme.BumpMinor, "1.5.0", Summary{Additive: 2}, config.FailOnAdditive, false, false},
		{"fail-on any, doc only", scheme.BumpPatch, "1.4.3", Summary{NonContract: 1}, config.FailOnAny, false, false},
		{"fail-on breaking, additive only", scheme.BumpMinor, "1.5.0", Summary{Additive: 1}, config.FailOnBreaking, true, false},
		{"fail-on none, major needed", scheme.BumpMajor, "2.0.0", Summary{Breaking: 1}, config.FailOnNone, true, false},
		{"computed, minor needed, version not judged", scheme.BumpMinor, "1.6.0", Summary{Additive: 1}, config.FailOnVersion, true, true},
		{"computed, default fail-on gates on breaking", scheme.BumpMajor, "2.0.0", Summary{Breaking: 1}, config.FailOnVersion, false, true},
		{"computed, fail-on breaking", scheme.BumpMajor, "2.0.0", Summary{Breaking: 1}, config.FailOnBreaking, false, true},
		{"computed, docs only", scheme.BumpPatch, "1.5.1", Summary{NonContract: 1}, config.FailOnBreaking, true, true},
	}
	for _, tt := range tests {
		r := base
		r.Bump, r.NextVersion, r.Summary = tt.bump, tt.next, tt.summary
		for class, n := range map[rules.Class]int{rules.Breaking: tt.summary.Breaking, rules.Additive: tt.summary.Additive, rules.NonContract: tt.summary.NonContract} {
			for range n {
				r.Changes = append(r.Changes, Change{ID: "x", Class: class})
			}
		}
		c := config.Config{FailOn: tt.failOn, Version: config.FlowDeclared}
		if tt.computed {
			c.Version = config.FlowComputed
		}
		v, err := r.Check(c.Gate())
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
