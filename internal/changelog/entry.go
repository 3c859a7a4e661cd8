// Package changelog makes the release entry of a report (Entry: the
// sections, the majors, the deprecation window and the headers to serve,
// the supported majors) and writes it as Markdown, JSON or a standalone
// HTML page (its template, style sheet and script embedded from html/); and
// keeps CHANGELOG.md (history.go): its entries and the supported-versions
// record each one carries (record.go).
package changelog

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"cloud.google.com/go/civil"

	"github.com/apibump/apibump/internal/config"
	"github.com/apibump/apibump/internal/locale"
	"github.com/apibump/apibump/internal/render"
	"github.com/apibump/apibump/internal/report"
	"github.com/apibump/apibump/internal/rules"
	"github.com/apibump/apibump/internal/scheme"
)

// Entry is the changelog entry of one release: the comparison report, its
// changes sorted into sections, and the deprecation window of the previous
// major when the release is a new major.
type Entry struct {
	*report.Report
	Version     string       `json:"version"`
	Date        string       `json:"date"`
	Lang        locale.Lang  `json:"lang"`
	Deprecation *Deprecation `json:"deprecation,omitempty"`
	// Stranded is set instead of Deprecation when a new major ships but
	// only info.version carries the version: clients cannot stay on the old one.
	Stranded  *Stranded `json:"stranded,omitempty"`
	Supported []Major   `json:"supportedVersions"`
	Sections  []Section `json:"sections"`
	// MajorSections split the changes by major when the spec serves several
	// side by side; the markdown shows them instead of Sections.
	MajorSections []MajorSection `json:"majorSections,omitempty"`
	Warnings      []string       `json:"warnings,omitempty"`
}

// MajorSection is the part of an entry about one major a spec serves, or
// (Major empty) about the operations that belong to none.
type MajorSection struct {
	Major    *report.MajorReport `json:"major,omitempty"`
	Title    string              `json:"title"`
	Sections []Section           `json:"sections"`
}

// Deprecation is how long the previous major stays supported after a new major ships.
type Deprecation struct {
	PreviousMajor string `json:"previousMajor"`
	Window        string `json:"window"`
	Days          int    `json:"days"`
	Sunset        string `json:"sunset"` // YYYY-MM-DD
	// Headers are the RFC 9745 Deprecation and RFC 8594 Sunset values to serve on the old major.
	Headers struct {
		Deprecation string `json:"deprecation"`
		Sunset      string `json:"sunset"`
	} `json:"headers"`
}

// Stranded says that the clients of the previous major cannot stay on it:
// the API carries its version only in info.version.
type Stranded struct {
	PreviousMajor string `json:"previousMajor"`
	Advice        string `json:"advice"`
}

// Major is one line of the supported-versions table.
type Major struct {
	Major  string `json:"major"`
	Status string `json:"status"`           // current, deprecated or retired
	Sunset string `json:"sunset,omitempty"` // YYYY-MM-DD; empty for the current major
}

// The statuses of a major.
const (
	StatusCurrent    = "current"
	StatusDeprecated = "deprecated"
	StatusRetired    = "retired"
)

// SectionKind names a section of an entry; they are written in this order.
type SectionKind string

// The sections, in Keep a Changelog spirit.
const (
	SectionBreaking SectionKind = "breaking"
	SectionAdded    SectionKind = "added"
	// SectionChanged and SectionRemoved hold the changes that break no
	// client but are no addition: a constraint relaxed, an optional
	// response property removed under the compatible policy.
	SectionChanged       SectionKind = "changed"
	SectionRemoved       SectionKind = "removed"
	SectionDeprecated    SectionKind = "deprecated"
	SectionDocumentation SectionKind = "documentation"
)

var sectionOrder = []SectionKind{SectionBreaking, SectionAdded, SectionChanged, SectionRemoved, SectionDeprecated, SectionDocumentation}

// Section holds the changes of one kind, grouped by endpoint.
type Section struct {
	Kind   SectionKind    `json:"kind"`
	Title  string         `json:"title"`
	Count  int            `json:"count"`
	Groups []render.Group `json:"groups"`
	// Rules counts the section's changes per rule, most frequent first; big
	// sections show it instead of the full list, which goes in a details block.
	Rules []RuleCount `json:"rules"`
}

// RuleCount is how many changes of a section one rule produced, and how many endpoints they reach.
type RuleCount struct {
	ID        string `json:"id"`
	Count     int    `json:"count"`
	Endpoints int    `json:"endpoints"`
}

// EntryOptions say how an entry is made.
type EntryOptions struct {
	Version       string        // forces the entry's version; empty: the report's next version
	Date          civil.Date    // the release date
	Window        config.Window // how long the previous major stays supported
	Lang          locale.Lang
	MaxLiveMajors int     // warn when more majors would be live (default 2)
	History       []Major // the supported-versions state of the newest earlier entry
}

// Unreleased is the version of an entry whose version is not known (Keep a
// Changelog's name for the changes not yet released).
const Unreleased = "Unreleased"

// NewEntry turns a report into the changelog entry of its release.
func NewEntry(r *report.Report, opts EntryOptions) *Entry {
	if opts.Lang == "" {
		opts.Lang = locale.En
	}
	if opts.Window.N == 0 {
		opts.Window = config.DefaultWindow
	}
	if opts.MaxLiveMajors == 0 {
		opts.MaxLiveMajors = 2
	}
	version := opts.Version
	if version == "" {
		version = r.NextVersion
	}
	if version == "" {
		version = Unreleased // the base declares no version to step from
	}
	release := opts.Date
	e := &Entry{Report: r, Version: version, Date: release.String(), Lang: opts.Lang}
	e.Sections = sections(r.Changes, opts.Lang)
	e.MajorSections = majorSections(r, opts.Lang)

	if version == Unreleased {
		return e // no version: no major to support, no window to open
	}
	current := r.Scheme.Major(version)
	previous := r.Scheme.Major(r.Base.Version)
	newMajor := r.Bump == scheme.BumpMajor || (current != previous && r.Bump != scheme.BumpNone)
	if added, prev, ok := report.NewMajor(r.Majors); ok {
		// The version lives in a location: its majors name the new major
		// and the one that starts its window, whatever info.version says.
		current, previous, newMajor = added, prev, true
	}
	supported := map[string]Major{}
	for _, m := range opts.History {
		m.Major = scheme.MajorLabel(m.Major) // as earlier apibumps wrote it ("2")
		supported[m.Major] = m
	}
	for _, m := range r.Majors {
		if m.Status == report.MajorRetired {
			old := supported[m.Major]
			old.Major = m.Major
			if old.Sunset == "" {
				old.Sunset = m.Sunset
			}
			supported[m.Major] = old
		}
	}
	if newMajor && previous != "" && r.Versioning.Advice != "" && len(r.Majors) == 0 {
		// Only info.version carries the version: clients cannot choose the
		// old major, so there is no window to promise.
		e.Stranded = &Stranded{PreviousMajor: previous, Advice: r.Versioning.Advice}
	} else if newMajor && previous != "" {
		sunset := opts.Window.After(release)
		d := &Deprecation{
			PreviousMajor: previous, Window: opts.Window.String(), Sunset: sunset.String(),
			Days: sunset.DaysSince(release),
		}
		d.Headers.Deprecation = "@" + strconv.FormatInt(config.Midnight(release).Unix(), 10)
		d.Headers.Sunset = config.Midnight(sunset).Format(http.TimeFormat)
		e.Deprecation = d
		old := supported[previous]
		// A sunset promised earlier is kept when it is sooner.
		if old.Sunset == "" || config.LaterSunset(old.Sunset, d.Sunset) {
			old.Sunset = d.Sunset
		}
		old.Major = previous
		supported[previous] = old
	}
	supported[current] = Major{Major: current}
	for k, m := range supported {
		switch {
		case k == current:
			m.Status, m.Sunset = StatusCurrent, ""
		case past(m.Sunset, release) || retired(r.Majors, k):
			m.Status = StatusRetired
		default:
			m.Status = StatusDeprecated
		}
		if e.Stranded != nil && k == previous {
			m.Status = StatusRetired
		}
		supported[k] = m
	}
	for _, m := range supported {
		e.Supported = append(e.Supported, m)
	}
	slices.SortFunc(e.Supported, func(a, b Major) int { return scheme.CompareMajors(b.Major, a.Major) })
	live := 0
	for _, m := range e.Supported {
		if m.Status != StatusRetired {
			live++
		}
	}
	if live > opts.MaxLiveMajors {
		e.Warnings = append(e.Warnings, locale.T(opts.Lang, "warning.live-majors", live, e.Date, opts.MaxLiveMajors))
	}
	return e
}

// retired tells a major this release retires (removed after its sunset).
func retired(majors []report.MajorReport, m string) bool {
	return slices.ContainsFunc(majors, func(r report.MajorReport) bool { return r.Major == m && r.Status == report.MajorRetired })
}

// past tells a sunset (a recorded one, YYYY-MM-DD) before the release day.
func past(sunset string, release civil.Date) bool {
	d, ok := config.Sunset(sunset)
	return ok && d.Before(release)
}

// majorSections splits the changes per major when the spec serves two or more.
func majorSections(r *report.Report, l locale.Lang) []MajorSection {
	if len(r.Majors) < 2 {
		return nil
	}
	var out []MajorSection
	for i := range r.Majors {
		m := &r.Majors[i]
		var cs []report.Change
		for _, c := range r.Changes {
			if slices.Contains(c.Majors, m.Major) {
				cs = append(cs, c)
			}
		}
		title := locale.T(l, "major.title", m.Major, locale.T(l, "major.status."+m.Status), m.Bump, m.NextVersion)
		if m.Bump == scheme.BumpNone && m.NextVersion != "" {
			title = locale.T(l, "major.title.none", m.Major, locale.T(l, "major.status."+m.Status), m.NextVersion)
		}
		if m.NextVersion == "" {
			title = locale.T(l, "major.title.gone", m.Major, locale.T(l, "major.status."+m.Status))
		}
		out = append(out, MajorSection{Major: m, Title: title, Sections: sections(cs, l)})
	}
	var rest []report.Change
	for _, c := range r.Changes {
		if len(c.Majors) == 0 {
			rest = append(rest, c)
		}
	}
	if len(rest) > 0 {
		out = append(out, MajorSection{Title: locale.T(l, "major.other"), Sections: sections(rest, l)})
	}
	return out
}

// isDeprecation tells the rules that mark something deprecated or move a sunset.
func isDeprecation(id string) bool {
	return strings.Contains(id, "deprecated") || strings.Contains(id, "sunset") || strings.Contains(id, "reactivated")
}

func sectionOf(c report.Change) SectionKind {
	switch c.Class {
	case rules.Breaking:
		return SectionBreaking
	case rules.NonContract:
		return SectionDocumentation
	}
	if isDeprecation(c.ID) {
		return SectionDeprecated
	}
	switch render.KindOf(c.ID) {
	case render.KindRemoved:
		return SectionRemoved
	case render.KindChanged:
		return SectionChanged
	}
	return SectionAdded
}

func sections(changes []report.Change, lang locale.Lang) []Section {
	byKind := map[SectionKind][]report.Change{}
	for _, c := range changes {
		k := sectionOf(c)
		byKind[k] = append(byKind[k], c)
	}
	var out []Section
	for _, k := range sectionOrder {
		cs := byKind[k]
		if len(cs) == 0 {
			continue
		}
		s := Section{Kind: k, Title: locale.T(lang, "section."+string(k)), Count: len(cs), Groups: render.Groups(cs, lang)}
		counts := map[string]*RuleCount{}
		endpoints := map[string]map[string]bool{}
		for _, c := range cs {
			rc := counts[c.ID]
			if rc == nil {
				rc = &RuleCount{ID: c.ID}
				counts[c.ID] = rc
				endpoints[c.ID] = map[string]bool{}
			}
			rc.Count++
			for _, op := range c.Operations {
				endpoints[c.ID][op] = true
			}
		}
		for id, rc := range counts {
			rc.Endpoints = len(endpoints[id])
			s.Rules = append(s.Rules, *rc)
		}
		slices.SortFunc(s.Rules, func(a, b RuleCount) int {
			if a.Count != b.Count {
				return b.Count - a.Count
			}
			return strings.Compare(a.ID, b.ID)
		})
		out = append(out, s)
	}
	return out
}
