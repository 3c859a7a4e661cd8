package spec

import (
	"net/url"
	"strings"
)

// Lookup resolves a $ref written in file from as Resolve does, but only
// into files the document has already read: it never reads one, so it
// records no error on the document. ok is false when the reference leads
// nowhere known.
func (d *Document) Lookup(from *File, ref string) (*File, *Node, bool) {
	filePart, frag, _ := strings.Cut(ref, "#")
	f := d.own(from)
	if filePart != "" {
		key := d.KeyFor(from, filePart)
		d.files.mu.Lock()
		f = d.files.files[key]
		d.files.mu.Unlock()
	}
	if f == nil {
		return nil, nil, false
	}
	n := atFragment(f, frag)
	return f, n, n != nil
}

// atFragment returns the node a $ref's fragment names in f, nil when none.
func atFragment(f *File, frag string) *Node {
	if frag == "" {
		return f.Root
	}
	if u, err := url.PathUnescape(frag); err == nil {
		frag = u
	}
	return f.Root.At(frag)
}

// setVersion sets Version from the root tree as kinmodel.Build reads it
// (InfoField), so that a document whose model is never built, or is built
// only for a reduced or normalised copy, says its version.
func (d *Document) setVersion() { d.Version = d.InfoField("version") }

// InfoField returns the member key of the root's info (version, title) as
// kinmodel.Build reads it: a number or true/false as the text it is
// written as, a $ref as the text it points to, anything else as "". Only
// files already read are looked into.
func (d *Document) InfoField(key string) string {
	info := d.Root.Root.Get("info")
	if info == nil || info.Kind != Object {
		return ""
	}
	v := info.Get(key)
	if v == nil {
		return ""
	}
	switch v.Kind {
	case String, Number, Bool:
		return v.Value
	case Object:
		if ref := v.Ref(); ref != "" {
			if _, t, ok := d.Lookup(d.Root, ref); ok && t.Kind != Object && t.Kind != Array {
				return t.Value
			}
		}
	}
	return ""
}
