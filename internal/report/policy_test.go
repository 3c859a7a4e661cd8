package report

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cloud.google.com/go/civil"

	"github.com/apibump/apibump/internal/classify"
	"github.com/apibump/apibump/internal/config"
	"github.com/apibump/apibump/internal/kinmodel"
	"github.com/apibump/apibump/internal/rules"
	"github.com/apibump/apibump/internal/scheme"
	"github.com/apibump/apibump/internal/source"
)

const policyBase = `openapi: 3.0.3
info: {title: Shop, version: 1.0.0}
paths:
  /books:
    get:
      OPEXT
      parameters:
        - {name: sort, in: query, schema: {type: string}}
      responses:
        "200": {description: ok}
  /orders:
    get:
      responses:
        "200": {description: ok}
`

// build compares a base and a revision made from policyBase: the revision
// drops the sort parameter (request-parameter-removed, breaking).
func build(t *testing.T, baseExt, revExt string, date string, opts classify.Options) *Report {
	t.Helper()
	dir := t.TempDir()
	base := strings.Replace(policyBase, "OPEXT", baseExt, 1)
	rev := strings.Replace(strings.Replace(policyBase, "OPEXT", revExt, 1), "        - {name: sort, in: query, schema: {type: string}}\n", "", 1)
	rev = strings.Replace(rev, "      parameters:\n      responses", "      responses", 1)
	bp, rp := filepath.Join(dir, "base.yaml"), filepath.Join(dir, "revision.yaml")
	os.WriteFile(bp, []byte(base), 0o644)
	os.WriteFile(rp, []byte(rev), 0o644)
	bd, err := kinmodel.Load(source.ParseInput(bp), source.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	rd, err := kinmodel.Load(source.ParseInput(rp), source.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	cs, err := classify.Compare(bd, rd, classify.Options{})
	if err != nil {
		t.Fatal(err)
	}
	opts.Date, _ = civil.ParseDate(date)
	res, err := classify.Classify(bd, rd, cs, opts)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Build(bd, rd, res, Options{Options: opts})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func find(r *Report, id string) *Change {
	for i := range r.Changes {
		if r.Changes[i].ID == id {
			return &r.Changes[i]
		}
	}
	return nil
}

func TestExemptionBeforeAndAfterItsDate(t *testing.T) {
	ignore := []classify.Exemption{{Rule: "request-parameter-removed", Operation: "GET /books", Reason: "clients migrated", Until: civil.Date{Year: 2027, Month: 1, Day: 1}, Origin: ".apibump.yaml:3"}}
	r := build(t, "x-n: 1", "x-n: 1", "2026-11-22", classify.Options{Ignore: ignore})
	c := find(r, "request-parameter-removed")
	if c == nil || c.Accepted == nil || c.Accepted.Reason != "clients migrated" {
		t.Fatalf("want the change accepted: %+v", c)
	}
	if r.Bump != scheme.BumpNone || r.Summary.Accepted != 1 || r.Exemptions[0].Status != classify.ExemptionActive {
		t.Errorf("an accepted change must not move the version: bump %s, summary %+v, %+v", r.Bump, r.Summary, r.Exemptions)
	}
	if v, _ := r.Check(true, config.FailOnBreaking); !v.OK {
		t.Errorf("accepted breaking changes must not fail --fail-on breaking: %v", v.Problems)
	}
	r = build(t, "x-n: 1", "x-n: 1", "2027-01-02", classify.Options{Ignore: ignore})
	c = find(r, "request-parameter-removed")
	if c.Accepted != nil || r.Bump != scheme.BumpMajor || r.Exemptions[0].Status != classify.ExemptionExpired {
		t.Errorf("an expired exemption must stop applying: %+v, bump %s", c, r.Bump)
	}
	v, _ := r.Check(true, config.FailOnVersion)
	if len(v.Notes) != 1 || !strings.Contains(v.Notes[0], "expired on 2027-01-01") {
		t.Errorf("check must say it expired: %v", v.Notes)
	}
}

// TestExemptionOnItsLastDay: until is the last day an exemption holds, in
// the configuration and in the spec alike; the next day it has expired.
func TestExemptionOnItsLastDay(t *testing.T) {
	ignore := []classify.Exemption{{Rule: "request-parameter-removed", Reason: "agreed", Until: civil.Date{Year: 2027, Month: 3, Day: 1}, Origin: ".apibump.yaml:3"}}
	accept := "x-apibump-accept: {rule: request-parameter-removed, reason: agreed, until: \"2027-03-01\"}"
	for _, tt := range []struct {
		day    string
		active bool
	}{{"2026-12-31", true}, {"2027-02-28", true}, {"2027-03-01", true}, {"2027-03-02", false}, {"2028-01-01", false}} {
		for name, r := range map[string]*Report{
			"configuration": build(t, "x-n: 1", "x-n: 1", tt.day, classify.Options{Ignore: ignore}),
			"spec":          build(t, "# none", accept, tt.day, classify.Options{}),
		} {
			accepted := find(r, "request-parameter-removed").Accepted != nil
			status := r.Exemptions[0].Status
			if accepted != tt.active || (status == classify.ExemptionActive) != tt.active {
				t.Errorf("%s, on %s: accepted %v, status %s; want active %v", name, tt.day, accepted, status, tt.active)
			}
		}
	}
	// A day the calendar does not have is no until.
	dir := t.TempDir()
	p := filepath.Join(dir, "r.yaml")
	os.WriteFile(p, []byte(strings.Replace(policyBase, "OPEXT", "x-apibump-accept: {rule: request-parameter-removed, reason: r, until: \"2027-02-29\"}", 1)), 0o644)
	d, err := kinmodel.Load(source.ParseInput(p), source.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := classify.Classify(d, d, nil, classify.Options{}); err == nil || !strings.Contains(err.Error(), `until "2027-02-29": want YYYY-MM-DD`) {
		t.Errorf("got %v", err)
	}
}

func TestStaleExemption(t *testing.T) {
	ignore := []classify.Exemption{{Rule: "*", Path: "/nowhere/**", Reason: "old", Until: civil.Date{Year: 2030, Month: 1, Day: 1}, Origin: ".apibump.yaml:9"}}
	r := build(t, "x-n: 1", "x-n: 1", "2026-11-22", classify.Options{Ignore: ignore})
	if r.Exemptions[0].Status != classify.ExemptionStale {
		t.Errorf("status %s", r.Exemptions[0].Status)
	}
	v, _ := r.Check(true, config.FailOnVersion)
	if len(v.Notes) != 1 || !strings.Contains(v.Notes[0], "matches nothing") {
		t.Errorf("notes %v", v.Notes)
	}
}

func TestInSpecAcceptance(t *testing.T) {
	accept := "x-apibump-accept: {rule: request-parameter-removed, reason: nobody sorts, until: \"2027-03-01\"}"
	r := build(t, "# no extension", accept, "2026-11-22", classify.Options{})
	c := find(r, "request-parameter-removed")
	if c == nil || c.Accepted == nil || !strings.HasPrefix(c.Accepted.Origin, "revision.yaml:") && !strings.Contains(c.Accepted.Origin, "revision.yaml:") {
		t.Fatalf("want it accepted by the spec: %+v", c)
	}
	if len(r.Changes) != 1 {
		t.Errorf("the annotation itself is no change: %+v", r.Changes)
	}
	bad := "x-apibump-accept: {rule: request-parameter-removed, until: \"2027-03-01\"}"
	dir := t.TempDir()
	p := filepath.Join(dir, "r.yaml")
	os.WriteFile(p, []byte(strings.Replace(policyBase, "OPEXT", bad, 1)), 0o644)
	d, err := kinmodel.Load(source.ParseInput(p), source.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := classify.Classify(d, d, nil, classify.Options{}); err == nil || !strings.Contains(err.Error(), "reason is required") || !strings.Contains(err.Error(), ":6:") {
		t.Errorf("a bad x-apibump-accept must be an error with its line: %v", err)
	}
}

func TestStabilityLevels(t *testing.T) {
	for _, tt := range []struct {
		ext    string
		strict bool
		want   rules.Class
	}{
		{"x-stability: alpha", false, rules.Additive},
		{"x-stability: beta", false, rules.Additive},
		{"x-stability: beta", true, rules.Breaking},
		{"x-stability-level: beta", false, rules.Additive},
		{"x-stability: stable", false, rules.Breaking},
		{"x-n: 1", false, rules.Breaking},
	} {
		r := build(t, tt.ext, tt.ext, "2026-11-22", classify.Options{StrictBeta: tt.strict})
		c := find(r, "request-parameter-removed")
		if c == nil || c.Class != tt.want {
			t.Errorf("%s strict=%v: %+v, want %s", tt.ext, tt.strict, c, tt.want)
		}
		if c != nil && tt.ext != "x-n: 1" && !strings.HasSuffix(tt.ext, "stable") && c.Stability == "" {
			t.Errorf("%s: the change must be labelled with its stability", tt.ext)
		}
	}
}

func TestStabilityMayNotDecrease(t *testing.T) {
	r := build(t, "x-stability: stable", "x-stability: beta", "2026-11-22", classify.Options{})
	if c := find(r, "stability-decreased"); c == nil || c.Class != rules.Breaking {
		t.Errorf("lowering stability must be breaking: %+v", r.Changes)
	}
	if c := find(r, "request-parameter-removed"); c == nil || c.Class != rules.Breaking {
		t.Errorf("the base promised stable: lowering the level in the same release excuses nothing: %+v", c)
	}
	r = build(t, "x-stability: beta", "x-stability: stable", "2026-11-22", classify.Options{})
	if c := find(r, "stability-increased"); c == nil || c.Class != rules.Additive {
		t.Errorf("raising stability is additive: %+v", r.Changes)
	}
}

func TestRuleOverride(t *testing.T) {
	r := build(t, "x-n: 1", "x-n: 1", "2026-11-22", classify.Options{Rules: map[string]rules.Class{"request-parameter-removed": rules.Additive}})
	if c := find(r, "request-parameter-removed"); c == nil || c.Class != rules.Additive || r.Bump != scheme.BumpMinor {
		t.Errorf("the override must set the class: %+v bump %s", c, r.Bump)
	}
}
