package scheme

import (
	"github.com/apibump/apibump/internal/rules"
)

// Bump is the step a version takes: "major", "minor", "patch" or "none".
type Bump string

const (
	// BumpNone leaves the version as it is.
	BumpNone Bump = "none"
	// BumpPatch is the step for non-contract changes.
	BumpPatch Bump = "patch"
	// BumpMinor is the step for additive changes.
	BumpMinor Bump = "minor"
	// BumpMajor is the step for breaking changes.
	BumpMajor Bump = "major"
)

// Rank orders bumps: none 0, patch 1, minor 2, major 3; unknown -1.
func (b Bump) Rank() int {
	switch b {
	case BumpNone:
		return 0
	case BumpPatch:
		return 1
	case BumpMinor:
		return 2
	case BumpMajor:
		return 3
	}
	return -1
}

// BumpFor returns the bump that the classes of a set of changes require:
// what the changes are, whatever the scheme. The most severe class decides:
// breaking → major, additive → minor, non-contract → patch, no classes (or
// none apibump knows) → none. Scheme.Next turns it into a version: each
// scheme moves the part it has for that kind of change, or none (below
// 1.0.0 a major bump moves the minor; integer and date versions move only
// on a major bump; see Next).
func BumpFor(classes []rules.Class) Bump {
	worst := rules.Class("")
	for _, c := range classes {
		if c.Rank() > worst.Rank() {
			worst = c
		}
	}
	switch worst {
	case rules.Breaking:
		return BumpMajor
	case rules.Additive:
		return BumpMinor
	case rules.NonContract:
		return BumpPatch
	}
	return BumpNone
}
