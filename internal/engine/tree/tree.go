// Package tree compares two documents as plain trees: every place where
// they differ (added, removed, modified, a path renamed), $refs followed so a
// reference and an equal inlined value are equal. It knows nothing of
// classes: package classify says what each difference is.
package tree

import (
	"slices"
	"strconv"

	"github.com/apibump/apibump/internal/spec"
)

// Kind says how a node differs between the two trees.
type Kind uint8

// The kinds of tree difference.
const (
	Added Kind = iota + 1
	Removed
	Modified
	Renamed
)

func (k Kind) String() string {
	switch k {
	case Added:
		return "added"
	case Removed:
		return "removed"
	case Renamed:
		return "renamed"
	}
	return "changed"
}

// Diff is one place where the two documents differ as plain trees.
type Diff struct {
	Kind   Kind
	Base   *spec.Node // the base node (nil when added)
	Rev    *spec.Node // the revision node (nil when removed)
	Tokens []string   // where it sits, from the root of the site file
	OldKey string     // the base's key, for a renamed path
	// Logical is the place as reached from the root document, through the
	// references on the way; the grammar reads it to tell keywords from names.
	Logical []string
	Sites   Sites // the files Tokens start from, in the base and in the revision
	// BaseChain and RevChain are the nodes enclosing the difference in
	// each document, one per token of Tokens but the last, outermost
	// first, as the comparison reached them ($refs followed): element i
	// is the node at Tokens[:i+1]. An element is nil above the fragment a
	// reference into another file starts at.
	BaseChain, RevChain []*spec.Node
}

// Sites are the files a place is relative to, one per document.
type Sites struct{ Base, Rev *spec.File }

// Site returns the file the difference's tokens start from on the side that shows it.
func (t Diff) Site() *spec.File {
	if t.Kind == Removed {
		return t.Sites.Base
	}
	return t.Sites.Rev
}

// Pointer is the JSON pointer of the difference, prefixed by the file name
// when it is not in the root document.
func (t Diff) Pointer(root *spec.File) string {
	p := spec.JoinPointer(t.Tokens)
	if site := t.Site(); site != nil && site.Key != root.Key {
		return site.Name + "#" + p
	}
	if p == "" {
		return "/"
	}
	return p
}

type treeDiffer struct {
	base, rev *spec.Document
	out       []Diff
	seenPairs map[[2]*spec.Node]bool
	// paired holds, for each target reached through references that name
	// different targets, the other side's target it was first compared
	// with (base targets in [0], revision targets in [1]).
	paired [2]map[*spec.Node]*spec.Node
	// repaired counts the pairs compared whose targets were paired already.
	repaired int
	// equalPairs remembers what equal found of a pair of containers.
	equalPairs map[[2]*spec.Node]bool
	renames    map[string]string // base path-parameter name -> revision name, inside a renamed path
	// prefix and fragLen turn tokens inside a referenced file into the
	// logical place in the root document they were reached from.
	prefix  []string
	fragLen int
	// bchain and rchain hold the nodes at each depth of the place being
	// compared (see Diff.BaseChain).
	bchain, rchain []*spec.Node
	// literal compares references as written (Options.Literal).
	literal bool
}

// logical returns the place of tokens as seen from the root document.
func (d *treeDiffer) logical(tokens []string) []string {
	if d.prefix == nil {
		return append([]string(nil), tokens...)
	}
	out := append([]string(nil), d.prefix...)
	if d.fragLen <= len(tokens) {
		out = append(out, tokens[d.fragLen:]...)
	}
	return out
}

// Compare lists every difference between the two documents' trees.
// $refs that name the same target in the root document are not followed (the
// target is compared where it is defined, once); references into other files
// are compared once per target pair; differing references are resolved and
// their targets compared, so a $ref and an equal inlined schema are equal;
// a target such references pair with several others is followed into as
// many pairs as there are targets paired, in all (see refs), not into
// every pair, whose number can be the product of the documents' targets.
func Compare(base, rev *spec.Document) []Diff {
	return CompareWith(base, rev, Options{})
}

// Options tune a comparison.
type Options struct {
	// Literal compares the documents as written: two references that name
	// different targets, or a reference and an inlined value, are one
	// Modified difference where they stand, whatever the targets hold.
	// References written the same are still followed. It shows how a
	// document is laid out; without it, a reference and an equal inlined
	// value are equal.
	Literal bool
}

// CompareWith is Compare with options.
func CompareWith(base, rev *spec.Document, opts Options) []Diff {
	d := &treeDiffer{base: base, rev: rev, seenPairs: map[[2]*spec.Node]bool{}, equalPairs: map[[2]*spec.Node]bool{}, literal: opts.Literal,
		paired: [2]map[*spec.Node]*spec.Node{{}, {}}}
	d.node(base.Root.Root, rev.Root.Root, nil, Sites{base.Root, rev.Root})
	return d.out
}

func (d *treeDiffer) emit(kind Kind, b, r *spec.Node, tokens []string, site Sites) {
	if kind == Modified && d.renames != nil && len(tokens) > 0 && tokens[len(tokens)-1] == "name" &&
		b.Kind == spec.String && r.Kind == spec.String && d.renames[b.Value] == r.Value {
		return // a renamed path parameter: the path's Renamed difference reports it
	}
	up := max(len(tokens)-1, 0)
	d.out = append(d.out, Diff{Kind: kind, Base: b, Rev: r, Tokens: append([]string(nil), tokens...), Sites: site, Logical: d.logical(tokens),
		BaseChain: append([]*spec.Node(nil), d.bchain[:up]...), RevChain: append([]*spec.Node(nil), d.rchain[:up]...)})
}

// enter records b and r as the nodes at tokens.
func (d *treeDiffer) enter(b, r *spec.Node, tokens []string) {
	depth := len(tokens)
	if depth == 0 {
		return
	}
	for len(d.bchain) < depth-1 {
		d.bchain, d.rchain = append(d.bchain, nil), append(d.rchain, nil)
	}
	d.bchain = append(d.bchain[:depth-1], b)
	d.rchain = append(d.rchain[:depth-1], r)
}

// with extends the place by one token. Places are passed down the walk and
// copied when kept (emit), so the siblings of a level share one array: a
// deep document costs no copying per level.
func with(tokens []string, t string) []string {
	return append(tokens, t)
}

func (d *treeDiffer) node(b, r *spec.Node, tokens []string, site Sites) {
	if b == r {
		return
	}
	d.enter(b, r, tokens)
	bref, rref := b.Ref(), r.Ref()
	if bref != "" || rref != "" {
		d.refs(b, r, bref, rref, tokens, site)
		return
	}
	if b.Kind != r.Kind {
		if b.Kind == spec.Number && r.Kind == spec.Number {
			return
		}
		d.emit(Modified, b, r, tokens, site)
		return
	}
	switch b.Kind {
	case spec.Object:
		d.object(b, r, tokens, site)
	case spec.Array:
		d.array(b, r, tokens, site)
	case spec.Number:
		if b.Value != r.Value {
			bf, e1 := strconv.ParseFloat(b.Value, 64)
			rf, e2 := strconv.ParseFloat(r.Value, 64)
			if e1 != nil || e2 != nil || bf != rf {
				d.emit(Modified, b, r, tokens, site)
			}
		}
	default:
		if b.Value != r.Value {
			d.emit(Modified, b, r, tokens, site)
		}
	}
}

func isLocalRef(ref string) bool { return len(ref) > 0 && ref[0] == '#' }

func (d *treeDiffer) refs(b, r *spec.Node, bref, rref string, tokens []string, site Sites) {
	// Members beside $ref (OpenAPI 3.1 allows description, summary...).
	d.siblings(b, r, tokens, site)
	if bref == rref && isLocalRef(bref) && b.File.Key == d.base.Root.Key && r.File.Key == d.rev.Root.Key {
		return // compared where the target is defined
	}
	if d.literal && bref != rref {
		d.emit(Modified, b, r, tokens, site)
		return
	}
	bt, bf := b, b.File
	if bref != "" {
		f, n, err := d.base.Resolve(b.File, bref)
		if err != nil {
			d.emit(Modified, b, r, tokens, site)
			return
		}
		bt, bf = n, f
	}
	rt, rf := r, r.File
	if rref != "" {
		f, n, err := d.rev.Resolve(r.File, rref)
		if err != nil {
			d.emit(Modified, b, r, tokens, site)
			return
		}
		rt, rf = n, f
	}
	pair := [2]*spec.Node{bt, rt}
	if d.seenPairs[pair] {
		return
	}
	d.seenPairs[pair] = true
	if bref != rref && !d.pairOnce(bt, rt) {
		// A target already compared with another: the two documents'
		// references pair it with several. Documents do that now and then
		// (a schema split in two), but following every such pair walks
		// the product of the documents' targets (two rings of $refs of n
		// and n+1 targets make one ring of n(n+1) pairs, and the places
		// of the differences grow with the walk): beyond a few per target,
		// each is compared where it was first paired only, and oasdiff's
		// diff, which walks the pairs as far as CutRings lets it, reports
		// the rest.
		if d.repaired >= len(d.paired[0])+len(d.paired[1])+64 {
			return
		}
		d.repaired++
	}
	if bref == rref {
		// One target named the same way: report inside the file that holds it.
		_, frag := spec.SplitRef(rref)
		fragTokens := spec.SplitPointer(frag)
		savedPrefix, savedLen := d.prefix, d.fragLen
		savedB, savedR := d.bchain, d.rchain
		d.prefix, d.fragLen = d.logical(tokens), len(fragTokens)
		// Above the fragment, the file's nodes were not reached.
		d.bchain, d.rchain = make([]*spec.Node, 0, len(fragTokens)+8), make([]*spec.Node, 0, len(fragTokens)+8)
		d.node(bt, rt, fragTokens, Sites{bf, rf})
		d.prefix, d.fragLen = savedPrefix, savedLen
		d.bchain, d.rchain = savedB, savedR
		return
	}
	d.node(bt, rt, tokens, site)
}

// pairOnce tells whether the targets bt and rt, named by different
// references, are each compared with the other only: it records them as
// paired when neither is paired yet.
func (d *treeDiffer) pairOnce(bt, rt *spec.Node) bool {
	pb, pr := d.paired[0][bt], d.paired[1][rt]
	if (pb != nil && pb != rt) || (pr != nil && pr != bt) {
		return false
	}
	d.paired[0][bt], d.paired[1][rt] = rt, bt
	return true
}

// siblings compares the members of two objects other than $ref, when at least one is a reference.
func (d *treeDiffer) siblings(b, r *spec.Node, tokens []string, site Sites) {
	if b.Kind != spec.Object || r.Kind != spec.Object {
		return
	}
	strip := func(n *spec.Node) *spec.Node {
		if n.Ref() == "" {
			return nil
		}
		c := &spec.Node{Kind: spec.Object, File: n.File, Pos: n.Pos, KeyPos: n.KeyPos, End: n.End}
		for i, k := range n.Keys {
			if k != "$ref" {
				c.Keys = append(c.Keys, k)
				c.Children = append(c.Children, n.Children[i])
			}
		}
		return c
	}
	sb, sr := strip(b), strip(r)
	if sb == nil || sr == nil {
		return // an inlined side: its members are compared with the resolved target
	}
	d.object(sb, sr, tokens, site)
}

func (d *treeDiffer) object(b, r *spec.Node, tokens []string, site Sites) {
	isPaths := len(tokens) == 1 && tokens[0] == "paths" && site.Rev == d.rev.Root
	if isPaths {
		d.paths(b, r, tokens, site)
		return
	}
	for i, k := range b.Keys {
		rc := r.Get(k)
		if rc == nil {
			d.emit(Removed, b.Children[i], nil, with(tokens, k), site)
			continue
		}
		d.node(b.Children[i], rc, with(tokens, k), site)
	}
	for i, k := range r.Keys {
		if b.Get(k) == nil {
			d.emit(Added, nil, r.Children[i], with(tokens, k), site)
		}
	}
}

// paths matches path items by template, so /books/{id} and /books/{bookId} are one path.
func (d *treeDiffer) paths(b, r *spec.Node, tokens []string, site Sites) {
	byTemplate := map[string]int{}
	for i, k := range r.Keys {
		if _, dup := byTemplate[spec.PathTemplate(k)]; !dup {
			byTemplate[spec.PathTemplate(k)] = i
		}
	}
	matched := map[int]bool{}
	for i, k := range b.Keys {
		j, ok := -1, false
		if r.Get(k) != nil {
			j, ok = slices.Index(r.Keys, k), true
		} else if jj, found := byTemplate[spec.PathTemplate(k)]; found && b.Get(r.Keys[jj]) == nil && !matched[jj] {
			j, ok = jj, true
		}
		if !ok {
			d.emit(Removed, b.Children[i], nil, with(tokens, k), site)
			continue
		}
		matched[j] = true
		rk := r.Keys[j]
		if rk != k {
			d.emit(Renamed, b.Children[i], r.Children[j], with(tokens, rk), site)
			d.out[len(d.out)-1].OldKey = k
			bn, rn := spec.PathParams(k), spec.PathParams(rk)
			prev := d.renames
			d.renames = map[string]string{}
			for x := range bn {
				d.renames[bn[x][1:len(bn[x])-1]] = rn[x][1 : len(rn[x])-1]
			}
			d.node(b.Children[i], r.Children[j], with(tokens, rk), site)
			d.renames = prev
			continue
		}
		d.node(b.Children[i], r.Children[j], with(tokens, rk), site)
	}
	for i, k := range r.Keys {
		if !matched[i] {
			d.emit(Added, nil, r.Children[i], with(tokens, k), site)
		}
	}
}

func allScalars(n *spec.Node) bool {
	for _, c := range n.Children {
		if c.Kind == spec.Object || c.Kind == spec.Array {
			return false
		}
	}
	return true
}

func (d *treeDiffer) array(b, r *spec.Node, tokens []string, site Sites) {
	last := ""
	if len(tokens) > 0 {
		last = tokens[len(tokens)-1]
	}
	switch {
	case last == "parameters":
		d.parameters(b, r, tokens, site)
	case last == "prefixItems":
		d.positional(b, r, tokens, site)
	case allScalars(b) && allScalars(r):
		d.scalarSet(b, r, tokens, site)
	default:
		d.objectList(b, r, tokens, site)
	}
}

func (d *treeDiffer) positional(b, r *spec.Node, tokens []string, site Sites) {
	n := min(len(b.Children), len(r.Children))
	for i := 0; i < n; i++ {
		d.node(b.Children[i], r.Children[i], with(tokens, strconv.Itoa(i)), site)
	}
	for i := n; i < len(b.Children); i++ {
		d.emit(Removed, b.Children[i], nil, with(tokens, strconv.Itoa(i)), site)
	}
	for i := n; i < len(r.Children); i++ {
		d.emit(Added, nil, r.Children[i], with(tokens, strconv.Itoa(i)), site)
	}
}

// scalarSet compares lists of plain values (enum, required, type, tags) as sets.
func (d *treeDiffer) scalarSet(b, r *spec.Node, tokens []string, site Sites) {
	key := func(n *spec.Node) string { return strconv.Itoa(int(n.Kind)) + ":" + n.Value }
	count := map[string]int{}
	for _, c := range r.Children {
		count[key(c)]++
	}
	for i, c := range b.Children {
		if count[key(c)] > 0 {
			count[key(c)]--
			continue
		}
		d.emit(Removed, c, nil, with(tokens, strconv.Itoa(i)), site)
	}
	count = map[string]int{}
	for _, c := range b.Children {
		count[key(c)]++
	}
	for i, c := range r.Children {
		if count[key(c)] > 0 {
			count[key(c)]--
			continue
		}
		d.emit(Added, nil, c, with(tokens, strconv.Itoa(i)), site)
	}
}

// equal is spec.Equal remembering each pair of containers it compared: the
// lists of lists nested n deep (allOf in allOf...) are compared at every
// level, each time down to the bottom, which without it costs n².
func (d *treeDiffer) equal(a, b *spec.Node) bool {
	if a == b {
		return true
	}
	if a == nil || b == nil || a.Kind != b.Kind || len(a.Children) != len(b.Children) {
		return false
	}
	if a.Kind != spec.Object && a.Kind != spec.Array {
		return a.Value == b.Value
	}
	pair := [2]*spec.Node{a, b}
	if eq, ok := d.equalPairs[pair]; ok {
		return eq
	}
	eq := true
	for i, c := range a.Children {
		var other *spec.Node
		if a.Kind == spec.Array {
			other = b.Children[i]
		} else {
			other = b.Get(a.Keys[i])
		}
		if !d.equal(c, other) {
			eq = false
			break
		}
	}
	d.equalPairs[pair] = eq
	return eq
}

// objectList pairs equal items wherever they stand, then compares the rest in order.
func (d *treeDiffer) objectList(b, r *spec.Node, tokens []string, site Sites) {
	usedR := make([]bool, len(r.Children))
	var restB []int
	for i, bc := range b.Children {
		found := false
		for j, rc := range r.Children {
			if !usedR[j] && d.equal(bc, rc) {
				usedR[j], found = true, true
				break
			}
		}
		if !found {
			restB = append(restB, i)
		}
	}
	var restR []int
	for j := range r.Children {
		if !usedR[j] {
			restR = append(restR, j)
		}
	}
	n := min(len(restB), len(restR))
	for x := 0; x < n; x++ {
		d.node(b.Children[restB[x]], r.Children[restR[x]], with(tokens, strconv.Itoa(restR[x])), site)
	}
	for _, i := range restB[n:] {
		d.emit(Removed, b.Children[i], nil, with(tokens, strconv.Itoa(i)), site)
	}
	for _, j := range restR[n:] {
		d.emit(Added, nil, r.Children[j], with(tokens, strconv.Itoa(j)), site)
	}
}

// parameters pairs parameters by location and name (after following $refs).
func (d *treeDiffer) parameters(b, r *spec.Node, tokens []string, site Sites) {
	key := func(doc *spec.Document, n *spec.Node, rename bool) string {
		t := n
		if ref := n.Ref(); ref != "" {
			if _, rn, err := doc.Resolve(n.File, ref); err == nil {
				t = rn
			} else {
				return "ref:" + ref
			}
		}
		name := t.Str("name")
		if rename && t.Str("in") == "path" {
			if nn, ok := d.renames[name]; ok {
				name = nn
			}
		}
		return t.Str("in") + ":" + name
	}
	rIdx := map[string]int{}
	for j, c := range r.Children {
		rIdx[key(d.rev, c, false)] = j
	}
	matched := map[int]bool{}
	for i, c := range b.Children {
		j, ok := rIdx[key(d.base, c, true)]
		if (!ok || matched[j]) && d.renames != nil {
			// Inside a renamed path, a parameter whose name is not the
			// base template's (a path parameter the template does not
			// hold) is the revision's parameter of the same name.
			j, ok = rIdx[key(d.base, c, false)]
		}
		if !ok || matched[j] {
			d.emit(Removed, c, nil, with(tokens, strconv.Itoa(i)), site)
			continue
		}
		matched[j] = true
		d.node(c, r.Children[j], with(tokens, strconv.Itoa(j)), site)
	}
	for j, c := range r.Children {
		if !matched[j] {
			d.emit(Added, nil, c, with(tokens, strconv.Itoa(j)), site)
		}
	}
}
