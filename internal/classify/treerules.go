package classify

import (
	"slices"
	"strings"

	"github.com/apibump/apibump/internal/engine/tree"
	"github.com/apibump/apibump/internal/finding"
	"github.com/apibump/apibump/internal/locate"
	"github.com/apibump/apibump/internal/oasgrammar"
	"github.com/apibump/apibump/internal/rules"
	"github.com/apibump/apibump/internal/rules/field"
	"github.com/apibump/apibump/internal/spec"
)

// explainer gives every difference between the normalised documents a
// home: an oasdiff finding that covers it, or a rule. The place of a
// difference is typed by the grammar of the document's OpenAPI version;
// a fixed field is judged by its row of the field table, in the direction
// the operations that reach it see it.
type explainer struct {
	base, rev *spec.Document
	idx       *findingIndex
	users     *locate.Users
	webhooks  []string // root keys configured as webhooks besides `webhooks`
	contract  []string // extensions configured as part of the contract
	out       []finding.Change
	// covering are the differences that ended in a finding, were
	// explained by one, or are no change (info.version): a difference of
	// the documents as written inside one of them is accounted for.
	covering []tree.Diff
}

// explain gives every difference of the normalised documents a rule, or
// finds the oasdiff finding that explains it. It returns the changes and
// the differences that account for the differences of the documents as
// written (see layout.go).
func explain(base, rev *spec.Document, users *locate.Users, diffs []tree.Diff, found []finding.Change, webhooks, contract []string) ([]finding.Change, []tree.Diff) {
	if base.Swagger != rev.Swagger {
		c := finding.Change{ID: rules.SpecFormatChanged, Side: finding.SideRevision,
			Source: &spec.Position{File: rev.Name(), Line: int(rev.Root.Root.Pos.Line), Column: int(rev.Root.Root.Pos.Col)}}
		c.Message, c.Localized = sentence("spec.format", base.Dialect, rev.Dialect)
		return []finding.Change{c}, diffs
	}
	e := &explainer{base: base, rev: rev, idx: newFindingIndex(base, rev, found),
		users: users, webhooks: webhooks, contract: contract}
	for _, td := range diffs {
		e.one(td)
	}
	return mergeSame(e.out), e.covering
}

// placeOf is the place the explanations read.
func placeOf(p oasgrammar.Path) place {
	c := place{tokens: make([]string, len(p.Steps)), keywords: make([]bool, len(p.Steps))}
	for i, st := range p.Steps {
		c.tokens[i] = st.Token
		c.keywords[i] = st.Kind == oasgrammar.Fixed
	}
	return c
}

// one explains one difference.
func (e *explainer) one(td tree.Diff) {
	side, doc := 1, e.rev
	if td.Kind == tree.Removed {
		side, doc = 0, e.base
	}
	p := locate.Type(doc, td.Logical, e.webhooks)
	ctx := placeOf(p)
	if ignored(p) {
		e.covering = append(e.covering, td)
		return
	}
	var uses []locate.Use
	usesKnown := false
	reach := func() []locate.Use {
		if !usesKnown {
			uses, usesKnown = e.users.Reach(side, td, p), true
		}
		return uses
	}
	if td.Kind == tree.Renamed {
		e.add(td, e.change(rules.PathParameterRenamed, td, p, reach(), nil))
		return
	}
	if e.idx.explains(e.base, e.rev, td, ctx, func() []string { return locate.Operations(reach()) }) ||
		encodingOfNewProperty(e.base, ctx, td) {
		e.covering = append(e.covering, td)
		return
	}
	if id := removedAfterSunset(ctx, td); id != "" {
		e.add(td, e.change(id, td, p, reach(), nil))
		return
	}
	if e.deprecatedParametersRemoved(td, p) {
		e.add(td, e.change(paramRemovedWithDeprecation, td, p, reach(), nil))
		return
	}
	if e.pathParameterRenamed(td, p, reach) {
		e.add(td, e.change(rules.PathParameterRenamed, td, p, reach(), nil))
		return
	}
	if members := e.expand(td, p); members != nil {
		// The components container, or a map of it: no change itself;
		// each member is one.
		for _, m := range members {
			e.one(m)
		}
		return
	}
	member, inComponent := componentAt(p)
	if inComponent {
		us := reach()
		if len(us) == 0 && member >= 0 && isSecurityScheme(p, member) {
			us = locate.SchemeUsers(doc, p.Steps[member].Token)
			uses = us
		}
		switch {
		case len(us) == 0:
			e.add(td, e.change(rules.ComponentUnusedChanged, td, p, nil, nil))
			return
		case member == len(p.Steps)-1 && td.Kind != tree.Modified:
			// A component added or removed that operations reach: what
			// they see is compared where they use it; the component
			// itself is layout (layout.go reports it).
			return
		}
	}
	for i, st := range p.Steps {
		switch st.Kind {
		case oasgrammar.Extension:
			e.add(td, e.extension(td, p, i, reach()))
			return
		case oasgrammar.Unknown:
			e.add(td, e.change(rules.UnclassifiedChange, td, p, reach(), nil))
			return
		case oasgrammar.Annotation:
			e.add(td, e.judge(td, p, &rules.AnnotationRow, i, false, reach()))
			return
		}
	}
	row, at, isMember := fieldRow(p)
	if row == nil {
		e.add(td, e.change(rules.UnclassifiedChange, td, p, reach(), nil))
		return
	}
	e.add(td, e.judge(td, p, row, at, isMember, reach()))
}

func (e *explainer) add(td tree.Diff, c finding.Change) {
	e.out = append(e.out, c)
	e.covering = append(e.covering, td)
}

// ignored tells the places that are no change: info.version (the version
// is judged, not counted) and apibump's own annotations (x-apibump-accept).
func ignored(p oasgrammar.Path) bool {
	s := p.Steps
	if len(s) >= 2 && s[0].Kind == oasgrammar.Fixed && s[0].Token == "info" && s[1].Kind == oasgrammar.Fixed && s[1].Token == "version" {
		return true
	}
	for _, st := range s {
		if st.Kind == oasgrammar.Extension && strings.HasPrefix(st.Token, "x-apibump-") {
			return true
		}
		if st.Kind == oasgrammar.Extension {
			break
		}
	}
	return false
}

// componentFields are the fields holding components: 3.x's under
// Components, 2.0's at the root.
func isComponentMap(st oasgrammar.Step) bool {
	if st.Kind != oasgrammar.Fixed {
		return false
	}
	switch st.Object {
	case oasgrammar.Components:
		return true
	case oasgrammar.Swagger:
		switch st.Field {
		case "definitions", "parameters", "responses", "securityDefinitions":
			return true
		}
	}
	return false
}

// componentAt tells whether a place is inside a component, as reached
// from the root document, and the index of the step naming the component.
func componentAt(p oasgrammar.Path) (int, bool) {
	s := p.Steps
	switch {
	case len(s) >= 3 && s[0].Kind == oasgrammar.Fixed && s[0].Field == "components" && isComponentMap(s[1]):
		return 2, true
	case len(s) >= 2 && s[0].Object == oasgrammar.Swagger && isComponentMap(s[0]):
		return 1, true
	}
	return -1, false
}

func isSecurityScheme(p oasgrammar.Path, member int) bool {
	return member >= 1 && (p.Steps[member-1].Field == "securitySchemes" || p.Steps[member-1].Field == "securityDefinitions")
}

// expand returns the members of a components container, or of one of its
// maps, added or removed whole: each member is a difference of its own.
func (e *explainer) expand(td tree.Diff, p oasgrammar.Path) []tree.Diff {
	if td.Kind != tree.Added && td.Kind != tree.Removed || len(p.Steps) == 0 || len(td.Tokens) != len(td.Logical) {
		return nil
	}
	last := p.Steps[len(p.Steps)-1]
	n := td.Rev
	if td.Kind == tree.Removed {
		n = td.Base
	}
	if n == nil || n.Kind != spec.Object {
		return nil
	}
	var out []tree.Diff
	member := func(k string, c *spec.Node, parent *spec.Node) {
		m := td
		m.Tokens = append(append([]string(nil), td.Tokens...), k)
		m.Logical = append(append([]string(nil), td.Logical...), k)
		m.Base, m.Rev = nil, nil
		if td.Kind == tree.Added {
			m.Rev = c
			m.RevChain = append(append([]*spec.Node(nil), td.RevChain...), parent)
		} else {
			m.Base = c
			m.BaseChain = append(append([]*spec.Node(nil), td.BaseChain...), parent)
		}
		out = append(out, m)
	}
	switch {
	case len(p.Steps) == 1 && last.Kind == oasgrammar.Fixed && last.Field == "components":
		for i, k := range n.Keys {
			c := n.Children[i]
			if strings.HasPrefix(k, "x-") || c.Kind != spec.Object {
				member(k, c, n) // judged as they are
				continue
			}
			// Each component of each map.
			sub := td
			sub.Tokens = append(append([]string(nil), td.Tokens...), k)
			sub.Logical = append(append([]string(nil), td.Logical...), k)
			if td.Kind == tree.Added {
				sub.Rev, sub.RevChain = c, append(append([]*spec.Node(nil), td.RevChain...), n)
			} else {
				sub.Base, sub.BaseChain = c, append(append([]*spec.Node(nil), td.BaseChain...), n)
			}
			if ms := e.expand(sub, locate.Type(docOf(e, td), sub.Logical, e.webhooks)); ms != nil {
				out = append(out, ms...)
			} else {
				out = append(out, sub)
			}
		}
		if out == nil {
			out = []tree.Diff{}
		}
		return out
	case len(p.Steps) == 2 && isComponentMap(last) && p.Steps[0].Field == "components",
		len(p.Steps) == 1 && p.Steps[0].Object == oasgrammar.Swagger && isComponentMap(last):
		for i, k := range n.Keys {
			member(k, n.Children[i], n)
		}
		if out == nil {
			out = []tree.Diff{}
		}
		return out
	}
	return nil
}

func docOf(e *explainer, td tree.Diff) *spec.Document {
	if td.Kind == tree.Removed {
		return e.base
	}
	return e.rev
}

// fieldRow returns the row of the field table the difference at a place
// is judged by: the deepest field the place names, or, where a member of a
// member has no row, the field above it. at is the index of that field's
// step; member tells a member of a map or list field.
func fieldRow(p oasgrammar.Path) (*rules.FieldRow, int, bool) {
	_, at, _ := p.Field()
	for ; at >= 0; at-- {
		st := p.Steps[at]
		switch st.Kind {
		case oasgrammar.Fixed:
			if row, ok := rules.FieldRule(string(st.Object), st.Field); ok {
				return row, at, false
			}
		case oasgrammar.Name, oasgrammar.Index:
			if row, ok := rules.FieldRule(string(st.Object), st.Field); ok {
				return row, at, true
			}
		}
	}
	return nil, -1, false
}

// fieldChange is the kind of change at a field for a kind of difference.
func fieldChange(k tree.Kind) field.FieldChange {
	switch k {
	case tree.Added:
		return field.FieldAdded
	case tree.Removed:
		return field.FieldRemoved
	}
	return field.FieldChanged
}

// nodeAt returns the node at the first n tokens of the difference's
// logical place on one side: from the comparison's own chain where it has
// it, else walked from the root.
func (e *explainer) nodeAt(side int, td tree.Diff, n int) *spec.Node {
	doc, node, chain := e.base, td.Base, td.BaseChain
	if side == 1 {
		doc, node, chain = e.rev, td.Rev, td.RevChain
	}
	ti := n - (len(td.Logical) - len(td.Tokens))
	switch {
	case ti == len(td.Tokens):
		return node
	case ti >= 1 && ti <= len(chain) && chain[ti-1] != nil:
		return chain[ti-1]
	}
	if n < 0 || n > len(td.Logical) {
		return nil
	}
	return locate.WalkLogical(doc, td.Logical[:n])
}

// directions are the directions the operations that reach a place see
// it in (a place in neither a request nor a response: both).
func directions(uses []locate.Use, p oasgrammar.Path) []field.Direction {
	var req, resp bool
	add := func(side oasgrammar.Side, mirrored bool) {
		switch {
		case side == oasgrammar.NoSide:
			req, resp = true, true
		case (side == oasgrammar.RequestSide) != mirrored:
			req = true
		default:
			resp = true
		}
	}
	if len(uses) == 0 {
		add(p.Side())
	}
	for _, u := range uses {
		add(u.Side, u.Mirrored)
	}
	var out []field.Direction
	if req {
		out = append(out, field.Request)
	}
	if resp {
		out = append(out, field.Response)
	}
	return out
}

// judge classes a difference by a row of the field table: the field at
// step at (a member of it when member), its values on both sides, in
// every direction the operations see it; the worst verdict counts.
func (e *explainer) judge(td tree.Diff, p oasgrammar.Path, row *rules.FieldRow, at int, member bool, uses []locate.Use) finding.Change {
	site := field.Site{Kind: fieldChange(td.Kind)}
	valueEnd, holderEnd := at+1, at
	if member {
		site.Member = p.Steps[at].Token
		valueEnd, holderEnd = at, at-1
		if strings.HasPrefix(row.Field, "{") {
			holderEnd = at // a patterned field: the object holding the names is the field
		}
	}
	site.Base, site.Rev = locate.ValueOf(e.base, e.nodeAt(0, td, valueEnd)), locate.ValueOf(e.rev, e.nodeAt(1, td, valueEnd))
	site.BaseHolder, site.RevHolder = locate.ValueOf(e.base, e.nodeAt(0, td, holderEnd)), locate.ValueOf(e.rev, e.nodeAt(1, td, holderEnd))
	if row.Object == "Operation" && row.Field == "security" && !member {
		// An operation that does not say has the document's requirements.
		if site.Base == nil {
			site.Base = documentSecurity(e.base)
		}
		if site.Rev == nil {
			site.Rev = documentSecurity(e.rev)
		}
	}
	var judged rules.ClassPair
	id := ""
	for i, d := range directions(uses, p) {
		site.Direction = d
		c, k := row.Judge(site, rules.Contract), row.Judge(site, rules.Compatible)
		id = c.ID
		if i == 0 || c.Class.Rank() > judged.Contract.Rank() {
			judged.Contract = c.Class
		}
		if i == 0 || k.Class.Rank() > judged.Compatible.Rank() {
			judged.Compatible = k.Class
		}
	}
	return e.change(id, td, p, uses, &judged, fieldText{row: row, at: at, member: member, site: site})
}

// documentSecurity is the security requirements of a document, an empty
// list (anonymous access) when it has none.
func documentSecurity(doc *spec.Document) field.Value {
	if v := locate.ValueOf(doc, doc.Root.Root.Get("security")); v != nil {
		return v
	}
	return field.FromJSON([]any{})
}

// extension judges a difference at or inside a specification extension
// (the step at): x-stability keeps its ranks, anything else is the
// extension row's.
func (e *explainer) extension(td tree.Diff, p oasgrammar.Path, at int, uses []locate.Use) finding.Change {
	kw := p.Steps[at].Token
	if (kw == "x-stability" || kw == "x-stability-level") && at == len(p.Steps)-1 {
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
			return e.change(rules.StabilityDecreased, td, p, uses, nil)
		case after > before:
			return e.change(rules.StabilityIncreased, td, p, uses, nil)
		}
	}
	row := &rules.ExtensionRow
	if slices.Contains(e.contract, kw) {
		row = &rules.ContractExtensionRow
	}
	c := e.judge(td, p, row, at, false, uses)
	// The message names what changed inside the extension, where it is.
	return e.change(c.ID, td, p, uses, c.Judged, fieldText{row: row, at: len(p.Steps) - 1, site: field.Site{}})
}

// mergeSame folds identical tree-rule changes (the same rule at the same
// place, reached more than once) into one, the worse class kept.
func mergeSame(cs []finding.Change) []finding.Change {
	seen := map[string]int{}
	out := cs[:0]
	for _, c := range cs {
		k := c.ID + "\x00" + c.Pointer + "\x00" + c.Message
		if i, ok := seen[k]; ok {
			out[i].Operations = unionSorted(out[i].Operations, c.Operations)
			out[i].Reach = locate.MergeReach(out[i].Reach, c.Reach)
			if a, b := out[i].Judged, c.Judged; a != nil && b != nil {
				w := *a
				if b.Contract.Rank() > w.Contract.Rank() {
					w.Contract = b.Contract
				}
				if b.Compatible.Rank() > w.Compatible.Rank() {
					w.Compatible = b.Compatible
				}
				out[i].Judged = &w
			}
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

// removedAfterSunset names the removal of a deprecated path or operation
// that oasdiff lets pass because its sunset is over; oasdiff's own rule ids
// keep the rule table the one place that classifies them.
func removedAfterSunset(ctx place, td tree.Diff) string {
	toks := ctx.tokens
	if td.Kind != tree.Removed || len(toks) < 2 || toks[0] != "paths" || td.Base == nil {
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

// encodingOfNewProperty tells an encoding entry added for a property that the
// base's media type does not have: it is part of that property's addition.
func encodingOfNewProperty(base *spec.Document, ctx place, td tree.Diff) bool {
	toks := ctx.tokens
	i := ctx.keywordAt("encoding")
	if td.Kind != tree.Added || i < 1 || len(toks) != i+2 {
		return false
	}
	mt := locate.WalkLogical(base, toks[:i])
	if mt == nil {
		return true
	}
	schema := mt.Get("schema")
	if schema == nil {
		return true
	}
	schema = locate.WalkLogical(base, append(append([]string(nil), toks[:i]...), "schema"))
	return schema == nil || schema.Get("properties").Get(toks[i+1]) == nil
}

// paramRemovedWithDeprecation is oasdiff's id for a parameter removed
// after its deprecation.
const paramRemovedWithDeprecation = "request-parameter-removed-with-deprecation"

// deprecatedParametersRemoved tells parameters removed from an operation
// (one, or the whole list) that were all deprecated: oasdiff lets such a
// removal pass once the sunset is over, and says nothing; apibump names
// it with oasdiff's id (before the sunset oasdiff's own finding explains
// the difference).
func (e *explainer) deprecatedParametersRemoved(td tree.Diff, p oasgrammar.Path) bool {
	row, at, _ := fieldRow(p)
	if td.Kind != tree.Removed || row == nil || row.Field != "parameters" || td.Base == nil ||
		row.Object != string(oasgrammar.Operation) && row.Object != string(oasgrammar.PathItem) || at != len(p.Steps)-1 && at != len(p.Steps)-2 {
		return false
	}
	removed := []*spec.Node{td.Base}
	if td.Base.Kind == spec.Array {
		removed = td.Base.Children
	}
	for _, n := range removed {
		if t := locate.Resolved(e.base, n); t == nil || t.Kind != spec.Object || t.Str("deprecated") != "true" {
			return false
		}
	}
	return len(removed) > 0
}

// pathParameterRenamed tells a path parameter's name changed (where it is
// defined, a component) where every operation that uses it renamed the
// parameter in its path template too: the URL is the same.
func (e *explainer) pathParameterRenamed(td tree.Diff, p oasgrammar.Path, reach func() []locate.Use) bool {
	n := len(p.Steps)
	if td.Kind != tree.Modified || n == 0 || p.Steps[n-1].Object != oasgrammar.Parameter || p.Steps[n-1].Token != "name" ||
		td.Base == nil || td.Rev == nil || td.Base.Kind != spec.String || td.Rev.Kind != spec.String {
		return false
	}
	bh, rh := locate.Resolved(e.base, e.nodeAt(0, td, n-1)), locate.Resolved(e.rev, e.nodeAt(1, td, n-1))
	if bh.Str("in") != "path" || rh.Str("in") != "path" {
		return false
	}
	ops := locate.Operations(reach())
	if len(ops) == 0 {
		return false
	}
	basePaths := map[string]string{}
	if paths := e.base.Root.Root.Get("paths"); paths != nil {
		for _, k := range paths.Keys {
			basePaths[spec.PathTemplate(k)] = k
		}
	}
	for _, op := range ops {
		_, path, _ := strings.Cut(op, " ")
		old, ok := basePaths[spec.PathTemplate(path)]
		if !ok || !strings.Contains(path, "{"+td.Rev.Value+"}") || !strings.Contains(old, "{"+td.Base.Value+"}") {
			return false
		}
	}
	return true
}
