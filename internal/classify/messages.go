package classify

import (
	"strings"
	"unicode/utf8"

	"github.com/apibump/apibump/internal/engine/tree"
	"github.com/apibump/apibump/internal/finding"
	"github.com/apibump/apibump/internal/locate"
	"github.com/apibump/apibump/internal/oasgrammar"
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
// source, operations, message and, when judged, its classes.
func (e *explainer) change(id string, td tree.Diff, p oasgrammar.Path, uses []locate.Use, judged *rules.ClassPair, text ...fieldText) finding.Change {
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
	hasOps := len(c.Operations) > 0
	switch id {
	case rules.UnclassifiedChange:
		c.Message, c.Localized = sentence("unclassified", e.placeText(td, p, len(p.Steps), false), td.Kind)
	case rules.PathParameterRenamed:
		if td.Kind == tree.Modified {
			c.Message, c.Localized = sentence("param.renamed", td.Base.Value, td.Rev.Value)
		} else {
			c.Message, c.Localized = sentence("path.renamed", td.OldKey, td.Tokens[len(td.Tokens)-1])
		}
	case paramRemovedWithDeprecation:
		var names []string
		for _, n := range append([]*spec.Node{td.Base}, td.Base.Children...) {
			if t := locate.Resolved(e.base, n); t != nil && t.Str("name") != "" {
				names = append(names, t.Str("in")+" "+t.Str("name"))
			}
		}
		c.Message, c.Localized = sentence("removed.deprecated", strings.Join(names, ", "))
	case "api-path-removed-with-deprecation", "api-removed-with-deprecation":
		what := td.Tokens[1]
		if len(td.Tokens) > 2 {
			what = strings.ToUpper(td.Tokens[2]) + " " + what
		}
		c.Message, c.Localized = sentence("removed.deprecated", what)
	case rules.ComponentUnusedChanged:
		what, end := e.subject(td, p, len(p.Steps)-1)
		c.Message, c.Localized = sentence("component.unused", what, td.Kind, e.placeText(td, p, end, false))
	default:
		at := len(p.Steps) - 1
		var t *fieldText
		if len(text) > 0 {
			t = &text[0]
			at = t.at
		}
		what, end := e.subject(td, p, at)
		place := e.placeText(td, p, end, hasOps)
		if t != nil && !t.member && t.row.Family != "documentation" && td.Kind == tree.Modified && at == len(p.Steps)-1 {
			if b, r := scalarText(td.Base), scalarText(td.Rev); b != "" && r != "" {
				if place == "" {
					c.Message, c.Localized = sentence("field.values.here", what, b, r)
				} else {
					c.Message, c.Localized = sentence("field.values", what, b, r, place)
				}
				return c
			}
		}
		if place == "" {
			c.Message, c.Localized = sentence("field.here", what, td.Kind)
		} else {
			c.Message, c.Localized = sentence("doc.changed", what, td.Kind, place)
		}
	}
	return c
}

// subject names what a difference at step i is of, and where the place
// that holds it ends: a field by its name; a member of a map or list by
// the field and the member ("properties name", "enum RED").
func (e *explainer) subject(td tree.Diff, p oasgrammar.Path, i int) (string, int) {
	if i < 0 || i >= len(p.Steps) {
		return "", 0
	}
	st := p.Steps[i]
	if (st.Kind == oasgrammar.Name || st.Kind == oasgrammar.Index) && i > 0 && p.Steps[i-1].Kind == oasgrammar.Fixed {
		return p.Steps[i-1].Token + " " + e.memberLabel(td, p, i), i - 1
	}
	return st.Token, i
}

// memberLabel names the member of a list or map a difference is at: a
// list item by its value (an enum value, a required name, a type) or, for
// a parameter, by where it goes and its name; a map member by its key.
func (e *explainer) memberLabel(td tree.Diff, p oasgrammar.Path, at int) string {
	st := p.Steps[at]
	if st.Kind != oasgrammar.Index {
		return st.Token
	}
	side := 1
	if td.Kind == tree.Removed {
		side = 0
	}
	n := locate.Resolved(e.docs(side), e.nodeAt(side, td, at+1))
	if s := scalarText(n); s != "" {
		return s
	}
	switch {
	case n == nil || n.Kind != spec.Object:
	case n.Str("name") != "" && n.Str("in") != "":
		return n.Str("in") + " " + n.Str("name")
	case n.Str("name") != "":
		return n.Str("name")
	case n.Str("url") != "":
		return n.Str("url")
	}
	return st.Token
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

// placeText writes the place of the first upto steps for a person: the
// names and fields that lead there, without the path and method that the
// change's operations give (when it has some), and without the fields
// whose member names say where (properties, content, schema, components).
// A parameter is named by its name.
func (e *explainer) placeText(td tree.Diff, p oasgrammar.Path, upto int, hasOps bool) string {
	steps := p.Steps[:min(max(upto, 0), len(p.Steps))]
	start := 0
	if hasOps && len(steps) >= 3 && steps[0].Kind == oasgrammar.Fixed && (steps[0].Token == "paths" || steps[0].Field == "webhooks") &&
		steps[2].Kind == oasgrammar.Fixed && spec.IsOperationKey(steps[2].Token) {
		start = 3
	}
	var parts []string
	for i := start; i < len(steps); i++ {
		st := steps[i]
		switch {
		case st.Kind == oasgrammar.Fixed && (st.Token == "properties" || st.Token == "content" || st.Token == "schema" || st.Token == "components"):
			if i == len(steps)-1 {
				parts = append(parts, st.Token)
			}
		case st.Kind == oasgrammar.Fixed && st.Token == "items" && len(parts) > 0:
			parts[len(parts)-1] += "[]"
		case st.Kind == oasgrammar.Index:
			parts = append(parts, e.memberLabel(td, p, i))
		default:
			parts = append(parts, st.Token)
		}
	}
	return strings.Join(parts, " › ")
}
