package report

import "github.com/apibump/apibump/internal/spec"

// VersionLine is the line of the revision's info.version, 0 when it has
// none: where a CI annotation places the verdict of Check.
func (r *Report) VersionLine() int { return r.revVersionLine }

// infoTitle is a document's info.title, "" when it has none. It is read
// from the trees: the comparison builds kin-openapi's model of a reduced or
// normalised copy of the document, if any.
func infoTitle(d *spec.Document) string { return d.InfoField("title") }
