package render

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/apibump/apibump/internal/escape"
	"github.com/apibump/apibump/internal/report"
)

// RenderGitHub writes one GitHub Actions workflow command per change at its
// place in the revision, in the report's order: ::error for breaking changes,
// ::warning for unclassified ones (rule id "unclassified-change"), ::notice
// for additive ones. Non-contract changes produce nothing; accepted changes a
// ::notice that says they are accepted.
func RenderGitHub(w io.Writer, r *report.Report) error {
	return writeGitHub(w, r, "")
}

// writeGitHub is RenderGitHub with the files named from root (ciPath).
func writeGitHub(w io.Writer, r *report.Report, root string) error {
	var b bytes.Buffer
	for _, c := range r.Changes {
		level := levelOf(c)
		if level == levelNone {
			continue
		}
		cmd := "notice"
		if c.Accepted == nil {
			switch level {
			case levelError:
				cmd = "error"
			case levelWarning:
				cmd = "warning"
			}
		}
		var props []string
		if p := anchorOf(c); p != nil && p.File != "" {
			props = append(props, "file="+escape.WorkflowProperty(ciPath(p.File, root)))
			if p.Line > 0 {
				props = append(props, "line="+strconv.Itoa(p.Line))
				if p.Column > 0 {
					props = append(props, "col="+strconv.Itoa(p.Column))
				}
			}
		}
		props = append(props, "title="+escape.WorkflowProperty(c.ID))
		fmt.Fprintf(&b, "::%s %s::%s\n", cmd, strings.Join(props, ","), escape.WorkflowData(ciMessage(c)))
	}
	// Where the version lives: the problems fail the check, the notes do not.
	where := "file=" + escape.WorkflowProperty(ciPath(r.Revision.File, root))
	if len(r.Versioning.Locations) > 0 {
		if p := r.Versioning.Locations[0].Source; p != nil && p.File != "" && p.Line > 0 {
			where = fmt.Sprintf("file=%s,line=%d", escape.WorkflowProperty(ciPath(p.File, root)), p.Line)
		}
	}
	for _, p := range r.Versioning.Problems {
		fmt.Fprintf(&b, "::error %s,title=version-not-moved::%s\n", where, escape.WorkflowData(p))
	}
	for _, n := range r.Versioning.Notes {
		fmt.Fprintf(&b, "::notice %s,title=version-moved::%s\n", where, escape.WorkflowData(n))
	}
	_, err := w.Write(b.Bytes())
	return err
}

func renderGitHub(b *bytes.Buffer, r *report.Report, opts RenderOptions) error {
	return writeGitHub(b, r, opts.Root)
}

// RenderGitHubVerdict writes check's verdict as workflow commands on the
// revision's info.version line: ::error for each problem, ::warning for each
// note, except those of where the version lives, which RenderGitHub already
// placed. root names the file as in RenderOptions.
func RenderGitHubVerdict(w io.Writer, r *report.Report, v report.Verdict, root string) error {
	where := "file=" + escape.WorkflowProperty(ciPath(r.Revision.File, root))
	if line := r.VersionLine(); line > 0 {
		where += ",line=" + strconv.Itoa(line)
	}
	placed := map[string]bool{}
	for _, s := range append(append([]string(nil), r.Versioning.Problems...), r.Versioning.Notes...) {
		placed[s] = true
	}
	var b bytes.Buffer
	for _, p := range v.Problems {
		if !placed[p] {
			fmt.Fprintf(&b, "::error %s,title=check-failed::%s\n", where, escape.WorkflowData(p))
		}
	}
	for _, n := range v.Notes {
		if !placed[n] {
			fmt.Fprintf(&b, "::warning %s,title=check-note::%s\n", where, escape.WorkflowData(n))
		}
	}
	_, err := w.Write(b.Bytes())
	return err
}
