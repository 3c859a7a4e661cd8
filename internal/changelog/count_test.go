package changelog

import (
	"testing"

	"github.com/apibump/apibump/internal/locale"
)

// TestRuleCount: the summary line of a rule in a big section agrees in
// number, and names no endpoints when the rule reaches none (components,
// the document).
func TestRuleCount(t *testing.T) {
	for _, tc := range []struct {
		lang       locale.Lang
		count, eps int
		want       string
	}{
		{locale.En, 1, 0, "1 change"},
		{locale.En, 272, 0, "272 changes"},
		{locale.En, 1, 1, "1 change across 1 endpoint"},
		{locale.En, 5, 9, "5 changes across 9 endpoints"},
		{locale.Fr, 1, 1, "1 changement sur 1 point de terminaison"},
		{locale.Fr, 3, 2, "3 changements sur 2 points de terminaison"},
	} {
		if got := ruleCount(tc.lang, RuleCount{ID: "x", Count: tc.count, Endpoints: tc.eps}); got != tc.want {
			t.Errorf("%s %d/%d: %q, want %q", tc.lang, tc.count, tc.eps, got, tc.want)
		}
	}
}
