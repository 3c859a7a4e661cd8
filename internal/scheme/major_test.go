package scheme

import (
	"slices"
	"testing"
	"time"
)

func TestParseMajor(t *testing.T) {
	for in, want := range map[string]string{"1": "v1", "v2": "v2", "2.1": "v2", "02": "v2", "V3.0.1": "v3", "2024-01-15": "2024-01-15", "0": "v0"} {
		if got, ok := ParseMajor(in); !ok || got != want {
			t.Errorf("ParseMajor(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"latest", "beta", "", "1.2.3.4", "2024-1-5"} {
		if got, ok := ParseMajor(in); ok {
			t.Errorf("ParseMajor(%q) = %q, want no major", in, got)
		}
	}
	if NextMajor("v9") != "v10" || NextMajor("2024-01-15") != "" {
		t.Errorf("NextMajor: %q %q", NextMajor("v9"), NextMajor("2024-01-15"))
	}
}

// TestMajor: the major line of an info.version has the label the majors
// an API offers in its paths and headers have (v2), whatever the scheme.
func TestMajor(t *testing.T) {
	for _, tt := range []struct {
		scheme  Scheme
		version string
		want    string
	}{
		{Semver, "2.4.1", "v2"}, {Semver, "v2.4.1", "v2"}, {Semver, "2.0.0-beta.1", "v2"},
		{Semver, "0.3.1", "v0.3"}, {Semver, "v0.3.1", "v0.3"},
		{MajorMinor, "2.4", "v2"}, {MajorMinor, "0.4", "v0"},
		{Integer, "3", "v3"}, {Integer, "v3", "v3"},
		{Date, "2024-01-15", "2024-01-15"}, {Date, "2024-01-15-preview", "2024-01-15-preview"},
		{"", "2.4.1", "v2"}, {Semver, "latest", "latest"},
	} {
		if got := tt.scheme.Major(tt.version); got != tt.want {
			t.Errorf("%q.Major(%q) = %q, want %q", tt.scheme, tt.version, got, tt.want)
		}
	}
}

func TestCompareMajors(t *testing.T) {
	order := []string{"2024-01-15", "v10", "v2", "2023-12-31", "v1", "v0.3", "v0.10", "v0.9"}
	slices.SortFunc(order, CompareMajors)
	if want := []string{"v0.3", "v0.9", "v0.10", "v1", "v2", "v10", "2023-12-31", "2024-01-15"}; !slices.Equal(order, want) {
		t.Errorf("sorted %q, want %q", order, want)
	}
}

// TestMajorLabel: the labels of the records earlier apibumps wrote ("2",
// "0.9") are the labels written today.
func TestMajorLabel(t *testing.T) {
	for in, want := range map[string]string{"2": "v2", "v2": "v2", "V2": "v2", "0.9": "v0.9", "v0.9": "v0.9", "2024-01-15": "2024-01-15", "next": "next"} {
		if got := MajorLabel(in); got != want {
			t.Errorf("MajorLabel(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFirstOf(t *testing.T) {
	day := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		scheme  Scheme
		m, like string
		want    string
	}{
		{Semver, "v3", "2.4.1", "3.0.0"}, {Semver, "v3", "v2.4.1", "v3.0.0"},
		{MajorMinor, "v3", "2.4", "3.0"}, {Integer, "v3", "2", "3"},
		{Date, "2024-01-15", "2024-01-15", "2026-11-22"}, {Semver, "2024-01-15", "1.0.0", "2024-01-15"},
	} {
		if got := tt.scheme.FirstOf(tt.m, tt.like, day); got != tt.want {
			t.Errorf("%q.FirstOf(%q, %q) = %q, want %q", tt.scheme, tt.m, tt.like, got, tt.want)
		}
	}
}
