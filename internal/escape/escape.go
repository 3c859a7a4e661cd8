// Package escape writes text that came from a pull request (a spec's path
// keys, names, enum values, descriptions, server URLs, media types; a
// configuration's reasons; a file name) safely into each medium apibump
// writes: one function per medium, used by every printer at the point where
// the text is written.
//
// Every function first makes the invisible visible (Text): a line break, an
// escape sequence, a bell or a bidirectional override in a spec is shown as
// \n, \x1b, \x07 or \u202e, so it can neither start a line, drive a
// terminal nor reorder what a reader sees. The medium's own syntax is escaped
// after that.
package escape

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"go.yaml.in/yaml/v4"
)

// hidden tells the runes that are shown escaped: C0 controls (line breaks
// and tabs included), DEL, C1 controls, the line and paragraph separators
// and the format characters (bidirectional overrides and isolates,
// zero-width characters, the byte order mark...).
func hidden(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r == '\u2028', r == '\u2029':
		return true
	case r < 0xad:
		return false
	}
	return unicode.Is(unicode.Cf, r)
}

// visible is s with every hidden rune, and every byte that is not UTF-8,
// written as an escape: \n, \r, \t, \xHH below 0x80 and for stray bytes,
// \uHHHH (or \UHHHHHHHH) above.
func visible(s string) string {
	i := firstHidden(s)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x80 && hidden(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case r > 0xffff && hidden(r):
			fmt.Fprintf(&b, `\U%08x`, r)
		case hidden(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// firstHidden is the index of the first hidden rune or stray byte of s, or -1.
func firstHidden[T ~string | ~[]byte](s T) int {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				return i
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(string(s[i:min(i+utf8.UTFMax, len(s))]))
		if r == utf8.RuneError && n == 1 || hidden(r) {
			return i
		}
		i += n
	}
	return -1
}

// Text escapes s for a terminal, a log or any plain-text output: hidden
// runes are shown escaped (\n, \x1b, \u202e), so s stays on its line and
// cannot move the cursor, set a title, ring or reorder text. A value that
// would start a GitHub Actions workflow command where a line starts
// ("::error::…", "##[group]") has its first character escaped too.
func Text(s string) string {
	s = visible(s)
	t := strings.TrimLeft(s, " ")
	if strings.HasPrefix(t, "::") || strings.HasPrefix(t, "##[") {
		k := len(s) - len(t)
		s = s[:k] + fmt.Sprintf(`\x%02x`, s[k]) + s[k+1:]
	}
	return s
}

// mdPunct are the characters Markdown (GitHub's flavour) reads as markup
// inside a line: emphasis, code, links and images, tables, strikethrough and
// fences, math, and backslash escapes themselves.
const mdPunct = "\\`*_[]|~$"

// Markdown escapes s as text inside a Markdown line (a list item, a heading,
// a table cell, a quote): it cannot end the line, open a heading, list,
// quote, fence or table row, emphasise, link, mention (@team), reference an
// issue (#123) or carry HTML. What it shows reads as s, its hidden runes
// escaped as Text does.
func Markdown(s string) string {
	s = visible(s)
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case strings.IndexByte(mdPunct, c) >= 0:
			b.WriteByte('\\')
			b.WriteByte(c)
		case c == '<':
			b.WriteString("&lt;")
		case c == '>':
			b.WriteString("&gt;")
		case c == '&':
			b.WriteString("&amp;")
		case c == '@' || c == '#' && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9':
			// A mention notifies people and an issue reference links the
			// issue to the comment: a zero-width joiner after the sign
			// keeps both plain text.
			b.WriteByte(c)
			b.WriteString("\u200d")
		default:
			b.WriteByte(c)
		}
	}
	s = b.String()
	// Nothing of s starts a line where apibump writes it; should a printer
	// ever put it there, a list or heading marker stays text.
	if s != "" && strings.IndexByte("-+=#", s[0]) >= 0 {
		return `\` + s
	}
	return s
}

// MarkdownCode writes s as an inline code span: fenced with one backtick
// more than the longest run of backticks in s, padded with a space where s
// starts or ends with a backtick or a space, its hidden runes escaped as Text
// does. GitHub renders nothing inside a code span: no mention, link or HTML.
// Inside a table cell use MarkdownCodeCell.
func MarkdownCode(s string) string {
	s = visible(s)
	longest, run := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	switch {
	case s == "":
		s = " "
	case s[0] == '`' || s[len(s)-1] == '`' || s[0] == ' ' || s[len(s)-1] == ' ':
		s = " " + s + " "
	}
	return fence + s + fence
}

// MarkdownCodeCell is MarkdownCode for a table cell, where a pipe would
// end the cell even inside a code span: GitHub reads \| there as a pipe.
func MarkdownCodeCell(s string) string {
	return strings.ReplaceAll(MarkdownCode(s), "|", `\|`)
}

// WorkflowData escapes the message of a GitHub Actions workflow command
// (::error file=…::message) as the Actions toolkit's escapeData does, after
// making its hidden runes visible: no text of s can end the command or
// start another.
func WorkflowData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(visible(s))
}

// WorkflowProperty escapes a property value of a GitHub Actions workflow
// command (file=…,title=…) as the Actions toolkit's escapeProperty does,
// after making its hidden runes visible.
func WorkflowProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(visible(s))
}

// JSON rewrites, in the output of encoding/json, the hidden runes the
// encoder leaves as they are (DEL, C1 controls, bidirectional and other
// format characters) as \u escapes: the document decodes to the same values,
// and shown on a terminal or in a log it cannot drive or reorder it. The
// encoder already escapes the C0 controls and U+2028/U+2029; outside its
// strings a JSON document is ASCII.
func JSON(b []byte) []byte {
	return rewriteHidden(b, func(out, raw []byte, r rune) []byte {
		switch {
		case r < 0x20: // between the encoder's lines
			return append(out, raw...)
		case r > 0xffff:
			r1, r2 := utf16.EncodeRune(r)
			return fmt.Appendf(out, `\u%04x\u%04x`, r1, r2)
		}
		return fmt.Appendf(out, `\u%04x`, r)
	})
}

// YAML rewrites the hidden runes of a YAML document whose scalars holding
// them are all double-quoted (see QuoteYAML) as the escapes of
// double-quoted scalars: the line feeds between lines are kept, every other
// hidden rune the emitter wrote raw (a tab, a bidirectional override, a
// separator) becomes \t or \uXXXX, so the document decodes to the same
// values and shows no hidden rune.
func YAML(b []byte) []byte {
	return rewriteHidden(b, func(out, raw []byte, r rune) []byte {
		switch {
		case r == '\n':
			return append(out, raw...)
		case r == '\t':
			return append(out, `\t`...)
		case r > 0xffff:
			return fmt.Appendf(out, `\U%08x`, r)
		}
		return fmt.Appendf(out, `\u%04x`, r)
	})
}

// rewriteHidden copies b, each hidden rune (raw, decoded as r) written by esc.
func rewriteHidden(b []byte, esc func(out, raw []byte, r rune) []byte) []byte {
	i := firstHidden(b)
	if i < 0 {
		return b
	}
	out := make([]byte, 0, len(b)+16)
	out = append(out, b[:i]...)
	for i < len(b) {
		r, n := utf8.DecodeRune(b[i:])
		if n == 1 && r == utf8.RuneError || !hidden(r) {
			out = append(out, b[i:i+n]...)
		} else {
			out = esc(out, b[i:i+n], r)
		}
		i += n
	}
	return out
}

// QuoteYAML double-quotes every scalar of the tree n (keys included) that
// holds a hidden rune, so that the emitter writes it on one line with
// escapes (never as a block scalar whose lines would start with its text);
// YAML then escapes what the emitter still writes raw.
func QuoteYAML(n *yaml.Node) {
	if n.Kind == yaml.ScalarNode && firstHidden(n.Value) >= 0 {
		n.Style = yaml.DoubleQuotedStyle
	}
	for _, c := range n.Content {
		QuoteYAML(c)
	}
}

// Excerpt is at most limit runes of s as Text shows it, on one line, with
// "…" where it was cut: what may be quoted of a text that came from outside.
func Excerpt(s string, limit int) string {
	s = Text(strings.Join(strings.Fields(s), " "))
	if utf8.RuneCountInString(s) <= limit {
		return s
	}
	n := 0
	for i := range s {
		if n == limit {
			return s[:i] + "…"
		}
		n++
	}
	return s
}
