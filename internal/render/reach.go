package render

import (
	"strings"

	"github.com/apibump/apibump/internal/escape"
	"github.com/apibump/apibump/internal/finding"
	"github.com/apibump/apibump/internal/locale"
	"github.com/apibump/apibump/internal/report"
)

// ReachPhrase says how one operation reaches the component a change is
// in: "GET /shelves/{id}: response 200, application/json, via `first`",
// or how many other ways it does ("GET /a: response, and 12 more ways"),
// the values from the specs kept apart for each output to escape.
func ReachPhrase(r finding.Reach, l locale.Lang) locale.Phrase {
	p := locale.Phrase{{Text: r.Operation, Value: true}}
	sep := locale.T(l, "reach.sep")
	add := func(parts ...locale.Part) {
		p = append(p, locale.Part{Text: sep})
		p = append(p, parts...)
		sep = ", "
	}
	if r.Direction != "" {
		words := locale.Part{Text: locale.T(l, "reach."+r.Direction)}
		if r.Status != "" {
			add(words, locale.Part{Text: " "}, locale.Part{Text: r.Status, Value: true})
		} else {
			add(words)
		}
	} else if r.Status != "" {
		add(locale.Part{Text: r.Status, Value: true})
	}
	if r.MediaType != "" {
		add(locale.Part{Text: r.MediaType, Value: true})
	}
	if r.Parameter != "" {
		before, after, _ := strings.Cut(locale.T(l, "reach.parameter", "\x00"), "\x00")
		add(locale.Part{Text: before}, locale.Part{Text: r.Parameter, Value: true, Code: true}, locale.Part{Text: after})
	}
	if r.Via != "" {
		before, after, _ := strings.Cut(locale.T(l, "reach.via", "\x00"), "\x00")
		add(locale.Part{Text: before}, locale.Part{Text: r.Via, Value: true, Code: true}, locale.Part{Text: after})
	}
	if r.More > 0 {
		add(locale.Part{Text: locale.N(l, "reach.more", r.More)})
	}
	out := p[:0]
	for _, part := range p {
		if part.Text != "" {
			out = append(out, part)
		}
	}
	return out
}

// ReachLines are the ways the operations reach the component a change is
// in, one per operation and way, as plain text (escape.Text).
func ReachLines(c report.Change, l locale.Lang) []string {
	out := make([]string, len(c.Reach))
	for i, r := range c.Reach {
		out[i] = escape.Text(ReachPhrase(r, l).String())
	}
	return out
}

// MarkdownPhrase writes a phrase in Markdown: its words as the catalogue
// wrote them, the values from the specs escaped, code as code.
func MarkdownPhrase(p locale.Phrase) string {
	var b strings.Builder
	for _, part := range p {
		switch {
		case part.Code:
			b.WriteString(escape.MarkdownCode(part.Text))
		default:
			b.WriteString(escape.Markdown(part.Text))
		}
	}
	return b.String()
}
