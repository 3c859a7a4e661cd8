package classify

import (
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/apibump/apibump/internal/engine/tree"
	"github.com/apibump/apibump/internal/finding"
	"github.com/apibump/apibump/internal/rules"
	"github.com/apibump/apibump/internal/spec"
	"github.com/apibump/apibump/internal/upstream"
)

var docKeywords = map[string]bool{
	"description": true, "summary": true, "title": true, "example": true, "examples": true,
	"externalDocs": true, "$comment": true, "termsOfService": true, "contact": true, "license": true,
	"x-displayName": false,
}

// opLevelFields are operation fields whose findings oasdiff places at the operation itself.
var opLevelFields = map[string]bool{"security": true, "deprecated": true, "operationId": true, "tags": true}

// place is what the grammar knows about a tree difference's place.
type place struct {
	keywords []bool // keywords[i]: tokens[i] is an OpenAPI keyword (not a name)
	tokens   []string
	root     bool // the place is in the root document
}

// lastKeyword returns the deepest keyword and its index, or "", -1.
func (c place) lastKeyword() (string, int) {
	for i := len(c.tokens) - 1; i >= 0; i-- {
		if c.keywords[i] {
			return c.tokens[i], i
		}
	}
	return "", -1
}

// hasKeyword tells whether kw appears as a keyword in the place.
func (c place) keywordAt(kw string) int {
	for i := range c.tokens {
		if c.keywords[i] && c.tokens[i] == kw {
			return i
		}
	}
	return -1
}

// grammar walks the tokens along the tree to tell keywords from names.
func grammar(doc *spec.Document, td tree.Diff) place {
	// Walk the logical place from the root document, following references.
	c := place{tokens: td.Logical, keywords: make([]bool, len(td.Logical)), root: true}
	node := doc.Root.Root
	file := doc.Root
	keyword := true
	afterCallback := 0
	for i, tok := range c.tokens {
		if node != nil && node.Kind == spec.Object && tok != "$ref" {
			if ref := node.Ref(); ref != "" {
				if f, n, err := doc.Resolve(file, ref); err == nil {
					node, file = n, f
				}
			}
		}
		var next *spec.Node
		if node != nil {
			switch node.Kind {
			case spec.Object:
				next = node.Get(tok)
			case spec.Array:
				if x, err := strconv.Atoi(tok); err == nil && x >= 0 && x < len(node.Children) {
					next = node.Children[x]
				}
			}
		}
		isIndex := node != nil && node.Kind == spec.Array
		c.keywords[i] = keyword && !isIndex
		switch {
		case isIndex:
			keyword = true
		case afterCallback == 1:
			afterCallback = 2
			keyword = false // the callback's expression names a path item
		case afterCallback == 2:
			afterCallback = 0
			keyword = true
		case keyword && tok == "callbacks":
			afterCallback = 1
			keyword = false
		case keyword && spec.IsNamedMap(tok) && (next == nil || next.Kind == spec.Object):
			keyword = false
		default:
			keyword = true
		}
		node = next
	}
	return c
}

// explain gives every tree difference a home: documentation, an oasdiff
// finding that covers it, one of apibump's tree rules, or an unclassified change.
func explain(base, rev *spec.Document, diffs []tree.Diff, found []finding.Change) []finding.Change {
	if base.Swagger != rev.Swagger {
		c := finding.Change{ID: rules.SpecFormatChanged, Side: finding.SideRevision,
			Source: &spec.Position{File: rev.Name(), Line: int(rev.Root.Root.Pos.Line), Column: int(rev.Root.Root.Pos.Col)}}
		c.Message, c.Localized = sentence("spec.format", base.Dialect, rev.Dialect)
		return []finding.Change{c}
	}
	idx := newFindingIndex(base, rev, found)
	users := newRefUsers(base, rev)
	var out []finding.Change
	for _, td := range diffs {
		doc := rev
		if td.Kind == tree.Removed {
			doc = base
		}
		ctx := grammar(doc, td)
		id, ignore := documentRule(ctx, td)
		if ignore {
			continue
		}
		if td.Kind == tree.Renamed {
			id = rules.PathParameterRenamed
		}
		var chains [2][]*spec.Node
		side := 1
		if td.Kind == tree.Removed {
			side = 0
		}
		ops := func() []string { return users.operations(side, td) }
		if id == "" && idx.explains(base, rev, td, ctx, &chains, ops) {
			continue
		}
		if id == "" && encodingOfNewProperty(base, ctx, td) {
			continue // the property's own addition reports it
		}
		if id == "" {
			id = treeRule(ctx, td, chains)
		}
		out = append(out, users.change(id, td, ctx))
	}
	return mergeSame(out)
}

// documentRule handles the places that never touch the contract: info.version
// (ignored), documentation keywords, and the spec's own version field.
func documentRule(ctx place, td tree.Diff) (string, bool) {
	if len(ctx.tokens) == 0 {
		return "", false
	}
	if ctx.root && ctx.tokens[0] == "info" {
		if len(ctx.tokens) >= 2 && ctx.tokens[1] == "version" {
			return "", true
		}
		return rules.DocumentationChanged, false
	}
	if ctx.root && len(ctx.tokens) >= 1 && ctx.tokens[0] == "tags" {
		return rules.DocumentationChanged, false
	}
	if ctx.root && len(ctx.tokens) == 1 && (ctx.tokens[0] == "openapi" || ctx.tokens[0] == "swagger") {
		return rules.SpecVersionChanged, false
	}
	for i, tok := range ctx.tokens {
		if ctx.keywords[i] && strings.HasPrefix(tok, "x-apibump-") {
			return "", true // apibump's own annotations (x-apibump-accept) are not the API
		}
		if ctx.keywords[i] && docKeywords[tok] {
			return rules.DocumentationChanged, false
		}
	}
	return "", false
}

// treeRule classifies a difference that no oasdiff finding covers.
// chains holds the nodes enclosing the difference in the base and the revision.
func treeRule(ctx place, td tree.Diff, chains [2][]*spec.Node) string {
	kw, at := ctx.lastKeyword()
	if kw == "x-stability" || kw == "x-stability-level" {
		// An element without a level is stable; a level apibump does not
		// know ranks below every other (see stabilityRank).
		before, after := stabilityRank(StabilityStable), stabilityRank(StabilityStable)
		if td.Base != nil {
			before = stabilityRank(td.Base.Value)
		}
		if td.Rev != nil {
			after = stabilityRank(td.Rev.Value)
		}
		switch {
		case after < before:
			return rules.StabilityDecreased
		case after > before:
			return rules.StabilityIncreased
		}
	}
	if strings.HasPrefix(kw, "x-") {
		return rules.ExtensionChanged
	}
	toks := ctx.tokens
	if td.Kind == tree.Renamed {
		return rules.PathParameterRenamed
	}

	if i := ctx.keywordAt("callbacks"); i >= 0 {
		switch {
		case len(toks) <= i+2 && td.Kind == tree.Added:
			return rules.CallbackAdded
		case len(toks) <= i+2 && td.Kind == tree.Removed:
			return rules.CallbackRemoved
		}
		return rules.CallbackChanged
	}
	if i := ctx.keywordAt("servers"); i >= 0 {
		switch {
		case len(toks) == i+1 && td.Kind == tree.Added, len(toks) == i+2 && td.Kind == tree.Added:
			return rules.ServerAdded
		case len(toks) == i+1 && td.Kind == tree.Removed, len(toks) == i+2 && td.Kind == tree.Removed:
			return rules.ServerRemoved
		}
		return rules.ServerChanged
	}
	if ctx.root && len(toks) >= 3 && toks[0] == "paths" && spec.IsOperationKey(toks[2]) && at == 3 && kw == "security" {
		bsec, rsec := opSecurity(chains[0]), opSecurity(chains[1])
		switch {
		case isEmptyList(bsec) && !isEmptyList(rsec):
			return rules.SecurityOverrideRemoved
		case !isEmptyList(bsec) && isEmptyList(rsec):
			return rules.SecurityOverrideAdded
		}
	}
	if i := ctx.keywordAt("links"); i >= 0 {
		if len(toks) == i+2 && td.Kind == tree.Added {
			return rules.LinkAdded
		}
		return rules.LinkChanged
	}
	if i := ctx.keywordAt("encoding"); i >= 0 {
		return rules.EncodingChanged
	}
	switch kw {
	case "style", "explode", "allowReserved":
		return rules.SerializationChanged
	case "deprecated":
		return rules.DeprecationChanged
	}
	if i := ctx.keywordAt("headers"); i >= 0 && i > 0 && slices.Contains(toks[:i], "responses") {
		if len(toks) == i+2 && td.Kind == tree.Added {
			return rules.ResponseHeaderAdded
		}
		return rules.ResponseHeaderChanged
	}
	if ctx.root && len(toks) == 1 && (toks[0] == "basePath" || toks[0] == "host") {
		return rules.ServerChanged // Swagger 2.0's server URL
	}
	if id := removedAfterSunset(ctx, td); id != "" {
		return id
	}
	if ctx.root && isComponent(toks) {
		switch td.Kind {
		case tree.Added:
			return rules.ComponentAdded
		case tree.Removed:
			return rules.ComponentRemoved
		}
	}
	return rules.UnclassifiedChange
}

// removedAfterSunset names the removal of a deprecated path or operation
// that oasdiff lets pass because its sunset is over; oasdiff's own rule ids
// keep the rule table the one place that classifies them.
func removedAfterSunset(ctx place, td tree.Diff) string {
	toks := ctx.tokens
	if !ctx.root || td.Kind != tree.Removed || len(toks) < 2 || toks[0] != "paths" || td.Base == nil {
		return ""
	}
	deprecated := func(op *spec.Node) bool { return op != nil && op.Str("deprecated") == "true" }
	switch {
	case len(toks) == 2:
		n := 0
		for i, k := range td.Base.Keys {
			if spec.IsOperationKey(k) {
				if !deprecated(td.Base.Children[i]) {
					return ""
				}
				n++
			}
		}
		if n > 0 {
			return "api-path-removed-with-deprecation"
		}
	case len(toks) == 3 && spec.IsOperationKey(toks[2]) && deprecated(td.Base):
		return "api-removed-with-deprecation"
	}
	return ""
}

func isComponent(toks []string) bool {
	switch {
	case len(toks) == 3 && toks[0] == "components":
		return true
	case len(toks) == 2 && (toks[0] == "definitions" || toks[0] == "parameters" || toks[0] == "responses" || toks[0] == "securityDefinitions"):
		return true
	}
	return false
}

// opSecurity returns the security list of the operation in an ancestor chain
// that starts at the root document's paths.
func opSecurity(chain []*spec.Node) *spec.Node {
	if len(chain) < 3 {
		return nil
	}
	return chain[2].Get("security")
}

func isEmptyList(n *spec.Node) bool { return n != nil && n.Kind == spec.Array && len(n.Children) == 0 }

// findingIndex holds the source positions of oasdiff's findings per file and side.
type findingIndex struct {
	base, rev map[string][]spec.Pos
	ids       map[string]bool
	// sourceless holds, per operation, the names named by the messages of
	// findings oasdiff gave no position for.
	sourceless map[string][]string
	// loose are the findings oasdiff placed at a whole operation or nowhere:
	// they explain differences in their operations that their rule's
	// locations describe.
	loose []looseFinding
}

type looseFinding struct {
	ops      map[string]bool // "GET /books/{}" (path parameters blanked)
	patterns [][]string
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
	patterns := append([][]string(nil), l.patterns...)
	for _, p := range l.patterns {
		// A whole map added or removed covers the members the rule describes.
		if len(p) > 1 && p[len(p)-1] == "*" {
			patterns = append(patterns, p[:len(p)-1])
		}
	}
	for _, p := range patterns {
		for n := len(toks); n >= 0; n-- {
			if matchPattern(p, toks[:n]) {
				return true
			}
		}
		for i := len(p) - 1; i >= 0; i-- {
			if p[i] == "schema" {
				suffix := append([]string{"**"}, p[i+1:]...)
				for n := len(toks); n >= 0; n-- {
					if matchPattern(suffix, toks[:n]) {
						return true
					}
				}
				break
			}
		}
	}
	return false
}

func newFindingIndex(base, rev *spec.Document, found []finding.Change) *findingIndex {
	idx := &findingIndex{base: map[string][]spec.Pos{}, rev: map[string][]spec.Pos{}, ids: map[string]bool{}, sourceless: map[string][]string{}}
	add := func(m map[string][]spec.Pos, p *spec.Position) {
		if p != nil && p.Line > 0 {
			m[p.File] = append(m[p.File], spec.Pos{Line: int32(p.Line), Col: int32(p.Column)})
		}
	}
	for _, c := range found {
		add(idx.base, c.BaseSource)
		add(idx.rev, c.RevisionSource)
		idx.ids[c.ID] = true
		if len(c.Operations) > 0 && (c.BaseSource == nil && c.RevisionSource == nil || atOperationStart(base, c.BaseSource, c.Operations) || atOperationStart(rev, c.RevisionSource, c.Operations)) {
			l := looseFinding{ops: map[string]bool{}, patterns: rulePatterns()[c.ID]}
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
	for _, m := range []map[string][]spec.Pos{idx.base, idx.rev} {
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

// at reports whether a finding sits exactly at the start of the node.
func at(m map[string][]spec.Pos, n *spec.Node) bool {
	ps := m[n.File.Name]
	for _, p := range []spec.Pos{n.KeyPos, n.Pos} {
		i := sort.Search(len(ps), func(i int) bool { return !ps[i].Before(p) })
		if i < len(ps) && ps[i] == p {
			return true
		}
	}
	return false
}

// walkLogical follows tokens from the root document, through references and
// renamed paths, and returns the node they lead to, or nil.
func walkLogical(doc *spec.Document, tokens []string) *spec.Node {
	node, file := doc.Root.Root, doc.Root
	for i, tok := range tokens {
		if node == nil {
			return nil
		}
		if ref := node.Ref(); ref != "" {
			f, n, err := doc.Resolve(file, ref)
			if err != nil {
				return nil
			}
			node, file = n, f
		}
		switch node.Kind {
		case spec.Object:
			next := node.Get(tok)
			if next == nil && i == 1 && tokens[0] == "paths" {
				for j, k := range node.Keys {
					if spec.PathTemplate(k) == spec.PathTemplate(tok) {
						next = node.Children[j]
					}
				}
			}
			node = next
		case spec.Array:
			x, err := strconv.Atoi(tok)
			if err != nil || x < 0 || x >= len(node.Children) {
				return nil
			}
			node = node.Children[x]
		default:
			return nil
		}
	}
	if node != nil {
		if ref := node.Ref(); ref != "" {
			if _, n, err := doc.Resolve(file, ref); err == nil {
				node = n
			}
		}
	}
	return node
}

// encodingOfNewProperty tells an encoding entry added for a property that the
// base's media type does not have: it is part of that property's addition.
func encodingOfNewProperty(base *spec.Document, ctx place, td tree.Diff) bool {
	toks := ctx.tokens
	i := ctx.keywordAt("encoding")
	if td.Kind != tree.Added || i < 1 || len(toks) != i+2 {
		return false
	}
	mt := walkLogical(base, toks[:i])
	if mt == nil {
		return true
	}
	schema := mt.Get("schema")
	if schema == nil {
		return true
	}
	schema = walkLogical(base, append(append([]string(nil), toks[:i]...), "schema"))
	return schema == nil || schema.Get("properties").Get(toks[i+1]) == nil
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
		n := walkLogical(doc, []string{"paths", path, strings.ToLower(m)})
		if n == nil || n.File.Name != p.File {
			continue
		}
		at := spec.Pos{Line: int32(p.Line), Col: int32(p.Column)}
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
func (idx *findingIndex) explains(base, rev *spec.Document, td tree.Diff, ctx place, chains *[2][]*spec.Node, ops func() []string) bool {
	if td.Kind != tree.Renamed && (within(idx.base, td.Base) || within(idx.rev, td.Rev)) {
		return true
	}
	// A reference added or removed: oasdiff places its findings where the
	// referenced element is defined.
	if td.Kind == tree.Added && withinRefs(idx.rev, rev, td.Rev) || td.Kind == tree.Removed && withinRefs(idx.base, base, td.Base) {
		return true
	}
	toks := ctx.tokens
	if ctx.root && len(toks) > 0 && toks[0] == "security" {
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
		doc *spec.Document
		m   map[string][]spec.Pos
	}{{base, idx.base}, {rev, idx.rev}} {
		chain := ancestors(side.doc, base, td)
		if side.doc == base {
			chains[0] = chain
		} else {
			chains[1] = chain
		}
		// Operation-level fields (security, deprecated, operationId, tags and
		// extensions such as x-sunset): oasdiff places their findings at the operation.
		if len(toks) >= 4 && toks[0] == "paths" && spec.IsOperationKey(toks[2]) &&
			(opLevelFields[toks[3]] || strings.HasPrefix(toks[3], "x-")) {
			if op := walkLogical(side.doc, toks[:3]); op != nil && atOperationLevel(side.m, op) {
				return true
			}
		}
		for i := len(chain) - 1; i >= 0; i-- {
			a := chain[i]
			if a.Kind == spec.Object && isContainer(a) {
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

// ancestors returns the nodes enclosing the difference in one document,
// outermost first, following $refs on the way.
func ancestors(doc, base *spec.Document, td tree.Diff) []*spec.Node {
	site := td.Sites.Rev
	if doc == base {
		site = td.Sites.Base
	}
	var out []*spec.Node
	node, file := site.Root, site
	for _, tok := range td.Tokens[:max(len(td.Tokens)-1, 0)] {
		if node == nil {
			break
		}
		if ref := node.Ref(); ref != "" {
			if f, n, err := doc.Resolve(file, ref); err == nil {
				node, file = n, f
			}
		}
		switch node.Kind {
		case spec.Object:
			next := node.Get(tok)
			if next == nil && file.Key == doc.Root.Key && node == doc.Root.Root.Get("paths") {
				for i, k := range node.Keys {
					if spec.PathTemplate(k) == spec.PathTemplate(tok) {
						next = node.Children[i]
						break
					}
				}
			}
			node = next
		case spec.Array:
			x, err := strconv.Atoi(tok)
			if err != nil || x < 0 || x >= len(node.Children) {
				node = nil
			} else {
				node = node.Children[x]
			}
		default:
			node = nil
		}
		if node != nil {
			out = append(out, node)
		}
	}
	return out
}

// mergeSame folds identical tree-rule changes (the same rule at the same
// place, reached more than once) into one.
func mergeSame(cs []finding.Change) []finding.Change {
	seen := map[string]int{}
	out := cs[:0]
	for _, c := range cs {
		k := c.ID + "\x00" + c.Pointer + "\x00" + c.Message
		if i, ok := seen[k]; ok {
			out[i].Operations = unionSorted(out[i].Operations, c.Operations)
			continue
		}
		seen[k] = len(out)
		out = append(out, c)
	}
	return out
}

func unionSorted(a, b []string) []string {
	m := map[string]bool{}
	for _, s := range a {
		m[s] = true
	}
	for _, s := range b {
		m[s] = true
	}
	out := make([]string, 0, len(m))
	for s := range m {
		out = append(out, s)
	}
	slices.Sort(out)
	return out
}
