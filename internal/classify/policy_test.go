package classify

import "testing"

// TestStabilityRank: one rank for the tree rule (a move between ranks) and
// for classification (alpha and draft promise nothing, beta little); a
// level apibump does not know ranks 0.
func TestStabilityRank(t *testing.T) {
	for level, want := range map[string]int{
		"alpha": 1, "draft": 1, "Draft": 1, "beta": 2, "BETA": 2, "stable": 3, "Stable": 3,
		"experimental": 0, "": 0,
	} {
		if got := stabilityRank(level); got != want {
			t.Errorf("stabilityRank(%q) = %d, want %d", level, got, want)
		}
	}
}
