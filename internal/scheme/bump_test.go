package scheme

import (
	"testing"
	"time"

	"github.com/apibump/apibump/internal/rules"
)

// TestBumpFor: the bump is what the changes are, under every scheme; the
// version each scheme gives for it is Next's (TestBumpThenNext).
func TestBumpFor(t *testing.T) {
	tests := []struct {
		classes []rules.Class
		want    Bump
	}{
		{nil, BumpNone},
		{[]rules.Class{}, BumpNone},
		{[]rules.Class{rules.NonContract}, BumpPatch},
		{[]rules.Class{rules.Additive}, BumpMinor},
		{[]rules.Class{rules.Breaking}, BumpMajor},
		{[]rules.Class{rules.NonContract, rules.Breaking, rules.Additive}, BumpMajor},
		{[]rules.Class{rules.Additive, rules.NonContract, rules.Additive}, BumpMinor},
		{[]rules.Class{"bogus"}, BumpNone},
	}
	for _, tt := range tests {
		if got := BumpFor(tt.classes); got != tt.want {
			t.Errorf("BumpFor(%v) = %q, want %q", tt.classes, got, tt.want)
		}
	}
}

// TestBumpThenNext: the class-level bump, then the version each scheme
// gives for it (issue #10, item 6).
func TestBumpThenNext(t *testing.T) {
	release := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		scheme Scheme
		base   string
		class  rules.Class
		bump   Bump
		next   string
	}{
		{Semver, "0.3.1", rules.Breaking, BumpMajor, "0.4.0"},
		{Semver, "v0.3.1", rules.Additive, BumpMinor, "v0.3.2"},
		{Semver, "0.3.1", rules.NonContract, BumpPatch, "0.3.2"},
		{Semver, "1.3.1", rules.Breaking, BumpMajor, "2.0.0"},
		{MajorMinor, "0.3", rules.Breaking, BumpMajor, "1.0"},
		{MajorMinor, "1.4", rules.NonContract, BumpPatch, "1.4"},
		{MajorMinor, "1.4", rules.Additive, BumpMinor, "1.5"},
		{Integer, "v3", rules.Additive, BumpMinor, "v3"},
		{Integer, "v3", rules.NonContract, BumpPatch, "v3"},
		{Integer, "3", rules.Breaking, BumpMajor, "4"},
		{Date, "2024-01-15", rules.Additive, BumpMinor, "2024-01-15"},
		{Date, "2024-01-15", rules.NonContract, BumpPatch, "2024-01-15"},
		{Date, "2024-01-15", rules.Breaking, BumpMajor, "2026-11-22"},
	}
	for _, tt := range tests {
		bump := BumpFor([]rules.Class{tt.class})
		if bump != tt.bump {
			t.Errorf("%s %s + %s: bump %s, want %s", tt.scheme, tt.base, tt.class, bump, tt.bump)
		}
		next, err := tt.scheme.Next(tt.base, bump, release)
		if err != nil || next != tt.next {
			t.Errorf("%s %s + %s: next %q, %v, want %q", tt.scheme, tt.base, tt.class, next, err, tt.next)
		}
	}
}

func TestBumpRank(t *testing.T) {
	order := []Bump{BumpNone, BumpPatch, BumpMinor, BumpMajor}
	for i, b := range order {
		if b.Rank() != i {
			t.Errorf("%q.Rank() = %d, want %d", b, b.Rank(), i)
		}
	}
	if r := Bump("huge").Rank(); r >= 0 {
		t.Errorf("unknown bump ranks %d, want < 0", r)
	}
}
