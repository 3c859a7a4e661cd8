package locale

import (
	"errors"
	"strings"
)

// Lang is also a setting (--lang, and lang: in .apibump.yaml). Set is its
// one validation, case and surrounding spaces ignored: the flag calls it
// (pflag.Value), and so does the configuration file
// (encoding.TextUnmarshaler, which go-yaml honours). Its error names what is
// wanted; the caller says where and quotes the value.
func (l *Lang) Set(s string) error {
	want := Lang(strings.ToLower(strings.TrimSpace(s)))
	for _, known := range langs {
		if known == want {
			*l = known
			return nil
		}
	}
	names := make([]string, len(langs))
	for i, known := range langs {
		names[i] = string(known)
	}
	return errors.New("want " + strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1])
}

// String returns the language's code.
func (l *Lang) String() string {
	if l == nil {
		return ""
	}
	return string(*l)
}

// Type is the kind of value a flag's usage shows.
func (l *Lang) Type() string { return "string" }

// UnmarshalText reads a language code.
func (l *Lang) UnmarshalText(b []byte) error { return l.Set(string(b)) }
