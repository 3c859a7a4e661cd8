package upstream

import (
	"fmt"
	"strings"
	"sync"

	"github.com/oasdiff/oasdiff/checker"
	"github.com/oasdiff/oasdiff/checker/metaschema"

	"github.com/apibump/apibump/internal/locale"
)

// What oasdiff's findings say: their messages, and the places its rules'
// metadata describe.

// valueMark sets a value apart while a message is written (noncharacters no
// catalogue holds).
const valueOpen, valueClose = "\ufdd2", "\ufdd3"

// OasdiffPhrase returns the message of one of oasdiff's findings in lang,
// as ch.GetUncolorizedText(locale.Oasdiff(lang)) writes it, with the values
// it names kept apart as code values, and the details it appends (a media
// type, a shared schema) as untrusted words, the values they name as code
// values.
//
// It assumes what oasdiff v1.38 does: the message is the first sentence
// Change.Text asks its localizer for, filled with the values, then the
// details. The values, in the sentence and in the details, are told apart
// by the format Text is given (public); the sentence is rebuilt from the
// catalogue and must start the message, else the whole message is taken as
// text read back (locale.Quoted). TestOasdiffPhrase holds it.
func OasdiffPhrase(lang locale.Lang, ch checker.Change) locale.Phrase {
	l := locale.Oasdiff(lang)
	text := ch.GetUncolorizedText(l)
	called, key, sentence := false, "", ""
	var values []any
	spy := func(k string, args ...any) string {
		s := l(k, args...)
		if !called {
			called, key, sentence = true, k, s
			values = make([]any, len(args))
			for i, x := range args {
				s := fmt.Sprint(x)
				if v, ok := strings.CutPrefix(s, valueOpen); ok && strings.HasSuffix(v, valueClose) {
					s = strings.TrimSuffix(v, valueClose)
				}
				values[i] = s
			}
		}
		return s
	}
	marked := ch.Text(spy, func(arg string) string { return valueOpen + arg + valueClose })
	if !called {
		return locale.Quoted(text)
	}
	var details locale.Phrase
	if rest, ok := strings.CutPrefix(marked, sentence); ok {
		details = markedParts(rest)
	}
	return locale.OasdiffSentence(lang, key, values, text, details)
}

// markedParts cuts text written with its values marked (valueOpen, value,
// valueClose) into untrusted words and code values.
func markedParts(s string) locale.Phrase {
	var p locale.Phrase
	for s != "" {
		i := strings.Index(s, valueOpen)
		j := -1
		if i >= 0 {
			j = strings.Index(s[i:], valueClose)
		}
		if j < 0 {
			return append(p, locale.Part{Text: s, Value: true})
		}
		if i > 0 {
			p = append(p, locale.Part{Text: s[:i], Value: true})
		}
		p = append(p, locale.Part{Text: s[i+len(valueOpen) : i+j], Value: true, Code: true})
		s = s[i+j+len(valueClose):]
	}
	return p
}

// RulePlaces maps each oasdiff rule to the places it describes, read from
// its metadata (checker.GetAllRules' Locations,
// "paths.*.*.responses.*.headers.*.schema.maximum:set"), each a pattern of
// tokens: "*" one token, "**" any number, "x-*" an extension. It assumes
// the metadata lists the places a finding of the rule placed at a whole
// operation (or nowhere) is about; the testdata goldens hold it.
var RulePlaces = sync.OnceValue(func() map[string][][]string {
	m := map[string][][]string{}
	for _, r := range checker.GetAllRules() {
		for _, loc := range r.Locations {
			if claim, err := metaschema.ParseClaim(loc); err == nil {
				m[r.Id] = append(m[r.Id], strings.Split(claim.Pattern, "."))
			}
		}
	}
	return m
})

// DiffErrorText rewrites the text of an error of oasdiff's diff for
// apibump's users: its advice on duplicate endpoints names a flag of
// oasdiff's (--include-path-params) that apibump does not have. Guard:
// the testdata case bad-duplicate-endpoints.
func DiffErrorText(msg string) string {
	return strings.Replace(msg, ", or include path parameter names in endpoint matching with --include-path-params", "", 1)
}
