package release

import (
	"fmt"

	"github.com/apibump/apibump/internal/report"
)

// Decide returns the version a release of the report ships: the next
// version its changes require, or the version the revision declares when it
// is higher (a deliberate higher bump stands). It refuses (a *Refusal)
// when the version did not move where it lives (the report's versioning
// problems), or when the revision declares, other than the base's, a
// version lower than its changes require; force releases the required
// version anyway, and so does the computed flow (computed: pull requests
// leave info.version to the release, so a lower one is stamped over). A
// declared version the scheme cannot read is an error naming revName.
func Decide(r *report.Report, revName string, force, computed bool) (string, error) {
	if len(r.Versioning.Problems) > 0 && !force {
		return "", &Refusal{Problems: r.Versioning.Problems}
	}
	version := r.NextVersion
	declared := r.Revision.Version
	if declared != r.Base.Version && declared != "" {
		cmp, err := r.Scheme.Compare(declared, r.NextVersion)
		if err != nil {
			return "", fmt.Errorf("%s: info.version %q: %w", revName, declared, err)
		}
		switch {
		case cmp < 0 && !force && !computed:
			return "", &Refusal{revName: revName, declared: declared, report: r}
		case cmp > 0:
			version = declared
		}
	}
	return version, nil
}

// Refusal is a release refused: either the version did not move where it
// lives (Problems), or the revision declares a lower version than its
// changes need.
type Refusal struct {
	Problems []string

	revName, declared string
	report            *report.Report
}

func (e *Refusal) Error() string {
	lines := e.Lines(func(s string) string { return s })
	return lines[len(lines)-1]
}

// Lines says why, one line each, esc escaping what comes from the specs
// for the medium the lines are shown in.
func (e *Refusal) Lines(esc func(string) string) []string {
	if e.report == nil {
		var out []string
		for _, p := range e.Problems {
			out = append(out, esc(p))
		}
		return append(out, "release refused: the version did not move where it lives (see above); fix the spec or pass --force")
	}
	r := e.report
	return []string{fmt.Sprintf("release refused: %s declares %s, but its changes need a %s bump to %s; fix info.version or pass --force",
		esc(e.revName), esc(e.declared), r.Bump, esc(r.NextVersion))}
}
