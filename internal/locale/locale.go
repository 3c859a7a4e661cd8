// Package locale holds the texts apibump writes in every language it supports.
package locale

import (
	"embed"
	"fmt"
	"slices"
	"sync"

	"github.com/oasdiff/oasdiff/checker"
	"go.yaml.in/yaml/v4"
)

// files holds the catalogues:
//   - oasdiff_<lang>.yaml: oasdiff's checker messages (rule texts,
//     <id>-description and <id>-comment keys), for the languages oasdiff
//     does not ship itself;
//   - apibump_<lang>.yaml: apibump's own sentences.
//
//go:embed oasdiff_fr.yaml apibump_en.yaml apibump_fr.yaml
var files embed.FS

// Lang is a language apibump writes in.
type Lang string

// The supported languages.
const (
	En Lang = "en"
	Fr Lang = "fr"
)

// langs lists the supported languages, English first.
var langs = []Lang{En, Fr}

// Oasdiff returns the localizer to pass to oasdiff's checker (for instance to
// Change.GetUncolorizedText). English is oasdiff's own localizer. French
// fills the French template of the key with fmt.Sprintf, as oasdiff does, and
// falls back to English for a key it lacks; an unknown language gets English.
func Oasdiff(lang Lang) checker.Localizer {
	en := checker.NewLocalizer(string(En))
	if lang != Fr {
		return en
	}
	fr, _ := oasdiffFr()
	return fallbackLocalizer(fr, en)
}

// fallbackLocalizer fills templates from messages and asks fallback for the
// keys messages lacks.
func fallbackLocalizer(messages map[string]string, fallback checker.Localizer) checker.Localizer {
	return func(key string, args ...any) string {
		if pattern, ok := messages[key]; ok {
			return fmt.Sprintf(pattern, args...)
		}
		return fallback(key, args...)
	}
}

// T returns apibump's sentence key in lang, filled with args by fmt.Sprintf.
// A key lang lacks is written in English; a key English lacks too is returned
// as is.
func T(lang Lang, key string, args ...any) string {
	c, _ := apibump()
	return translate(c, lang, key, args...)
}

// N is T for a sentence about n things, n its first argument: the key's
// ".one" template where the language says n in the singular (English: 1;
// French: 0 and 1), else its ".other" template.
func N(lang Lang, key string, n int, args ...any) string {
	return T(lang, key+plural(lang, n), append([]any{n}, args...)...)
}

// PN is N as a phrase, its string values kept apart as P keeps them.
func PN(lang Lang, key string, n int, args ...any) Phrase {
	return P(lang, key+plural(lang, n), append([]any{n}, args...)...)
}

// plural is the form a language says n things in: ".one" or ".other".
func plural(lang Lang, n int) string {
	if n == 1 || lang == Fr && n == 0 {
		return ".one"
	}
	return ".other"
}

// Count is n with an English noun that takes an s in the plural, for the
// English-only texts: "1 operation", "3 operations".
func Count(n int, noun string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, noun)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func translate(c map[Lang]map[string]string, lang Lang, key string, args ...any) string {
	pattern, ok := c[lang][key]
	if !ok {
		pattern, ok = c[En][key]
	}
	if !ok {
		return key
	}
	return fmt.Sprintf(pattern, args...)
}

// Keys returns the keys of apibump's sentences, sorted.
func Keys() []string {
	c, _ := apibump()
	keys := make([]string, 0, len(c[En]))
	for k := range c[En] {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// oasdiffFr is the French catalogue of oasdiff's messages.
var oasdiffFr = sync.OnceValues(func() (map[string]string, error) {
	return load("oasdiff_fr.yaml")
})

// apibump is the catalogue of apibump's sentences, by language. A file that
// fails to load leaves its language empty (so T falls back to English, or to
// the key), and the error is kept for the tests.
var apibump = sync.OnceValues(func() (map[Lang]map[string]string, error) {
	c := map[Lang]map[string]string{}
	var errs []error
	for _, l := range langs {
		m, err := load("apibump_" + string(l) + ".yaml")
		if err != nil {
			errs = append(errs, err)
		}
		c[l] = m
	}
	if len(errs) > 0 {
		return c, fmt.Errorf("locale: %v", errs)
	}
	return c, nil
})

// load reads an embedded catalogue: a flat YAML mapping of keys to templates.
func load(name string) (map[string]string, error) {
	data, err := files.ReadFile(name)
	if err != nil {
		return map[string]string{}, err
	}
	m := map[string]string{}
	if err := yaml.Unmarshal(data, &m); err != nil {
		return map[string]string{}, fmt.Errorf("%s: %w", name, err)
	}
	return m, nil
}
