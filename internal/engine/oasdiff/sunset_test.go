package oasdiff

import (
	"strings"
	"testing"

	"cloud.google.com/go/civil"
	"github.com/oasdiff/oasdiff/checker"

	"github.com/apibump/apibump/internal/kinmodel"
	"github.com/apibump/apibump/internal/source"
	"github.com/apibump/apibump/internal/spec/spectest"
)

const sunsetBase = `openapi: 3.0.3
info: {title: T, version: 1.0.0}
paths:
  /a:
    get:
      parameters: [{$ref: "#/components/parameters/old"}]
      responses: {"200": {description: OK}}
  /b:
    get:
      parameters: [{$ref: "#/components/parameters/old"}]
      responses: {"200": {description: OK}}
components:
  parameters:
    old: {name: old, in: query, deprecated: true, x-sunset: "2020-06-01", schema: {type: string}}
`

// TestSunsetJudgedOnDay: oasdiff judges an x-sunset against the day given,
// not the clock: a parameter shared by two operations, removed from one,
// is removed before its sunset on a day before it (the message naming the
// date as written, however many places share it) and passes after it; the
// model is left as it was.
func TestSunsetJudgedOnDay(t *testing.T) {
	rev := strings.Replace(sunsetBase, `      parameters: [{$ref: "#/components/parameters/old"}]
      responses: {"200": {description: OK}}
  /b:`, `      responses: {"200": {description: OK}}
  /b:`, 1)
	dir := t.TempDir()
	bp, rp := spectest.Write(t, dir, "base.yaml", sunsetBase), spectest.Write(t, dir, "revision.yaml", rev)
	for _, tc := range []struct {
		day  civil.Date
		want string
	}{
		{civil.Date{Year: 2019, Month: 1, Day: 1}, "request-parameter-removed-before-sunset: deleted the `query` request parameter `old` before the sunset date `2020-06-01`"},
		{civil.Date{Year: 2020, Month: 5, Day: 31}, "request-parameter-removed-before-sunset: deleted the `query` request parameter `old` before the sunset date `2020-06-01`"},
		{civil.Date{Year: 2020, Month: 6, Day: 1}, ""},
		{civil.Date{Year: 2100, Month: 1, Day: 1}, ""},
	} {
		base, err1 := kinmodel.Load(source.ParseInput(bp), source.LoadOptions{})
		revision, err2 := kinmodel.Load(source.ParseInput(rp), source.LoadOptions{})
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		cs, err := Run(base, revision, tc.day)
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		for _, c := range cs {
			if strings.Contains(c.ID, "parameter") {
				got += c.ID + ": " + c.Message
			}
		}
		if got != tc.want {
			t.Errorf("on %s: %q, want %q", tc.day, got, tc.want)
		}
		if v := base.Spec.Components.Parameters["old"].Value.Extensions["x-sunset"]; v != "2020-06-01" {
			t.Errorf("on %s: the model's x-sunset is left %v", tc.day, v)
		}
	}
}

// The dates a finding's details name are put back in one pass: a date as
// written that is another's moved date is not moved twice, whatever the
// order of the map of moved dates.
func TestSunsetDetailsPutBackOnce(t *testing.T) {
	s := &sunsetShift{days: 31, moved: map[string]string{"2026-12-01": "2027-01-01", "2027-01-01": "2027-02-01"}}
	for range 20 {
		changes := checker.Changes{checker.ApiChange{Details: "from 2026-12-01 to 2027-01-01"}}
		s.findings(changes)
		if got := changes[0].(checker.ApiChange).Details; got != "from 2027-01-01 to 2027-02-01" {
			t.Fatalf("details put back as %q", got)
		}
	}
}
