package rules

import (
	"cmp"

	"github.com/apibump/apibump/internal/locale"
)

// Words says what a rule finds, in a language: oasdiff's description
// of its rule, else the rule table's.
func Words(l locale.Lang, id string) string {
	key := id + "-description"
	if s := locale.Oasdiff(l)(key); s != "" && s != key {
		return s
	}
	r, _ := Lookup(id)
	return cmp.Or(r.Description, id)
}
