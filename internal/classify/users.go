package classify

import (
	"slices"
	"strings"

	"github.com/apibump/apibump/internal/engine/tree"
	"github.com/apibump/apibump/internal/finding"
	"github.com/apibump/apibump/internal/rules"
	"github.com/apibump/apibump/internal/spec"
)

// refUsers finds the operations that reach a place of a document through
// $refs, so a change to a shared component lists the endpoints it affects.
type refUsers struct {
	docs  [2]*spec.Document
	graph [2]map[string][]string // target key -> users (operations "op:..." or target keys)
}

func newRefUsers(base, rev *spec.Document) *refUsers {
	return &refUsers{docs: [2]*spec.Document{base, rev}}
}

func targetKey(f *spec.File, frag string) string { return f.Key + "#" + frag }

func (u *refUsers) build(i int) map[string][]string {
	if u.graph[i] != nil {
		return u.graph[i]
	}
	doc := u.docs[i]
	g := map[string][]string{}
	var queue []string
	targets := map[string]struct {
		f *spec.File
		n *spec.Node
	}{}
	addRefs := func(user string, f *spec.File, n *spec.Node) {
		collectRefs(n, func(ref string) {
			tf, tn, err := doc.Resolve(f, ref)
			if err != nil {
				return
			}
			_, frag := spec.SplitRef(ref)
			k := targetKey(tf, frag)
			if _, ok := targets[k]; !ok {
				targets[k] = struct {
					f *spec.File
					n *spec.Node
				}{tf, tn}
				queue = append(queue, k)
			}
			g[k] = append(g[k], user)
		})
	}
	paths := doc.Root.Root.Get("paths")
	if paths != nil && paths.Kind == spec.Object {
		for pi, p := range paths.Children {
			item, itemFile := p, doc.Root
			if ref := p.Ref(); ref != "" {
				if f, n, err := doc.Resolve(doc.Root, ref); err == nil {
					item, itemFile = n, f
				}
			}
			if item.Kind != spec.Object {
				continue
			}
			for mi, m := range item.Children {
				if !spec.IsOperationKey(item.Keys[mi]) {
					continue
				}
				op := "op:" + strings.ToUpper(item.Keys[mi]) + " " + paths.Keys[pi]
				addRefs(op, itemFile, m)
				if params := item.Get("parameters"); params != nil {
					addRefs(op, itemFile, params)
				}
			}
		}
	}
	for len(queue) > 0 {
		k := queue[0]
		queue = queue[1:]
		t := targets[k]
		addRefs(k, t.f, t.n)
	}
	u.graph[i] = g
	return g
}

func collectRefs(n *spec.Node, fn func(string)) {
	if n == nil {
		return
	}
	if ref := n.Ref(); ref != "" {
		fn(ref)
	}
	for i, c := range n.Children {
		if n.Kind == spec.Object && n.Keys[i] == "$ref" {
			continue
		}
		collectRefs(c, fn)
	}
}

// operations returns the operations that reach the difference's place.
func (u *refUsers) operations(side int, td tree.Diff) []string {
	doc := u.docs[side]
	toks := td.Tokens
	site := td.Sites.Rev
	if side == 0 {
		site = td.Sites.Base
	}
	if site.Key == doc.Root.Key {
		if len(toks) >= 2 && toks[0] == "paths" {
			if len(toks) >= 3 && spec.IsOperationKey(toks[2]) {
				return []string{strings.ToUpper(toks[2]) + " " + toks[1]}
			}
			var out []string
			if item := doc.Root.Root.At(spec.JoinPointer(toks[:2])); item != nil && item.Kind == spec.Object {
				for _, k := range item.Keys {
					if spec.IsOperationKey(k) {
						out = append(out, strings.ToUpper(k)+" "+toks[1])
					}
				}
			}
			return out
		}
	}
	g := u.build(side)
	ops := map[string]bool{}
	seen := map[string]bool{}
	var queue []string
	for n := len(toks); n >= 0; n-- {
		k := targetKey(site, spec.JoinPointer(toks[:n]))
		if _, ok := g[k]; ok {
			queue = append(queue, k)
		}
	}
	for len(queue) > 0 {
		k := queue[0]
		queue = queue[1:]
		if seen[k] {
			continue
		}
		seen[k] = true
		for _, user := range g[k] {
			if op, ok := strings.CutPrefix(user, "op:"); ok {
				ops[op] = true
			} else {
				queue = append(queue, user)
			}
		}
	}
	out := make([]string, 0, len(ops))
	for op := range ops {
		out = append(out, op)
	}
	slices.Sort(out)
	return out
}

// change builds the change a tree rule reports for a difference.
func (u *refUsers) change(id string, td tree.Diff, ctx place) finding.Change {
	side, node, pos := 1, td.Rev, finding.SideRevision
	if td.Kind == tree.Removed {
		side, node, pos = 0, td.Base, finding.SideBase
	}
	doc := u.docs[side]
	c := finding.Change{ID: id, Side: pos, Pointer: td.Pointer(doc.Root)}
	if node != nil {
		p := node.KeyPos
		if p.Line == 0 {
			p = node.Pos
		}
		c.Source = &spec.Position{File: node.File.Name, Line: int(p.Line), Column: int(p.Col)}
	}
	c.Operations = u.operations(side, td)
	what, _ := ctx.lastKeyword()
	if what == "" && len(td.Tokens) > 0 {
		what = td.Tokens[len(td.Tokens)-1]
	}
	switch id {
	case rules.UnclassifiedChange:
		c.Message, c.Localized = sentence("unclassified", c.Pointer, td.Kind)
	case rules.SecurityOverrideRemoved:
		c.Message, c.Localized = sentence("security.override.removed")
	case rules.SecurityOverrideAdded:
		c.Message, c.Localized = sentence("security.override.added")
	case rules.PathParameterRenamed:
		c.Message, c.Localized = sentence("path.renamed", td.OldKey, td.Tokens[len(td.Tokens)-1])
	case "api-path-removed-with-deprecation", "api-removed-with-deprecation":
		what := td.Tokens[1]
		if len(td.Tokens) > 2 {
			what = strings.ToUpper(td.Tokens[2]) + " " + what
		}
		c.Message, c.Localized = sentence("removed.deprecated", what)
	default:
		c.Message, c.Localized = sentence("doc.changed", what, td.Kind, c.Pointer)
	}
	return c
}
