package spec

import "strconv"

// TokensStartingAt returns the place, below n, of the node whose key (else
// whose value) starts at p, descending through the nodes that contain p.
func (n *Node) TokensStartingAt(p Pos) ([]string, bool) {
	var toks []string
	for n != nil {
		if len(toks) > 0 && (n.KeyPos == p || n.Pos == p) {
			return toks, true
		}
		var next *Node
		for i, c := range n.Children {
			if c.Contains(p) {
				next = c
				if n.Kind == Object {
					toks = append(toks, n.Keys[i])
				} else {
					toks = append(toks, strconv.Itoa(i))
				}
				break
			}
		}
		n = next
	}
	return nil, false
}

// NodeStartingAt returns the deepest node, from n down, whose key (else
// whose value) starts at p.
func (n *Node) NodeStartingAt(p Pos) *Node {
	var byKey, byValue *Node
	for n != nil {
		if n.KeyPos == p {
			byKey = n
		} else if n.Pos == p {
			byValue = n
		}
		var next *Node
		for _, c := range n.Children {
			if c.Contains(p) {
				next = c
				break
			}
		}
		n = next
	}
	if byKey != nil {
		return byKey
	}
	return byValue
}
