// Package normalize rewrites an OpenAPI document into canonical forms, so
// that two documents that accept and return the same messages compare equal
// where they only differ in how they are written: an allOf of one $ref, an
// allOf that merges safely, {} and true, the nullable forms of 3.0 and 3.1,
// type lists written as oneOf or anyOf, keywords the declared type ignores,
// header names by case, path-level parameters, an exploded query object.
//
// The result is a new document: the input's trees are not modified, unchanged
// subtrees are shared, and every node keeps the position and file it was read
// with, so findings on the normalised document point at the user's lines.
// Each rewrite is recorded with where it happened and the node as written.
package normalize

import (
	"net/url"
	"strings"

	"github.com/apibump/apibump/internal/kinmodel"
	"github.com/apibump/apibump/internal/spec"
)

// Options tune the normalisation. The zero value applies every rewrite.
type Options struct {
	// Skip lists kinds of rewrite not to apply.
	Skip map[Kind]bool
	// Webhooks lists root keys that hold webhooks (path items) besides
	// OpenAPI 3.1's `webhooks`, such as `x-webhooks` when the
	// configuration says so; they are normalised as webhooks are.
	Webhooks []string
	// HeaderName gives the spelling a header name takes, from its lower
	// case form, so that two documents compared agree on one spelling of
	// each name (and messages keep the case the author wrote); nil: the
	// lower case form.
	HeaderName func(lower string) string
	// Other is the document this one is compared with. A keyword the
	// schema's type ignores is kept where Other's root file has the same
	// keyword at the same place under a type it applies to: the type
	// changed, and dropping the keyword would report the one edit twice
	// (the type, and the bound unset).
	Other *spec.Document
}

// Kind names a kind of rewrite.
type Kind string

// The kinds of rewrite.
const (
	// AllOfSingleRef: `allOf: [{$ref: X}]` with only documentation beside
	// it became `$ref: X`, the documentation kept beside the $ref.
	AllOfSingleRef Kind = "allof-single-ref"
	// AllOfMerged: an allOf whose members (references resolved) combine
	// without conflict became one schema.
	AllOfMerged Kind = "allof-merged"
	// EmptySchema: `true` became `{}`; `{}` or `true` as the schema of a
	// media type, or as additionalProperties / unevaluatedProperties /
	// unevaluatedItems, was removed (absent means the same).
	EmptySchema Kind = "empty-schema"
	// FalseSchema: `false` became `{not: {}}`; as additionalProperties /
	// unevaluatedProperties / unevaluatedItems, `{not: {}}` became `false`.
	FalseSchema Kind = "false-schema"
	// NullableType: "null" in a type list beside another type became
	// `nullable: true` (OpenAPI 3.0's form, which kin-openapi reads in every
	// version and from which oasdiff positions its nullability findings);
	// `nullable: false` was removed.
	NullableType Kind = "nullable-type"
	// TypeUnion: a oneOf / anyOf of bare `{type: T}` members (and at most
	// one member with keywords only its type reads) became a type list.
	TypeUnion Kind = "type-union"
	// EnumUnion: a oneOf / anyOf whose members each allow only listed
	// values (`enum` or `const`, of one type or untyped, with only
	// documentation beside) became one enum of their values (pairwise
	// distinct for oneOf), the members' type beside it.
	EnumUnion Kind = "enum-union"
	// NullWrap: `anyOf: [X, {type: "null"}]` with X (a schema or a $ref to
	// one) rejecting null became `oneOf: [{type: "null"}, X]` (either order
	// in, null first out).
	NullWrap Kind = "null-wrap"
	// TypeList: a type list was written in canonical order without
	// duplicates, a list of one type as that type.
	TypeList Kind = "type-list"
	// InapplicableKeyword: a keyword that constrains only types the
	// schema's type excludes was removed.
	InapplicableKeyword Kind = "inapplicable-keyword"
	// ExclusiveBound: the boolean exclusiveMinimum / exclusiveMaximum of
	// OpenAPI 3.0 became the numeric form (the bound moved from
	// minimum / maximum); a false one was removed.
	ExclusiveBound Kind = "exclusive-bound"
	// PrefixItemsEqualItems: prefixItems whose every member equals items was removed.
	PrefixItemsEqualItems Kind = "prefix-items-equal-items"
	// UnevaluatedCovered: unevaluatedProperties beside additionalProperties
	// (or unevaluatedItems beside items), which leave nothing unevaluated, was removed.
	UnevaluatedCovered Kind = "unevaluated-covered"
	// HeaderNameCase: a header name (a header parameter's name, a response
	// header's key) was lowercased, or spelled as Options.HeaderName says;
	// Detail keeps it as written.
	HeaderNameCase Kind = "header-name-case"
	// PathParameters: a path item's parameters were copied into each of its
	// operations (those an operation declares itself win) and removed from
	// the path item; Detail lists the operations.
	PathParameters Kind = "path-parameters"
	// ExplodedParameter: a query parameter that is an object in form style,
	// exploded, became one parameter per property (the same query string);
	// Detail is its name.
	ExplodedParameter Kind = "exploded-parameter"
)

// Kinds lists every kind of rewrite.
var Kinds = []Kind{AllOfSingleRef, AllOfMerged, EmptySchema, FalseSchema, NullableType, TypeUnion, EnumUnion, NullWrap,
	TypeList, InapplicableKeyword, ExclusiveBound, PrefixItemsEqualItems, UnevaluatedCovered, HeaderNameCase,
	PathParameters, ExplodedParameter}

// Rewrite is one rewrite made by the normalisation.
type Rewrite struct {
	Kind Kind
	// Original is the node as written (in the input document): the schema
	// rewritten, the keyword removed, the header name lowercased...
	Original *spec.Node
	// Detail is a short text: the keyword, the header name as written, the
	// operations a path-level parameter list went to.
	Detail string

	at *path
}

// File is the file the rewritten node was read from.
func (r Rewrite) File() *spec.File { return r.Original.File }

// Pointer is the JSON pointer, in File, of where the rewrite happened: the
// node rewritten (the schema an allOf merge brought a keyword into; for an
// exploded parameter, the parameters of the operation it was split into).
func (r Rewrite) Pointer() string { return r.at.String() }

// Document returns the normalised document and the rewrites made. doc is not
// modified. The error is kin-openapi's, should the normalised trees not build
// its model (a rewrite that kin-openapi does not read: please report it).
func Document(doc *spec.Document, opts Options) (*spec.Document, []Rewrite, error) {
	roots, rewrites := Roots(doc, opts)
	if len(roots) == 0 {
		return doc, rewrites, nil
	}
	out, err := kinmodel.WithRoots(doc, roots)
	if err != nil {
		return nil, nil, err
	}
	return out, rewrites, nil
}

// Roots returns the normalised root of each file of doc that changed, by
// file key, and the rewrites made. It does not build a kin-openapi model.
func Roots(doc *spec.Document, opts Options) (map[string]*spec.Node, []Rewrite) {
	z := newNormalizer(doc, opts)
	z.run()
	roots := map[string]*spec.Node{}
	for _, f := range doc.Files() {
		if r := z.rebuild(f.Root); r != f.Root {
			roots[f.Key] = r
		}
	}
	return roots, z.rewrites
}

// path is a JSON pointer built one token at a time and written out only when asked.
type path struct {
	parent *path
	tok    string
}

func (p *path) with(tok string) *path { return &path{parent: p, tok: tok} }

func (p *path) String() string {
	var toks []string
	for q := p; q != nil; q = q.parent {
		toks = append(toks, q.tok)
	}
	var b strings.Builder
	for i := len(toks) - 1; i >= 0; i-- {
		b.WriteByte('/')
		b.WriteString(spec.EscapeToken(toks[i]))
	}
	return b.String()
}

// pathOf is the path of a fragment ("/components/schemas/A").
func pathOf(frag string) *path {
	if u, err := url.PathUnescape(frag); err == nil {
		frag = u
	}
	var p *path
	for _, t := range spec.SplitPointer(frag) {
		p = p.with(t)
	}
	return p
}

// role is what an object is in the OpenAPI grammar, where the normalisation
// rewrites it.
type role uint8

const (
	roleSchema role = iota
	roleParameter
	roleHeader
	roleResponse
	roleRequestBody
	rolePathItem
	roleCallback
)

type unitKey struct {
	n *spec.Node
	r role
}

type queued struct {
	n  *spec.Node
	r  role
	at *path
}

type normalizer struct {
	doc     *spec.Document
	opts    Options
	swagger bool

	memo   map[unitKey]*spec.Node // the normalised form of each object met in a role
	busy   map[unitKey]bool       // objects being normalised
	repl   map[*spec.Node]*spec.Node
	queue  []queued // $ref targets to normalise where they stand
	queued map[unitKey]bool

	chains      map[*spec.Node]chainEnd // the end of each $ref chain
	refFreeMemo map[*spec.Node]bool     // subtrees without a $ref
	budget      int                     // nodes allOf merges may still create
	depth       int                     // nested merges resolving their members

	rewrites []Rewrite
}

func newNormalizer(doc *spec.Document, opts Options) *normalizer {
	z := &normalizer{
		doc: doc, opts: opts, swagger: doc.Swagger,
		memo: map[unitKey]*spec.Node{}, queued: map[unitKey]bool{}, busy: map[unitKey]bool{}, repl: map[*spec.Node]*spec.Node{},
		chains: map[*spec.Node]chainEnd{}, refFreeMemo: map[*spec.Node]bool{},
	}
	// A merge creates a node and a member for each key of the merged
	// properties and required; allow as many as the documents have nodes,
	// so the output stays linear in the input.
	for _, f := range doc.Files() {
		z.budget += countNodes(f.Root)
	}
	z.budget += 1 << 16
	return z
}

func (z *normalizer) on(k Kind) bool { return !z.opts.Skip[k] }

// headerName is the spelling of a header name once normalised.
func (z *normalizer) headerName(name string) string {
	low := strings.ToLower(name)
	if z.opts.HeaderName != nil {
		if s := z.opts.HeaderName(low); strings.ToLower(s) == low {
			return s
		}
	}
	return low
}

func (z *normalizer) record(k Kind, orig *spec.Node, at *path, detail string) {
	z.rewrites = append(z.rewrites, Rewrite{Kind: k, Original: orig, at: at, Detail: detail})
}

// run walks the document from its root, then the $ref targets met on the way
// that the walk does not reach where they stand.
func (z *normalizer) run() {
	root := z.doc.Root.Root
	if root == nil || root.Kind != spec.Object {
		return
	}
	var at *path
	z.eachMember(root.Get("paths"), at.with("paths"), func(k string, n *spec.Node, p *path) {
		if !strings.HasPrefix(k, "x-") {
			z.pathItem(n, p)
		}
	})
	z.eachMember(root.Get("webhooks"), at.with("webhooks"), func(_ string, n *spec.Node, p *path) { z.pathItem(n, p) })
	for _, key := range z.opts.Webhooks {
		if key != "webhooks" && key != "paths" {
			z.eachMember(root.Get(key), at.with(key), func(_ string, n *spec.Node, p *path) { z.pathItem(n, p) })
		}
	}
	if z.swagger {
		z.eachMember(root.Get("definitions"), at.with("definitions"), func(_ string, n *spec.Node, p *path) { z.schema(n, p) })
		z.eachMember(root.Get("parameters"), at.with("parameters"), func(_ string, n *spec.Node, p *path) { z.parameter(n, p) })
		z.eachMember(root.Get("responses"), at.with("responses"), func(_ string, n *spec.Node, p *path) { z.response(n, p) })
	}
	if comps := root.Get("components"); comps != nil && comps.Kind == spec.Object {
		cp := at.with("components")
		each := func(key string, f func(*spec.Node, *path) *spec.Node) {
			z.eachMember(comps.Get(key), cp.with(key), func(_ string, n *spec.Node, p *path) { f(n, p) })
		}
		each("schemas", z.schema)
		each("parameters", z.parameter)
		each("headers", z.header)
		each("requestBodies", z.requestBody)
		each("responses", z.response)
		each("callbacks", z.callback)
		each("pathItems", z.pathItem)
	}
	for len(z.queue) > 0 {
		q := z.queue[len(z.queue)-1]
		z.queue = z.queue[:len(z.queue)-1]
		z.unit(q.n, q.r, q.at)
	}
}

// eachMember calls f on each member of an object (nothing for anything else).
func (z *normalizer) eachMember(n *spec.Node, at *path, f func(string, *spec.Node, *path)) {
	if n == nil || n.Kind != spec.Object {
		return
	}
	for i, k := range n.Keys {
		f(k, n.Children[i], at.with(k))
	}
}

// unit normalises n in role r, once.
func (z *normalizer) unit(n *spec.Node, r role, at *path) *spec.Node {
	switch r {
	case roleSchema:
		return z.schema(n, at)
	case roleParameter:
		return z.parameter(n, at)
	case roleHeader:
		return z.header(n, at)
	case roleResponse:
		return z.response(n, at)
	case roleRequestBody:
		return z.requestBody(n, at)
	case rolePathItem:
		return z.pathItem(n, at)
	case roleCallback:
		return z.callback(n, at)
	}
	return n
}

// memoized runs f on n once per role, records a changed result as the
// replacement of n, and returns n itself while n is being normalised (a
// cycle).
func (z *normalizer) memoized(n *spec.Node, r role, f func() *spec.Node) *spec.Node {
	k := unitKey{n, r}
	if out, ok := z.memo[k]; ok {
		return out
	}
	if z.busy[k] {
		return n
	}
	z.busy[k] = true
	out := f()
	delete(z.busy, k)
	z.memo[k] = out
	if out != n {
		if _, seen := z.repl[n]; !seen {
			z.repl[n] = out
		}
	}
	return out
}

// follow queues the target of a $ref for normalisation in role r where it stands.
func (z *normalizer) follow(n *spec.Node, r role) {
	ref := n.Ref()
	if ref == "" {
		return
	}
	_, t, err := z.doc.Resolve(n.File, ref)
	if err != nil || t == nil {
		return
	}
	k := unitKey{t, r}
	if _, done := z.memo[k]; done || z.queued[k] {
		return
	}
	z.queued[k] = true
	_, frag, _ := strings.Cut(ref, "#")
	z.queue = append(z.queue, queued{n: t, r: r, at: pathOf(frag)})
}

// chainEnd is where a chain of $refs ends.
type chainEnd struct {
	n  *spec.Node // nil: nowhere (a broken reference or a cycle)
	at *path
}

// target returns the end of the $ref chain starting at n (n itself when it
// is no pure reference), the pointer of that end when n is a reference, and
// whether the chain ends somewhere.
func (z *normalizer) target(n *spec.Node) (*spec.Node, *path, bool) {
	if !pureRef(n) {
		return n, nil, true
	}
	var seen []*spec.Node
	onChain := map[*spec.Node]bool{}
	end := chainEnd{}
	for cur := n; ; {
		if e, ok := z.chains[cur]; ok {
			end = e
			break
		}
		if !pureRef(cur) {
			end = chainEnd{n: cur, at: end.at}
			break
		}
		if onChain[cur] {
			end = chainEnd{} // a cycle of references
			break
		}
		onChain[cur] = true
		seen = append(seen, cur)
		ref := cur.Ref()
		_, t, err := z.doc.Resolve(cur.File, ref)
		if err != nil || t == nil {
			end = chainEnd{}
			break
		}
		_, frag, _ := strings.Cut(ref, "#")
		end.at = pathOf(frag)
		cur = t
	}
	for _, s := range seen {
		z.chains[s] = end
	}
	return end.n, end.at, end.n != nil
}

// pureRef tells an object that is only a $ref.
func pureRef(n *spec.Node) bool {
	return n != nil && n.Kind == spec.Object && len(n.Keys) == 1 && n.Ref() != ""
}

// countNodes counts the nodes of a tree.
func countNodes(n *spec.Node) int {
	c := 1
	for _, k := range n.Children {
		c += countNodes(k)
	}
	return c
}

// rebuild returns n with every replacement applied, copying only what changed.
func (z *normalizer) rebuild(n *spec.Node) *spec.Node {
	if r, ok := z.repl[n]; ok {
		return r
	}
	if n.Kind != spec.Object && n.Kind != spec.Array {
		return n
	}
	var kids []*spec.Node
	for i, c := range n.Children {
		if nc := z.rebuild(c); nc != c {
			if kids == nil {
				kids = append([]*spec.Node(nil), n.Children...)
			}
			kids[i] = nc
		}
	}
	if kids == nil {
		return n
	}
	return withChildren(n, n.Keys, kids)
}

// withChildren returns a copy of n (an object or an array) with other members.
func withChildren(n *spec.Node, keys []string, kids []*spec.Node) *spec.Node {
	if n.Kind == spec.Object {
		return spec.NewObject(n, keys, kids)
	}
	return &spec.Node{Kind: spec.Array, Children: kids, Pos: n.Pos, KeyPos: n.KeyPos, End: n.End, File: n.File}
}
