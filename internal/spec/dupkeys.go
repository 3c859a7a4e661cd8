package spec

import (
	"fmt"

	"github.com/apibump/apibump/internal/safefile"
)

// Warning is something a file holds that apibump reads anyway, and says.
type Warning struct {
	File string
	Line int
	Msg  string
}

func (w Warning) String() string {
	if w.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", w.File, w.Line, w.Msg)
	}
	return w.File + ": " + w.Msg
}

// Warnings returns what the document's files hold that was read anyway
// (duplicate keys in JSON), file by file.
func (d *Document) Warnings() []Warning {
	var out []Warning
	for _, f := range d.Files() {
		out = append(out, f.Warnings...)
	}
	return out
}

// keepLastKeys reads an object of a JSON file whose keys repeat as JSON
// parsers read it: the last member of each key wins, in its place, and the
// earlier ones are dropped. Each repeated key gets a warning at its line. The
// object's index is rebuilt; the cost is linear in its members.
func (f *File) keepLastKeys(n *Node) {
	last := make(map[string]int, len(n.Keys))
	for i, k := range n.Keys {
		if j, dup := last[k]; dup {
			f.Warnings = append(f.Warnings, Warning{File: f.Name, Line: int(n.Children[i].KeyPos.Line),
				Msg: fmt.Sprintf("duplicate key %s (also at line %d): the last one is read, as JSON parsers do", safefile.Quote(k), n.Children[j].KeyPos.Line)})
		}
		last[k] = i
	}
	keys, children := n.Keys[:0], n.Children[:0]
	for i, k := range n.Keys {
		if last[k] == i {
			keys = append(keys, k)
			children = append(children, n.Children[i])
		}
	}
	clear(n.Keys[len(keys):])
	clear(n.Children[len(children):])
	n.Keys, n.Children = keys, children
	n.index = nil
	n.buildIndex()
}
