package scheme

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestSchemeSetting(t *testing.T) {
	tests := []struct {
		in      string
		want    Scheme
		wantErr bool
	}{
		{"semver", Semver, false},
		{"major-minor", MajorMinor, false},
		{"integer", Integer, false},
		{"date", Date, false},
		{"auto", "", false},
		{"", "", true}, // "auto" says it; an empty value is a mistake
		{"calver", "", true},
		{"SemVer", "", true},
	}
	for _, tt := range tests {
		got := Semver // Set leaves the value alone when it refuses one
		if !tt.wantErr {
			got = "x"
		}
		err := got.Set(tt.in)
		if tt.wantErr {
			tt.want = Semver
		}
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("Set(%q) = %q, %v; want %q, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
		if err != nil && !strings.Contains(err.Error(), "want auto, semver, major-minor, integer or date") {
			t.Errorf("Set(%q): error %q does not say what is wanted", tt.in, err)
		}
	}
	var s Scheme
	if s.String() != "auto" || new(Scheme).String() != "auto" {
		t.Errorf("the empty scheme prints as %q, want auto", s.String())
	}
	if err := s.UnmarshalText([]byte("date")); err != nil || s != Date || s.String() != "date" {
		t.Errorf("UnmarshalText(date) = %q, %v", s, err)
	}
}

// TestSchemeJSON: a report's scheme reads back, the empty one (a base
// without info.version) included; a name no scheme has is refused.
func TestSchemeJSON(t *testing.T) {
	var r struct{ Scheme Scheme }
	for in, want := range map[string]Scheme{`{"Scheme":""}`: "", `{"Scheme":"date"}`: Date, `{"Scheme":"auto"}`: ""} {
		r.Scheme = Semver
		if err := json.Unmarshal([]byte(in), &r); err != nil || r.Scheme != want {
			t.Errorf("%s: %q, %v; want %q", in, r.Scheme, err, want)
		}
	}
	for _, in := range []string{`{"Scheme":"calver"}`, `{"Scheme":1}`} {
		if err := json.Unmarshal([]byte(in), &r); err == nil {
			t.Errorf("%s: no error", in)
		}
	}
}

func TestDetectScheme(t *testing.T) {
	tests := []struct {
		in   string
		want Scheme
	}{
		{"1.4.2", Semver},
		{"v1.4.2", Semver},
		{"0.3.1", Semver},
		{"1.4.2-beta.1", Semver},
		{"1.4.2+build.7", Semver},
		{"1.4", MajorMinor},
		{"v1.4", MajorMinor},
		{"0.0", MajorMinor},
		{"3", Integer},
		{"v3", Integer},
		{"0", Integer},
		{"2024-01-15", Date},
		{"2024-01-15-preview", Date},
		{"2024-01-15-beta.2", Date},
	}
	for _, tt := range tests {
		got, err := Detect(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("Detect(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "latest", "1.2.3.4", "01.2.3", "1.02", "V1.2.3", "v", "2024-13-01", "2024-02-30", "2024-1-15", "2024-01-15-", "1.4.2 ", " 3", "-1"} {
		got, err := Detect(bad)
		if err == nil {
			t.Errorf("Detect(%q) = %q, want an error", bad, got)
			continue
		}
		if !strings.Contains(err.Error(), `"`+bad+`"`) || !strings.Contains(err.Error(), "--scheme") {
			t.Errorf("Detect(%q): error %q should name the value and --scheme", bad, err)
		}
	}
}

func day(s string) time.Time {
	d, err := time.Parse(dateLayout, s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestNext(t *testing.T) {
	release := day("2024-06-01")
	tests := []struct {
		scheme Scheme
		base   string
		bump   Bump
		want   string
	}{
		// semver
		{Semver, "1.4.2", BumpMajor, "2.0.0"},
		{Semver, "1.4.2", BumpMinor, "1.5.0"},
		{Semver, "1.4.2", BumpPatch, "1.4.3"},
		{Semver, "1.4.2", BumpNone, "1.4.2"},
		{Semver, "v1.2.3", BumpMajor, "v2.0.0"},
		{Semver, "v1.2.3", BumpMinor, "v1.3.0"},
		{Semver, "v1.2.3", BumpPatch, "v1.2.4"},
		{Semver, "v1.2.3", BumpNone, "v1.2.3"},
		// below 1.0.0: one place down
		{Semver, "0.3.1", BumpMajor, "0.4.0"},
		{Semver, "0.3.1", BumpMinor, "0.3.2"},
		{Semver, "0.3.1", BumpPatch, "0.3.2"},
		{Semver, "0.3.1", BumpNone, "0.3.1"},
		{Semver, "v0.3.1", BumpMajor, "v0.4.0"},
		{Semver, "0.0.5", BumpMajor, "0.1.0"},
		// prerelease and build: Masterminds' Inc*
		{Semver, "1.2.3-beta.1", BumpMajor, "2.0.0"},
		{Semver, "1.2.3-beta.1", BumpMinor, "1.3.0"},
		{Semver, "1.2.3-beta.1", BumpPatch, "1.2.3"},
		{Semver, "1.2.3-beta.1", BumpNone, "1.2.3-beta.1"},
		{Semver, "v2.0.0-rc.1", BumpPatch, "v2.0.0"},
		{Semver, "0.3.1-alpha", BumpMajor, "0.4.0"},
		{Semver, "1.2.3+build.7", BumpPatch, "1.2.4"},
		// major-minor
		{MajorMinor, "1.4", BumpMajor, "2.0"},
		{MajorMinor, "1.4", BumpMinor, "1.5"},
		{MajorMinor, "1.4", BumpPatch, "1.4"},
		{MajorMinor, "1.4", BumpNone, "1.4"},
		{MajorMinor, "v1.4", BumpMajor, "v2.0"},
		{MajorMinor, "v1.9", BumpMinor, "v1.10"},
		{MajorMinor, "0.4", BumpMajor, "1.0"},
		// integer
		{Integer, "3", BumpMajor, "4"},
		{Integer, "v3", BumpMajor, "v4"},
		{Integer, "v9", BumpMajor, "v10"},
		{Integer, "3", BumpMinor, "3"},
		{Integer, "v3", BumpPatch, "v3"},
		{Integer, "3", BumpNone, "3"},
		// date
		{Date, "2024-01-15", BumpMajor, "2024-06-01"},
		{Date, "2024-01-15-preview", BumpMajor, "2024-06-01-preview"},
		{Date, "2024-01-15", BumpMinor, "2024-01-15"},
		{Date, "2024-01-15-preview", BumpPatch, "2024-01-15-preview"},
		{Date, "2024-01-15", BumpNone, "2024-01-15"},
		// empty scheme: detected from base
		{"", "v1.2.3", BumpMinor, "v1.3.0"},
		{"", "1.4", BumpMajor, "2.0"},
		{"", "v3", BumpMajor, "v4"},
		{"", "2024-01-15", BumpMajor, "2024-06-01"},
	}
	for _, tt := range tests {
		got, err := tt.scheme.Next(tt.base, tt.bump, release)
		if err != nil || got != tt.want {
			t.Errorf("Next(%q, %q, %q) = %q, %v; want %q", tt.scheme, tt.base, tt.bump, got, err, tt.want)
		}
	}
}

func TestNextReleaseDateInItsOwnZone(t *testing.T) {
	// 23:30 on 1 June in UTC-5 is 2 June in UTC; the version takes the local day.
	release := time.Date(2024, 6, 1, 23, 30, 0, 0, time.FixedZone("UTC-5", -5*3600))
	got, err := Date.Next("2024-01-15", BumpMajor, release)
	if err != nil || got != "2024-06-01" {
		t.Errorf("Next = %q, %v; want 2024-06-01", got, err)
	}
}

func TestNextErrors(t *testing.T) {
	release := day("2024-06-01")
	tests := []struct {
		scheme  Scheme
		base    string
		bump    Bump
		release time.Time
		wantErr string // a part of the message
	}{
		{Semver, "1.4", BumpMinor, release, `version "1.4" is not semver`},
		{Semver, "01.4.2", BumpMinor, release, `version "01.4.2" is not semver`},
		{Semver, "latest", BumpNone, release, `version "latest" is not semver`},
		{Semver, "18446744073709551615.0.0", BumpMajor, release, "cannot grow"},
		{MajorMinor, "1.4.2", BumpMinor, release, `version "1.4.2" is not major.minor`},
		{MajorMinor, "1", BumpMajor, release, `version "1" is not major.minor`},
		{Integer, "3.1", BumpMajor, release, `version "3.1" is not an integer`},
		{Integer, "18446744073709551616", BumpMajor, release, `version "18446744073709551616" is not an integer`},
		{Integer, "18446744073709551615", BumpMajor, release, "cannot grow"},
		{Date, "2024-02-30", BumpMajor, release, `version "2024-02-30" is not a date`},
		{Date, "1.2.3", BumpNone, release, `version "1.2.3" is not a date`},
		{Date, "2024-06-01", BumpMajor, release, `release date 2024-06-01 is not after the date of version "2024-06-01"`},
		{Date, "2024-07-01-preview", BumpMajor, release, `release date 2024-06-01 is not after the date of version "2024-07-01-preview"`},
		{Date, "2024-01-15", BumpMajor, time.Time{}, "needs a release date"},
		{"calver", "1.2.3", BumpMajor, release, `unknown scheme "calver"`},
		{Semver, "1.2.3", "huge", release, `unknown bump "huge"`},
		{"", "latest", BumpMajor, release, `"latest"`},
	}
	for _, tt := range tests {
		got, err := tt.scheme.Next(tt.base, tt.bump, tt.release)
		if err == nil {
			t.Errorf("Next(%q, %q, %q) = %q, want an error", tt.scheme, tt.base, tt.bump, got)
			continue
		}
		if !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("Next(%q, %q, %q): error %q, want it to contain %q", tt.scheme, tt.base, tt.bump, err, tt.wantErr)
		}
		if strings.Contains(err.Error(), "\n") {
			t.Errorf("Next(%q, %q, %q): error %q spans lines", tt.scheme, tt.base, tt.bump, err)
		}
	}
}

func TestCompare(t *testing.T) {
	tests := []struct {
		scheme Scheme
		a, b   string
		want   int
	}{
		{Semver, "1.4.2", "1.4.2", 0},
		{Semver, "1.4.2", "1.5.0", -1},
		{Semver, "2.0.0", "1.99.99", 1},
		{Semver, "v1.4.2", "1.4.2", 0},
		{Semver, "v1.4.2", "v1.4.10", -1},
		{Semver, "1.2.3-beta.1", "1.2.3", -1},
		{Semver, "1.2.3-beta.2", "1.2.3-beta.10", -1},
		{Semver, "1.2.3+a", "1.2.3+b", 0},
		{MajorMinor, "1.4", "1.4", 0},
		{MajorMinor, "1.4", "1.10", -1},
		{MajorMinor, "2.0", "1.9", 1},
		{MajorMinor, "v1.4", "1.4", 0},
		{Integer, "3", "3", 0},
		{Integer, "v9", "v10", -1},
		{Integer, "4", "v3", 1},
		{Date, "2024-01-15", "2024-01-15", 0},
		{Date, "2024-01-15", "2024-06-01", -1},
		{Date, "2025-01-01", "2024-12-31", 1},
		{Date, "2024-01-15-preview", "2024-01-15-preview", 0},
		{Date, "2024-01-15-preview", "2024-06-01", -1},
		{Date, "2024-06-01-preview", "2024-01-15", 1},
		{"", "1.4.2", "1.4.3", -1},
		{"", "2024-06-01", "2024-01-15", 1},
	}
	for _, tt := range tests {
		got, err := tt.scheme.Compare(tt.a, tt.b)
		if err != nil || got != tt.want {
			t.Errorf("Compare(%q, %q, %q) = %d, %v; want %d", tt.scheme, tt.a, tt.b, got, err, tt.want)
		}
	}
}

func TestCompareErrors(t *testing.T) {
	tests := []struct {
		scheme  Scheme
		a, b    string
		wantErr string
	}{
		{Semver, "1.4", "1.4.0", `version "1.4" is not semver`},
		{Semver, "1.4.0", "x", `version "x" is not semver`},
		{MajorMinor, "1.4", "1.4.0", `version "1.4.0" is not major.minor`},
		{Integer, "v3", "three", `version "three" is not an integer`},
		{Date, "2024-01-15", "2024-01-32", `version "2024-01-32" is not a date`},
		{Date, "2024-01-15-preview", "2024-01-15", "different suffixes"},
		{"calver", "1", "2", `unknown scheme "calver"`},
		{"", "latest", "1.2.3", `"latest"`},
		{"", "1.2.3", "1.3", `version "1.3" is not semver`},
	}
	for _, tt := range tests {
		got, err := tt.scheme.Compare(tt.a, tt.b)
		if err == nil {
			t.Errorf("Compare(%q, %q, %q) = %d, want an error", tt.scheme, tt.a, tt.b, got)
			continue
		}
		if !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("Compare(%q, %q, %q): error %q, want it to contain %q", tt.scheme, tt.a, tt.b, err, tt.wantErr)
		}
	}
}
