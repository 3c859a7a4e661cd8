package spec

import (
	"path/filepath"
	"strconv"
)

// Anchor returns where a change found at source can be shown in the
// revision: source itself when that is in the revision (inBase unset), else
// the nearest element of the revision that survives from the base element
// the change was found at (the schema that lost a property, the path item
// that lost an operation). GitHub can only annotate the revision, so a
// removal is anchored there. Nil when nothing of the place survives.
func Anchor(base, rev *Document, source *Position, inBase bool) *Position {
	if source == nil {
		return nil
	}
	if !inBase {
		return source
	}
	bf := base.FileNamed(source.File)
	if bf == nil {
		return nil
	}
	tokens := tokensAt(bf.Root, source.At())
	// The same file in the revision: the root, or the file at the same place
	// relative to the root document.
	var rf *File
	if bf.Key == base.Root.Key {
		rf = rev.Root
	} else if rel, err := filepath.Rel(filepath.Dir(base.Root.Key), bf.Key); err == nil {
		want := filepath.Join(filepath.Dir(rev.Root.Key), rel)
		for _, f := range rev.Files() {
			if f.Key == want {
				rf = f
			}
		}
	}
	if rf == nil {
		return nil
	}
	node, last := rf.Root, rf.Root
	for i, tok := range tokens {
		next := (*Node)(nil)
		switch node.Kind {
		case Object:
			next = node.Get(tok)
			if next == nil && i == 1 && tokens[0] == "paths" && rf == rev.Root {
				tmpl := PathTemplate(tok)
				for j, k := range node.Keys {
					if PathTemplate(k) == tmpl {
						next = node.Children[j]
					}
				}
			}
		case Array:
			if x, err := strconv.Atoi(tok); err == nil && x >= 0 && x < len(node.Children) {
				next = node.Children[x]
			}
		}
		if next == nil {
			break
		}
		node, last = next, next
	}
	p := last.KeyPos
	if p.Line == 0 {
		p = last.Pos
	}
	return &Position{File: last.File.Name, Line: int(p.Line), Column: int(p.Col)}
}
