package scheme_test

import (
	"testing"
	"time"

	"github.com/apibump/apibump/internal/scheme"
)

var (
	fuzzSchemes = []scheme.Scheme{"", scheme.Semver, scheme.MajorMinor, scheme.Integer, scheme.Date}
	fuzzBumps   = []scheme.Bump{scheme.BumpNone, scheme.BumpPatch, scheme.BumpMinor, scheme.BumpMajor, "huge"}
	fuzzRelease = time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
)

func FuzzNext(f *testing.F) {
	for _, v := range []string{
		"1.4.2", "v1.4.2", "0.3.1", "0.0.0", "1.2.3-beta.1", "1.2.3+build.7", "1.2.3-rc.1+b", "0.1.0-alpha",
		"1.4", "v1.4", "0.0", "3", "v3", "0",
		"2024-01-15", "2024-01-15-preview", "2026-11-22", "2026-11-23-beta.2", "0000-01-01", "9999-12-31",
		"", "v", "garbage", "1.2.3.4", "01.2.3", "2024-02-30", "1.2.3-", "vv1.0.0",
		"18446744073709551615", "18446744073709551616", "1.18446744073709551615", "18446744073709551615.0.0",
		"0.18446744073709551615.0", "0.0.18446744073709551615", "1.0.18446744073709551615-rc",
	} {
		for b := range fuzzBumps {
			f.Add(v, uint8(0), uint8(b), int32(0))
		}
		f.Add(v, uint8(4), uint8(3), int32(-1))
		f.Add(v, uint8(1), uint8(3), int32(365))
	}
	f.Fuzz(func(t *testing.T, base string, schemeIdx, bumpIdx uint8, days int32) {
		sch := fuzzSchemes[int(schemeIdx)%len(fuzzSchemes)]
		bump := fuzzBumps[int(bumpIdx)%len(fuzzBumps)]
		release := fuzzRelease.AddDate(0, 0, int(days))
		if release.Year() < 1 || release.Year() > 9999 {
			release = fuzzRelease // dates outside YYYY cannot be versions
		}

		detected, detectErr := scheme.Detect(base)
		if detectErr == nil {
			var s scheme.Scheme
			if err := s.Set(string(detected)); err != nil || s != detected {
				t.Fatalf("Detect(%q) = %q, which the --scheme setting reads as %q, %v", base, detected, s, err)
			}
		}

		next, err := sch.Next(base, bump, release)
		if err != nil {
			return
		}
		if bump.Rank() < 0 {
			t.Fatalf("Next(%q, %q, %q) accepted an unknown bump: %q", sch, base, bump, next)
		}
		s := sch
		if s == "" {
			if detectErr != nil {
				t.Fatalf("Next(auto, %q) = %q although DetectScheme fails: %v", base, next, detectErr)
			}
			s = detected
			// The next version is the next run's base: it keeps its scheme.
			if d, err := scheme.Detect(next); err != nil || d != s {
				t.Fatalf("Next(auto, %q, %s) = %q, detected as %q (%v), want %q", base, bump, next, d, err, s)
			}
		}
		if bump == scheme.BumpNone {
			if next != base {
				t.Fatalf("Next(%q, %q, none) = %q, want the base unchanged", s, base, next)
			}
			return
		}
		c, err := s.Compare(next, base)
		if err != nil {
			t.Fatalf("Next(%q, %q, %s) = %q, which Compare cannot order against the base: %v", s, base, bump, next, err)
		}
		if c < 0 {
			t.Fatalf("Next(%q, %q, %s) = %q, lower than the base", s, base, bump, next)
		}
		if back, err := s.Compare(base, next); err != nil || back != -c {
			t.Fatalf("Compare(%q, %q, %q) = %d, %v; the other way round gave %d", s, base, next, back, err, c)
		}
	})
}
