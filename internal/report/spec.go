package report

import "github.com/apibump/apibump/internal/spec"

// VersionLine is the line of the revision's info.version, 0 when it has
// none: where a CI annotation places the verdict of Check.
func (r *Report) VersionLine() int { return r.revVersionLine }

// infoTitle is a document's info.title, "" when it has none.
func infoTitle(d *spec.Document) string {
	if d.Spec == nil || d.Spec.Info == nil {
		return ""
	}
	return d.Spec.Info.Title
}
