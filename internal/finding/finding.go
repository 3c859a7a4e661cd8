// Package finding holds the value both comparison engines produce and
// classification reads: a Change between two documents, before it has a
// class.
package finding

import (
	"github.com/apibump/apibump/internal/locale"
	"github.com/apibump/apibump/internal/rules"
	"github.com/apibump/apibump/internal/spec"
)

// Side says which document a change's source position is in.
type Side string

// The sides of a comparison.
const (
	SideBase     Side = "base"
	SideRevision Side = "revision"
)

// Change is one change between the documents, before classification: the
// rule that found it, what it says, the operations it reaches and where it is.
type Change struct {
	ID         string         // rule id (oasdiff's or apibump's)
	Message    string         // one sentence, without the operation
	Operations []string       // "GET /books", sorted; empty for document-level changes
	Pointer    string         // JSON pointer of the change when known
	Source     *spec.Position // revision position for additions and modifications, base position for removals
	Side       Side
	Level      string // oasdiff's level (error, warning, info) for oasdiff findings

	// BaseSource and RevisionSource are both positions oasdiff gave, for
	// matching tree differences.
	BaseSource, RevisionSource *spec.Position
	// Names are the values the message names (oasdiff's arguments: a
	// property, a parameter, a path), as it shows them.
	Names []string
	// Localized gives the message in a language, the values it names kept
	// apart from its words; nil: Message, whatever the language.
	Localized func(locale.Lang) locale.Phrase
	// Judged, when set, is the change's class under each policy as the
	// comparison judged it from the values and the direction the clients
	// see it in (the field table, an oasdiff finding in a webhook read in
	// the other direction); nil: the rule table's class of ID.
	Judged *rules.ClassPair
}

// ClassUnder returns the change's class under a policy: as judged when
// it was, else its rule's in the rule table.
func (c Change) ClassUnder(p rules.Policy) rules.Class {
	if c.Judged != nil {
		if p == rules.Compatible {
			return c.Judged.Compatible
		}
		return c.Judged.Contract
	}
	return rules.ClassOf(c.ID, p)
}

// Text returns the change's message in a language.
func (c Change) Text(lang locale.Lang) string {
	if c.Localized == nil || lang == locale.En {
		return c.Message
	}
	return c.Localized(lang).String()
}

// Phrase returns the change's message in a language, the values it names
// (from the specs) kept apart from its words, so that each output escapes
// them for its medium.
func (c Change) Phrase(lang locale.Lang) locale.Phrase {
	if c.Localized == nil {
		return locale.Quoted(c.Message)
	}
	return c.Localized(lang)
}
