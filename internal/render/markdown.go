package render

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/apibump/apibump/internal/escape"
	"github.com/apibump/apibump/internal/locale"
	"github.com/apibump/apibump/internal/report"
)

// renderMarkdown writes the report as a Markdown comment: a summary table
// and the changes per endpoint, every value from the specs escaped.
func renderMarkdown(b *bytes.Buffer, r *report.Report, _ RenderOptions) error {
	md, cell := escape.Markdown, escape.MarkdownCodeCell
	fmt.Fprintf(b, "## API changes: %s → %s\n\n", md(VersionText(r.Base.Version)), md(VersionText(r.NextVersion)))
	fmt.Fprintf(b, "| | |\n|---|---|\n")
	fmt.Fprintf(b, "| Base | %s %s |\n| Revision | %s %s |\n", cell(r.Base.File), md(VersionText(r.Base.Version)), cell(r.Revision.File), md(VersionText(r.Revision.Version)))
	fmt.Fprintf(b, "| Bump | **%s** |\n| Next version | **%s** |\n", r.Bump, md(VersionText(r.NextVersion)))
	fmt.Fprintf(b, "| Changes | %d breaking, %d additive, %d non-contract |\n", r.Summary.Breaking, r.Summary.Additive, r.Summary.NonContract)
	fmt.Fprintf(b, "| Policy | %s |\n", r.Policy)
	fmt.Fprintf(b, "| Version lives in | %s |\n", md(LocationsText(r.Versioning.Locations)))
	for _, m := range r.Majors {
		fmt.Fprintf(b, "| Major %s | %s |\n", md(m.Major), md(MajorText(m)))
	}
	for _, p := range r.Versioning.Problems {
		fmt.Fprintf(b, "\n> **Version problem:** %s\n", md(p))
	}
	for _, n := range r.Versioning.Notes {
		fmt.Fprintf(b, "\n> **Version note:** %s\n", md(n))
	}
	if len(r.Changes) == 0 {
		b.WriteString("\nNo changes.\n")
		return nil
	}
	for _, g := range Groups(r.Changes, locale.En) {
		fmt.Fprintf(b, "\n### %s\n\n", md(g.Title))
		for _, c := range g.Changes {
			fmt.Fprintf(b, "- **%s** %s%s (%s)", c.Class, MarkdownMessage(c, false), MarkdownLabels(c), escape.MarkdownCode(c.ID))
			if len(c.Operations) > 1 && len(c.Reach) == 0 {
				fmt.Fprintf(b, " — reaches %s", md(strings.Join(c.Operations, ", ")))
			}
			if c.Source != nil {
				fmt.Fprintf(b, " — %s", escape.MarkdownCode(c.Source.String()))
			}
			b.WriteString("\n")
			for _, r := range c.Reach {
				fmt.Fprintf(b, "  - %s\n", MarkdownPhrase(ReachPhrase(r, locale.En)))
			}
		}
	}
	return nil
}

// MarkdownMessage is the change's message in Markdown: its words as the
// catalogue wrote them, what it names from the specs escaped, code as code.
func MarkdownMessage(c report.Change, capital bool) string {
	return MarkdownPhrase(MessageWords(c, capital))
}

// MarkdownLabels is labels for Markdown: the values are escaped, the brackets kept.
func MarkdownLabels(c report.Change) string { return labelsWith(c, escape.Markdown) }
