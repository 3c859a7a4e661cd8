package locate

import (
	"cmp"
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
	at   *tokPath // the tokens of the $ref's place from the user (nil: unknown)
}

// tokPath is a list of tokens that shares its beginning with others: its
// last token and the list before it. A walk gives each place it enters
// one, so the places of a document's $refs cost no more than the walk,
// however deep they are.
type tokPath struct {
	parent    *tokPath
	tok       string
	n         int    // the number of tokens
	hash, pow uint64 // the hash of the tokens (see wayBase)
}

// push returns the list p followed by tok.
func (p *tokPath) push(tok string) *tokPath {
	hash, pow, n := p.sum()
	return &tokPath{parent: p, tok: tok, n: n + 1, hash: hash*wayBase + tokHash(tok), pow: pow * wayBase}
}

// sum returns the hash of the list, wayBase to the power of its length, and
// its length.
func (p *tokPath) sum() (hash, pow uint64, n int) {
	if p == nil {
		return 0, 1, 0
	}
	return p.hash, p.pow, p.n
}

// tokens writes the list out.
func (p *tokPath) tokens() []string {
	if p == nil {
		return nil
	}
	out := make([]string, p.n)
	for q := p; q != nil; q = q.parent {
		out[q.n-1] = q.tok
	}
	return out
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
	// More, on a Use of its own after the others of its operation, side
	// and mirroring, counts the ways left out of them (see MaxWays).
	More int
}

// MaxWays is how many ways of one operation in one direction a reach list
// gives: one operation can reach a component in as many ways as it has
// places, each way as long as the schema is deep, and listing them all
// would cost the square of the document (4,000 nested properties each
// beside a $ref to one schema: 16 MB of output and 1.3 GB of memory for a
// 744 KB document). Real APIs reach a component in at most a few ways per
// operation (Stripe: 8).
const MaxWays = 16

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
	addRef := func(user string, from *spec.File, ref string, side oasgrammar.Side, swap bool, h oasgrammar.Holds, at *tokPath) {
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
		graph[k] = append(graph[k], use{user, side, swap, at})
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
					func(ref string, f *spec.File, side oasgrammar.Side, sw bool, h oasgrammar.Holds, at *tokPath) {
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
					func(ref string, f *spec.File, s oasgrammar.Side, sw bool, h oasgrammar.Holds, at *tokPath) {
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
			func(ref string, f *spec.File, side oasgrammar.Side, sw bool, h oasgrammar.Holds, at *tokPath) {
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
// "..", first). Values with no OpenAPI meaning (examples, extensions,
// unknown keys) are not entered.
func (u *Users) walkRefs(g *oasgrammar.Grammar, h oasgrammar.Holds, n *spec.Node, f *spec.File, side oasgrammar.Side, swap bool, first string,
	fn func(ref string, f *spec.File, side oasgrammar.Side, swap bool, h oasgrammar.Holds, at *tokPath)) {
	type frame struct {
		h      oasgrammar.Holds
		n      *spec.Node
		side   oasgrammar.Side
		swap   bool
		parent *tokPath // the tokens of the node's parent
		tok    string   // the node's, when it has one (not the top)
		hasTok bool
	}
	var top *tokPath
	if first != "" {
		top = top.push("..").push(first)
	}
	stack := []frame{{h: h, n: n, side: side, swap: swap, parent: top}}
	for len(stack) > 0 {
		fr := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if fr.n.Kind != spec.Object && fr.n.Kind != spec.Array {
			continue
		}
		at := fr.parent
		if fr.hasTok {
			at = at.push(fr.tok)
		}
		if ref := fr.n.Ref(); ref != "" {
			fn(ref, f, fr.side, fr.swap, fr.h, at)
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
			stack = append(stack, frame{st.Holds, c, s, sw, at, tok, true})
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
// start it reaches: linear in the graph. Of an operation's ways in one
// direction, the MaxWays shortest are given and the others counted
// (Use.More): the ways are told apart by a hash of their tokens, composed
// along the states, so a way left out costs no more than its last step.
func (u *Users) bfs(g map[string][]use, starts []opState) []Use {
	type from struct {
		prev  opState // the state nearer the start
		at    *tokPath
		start string // the key of the start it was reached from
		first bool   // a start itself
		// hash, pow and n: the hash of the way from the state to its
		// start (see wayBase), wayBase to the power of its number of
		// tokens, and that number.
		hash, pow uint64
		n         int
	}
	seen := map[opState]from{}
	for _, s := range starts {
		if _, ok := seen[s]; !ok {
			seen[s] = from{first: true, start: s.key, pow: 1}
		}
	}
	// way is the tokens from a state's user to the start.
	way := func(s opState, at *tokPath) []string {
		path := at.tokens()
		for {
			f := seen[s]
			if f.first {
				return path
			}
			path = append(path, f.at.tokens()...)
			s = f.prev
		}
	}
	type group struct {
		op       string
		side     oasgrammar.Side
		mirrored bool
	}
	type wayKey struct {
		group
		hash uint64
		n    int
	}
	// A way to an operation, not yet written out.
	type candidate struct {
		s   opState
		at  *tokPath
		n   int // its number of tokens
		use Use // without its Path
	}
	found := map[wayKey]bool{}
	ways := map[group][]candidate{}
	var groups []group
	queue := slices.Clone(starts)
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		for _, e := range g[s.key] {
			next := opState{key: e.user, side: s.side, swap: s.swap != e.swap}
			if next.side == oasgrammar.NoSide {
				next.side = e.side
			}
			f := seen[s]
			if op, ok := strings.CutPrefix(e.user, "op:"); ok {
				h, _, n := e.at.sum()
				gr := group{op, next.side, next.swap}
				k := wayKey{gr, h*f.pow + f.hash, n + f.n}
				if found[k] {
					continue
				}
				found[k] = true
				o := Use{Op: op, Side: next.side, Mirrored: next.swap}
				if _, frag, ok := strings.Cut(f.start, "#"); ok {
					o.Target = frag
				}
				if ways[gr] == nil {
					groups = append(groups, gr)
				}
				ways[gr] = append(ways[gr], candidate{s, e.at, k.n, o})
				continue
			}
			if _, ok := seen[next]; ok {
				continue
			}
			h, pow, n := e.at.sum()
			seen[next] = from{prev: s, at: e.at, start: f.start, hash: h*f.pow + f.hash, pow: pow * f.pow, n: n + f.n}
			queue = append(queue, next)
		}
	}
	// The shortest ways of each operation and direction are written out,
	// the others counted.
	var out []Use
	for _, gr := range groups {
		cs := ways[gr]
		if len(cs) > MaxWays {
			slices.SortStableFunc(cs, func(a, b candidate) int { return cmp.Compare(a.n, b.n) })
			out = append(out, Use{Op: gr.op, Side: gr.side, Mirrored: gr.mirrored, More: len(cs) - MaxWays})
			cs = cs[:MaxWays]
		}
		for _, c := range cs {
			c.use.Path = way(c.s, c.at)
			out = append(out, c.use)
		}
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
		if (a.More > 0) != (b.More > 0) {
			if a.More > 0 {
				return 1
			}
			return -1
		}
		return slices.Compare(a.Path, b.Path)
	})
	return out
}

// wayBase is the base of the hash of a list of tokens (FNV's 64-bit
// prime): each token, hashed whole (tokHash), is a digit in that base, the
// first the most significant, so the hash of a list joined to another, b,
// is the first's times wayBase to the power of b's length, plus b's.
const wayBase = 1099511628211

// tokHash is a token's digit: its FNV-1a hash, never 0.
func tokHash(t string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(t); i++ {
		h ^= uint64(t[i])
		h *= wayBase
	}
	return h + 1
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
