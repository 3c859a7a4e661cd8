package release

import (
	"errors"
	"strings"
	"testing"

	"github.com/apibump/apibump/internal/report"
	"github.com/apibump/apibump/internal/scheme"
)

func TestDecide(t *testing.T) {
	base := func(declared string, problems ...string) *report.Report {
		return &report.Report{
			Base: report.Spec{Version: "1.4.2"}, Revision: report.Spec{Version: declared},
			Scheme: scheme.Semver, Bump: scheme.BumpMajor, NextVersion: "2.0.0",
			Versioning: report.Versioning{Problems: problems},
		}
	}
	for _, tt := range []struct {
		name    string
		r       *report.Report
		force   bool
		want    string
		refused string
	}{
		{"the base's version: the next one", base("1.4.2"), false, "2.0.0", ""},
		{"no version: the next one", base(""), false, "2.0.0", ""},
		{"the required version", base("2.0.0"), false, "2.0.0", ""},
		{"a higher version stands", base("3.0.0"), false, "3.0.0", ""},
		{"a lower version is refused", base("1.5.0"), false, "", "<rev.yaml> declares <1.5.0>, but its changes need a major bump to <2.0.0>"},
		{"--force stamps the required one", base("1.5.0"), true, "2.0.0", ""},
		{"a version that did not move where it lives", base("2.0.0", "no /v2 is offered"), false, "", "<no /v2 is offered>\nrelease refused: the version did not move where it lives"},
		{"--force releases anyway", base("2.0.0", "no /v2 is offered"), true, "2.0.0", ""},
	} {
		got, err := Decide(tt.r, "rev.yaml", tt.force, false)
		var refusal *Refusal
		switch {
		case tt.refused != "":
			// What comes from the specs is escaped for the medium; here, marked.
			mark := func(s string) string { return "<" + s + ">" }
			if !errors.As(err, &refusal) || !strings.Contains(strings.Join(refusal.Lines(mark), "\n"), tt.refused) {
				t.Errorf("%s: %q, %v; want a refusal saying %q", tt.name, got, err, tt.refused)
			}
		case err != nil || got != tt.want:
			t.Errorf("%s: %q, %v; want %q", tt.name, got, err, tt.want)
		}
	}
	if _, err := Decide(base("latest"), "rev.yaml", false, false); err == nil || errors.As(err, new(*Refusal)) || !strings.Contains(err.Error(), "rev.yaml: info.version") {
		t.Errorf("an unreadable declared version: %v", err)
	}
}

// TestDecideComputed: in the computed flow the release sets the version: a
// lower one the revision declares is stamped over, a higher one stands, and
// a version that did not move where it lives is still refused.
func TestDecideComputed(t *testing.T) {
	r := &report.Report{
		Base: report.Spec{Version: "1.4.2"}, Revision: report.Spec{Version: "1.5.0"},
		Scheme: scheme.Semver, Bump: scheme.BumpMajor, NextVersion: "2.0.0",
	}
	if got, err := Decide(r, "rev.yaml", false, true); err != nil || got != "2.0.0" {
		t.Errorf("computed, lower declared: %q, %v", got, err)
	}
	r.Revision.Version = "3.0.0"
	if got, err := Decide(r, "rev.yaml", false, true); err != nil || got != "3.0.0" {
		t.Errorf("computed, higher declared: %q, %v", got, err)
	}
	r.Versioning.Problems = []string{"no /v2 is offered"}
	if _, err := Decide(r, "rev.yaml", false, true); !errors.As(err, new(*Refusal)) {
		t.Errorf("computed, versioning problem: %v", err)
	}
}
