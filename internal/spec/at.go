package spec

import "strconv"

// childContaining returns the index and the child of n whose span holds p,
// or -1 and nil.
func (n *Node) childContaining(p Pos) (int, *Node) {
	for i, c := range n.Children {
		if c.Contains(p) {
			return i, c
		}
	}
	return -1, nil
}

// memberToken is the pointer token of n's i-th child: its key, else its
// index.
func (n *Node) memberToken(i int) string {
	if n.Kind == Object {
		return n.Keys[i]
	}
	return strconv.Itoa(i)
}

// TokensStartingAt returns the place, below n, of the node whose key (else
// whose value) starts at p, descending through the nodes that contain p.
func (n *Node) TokensStartingAt(p Pos) ([]string, bool) {
	var toks []string
	for n != nil {
		if len(toks) > 0 && (n.KeyPos == p || n.Pos == p) {
			return toks, true
		}
		i, next := n.childContaining(p)
		if next != nil {
			toks = append(toks, n.memberToken(i))
		}
		n = next
	}
	return nil, false
}

// NodeStartingAt returns the deepest node, from n down, whose key (else
// whose value) starts at p.
func (n *Node) NodeStartingAt(p Pos) *Node {
	var byKey, byValue *Node
	for ; n != nil; _, n = n.childContaining(p) {
		if n.KeyPos == p {
			byKey = n
		} else if n.Pos == p {
			byValue = n
		}
	}
	if byKey != nil {
		return byKey
	}
	return byValue
}

// tokensAt returns the path from root to the deepest node holding p.
func tokensAt(root *Node, p Pos) []string {
	var out []string
	for n := root; ; {
		i, c := n.childContaining(p)
		if c == nil {
			return out
		}
		out = append(out, n.memberToken(i))
		n = c
	}
}
