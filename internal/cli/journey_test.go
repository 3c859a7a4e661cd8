package cli

import (
	"strings"
	"testing"
)

// The small items of the pull-request journey (issue 12), each seen in a
// new user's first run.

// TestCheckSaysNoBump: a passing check with nothing to bump says so in
// words, not "(none bump)".
func TestCheckSaysNoBump(t *testing.T) {
	base, _ := examplePair(t)
	out, errOut, code := runWith(t, "", false, "check", "--date", "2026-11-22", base, base)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "declares 1.4.2; the changes need no version bump\n") || strings.Contains(out, "none bump") {
		t.Errorf("check passed line:\n%s", out)
	}
}

// TestCheckSwappedHint: a base newer than the revision gets a hint that the
// arguments may be swapped; the right order gets none.
func TestCheckSwappedHint(t *testing.T) {
	base, rev := examplePair(t)
	out, _, code := runWith(t, "", false, "check", "--date", "2026-11-22", rev, base)
	if code != 1 || !strings.Contains(out, "check note: the base declares 1.5.0, newer than the revision's 1.4.2: are BASE and REVISION swapped?") {
		t.Errorf("swapped: exit %d\n%s", code, out)
	}
	if out, _, _ := runWith(t, "", false, "check", "--date", "2026-11-22", base, rev); strings.Contains(out, "swapped") {
		t.Errorf("the right order gets no hint:\n%s", out)
	}
}
