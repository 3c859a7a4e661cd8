// Package changelog renders comparison reports and release entries in every
// output format apibump writes.
package changelog

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/apibump/apibump/classify"
	"github.com/apibump/apibump/report"
	"github.com/apibump/apibump/versioning"
)

// Format is an output format.
type Format string

// The formats of `apibump diff`.
const (
	Text     Format = "text"
	JSON     Format = "json"
	YAML     Format = "yaml"
	Markdown Format = "markdown"
	GitHub   Format = "github"
	JUnit    Format = "junit"
	SARIF    Format = "sarif"
)

// ParseFormat reads a --format value.
func ParseFormat(s string) (Format, error) {
	switch Format(s) {
	case Text, JSON, YAML, Markdown, GitHub, JUnit, SARIF:
		return Format(s), nil
	}
	return "", fmt.Errorf("unknown format %q (want text, json, yaml, markdown, github, junit or sarif)", s)
}

// RenderOptions tune rendering.
type RenderOptions struct {
	Color bool // ANSI colours (text only)
}

// Render writes the report in the format.
func Render(w io.Writer, r *report.Report, f Format, opts RenderOptions) error {
	var b bytes.Buffer
	switch f {
	case JSON:
		enc := json.NewEncoder(&b)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(r); err != nil {
			return err
		}
	case YAML:
		enc := yaml.NewEncoder(&b)
		enc.SetIndent(2)
		if err := enc.Encode(r); err != nil {
			return err
		}
	case Markdown:
		renderMarkdown(&b, r)
	case GitHub:
		if err := RenderGitHub(&b, r); err != nil {
			return err
		}
	case JUnit:
		if err := RenderJUnit(&b, r); err != nil {
			return err
		}
	case SARIF:
		if err := RenderSARIF(&b, r); err != nil {
			return err
		}
	default:
		renderText(&b, r, opts.Color)
	}
	_, err := w.Write(b.Bytes())
	return err
}

// Group is the changes of one endpoint, or of the document or shared components.
type Group struct {
	Title   string
	Changes []report.Change
}

// Titles of the groups that are not one endpoint.
const (
	SharedTitle   = "Shared components (more than one endpoint)"
	DocumentTitle = "Document"
)

// Groups orders the changes by endpoint, then shared components, then the document.
func Groups(changes []report.Change) []Group {
	var out []Group
	index := map[string]int{}
	var shared, document []report.Change
	for _, c := range changes {
		switch len(c.Operations) {
		case 0:
			document = append(document, c)
		case 1:
			t := c.Operations[0]
			i, ok := index[t]
			if !ok {
				i = len(out)
				index[t] = i
				out = append(out, Group{Title: t})
			}
			out[i].Changes = append(out[i].Changes, c)
		default:
			shared = append(shared, c)
		}
	}
	if len(shared) > 0 {
		out = append(out, Group{Title: SharedTitle, Changes: shared})
	}
	if len(document) > 0 {
		out = append(out, Group{Title: DocumentTitle, Changes: document})
	}
	return out
}

const (
	ansiReset = "\x1b[0m"
	ansiBold  = "\x1b[1m"
	ansiDim   = "\x1b[2m"
)

var classColor = map[classify.Class]string{
	classify.Breaking:    "\x1b[31m",
	classify.Additive:    "\x1b[32m",
	classify.NonContract: "\x1b[36m",
}

func renderText(b *bytes.Buffer, r *report.Report, color bool) {
	paint := func(code, s string) string {
		if !color || code == "" {
			return s
		}
		return code + s + ansiReset
	}
	fmt.Fprintf(b, "%s %s → %s %s (policy %s, scheme %s)\n", r.Base.File, r.Base.Version, r.Revision.File, r.Revision.Version, r.Policy, r.Scheme)
	fmt.Fprintf(b, "bump: %s, next version: %s\n", paint(ansiBold, string(r.Bump)), paint(ansiBold, r.NextVersion))
	fmt.Fprintf(b, "changes: %d breaking, %d additive, %d non-contract\n", r.Summary.Breaking, r.Summary.Additive, r.Summary.NonContract)
	fmt.Fprintf(b, "version lives in: %s\n", LocationsText(r.Versioning.Locations))
	if r.Versioning.Advice != "" {
		fmt.Fprintf(b, "advice: %s\n", r.Versioning.Advice)
	}
	for _, m := range r.Majors {
		fmt.Fprintf(b, "  %-10s %s\n", m.Major, MajorText(m))
	}
	for _, p := range r.Versioning.Problems {
		fmt.Fprintf(b, "version problem: %s\n", p)
	}
	for _, n := range r.Versioning.Notes {
		fmt.Fprintf(b, "version note: %s\n", n)
	}
	if len(r.Changes) == 0 {
		b.WriteString("\nno changes\n")
		return
	}
	for _, g := range Groups(r.Changes) {
		fmt.Fprintf(b, "\n%s\n", paint(ansiBold, g.Title))
		for _, c := range g.Changes {
			label := fmt.Sprintf("%-12s", c.Class)
			fmt.Fprintf(b, "  %s %s: %s%s\n", paint(classColor[c.Class], label), c.ID, c.Message, labels(c))
			if len(g.Changes) > 0 && len(c.Operations) > 1 {
				fmt.Fprintf(b, "  %12s reaches %s\n", "", strings.Join(c.Operations, ", "))
			}
			if c.Source != nil {
				fmt.Fprintf(b, "  %12s %s\n", "", paint(ansiDim, c.Source.String()))
			}
		}
	}
}

// LocationsText says where the version lives: "path (v1, v2); header
// Api-Version (v1)", or "info.version only" for an unversioned API.
func LocationsText(locs []versioning.Location) string {
	if len(locs) == 0 {
		return "info.version only"
	}
	var parts []string
	for _, l := range locs {
		majors := strings.Join(l.Majors, ", ")
		if majors == "" {
			majors = "no enum or default: versions unknown"
		}
		parts = append(parts, fmt.Sprintf("%s (%s)", l.Label(), majors))
	}
	return strings.Join(parts, "; ")
}

// MajorText sums up one major: "kept, minor bump → 1.5.0 (0 breaking, 2 additive, 0 non-contract)".
func MajorText(m report.MajorReport) string {
	s := m.Status
	switch {
	case m.NextVersion != "" && m.Bump == classify.BumpNone:
		s += ", no bump: " + m.NextVersion
	case m.NextVersion != "":
		s += fmt.Sprintf(", %s bump → %s", m.Bump, m.NextVersion)
	}
	if m.Sunset != "" {
		s += ", sunset " + m.Sunset
	}
	return s + fmt.Sprintf(" (%d breaking, %d additive, %d non-contract)", m.Summary.Breaking, m.Summary.Additive, m.Summary.NonContract)
}

// labels says, after a message, what changes how the change counts: the
// stability of what it touches and a reviewed exemption.
func labels(c report.Change) string {
	return labelsWith(c, func(s string) string { return s })
}

// mdLabels is labels for Markdown: the reason is escaped, the brackets kept.
func mdLabels(c report.Change) string { return labelsWith(c, mdEscape) }

func labelsWith(c report.Change, escape func(string) string) string {
	var s string
	if c.Stability != "" {
		s += " [" + c.Stability + "]"
	}
	if a := c.Accepted; a != nil {
		s += fmt.Sprintf(" — accepted: %s (until %s)", escape(a.Reason), a.Until)
	}
	return s
}

func renderMarkdown(b *bytes.Buffer, r *report.Report) {
	fmt.Fprintf(b, "## API changes: %s → %s\n\n", r.Base.Version, r.NextVersion)
	fmt.Fprintf(b, "| | |\n|---|---|\n")
	fmt.Fprintf(b, "| Base | `%s` %s |\n| Revision | `%s` %s |\n", r.Base.File, r.Base.Version, r.Revision.File, r.Revision.Version)
	fmt.Fprintf(b, "| Bump | **%s** |\n| Next version | **%s** |\n", r.Bump, r.NextVersion)
	fmt.Fprintf(b, "| Changes | %d breaking, %d additive, %d non-contract |\n", r.Summary.Breaking, r.Summary.Additive, r.Summary.NonContract)
	fmt.Fprintf(b, "| Policy | %s |\n", r.Policy)
	fmt.Fprintf(b, "| Version lives in | %s |\n", mdEscape(LocationsText(r.Versioning.Locations)))
	for _, m := range r.Majors {
		fmt.Fprintf(b, "| Major %s | %s |\n", mdEscape(m.Major), mdEscape(MajorText(m)))
	}
	for _, p := range r.Versioning.Problems {
		fmt.Fprintf(b, "\n> **Version problem:** %s\n", mdEscape(p))
	}
	for _, n := range r.Versioning.Notes {
		fmt.Fprintf(b, "\n> **Version note:** %s\n", mdEscape(n))
	}
	if len(r.Changes) == 0 {
		b.WriteString("\nNo changes.\n")
		return
	}
	for _, g := range Groups(r.Changes) {
		fmt.Fprintf(b, "\n### %s\n\n", mdEscape(g.Title))
		for _, c := range g.Changes {
			fmt.Fprintf(b, "- **%s** %s%s (`%s`)", c.Class, mdEscape(c.Message), mdLabels(c), c.ID)
			if len(c.Operations) > 1 {
				fmt.Fprintf(b, " — reaches %s", mdEscape(strings.Join(c.Operations, ", ")))
			}
			if c.Source != nil {
				fmt.Fprintf(b, " — `%s`", c.Source.String())
			}
			b.WriteString("\n")
		}
	}
}

// mdEscape keeps user text from being read as Markdown or HTML.
func mdEscape(s string) string {
	r := strings.NewReplacer("<", "&lt;", ">", "&gt;", "|", `\|`, "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`)
	return r.Replace(s)
}
