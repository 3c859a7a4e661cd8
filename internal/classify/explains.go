package classify

import (
	"sort"
	"strings"

	"github.com/apibump/apibump/internal/engine/tree"
	"github.com/apibump/apibump/internal/finding"
	"github.com/apibump/apibump/internal/locate"
	"github.com/apibump/apibump/internal/spec"
	"github.com/apibump/apibump/internal/upstream"
)

// Whether an oasdiff finding explains a tree difference: where oasdiff
// placed it, against where the difference is.

// opLevelFields are operation fields whose findings oasdiff places at the operation itself.
var opLevelFields = map[string]bool{"security": true, "deprecated": true, "operationId": true, "tags": true}

// findingIndex holds the source positions of oasdiff's findings per file and side.
type findingIndex struct {
	base, rev map[string][]spec.Pos
	// xofBase and xofRev hold the positions of the findings of oasdiff's
	// anyOf / oneOf / allOf rules: one such finding lists every member
	// added or removed, placed at the first.
	xofBase, xofRev map[string][]spec.Pos
	ids             map[string]bool
	// sourceless holds, per operation, the names named by the messages of
	// findings oasdiff gave no position for.
	sourceless map[string][]string
	// loose are the findings oasdiff placed at a whole operation or nowhere:
	// they explain differences in their operations that their rule's
	// locations describe.
	loose []looseFinding
}

type looseFinding struct {
	ops map[string]bool // "GET /books/{}" (path parameters blanked)
	// patterns are the places its rule describes, and for each the pattern
	// of the same place under a schema wherever it stands ("**" and what
	// follows the last "schema"; nil without one): see covers.
	patterns, anywhere [][]string
}

// newLooseFinding returns the loose finding of a rule describing the places
// patterns. A whole map added or removed covers the members the rule
// describes ("a.b.*" also covers "a.b").
func newLooseFinding(patterns [][]string) looseFinding {
	l := looseFinding{ops: map[string]bool{}, patterns: append([][]string(nil), patterns...)}
	for _, p := range patterns {
		if len(p) > 1 && p[len(p)-1] == "*" {
			l.patterns = append(l.patterns, p[:len(p)-1])
		}
	}
	l.anywhere = make([][]string, len(l.patterns))
	for j, p := range l.patterns {
		for i := len(p) - 1; i >= 0; i-- {
			if p[i] == "schema" {
				l.anywhere[j] = append([]string{"**"}, p[i+1:]...)
				break
			}
		}
	}
	return l
}

func opKey(op string) string {
	m, p, _ := strings.Cut(op, " ")
	return m + " " + spec.PathTemplate(p)
}

// rulePatterns maps each oasdiff rule to the places it describes, from its
// metadata ("paths.*.*.responses.*.headers.*.schema.maximum:set").
var rulePatterns = upstream.RulePlaces

// matchPattern matches tokens against a rule location: "*" is one token,
// "**" any number, "x-*" any extension.
func matchPattern(p, toks []string) bool {
	if len(p) == 0 {
		return len(toks) == 0
	}
	switch {
	case p[0] == "**":
		for i := 0; i <= len(toks); i++ {
			if matchPattern(p[1:], toks[i:]) {
				return true
			}
		}
		return false
	case len(toks) == 0:
		return false
	case p[0] == "*", p[0] == toks[0], p[0] == "x-*" && strings.HasPrefix(toks[0], "x-"):
		return matchPattern(p[1:], toks[1:])
	}
	return false
}

// covers tells whether a loose finding's rule describes the place. A schema
// keyword is matched wherever the schema stands (components, other files),
// and a difference inside the described element counts.
func (l looseFinding) covers(toks []string) bool {
	for j, p := range l.patterns {
		for n := len(toks); n >= 0; n-- {
			if matchPattern(p, toks[:n]) {
				return true
			}
		}
		if suffix := l.anywhere[j]; suffix != nil {
			for n := len(toks); n >= 0; n-- {
				if matchPattern(suffix, toks[:n]) {
					return true
				}
			}
		}
	}
	return false
}

func newFindingIndex(base, rev *spec.Document, found []finding.Change) *findingIndex {
	idx := &findingIndex{base: map[string][]spec.Pos{}, rev: map[string][]spec.Pos{}, ids: map[string]bool{}, sourceless: map[string][]string{},
		xofBase: map[string][]spec.Pos{}, xofRev: map[string][]spec.Pos{}}
	add := func(m map[string][]spec.Pos, p *spec.Position) {
		if p != nil && p.Line > 0 {
			m[p.File] = append(m[p.File], p.At())
		}
	}
	for _, c := range found {
		add(idx.base, c.BaseSource)
		add(idx.rev, c.RevisionSource)
		if strings.Contains(c.ID, "-of-") {
			add(idx.xofBase, c.BaseSource)
			add(idx.xofRev, c.RevisionSource)
		}
		idx.ids[c.ID] = true
		if len(c.Operations) > 0 && (c.BaseSource == nil && c.RevisionSource == nil || atOperationStart(base, c.BaseSource, c.Operations) || atOperationStart(rev, c.RevisionSource, c.Operations)) {
			l := newLooseFinding(rulePatterns()[c.ID])
			for _, op := range c.Operations {
				l.ops[opKey(op)] = true
			}
			idx.loose = append(idx.loose, l)
		}
		if c.BaseSource == nil && c.RevisionSource == nil {
			for _, name := range c.Names {
				if i := strings.LastIndexByte(name, '/'); i >= 0 {
					name = name[i+1:]
				}
				for _, op := range c.Operations {
					idx.sourceless[op] = append(idx.sourceless[op], name)
				}
			}
		}
	}
	for _, m := range []map[string][]spec.Pos{idx.base, idx.rev, idx.xofBase, idx.xofRev} {
		for f, ps := range m {
			sort.Slice(ps, func(i, j int) bool { return ps[i].Before(ps[j]) })
			m[f] = ps
		}
	}
	return idx
}

// within reports whether a finding lies inside the node.
func within(m map[string][]spec.Pos, n *spec.Node) bool {
	if n == nil {
		return false
	}
	ps := m[n.File.Name]
	start := n.KeyPos
	if start.Line == 0 || n.Pos.Before(start) {
		start = n.Pos
	}
	i := sort.Search(len(ps), func(i int) bool { return !ps[i].Before(start) })
	return i < len(ps) && !n.End.Before(ps[i])
}

// last returns the last node of a chain, nil for none.
func last(chain []*spec.Node) *spec.Node {
	if len(chain) == 0 {
		return nil
	}
	return chain[len(chain)-1]
}

// at reports whether a finding sits exactly at the start of the node.
func at(m map[string][]spec.Pos, n *spec.Node) bool {
	if n == nil {
		return false
	}
	ps := m[n.File.Name]
	for _, p := range []spec.Pos{n.KeyPos, n.Pos} {
		i := sort.Search(len(ps), func(i int) bool { return !ps[i].Before(p) })
		if i < len(ps) && ps[i] == p {
			return true
		}
	}
	return false
}

// refTarget returns what a $ref node points to, or nil.
func refTarget(doc *spec.Document, n *spec.Node) *spec.Node {
	if ref := n.Ref(); ref != "" {
		if _, t, err := doc.Resolve(n.File, ref); err == nil {
			return t
		}
	}
	return nil
}

// atOperationStart tells whether a finding sits at the start of one of its operations.
func atOperationStart(doc *spec.Document, p *spec.Position, ops []string) bool {
	if p == nil {
		return false
	}
	for _, op := range ops {
		m, path, ok := strings.Cut(op, " ")
		if !ok {
			continue
		}
		n := locate.WalkLogical(doc, []string{"paths", path, strings.ToLower(m)})
		if n == nil || n.File.Name != p.File {
			continue
		}
		at := p.At()
		if at == n.KeyPos || at == n.Pos {
			return true
		}
	}
	return false
}

// withinRefs reports whether a finding lies inside what the node, or one of
// its members (an operation of a path item), references.
func withinRefs(m map[string][]spec.Pos, doc *spec.Document, n *spec.Node) bool {
	if n == nil {
		return false
	}
	if within(m, refTarget(doc, n)) {
		return true
	}
	for _, c := range n.Children {
		if within(m, refTarget(doc, c)) {
			return true
		}
	}
	return false
}

// atOperationLevel reports whether a finding sits at the operation or at one
// of its operation-level fields.
func atOperationLevel(m map[string][]spec.Pos, op *spec.Node) bool {
	if at(m, op) {
		return true
	}
	for i, k := range op.Keys {
		if (opLevelFields[k] || strings.HasPrefix(k, "x-")) && at(m, op.Children[i]) {
			return true
		}
	}
	return false
}

// isContainer tells the objects whose findings must not explain what lies
// inside them: the document, path items, operations and maps of them.
func isContainer(n *spec.Node) bool {
	if n == nil || n.Kind != spec.Object {
		return true
	}
	if n.Get("responses") != nil || n.Get("openapi") != nil || n.Get("swagger") != nil || n.Get("paths") != nil {
		return true
	}
	for _, k := range n.Keys {
		if spec.IsOperationKey(k) || strings.HasPrefix(k, "/") {
			return true
		}
	}
	return false
}

// explains tells whether an oasdiff finding covers the tree difference: it lies
// inside the changed node, or sits at the start of an enclosing element that is
// smaller than an operation (a schema, a parameter, a header), or, for a
// schema's `required` list, anywhere in that schema.
func (idx *findingIndex) explains(base, rev *spec.Document, td tree.Diff, ctx place, ops func() []string) bool {
	if td.Kind != tree.Renamed && (within(idx.base, td.Base) || within(idx.rev, td.Rev)) {
		return true
	}
	// A reference added or removed: oasdiff places its findings where the
	// referenced element is defined.
	if td.Kind == tree.Added && withinRefs(idx.rev, rev, td.Rev) || td.Kind == tree.Removed && withinRefs(idx.base, base, td.Base) {
		return true
	}
	toks := ctx.tokens
	if n := len(toks); n >= 2 && ctx.keywords[n-2] {
		switch toks[n-2] {
		case "anyOf", "oneOf", "allOf":
			// A member added or removed: one x-of finding in the list lists them all.
			if within(idx.xofBase, last(td.BaseChain)) || within(idx.xofRev, last(td.RevChain)) {
				return true
			}
		}
	}
	if n := len(toks); n >= 1 && ctx.keywords[n-1] && toks[n-1] == "format" {
		// oasdiff's type rules judge type and format together, placed at the type.
		if b := last(td.BaseChain); b != nil && at(idx.base, b.Get("type")) {
			return true
		}
		if r := last(td.RevChain); r != nil && at(idx.rev, r.Get("type")) {
			return true
		}
	}
	if len(toks) > 0 && toks[0] == "security" {
		for id := range idx.ids {
			if strings.HasPrefix(id, "api-global-security") {
				return true
			}
		}
	}
	if len(idx.sourceless) > 0 {
		for _, op := range ops() {
			for _, name := range idx.sourceless[op] {
				for i := 0; i+1 < len(toks); i++ {
					if toks[i] == "properties" && ctx.keywords[i] && toks[i+1] == name {
						return true
					}
				}
			}
		}
	}
	for _, side := range []struct {
		doc   *spec.Document
		m     map[string][]spec.Pos
		chain []*spec.Node
	}{{base, idx.base, td.BaseChain}, {rev, idx.rev, td.RevChain}} {
		chain := side.chain
		// Operation-level fields (security, deprecated, operationId, tags and
		// extensions such as x-sunset): oasdiff places their findings at the operation.
		if len(toks) >= 4 && toks[0] == "paths" && spec.IsOperationKey(toks[2]) &&
			(opLevelFields[toks[3]] || strings.HasPrefix(toks[3], "x-")) {
			if op := locate.WalkLogical(side.doc, toks[:3]); op != nil && atOperationLevel(side.m, op) {
				return true
			}
		}
		for i := len(chain) - 1; i >= 0; i-- {
			a := chain[i]
			if a == nil || a.Kind == spec.Object && isContainer(a) {
				break
			}
			if at(side.m, a) {
				return true
			}
			if i == len(chain)-1 && ctx.tokens[len(ctx.tokens)-1] == "required" || i == len(chain)-2 && len(ctx.tokens) > 1 && ctx.tokens[len(ctx.tokens)-2] == "required" {
				if within(side.m, a) {
					return true
				}
			}
		}
	}
	if len(idx.loose) > 0 {
		var reach map[string]bool
		for _, l := range idx.loose {
			if !l.covers(toks) {
				continue
			}
			if reach == nil {
				reach = map[string]bool{}
				for _, op := range ops() {
					reach[opKey(op)] = true
				}
			}
			for op := range l.ops {
				if reach[op] {
					return true
				}
			}
		}
	}
	return false
}

// place is a difference's place as the explanations read it: its tokens
// from the root document, and which of them are fixed fields of the
// OpenAPI objects (not names the author chose).
type place struct {
	keywords []bool
	tokens   []string
}

// keywordAt returns the index of kw as a fixed field in the place, or -1.
func (c place) keywordAt(kw string) int {
	for i := range c.tokens {
		if c.keywords[i] && c.tokens[i] == kw {
			return i
		}
	}
	return -1
}
