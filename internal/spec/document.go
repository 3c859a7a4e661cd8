package spec

import (
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apibump/apibump/internal/source"
)

// Document is one loaded spec: its source files as position trees and,
// once package kinmodel has built it, the oasdiff (kin-openapi) model.
type Document struct {
	Input   source.Input
	Root    *File
	Swagger bool   // the source is Swagger 2.0 (converted to OpenAPI 3 for the engine)
	Dialect string // "swagger 2.0", "openapi 3.0.3", ...
	// Spec is set by kinmodel.Build: the kin-openapi model. Version is
	// info.version as kinmodel.Build reads it, set by Load and WithRoots
	// from the tree and again by kinmodel.Build from the model.
	Spec    *openapi3.T
	Version string
	// Locate maps a place oasdiff gives in that model (the file name its
	// origins carry, a line, a column; element: the place of an element's
	// key, not of one of its fields or items) to the place in the source
	// files, or nil; set by kinmodel.Build.
	Locate func(file string, line, column int, element bool) *Position
	// PublicAPI says the model is built, and compared, with the
	// dependencies' public API only (see package upstream); from
	// source.LoadOptions.PublicAPI.
	PublicAPI bool

	files *fileSet
}

// Name is the display name of the document's root file.
func (d *Document) Name() string { return d.Root.Name }

// FileNamed returns the file of the document whose display name is name
// (a Position's File), nil when it read none.
func (d *Document) FileNamed(name string) *File {
	for _, f := range d.Files() {
		if f.Name == name {
			return f
		}
	}
	return nil
}

// Files returns every file the document read, root first.
func (d *Document) Files() []*File {
	return d.files.list()
}

// fileSet holds the parsed files of one document, read through its reader,
// and the reads refused or failed on the way.
type fileSet struct {
	reader *source.Reader
	mu     sync.Mutex
	files  map[string]*File
	order  []string
	errs   []error
}

func (s *fileSet) list() []*File {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]*File, 0, len(s.order))
	for _, k := range s.order {
		out = append(out, s.files[k])
	}
	return out
}

func (s *fileSet) add(f *File) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.files[f.Key]; !ok {
		s.files[f.Key] = f
		s.order = append(s.order, f.Key)
	}
}

func (s *fileSet) fail(err error) error {
	s.mu.Lock()
	s.errs = append(s.errs, err)
	s.mu.Unlock()
	return err
}

// Load reads the spec named by in, with every file it references, and
// checks its $refs. The kin-openapi model is not built: kinmodel.Load does
// both.
func Load(in source.Input, opts source.LoadOptions) (*Document, error) {
	r, rootKey, data, err := source.Open(in, opts)
	if err != nil {
		return nil, err
	}
	root, err := ParseFile(r.RootName(in, rootKey), rootKey, data, true)
	if err != nil {
		return nil, err
	}
	s := &fileSet{reader: r, files: map[string]*File{}}
	s.add(root)
	doc := newDocument(in, root, s)
	doc.PublicAPI = opts.PublicAPI
	if err := doc.checkRefs(); err != nil {
		return nil, err
	}
	doc.setVersion()
	return doc, nil
}

// newDocument makes the document of a root file, telling its dialect.
func newDocument(in source.Input, root *File, s *fileSet) *Document {
	d := &Document{Input: in, Root: root, files: s}
	if r := root.Root; r.Kind == Object {
		if sw := r.Get("swagger"); sw != nil {
			d.Swagger = true
			d.Dialect = "swagger " + sw.Value
		} else {
			d.Dialect = "openapi " + r.Str("openapi")
		}
	}
	return d
}

// Fetch returns the parsed file at key (an absolute path, a git key or a
// URL), reading it when needed and refusing what the $ref policy forbids;
// from is the file whose $ref names it. A refusal or failure is recorded
// (ReadErrors).
func (d *Document) Fetch(key string, from *File) (*File, error) {
	s := d.files
	s.mu.Lock()
	f, ok := s.files[key]
	s.mu.Unlock()
	if ok {
		return f, nil
	}
	data, err := s.reader.Read(key, from.Name)
	if err != nil {
		return nil, s.fail(err)
	}
	f, err = ParseFile(s.reader.DisplayName(key), key, data, false)
	if err != nil {
		return nil, s.fail(err)
	}
	s.add(f)
	return f, nil
}

// KeyFor resolves a $ref's file part against the file that holds it.
func (d *Document) KeyFor(from *File, fileRef string) string {
	return d.files.reader.KeyFor(from.Key, fileRef)
}

// ReadErrors returns the errors of the reads of the document's files that
// were refused or failed so far, in order.
func (d *Document) ReadErrors() []error {
	d.files.mu.Lock()
	defer d.files.mu.Unlock()
	return append([]error(nil), d.files.errs...)
}

// ForgetReadErrors drops the read errors after the first n, for a build
// that starts over.
func (d *Document) ForgetReadErrors(n int) {
	d.files.mu.Lock()
	defer d.files.mu.Unlock()
	d.files.errs = d.files.errs[:n]
}

// Follow follows the $refs of n to the node they lead to, 32 hops at
// most; nil when one points at nothing.
func (d *Document) Follow(n *Node) *Node {
	for hops := 0; n != nil && hops < 32; hops++ {
		ref := n.Ref()
		if ref == "" {
			return n
		}
		_, t, err := d.Resolve(n.File, ref)
		if err != nil {
			return nil
		}
		n = t
	}
	return n
}

// Resolve follows a $ref written in file from, returning the target node and its file.
func (d *Document) Resolve(from *File, ref string) (*File, *Node, error) {
	filePart, frag, _ := strings.Cut(ref, "#")
	f := d.own(from)
	if filePart != "" {
		var err error
		f, err = d.Fetch(d.KeyFor(from, filePart), from)
		if err != nil {
			return nil, nil, err
		}
	}
	n := atFragment(f, frag)
	if n == nil {
		return nil, nil, &ParseError{File: from.Name, Msg: "$ref " + shortText(ref) + " points at nothing"}
	}
	return f, n, nil
}
