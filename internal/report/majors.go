package report

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"cloud.google.com/go/civil"

	"github.com/apibump/apibump/internal/classify"
	"github.com/apibump/apibump/internal/config"
	"github.com/apibump/apibump/internal/locale"
	"github.com/apibump/apibump/internal/rules"
	"github.com/apibump/apibump/internal/scheme"
	"github.com/apibump/apibump/internal/spec"
	"github.com/apibump/apibump/internal/versioning"
)

// Versioning says where the revision carries its version and what the
// changes require of it there.
type Versioning struct {
	// Locations are where the revision carries its version; empty when only
	// info.version does.
	Locations []versioning.Location `json:"locations" yaml:"locations"`
	// Advice is said to an API whose version lives only in info.version.
	Advice string `json:"advice,omitempty" yaml:"advice,omitempty"`
	// Problems are the breaking changes the version did not move for, and
	// the majors removed before their deprecation window ended. Check fails on them.
	Problems []string `json:"problems,omitempty" yaml:"problems,omitempty"`
	// Notes are said by check without failing it.
	Notes []string `json:"notes,omitempty" yaml:"notes,omitempty"`
}

// MajorReport is the outcome for one of the majors a spec serves side by side.
type MajorReport struct {
	Major string `json:"major" yaml:"major"`
	// Status is new (only in the revision), kept (in both), retired (removed
	// after its sunset), removed (removed before its sunset, or without one)
	// or moved (the document, which served only this major through its
	// server URL or basePath, now describes the next one).
	Status string `json:"status" yaml:"status"`
	// Bump is what the major's changes require (as Report.Bump);
	// NextVersion is the major's version after it, in the scheme.
	Bump        scheme.Bump `json:"bump" yaml:"bump"`
	NextVersion string      `json:"nextVersion,omitempty" yaml:"nextVersion,omitempty"`
	// Operations counts the major's operations in the revision (in the base when it is gone).
	Operations int     `json:"operations" yaml:"operations"`
	Summary    Summary `json:"summary" yaml:"summary"`
	Sunset     string  `json:"sunset,omitempty" yaml:"sunset,omitempty"`
}

// The statuses of a major.
const (
	MajorNew     = "new"
	MajorKept    = "kept"
	MajorRetired = "retired"
	MajorRemoved = "removed"
	MajorMoved   = "moved"
)

// majorJudge holds what both documents say about their majors.
type majorJudge struct {
	base, rev *versioning.Versions
	opts      Options
	scheme    scheme.Scheme
	baseVer   string
	retired   map[string]string // major -> sunset, for majors removed after their sunset
	removed   map[string]string // major -> sunset ("" unknown), for majors removed too early
	moved     string            // the major a one-major document moved away from
}

func newMajorJudge(base, rev *versioning.Versions, opts Options, sch scheme.Scheme, baseVersion string) *majorJudge {
	j := &majorJudge{base: base, rev: rev, opts: opts, scheme: sch, baseVer: baseVersion,
		retired: map[string]string{}, removed: map[string]string{}}
	if j.movedDocument() {
		j.moved = base.Majors[0].Major
		return j
	}
	for _, m := range base.Majors {
		if _, kept := rev.Find(m.Major); kept {
			continue
		}
		sunset := m.Sunset
		for label, s := range opts.Sunsets {
			if l, ok := scheme.ParseMajor(label); ok && l == m.Major || label == m.Major {
				sunset = s
			}
		}
		if d, ok := config.Sunset(sunset); ok && !d.After(opts.Date) {
			j.retired[m.Major] = sunset
		} else {
			j.removed[m.Major] = sunset
		}
	}
	return j
}

// movedDocument tells a document that describes one major through its
// server URL or basePath and now describes a newer one: APIs published one
// document per major ship the next major that way, and the old major lives
// on in its earlier document.
func (j *majorJudge) movedDocument() bool {
	if len(j.base.Majors) != 1 || len(j.rev.Majors) != 1 {
		return false
	}
	from, to := j.base.Majors[0].Major, j.rev.Majors[0].Major
	if scheme.CompareMajors(to, from) <= 0 {
		return false
	}
	for _, v := range []*versioning.Versions{j.base, j.rev} {
		for _, l := range v.Locations {
			if l.Kind != versioning.KindServer && l.Kind != versioning.KindBasePath {
				return false
			}
		}
	}
	return true
}

// notes are said by check without failing it.
func (j *majorJudge) notes() []string {
	if j.moved == "" {
		return nil
	}
	until := "for its deprecation window"
	if !j.opts.KeepUntil.IsZero() {
		until = "until " + j.opts.KeepUntil.String()
	}
	return []string{fmt.Sprintf("the document moved from %s to %s: keep serving %s from its earlier document %s", j.moved, j.rev.Majors[0].Major, j.moved, until)}
}

// majorClasses are what the majors themselves require of the spec's
// version, besides their changes: a major added beside an older one the
// base served makes the release a new major (breaking: the spec's version
// takes the major step, so the tag and the entry say it); a major retired
// after its sunset is a change of the contract that breaks no client still
// allowed to call (additive: the scheme's smallest contract bump, so the
// retirement gets its release entry).
func majorClasses(majors []MajorReport) []rules.Class {
	var out []rules.Class
	if _, _, ok := NewMajor(majors); ok {
		out = append(out, rules.Breaking)
	}
	for _, m := range majors {
		if m.Status == MajorRetired {
			out = append(out, rules.Additive)
			break
		}
	}
	return out
}

// NewMajor finds, among the majors of a report, the newest major added
// beside one the base served, and the newest older major the revision
// keeps beside it (the one that now starts its deprecation window).
func NewMajor(majors []MajorReport) (added, previous string, ok bool) {
	for _, m := range majors {
		if m.Status == MajorNew && (added == "" || scheme.CompareMajors(m.Major, added) > 0) {
			added = m.Major
		}
	}
	if added == "" {
		return "", "", false
	}
	for _, m := range majors {
		if m.Status == MajorKept && scheme.CompareMajors(m.Major, added) < 0 &&
			(previous == "" || scheme.CompareMajors(m.Major, previous) > 0) {
			previous = m.Major
		}
	}
	return added, previous, previous != ""
}

// majorsOf are the majors a change counts against: those of its operations
// in either document; every major both serve for a document-wide change.
func (j *majorJudge) majorsOf(ops []string) []string {
	var out []string
	if len(ops) == 0 {
		for _, m := range j.base.Majors {
			if _, ok := j.rev.Find(m.Major); ok {
				out = append(out, m.Major)
			}
		}
		return out
	}
	for _, op := range ops {
		for _, m := range append(j.base.MajorsOf(op), j.rev.MajorsOf(op)...) {
			if !slices.Contains(out, m) {
				out = append(out, m)
			}
		}
	}
	slices.SortFunc(out, scheme.CompareMajors)
	return out
}

// serverEnumRe is the pointer of a server variable's enum value or default.
var serverEnumRe = regexp.MustCompile(`^/servers/\d+/variables/[^/]+/(?:enum/\d+|default)$`)

// valueMajor is the major a change's value names when the change is about
// the version's location itself: an enum value of the version header or
// query parameter, a versioned media type, a value of a server variable
// that carries the version. Adding or removing such a value is adding or
// removing that major, whatever else the operation serves. doc is the
// document the change's pointer reads (the base for a removal).
func (j *majorJudge) valueMajor(c classify.Change, doc *spec.Document) (string, bool) {
	if serverEnumRe.MatchString(c.Pointer) && doc != nil {
		if n := doc.Root.Root.At(c.Pointer); n != nil && j.offered(versioning.KindServer, "", n.Value) {
			return scheme.ParseMajor(n.Value)
		}
		return "", false
	}
	if !strings.Contains(c.ID, "enum-value") && !strings.Contains(c.ID, "media-type") {
		return "", false
	}
	var values []string
	for _, part := range c.Phrase(locale.En) {
		if part.Value || part.Code {
			values = append(values, part.Text)
		}
	}
	for _, v := range values {
		if base, m, ok := versioning.MediaMajor(v); ok && j.offered(versioning.KindMediaType, base, m) {
			return m, true
		}
	}
	if !strings.Contains(c.ID, "parameter-enum-value") {
		return "", false
	}
	for _, name := range values {
		for _, k := range []versioning.Kind{versioning.KindHeader, versioning.KindQuery} {
			if !j.named(k, name) {
				continue
			}
			for _, v := range values {
				if m, ok := scheme.ParseMajor(v); ok && v != name && j.offered(k, name, m) {
					return m, true
				}
			}
		}
	}
	return "", false
}

// named tells whether either document carries its version at a location of kind k named name.
func (j *majorJudge) named(k versioning.Kind, name string) bool {
	for _, v := range []*versioning.Versions{j.base, j.rev} {
		for _, l := range v.Locations {
			if l.Kind == k && strings.EqualFold(l.Name, name) {
				return true
			}
		}
	}
	return false
}

// offered tells whether either document offers the major value names at a
// location of kind k (named name, unless empty).
func (j *majorJudge) offered(k versioning.Kind, name, value string) bool {
	m, ok := scheme.ParseMajor(value)
	if !ok {
		return false
	}
	for _, v := range []*versioning.Versions{j.base, j.rev} {
		for _, l := range v.Locations {
			if l.Kind == k && (name == "" || strings.EqualFold(l.Name, name)) && slices.Contains(l.Majors, m) {
				return true
			}
		}
	}
	return false
}

// retirement accepts a change that only touches majors retired after their sunset.
func (j *majorJudge) retirement(majors []string) *classify.Acceptance {
	if len(majors) == 0 {
		return nil
	}
	for _, m := range majors {
		if _, ok := j.retired[m]; !ok {
			return nil
		}
	}
	m := majors[len(majors)-1]
	return &classify.Acceptance{
		Reason: fmt.Sprintf("%s retired: its sunset %s has passed", m, j.retired[m]),
		Origin: "sunset of " + m,
	}
}

// majors sums the changes per major and computes each one's bump and next version.
func (j *majorJudge) majors(changes []Change, date civil.Date) ([]MajorReport, error) {
	all := map[string]*MajorReport{}
	for _, m := range j.base.Majors {
		mr := &MajorReport{Major: m.Major, Status: MajorKept, Operations: m.Operations}
		if m.Major == j.moved {
			mr.Status = MajorMoved
		} else if s, ok := j.retired[m.Major]; ok {
			mr.Status, mr.Sunset = MajorRetired, s
		} else if s, ok := j.removed[m.Major]; ok {
			mr.Status, mr.Sunset = MajorRemoved, s
		}
		all[m.Major] = mr
	}
	for _, m := range j.rev.Majors {
		mr := all[m.Major]
		if mr == nil {
			mr = &MajorReport{Major: m.Major, Status: MajorNew}
			all[m.Major] = mr
		}
		mr.Operations = m.Operations
		if mr.Status == MajorKept {
			mr.Sunset = m.Sunset
		}
	}
	if len(all) == 0 {
		return nil, nil
	}
	classes := map[string][]rules.Class{}
	for _, c := range changes {
		for _, m := range c.Majors {
			mr := all[m]
			if mr == nil {
				continue
			}
			count(&mr.Summary, c)
			if c.Accepted == nil {
				classes[m] = append(classes[m], c.Class)
			}
		}
	}
	out := make([]MajorReport, 0, len(all))
	for m, mr := range all {
		switch mr.Status {
		case MajorNew:
			mr.Bump = scheme.BumpMajor
			mr.NextVersion = j.initialVersion(m, date)
		case MajorRetired, MajorMoved:
			mr.Bump = scheme.BumpNone
		case MajorRemoved:
			mr.Bump = scheme.BumpMajor
		default:
			mr.Bump = scheme.BumpFor(classes[m])
			if j.baseVer == "" {
				break // no version to step from (Build notes it)
			}
			line := j.lineVersion(m)
			next, err := j.scheme.Next(line, mr.Bump, config.Midnight(date))
			if err != nil {
				return nil, fmt.Errorf("major %s: next version: %w", m, err)
			}
			mr.NextVersion = next
		}
		out = append(out, *mr)
	}
	slices.SortFunc(out, func(a, b MajorReport) int { return scheme.CompareMajors(a.Major, b.Major) })
	return out, nil
}

// lineVersion is the version of a major's line: the base info.version when
// it belongs to that major, else the line's first version (a spec records one
// version; the other lines are counted from their start).
func (j *majorJudge) lineVersion(m string) string {
	if j.scheme == scheme.Date {
		return j.baseVer
	}
	core, _, _ := strings.Cut(strings.TrimSpace(j.baseVer), "-")
	if l, ok := scheme.ParseMajor(core); ok && l == m || j.baseVer == m {
		return j.baseVer
	}
	if _, numbered := scheme.MajorNumber(m); !numbered {
		return j.baseVer
	}
	return j.initialVersion(m, j.opts.Date)
}

// initialVersion is the first version of a major in the scheme.
func (j *majorJudge) initialVersion(m string, date civil.Date) string {
	return j.scheme.FirstOf(m, j.baseVer, config.Midnight(date))
}

// problems are the breaking changes whose version did not move, and the
// majors removed before their sunset.
func (j *majorJudge) problems(changes []Change) []string {
	until := "for its deprecation window"
	if !j.opts.KeepUntil.IsZero() {
		until = "until " + j.opts.KeepUntil.String()
	}
	type group struct {
		major string
		kind  versioning.Kind
	}
	hit := map[group][]string{}
	var order []group
	for _, c := range changes {
		if c.Class != rules.Breaking || c.Accepted != nil || j.allRemoved(c.Majors) {
			continue
		}
		for _, op := range c.Operations {
			bm := j.base.MajorsOf(op)
			if len(bm) == 0 {
				continue
			}
			m := bm[len(bm)-1]
			if _, gone := j.removed[m]; gone {
				continue
			}
			kinds := j.base.KindsOf(op, m)
			g := group{m, kinds[0]}
			if !slices.Contains(kinds, versioning.KindPath) {
				if j.offersAfter(op, m, kinds) {
					continue
				}
			} else {
				g.kind = versioning.KindPath
			}
			if _, seen := hit[g]; !seen {
				order = append(order, g)
			}
			if !slices.Contains(hit[g], op) {
				hit[g] = append(hit[g], op)
			}
		}
	}
	var out []string
	for _, g := range order {
		ops := hit[g]
		slices.Sort(ops)
		what := "breaking change to " + ops[0]
		if len(ops) > 1 {
			what = fmt.Sprintf("breaking changes to %s and %s", ops[0], locale.Count(len(ops)-1, "more operation"))
		}
		next := scheme.NextMajor(g.major)
		if next == "" {
			next = "a newer version"
		}
		switch g.kind {
		case versioning.KindPath:
			if j.revOffersAfter(versioning.KindPath, "", g.major) {
				out = append(out, fmt.Sprintf("%s: /%s is published and must not change: make the change under a newer major only and keep /%s as it was %s", what, g.major, g.major, until))
			} else {
				out = append(out, fmt.Sprintf("%s, but no /%s is offered: publish the change under /%s and keep /%s %s", what, next, next, g.major, until))
			}
		default:
			where := j.label(g.kind, ops[0], g.major)
			out = append(out, fmt.Sprintf("%s, but its %s offers nothing after %s: publish the change under %s there and keep %s %s", what, where, g.major, next, g.major, until))
		}
	}
	var gone []string
	for m := range j.removed {
		gone = append(gone, m)
	}
	slices.SortFunc(gone, scheme.CompareMajors)
	for _, m := range gone {
		ops := j.base.OperationsOf(m)
		what := m
		if len(ops) > 0 {
			what = fmt.Sprintf("%s (%s", m, ops[0])
			if len(ops) > 1 {
				what += " and " + locale.Count(len(ops)-1, "more operation")
			}
			what += ")"
		}
		if s := j.removed[m]; s != "" {
			out = append(out, fmt.Sprintf("%s was removed before its sunset on %s: a major stays live until its deprecation window ends; keep %s until %s", what, s, m, s))
		} else {
			out = append(out, fmt.Sprintf("%s was removed, but no sunset is recorded for it (x-sunset on its operations, or the supported versions of CHANGELOG.md): a major stays live for its deprecation window after the next one ships; keep %s and mark its sunset", what, m))
		}
	}
	return out
}

// allRemoved tells a change that only touches majors removed before their
// sunset: the removal's own problem says what is wrong.
func (j *majorJudge) allRemoved(majors []string) bool {
	if len(majors) == 0 {
		return false
	}
	for _, m := range majors {
		if _, ok := j.removed[m]; !ok {
			return false
		}
	}
	return true
}

// offersAfter reports whether the revision offers a major after m for the
// operation (or, when the operation is gone, anywhere at those kinds).
func (j *majorJudge) offersAfter(op, m string, kinds []versioning.Kind) bool {
	if j.rev.Has(op) {
		for _, r := range j.rev.MajorsOf(op) {
			if scheme.CompareMajors(r, m) > 0 {
				return true
			}
		}
		return false
	}
	for _, k := range kinds {
		if j.revOffersAfter(k, "", m) {
			return true
		}
	}
	return false
}

// revOffersAfter reports whether a revision location of kind k offers a major after m.
func (j *majorJudge) revOffersAfter(k versioning.Kind, name, m string) bool {
	for _, l := range j.rev.Locations {
		if l.Kind != k || name != "" && !strings.EqualFold(l.Name, name) {
			continue
		}
		for _, r := range l.Majors {
			if scheme.CompareMajors(r, m) > 0 {
				return true
			}
		}
	}
	return false
}

// label names the location through which the base offered m to op.
func (j *majorJudge) label(k versioning.Kind, op, m string) string {
	for _, l := range j.base.Locations {
		if l.Kind == k && slices.Contains(l.Majors, m) {
			return l.Label()
		}
	}
	return string(k)
}

// count adds a change to a summary.
func count(s *Summary, c Change) {
	if c.Accepted != nil {
		s.Accepted++
	}
	switch c.Class {
	case rules.Breaking:
		s.Breaking++
	case rules.Additive:
		s.Additive++
	default:
		s.NonContract++
	}
}
