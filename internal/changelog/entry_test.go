package changelog

import (
	"strings"
	"testing"

	"cloud.google.com/go/civil"

	"github.com/apibump/apibump/internal/locale"
	"github.com/apibump/apibump/internal/report"
	"github.com/apibump/apibump/internal/rules"
)

// TestSectionsSayWhatChanged: a change that breaks no client is listed as
// what it does (added, changed, removed), so a removal accepted under the
// compatible policy is never under "Added".
func TestSectionsSayWhatChanged(t *testing.T) {
	want := map[string]SectionKind{
		"endpoint-added":                     SectionAdded,
		"new-optional-request-parameter":     SectionAdded,
		"response-property-enum-value-added": SectionAdded,
		"response-optional-property-removed": SectionRemoved,
		"api-schema-removed":                 SectionRemoved,
		"api-path-removed-with-deprecation":  SectionRemoved,
		rules.ComponentRemoved:               SectionRemoved,
		"request-property-max-length-unset":  SectionChanged,
		"request-property-became-optional":   SectionChanged,
		rules.LinkChanged:                    SectionChanged,
		"endpoint-deprecated":                SectionDeprecated,
	}
	r := &report.Report{Base: report.Spec{File: "a.yaml", Version: "1.0.0"}, NextVersion: "1.1.0", Scheme: "semver", Bump: "minor"}
	for id := range want {
		r.Changes = append(r.Changes, report.Change{ID: id, Class: rules.Additive, Message: "m " + id, Operations: []string{"GET /a"}})
	}
	r.Changes = append(r.Changes, report.Change{ID: "response-optional-property-removed", Class: rules.Breaking, Message: "m", Operations: []string{"GET /a"}})
	e := NewEntry(r, EntryOptions{Date: civil.Date{Year: 2026, Month: 11, Day: 22}, Lang: locale.En})
	got := map[string]SectionKind{}
	for _, s := range e.Sections {
		for _, g := range s.Groups {
			for _, c := range g.Changes {
				if c.Class == rules.Additive {
					got[c.ID] = s.Kind
				} else if s.Kind != SectionBreaking {
					t.Errorf("a breaking %s is under %s", c.ID, s.Kind)
				}
			}
		}
	}
	for id, k := range want {
		if got[id] != k {
			t.Errorf("%s: section %q, want %q", id, got[id], k)
		}
	}
	md := string(e.Markdown())
	for _, h := range []string{"### Added", "### Changed", "### Removed", "### Deprecated"} {
		if !strings.Contains(md, h) {
			t.Errorf("no %q heading:\n%s", h, md)
		}
	}
	removed := md[strings.Index(md, "### Removed"):]
	if !strings.Contains(removed[:strings.Index(removed, "### Deprecated")], "M response-optional-property-removed") {
		t.Errorf("the removal is not under the Removed heading:\n%s", md)
	}
}
