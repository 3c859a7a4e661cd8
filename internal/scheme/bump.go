package scheme

import (
	"github.com/apibump/apibump/internal/rules"
)

// Bump is the step a version takes: "major", "minor", "patch" or "none".
type Bump string

const (
	// BumpNone leaves the version as it is.
	BumpNone Bump = "none"
	// BumpPatch is the step for non-contract changes (semver only).
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

// BumpFor returns the bump that the classes of a set of changes require
// under the scheme. The most severe class decides: breaking → major,
// additive → minor, non-contract → patch, no classes → none. Only semver has
// a place for non-contract changes, so under the other schemes they need no
// bump; the integer and date schemes move only on breaking changes, so
// additive changes need none there either. An empty or unknown scheme counts
// as semver.
func (scheme Scheme) BumpFor(classes []rules.Class) Bump {
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
		if scheme == Integer || scheme == Date {
			return BumpNone
		}
		return BumpMinor
	case rules.NonContract:
		if scheme == MajorMinor || scheme == Integer || scheme == Date {
			return BumpNone
		}
		return BumpPatch
	}
	return BumpNone
}

// Effective returns the version part a bump really moves for the base
// version. Below 1.0.0 semver shifts everything one place (the Cargo
// convention Next applies): a breaking change moves the minor, anything
// else the patch.
func (scheme Scheme) Effective(b Bump, base string) Bump {
	if scheme != Semver && scheme != "" {
		return b
	}
	_, v, err := parseSemver(base)
	if err != nil || v.Major() != 0 {
		return b
	}
	switch b {
	case BumpMajor:
		return BumpMinor
	case BumpMinor:
		return BumpPatch
	}
	return b
}
