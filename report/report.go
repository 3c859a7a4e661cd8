// Package report assembles the result of a comparison: every change with its
// class under the chosen policy, the counts, the bump and the next version.
// Its JSON form is apibump's stable contract.
package report

import (
	"fmt"
	"strings"
	"time"

	"github.com/apibump/apibump/classify"
	"github.com/apibump/apibump/diff"
	"github.com/apibump/apibump/locale"
)

// Spec names one side of the comparison.
type Spec struct {
	File    string `json:"file" yaml:"file"`
	Version string `json:"version" yaml:"version"`
}

// Change is one classified change.
type Change struct {
	ID         string         `json:"id" yaml:"id"`
	Class      classify.Class `json:"class" yaml:"class"`
	Operations []string       `json:"operations" yaml:"operations"`
	Path       string         `json:"path,omitempty" yaml:"path,omitempty"`
	Message    string         `json:"message" yaml:"message"`
	Pointer    string         `json:"pointer,omitempty" yaml:"pointer,omitempty"`
	Source     *diff.Position `json:"source,omitempty" yaml:"source,omitempty"`
}

// Summary counts the changes per class.
type Summary struct {
	Breaking    int `json:"breaking" yaml:"breaking"`
	Additive    int `json:"additive" yaml:"additive"`
	NonContract int `json:"non-contract" yaml:"non-contract"`
}

// Report is the outcome of comparing a base with a revision.
type Report struct {
	Base        Spec            `json:"base" yaml:"base"`
	Revision    Spec            `json:"revision" yaml:"revision"`
	Policy      classify.Policy `json:"policy" yaml:"policy"`
	Scheme      classify.Scheme `json:"scheme" yaml:"scheme"`
	Bump        classify.Bump   `json:"bump" yaml:"bump"`
	NextVersion string          `json:"nextVersion" yaml:"nextVersion"`
	Summary     Summary         `json:"summary" yaml:"summary"`
	Changes     []Change        `json:"changes" yaml:"changes"`
}

// Options choose how changes are judged and versions computed.
type Options struct {
	Policy classify.Policy
	Scheme classify.Scheme // empty: detected from the base info.version
	Date   time.Time       // the release date (date scheme)
	Lang   locale.Lang     // the language of the messages (default English)
}

// Build classifies the changes and computes the bump and next version.
func Build(base, rev *diff.Document, changes []diff.Change, opts Options) (*Report, error) {
	if opts.Policy == "" {
		opts.Policy = classify.Contract
	}
	if opts.Lang == "" {
		opts.Lang = locale.En
	}
	scheme := opts.Scheme
	if scheme == "" {
		s, err := classify.DetectScheme(base.Version)
		if err != nil {
			return nil, fmt.Errorf("%s: info.version: %w", base.Name(), err)
		}
		scheme = s
	}
	r := &Report{
		Base:     Spec{File: base.Name(), Version: base.Version},
		Revision: Spec{File: rev.Name(), Version: rev.Version},
		Policy:   opts.Policy,
		Scheme:   scheme,
		Changes:  make([]Change, 0, len(changes)),
	}
	classes := make([]classify.Class, 0, len(changes))
	for _, c := range changes {
		class := classify.Breaking // a rule the table lacks is never dropped
		if rule, ok := classify.Lookup(c.ID); ok {
			class = rule.Class(opts.Policy)
		}
		ops := c.Operations
		if ops == nil {
			ops = []string{}
		}
		r.Changes = append(r.Changes, Change{
			ID: c.ID, Class: class, Operations: ops, Path: commonPath(ops),
			Message: c.Text(opts.Lang), Pointer: c.Pointer, Source: c.Source,
		})
		classes = append(classes, class)
		switch class {
		case classify.Breaking:
			r.Summary.Breaking++
		case classify.Additive:
			r.Summary.Additive++
		default:
			r.Summary.NonContract++
		}
	}
	bump := classify.BumpFor(classes, scheme)
	next, err := classify.Next(scheme, base.Version, bump, opts.Date)
	if err != nil {
		return nil, fmt.Errorf("%s: next version: %w", base.Name(), err)
	}
	r.Bump = classify.Effective(bump, scheme, base.Version)
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
}

// FailOn says which changes fail the gate on their own, besides an
// insufficient version.
type FailOn string

// The FailOn levels.
const (
	FailOnVersion  FailOn = "version"  // only a declared version lower than required
	FailOnBreaking FailOn = "breaking" // also any breaking change
	FailOnAdditive FailOn = "additive" // also any breaking or additive change
	FailOnAny      FailOn = "any"      // also any change at all
)

// ParseFailOn reads a --fail-on value.
func ParseFailOn(s string) (FailOn, error) {
	switch FailOn(s) {
	case FailOnVersion, FailOnBreaking, FailOnAdditive, FailOnAny:
		return FailOn(s), nil
	}
	return "", fmt.Errorf("unknown --fail-on %q (want version, breaking, additive or any)", s)
}

// Check judges the revision's declared info.version against the required
// next version, and the changes against failOn.
func (r *Report) Check(failOn FailOn) (Verdict, error) {
	v := Verdict{OK: true}
	if r.Bump != classify.BumpNone {
		cmp, err := classify.Compare(r.Scheme, r.Revision.Version, r.NextVersion)
		if err != nil {
			return v, fmt.Errorf("%s: info.version %q: %w", r.Revision.File, r.Revision.Version, err)
		}
		if cmp < 0 {
			v.OK = false
			v.Problems = append(v.Problems, fmt.Sprintf(
				"%s declares version %s, but its changes need a %s bump: the revision must carry %s (or higher)",
				r.Revision.File, r.Revision.Version, r.Bump, r.NextVersion))
		}
	}
	count := func(n int, what string) {
		if n > 0 {
			v.OK = false
			v.Problems = append(v.Problems, strings.Join(strings.Fields(fmt.Sprintf("%d %s change(s) found and --fail-on is %s", n, what, failOn)), " "))
		}
	}
	switch failOn {
	case FailOnBreaking:
		count(r.Summary.Breaking, "breaking")
	case FailOnAdditive:
		count(r.Summary.Breaking+r.Summary.Additive, "breaking or additive")
	case FailOnAny:
		count(r.Summary.Breaking+r.Summary.Additive+r.Summary.NonContract, "")
	}
	return v, nil
}
