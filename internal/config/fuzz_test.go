package config

import (
	"bytes"
	"errors"
	"slices"
	"testing"
	"unicode"
)

// FuzzLoad feeds the configuration loader arbitrary files: it must never
// panic; an error is a *Error of one line, short, with no control or
// invisible character (file content is quoted escaped and cut); a file it
// accepts prints, and what it prints loads back to the same settings.
func FuzzLoad(f *testing.F) {
	for _, seed := range []string{
		fullFile, "", "policy: contract\n", "- a\n", "policy: *x\n", "a: &x [*x, *x]\n",
		"ignore:\n  - rule: \"*\"\n    path: /x/**\n    reason: r\n    until: 2026-01-01\n",
		"rules:\n  request-parameter-removed: additive\n", "version-location:\n  headers: [A-B]\n  query: [v]\n",
		"policy: \"\\e[31m\"\n", "\xff\xfe", "stability:\n  strict-beta: true\n", "window: 26w\nmax-live-majors: 3\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := parse(".apibump.yaml", data)
		if err != nil {
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("error %T is not a *config.Error: %v", err, err)
			}
			msg := err.Error()
			if len(msg) > 600 {
				t.Fatalf("a message of %d bytes: %.200q", len(msg), msg)
			}
			for _, r := range msg {
				if !unicode.IsPrint(r) {
					t.Fatalf("the message holds %U raw: %q", r, msg)
				}
			}
			return
		}
		var b bytes.Buffer
		if err := c.Print(&b); err != nil {
			t.Fatalf("print: %v", err)
		}
		back, err := parse(".apibump.yaml", b.Bytes())
		if err != nil {
			t.Fatalf("what print wrote does not load: %v\n%s", err, b.String())
		}
		if !sameSettings(c, back) {
			t.Fatalf("printed and loaded back, the settings differ:\n%+v\n%+v\n%s", c, back, b.String())
		}
	})
}

// sameSettings compares what a configuration decides, not where each value came from.
func sameSettings(a, b *Config) bool {
	if a.Policy != b.Policy || a.Scheme != b.Scheme || a.Window != b.Window || a.MaxLiveMajors != b.MaxLiveMajors ||
		a.FailOn != b.FailOn || a.Lang != b.Lang || a.Stability != b.Stability ||
		!slices.Equal(a.VersionLocation.Headers, b.VersionLocation.Headers) || !slices.Equal(a.VersionLocation.Query, b.VersionLocation.Query) ||
		len(a.Rules) != len(b.Rules) || len(a.Ignore) != len(b.Ignore) {
		return false
	}
	for k, v := range a.Rules {
		if b.Rules[k].Class != v.Class {
			return false
		}
	}
	for i := range a.Ignore {
		x, y := a.Ignore[i], b.Ignore[i]
		if x.Rule != y.Rule || x.Operation != y.Operation || x.Path != y.Path || x.Reason != y.Reason || x.Until != y.Until {
			return false
		}
	}
	return true
}
