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

	"github.com/apibump/apibump/internal/escape"
	"github.com/apibump/apibump/internal/locale"
	"github.com/apibump/apibump/internal/report"
	"github.com/apibump/apibump/internal/rules"
	"github.com/apibump/apibump/internal/scheme"
	"github.com/apibump/apibump/internal/versioning"
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
		if err := WriteJSON(&b, r); err != nil {
			return err
		}
	case YAML:
		if err := writeYAML(&b, r); err != nil {
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

var classColor = map[rules.Class]string{
	rules.Breaking:    "\x1b[31m",
	rules.Additive:    "\x1b[32m",
	rules.NonContract: "\x1b[36m",
}

// WriteJSON writes v as indented JSON (HTML characters as they are) whose
// hidden runes are escaped (escape.JSON): apibump's JSON outputs.
func WriteJSON(w io.Writer, v any) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(escape.JSON(b.Bytes()))
	return err
}

// writeYAML writes v as YAML: a string holding a hidden rune is
// double-quoted, where the rune is written as an escape, so no string can
// spread over lines (as a block scalar would) or hold raw controls.
func writeYAML(w io.Writer, v any) error {
	var n yaml.Node
	if err := n.Encode(v); err != nil {
		return err
	}
	escape.QuoteYAML(&n)
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(&n); err != nil {
		return err
	}
	_, err := w.Write(escape.YAML(b.Bytes()))
	return err
}

func renderText(b *bytes.Buffer, r *report.Report, color bool) {
	paint := func(code, s string) string {
		if !color || code == "" {
			return s
		}
		return code + s + ansiReset
	}
	t := escape.Text
	fmt.Fprintf(b, "%s %s → %s %s (policy %s, scheme %s)\n", t(r.Base.File), t(r.Base.Version), t(r.Revision.File), t(r.Revision.Version), r.Policy, r.Scheme)
	fmt.Fprintf(b, "bump: %s, next version: %s\n", paint(ansiBold, string(r.Bump)), paint(ansiBold, t(r.NextVersion)))
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
		return
	}
	for _, g := range Groups(r.Changes) {
		fmt.Fprintf(b, "\n%s\n", paint(ansiBold, t(g.Title)))
		for _, c := range g.Changes {
			label := fmt.Sprintf("%-12s", c.Class)
			fmt.Fprintf(b, "  %s %s: %s%s\n", paint(classColor[c.Class], label), t(c.ID), t(c.Message), textLabels(c))
			if len(g.Changes) > 0 && len(c.Operations) > 1 {
				fmt.Fprintf(b, "  %12s reaches %s\n", "", t(strings.Join(c.Operations, ", ")))
			}
			if c.Source != nil {
				fmt.Fprintf(b, "  %12s %s\n", "", paint(ansiDim, t(c.Source.String())))
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
	case m.NextVersion != "" && m.Bump == scheme.BumpNone:
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
// stability of what it touches and a reviewed exemption, their text as it
// came (the caller escapes the whole).
func labels(c report.Change) string {
	return labelsWith(c, func(s string) string { return s })
}

// textLabels is labels for a terminal.
func textLabels(c report.Change) string { return labelsWith(c, escape.Text) }

// mdLabels is labels for Markdown: the values are escaped, the brackets kept.
func mdLabels(c report.Change) string { return labelsWith(c, escape.Markdown) }

func labelsWith(c report.Change, esc func(string) string) string {
	var s string
	if c.Stability != "" {
		s += " [" + esc(c.Stability) + "]"
	}
	if a := c.Accepted; a != nil {
		s += fmt.Sprintf(" — accepted: %s (until %s)", esc(a.Reason), esc(a.Until))
	}
	return s
}

// messageWords is the change's message cut into words, code spans and the
// values it names (see locale.Phrase.Words); capital starts it with a
// capital letter, unless it starts with code.
func messageWords(c report.Change, capital bool) locale.Phrase {
	p := c.MessagePhrase().Words()
	if capital && len(p) > 0 && !p[0].Code {
		p = append(locale.Phrase{{Text: sentenceCase(p[0].Text), Value: p[0].Value}}, p[1:]...)
	}
	return p
}

// mdMessage is the change's message in Markdown: its words as the
// catalogue wrote them, what it names from the specs escaped, code as code.
func mdMessage(c report.Change, capital bool) string {
	var b strings.Builder
	for _, part := range messageWords(c, capital) {
		if part.Code {
			b.WriteString(escape.MarkdownCode(part.Text))
		} else {
			b.WriteString(escape.Markdown(part.Text))
		}
	}
	return b.String()
}

func renderMarkdown(b *bytes.Buffer, r *report.Report) {
	md, cell := escape.Markdown, escape.MarkdownCodeCell
	fmt.Fprintf(b, "## API changes: %s → %s\n\n", md(r.Base.Version), md(r.NextVersion))
	fmt.Fprintf(b, "| | |\n|---|---|\n")
	fmt.Fprintf(b, "| Base | %s %s |\n| Revision | %s %s |\n", cell(r.Base.File), md(r.Base.Version), cell(r.Revision.File), md(r.Revision.Version))
	fmt.Fprintf(b, "| Bump | **%s** |\n| Next version | **%s** |\n", r.Bump, md(r.NextVersion))
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
		return
	}
	for _, g := range Groups(r.Changes) {
		fmt.Fprintf(b, "\n### %s\n\n", md(g.Title))
		for _, c := range g.Changes {
			fmt.Fprintf(b, "- **%s** %s%s (%s)", c.Class, mdMessage(c, false), mdLabels(c), escape.MarkdownCode(c.ID))
			if len(c.Operations) > 1 {
				fmt.Fprintf(b, " — reaches %s", md(strings.Join(c.Operations, ", ")))
			}
			if c.Source != nil {
				fmt.Fprintf(b, " — %s", escape.MarkdownCode(c.Source.String()))
			}
			b.WriteString("\n")
		}
	}
}
