package spec

import "strings"

// Marked is an element of a document that carries one of the extensions
// asked for (x-apibump-accept, x-stability...).
type Marked struct {
	Key       string // the extension
	Value     *Node  // its value
	Element   *Node  // the object carrying it
	Operation string // "GET /books" when the element is an operation, else ""
}

// Marked lists the elements of every file of the document that carry one of
// the keys, in file order.
func (d *Document) Marked(keys ...string) []Marked {
	want := map[string]bool{}
	for _, k := range keys {
		want[k] = true
	}
	ops := map[*Node]string{}
	if paths := d.Root.Root.Get("paths"); paths != nil && paths.Kind == Object {
		for i, p := range paths.Children {
			item := p
			if ref := p.Ref(); ref != "" {
				if _, n, err := d.Resolve(d.Root, ref); err == nil {
					item = n
				}
			}
			if item.Kind != Object {
				continue
			}
			for j, m := range item.Children {
				if !IsOperationKey(item.Keys[j]) {
					continue
				}
				op := m
				if ref := m.Ref(); ref != "" {
					if _, n, err := d.Resolve(item.File, ref); err == nil {
						op = n
					}
				}
				ops[op] = strings.ToUpper(item.Keys[j]) + " " + paths.Keys[i]
			}
		}
	}
	var out []Marked
	var walk func(n *Node)
	walk = func(n *Node) {
		if n.Kind == Object {
			for i, k := range n.Keys {
				if want[k] {
					out = append(out, Marked{Key: k, Value: n.Children[i], Element: n, Operation: ops[n]})
				}
			}
		}
		for _, c := range n.Children {
			walk(c)
		}
	}
	for _, f := range d.Files() {
		walk(f.Root)
	}
	return out
}

// Encloses reports whether the element holds the position p of file.
func (m Marked) Encloses(p *Position) bool {
	if p == nil || p.Line == 0 || m.Element.File.Name != p.File {
		return false
	}
	return m.Element.Contains(p.At())
}
