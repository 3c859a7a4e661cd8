package spec

import "fmt"

// WithRoots returns a new document made of the same files as d, where the
// files named in roots (by Key) have the given root instead of their own.
// d is not modified: each replaced file is a copy (same name, key, data and
// the token oasdiff's positions are mapped back by), so every node of the new
// trees keeps the position and *File it was read with, and a $ref written in
// a node resolves (Resolve) in the new document's version of that file. The
// new document has no kin-openapi model: kinmodel.WithRoots builds it again
// from the new trees.
func (d *Document) WithRoots(roots map[string]*Node) (*Document, error) {
	s := d.files
	s.mu.Lock()
	ns := &fileSet{reader: s.reader, files: make(map[string]*File, len(s.files)), order: append([]string(nil), s.order...)}
	for k, f := range s.files {
		if r, ok := roots[k]; ok && r != nil {
			c := *f
			c.Root = r
			f = &c
		}
		ns.files[k] = f
	}
	s.mu.Unlock()
	root := ns.files[d.Root.Key]
	if root == nil {
		return nil, fmt.Errorf("%s: the root file is not part of the document", d.Root.Name)
	}
	out := newDocument(d.Input, root, ns)
	out.setVersion()
	out.PublicAPI = d.PublicAPI
	return out, nil
}

// own returns the document's version of file f: f itself, or the copy
// WithRoots made of it.
func (d *Document) own(f *File) *File {
	if f == nil || d.files == nil {
		return f
	}
	d.files.mu.Lock()
	defer d.files.mu.Unlock()
	if g := d.files.files[f.Key]; g != nil {
		return g
	}
	return f
}
