package report

// VersionLine is the line of the revision's info.version, 0 when it has
// none: where a CI annotation places the verdict of Check.
func (r *Report) VersionLine() int { return r.revVersionLine }
