package classify

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
		{nil, SchemeSemver, BumpNone},
		{[]rules.Class{}, SchemeDate, BumpNone},
		{[]rules.Class{rules.NonContract}, SchemeSemver, BumpPatch},
		{[]rules.Class{rules.Additive}, SchemeSemver, BumpMinor},
		{[]rules.Class{rules.Breaking}, SchemeSemver, BumpMajor},
		{[]rules.Class{rules.NonContract, rules.Breaking, rules.Additive}, SchemeSemver, BumpMajor},
		{[]rules.Class{rules.Additive, rules.NonContract, rules.Additive}, SchemeSemver, BumpMinor},
		{[]rules.Class{rules.NonContract}, "", BumpPatch},

		{[]rules.Class{rules.NonContract}, SchemeMajorMinor, BumpNone},
		{[]rules.Class{rules.Additive, rules.NonContract}, SchemeMajorMinor, BumpMinor},
		{[]rules.Class{rules.Breaking}, SchemeMajorMinor, BumpMajor},

		{[]rules.Class{rules.NonContract}, SchemeInteger, BumpNone},
		{[]rules.Class{rules.Additive}, SchemeInteger, BumpNone},
		{[]rules.Class{rules.Additive, rules.Breaking}, SchemeInteger, BumpMajor},

		{[]rules.Class{rules.NonContract}, SchemeDate, BumpNone},
		{[]rules.Class{rules.Additive}, SchemeDate, BumpNone},
		{[]rules.Class{rules.Breaking}, SchemeDate, BumpMajor},

		{[]rules.Class{"bogus"}, SchemeSemver, BumpNone},
	}
	for _, tt := range tests {
		if got := BumpFor(tt.classes, tt.scheme); got != tt.want {
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
		{BumpMajor, SchemeSemver, "0.3.1", BumpMinor},
		{BumpMinor, SchemeSemver, "v0.3.1", BumpPatch},
		{BumpPatch, SchemeSemver, "0.3.1", BumpPatch},
		{BumpMajor, SchemeSemver, "1.3.1", BumpMajor},
		{BumpMajor, SchemeMajorMinor, "0.3", BumpMajor},
		{BumpNone, SchemeSemver, "0.3.1", BumpNone},
	}
	for _, tt := range tests {
		if got := Effective(tt.bump, tt.scheme, tt.base); got != tt.want {
			t.Errorf("Effective(%s, %s, %s) = %s, want %s", tt.bump, tt.scheme, tt.base, got, tt.want)
		}
	}
}
