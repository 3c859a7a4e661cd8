package kinmodel

import (
	"encoding/json"
	"net/url"
	"sync"

	"github.com/getkin/kin-openapi/openapi2"
	"github.com/getkin/kin-openapi/openapi2conv"
	"github.com/getkin/kin-openapi/openapi3"
	"github.com/oasdiff/oasdiff/load"

	"github.com/apibump/apibump/internal/spec"
)

// The model built with the dependencies' public API only (spec.Document's
// PublicAPI; see package upstream): the JSON kinJSON writes is loaded by
// oasdiff's load.NewSpecInfo with kin-openapi's Loader, origins recorded
// (IncludeOrigin). Those origins are places in that JSON, not in the source
// files: the JSON is written with each member and each item on a line of
// its own (a lined kinWriter), and each line is mapped back to the source
// node written there (Document.Locate). Swagger 2.0 goes through
// openapi2conv.ToV3WithLoader, whose model has no origins.

// lineTable maps the lines of one written JSON file to the source.
type lineTable struct {
	at []linePlace // line n is at[n-1]
}

// linePlace is what starts a line: a member (its key) or an item (where it
// starts), as two places: where the element written there is (element:
// what kin-openapi records as its key) and where the field of its parent
// is (field). They differ for an element no key heads (an item, the
// document), whose first member is written on its line (element: where it
// starts; field: its first member's key, which kin-openapi gives both), and
// for a member written as a $ref kinJSON replaces by its target (element:
// the target, where the element's value is written; field: the member).
type linePlace struct {
	element, field place
}

type place struct {
	file *spec.File
	pos  spec.Pos
}

func placeOf(n *spec.Node) place { return place{n.File, n.KeyPos} }

// newline starts a line with member (or item) n, whose element is at.
func (w *kinWriter) newline(n, at *spec.Node) {
	w.b = append(w.b, '\n')
	w.lines.at = append(w.lines.at, linePlace{element: placeOf(at), field: placeOf(n)})
}

// firstMember records, on the line an element no key heads starts, where
// its first member is.
func (w *kinWriter) firstMember(c *spec.Node) {
	if n := len(w.lines.at); n > 0 {
		w.lines.at[n-1].field = placeOf(c)
	}
}

// publicModel holds the line tables of the files a public load wrote, by
// the file names kin-openapi's origins and oasdiff's sources carry.
type publicModel struct {
	mu     sync.Mutex
	tables map[string]*lineTable
}

func (m *publicModel) add(location *url.URL, t *lineTable) {
	m.mu.Lock()
	defer m.mu.Unlock()
	s := location.String()
	m.tables[s] = t
	// oasdiff shows a file by load.NewSource(name).DisplayPath().
	m.tables[load.NewSource(s).DisplayPath()] = t
}

// locate maps a place oasdiff gives to the source node written there.
func (m *publicModel) locate(file string, line, _ int, element bool) *spec.Position {
	m.mu.Lock()
	t := m.tables[file]
	m.mu.Unlock()
	if t == nil || line < 1 || line > len(t.at) {
		return nil
	}
	p := t.at[line-1].field
	if element {
		p = t.at[line-1].element
	}
	if p.file == nil || p.pos.Line == 0 {
		return nil
	}
	return &spec.Position{File: p.file.Name, Line: int(p.pos.Line), Column: int(p.pos.Col)}
}

// linedJSON writes a file's tree as kinJSON does, each member and item on
// a line of its own, and returns the JSON with its line table.
func (d *document) linedJSON(f *spec.File, root *spec.Node, keyword bool) ([]byte, *lineTable) {
	t := &lineTable{at: []linePlace{{element: placeOf(root), field: placeOf(root)}}}
	w := kinWriter{doc: d, served: f, b: make([]byte, 0, 2*len(f.Data)), lines: t, headless: true}
	w.write(root, f, keyword, 0)
	return w.b, t
}

// buildPublic builds d.Spec with the dependencies' public API only.
func (d *document) buildPublic(location *url.URL) error {
	m := &publicModel{tables: map[string]*lineTable{}}
	loader := openapi3.NewLoader()
	loader.IncludeOrigin = true
	loader.IsExternalRefsAllowed = true // the reader below owns the policy
	loader.ReadFromURIFunc = func(_ *openapi3.Loader, loc *url.URL) ([]byte, error) {
		key := loc.String()
		if loc.Scheme == "" || loc.Scheme == "file" {
			key = loc.Path
		}
		if key == d.Root.Key {
			b, t := d.linedJSON(d.Root, d.sanitizedRoot(), true)
			m.add(loc, t)
			return b, nil
		}
		f, err := d.Fetch(key, d.Root)
		if err != nil {
			return nil, err
		}
		b, t := d.linedJSON(f, f.Root, fragmentLooksLikeObject(f.Root))
		m.add(loc, t)
		return b, nil
	}
	d.Locate = m.locate
	if d.Swagger {
		b, _ := d.linedJSON(d.Root, d.sanitizedRoot(), true)
		var doc2 openapi2.T
		if err := json.Unmarshal(b, &doc2); err != nil {
			return err
		}
		doc3, err := openapi2conv.ToV3WithLoader(&doc2, loader, location)
		if err != nil {
			return err
		}
		d.Spec = doc3
		return nil
	}
	info, err := load.NewSpecInfo(loader, load.NewFileSource(d.Root.Key))
	if err != nil {
		return err
	}
	d.Spec = info.Spec
	return nil
}
