package kinmodel

import (
	"path/filepath"
	"strings"

	"github.com/apibump/apibump/internal/spec"
)

// The JSON kin-openapi reads: each file's tree written out, with the $refs
// kin-openapi's model cannot hold replaced by what they point to.

// kinJSON writes a file's tree as the JSON given to kin-openapi. A $ref
// where kin-openapi's model has no reference (an operation, a map of
// properties, content or responses written as a $ref, as DigitalOcean does)
// is replaced by what it points to, with the references inside rewritten to
// absolute locations so they still resolve from here.
func (d *document) kinJSON(f *spec.File, root *spec.Node) []byte {
	w := kinWriter{doc: d, served: f, b: make([]byte, 0, len(f.Data)+len(f.Data)/8)}
	w.write(root, f, f.Key == d.Root.Key || fragmentLooksLikeObject(root), 0)
	return w.b
}

type kinWriter struct {
	doc    *document
	served *spec.File
	b      []byte
	// floats writes numbers as encoding/json writes a float64, the way
	// kin-openapi re-encodes path items before decoding them (see loadSplit).
	floats bool
	failed bool // a number float64 cannot hold was met with floats set
	// cuts, when set, receives the schemas nested deeper than cutEvery
	// levels below another cut or the top (see kincut.go); level is the
	// schema level of the value being written.
	cuts  *cutter
	level int
	// lines, when set, gets the source place of each line written: each
	// member and each item then starts a line (see public.go); headless
	// says the value about to be written starts the line of an item or
	// of the document.
	lines    *lineTable
	headless bool
	// uncertain, with cuts, says the value being written may be one
	// kin-openapi re-encodes, its numbers as float64s, though floats is
	// not set (a BoolSchema's schema, a response or a callback outside a
	// path item): see deepError.
	uncertain bool
}

// reencodes are the keywords under which kin-openapi may decode a value
// re-encoded from a map (BoolSchema; Responses, Callback).
var reencodes = map[string]bool{"additionalProperties": true, "unevaluatedItems": true,
	"unevaluatedProperties": true, "responses": true, "callbacks": true}

// maxInlineDepth bounds nested inlining, so a $ref cycle through maps cannot loop.
const maxInlineDepth = 32

func (w *kinWriter) write(n *spec.Node, src *spec.File, keyword bool, depth int) {
	w.writeIn(n, src, keyword, depth, "")
}

func (w *kinWriter) writeIn(n *spec.Node, src *spec.File, keyword bool, depth int, parentKey string) {
	headless := w.headless
	w.headless = false
	switch n.Kind {
	case spec.Array:
		w.b = append(w.b, '[')
		saved := w.level
		if w.cuts != nil {
			w.level = itemLevel(saved)
		}
		for i, c := range n.Children {
			if i > 0 {
				w.b = append(w.b, ',')
			}
			if w.cuts != nil && w.cuts.cut(w, c, src, true, depth, "") {
				continue
			}
			if w.lines != nil {
				w.newline(c, c)
				w.headless = true
			}
			w.write(c, src, true, depth)
		}
		w.level = saved
		w.b = append(w.b, ']')
	case spec.Object:
		w.b = append(w.b, '{')
		for i := range n.Children {
			if i > 0 {
				w.b = append(w.b, ',')
			}
			if w.lines != nil {
				w.lineFor(n, i, src, keyword, depth, headless)
			}
			w.b = spec.AppendJSONString(w.b, n.Keys[i])
			w.b = append(w.b, ':')
			w.member(n, i, src, keyword, depth, parentKey)
		}
		w.b = append(w.b, '}')
	case spec.Number:
		if w.floats {
			w.appendFloat(n.Value)
			return
		}
		w.b = n.AppendJSON(w.b)
	default:
		w.b = n.AppendJSON(w.b)
	}
}

// lineFor starts the line of member i of n, or records it on the line its
// object starts when no key heads that object.
func (w *kinWriter) lineFor(n *spec.Node, i int, src *spec.File, keyword bool, depth int, headless bool) {
	c := n.Children[i]
	if i == 0 && headless {
		w.firstMember(c)
		return
	}
	at := c
	if inlined(n, i, keyword, depth) {
		if _, t, err := w.doc.Resolve(src, c.Ref()); err == nil {
			at = t
		}
	}
	w.newline(c, at)
}

// member writes the value of member i of object n, read with the same
// context writeIn has for n.
func (w *kinWriter) member(n *spec.Node, i int, src *spec.File, keyword bool, depth int, parentKey string) {
	c, k := n.Children[i], n.Keys[i]
	if w.cuts != nil && !w.uncertain && !w.floats && keyword && reencodes[k] {
		w.uncertain = true
		defer func() { w.uncertain = false }()
	}
	if w.cuts != nil && keyword && plainJSON(k, w.level) {
		// An extension's value is plain JSON to kin-openapi (Extensions),
		// where no mark would be found: nothing in it is cut, whatever
		// keys it holds (x-webhooks holds schemas); so are examples and
		// defaults (a mark found nowhere only costs time: the document
		// is decoded whole).
		cuts := w.cuts
		w.cuts = nil
		w.member(n, i, src, keyword, depth, parentKey)
		w.cuts = cuts
		return
	}
	if c.Kind == spec.String && src != w.served && (k == "$ref" || parentKey == "mapping" && looksLikeRef(c.Value)) {
		w.b = spec.AppendJSONString(w.b, w.doc.rebaseRef(src, w.served, c.Value))
		return
	}
	childKeyword := !(keyword && spec.IsNamedMap(k))
	if !keyword {
		childKeyword = true
	}
	saved := w.level
	if w.cuts != nil {
		w.level = memberLevel(saved, keyword, k, parentKey)
	}
	switch {
	case inlined(n, i, keyword, depth):
		if tf, t, err := w.doc.Resolve(src, c.Ref()); err == nil {
			w.write(t, tf, childKeyword, depth+1)
			break
		}
		w.writeIn(c, src, childKeyword, depth, k)
	case w.cuts != nil && w.cuts.cut(w, c, src, childKeyword, depth, k):
	default:
		w.writeIn(c, src, childKeyword, depth, k)
	}
	w.level = saved
}

// plainJSON tells whether the value of keyword k, in an object at schema
// level level, is plain JSON to kin-openapi.
func plainJSON(k string, level int) bool {
	switch k {
	case "example", "default", "enum", "const":
		return true
	case "examples":
		return level > 0
	case "value":
		return level <= 0
	}
	return strings.HasPrefix(k, "x-")
}

// inlined tells whether member i of n is a $ref that kinJSON replaces by its target.
func inlined(n *spec.Node, i int, keyword bool, depth int) bool {
	c, k := n.Children[i], n.Keys[i]
	return keyword && (spec.IsNamedMap(k) || spec.IsOperationKey(k)) && c.Ref() != "" && len(c.Keys) == 1 && depth < maxInlineDepth
}

// looksLikeRef tells a discriminator mapping value that is a reference from a bare schema name.
func looksLikeRef(s string) bool {
	return strings.ContainsAny(s, "#/") || strings.HasSuffix(s, ".yaml") || strings.HasSuffix(s, ".yml") || strings.HasSuffix(s, ".json")
}

// rebaseRef rewrites a $ref written in file src so it resolves the same from
// file to. The result is relative, so the same layout gives the same text in
// the base and the revision (oasdiff compares discriminator mappings as text).
func (d *document) rebaseRef(src, to *spec.File, ref string) string {
	filePart, frag := spec.SplitRef(ref)
	key := src.Key
	if filePart != "" {
		key = d.KeyFor(src, filePart)
		if strings.Contains(key, "://") {
			return key + "#" + frag
		}
	}
	rel, err := filepath.Rel(filepath.Dir(to.Key), key)
	if err != nil {
		rel = key
	}
	return filepath.ToSlash(rel) + "#" + frag
}

// fragmentLooksLikeObject tells whether a referenced file's root is an
// OpenAPI object itself (a schema, an operation...) rather than a map of named ones.
func fragmentLooksLikeObject(n *spec.Node) bool {
	if n == nil || n.Kind != spec.Object {
		return true
	}
	for _, k := range []string{"type", "properties", "items", "allOf", "oneOf", "anyOf", "responses",
		"operationId", "requestBody", "in", "content", "schema", "get", "put", "post", "delete",
		"patch", "$ref", "enum", "description", "summary"} {
		if n.Get(k) != nil {
			return true
		}
	}
	return false
}
