// Package kinmodel builds kin-openapi's model of a spec.Document, the model
// oasdiff compares: each file's tree written as the JSON kin-openapi reads
// (writer.go), decoded in parts (kinload.go) with deep schemas cut
// (kincut.go), its references resolved in linear time, Swagger 2.0
// converted, and every element given its place in the source files, so
// oasdiff's findings carry lines. What of this rests on kin-openapi's
// private behaviour is in package upstream.
package kinmodel

import (
	"net/url"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi2"
	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apibump/apibump/internal/source"
	"github.com/apibump/apibump/internal/spec"
	"github.com/apibump/apibump/internal/upstream"
)

// Load reads the spec named by in, with every file it references, and
// builds its kin-openapi model.
func Load(in source.Input, opts source.LoadOptions) (*spec.Document, error) {
	d, err := spec.Load(in, opts)
	if err != nil {
		return nil, err
	}
	if err := Build(d); err != nil {
		return nil, err
	}
	return d, nil
}

// WithRoots returns the document d.WithRoots makes (the same files, some
// with other roots), with its kin-openapi model built from the new trees.
func WithRoots(d *spec.Document, roots map[string]*spec.Node) (*spec.Document, error) {
	out, err := d.WithRoots(roots)
	if err != nil {
		return nil, err
	}
	if err := Build(out); err != nil {
		return nil, err
	}
	return out, nil
}

// Build makes the kin-openapi model that oasdiff compares (d.Spec and
// d.Version), reading every file through the document so the $ref policy
// holds, then records positions on it.
func Build(d *spec.Document) error {
	return (&document{d}).build()
}

// document is a spec.Document being given its model.
type document struct{ *spec.Document }

func (d *document) build() error {
	root := d.Root.Root
	if root.Kind != spec.Object {
		return &spec.ParseError{File: d.Root.Name, Msg: "the document is not a mapping"}
	}
	location := &url.URL{Path: d.Root.Key}
	var err error
	switch {
	case d.PublicAPI:
		err = d.buildPublic(location)
	case d.Swagger:
		var doc2 openapi2.T
		if err = decodeRoot(d, d.sanitizedRoot(), &doc2); err == nil {
			d.Spec, err = upstream.SwaggerToV3(&doc2, d.newLoader(), location)
		}
	default:
		d.Spec, err = d.loadOpenAPI3(location, d.sanitizedRoot())
	}
	if errs := d.ReadErrors(); len(errs) > 0 {
		return errs[0]
	}
	if err != nil && d.PublicAPI {
		return &spec.ParseError{File: d.Root.Name, Msg: strings.ReplaceAll(err.Error(), "\n", "; ")}
	}
	if err != nil {
		return upstream.KinError(d.Document, err)
	}
	if d.Spec.Info != nil {
		d.Version = d.Spec.Info.Version
	}
	if !d.PublicAPI {
		upstream.ApplyOrigins(d.Document)
		d.Locate = d.locateByToken()
	}
	return nil
}

// locateByToken maps the places of the origins ApplyOrigins writes: each
// names its file by its token (see spec.File.Token), at the line and column
// of the source.
func (d *document) locateByToken() func(string, int, int, bool) *spec.Position {
	files := map[string]*spec.File{}
	for _, f := range d.Files() {
		files[f.Token()] = f
	}
	return func(file string, line, column int, _ bool) *spec.Position {
		f := files[file]
		if f == nil {
			return nil
		}
		return &spec.Position{File: f.Name, Line: line, Column: column}
	}
}

// newLoader returns a kin-openapi loader that reads every file through the document.
func (d *document) newLoader() *openapi3.Loader {
	loader := openapi3.NewLoader()
	loader.IsExternalRefsAllowed = true // the reader below owns the policy
	loader.ReadFromURIFunc = func(_ *openapi3.Loader, location *url.URL) ([]byte, error) {
		key := location.String()
		if location.Scheme == "" || location.Scheme == "file" {
			key = location.Path
		}
		f, err := d.Fetch(key, d.Root)
		if err != nil {
			return nil, err
		}
		return d.kinJSON(f, f.Root), nil
	}
	return loader
}

// sanitizedRoot returns the root with the info and tag texts that are $refs
// (DigitalOcean puts one under info.description) replaced by their text, which
// kin-openapi's loader would otherwise reject, and an `openapi` or `swagger`
// version written as a YAML number (swagger: 2.0) as the string it reads as.
// Only documentation fields and the version are touched, so the model
// oasdiff compares keeps every contract field as written.
func (d *document) sanitizedRoot() *spec.Node {
	root := d.Root.Root
	fix := func(obj *spec.Node, fields ...string) (*spec.Node, bool) {
		if obj == nil || obj.Kind != spec.Object {
			return obj, false
		}
		var cp *spec.Node
		for _, f := range fields {
			i := slices.Index(obj.Keys, f)
			if i < 0 || obj.Children[i].Kind == spec.String {
				continue
			}
			if cp == nil {
				cp = spec.NewObject(obj, obj.Keys, append([]*spec.Node(nil), obj.Children...))
			}
			text := ""
			if c := obj.Children[i]; c.Kind == spec.Number || c.Kind == spec.Bool {
				text = c.Value // version: 1.4, read as the text it is written as
			}
			if ref := obj.Children[i].Ref(); ref != "" {
				if _, t, err := d.Resolve(d.Root, ref); err == nil && t.Kind != spec.Object && t.Kind != spec.Array {
					text = t.Value
				}
			}
			cp.Children[i] = &spec.Node{Kind: spec.String, Value: text, Pos: obj.Children[i].Pos, KeyPos: obj.Children[i].KeyPos, End: obj.Children[i].End, File: obj.File}
		}
		if cp == nil {
			return obj, false
		}
		return cp, true
	}
	out := root
	replace := func(key string, n *spec.Node) {
		if out == root {
			out = spec.NewObject(root, root.Keys, append([]*spec.Node(nil), root.Children...))
		}
		out.Children[slices.Index(out.Keys, key)] = n
	}
	if info, changed := fix(root.Get("info"), "title", "description", "summary", "termsOfService", "version"); changed {
		replace("info", info)
	}
	for _, k := range []string{"openapi", "swagger"} {
		if v := root.Get(k); v != nil && v.Kind == spec.Number {
			s := *v
			s.Kind = spec.String
			replace(k, &s)
		}
	}
	if tags := root.Get("tags"); tags != nil && tags.Kind == spec.Array {
		var items []*spec.Node
		for i, t := range tags.Children {
			if nt, changed := fix(t, "name", "description"); changed {
				if items == nil {
					items = append([]*spec.Node(nil), tags.Children...)
				}
				items[i] = nt
			}
		}
		if items != nil {
			c := *tags
			c.Children = items
			replace("tags", &c)
		}
	}
	return out
}
