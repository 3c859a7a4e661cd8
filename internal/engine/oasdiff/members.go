package oasdiff

import (
	"slices"
	"strconv"
	"strings"

	"github.com/apibump/apibump/internal/finding"
	"github.com/apibump/apibump/internal/spec"
)

// modifiedMembers drops the pairs of findings in which oasdiff calls the
// inline members of a oneOf / anyOf / allOf removed and the same members
// added, where they were modified in place. oasdiff pairs two inline
// members only when it finds them identical, titled alike, equivalent, or
// alone; a change inside two members (a property added to the schema their
// items reference) made both "removed" and "added" — breaking, whatever
// the change. Here a removed and an added finding of the same rule, place
// and operations name the same untitled members by index; the lists have
// the same length in both documents, and the members at each of those
// indexes have the same type, and the same $ref of their items: they are
// the same members, modified. The findings are dropped, and what changed
// inside the members is reported by the other findings (oasdiff's own on
// the schemas they reference, the tree comparison's on the members).
func modifiedMembers(cs []finding.Change, base, rev *spec.Document) []finding.Change {
	type pair struct{ removed, added int }
	pairs := map[string]*pair{}
	for i, c := range cs {
		stem, removed := strings.CutSuffix(c.ID, "-of-removed")
		if !removed {
			var added bool
			if stem, added = strings.CutSuffix(c.ID, "-of-added"); !added {
				continue
			}
		}
		if len(c.Names) == 0 || memberIndexes(c.Names[0]) == nil {
			continue
		}
		key := stem + "\x00" + strings.Join(c.Names, "\x00") + "\x00" + strings.Join(c.Operations, "\x00")
		p := pairs[key]
		if p == nil {
			p = &pair{-1, -1}
			pairs[key] = p
		}
		if removed {
			p.removed = i
		} else {
			p.added = i
		}
	}
	drop := map[int]bool{}
	for _, p := range pairs {
		if p.removed < 0 || p.added < 0 {
			continue
		}
		r, a := cs[p.removed], cs[p.added]
		idx := memberIndexes(r.Names[0])
		bl, rl := memberList(base, r.BaseSource), memberList(rev, a.RevisionSource)
		if bl == nil || rl == nil || len(bl.Children) != len(rl.Children) {
			continue
		}
		same := true
		for _, i := range idx {
			if i >= len(bl.Children) || memberShape(bl.Children[i]) != memberShape(rl.Children[i]) {
				same = false
			}
		}
		if same {
			drop[p.removed], drop[p.added] = true, true
		}
	}
	if len(drop) == 0 {
		return cs
	}
	out := cs[:0:0]
	for i, c := range cs {
		if !drop[i] {
			out = append(out, c)
		}
	}
	return out
}

// memberIndexes reads oasdiff's list of untitled inline members,
// "subschema #1, subschema #3", as zero-based indexes; nil when it names
// anything else (a component, a titled member).
func memberIndexes(list string) []int {
	var out []int
	for _, m := range strings.Split(list, ", ") {
		n, ok := strings.CutPrefix(m, "subschema #")
		i, err := strconv.Atoi(n)
		if !ok || err != nil || i < 1 {
			return nil
		}
		out = append(out, i-1)
	}
	return out
}

// memberList returns the oneOf / anyOf / allOf list whose member starts at
// pos in doc, or nil.
func memberList(doc *spec.Document, pos *spec.Position) *spec.Node {
	if pos == nil || pos.Line == 0 {
		return nil
	}
	f := doc.FileNamed(pos.File)
	if f == nil || f.Root == nil {
		return nil
	}
	toks, ok := f.Root.TokensStartingAt(pos.At())
	if !ok || len(toks) < 2 || !slices.Contains([]string{"oneOf", "anyOf", "allOf"}, toks[len(toks)-2]) {
		return nil
	}
	if l := f.Root.At(spec.JoinPointer(toks[:len(toks)-1])); l != nil && l.Kind == spec.Array {
		return l
	}
	return nil
}

// memberShape is what makes an inline member the same member on both
// sides: its type, and what its items reference.
func memberShape(m *spec.Node) string {
	if m == nil || m.Kind != spec.Object || m.Ref() != "" || m.Str("title") != "" {
		return "\x00" // never the same
	}
	s := m.Str("type")
	if it := m.Get("items"); it != nil {
		s += "\x00" + it.Ref() + "\x00" + it.Str("type")
	}
	return s
}
