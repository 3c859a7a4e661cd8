// Package finding holds the value both comparison engines produce and
// classification reads: a Change between two documents, before it has a
// class.
package finding

import (
	"cmp"
	"slices"
	"strings"

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
	// Component is the JSON pointer of the shared element (a component)
	// the change is in, "#/components/schemas/Book", prefixed by its file
	// when that is not the root document; At is the place inside it, a
	// property path ("isbn", "a/items/b") or the fields below it. Empty
	// when the change is not in a component that operations reach.
	Component, At string
	// Reach lists, for a change in a component, each operation (webhook,
	// callback) that reaches it, as it reaches it.
	Reach []Reach
}

// Reach is one way an operation reaches the component a change is in.
type Reach struct {
	Operation string `json:"operation" yaml:"operation"`
	// Direction is the direction the client sees the place in: "request"
	// (the client sends it) or "response" (it receives it); in a webhook
	// or a callback, where the API sends the request, the direction is
	// mirrored ("response" for the webhook's payload).
	Direction string `json:"direction,omitempty" yaml:"direction,omitempty"`
	// Status and MediaType are the response status and the media type of
	// the body the component is reached from; Parameter the parameter
	// ("query limit") when it is reached from one.
	Status    string `json:"status,omitempty" yaml:"status,omitempty"`
	MediaType string `json:"mediaType,omitempty" yaml:"mediaType,omitempty"`
	Parameter string `json:"parameter,omitempty" yaml:"parameter,omitempty"`
	// Via is the property path from the body's (or parameter's) schema to
	// the component ("first", "items/owner"), empty when the schema is
	// the component.
	Via string `json:"via,omitempty" yaml:"via,omitempty"`
	// Message is oasdiff's wording of the change for this operation, when
	// the change is one of oasdiff's.
	Message string `json:"message,omitempty" yaml:"message,omitempty"`
	// More, on an entry of its own after the ways listed, counts the
	// operation's other ways in that direction, left out of the list
	// (locate.MaxWays are listed).
	More int `json:"more,omitempty" yaml:"more,omitempty"`
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

// ComponentPlace returns, for a position in one of a document's files, the
// file and the tokens of the place from that file's root, with the number
// of them that name a component (components/schemas/Book: 3; in Swagger
// 2.0 definitions/Book: 2), 0 when the place is in none.
func ComponentPlace(doc *spec.Document, pos *spec.Position) (*spec.File, []string, int) {
	if pos == nil || pos.Line == 0 {
		return nil, nil, 0
	}
	f := doc.FileNamed(pos.File)
	if f == nil {
		return nil, nil, 0
	}
	at := pos.At()
	toks, ok := f.Root.TokensStartingAt(at)
	if !ok {
		return f, nil, 0
	}
	// A map written in block style starts where its first key does:
	// the position is that key's (oasdiff places an element by its key).
	for n := f.Root.At(spec.JoinPointer(toks)); n != nil && n.Kind == spec.Object && len(n.Keys) > 0 && n.Children[0].KeyPos == at; n = n.Children[0] {
		toks = append(toks, n.Keys[0])
	}
	return f, toks, ComponentTokens(toks, doc.Swagger)
}

// ComponentTokens is the number of tokens of a place that name a
// component, 0 when the place is in none.
func ComponentTokens(toks []string, swagger bool) int {
	switch {
	case swagger && len(toks) >= 2:
		switch toks[0] {
		case "definitions", "parameters", "responses":
			return 2
		}
	case !swagger && len(toks) >= 3 && toks[0] == "components":
		return 3
	}
	return 0
}

// Sort orders changes as the outputs list them: by their first operation
// (path, then method; document-level changes last), rule, pointer,
// message and source position.
func Sort(cs []Change) {
	slices.SortStableFunc(cs, func(a, b Change) int {
		return cmp.Or(
			cmp.Compare(firstOp(a), firstOp(b)),
			cmp.Compare(a.ID, b.ID),
			cmp.Compare(a.Pointer, b.Pointer),
			cmp.Compare(a.Message, b.Message),
			comparePos(a.Source, b.Source),
		)
	})
}

func firstOp(c Change) string {
	if len(c.Operations) == 0 {
		return "\uffff" // document-level changes after the endpoints
	}
	o := c.Operations[0]
	if i := strings.IndexByte(o, ' '); i >= 0 {
		return o[i+1:] + " " + o[:i]
	}
	return o
}

func comparePos(a, b *spec.Position) int {
	if a == nil || b == nil {
		switch {
		case a == b:
			return 0
		case a == nil:
			return 1
		}
		return -1
	}
	return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
}
