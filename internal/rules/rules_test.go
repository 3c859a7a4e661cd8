package rules

import (
	"slices"
	"strings"
	"testing"

	"github.com/oasdiff/oasdiff/checker"
)

// oasdiffIDs returns the distinct rule ids of the linked oasdiff.
func oasdiffIDs(t *testing.T) map[string]bool {
	t.Helper()
	ids := map[string]bool{}
	for _, r := range checker.GetAllRules() {
		ids[r.Id] = true
	}
	if len(ids) == 0 {
		t.Fatal("oasdiff reports no rules")
	}
	return ids
}

func TestEveryOasdiffRuleHasARow(t *testing.T) {
	rows := map[string]bool{}
	for _, r := range oasdiffRules {
		rows[r.ID] = true
	}
	for id := range oasdiffIDs(t) {
		if !rows[id] {
			t.Errorf("oasdiff rule %q has no row in the table (internal/rules/oasdiff_rules.go)", id)
		}
		if _, ok := Lookup(id); !ok {
			t.Errorf("Lookup(%q) finds nothing", id)
		}
	}
}

func TestNoRowForAnUnknownRule(t *testing.T) {
	ids := oasdiffIDs(t)
	for _, r := range oasdiffRules {
		if !ids[r.ID] {
			t.Errorf("row %q names a rule that oasdiff does not have", r.ID)
		}
	}
	for _, r := range Rules() {
		if !ids[r.ID] && r.Origin != FromApibump {
			t.Errorf("rule %q: not an oasdiff rule, and origin %q is not %q", r.ID, r.Origin, FromApibump)
		}
	}
}

// TestApibumpRulesAgreeWithOasdiffRows covers the apibump rules that share an
// id with an oasdiff rule (response-header-added): Lookup returns the apibump
// row, so the classes must be the same as the oasdiff row's.
func TestApibumpRulesAgreeWithOasdiffRows(t *testing.T) {
	for _, a := range apibumpRules {
		for _, o := range oasdiffRules {
			if o.ID == a.ID && (o.Contract != a.Contract || o.Compatible != a.Compatible) {
				t.Errorf("%s: apibump row %s/%s shadows oasdiff row %s/%s", a.ID, a.Contract, a.Compatible, o.Contract, o.Compatible)
			}
		}
	}
}

func TestTableIsSortedWithoutDuplicates(t *testing.T) {
	for i := 1; i < len(oasdiffRules); i++ {
		if a, b := oasdiffRules[i-1].ID, oasdiffRules[i].ID; strings.Compare(a, b) >= 0 {
			t.Errorf("rows out of order or duplicated: %q before %q", a, b)
		}
	}
}

func TestRowsAreValid(t *testing.T) {
	for _, r := range Rules() {
		for _, p := range []Policy{Contract, Compatible} {
			if !slices.Contains(Classes, r.Class(p)) {
				t.Errorf("%s: class %q under %s is not one of %v", r.ID, r.Class(p), p, Classes)
			}
		}
		if r.Compatible.Rank() > r.Contract.Rank() {
			t.Errorf("%s: compatible class %s is more severe than contract class %s", r.ID, r.Compatible, r.Contract)
		}
		if strings.TrimSpace(r.Description) == "" {
			t.Errorf("%s: no description", r.ID)
		}
	}
}

func TestDoctrine(t *testing.T) {
	tests := []struct {
		id                   string
		contract, compatible Class
	}{
		{"request-property-removed", Breaking, Breaking},
		{"request-parameter-removed", Breaking, Breaking},
		{"response-optional-property-removed", Breaking, Additive},
		{"response-required-property-removed", Breaking, Breaking},
		{"response-property-enum-value-added", Breaking, Breaking},
		{"response-property-enum-value-removed", Breaking, Additive},
		{"response-optional-property-added", Additive, Additive},
		{"response-required-property-added", Additive, Additive},
		{"new-optional-request-parameter", Additive, Additive},
		{"new-required-request-parameter", Breaking, Breaking},
		{"new-required-request-property", Breaking, Breaking},
		{"endpoint-added", Additive, Additive},
		{"endpoint-deprecated", Additive, Additive},
		{"endpoint-reactivated", Additive, Additive},
		{"api-deprecated-sunset-missing", Additive, Additive},
		{"api-removed-without-deprecation", Breaking, Breaking},
		{"api-removed-with-deprecation", Breaking, Additive},
		{"api-removed-before-sunset", Breaking, Breaking},
		{"api-tag-added", NonContract, NonContract},
		{"api-tag-removed", NonContract, NonContract},
		// A new alternative; security where there was none is anonymous-access-removed.
		{"api-security-added", Additive, Additive},
		{"api-security-anonymous-access-removed", Breaking, Breaking},
		{"api-security-anonymous-access-added", Additive, Additive},
		{"api-global-security-added", Additive, Additive},
		{"api-global-security-removed", Breaking, Additive},
		{"api-security-component-type-changed", Breaking, Breaking},
		{"api-operation-id-added", Additive, Additive},
		{"api-operation-id-removed", Breaking, Additive},
		{"request-parameter-max-length-increased", Additive, Additive},
		{"request-parameter-max-length-decreased", Breaking, Breaking},
		{"request-property-became-optional", Additive, Additive},
		{"request-property-enum-value-added", Additive, Additive},
		{"request-optional-property-became-read-only", Breaking, Breaking},
		{"api-sunset-date-changed-earlier", Breaking, Breaking},
		{"api-security-component-bearer-format-changed", NonContract, NonContract},
		{"api-version-changed", NonContract, NonContract},
		{"response-success-status-added", Additive, Additive},
		{"response-success-status-removed", Breaking, Breaking},
		{"response-non-success-status-removed", Breaking, Additive},
		{"response-media-type-removed", Breaking, Breaking},
		{"response-property-became-optional", Breaking, Breaking},
		{"response-property-became-required", Breaking, Additive},
		{"response-property-max-length-decreased", Breaking, Additive},
		{"api-stability-decreased", Breaking, Breaking},
		{"api-stability-increased", Additive, Additive},
		{"sunset-deleted", Additive, Additive},
		{"api-schema-removed", Breaking, Additive},
	}
	for _, tt := range tests {
		r, ok := Lookup(tt.id)
		if !ok {
			t.Errorf("%s: no row", tt.id)
			continue
		}
		if r.Contract != tt.contract || r.Compatible != tt.compatible {
			t.Errorf("%s: contract %s, compatible %s; want %s, %s", tt.id, r.Contract, r.Compatible, tt.contract, tt.compatible)
		}
	}
}

// TestCompatibleFollowsOasdiffLevels checks the compatible policy against
// oasdiff's levels: a rule oasdiff reports as error or warning is breaking
// under compatible whenever it is breaking under contract, and a
// contract-breaking rule oasdiff reports as info is additive under compatible,
// unless it is one of the listed exceptions.
func TestCompatibleFollowsOasdiffLevels(t *testing.T) {
	var stillBreaking []string // info, but breaking under compatible: none since oasdiff v1.38.0
	// Error in the rule list, but oasdiff reports them at info whenever the
	// diff carries the security context (diff.GetWithOperationsSourcesMap,
	// which apibump calls, always does): they fire only when no operation
	// inherits the root security list (see TestGlobalSecurityNotInheritedIsInfo).
	infoAtRuntime := []string{
		"api-global-security-removed",
		"api-global-security-scope-added",
	}
	for _, rule := range checker.GetAllRules() {
		r, ok := Lookup(rule.Id)
		if !ok || r.Contract != Breaking {
			continue
		}
		want := Breaking
		level := rule.Level
		if slices.Contains(infoAtRuntime, rule.Id) {
			level = checker.INFO
		}
		if level == checker.INFO && !slices.Contains(stillBreaking, rule.Id) {
			want = Additive
		}
		if r.Compatible != want {
			t.Errorf("%s (oasdiff %s): compatible %s, want %s", rule.Id, rule.Level, r.Compatible, want)
		}
	}
}
