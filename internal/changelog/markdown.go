package changelog

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/apibump/apibump/internal/escape"
	"github.com/apibump/apibump/internal/locale"
	"github.com/apibump/apibump/internal/render"
	"github.com/apibump/apibump/internal/report"
)

// EntryFormat is an output format of `apibump changelog`.
type EntryFormat string

// The entry formats.
const (
	EntryMarkdown EntryFormat = "markdown"
	EntryJSON     EntryFormat = "json"
	EntryHTML     EntryFormat = "html"
)

// ParseEntryFormat reads a --format value of `apibump changelog`.
func ParseEntryFormat(s string) (EntryFormat, error) {
	switch EntryFormat(s) {
	case EntryMarkdown, EntryJSON, EntryHTML:
		return EntryFormat(s), nil
	}
	return "", fmt.Errorf("unknown format %q (want markdown, json or html)", s)
}

// RenderEntry writes the entry in the format.
func RenderEntry(w io.Writer, e *Entry, f EntryFormat) error {
	switch f {
	case EntryJSON:
		return render.WriteJSON(w, e)
	case EntryHTML:
		return RenderHTML(w, e)
	}
	_, err := w.Write(e.Markdown())
	return err
}

// bigSection is the size from which a section shows its rule counts and
// keeps the full list in a details block.
const bigSection = 40

// maxReach is how many endpoints a shared change names before "and N more".
const maxReach = 5

// stateMarker starts the hidden line that keeps the supported-versions state
// in CHANGELOG.md, so the next release remembers each old major's window.
const stateMarker = "<!-- apibump "

// state is what an entry records for the next release.
type state struct {
	Version   string  `json:"version"`
	Date      string  `json:"date"`
	Supported []Major `json:"supported"`
}

// Markdown renders the entry in Keep a Changelog form. Every text that
// came from the specs, the configuration or CHANGELOG.md is escaped for
// Markdown where it is written (package escape).
func (e *Entry) Markdown() []byte {
	var b bytes.Buffer
	l := e.Lang
	md := escape.Markdown
	fmt.Fprintf(&b, "## [%s] - %s\n", md(e.Version), md(e.Date))
	if e.Version != Unreleased { // an entry without a version records no supported versions
		st, _ := json.Marshal(state{Version: e.Version, Date: e.Date, Supported: e.Supported})
		fmt.Fprintf(&b, "%s%s -->\n", stateMarker, st)
	}
	fmt.Fprintf(&b, "\n%s (%s %s → %s)\n", locale.T(l, "summary", e.Summary.Breaking, e.Summary.Additive, e.Summary.NonContract),
		md(render.ShortName(e.Base.File)), md(render.VersionText(e.Base.Version)), md(e.Version))
	for _, w := range e.Warnings {
		fmt.Fprintf(&b, "\n> **%s** %s\n", locale.T(l, "warning"), md(w))
	}
	if d := e.Deprecation; d != nil {
		// The header values are apibump's: a number and a date.
		fmt.Fprintf(&b, "\n%s %s\n\n```\nDeprecation: %s\nSunset: %s\n```\n",
			locale.T(l, "deprecation.window", md(d.PreviousMajor), md(d.Sunset), locale.N(l, "count.days", d.Days)),
			locale.T(l, "deprecation.headers", md(d.PreviousMajor)), escape.Text(d.Headers.Deprecation), escape.Text(d.Headers.Sunset))
	}
	if st := e.Stranded; st != nil {
		fmt.Fprintf(&b, "\n%s\n", locale.T(l, "stranded", md(st.PreviousMajor)))
		if st.Advice != "" {
			fmt.Fprintf(&b, "\n> %s\n", md(st.Advice))
		}
	}
	if e.Deprecation != nil || len(e.Supported) > 1 {
		fmt.Fprintf(&b, "\n**%s**\n\n| %s | %s | %s |\n| --- | --- | --- |\n", locale.T(l, "supported.title"),
			locale.T(l, "supported.major"), locale.T(l, "supported.status"), locale.T(l, "supported.sunset"))
		for _, m := range e.Supported {
			fmt.Fprintf(&b, "| %s | %s | %s |\n", md(m.Major), md(locale.T(l, "status."+m.Status)), md(m.Sunset))
		}
	}
	if len(e.Versioning.Locations) > 0 {
		fmt.Fprintf(&b, "\n%s\n", locale.T(l, "version.lives", md(render.LocationsText(e.Versioning.Locations))))
	}
	if len(e.Sections) == 0 {
		fmt.Fprintf(&b, "\n%s\n", locale.T(l, "no-changes"))
	}
	if len(e.MajorSections) > 0 {
		for _, m := range e.MajorSections {
			fmt.Fprintf(&b, "\n### %s\n", md(m.Title))
			if len(m.Sections) == 0 {
				fmt.Fprintf(&b, "\n%s\n", locale.T(l, "major.unchanged"))
			}
			writeSections(&b, m.Sections, l, "####")
		}
		return b.Bytes()
	}
	writeSections(&b, e.Sections, l, "###")
	return b.Bytes()
}

// writeSections writes sections under headings of the given level; their
// endpoint groups go one level below.
func writeSections(b *bytes.Buffer, sections []Section, l locale.Lang, level string) {
	for _, s := range sections {
		fmt.Fprintf(b, "\n%s %s\n", level, s.Title)
		if s.Count > bigSection {
			b.WriteString("\n")
			for _, r := range s.Rules {
				fmt.Fprintf(b, "- %s: %s\n", escape.MarkdownCode(r.ID), ruleCount(l, r))
			}
			fmt.Fprintf(b, "\n<details>\n<summary>%s (%d)</summary>\n", locale.T(l, "details"), s.Count)
			writeGroups(b, s.Groups, l, level+"#")
			b.WriteString("\n</details>\n")
			continue
		}
		writeGroups(b, s.Groups, l, level+"#")
	}
}

func writeGroups(b *bytes.Buffer, groups []render.Group, l locale.Lang, level string) {
	for _, g := range groups {
		fmt.Fprintf(b, "\n%s %s\n\n", level, escape.Markdown(g.Title))
		for _, c := range g.Changes {
			fmt.Fprintf(b, "- %s%s (%s)", render.MarkdownMessage(c, true), render.MarkdownLabels(c), escape.MarkdownCode(c.ID))
			switch {
			case len(c.Reach) > 0:
				b.WriteString("\n")
				for i, r := range c.Reach {
					if i == maxReach {
						fmt.Fprintf(b, "  - %s\n", locale.T(l, "and-more", len(c.Reach)-maxReach))
						break
					}
					fmt.Fprintf(b, "  - %s\n", render.MarkdownPhrase(render.ReachPhrase(r, l)))
				}
				continue
			case len(c.Operations) > 1:
				fmt.Fprintf(b, " — %s", locale.T(l, "reaches", escape.Markdown(reach(c, l))))
			}
			b.WriteString("\n")
		}
	}
}

// reach lists the operations a change reaches, the first few by name.
func reach(c report.Change, l locale.Lang) string {
	ops := c.Operations
	if len(ops) <= maxReach {
		return strings.Join(ops, ", ")
	}
	return strings.Join(ops[:maxReach], ", ") + " " + locale.T(l, "and-more", len(ops)-maxReach)
}

// ruleCount says how many changes a rule has in a section and across how
// many endpoints: "1 change", "3 changes across 2 endpoints" (none named
// when they reach no endpoint: components, the document).
func ruleCount(l locale.Lang, r RuleCount) string {
	changes := locale.N(l, "count.changes", r.Count)
	if r.Endpoints == 0 {
		return changes
	}
	return locale.T(l, "rule.count", changes, locale.N(l, "count.endpoints", r.Endpoints))
}
