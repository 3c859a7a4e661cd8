package render

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/apibump/apibump/internal/escape"
	"github.com/apibump/apibump/internal/locale"
	"github.com/apibump/apibump/internal/report"
	"github.com/apibump/apibump/internal/rules"
)

const (
	ansiReset = "\x1b[0m"
	ansiBold  = "\x1b[1m"
	ansiDim   = "\x1b[2m"
)

var classColor = map[rules.Class]string{
	rules.Breaking:    "\x1b[31m",
	rules.Additive:    "\x1b[32m",
	rules.NonContract: "\x1b[36m",
}

// renderText writes the report for a terminal, in colour when asked.
func renderText(b *bytes.Buffer, r *report.Report, opts RenderOptions) error {
	color := opts.Color
	paint := func(code, s string) string {
		if !color || code == "" {
			return s
		}
		return code + s + ansiReset
	}
	t := escape.Text
	fmt.Fprintf(b, "%s %s → %s %s (policy %s, scheme %s)\n", t(ShortName(r.Base.File)), t(VersionText(r.Base.Version)), t(ShortName(r.Revision.File)), t(VersionText(r.Revision.Version)), r.Policy, SchemeText(r.Scheme))
	fmt.Fprintf(b, "bump: %s, next version: %s\n", paint(ansiBold, string(r.Bump)), paint(ansiBold, t(VersionText(r.NextVersion))))
	fmt.Fprintf(b, "changes: %d breaking, %d additive, %d non-contract\n", r.Summary.Breaking, r.Summary.Additive, r.Summary.NonContract)
	fmt.Fprintf(b, "version lives in: %s\n", t(LocationsText(r.Versioning.Locations)))
	if r.Versioning.Advice != "" {
		fmt.Fprintf(b, "advice: %s\n", t(r.Versioning.Advice))
	}
	for _, m := range r.Majors {
		fmt.Fprintf(b, "  %-10s %s\n", t(m.Major), t(MajorText(m)))
	}
	for _, p := range r.Versioning.Problems {
		fmt.Fprintf(b, "version problem: %s\n", t(p))
	}
	for _, n := range r.Versioning.Notes {
		fmt.Fprintf(b, "version note: %s\n", t(n))
	}
	if len(r.Changes) == 0 {
		b.WriteString("\nno changes\n")
		return nil
	}
	for _, g := range Groups(r.Changes, locale.En) {
		fmt.Fprintf(b, "\n%s\n", paint(ansiBold, t(g.Title)))
		for _, c := range g.Changes {
			label := fmt.Sprintf("%-12s", c.Class)
			fmt.Fprintf(b, "  %s %s: %s%s\n", paint(classColor[c.Class], label), t(c.ID), t(c.Message), textLabels(c))
			if len(c.Operations) > 1 && len(c.Reach) == 0 {
				fmt.Fprintf(b, "  %12s reaches %s\n", "", t(strings.Join(c.Operations, ", ")))
			}
			for _, line := range ReachLines(c, locale.En) {
				fmt.Fprintf(b, "  %12s ← %s\n", "", line)
			}
			if c.Source != nil {
				fmt.Fprintf(b, "  %12s %s\n", "", paint(ansiDim, t(c.Source.String())))
			}
		}
	}
	return nil
}

// textLabels is labels for a terminal.
func textLabels(c report.Change) string { return labelsWith(c, escape.Text) }
