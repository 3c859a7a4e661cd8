package classify

import (
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/apibump/apibump/internal/engine/tree"
	"github.com/apibump/apibump/internal/finding"
	"github.com/apibump/apibump/internal/locale"
	"github.com/apibump/apibump/internal/locate"
	"github.com/apibump/apibump/internal/oasgrammar"
	"github.com/apibump/apibump/internal/placewords"
	"github.com/apibump/apibump/internal/rules"
	"github.com/apibump/apibump/internal/rules/field"
	"github.com/apibump/apibump/internal/spec"
)

// fieldText is what a field-table finding's message says: the field, the
// member when the difference is at one, the values.
type fieldText struct {
	row    *rules.FieldRow
	at     int
	member bool
	site   field.Site
}

// change builds the change a rule reports for a difference: its place,
// source, operations, message and, when judged, its classes; in a
// component that operations reach, the component and the reach list.
func (e *explainer) change(id string, td tree.Diff, p oasgrammar.Path, uses []locate.Use, judged *rules.ClassPair, text ...fieldText) finding.Change {
	c := e.worded(id, td, p, uses, judged, text...)
	locate.SetReach(&c, e.docs(sideOf(td)), uses)
	return c
}

// worded is change without the reach list.
func (e *explainer) worded(id string, td tree.Diff, p oasgrammar.Path, uses []locate.Use, judged *rules.ClassPair, text ...fieldText) finding.Change {
	node, pos, doc := td.Rev, finding.SideRevision, e.rev
	if td.Kind == tree.Removed {
		node, pos, doc = td.Base, finding.SideBase, e.base
	}
	c := finding.Change{ID: id, Side: pos, Pointer: td.Pointer(doc.Root), Judged: judged}
	if node != nil {
		at := node.KeyPos
		if at.Line == 0 {
			at = node.Pos
		}
		c.Source = &spec.Position{File: node.File.Name, Line: int(at.Line), Column: int(at.Col)}
	}
	for _, op := range locate.Operations(uses) {
		if op != "" {
			c.Operations = append(c.Operations, op)
		}
	}
	doc = e.docs(sideOf(td))
	dir := locate.Direction(uses)
	switch id {
	case rules.UnclassifiedChange:
		c.Message, c.Localized = phrased(func(l locale.Lang) locale.Phrase {
			return placewords.Unclassified(l, p, doc, edit(td.Kind))
		})
	case rules.PathParameterRenamed:
		if td.Kind == tree.Modified {
			c.Message, c.Localized = sentence("param.renamed", td.Base.Value, td.Rev.Value)
		} else {
			c.Message, c.Localized = sentence("path.renamed", td.OldKey, td.Tokens[len(td.Tokens)-1])
		}
	case paramRemovedWithDeprecation:
		// One parameter, or each of a list removed whole, named as the
		// other findings name parameters.
		places := []oasgrammar.Path{p}
		if td.Base.Kind == spec.Array {
			places = places[:0]
			for i := range td.Base.Children {
				places = append(places, locate.Type(doc, append(slices.Clone(td.Logical), strconv.Itoa(i)), e.webhooks))
			}
		}
		c.Message, c.Localized = phrased(func(l locale.Lang) locale.Phrase {
			var list locale.Phrase
			for i, q := range places {
				switch {
				case i > 0 && i == len(places)-1:
					list = append(list, locale.Part{Text: locale.T(l, "list.and")})
				case i > 0:
					list = append(list, locale.Part{Text: ", "})
				}
				list = append(list, placewords.Words(l, q, doc, oasgrammar.RequestSide)...)
			}
			return locale.PN(l, "removed.deprecated", len(places), list)
		})
	case "api-path-removed-with-deprecation", "api-removed-with-deprecation":
		c.Message, c.Localized = phrased(func(l locale.Lang) locale.Phrase {
			return locale.P(l, "removed.after-deprecation", placewords.Sentence(l, p, doc, oasgrammar.NoSide, placewords.Removed))
		})
	case rules.ComponentUnusedChanged:
		c.Message, c.Localized = e.edited("component.unused", td, p, len(p.Steps)-1, doc, dir)
	default:
		at := len(p.Steps) - 1
		var t *fieldText
		if len(text) > 0 {
			t = &text[0]
			at = t.at
		}
		if t != nil && !t.member && t.row.Family != "documentation" && td.Kind == tree.Modified && at == len(p.Steps)-1 {
			if b, r := scalarText(td.Base), scalarText(td.Rev); b != "" && r != "" {
				where := prefix(p, at+1)
				c.Message, c.Localized = phrased(func(l locale.Lang) locale.Phrase {
					return locale.P(l, "place.values", placewords.Words(l, where, doc, dir), b, r)
				})
				return c
			}
		}
		c.Message, c.Localized = e.edited("", td, p, at, doc, dir)
	}
	return c
}

func (e *explainer) docs(side int) *spec.Document {
	if side == 0 {
		return e.base
	}
	return e.rev
}

// scalarText is a scalar's text for a message, cut short; "" for anything else.
func scalarText(n *spec.Node) string {
	if n == nil || n.Kind == spec.Object || n.Kind == spec.Array {
		return ""
	}
	s := n.Value
	if n.Kind == spec.Null {
		s = "null"
	}
	if utf8.RuneCountInString(s) > 60 {
		r := []rune(s)
		s = string(r[:59]) + "…"
	}
	if s == "" {
		s = `""`
	}
	return s
}

// edited says what happened at step at of a place, in words
// (placewords.Sentence): "the `description` of the API info changed". A
// scalar item of a list (an enum value, a required name, a type) is named
// by its value within the list's field: "the value `RED` was added to the
// `enum` of the response property `color`". key, when not "", is a
// template the sentence fills.
func (e *explainer) edited(key string, td tree.Diff, p oasgrammar.Path, at int, doc *spec.Document, dir oasgrammar.Side) (string, func(locale.Lang) locale.Phrase) {
	ed := edit(td.Kind)
	text := func(l locale.Lang) locale.Phrase {
		return placewords.Sentence(l, prefix(p, at+1), doc, dir, ed)
	}
	if at >= 1 && at < len(p.Steps) && p.Steps[at].Kind == oasgrammar.Index {
		if item := scalarText(locate.Resolved(doc, e.nodeAt(sideOf(td), td, at+1))); item != "" {
			text = func(l locale.Lang) locale.Phrase {
				return locale.P(l, "place.item."+kindName(ed), item, placewords.Words(l, prefix(p, at), doc, dir))
			}
		}
	}
	if key == "" {
		return phrased(text)
	}
	return phrased(func(l locale.Lang) locale.Phrase { return locale.P(l, key, text(l)) })
}

// prefix is the place of the first n steps of p.
func prefix(p oasgrammar.Path, n int) oasgrammar.Path {
	p.Steps = p.Steps[:min(max(n, 0), len(p.Steps))]
	return p
}

// edit is the placewords edit of a difference's kind.
func edit(k tree.Kind) placewords.Edit {
	switch k {
	case tree.Added:
		return placewords.Added
	case tree.Removed:
		return placewords.Removed
	}
	return placewords.Changed
}

// kindName names an edit for the catalogue's keys.
func kindName(ed placewords.Edit) string {
	switch ed {
	case placewords.Added:
		return "added"
	case placewords.Removed:
		return "removed"
	}
	return "changed"
}

// sideOf is the document a difference is read in: the base for a
// removal (0), else the revision (1).
func sideOf(td tree.Diff) int {
	if td.Kind == tree.Removed {
		return 0
	}
	return 1
}

// phrased is a message in English and its phrase in each language.
func phrased(text func(locale.Lang) locale.Phrase) (string, func(locale.Lang) locale.Phrase) {
	return text(locale.En).String(), text
}
