package oasdiff

import (
	"strings"

	"github.com/apibump/apibump/internal/finding"
	"github.com/apibump/apibump/internal/spec"
)

// renamedPathParameters leaves out the path parameters oasdiff reports as
// removed and added on an operation whose path is renamed in its
// parameter names only (/books/{id} → /books/{bookId}): oasdiff renames
// the parameters by the templates, so a parameter the two documents
// define alike but name apart, or whose name the base's template does not
// hold, comes out as one removed and one added. A removed and an added
// path parameter of such an operation that are the same but for their
// names are the rename, which the comparison of the trees reports once
// for the path (path-parameter-renamed): clients send the same URL.
func renamedPathParameters(cs []finding.Change, base, rev *spec.Document) []finding.Change {
	type side struct{ removed, added []int }
	byOp := map[string]*side{}
	for i, c := range cs {
		if len(c.Operations) != 1 || len(c.Names) == 0 {
			continue
		}
		switch {
		case c.ID == "request-parameter-removed" && len(c.Names) == 2 && c.Names[0] == "path":
		case c.ID == "new-request-path-parameter":
		default:
			continue
		}
		op := c.Operations[0]
		if byOp[op] == nil {
			byOp[op] = &side{}
		}
		if c.ID == "new-request-path-parameter" {
			byOp[op].added = append(byOp[op].added, i)
		} else {
			byOp[op].removed = append(byOp[op].removed, i)
		}
	}
	drop := map[int]bool{}
	for op, s := range byOp {
		if len(s.removed) == 0 || len(s.added) == 0 {
			continue
		}
		method, path, _ := strings.Cut(op, " ")
		bp, rp := pathItem(base, path), pathItem(rev, path)
		if bp == nil || rp == nil || bp.key == rp.key {
			continue
		}
		for _, r := range s.removed {
			old := pathParameter(base, bp, strings.ToLower(method), cs[r].Names[len(cs[r].Names)-1])
			for _, a := range s.added {
				if drop[a] || old == nil {
					continue
				}
				if sameButName(old, pathParameter(rev, rp, strings.ToLower(method), cs[a].Names[len(cs[a].Names)-1])) {
					drop[r], drop[a] = true, true
					break
				}
			}
		}
	}
	if len(drop) == 0 {
		return cs
	}
	out := cs[:0]
	for i, c := range cs {
		if !drop[i] {
			out = append(out, c)
		}
	}
	return out
}

type namedItem struct {
	key  string
	item *spec.Node
}

// pathItem is the path item of a document whose path has the template of
// path (the same URL, whatever its parameters' names).
func pathItem(doc *spec.Document, path string) *namedItem {
	paths := doc.Root.Root.Get("paths")
	if paths == nil || paths.Kind != spec.Object {
		return nil
	}
	for i, k := range paths.Keys {
		if spec.PathTemplate(k) == spec.PathTemplate(path) {
			return &namedItem{k, doc.Follow(paths.Children[i])}
		}
	}
	return nil
}

// pathParameter is the path parameter name of an operation, its own or
// its path item's.
func pathParameter(doc *spec.Document, p *namedItem, method, name string) *spec.Node {
	if p.item == nil || p.item.Kind != spec.Object {
		return nil
	}
	for _, holder := range []*spec.Node{doc.Follow(p.item.Get(method)), p.item} {
		if holder == nil || holder.Kind != spec.Object {
			continue
		}
		params := holder.Get("parameters")
		if params == nil || params.Kind != spec.Array {
			continue
		}
		for _, n := range params.Children {
			if n = doc.Follow(n); n != nil && n.Kind == spec.Object && n.Str("in") == "path" && n.Str("name") == name {
				return n
			}
		}
	}
	return nil
}

// sameButName tells whether two parameters are the same but for their name.
func sameButName(a, b *spec.Node) bool {
	if a == nil || b == nil || len(a.Keys) != len(b.Keys) {
		return false
	}
	for i, k := range a.Keys {
		if k != "name" && !spec.Equal(a.Children[i], b.Get(k)) {
			return false
		}
	}
	return b.Get("name") != nil
}
