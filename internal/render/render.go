// Package render writes a comparison report in the format --format names
// (Render, ParseFormat): one file per format, and the pieces the release
// entry's renderers (package changelog) share with them: the groups of
// changes per endpoint, the message of a change in words and in Markdown,
// apibump's JSON writer.
package render

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/apibump/apibump/internal/locale"
	"github.com/apibump/apibump/internal/report"
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

// renderers write a report in each format, in the order the formats are
// listed: one file per format (text.go, json.go, ...).
var renderers = []struct {
	format Format
	render func(*bytes.Buffer, *report.Report, RenderOptions) error
}{
	{Text, renderText},
	{JSON, renderJSON},
	{YAML, renderYAML},
	{Markdown, renderMarkdown},
	{GitHub, renderGitHub},
	{JUnit, renderJUnit},
	{SARIF, renderSARIF},
}

// ParseFormat reads a --format value.
func ParseFormat(s string) (Format, error) {
	for _, r := range renderers {
		if string(r.format) == s {
			return r.format, nil
		}
	}
	return "", fmt.Errorf("unknown format %q (want %s)", s, FormatList(Formats()...))
}

// Formats are the formats Render writes, in the order of the renderers
// table: the one list every --format help and message is made from.
func Formats() []Format {
	out := make([]Format, len(renderers))
	for i, r := range renderers {
		out[i] = r.format
	}
	return out
}

// FormatList names formats in words: "text, json or yaml".
func FormatList(formats ...Format) string {
	names := make([]string, len(formats))
	for i, f := range formats {
		names[i] = string(f)
	}
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// RenderOptions tune rendering.
type RenderOptions struct {
	Color bool // ANSI colours (text only)
	// Root is the directory the CI formats (github, junit, sarif) name files
	// from, the repository's top (GITHUB_WORKSPACE); empty: the working directory.
	Root string
}

// Render writes the report in the format; a format it does not know is text.
func Render(w io.Writer, r *report.Report, f Format, opts RenderOptions) error {
	render := renderText
	for _, x := range renderers {
		if x.format == f {
			render = x.render
		}
	}
	var b bytes.Buffer
	if err := render(&b, r, opts); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}

// Group is the changes of one endpoint, or of the document or shared components.
type Group struct {
	Title   string          `json:"title"`
	Changes []report.Change `json:"changes"`
}

// Groups orders the changes by endpoint, then shared components, then the
// document; the titles of the last two are the locale's ("components",
// "document"), the same in diff and in the changelog.
func Groups(changes []report.Change, lang locale.Lang) []Group {
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
		out = append(out, Group{Title: locale.T(lang, "components"), Changes: shared})
	}
	if len(document) > 0 {
		out = append(out, Group{Title: locale.T(lang, "document"), Changes: document})
	}
	return out
}

// VersionText is a version as the reports print it: "(none)" for a
// document that declares no info.version, and for the next version then.
func VersionText(v string) string {
	if v == "" {
		return "(none)"
	}
	return v
}

// SchemeText is the scheme as the reports print it: "unknown" when it was
// neither given nor detected (the base declares no version).
func SchemeText(s scheme.Scheme) string {
	if s == "" {
		return "unknown"
	}
	return string(s)
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

func labelsWith(c report.Change, esc func(string) string) string {
	var s string
	if c.Stability != "" {
		s += " [" + esc(c.Stability) + "]"
	}
	if a := c.Accepted; a != nil {
		s += " — accepted: " + esc(a.Reason)
		if a.Until != "" {
			s += " (until " + esc(a.Until) + ")"
		}
	}
	return s
}

// MessageWords is the change's message cut into words, code spans and the
// values it names (see locale.Phrase.Words); capital starts it with a
// capital letter when it starts with a word of its template: never with
// code, nor with a value from the specs (an identifier keeps its case:
// `is_private`, not `Is_private`). A message known only as text (a report
// built by hand) is taken to start with a word unless it starts with code.
func MessageWords(c report.Change, capital bool) locale.Phrase {
	p := c.MessagePhrase().Words()
	if capital && len(p) > 0 && !p[0].Code && (!p[0].Value || c.Phrase == nil) {
		p = append(locale.Phrase{{Text: sentenceCase(p[0].Text), Value: p[0].Value}}, p[1:]...)
	}
	return p
}

// sentenceCase starts a message with a capital letter.
func sentenceCase(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError || !unicode.IsLower(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
