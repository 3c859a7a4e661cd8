package classify

import "testing"

func TestBumpFor(t *testing.T) {
	tests := []struct {
		classes []Class
		scheme  Scheme
		want    Bump
	}{
		{nil, SchemeSemver, BumpNone},
		{[]Class{}, SchemeDate, BumpNone},
		{[]Class{NonContract}, SchemeSemver, BumpPatch},
		{[]Class{Additive}, SchemeSemver, BumpMinor},
		{[]Class{Breaking}, SchemeSemver, BumpMajor},
		{[]Class{NonContract, Breaking, Additive}, SchemeSemver, BumpMajor},
		{[]Class{Additive, NonContract, Additive}, SchemeSemver, BumpMinor},
		{[]Class{NonContract}, "", BumpPatch},

		{[]Class{NonContract}, SchemeMajorMinor, BumpNone},
		{[]Class{Additive, NonContract}, SchemeMajorMinor, BumpMinor},
		{[]Class{Breaking}, SchemeMajorMinor, BumpMajor},

		{[]Class{NonContract}, SchemeInteger, BumpNone},
		{[]Class{Additive}, SchemeInteger, BumpNone},
		{[]Class{Additive, Breaking}, SchemeInteger, BumpMajor},

		{[]Class{NonContract}, SchemeDate, BumpNone},
		{[]Class{Additive}, SchemeDate, BumpNone},
		{[]Class{Breaking}, SchemeDate, BumpMajor},

		{[]Class{"bogus"}, SchemeSemver, BumpNone},
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
