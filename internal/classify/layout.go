package classify

import (
	"hash/maphash"
	"slices"
	"sort"
	"strings"

	"github.com/apibump/apibump/internal/engine/tree"
	"github.com/apibump/apibump/internal/finding"
	"github.com/apibump/apibump/internal/locale"
	"github.com/apibump/apibump/internal/locate"
	"github.com/apibump/apibump/internal/normalize"
	"github.com/apibump/apibump/internal/oasgrammar"
	"github.com/apibump/apibump/internal/placewords"
	"github.com/apibump/apibump/internal/rules"
	"github.com/apibump/apibump/internal/spec"
)

// The documents as written are compared too (tree.Options.Literal), only
// to find what the comparison of the normalised documents does not show:
// a difference of the written documents that no difference of the
// normalised ones and no oasdiff finding accounts for changes how the
// document is written, not what it accepts or returns. Nothing is
// dropped: each is a non-contract finding, one per rewrite the
// normalisation made there (equivalent-form), or one per place where no
// rewrite explains it (layout-changed: a $ref and an equal inlined value,
// a component the operations reach as before).

// layoutChanges returns the non-contract findings of the differences of
// the written documents (raw) that covering and found do not account for.
func layoutChanges(raw [2]*spec.Document, rawDiffs, covering []tree.Diff, found []finding.Change,
	rewrites [2][]normalize.Rewrite, webhooks []string) []finding.Change {
	if len(rawDiffs) == 0 {
		return nil
	}
	cov := newCoverage(raw, covering, found)
	e := &explainer{base: raw[0], rev: raw[1], users: locate.NewUsers(raw[0], raw[1], webhooks), webhooks: webhooks}
	rw := [2]*rewriteIndex{newRewriteIndex(rewrites[0]), newRewriteIndex(rewrites[1])}
	type group struct {
		c     finding.Change // a layout-changed finding; nil rw
		rw    *normalize.Rewrite
		side  int
		kinds []normalize.Kind
		ops   map[string]bool
	}
	groups := map[string]*group{}
	var order []string
	for _, r := range rawDiffs {
		if cov.covers(r) {
			continue
		}
		var hit *normalize.Rewrite
		hitSide := 0
		for side, n := range [2]*spec.Node{r.Base, r.Rev} {
			if hit == nil && n != nil {
				hit, hitSide = rw[side].find(r, side, n), side
			}
		}
		for side := range rw {
			if hit == nil {
				hit, hitSide = rw[side].find(r, side, nil), side // the other document rewrote the place
			}
		}
		ops := e.layoutOps(r)
		var key string
		var c finding.Change
		if hit != nil {
			key = "rw\x00" + e.anchor(hit, hitSide)
			if headerKey(hit) {
				key = strings.ToLower(key) // the same header, whatever the case each document writes
			}
		} else {
			c = e.layoutChange(r)
			key = "raw\x00" + c.Pointer + "\x00" + c.Message
		}
		g := groups[key]
		if g == nil {
			g = &group{c: c, rw: hit, side: hitSide, ops: map[string]bool{}}
			groups[key] = g
			order = append(order, key)
		}
		if hit != nil && !slices.Contains(g.kinds, hit.Kind) {
			g.kinds = append(g.kinds, hit.Kind)
		}
		for _, op := range ops {
			g.ops[op] = true
		}
	}
	out := make([]finding.Change, 0, len(order))
	for _, k := range order {
		g := groups[k]
		if g.rw != nil {
			g.c = e.rewriteChange(g.rw, g.side, g.kinds, len(g.ops) > 0)
		}
		for op := range g.ops {
			g.c.Operations = append(g.c.Operations, op)
		}
		slices.Sort(g.c.Operations)
		out = append(out, g.c)
	}
	return out
}

// anchor is the place a rewrite rewrote, the same in either document:
// the schema or parameter whose keyword it rewrote (a path item's
// parameters for path-level parameters, an operation's for an exploded
// one), the schema it rewrote whole where that is a member of a map or
// list (a property, a component, an allOf member: its allOf merged, true
// for {}), or the header whose name's case it rewrote in a headers map
// (the same but for that case).
func (e *explainer) anchor(rw *normalize.Rewrite, side int) string {
	doc := e.docs(side)
	p := rw.Pointer()
	if headerKey(rw) {
		// a header named by its key: the header, as this document writes its name
	} else if rw.Kind != normalize.PathParameters && rw.Kind != normalize.ExplodedParameter && !e.member(rw, doc) {
		if i := strings.LastIndexByte(p, '/'); i >= 0 {
			p = p[:i]
		}
	}
	if rw.File().Key != doc.Root.Key {
		return rw.File().Name + "#" + p
	}
	return p
}

// member tells a rewrite of a whole schema that is a member of a map or
// list (a property, a component, an allOf member), not a keyword of its
// parent: the schema is the place.
func (e *explainer) member(rw *normalize.Rewrite, doc *spec.Document) bool {
	if rw.File().Key != doc.Root.Key {
		return false
	}
	p := locate.Type(doc, spec.SplitPointer(rw.Pointer()), e.webhooks)
	if len(p.Steps) == 0 {
		return false
	}
	k := p.Steps[len(p.Steps)-1].Kind
	return k == oasgrammar.Name || k == oasgrammar.Index
}

// headerKey tells whether a rewrite is the case of a header name written
// as the key of a headers map (a response's, an encoding's, the
// components').
func headerKey(rw *normalize.Rewrite) bool {
	if rw.Kind != normalize.HeaderNameCase {
		return false
	}
	toks := spec.SplitPointer(rw.Pointer())
	return len(toks) >= 2 && toks[len(toks)-2] == "headers"
}

// layoutOps are the operations a difference of the written documents is in:
// those of the path item or operation it is under, none elsewhere.
func (e *explainer) layoutOps(r tree.Diff) []string {
	doc := e.rev
	if r.Kind == tree.Removed {
		doc = e.base
	}
	if r.Site() == nil || r.Site().Key != doc.Root.Key || len(r.Tokens) < 2 {
		return nil
	}
	return locate.Operations(e.users.Direct(doc, r.Tokens))
}

// rewriteChange is the equivalent-form finding of rewrites (kinds) at one
// place, made in the base (side 0) or the revision.
func (e *explainer) rewriteChange(rw *normalize.Rewrite, rwSide int, kinds []normalize.Kind, hasOps bool) finding.Change {
	side, doc := finding.SideRevision, e.rev
	if rwSide == 0 {
		side, doc = finding.SideBase, e.base
	}
	c := finding.Change{ID: rules.EquivalentForm, Side: side, Pointer: e.anchor(rw, rwSide)}
	at := nodeStart(rw.Original)
	c.Source = &spec.Position{File: rw.File().Name, Line: int(at.Line), Column: int(at.Col)}
	_, frag, _ := strings.Cut(c.Pointer, "#")
	if !strings.Contains(c.Pointer, "#") {
		frag = c.Pointer
	}
	toks := spec.SplitPointer(frag)
	where := func(locale.Lang) locale.Phrase {
		return locale.Quoted(strings.Join(readableTokens(toks, hasOps), " › "))
	}
	if rw.File().Key == doc.Root.Key {
		// Typed, the place reads as the other findings' places do.
		p := locate.Type(doc, toks, e.webhooks)
		where = func(l locale.Lang) locale.Phrase { return placewords.Words(l, p, doc, oasgrammar.NoSide) }
	}
	slices.Sort(kinds)
	words := make(catalogueWords, len(kinds))
	for i, k := range kinds {
		words[i] = "rewrite." + string(k)
	}
	c.Message, c.Localized = phrased(func(l locale.Lang) locale.Phrase {
		return locale.P(l, "equivalent.form", where(l), catalogue(l, words))
	})
	return c
}

// layoutChange is the layout-changed finding of one difference.
func (e *explainer) layoutChange(r tree.Diff) finding.Change {
	doc := e.docs(sideOf(r))
	p := locate.Type(doc, r.Logical, e.webhooks)
	c := e.change(rules.LayoutChanged, r, p, nil, nil)
	c.Message, c.Localized = e.edited("layout.changed", r, p, len(p.Steps)-1, doc, oasgrammar.NoSide)
	return c
}

// readableTokens drops the path and method of an operation's place when
// the operations are listed, as placeText does.
func readableTokens(toks []string, hasOps bool) []string {
	if hasOps && len(toks) >= 3 && toks[0] == "paths" && spec.IsOperationKey(toks[2]) {
		return toks[3:]
	}
	return toks
}

// coverage tells whether a difference of the written documents is
// accounted for: its logical place is inside (or holds) the place of a
// covering difference, or its nodes hold, or lie in, one of theirs or an
// oasdiff finding's position.
type coverage struct {
	seed   maphash.Seed
	places map[uint64]bool // the logical places of the covering differences
	within map[uint64]bool // every prefix of those places
	spans  [2]map[string]*spans
}

func newCoverage(raw [2]*spec.Document, covering []tree.Diff, found []finding.Change) *coverage {
	c := &coverage{seed: maphash.MakeSeed(), places: map[uint64]bool{}, within: map[uint64]bool{}}
	c.spans = [2]map[string]*spans{{}, {}}
	at := func(side int, key string) *spans {
		s := c.spans[side][key]
		if s == nil {
			s = &spans{}
			c.spans[side][key] = s
		}
		return s
	}
	for _, d := range covering {
		hs := c.prefixHashes(d.Logical)
		c.places[hs[len(hs)-1]] = true
		for _, h := range hs {
			c.within[h] = true
		}
		for side, n := range [2]*spec.Node{d.Base, d.Rev} {
			if n == nil || n.File == nil {
				continue
			}
			at(side, n.File.Key).add(nodeStart(n), n.End)
			if n.Kind == spec.Array {
				// A list the normalisation put together (path-level
				// parameters merged into an operation) stands where its
				// holder does: its items stand where they were written.
				for _, c := range n.Children {
					if c.File != nil {
						at(side, c.File.Key).add(nodeStart(c), c.End)
					}
				}
			}
		}
	}
	// oasdiff's positions name files by their display name.
	for side, p := range [2]func(finding.Change) *spec.Position{
		func(f finding.Change) *spec.Position { return f.BaseSource },
		func(f finding.Change) *spec.Position { return f.RevisionSource }} {
		keys := map[string]string{}
		for _, f := range raw[side].Files() {
			keys[f.Name] = f.Key
		}
		for _, f := range found {
			if pos := p(f); pos != nil && pos.Line > 0 {
				if key, ok := keys[pos.File]; ok {
					q := pos.At()
					at(side, key).add(q, q)
				}
			}
		}
	}
	for _, m := range c.spans {
		for _, s := range m {
			s.sort()
		}
	}
	return c
}

// nodeStart is where a node starts: its key, or its value.
func nodeStart(n *spec.Node) spec.Pos {
	if n.KeyPos.Line == 0 || n.Pos.Before(n.KeyPos) {
		return n.Pos
	}
	return n.KeyPos
}

// prefixHashes hashes every prefix of a place, the empty one first.
func (c *coverage) prefixHashes(toks []string) []uint64 {
	out := make([]uint64, len(toks)+1)
	var h maphash.Hash
	h.SetSeed(c.seed)
	out[0] = h.Sum64()
	for i, t := range toks {
		h.WriteString(t)
		h.WriteByte(0)
		out[i+1] = h.Sum64()
	}
	return out
}

func (c *coverage) covers(r tree.Diff) bool {
	hs := c.prefixHashes(r.Logical)
	if c.within[hs[len(hs)-1]] {
		return true // a covering difference lies inside
	}
	for _, h := range hs[1:] {
		if c.places[h] {
			return true // inside a covering difference
		}
	}
	for side, n := range [2]*spec.Node{r.Base, r.Rev} {
		if n == nil || n.File == nil {
			continue
		}
		if s := c.spans[side][n.File.Key]; s != nil && s.meets(n) {
			return true
		}
	}
	return false
}

// spans are ranges of positions in one file: a covering node's, or an
// oasdiff finding's position (a range of one position).
type spans struct {
	starts, ends []spec.Pos
	maxEnd       []spec.Pos // maxEnd[i]: the furthest end of ranges 0..i, sorted by start
}

func (s *spans) add(start, end spec.Pos) {
	s.starts = append(s.starts, start)
	s.ends = append(s.ends, end)
}

func (s *spans) sort() {
	idx := make([]int, len(s.starts))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return s.starts[idx[a]].Before(s.starts[idx[b]]) })
	starts, ends := make([]spec.Pos, len(idx)), make([]spec.Pos, len(idx))
	for i, j := range idx {
		starts[i], ends[i] = s.starts[j], s.ends[j]
	}
	s.starts, s.ends = starts, ends
	s.maxEnd = make([]spec.Pos, len(ends))
	for i, e := range ends {
		s.maxEnd[i] = e
		if i > 0 && e.Before(s.maxEnd[i-1]) {
			s.maxEnd[i] = s.maxEnd[i-1]
		}
	}
}

// meets tells whether a range starts inside the node, or holds the node's start.
func (s *spans) meets(n *spec.Node) bool {
	start := nodeStart(n)
	i := sort.Search(len(s.starts), func(i int) bool { return !s.starts[i].Before(start) })
	if i < len(s.starts) && !n.End.Before(s.starts[i]) {
		return true // a range starts inside the node
	}
	// The last range starting before the node: does any reach it?
	j := i - 1
	if i < len(s.starts) && s.starts[i] == start {
		j = i
	}
	return j >= 0 && !s.maxEnd[j].Before(start)
}

// rewriteIndex finds the rewrite of one document a difference lies in.
type rewriteIndex struct {
	places *normalize.Places
	byFile map[string][]*normalize.Rewrite // sorted by where the node as written starts
}

func newRewriteIndex(rws []normalize.Rewrite) *rewriteIndex {
	x := &rewriteIndex{places: normalize.NewPlaces(), byFile: map[string][]*normalize.Rewrite{}}
	for i := range rws {
		rw := &rws[i]
		if rw.Original == nil || rw.Original.File == nil {
			continue
		}
		at := x.places.Of(rw)
		at.Claim(rw)
		// A keyword rewritten rewrote the schema (the parameter) holding
		// it: what differs beside it is part of the rewrite. Path-level
		// parameters went to the operations Detail lists.
		if up := at.Parent(); up != nil {
			switch rw.Kind {
			case normalize.PathParameters:
				for _, m := range strings.Split(rw.Detail, ", ") {
					up.Child(strings.ToLower(m)).Child("parameters").Claim(rw)
				}
			case normalize.ExplodedParameter:
			default:
				up.Claim(rw)
			}
		}
		x.byFile[rw.File().Key] = append(x.byFile[rw.File().Key], rw)
	}
	for _, l := range x.byFile {
		slices.SortStableFunc(l, func(a, b *normalize.Rewrite) int {
			pa, pb := nodeStart(a.Original), nodeStart(b.Original)
			switch {
			case pa.Before(pb):
				return -1
			case pb.Before(pa):
				return 1
			}
			return 0
		})
	}
	return x
}

// find returns the rewrite at the deepest place holding the difference
// in the file the difference's tokens start from, else the first whose
// node as written lies in the difference's node.
func (x *rewriteIndex) find(r tree.Diff, side int, n *spec.Node) *normalize.Rewrite {
	site := r.Sites.Rev
	if side == 0 {
		site = r.Sites.Base
	}
	if site != nil {
		if rw := x.places.Deepest(site.Key, r.Tokens); rw != nil {
			return rw
		}
	}
	if n == nil {
		return nil
	}
	l := x.byFile[n.File.Key]
	start := nodeStart(n)
	i := sort.Search(len(l), func(i int) bool { return !nodeStart(l[i].Original).Before(start) })
	if i < len(l) && !n.End.Before(nodeStart(l[i].Original)) {
		return l[i]
	}
	return nil
}
