package scheme

import (
	"testing"

	"github.com/apibump/apibump/internal/rules"
)

func TestBumpFor(t *testing.T) {
	tests := []struct {
		classes []rules.Class
		scheme  Scheme
		want    Bump
	}{
		{nil, Semver, BumpNone},
		{[]rules.Class{}, Date, BumpNone},
		{[]rules.Class{rules.NonContract}, Semver, BumpPatch},
		{[]rules.Class{rules.Additive}, Semver, BumpMinor},
		{[]rules.Class{rules.Breaking}, Semver, BumpMajor},
		{[]rules.Class{rules.NonContract, rules.Breaking, rules.Additive}, Semver, BumpMajor},
		{[]rules.Class{rules.Additive, rules.NonContract, rules.Additive}, Semver, BumpMinor},
		{[]rules.Class{rules.NonContract}, "", BumpPatch},

		{[]rules.Class{rules.NonContract}, MajorMinor, BumpNone},
		{[]rules.Class{rules.Additive, rules.NonContract}, MajorMinor, BumpMinor},
		{[]rules.Class{rules.Breaking}, MajorMinor, BumpMajor},

		{[]rules.Class{rules.NonContract}, Integer, BumpNone},
		{[]rules.Class{rules.Additive}, Integer, BumpNone},
		{[]rules.Class{rules.Additive, rules.Breaking}, Integer, BumpMajor},

		{[]rules.Class{rules.NonContract}, Date, BumpNone},
		{[]rules.Class{rules.Additive}, Date, BumpNone},
		{[]rules.Class{rules.Breaking}, Date, BumpMajor},

		{[]rules.Class{"bogus"}, Semver, BumpNone},
	}
	for _, tt := range tests {
		if got := tt.scheme.BumpFor(tt.classes); got != tt.want {
			t.Errorf("BumpFor(%v, %q) = %q, want %q", tt.classes, tt.scheme, got, tt.want)
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

func TestEffective(t *testing.T) {
	tests := []struct {
		bump   Bump
		scheme Scheme
		base   string
		want   Bump
	}{
		{BumpMajor, Semver, "0.3.1", BumpMinor},
		{BumpMinor, Semver, "v0.3.1", BumpPatch},
		{BumpPatch, Semver, "0.3.1", BumpPatch},
		{BumpMajor, Semver, "1.3.1", BumpMajor},
		{BumpMajor, MajorMinor, "0.3", BumpMajor},
		{BumpNone, Semver, "0.3.1", BumpNone},
	}
	for _, tt := range tests {
		if got := tt.scheme.Effective(tt.bump, tt.base); got != tt.want {
			t.Errorf("Effective(%s, %s, %s) = %s, want %s", tt.bump, tt.scheme, tt.base, got, tt.want)
		}
	}
}
