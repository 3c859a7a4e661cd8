// Package report assembles the result of a comparison from its classified
// changes (package classify): where the version lives and what the changes
// require of each major, the counts, the bump and the next version, and the
// release gate (Check). Its JSON form is apibump's stable contract.
package report

import (
	"fmt"
	"strconv"
	"strings"

	"cloud.google.com/go/civil"

	"github.com/apibump/apibump/internal/classify"
	"github.com/apibump/apibump/internal/config"
	"github.com/apibump/apibump/internal/finding"
	"github.com/apibump/apibump/internal/locale"
	"github.com/apibump/apibump/internal/rules"
	"github.com/apibump/apibump/internal/scheme"
	"github.com/apibump/apibump/internal/spec"
	"github.com/apibump/apibump/internal/versioning"
)

// Spec names one side of the comparison.
type Spec struct {
	File    string `json:"file" yaml:"file"`
	Version string `json:"version" yaml:"version"`
	// Title is info.title, for the headings of the outputs meant for people.
	Title string `json:"-" yaml:"-"`
}

// Change is one classified change.
type Change struct {
	ID         string      `json:"id" yaml:"id"`
	Class      rules.Class `json:"class" yaml:"class"`
	Operations []string    `json:"operations" yaml:"operations"`
	Path       string      `json:"path,omitempty" yaml:"path,omitempty"`
	Message    string      `json:"message" yaml:"message"`
	// Phrase is Message with the values it names (from the specs) kept
	// apart from its words, for the printers to escape; nil in a report
	// read back from JSON (see MessagePhrase).
	Phrase  locale.Phrase `json:"-" yaml:"-"`
	Pointer string        `json:"pointer,omitempty" yaml:"pointer,omitempty"`
	// Component is the JSON pointer of the component the change is in
	// ("#/components/schemas/Book"), when operations reach it; At the place
	// inside it ("isbn"); Reach each operation that reaches it, as it does.
	Component string          `json:"component,omitempty" yaml:"component,omitempty"`
	At        string          `json:"at,omitempty" yaml:"at,omitempty"`
	Reach     []finding.Reach `json:"reach,omitempty" yaml:"reach,omitempty"`
	Source    *spec.Position  `json:"source,omitempty" yaml:"source,omitempty"`
	// Anchor is where the change can be shown in the revision: Source for an
	// addition or modification, the nearest surviving parent for a removal.
	Anchor *spec.Position `json:"anchor,omitempty" yaml:"anchor,omitempty"`
	// Stability is the x-stability of what the change touches, when not stable.
	Stability string `json:"stability,omitempty" yaml:"stability,omitempty"`
	// Accepted is set when a reviewed exemption covers the change: it is
	// shown but no longer counts for the bump.
	Accepted *classify.Acceptance `json:"accepted,omitempty" yaml:"accepted,omitempty"`
	// Majors are the majors the change counts against, when the version
	// lives in a path, server, header, query parameter or media type.
	Majors []string `json:"majors,omitempty" yaml:"majors,omitempty"`
}

// MessagePhrase is the change's message, its values apart from its words:
// Phrase, or Message read back when the report was not built by Build.
func (c *Change) MessagePhrase() locale.Phrase {
	if c.Phrase != nil {
		return c.Phrase
	}
	return locale.Quoted(c.Message)
}

// Summary counts the changes per class.
type Summary struct {
	Breaking    int `json:"breaking" yaml:"breaking"`
	Additive    int `json:"additive" yaml:"additive"`
	NonContract int `json:"non-contract" yaml:"non-contract"`
	Accepted    int `json:"accepted,omitempty" yaml:"accepted,omitempty"`
}

// Report is the outcome of comparing a base with a revision.
type Report struct {
	Base     Spec          `json:"base" yaml:"base"`
	Revision Spec          `json:"revision" yaml:"revision"`
	Policy   rules.Policy  `json:"policy" yaml:"policy"`
	Scheme   scheme.Scheme `json:"scheme" yaml:"scheme"`
	// Bump is what the changes require, whatever the scheme: major for any
	// breaking change, minor for additive ones, patch for non-contract ones,
	// none without changes. NextVersion is that bump in the scheme (0.3.1
	// and a major bump: 0.4.0; v3 and a minor bump: v3).
	Bump        scheme.Bump `json:"bump" yaml:"bump"`
	NextVersion string      `json:"nextVersion" yaml:"nextVersion"`
	Summary     Summary     `json:"summary" yaml:"summary"`
	// Versioning says where the version lives and what that requires.
	Versioning Versioning `json:"versioning" yaml:"versioning"`
	// Majors are the majors the specs serve side by side, each with its own
	// bump and next version; absent when the version lives only in info.version.
	Majors     []MajorReport              `json:"majors,omitempty" yaml:"majors,omitempty"`
	Changes    []Change                   `json:"changes" yaml:"changes"`
	Exemptions []classify.ExemptionStatus `json:"exemptions,omitempty" yaml:"exemptions,omitempty"`

	revVersionLine int // the line of the revision's info.version, for Check's errors
}

// Options choose how changes are judged (classify.Options, which
// classify.Classify reads) and versions computed.
type Options struct {
	classify.Options
	Scheme scheme.Scheme // empty: detected from the base info.version
	Lang   locale.Lang   // the language of the messages (default English)
	// Versions names the headers and query parameters that carry the
	// version (default: versioning.DefaultOptions).
	Versions versioning.Options
	// KeepUntil is the last day the previous major must stay live when this
	// release ships a new one (the release date plus the deprecation window);
	// zero: the messages speak of the window without a date.
	KeepUntil civil.Date
	// Sunsets are the sunset days of earlier majors that the changelog
	// recorded (major label -> YYYY-MM-DD); they win over x-sunset.
	Sunsets map[string]string
}

// withLine appends the line to the file name when it is known.
func withLine(file string, line int) string {
	if line > 0 {
		return file + ":" + strconv.Itoa(line)
	}
	return file
}

// versionLine is the line of a document's info.version, 0 when it has none.
func versionLine(d *spec.Document) int {
	if n := d.Root.Root.Get("info").Get("version"); n != nil {
		return int(n.Pos.Line)
	}
	return 0
}

// DetectScheme returns the scheme given, or, when none is, the scheme of
// the base document's info.version; the error names the file and line. A
// base without info.version has no scheme to detect: "" and no error (the
// changes are still compared; there is no next version, see Build).
func DetectScheme(base *spec.Document, given scheme.Scheme) (scheme.Scheme, error) {
	if given != "" {
		return given, nil
	}
	if base.Version == "" {
		return "", nil
	}
	s, err := scheme.Detect(base.Version)
	if err != nil {
		return "", fmt.Errorf("%s: info.version: %w", withLine(base.Name(), versionLine(base)), err)
	}
	return s, nil
}

// Build puts the classified changes of a comparison in a report: where
// the version lives and what the changes require of it there (the majors
// served side by side), the counts, the bump and the next version.
func Build(base, rev *spec.Document, classified *classify.Result, opts Options) (*Report, error) {
	if opts.Policy == "" {
		opts.Policy = rules.Contract
	}
	if opts.Lang == "" {
		opts.Lang = locale.En
	}
	sch, err := DetectScheme(base, opts.Scheme)
	if err != nil {
		return nil, err
	}
	r := &Report{
		Base:           Spec{File: base.Name(), Version: base.Version, Title: infoTitle(base)},
		Revision:       Spec{File: rev.Name(), Version: rev.Version, Title: infoTitle(rev)},
		revVersionLine: versionLine(rev),
		Policy:         opts.Policy,
		Scheme:         sch,
		Changes:        make([]Change, 0, len(classified.Changes)),
	}
	baseVersions := versioning.Detect(base, opts.Versions)
	revVersions := versioning.Detect(rev, opts.Versions)
	versioned := baseVersions.Versioned() || revVersions.Versioned()
	judge := newMajorJudge(baseVersions, revVersions, opts, sch, base.Version)
	classes := make([]rules.Class, 0, len(classified.Changes))
	for _, c := range classified.Changes {
		ops := c.Operations
		if ops == nil {
			ops = []string{}
		}
		rc := Change{
			ID: c.ID, Class: c.Class, Operations: ops, Path: commonPath(ops),
			Message: c.Text(opts.Lang), Phrase: c.Phrase(opts.Lang), Pointer: c.Pointer, Source: c.Source,
			Anchor: spec.Anchor(base, rev, c.Source, c.Side == finding.SideBase), Stability: c.Stability,
			Accepted: c.Accepted, Component: c.Component, At: c.At, Reach: c.Reach,
		}
		if versioned {
			rc.Majors = judge.majorsOf(ops)
			doc := rev
			if c.Side == finding.SideBase {
				doc = base
			}
			if m, ok := judge.valueMajor(c, doc); ok {
				rc.Majors = []string{m}
				if rc.Class == rules.Breaking && c.Side != finding.SideBase && !baseVersions.Offers(m) {
					// Offering a new major where the version lives breaks
					// no client of the old one.
					rc.Class = rules.Additive
				}
			}
			if rc.Accepted == nil {
				rc.Accepted = judge.retirement(rc.Majors)
			}
		}
		class := rc.Class
		r.Changes = append(r.Changes, rc)
		if rc.Accepted != nil {
			r.Summary.Accepted++
		} else {
			classes = append(classes, class)
		}
		switch class {
		case rules.Breaking:
			r.Summary.Breaking++
		case rules.Additive:
			r.Summary.Additive++
		default:
			r.Summary.NonContract++
		}
	}
	r.Exemptions = classified.Exemptions
	r.Versioning = Versioning{Locations: revVersions.Locations}
	if !revVersions.Versioned() {
		r.Versioning.Advice = versioning.Advice
	}
	if baseVersions.Versioned() {
		r.Versioning.Problems = judge.problems(r.Changes)
		r.Versioning.Notes = judge.notes()
	}
	if versioned {
		if r.Majors, err = judge.majors(r.Changes, opts.Date); err != nil {
			return nil, fmt.Errorf("%s: %w", base.Name(), err)
		}
		classes = append(classes, majorClasses(r.Majors)...)
	}
	r.Bump = scheme.BumpFor(classes)
	if base.Version == "" {
		// Nothing to step from: the bump still says what the changes are.
		r.Versioning.Notes = append(r.Versioning.Notes, fmt.Sprintf(
			"%s declares no info.version, so there is no next version to compute (the changes need bump %s); declare the version, or give it where one is needed (--version)",
			base.Name(), r.Bump))
		return r, nil
	}
	next, err := sch.Next(base.Version, r.Bump, config.Midnight(opts.Date))
	if err != nil {
		return nil, fmt.Errorf("%s: next version: %w", base.Name(), err)
	}
	r.NextVersion = next
	return r, nil
}

// commonPath is the API path all the operations share, or "".
func commonPath(ops []string) string {
	path := ""
	for _, op := range ops {
		_, p, ok := strings.Cut(op, " ")
		if !ok {
			p = op
		}
		if path != "" && p != path {
			return ""
		}
		path = p
	}
	return path
}

// Verdict is the outcome of the release gate.
type Verdict struct {
	OK       bool
	Problems []string // one sentence each
	Notes    []string // expired and stale exemptions: said, but not failures
	// VersionJudged is false when the declared info.version was not judged
	// (version: computed, or fail-on none).
	VersionJudged bool
}

// Check judges the revision's declared info.version against the required
// next version (when judgeVersion: the declared flow), and the changes
// against failOn. The versioning problems (a breaking change the version
// did not move for where it lives, a major removed before its sunset) fail
// it in either flow.
func (r *Report) Check(judgeVersion bool, failOn config.FailOn) (Verdict, error) {
	v := Verdict{OK: true, VersionJudged: judgeVersion}
	// The declared version is read even when nothing needs a bump: one the
	// scheme cannot read ("latest", a number, a mapping) is bad input.
	where := withLine(r.Revision.File, r.revVersionLine)
	cmp := 0
	if judgeVersion && r.Revision.Version == "" {
		return v, fmt.Errorf("%s: info.version is empty, or not text: the revision must declare its version", where)
	}
	if judgeVersion && r.NextVersion != "" { // no next version: the base declares none (a note says so)
		c, err := r.Scheme.Compare(r.Revision.Version, r.NextVersion)
		if err != nil {
			return v, fmt.Errorf("%s: info.version: %w", where, err)
		}
		cmp = c
	}
	if judgeVersion && r.Bump != scheme.BumpNone {
		if cmp < 0 {
			v.OK = false
			v.Problems = append(v.Problems, fmt.Sprintf(
				"%s declares version %s, but its changes need a %s bump: the revision must carry %s (or higher)",
				r.Revision.File, r.Revision.Version, r.Bump, r.NextVersion))
		}
	}
	if len(r.Versioning.Problems) > 0 {
		v.OK = false
		v.Problems = append(v.Problems, r.Versioning.Problems...)
	}
	v.Notes = append(v.Notes, r.Versioning.Notes...)
	for _, e := range r.Exemptions {
		switch e.Status {
		case classify.ExemptionExpired:
			v.Notes = append(v.Notes, fmt.Sprintf("the exemption of %s at %s expired on %s: its %s count again", e.Rule, e.Origin, e.Until, locale.Count(e.Matches, "finding")))
		case classify.ExemptionStale:
			v.Notes = append(v.Notes, fmt.Sprintf("the exemption of %s at %s matches nothing: remove it", e.Rule, e.Origin))
		}
	}
	count := func(n int, what string) {
		if n > 0 {
			v.OK = false
			v.Problems = append(v.Problems, strings.Join(strings.Fields(fmt.Sprintf("%s found and --fail-on is %s", locale.Count(n, what+" change"), failOn)), " "))
		}
	}
	// Accepted changes no longer count.
	n := map[rules.Class]int{}
	for _, c := range r.Changes {
		if c.Accepted == nil {
			n[c.Class]++
		}
	}
	switch failOn {
	case config.FailOnBreaking:
		count(n[rules.Breaking], "breaking")
	case config.FailOnAdditive:
		count(n[rules.Breaking]+n[rules.Additive], "breaking or additive")
	case config.FailOnAny:
		count(n[rules.Breaking]+n[rules.Additive]+n[rules.NonContract], "")
	}
	return v, nil
}
