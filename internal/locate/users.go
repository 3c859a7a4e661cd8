package locate

import (
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/apibump/apibump/internal/engine/tree"
	"github.com/apibump/apibump/internal/oasgrammar"
	"github.com/apibump/apibump/internal/spec"
)

// Users finds the operations (and webhooks, and the callbacks of
// operations) that reach a place of a document through $refs, and the
// direction each reaches it in, so a change to a shared component lists
// the endpoints it affects and is judged as they see it.
type Users struct {
	docs     [2]*spec.Document
	grammars [2]*oasgrammar.Grammar
	webhooks []string // root keys configured as webhooks besides `webhooks`
	graph    [2]map[string][]use
	longest  [2]int // the length of graph's longest key
	memo     [2]map[string][]Use
}

// use is one $ref to a target: who holds it (an operation "op:GET /x",
// or another target's key), the side of the $ref within the user
// (NoSide: the side the user itself is reached in) and whether a webhook
// or a callback lies between the user and the $ref.
type use struct {
	user string
	side oasgrammar.Side
	swap bool
	at   []string // the tokens of the $ref's place from the user (nil: unknown)
}

// Use is an operation that reaches a place: the side the place is in
// for that operation, and whether a webhook or callback mirrors it. Path
// is the way it reaches the place: the tokens from the operation, through
// the $refs on the way, to the shallowest target of a $ref that holds the
// place (the component), empty when the place is in the operation itself;
// Target is that target's pointer in its file. An operation reaching a
// place in more than one way (under two statuses) has a Use for each.
type Use struct {
	Op       string
	Side     oasgrammar.Side
	Mirrored bool
	Path     []string
	Target   string
}

func NewUsers(base, rev *spec.Document, webhooks []string) *Users {
	return &Users{docs: [2]*spec.Document{base, rev}, grammars: [2]*oasgrammar.Grammar{Grammar(base), Grammar(rev)},
		webhooks: webhooks, memo: [2]map[string][]Use{{}, {}}}
}

// Grammar returns the grammar of a document's OpenAPI version.
func Grammar(doc *spec.Document) *oasgrammar.Grammar {
	root := doc.Root.Root
	v, ok := oasgrammar.ParseVersion(root.Str("openapi"))
	if doc.Swagger {
		v, ok = oasgrammar.V20, true
	}
	if !ok {
		v = oasgrammar.V30
	}
	return oasgrammar.For(v)
}

func targetKey(f *spec.File, frag string) string { return f.Key + "#" + frag }

// canonicalFrag writes a $ref's fragment as JoinPointer writes the
// pointer of a place (percent escapes decoded).
func canonicalFrag(frag string) string {
	if u, err := url.PathUnescape(frag); err == nil {
		frag = u
	}
	return spec.JoinPointer(spec.SplitPointer(frag))
}

type refTargetInfo struct {
	f *spec.File
	n *spec.Node
	h oasgrammar.Holds
}

// build makes the graph of one document: for each $ref target, its uses.
func (u *Users) build(i int) map[string][]use {
	if u.graph[i] != nil {
		return u.graph[i]
	}
	doc, g := u.docs[i], u.grammars[i]
	graph := map[string][]use{}
	targets := map[string]refTargetInfo{}
	var queue []string
	addRef := func(user string, from *spec.File, ref string, side oasgrammar.Side, swap bool, h oasgrammar.Holds, at []string) {
		tf, tn, err := doc.Resolve(from, ref)
		if err != nil {
			return
		}
		_, frag := spec.SplitRef(ref)
		k := targetKey(tf, canonicalFrag(frag))
		if _, ok := targets[k]; !ok {
			h.OrRef = false
			targets[k] = refTargetInfo{tf, tn, h}
			queue = append(queue, k)
		}
		graph[k] = append(graph[k], use{user, side, swap, slices.Clone(at)})
	}
	// An operation and the path item around it: refs in the operation are
	// the operation's; refs in the path item's other fields (its
	// parameters, servers) are every operation's.
	pathItem := func(name string, item *spec.Node, itemFile *spec.File, swap bool) {
		frag := ""
		if ref := item.Ref(); ref != "" {
			f, n, err := doc.Resolve(itemFile, ref)
			if err != nil {
				return
			}
			_, fr := spec.SplitRef(ref)
			item, itemFile, frag = n, f, canonicalFrag(fr)
		}
		if item.Kind != spec.Object {
			return
		}
		var ops []string
		for mi, k := range item.Keys {
			if spec.IsOperationKey(k) {
				op := "op:" + strings.ToUpper(k) + " " + name
				ops = append(ops, op)
				if frag != "" {
					// A place in a path item written in another file names
					// its operation by the method under the $ref's target.
					graph[targetKey(itemFile, frag+"/"+k)] = append(graph[targetKey(itemFile, frag+"/"+k)], use{op, oasgrammar.NoSide, swap, nil})
				}
				u.walkRefs(g, oasgrammar.Holds{Type: oasgrammar.Operation}, item.Children[mi], itemFile, oasgrammar.NoSide, swap, "",
					func(ref string, f *spec.File, side oasgrammar.Side, sw bool, h oasgrammar.Holds, at []string) {
						addRef(op, f, ref, side, sw, h, at)
					})
			}
		}
		for mi, k := range item.Keys {
			if spec.IsOperationKey(k) || k == "$ref" {
				continue
			}
			st := g.Child(oasgrammar.Holds{Type: oasgrammar.PathItem}, k, nodeCursor{n: item})
			if st.Kind != oasgrammar.Fixed {
				continue
			}
			side, _ := st.Turn()
			for _, op := range ops {
				if frag != "" {
					graph[targetKey(itemFile, frag+"/"+k)] = append(graph[targetKey(itemFile, frag+"/"+k)], use{op, side, swap, nil})
				}
				// The path item's field is every operation's, named from the
				// operation by "..", then its key (parameters).
				u.walkRefs(g, st.Holds, item.Children[mi], itemFile, side, swap, k,
					func(ref string, f *spec.File, s oasgrammar.Side, sw bool, h oasgrammar.Holds, at []string) {
						addRef(op, f, ref, s, sw, h, at)
					})
			}
		}
	}
	root := doc.Root.Root
	if paths := root.Get("paths"); paths != nil && paths.Kind == spec.Object {
		for pi, p := range paths.Children {
			pathItem(paths.Keys[pi], p, doc.Root, false)
		}
	}
	for _, key := range u.webhookKeys(doc) {
		if hooks := root.Get(key); hooks != nil && hooks.Kind == spec.Object {
			for hi, h := range hooks.Children {
				pathItem("webhook:"+hooks.Keys[hi], h, doc.Root, true)
			}
		}
	}
	for len(queue) > 0 {
		k := queue[0]
		queue = queue[1:]
		t := targets[k]
		u.walkRefs(g, t.h, t.n, t.f, innerSide(t.h.Type), false, "",
			func(ref string, f *spec.File, side oasgrammar.Side, sw bool, h oasgrammar.Holds, at []string) {
				addRef(k, f, ref, side, sw, h, at)
			})
	}
	u.graph[i] = graph
	for k := range graph {
		u.longest[i] = max(u.longest[i], len(k))
	}
	return graph
}

// webhookKeys are the root keys of a document that hold webhooks.
func (u *Users) webhookKeys(doc *spec.Document) []string {
	keys := []string{}
	if !doc.Swagger && Grammar(doc).Version == oasgrammar.V31 {
		keys = append(keys, "webhooks")
	}
	return append(keys, u.webhooks...)
}

// innerSide is the side of what an object of type t holds, whoever reaches it.
func innerSide(t oasgrammar.Type) oasgrammar.Side {
	switch t {
	case oasgrammar.Parameter, oasgrammar.RequestBody:
		return oasgrammar.RequestSide
	case oasgrammar.Response:
		return oasgrammar.ResponseSide
	}
	return oasgrammar.NoSide
}

// walkRefs calls fn for every $ref in n, a node holding h, with the side
// and swap the grammar gives the $ref's place from n, and the tokens of
// that place from n (first, when not "", is the key n is under in the
// path item around the operation the walk is for: the tokens start with
// "..", first); fn must copy the tokens to keep them. Values with no
// OpenAPI meaning (examples, extensions, unknown keys) are not entered.
func (u *Users) walkRefs(g *oasgrammar.Grammar, h oasgrammar.Holds, n *spec.Node, f *spec.File, side oasgrammar.Side, swap bool, first string,
	fn func(ref string, f *spec.File, side oasgrammar.Side, swap bool, h oasgrammar.Holds, at []string)) {
	type frame struct {
		h     oasgrammar.Holds
		n     *spec.Node
		side  oasgrammar.Side
		swap  bool
		depth int    // the number of tokens from n to the node
		tok   string // the last of them
	}
	// The tokens of the node being read: the stack is depth first, so
	// those of a frame's ancestors are in place when it is popped.
	var toks []string
	depth0 := 0
	if first != "" {
		toks, depth0 = append(toks, "..", first), 2
	}
	stack := []frame{{h, n, side, swap, depth0, first}}
	for len(stack) > 0 {
		fr := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if fr.n.Kind != spec.Object && fr.n.Kind != spec.Array {
			continue
		}
		if fr.depth > depth0 {
			toks = append(toks[:fr.depth-1], fr.tok)
		}
		if ref := fr.n.Ref(); ref != "" {
			fn(ref, f, fr.side, fr.swap, fr.h, toks[:fr.depth])
		}
		cur := nodeCursor{n: fr.n}
		for i, c := range fr.n.Children {
			tok := ""
			if fr.n.Kind == spec.Object {
				tok = fr.n.Keys[i]
				if tok == "$ref" {
					continue
				}
			} else {
				tok = strconv.Itoa(i)
			}
			st := g.Child(fr.h, tok, cur)
			switch st.Kind {
			case oasgrammar.Extension, oasgrammar.Annotation, oasgrammar.InValue, oasgrammar.Unknown:
				continue
			}
			s, sw := fr.side, fr.swap
			if to, turn := st.Turn(); turn {
				s, sw = oasgrammar.NoSide, !sw
			} else if to != oasgrammar.NoSide {
				s = to
			}
			stack = append(stack, frame{st.Holds, c, s, sw, fr.depth + 1, tok})
		}
	}
}

// Reach returns the operations that reach the difference's place, each
// with the side the place is in for it. p is the place typed from the
// root (through the references on the way).
func (u *Users) Reach(side int, td tree.Diff, p oasgrammar.Path) []Use {
	doc := u.docs[side]
	site := td.Sites.Rev
	if side == 0 {
		site = td.Sites.Base
	}
	toks := td.Tokens
	placeSide, placeMirror := p.Side()
	if site.Key == doc.Root.Key && len(toks) >= 2 {
		if ops := u.Direct(doc, toks); ops != nil {
			for i := range ops {
				ops[i].Side, ops[i].Mirrored = placeSide, placeMirror
			}
			return ops
		}
	}
	out := u.ReachAt(side, site, toks, p)
	if len(out) == 0 && len(td.Logical) >= 3 && td.Logical[0] == "paths" && spec.IsOperationKey(td.Logical[2]) {
		out = []Use{{Op: strings.ToUpper(td.Logical[2]) + " " + td.Logical[1], Side: placeSide, Mirrored: placeMirror}}
	}
	return out
}

// ReachAt returns the operations that reach the place of a document (side
// 0: the base, 1: the revision) at the tokens from a file's root through
// $refs; p, the place typed, tells the side the place is in within each
// target (an empty Path: none).
func (u *Users) ReachAt(side int, site *spec.File, toks []string, p oasgrammar.Path) []Use {
	g := u.build(side)
	// The side of the place within each target it lies in: the turns of
	// the steps after the target's start (see innerSides).
	inner, swaps := innerSides(p)
	offset := len(p.Steps) - len(toks)
	var starts []opState
	memoKey := strings.Builder{}
	// The keys of the places toks[:n], as slices of the whole place's: a
	// place can be far longer than any in the document (one reached
	// through $refs that pair targets in turn), and writing out each of
	// its prefixes would cost the square of its length; none longer than
	// the graph's longest key is one of its keys.
	whole := targetKey(site, spec.JoinPointer(toks))
	ends := make([]int, len(toks)+1)
	ends[0] = len(site.Key) + 1
	for i, t := range toks {
		ends[i+1] = ends[i] + 1 + len(spec.EscapeToken(t))
	}
	for n := len(toks); n >= 0; n-- {
		if ends[n] > u.longest[side] {
			continue
		}
		k := whole[:ends[n]]
		if _, ok := g[k]; !ok {
			continue
		}
		at := min(max(n+offset, 0), len(p.Steps))
		st := opState{key: k, side: inner[at], swap: swaps[at]}
		starts = append(starts, st)
		memoKey.WriteString(k + "\x00" + strconv.Itoa(int(st.side)) + strconv.FormatBool(st.swap) + "\x00")
	}
	if out, ok := u.memo[side][memoKey.String()]; ok {
		return out
	}
	out := u.bfs(g, starts)
	u.memo[side][memoKey.String()] = out
	return out
}

// Direct returns the operations of a place in the root document's paths
// or webhooks, nil elsewhere.
func (u *Users) Direct(doc *spec.Document, toks []string) []Use {
	prefix := ""
	switch {
	case toks[0] == "paths":
	case slices.Contains(u.webhookKeys(doc), toks[0]):
		prefix = "webhook:"
	default:
		return nil
	}
	name := prefix + toks[1]
	if len(toks) >= 3 && spec.IsOperationKey(toks[2]) {
		return []Use{{Op: strings.ToUpper(toks[2]) + " " + name}}
	}
	out := []Use{}
	item := WalkLogical(doc, toks[:2])
	if item != nil && item.Kind == spec.Object {
		for _, k := range item.Keys {
			if spec.IsOperationKey(k) {
				out = append(out, Use{Op: strings.ToUpper(k) + " " + name})
			}
		}
	}
	return out
}

type opState struct {
	key  string
	side oasgrammar.Side
	swap bool
}

// bfs follows the uses back from the start states to the operations. The
// innermost side known wins (a schema in a response is in the response,
// whoever reaches the response); swaps compose. Each state keeps the way
// it was first reached, so each operation's Use says its way to the
// start it reaches: linear in the graph.
func (u *Users) bfs(g map[string][]use, starts []opState) []Use {
	type from struct {
		prev  opState // the state nearer the start
		at    []string
		start string // the start's key
		first bool   // a start itself
	}
	seen := map[opState]from{}
	for _, s := range starts {
		if _, ok := seen[s]; !ok {
			seen[s] = from{first: true, start: s.key}
		}
	}
	// way is the tokens from a state's user to the start.
	way := func(s opState, at []string) []string {
		path := slices.Clone(at)
		for {
			f := seen[s]
			if f.first {
				return path
			}
			path = append(path, f.at...)
			s = f.prev
		}
	}
	found := map[string]Use{}
	queue := slices.Clone(starts)
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		for _, e := range g[s.key] {
			next := opState{key: e.user, side: s.side, swap: s.swap != e.swap}
			if next.side == oasgrammar.NoSide {
				next.side = e.side
			}
			if op, ok := strings.CutPrefix(e.user, "op:"); ok {
				o := Use{Op: op, Side: next.side, Mirrored: next.swap, Path: way(s, e.at)}
				f := seen[s]
				for !f.first {
					f = seen[f.prev]
				}
				if _, frag, ok := strings.Cut(f.start, "#"); ok {
					o.Target = frag
				}
				k := useKey(o)
				if _, dup := found[k]; !dup {
					found[k] = o
				}
				continue
			}
			if _, ok := seen[next]; ok {
				continue
			}
			seen[next] = from{prev: s, at: e.at}
			queue = append(queue, next)
		}
	}
	out := make([]Use, 0, len(found))
	for _, o := range found {
		out = append(out, o)
	}
	slices.SortFunc(out, func(a, b Use) int {
		if c := strings.Compare(a.Op, b.Op); c != 0 {
			return c
		}
		if a.Side != b.Side {
			return int(a.Side) - int(b.Side)
		}
		if a.Mirrored != b.Mirrored {
			if a.Mirrored {
				return 1
			}
			return -1
		}
		return slices.Compare(a.Path, b.Path)
	})
	return out
}

// useKey tells Uses apart: the operation, its side, and its way.
func useKey(o Use) string {
	return o.Op + "\x00" + strconv.Itoa(int(o.Side)) + strconv.FormatBool(o.Mirrored) + "\x00" + spec.JoinPointer(o.Path)
}

// innerSides returns, for each i in 0..len(p.Steps), the side the steps
// from i on give a place (as Path.Side does for them) and whether they
// swap it an odd number of times.
func innerSides(p oasgrammar.Path) ([]oasgrammar.Side, []bool) {
	n := len(p.Steps)
	sides := make([]oasgrammar.Side, n+1)
	swaps := make([]bool, n+1)
	last := oasgrammar.NoSide // the side after the last turn, from i on
	turned := false
	for i := n - 1; i >= 0; i-- {
		to, swap := p.Steps[i].Turn()
		swaps[i] = swaps[i+1] != swap
		if !turned && (swap || to != oasgrammar.NoSide) {
			turned, last = true, to // a swap last: no side
		}
		sides[i] = last
	}
	return sides, swaps
}

// Operations returns the names of the operations of uses, in order, once each.
func Operations(uses []Use) []string {
	var out []string
	for _, o := range uses {
		if len(out) == 0 || out[len(out)-1] != o.Op {
			out = append(out, o.Op)
		}
	}
	return out
}

// SchemeUsers are the operations whose security requirements name a
// security scheme (all of them when the document's requirements do).
func SchemeUsers(doc *spec.Document, name string) []Use {
	names := func(sec *spec.Node) bool {
		if sec == nil || sec.Kind != spec.Array {
			return false
		}
		for _, req := range sec.Children {
			if req.Get(name) != nil {
				return true
			}
		}
		return false
	}
	global := names(doc.Root.Root.Get("security"))
	var out []Use
	paths := doc.Root.Root.Get("paths")
	if paths == nil || paths.Kind != spec.Object {
		if global {
			out = append(out, Use{Op: "", Side: oasgrammar.RequestSide})
		}
		return out
	}
	for pi, path := range paths.Children {
		item := Resolved(doc, path)
		if item == nil || item.Kind != spec.Object {
			continue
		}
		for mi, k := range item.Keys {
			if !spec.IsOperationKey(k) {
				continue
			}
			op := item.Children[mi]
			sec := op.Get("security")
			if names(sec) || sec == nil && global {
				out = append(out, Use{Op: strings.ToUpper(k) + " " + paths.Keys[pi], Side: oasgrammar.RequestSide})
			}
		}
	}
	if len(out) == 0 && global {
		out = append(out, Use{Op: "", Side: oasgrammar.RequestSide})
	}
	return out
}
