// Package placewords says where a difference between two documents is, in
// words a person reads: "the `format` of the response property
// `budget/budget_amount` (200, application/json)", not a JSON pointer
// with `~1` escapes.
//
// The entry point is
//
//	Words(lang, place, doc, direction) locale.Phrase
//
// place is the place typed by the OpenAPI grammar (an oasgrammar.Path; locate.Type
// makes one from a document and the unescaped pointer tokens from its
// root); doc, which may be nil, is the document those tokens start from,
// read for the names a place holds only by index (a parameter's `in` and
// `name`, a server's URL, a tag's name); direction is the side to say when
// the place does not tell it (a property of a component schema reached
// only from responses), oasgrammar.NoSide for none.
//
//	Sentence(lang, place, doc, direction, edit) locale.Phrase
//
// adds what happened there (Added, Removed, Changed): "the property
// `is_private` of the schema `Item` was removed"; Unclassified says the
// same for a difference no rule names.
//
// The words are English and French (words.go). The values they name
// (paths, property names, media types) are kept apart as values in the
// phrase, for each output to escape, so a sentence that starts with one
// is never capitalised. A phrase can fill a placeholder of a locale
// template: locale.P(lang, key, ..., Words(...)) puts it in part for part.
package placewords

import (
	"slices"
	"strings"

	"github.com/apibump/apibump/internal/locale"
	"github.com/apibump/apibump/internal/oasgrammar"
	"github.com/apibump/apibump/internal/spec"
)

// Edit is what happened at a place.
type Edit uint8

// The edits.
const (
	Added Edit = iota + 1
	Removed
	Changed
)

// Sentence says what happened at a place: "the `format` of the response
// property `id` (200, application/json) was removed". dir is the direction
// to say when the place does not tell it (a property of a component
// schema reached only from responses); NoSide says none.
func Sentence(l locale.Lang, p oasgrammar.Path, doc *spec.Document, dir oasgrammar.Side, e Edit) locale.Phrase {
	key := "changed"
	switch e {
	case Added:
		key = "added"
	case Removed:
		key = "removed"
	}
	return fill(l, key, Words(l, p, doc, dir))
}

// Unclassified is Sentence for a difference no rule names.
func Unclassified(l locale.Lang, p oasgrammar.Path, doc *spec.Document, e Edit) locale.Phrase {
	return fill(l, "unclassified", Sentence(l, p, doc, oasgrammar.NoSide, e))
}

// Words names a place: the element it is in (an operation, a parameter,
// a response, a schema and the property path inside it, a component) and
// the field of that element it is at. doc, when not nil, is the document
// the place's tokens start from (its root), read for the names a place
// holds by index. dir is as for Sentence.
func Words(l locale.Lang, p oasgrammar.Path, doc *spec.Document, dir oasgrammar.Side) locale.Phrase {
	w := &walker{l: l, doc: doc, dir: dir}
	if doc != nil {
		w.node = doc.Root.Root
	}
	for i, st := range p.Steps {
		if w.step(i, st, p.Steps) {
			break
		}
		w.descend(st.Token)
	}
	return w.phrase()
}

// walker reads a typed place step by step: the element it is in (owner),
// the fields below that element (chain), and inside a schema, the path of
// properties from where the schema starts.
type walker struct {
	l    locale.Lang
	doc  *spec.Document
	dir  oasgrammar.Side
	node *spec.Node // the node the steps so far lead to, when the document is known

	owner  locale.Phrase // nil: the document
	within locale.Phrase // the webhook or callback the place is in
	chain  []string      // fields below the owner
	path   string        // the API path of the operation the place is in
	side   oasgrammar.Side
	status string
	media  string

	bodyOwner  bool          // the owner is a request body or a response
	named      bool          // ... a component, named by its key (no status)
	schema     bool          // inside a schema
	schemaBase locale.Phrase // the schema's words with no property path
	schemaOf   locale.Phrase // the element whose schema it is (a parameter, a header), nil for a body or a component
	component  string        // the component schema's name
	props      []string      // the property path inside the schema
	qualify    bool          // the place is in a body: say its status and media type
}

// step reads one step; true stops the walk (what follows is inside a value).
func (w *walker) step(i int, st oasgrammar.Step, steps []oasgrammar.Step) bool {
	last := i == len(steps)-1
	tok := st.Token
	switch st.Kind {
	case oasgrammar.InValue:
		return true
	case oasgrammar.Extension, oasgrammar.Unknown, oasgrammar.Annotation:
		// what follows is inside its value: the keys lead there
		for _, s := range steps[i:] {
			w.chain = append(w.chain, s.Token)
		}
		return true
	}
	if w.schema {
		w.schemaStep(st, last)
		return false
	}
	obj, field := st.Object, st.Field
	switch {
	case st.Kind == oasgrammar.Name && obj == oasgrammar.Paths:
		w.path = tok
		w.set(w.words("path", code(tok)))
	case st.Kind == oasgrammar.Fixed && obj == oasgrammar.PathItem && isMethod(field) && w.path != "":
		// A finding in an operation lists that operation, and every
		// output shows it beside the sentence (under its heading, after
		// the message): the sentence does not name it again.
		w.set(w.words("this-operation"))
	case st.Kind == oasgrammar.Fixed && obj == oasgrammar.PathItem && isMethod(field):
		if len(w.owner) == 0 {
			w.set(w.words("operation", code(strings.ToUpper(tok))))
		}
	case st.Kind == oasgrammar.Name && obj == oasgrammar.OpenAPI && field == "webhooks":
		w.set(w.words("webhook", code(tok)))
		w.path, w.within = "", w.owner
	case st.Kind == oasgrammar.Name && field == "callbacks":
		w.set(w.words("callback", code(tok)))
		w.path, w.within = "", w.owner
	case st.Kind == oasgrammar.Name && obj == oasgrammar.Callback:
		// the callback's expression: the callback names it
	case st.Kind == oasgrammar.Index && field == "parameters" && (obj == oasgrammar.Operation || obj == oasgrammar.PathItem):
		w.side = oasgrammar.RequestSide
		w.parameter(tok, "")
	case st.Kind == oasgrammar.Name && field == "parameters" && (obj == oasgrammar.Components || obj == oasgrammar.ParametersDefinitions || obj == oasgrammar.Swagger):
		w.side = oasgrammar.RequestSide
		w.parameter("", tok)
	case st.Kind == oasgrammar.Fixed && obj == oasgrammar.Operation && field == "requestBody":
		w.side = oasgrammar.RequestSide
		w.set(w.words("request-body"))
		w.bodyOwner = true
	case st.Kind == oasgrammar.Name && obj == oasgrammar.Components && field == "requestBodies":
		w.side = oasgrammar.RequestSide
		w.set(w.words("request-body-named", code(tok)))
		w.bodyOwner, w.named = true, true
	case obj == oasgrammar.Responses && (st.Kind == oasgrammar.Name || field == "default"):
		w.side, w.status = oasgrammar.ResponseSide, tok
		w.set(w.words("response", code(tok)))
		w.bodyOwner = true
	case st.Kind == oasgrammar.Fixed && obj == oasgrammar.Operation && field == "responses" && !last:
		// the status follows
	case st.Kind == oasgrammar.Name && field == "responses" && (obj == oasgrammar.Components || obj == oasgrammar.ResponsesDefinitions || obj == oasgrammar.Swagger):
		w.side = oasgrammar.ResponseSide
		w.set(w.words("response", code(tok)))
		w.bodyOwner, w.named = true, true
	case st.Kind == oasgrammar.Name && field == "headers" && (obj == oasgrammar.Response || obj == oasgrammar.Encoding || obj == oasgrammar.Headers):
		w.set(w.words("header-of", code(tok), w.ownerOrDocument()))
	case st.Kind == oasgrammar.Name && field == "headers" && obj == oasgrammar.Components:
		w.set(w.words("header", code(tok)))
	case st.Kind == oasgrammar.Name && field == "content":
		w.media, w.chain = tok, nil
		if last {
			w.set(w.words("media-type", code(tok), w.ownerOrDocument()))
			w.media = ""
		}
	case st.Kind == oasgrammar.Fixed && field == "schema" && st.Holds.Of() == oasgrammar.Schema:
		w.enterSchema("")
	case st.Kind == oasgrammar.Name && st.Holds.Of() == oasgrammar.Schema && (field == "schemas" || obj == oasgrammar.Definitions || field == "definitions"):
		w.set(nil)
		w.enterSchema(tok)
	case st.Kind == oasgrammar.Name && obj == oasgrammar.MediaType && field == "encoding":
		w.set(w.words("encoding", code(tok)))
	case st.Kind == oasgrammar.Name && field == "links":
		if obj == oasgrammar.Response {
			w.set(w.words("link-of", code(tok), w.ownerOrDocument()))
		} else {
			w.set(w.words("link", code(tok)))
		}
	case st.Kind == oasgrammar.Index && field == "servers":
		w.set(w.words("server", code(w.child(tok).Str("url"))))
	case st.Kind == oasgrammar.Name && obj == oasgrammar.Server && field == "variables":
		w.set(w.words("server-variable", code(tok), w.ownerOrDocument()))
	case st.Kind == oasgrammar.Name && (field == "securitySchemes" || obj == oasgrammar.SecurityDefinitions):
		w.set(w.words("security-scheme", code(tok)))
	case st.Kind == oasgrammar.Index && field == "tags" && (obj == oasgrammar.OpenAPI || obj == oasgrammar.Swagger):
		w.set(w.words("tag", code(w.child(tok).Str("name"))))
	case st.Kind == oasgrammar.Fixed && field == "info" && (obj == oasgrammar.OpenAPI || obj == oasgrammar.Swagger):
		w.set(w.words("info"))
	case st.Kind == oasgrammar.Name && obj == oasgrammar.Components:
		w.set(w.words("component", code(field), code(tok)))
	case st.Kind == oasgrammar.Index:
		// an item of a list field: the field names it
	default:
		w.chain = append(w.chain, tok)
	}
	return false
}

// schemaStep reads a step inside a schema: a property, a subschema
// (items, allOf[0]) or a keyword of the schema it is in.
func (w *walker) schemaStep(st oasgrammar.Step, last bool) {
	enters := st.Holds.Shape == oasgrammar.One && st.Holds.Of() == oasgrammar.Schema
	switch {
	case enters && st.Kind == oasgrammar.Name && st.Field == "properties":
		w.props = append(w.props, st.Token)
		w.chain = nil
	case enters && st.Kind == oasgrammar.Fixed:
		w.props = append(w.props, st.Token)
		w.chain = nil
	case enters && (st.Kind == oasgrammar.Index || st.Kind == oasgrammar.Name):
		w.props = append(w.props, st.Field+"["+st.Token+"]")
		w.chain = nil
	case st.Kind == oasgrammar.Fixed && st.Holds.Of() == oasgrammar.Schema && !last:
		// properties, allOf: the member follows
	case st.Kind == oasgrammar.Index && len(w.chain) > 0:
		// an item of a keyword's list (enum, required): the keyword names it
	default:
		w.chain = append(w.chain, st.Token)
	}
}

// enterSchema starts a schema: a component's (named) or that of the owner.
func (w *walker) enterSchema(component string) {
	w.schema, w.component, w.props, w.chain = true, component, nil, nil
	switch {
	case component != "":
		w.schemaBase = w.words("schema", code(component))
	case w.bodyOwner && w.named:
		w.qualify = true
		w.schemaOf = w.owner
		w.schemaBase = w.words("schema-of", w.schemaOf)
	case w.bodyOwner:
		w.qualify = true
		if w.sideOr() == oasgrammar.ResponseSide {
			w.schemaBase = w.words("response-body")
		} else {
			w.schemaBase = w.words("request-body")
		}
	default:
		w.schemaOf = w.ownerOrDocument()
		w.schemaBase = w.words("schema-of", w.schemaOf)
	}
}

// set makes p the owner and starts a new chain below it.
func (w *walker) set(p locale.Phrase) {
	w.owner, w.chain, w.bodyOwner, w.named = p, nil, false, false
}

func (w *walker) ownerOrDocument() locale.Phrase {
	if len(w.owner) == 0 {
		return w.words("document")
	}
	return w.owner
}

// sideOr is the side the place is on, else the direction given.
func (w *walker) sideOr() oasgrammar.Side {
	if w.side != oasgrammar.NoSide {
		return w.side
	}
	return w.dir
}

// parameter makes a parameter the owner, named by its `in` and `name`
// read from the document; one without them is named by its key or index.
// A Swagger 2.0 body parameter is the request body.
func (w *walker) parameter(index, key string) {
	n := w.resolved(w.child(pick(index, key)))
	in, name := n.Str("in"), n.Str("name")
	switch {
	case in == "body":
		w.set(w.words("request-body"))
		w.bodyOwner = true
	case in != "" && name != "":
		w.set(w.words("parameter", code(in), code(name)))
	default:
		w.set(w.words("parameter-named", code(pick(key, index))))
	}
}

func pick(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// phrase puts the place together.
func (w *walker) phrase() locale.Phrase {
	var where locale.Phrase
	switch {
	case w.schema && len(w.props) > 0:
		prop := code(strings.Join(w.props, "/"))
		switch {
		case w.schemaOf != nil:
			where = w.words("property-of", prop, w.schemaOf)
		case w.component != "" && w.dir == oasgrammar.NoSide:
			where = w.words("property-of", prop, w.schemaBase)
		case w.component != "":
			where = w.words(w.dir.String()+"-property-of", prop, w.schemaBase)
		case w.sideOr() == oasgrammar.ResponseSide:
			where = w.words("response-property", prop)
		default:
			where = w.words("request-property", prop)
		}
	case w.schema:
		where = w.schemaBase
	default:
		where = w.ownerOrDocument()
	}
	if len(w.chain) > 0 {
		where = w.words("field", code(strings.Join(w.chain, "/")), where)
	}
	var q []string
	if w.qualify && w.status != "" {
		q = append(q, w.status)
	}
	if w.qualify && w.media != "" || !w.schema && w.media != "" {
		q = append(q, w.media)
	}
	if len(q) > 0 { // a value, not code: "(200, application/json)"
		where = append(where, locale.Part{Text: " ("}, locale.Part{Text: strings.Join(q, ", "), Value: true}, locale.Part{Text: ")"})
	}
	if w.within != nil && !slices.Equal(w.within, w.owner) {
		where = w.words("within", where, w.within)
	}
	return where
}

// code is a value from the documents, shown as code.
func code(s string) locale.Phrase {
	return locale.Phrase{{Text: s, Value: true, Code: true}}
}

func isMethod(f string) bool {
	switch f {
	case "get", "put", "post", "delete", "options", "head", "patch", "trace", "query":
		return true
	}
	return false
}
