package locale

import (
	"strconv"
	"strings"
)

// Part is a piece of a sentence: words of a template (apibump's or
// oasdiff's catalogue, trusted, where a `code span` may be written in
// backticks) or one value the template was filled with (a path, a name, an
// enum value: text from the specs, which every output escapes for its
// medium).
type Part struct {
	Text string
	// Value is set for a value the template was filled with.
	Value bool
	// Code is set for a value shown as code (oasdiff quotes each of its
	// values in backticks): String writes it as `Text`.
	Code bool
}

// Phrase is a sentence kept as the words of its template and the values
// they were filled with, so that each output can escape the values alone.
type Phrase []Part

// String is the sentence as plain text, values shown as code in backticks,
// as oasdiff writes its messages.
func (p Phrase) String() string {
	var b strings.Builder
	for _, part := range p {
		if part.Code {
			b.WriteString("`" + part.Text + "`")
		} else {
			b.WriteString(part.Text)
		}
	}
	return b.String()
}

// Words is p as plain text whose template words are split at their
// backticks: a part for each run of words and each `code span` they write
// (Code set, Value not). Values are kept as they are.
func (p Phrase) Words() Phrase {
	var out Phrase
	for _, part := range p {
		if part.Value {
			out = append(out, part)
			continue
		}
		pieces := strings.Split(part.Text, "`")
		if len(pieces)%2 == 0 { // an unpaired backtick: words only
			out = append(out, part)
			continue
		}
		for i, s := range pieces {
			if s != "" {
				out = append(out, Part{Text: s, Code: i%2 == 1})
			}
		}
	}
	return out
}

// Quoted reads a message written by Phrase.String back, when only the text
// is known (a report built by hand, or read from JSON): each `code span` is
// taken for a value shown as code, the rest for untrusted text. An
// unpaired backtick makes the whole message one untrusted value.
func Quoted(s string) Phrase {
	pieces := strings.Split(s, "`")
	if len(pieces)%2 == 0 {
		return Phrase{{Text: s, Value: true}}
	}
	var out Phrase
	for i, piece := range pieces {
		if piece != "" || i%2 == 1 {
			out = append(out, Part{Text: piece, Value: true, Code: i%2 == 1})
		}
	}
	return out
}

// placeholder stands for value i while a template is filled: noncharacters
// that no catalogue holds.
func placeholder(i int) string { return "\ufdd0" + strconv.Itoa(i) + "\ufdd1" }

// fill calls format with a placeholder for each string value and each
// Phrase, then cuts the sentence it returns at the placeholders: a string
// becomes a value, a Phrase (a place in words, package placewords) is put
// in as it is, its words words and its values values. Other values
// (counts) are formatted as they are, as words.
func fill(format func(args ...any) string, args []any, code bool) Phrase {
	values := map[string]string{}
	phrases := map[string]Phrase{}
	a := make([]any, len(args))
	for i, x := range args {
		switch x := x.(type) {
		case string:
			a[i] = placeholder(i)
			values[placeholder(i)] = x
		case Phrase:
			a[i] = placeholder(i)
			phrases[placeholder(i)] = x
		default:
			a[i] = x
		}
	}
	text := format(a...)
	var out Phrase
	for text != "" {
		start := strings.Index(text, "\ufdd0")
		end := strings.Index(text, "\ufdd1")
		if start < 0 || end < start {
			out = append(out, Part{Text: text})
			break
		}
		end += len("\ufdd1")
		v, ok := values[text[start:end]]
		if start > 0 {
			out = append(out, Part{Text: text[:start]})
		}
		if ok {
			out = append(out, Part{Text: v, Value: true, Code: code})
		}
		out = append(out, phrases[text[start:end]]...)
		text = text[end:]
	}
	return out
}

// P returns apibump's sentence key in lang, as T does, its string values
// kept apart as values.
func P(lang Lang, key string, args ...any) Phrase {
	c, _ := apibump()
	return fill(func(a ...any) string { return translate(c, lang, key, a...) }, args, false)
}

// OasdiffSentence returns one of oasdiff's messages in lang, written with
// the catalogue sentence key and values (package upstream reads them off a
// finding), as a phrase: the values kept apart as code values, then what
// text (the whole message, as oasdiff writes it) holds after the sentence,
// the details (a media type, a shared schema), as details gives them:
// untrusted words with the values they name as code values. Details that do
// not write what text holds after the sentence are taken as one untrusted
// value. When the sentence does not start text, text is read back as Quoted
// does.
func OasdiffSentence(lang Lang, key string, values []any, text string, details Phrase) Phrase {
	l := Oasdiff(lang)
	p := fill(func(a ...any) string { return l(key, a...) }, values, true)
	filled := p.String()
	if !strings.HasPrefix(text, filled) {
		return Quoted(text)
	}
	if rest := text[len(filled):]; rest != "" {
		if details.String() != rest {
			details = Phrase{{Text: rest, Value: true}}
		}
		p = append(p, details...)
	}
	return p
}
