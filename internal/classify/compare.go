package classify

import (
	"cmp"
	"fmt"
	"strings"
	"sync"

	"github.com/apibump/apibump/internal/crash"
	"github.com/apibump/apibump/internal/engine/oasdiff"
	"github.com/apibump/apibump/internal/engine/tree"
	"github.com/apibump/apibump/internal/finding"
	"github.com/apibump/apibump/internal/kinmodel"
	"github.com/apibump/apibump/internal/locale"
	"github.com/apibump/apibump/internal/locate"
	"github.com/apibump/apibump/internal/normalize"
	"github.com/apibump/apibump/internal/oasgrammar"
	"github.com/apibump/apibump/internal/placewords"
	"github.com/apibump/apibump/internal/rules"
	"github.com/apibump/apibump/internal/spec"
)

// Compare compares two documents as a client sees them. Each is
// normalised (package normalize: equal messages written in other forms
// become one form) and its kin-openapi model built from the normalised
// trees; oasdiff's diff and checks and the comparison of the trees run on
// the normalised documents, and every tree difference no oasdiff finding
// explains gets a rule (treerules.go). The documents as written are
// compared too, so that what normalisation made equal is still reported,
// as non-contract (layout.go). base and rev are documents as loaded
// (spec.Load; a kin-openapi model already built is used when the
// normalisation changes nothing); Compare sets their Version from the model.
func Compare(base, rev *spec.Document, opts Options) ([]finding.Change, error) {
	var (
		norm     [2]*spec.Document
		rewrites [2][]normalize.Rewrite
		errs     [2]error
		wg       sync.WaitGroup
	)
	spelling := headerSpellings(cmp.Or(opts.Whole[0], base), cmp.Or(opts.Whole[1], rev))
	// A schema written false stays false: oasdiff has rules of its own for
	// it (request-property-schema-became-not-false...), which {not: {}}
	// would turn into findings about types and properties.
	skip := map[normalize.Kind]bool{normalize.FalseSchema: true}
	for k, v := range opts.Skip {
		skip[k] = skip[k] || v
	}
	for i, doc := range []*spec.Document{base, rev} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				if p := recover(); p != nil {
					errs[i] = crash.New("normalising "+doc.Name(), p)
				}
			}()
			other := rev
			if i == 1 {
				other = base
			}
			norm[i], rewrites[i], errs[i] = normalized(doc, normalize.Options{Skip: skip, Webhooks: opts.Webhooks, HeaderName: spelling, Other: other})
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	var (
		found           []finding.Change
		diffs, rawDiffs []tree.Diff
		err, treeErr    error
	)
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer func() {
			if p := recover(); p != nil {
				treeErr = crash.New("comparing the trees", p)
			}
		}()
		diffs = tree.Compare(norm[0], norm[1])
		rawDiffs = tree.CompareWith(base, rev, tree.Options{Literal: true})
	}()
	found, err = oasdiff.Run(norm[0], norm[1], opts.Date)
	wg.Wait()
	if err != nil {
		return nil, err
	}
	if treeErr != nil {
		return nil, treeErr
	}
	webhookClasses(found, norm[0])
	neverSent(found, norm[0])
	componentMembership(found)
	users := locate.NewUsers(norm[0], norm[1], opts.Webhooks)
	own, covering := explain(norm[0], norm[1], users, diffs, found, opts.Webhooks, opts.ContractExtensions)
	locate.SharedOasdiff(found, norm, users, opts.Webhooks, sharedWords)
	writtenPointers(own, base, rev)
	all := append(found, own...)
	if base.Swagger == rev.Swagger {
		all = append(all, layoutChanges([2]*spec.Document{base, rev}, rawDiffs, covering, found, rewrites, opts.Webhooks)...)
	}
	normalizeOperations(all, norm[0], norm[1])
	finding.Sort(all)
	return all, nil
}

// writtenPointers makes the pointers of the tree rules' changes, found in
// the normalised documents, point into the documents as written: where a
// rewrite moved the place (a single-member allOf lifted, say), the pointer
// is that of the written node at the change's source position.
func writtenPointers(cs []finding.Change, base, rev *spec.Document) {
	for i, c := range cs {
		if c.Source == nil || c.Source.Line == 0 {
			continue
		}
		doc := rev
		if c.Side == finding.SideBase {
			doc = base
		}
		file := doc.FileNamed(c.Source.File)
		if file == nil {
			continue
		}
		at := c.Source.At()
		frag := c.Pointer
		if !strings.HasPrefix(frag, "/") {
			_, frag, _ = strings.Cut(frag, "#") // file#/pointer
		}
		if n := file.Root.At(frag); n != nil && (n.KeyPos == at || n.Pos == at) {
			continue
		}
		toks, ok := file.Root.TokensStartingAt(at)
		if !ok {
			continue
		}
		p := spec.JoinPointer(toks)
		if file.Key != doc.Root.Key {
			p = file.Name + "#" + p
		} else if p == "" {
			p = "/"
		}
		cs[i].Pointer = p
	}
}

// normalized returns the normalised document of doc with its kin-openapi
// model, and the rewrites made. The model is built once, from the
// normalised trees (doc's own when nothing was rewritten). Should
// kin-openapi refuse the normalised trees but read doc's, the error says
// so; doc's own error comes first.
func normalized(doc *spec.Document, nopts normalize.Options) (*spec.Document, []normalize.Rewrite, error) {
	roots, rewrites := normalize.Roots(doc, nopts)
	if len(roots) == 0 {
		if doc.Spec == nil {
			if err := kinmodel.Build(doc); err != nil {
				return nil, nil, err
			}
		}
		return doc, rewrites, nil
	}
	out, err := kinmodel.WithRoots(doc, roots)
	if err != nil {
		if doc.Spec == nil {
			if rawErr := kinmodel.Build(doc); rawErr != nil {
				return nil, nil, rawErr
			}
		}
		return nil, nil, fmt.Errorf("%s: internal error: the normalised document does not load: %w (please report it)", doc.Name(), err)
	}
	doc.Version = out.Version
	return out, rewrites, nil
}

// neverSent classes the removal of a response media type's schema that
// accepted nothing (false, {not: {}}): no valid body was ever sent, so no
// client relied on its shape; like other retractions of outputs it is
// breaking under contract and additive under compatible.
func neverSent(found []finding.Change, base *spec.Document) {
	for i, c := range found {
		if c.ID != "response-body-media-type-schema-removed" || c.BaseSource == nil {
			continue
		}
		file := base.FileNamed(c.BaseSource.File)
		if file == nil {
			continue
		}
		mt := file.Root.NodeStartingAt(c.BaseSource.At())
		if s := mt.Get("schema"); s != nil && acceptsNothing(s) {
			found[i].Judged = &rules.ClassPair{Contract: rules.Breaking, Compatible: rules.Additive}
		}
	}
}

// acceptsNothing tells the schemas no value is valid for: false, {not: {}}.
func acceptsNothing(s *spec.Node) bool {
	if s.Kind == spec.Bool {
		return s.Value == "false"
	}
	not := s.Get("not")
	return s.Kind == spec.Object && len(s.Keys) == 1 && not != nil && not.Kind == spec.Object && len(not.Keys) == 0
}

// headerSpellings returns the spelling both documents give a header name
// once normalised: as the revision first writes it, else as the base does.
// HTTP header names are case-insensitive; the normalised documents agree
// on one spelling of each, and messages keep one the author wrote.
func headerSpellings(base, rev *spec.Document) func(string) string {
	var seen [2]map[string]string
	for i, doc := range []*spec.Document{base, rev} {
		m := map[string]string{}
		note := func(name string) {
			low := strings.ToLower(name)
			if _, ok := m[low]; !ok {
				m[low] = name
			}
		}
		for _, f := range doc.Files() {
			stack := []*spec.Node{f.Root}
			for len(stack) > 0 {
				n := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				if n.Kind == spec.Object {
					if n.Str("in") == "header" && n.Str("name") != "" {
						note(n.Str("name"))
					}
					if h := n.Get("headers"); h != nil && h.Kind == spec.Object {
						for _, k := range h.Keys {
							if !strings.HasPrefix(k, "x-") {
								note(k)
							}
						}
					}
				}
				for j := len(n.Children) - 1; j >= 0; j-- {
					if c := n.Children[j]; c.Kind == spec.Object || c.Kind == spec.Array {
						stack = append(stack, c)
					}
				}
			}
		}
		seen[i] = m
	}
	return func(low string) string {
		if s, ok := seen[1][low]; ok {
			return s
		}
		if s, ok := seen[0][low]; ok {
			return s
		}
		return low
	}
}

// componentMembership classes oasdiff's findings that a component was
// added to or removed from components: no client observes a component by
// itself, only what reaches it, and what reaches it is compared where it is
// used (an operation that loses or changes the schema has its own
// findings). Like a change to a component nothing reaches, the membership
// change is reported, non-contract.
func componentMembership(found []finding.Change) {
	for i, c := range found {
		switch c.ID {
		case "api-schema-removed", "api-security-component-added", "api-security-component-removed":
			found[i].Judged = &rules.ClassPair{Contract: rules.NonContract, Compatible: rules.NonContract}
		}
	}
}

// requiredProperty tells whether the schema property whose key is at
// pos in base is required by its schema; true when it cannot tell.
func requiredProperty(base *spec.Document, pos *spec.Position) bool {
	if pos == nil || pos.Line == 0 {
		return true
	}
	f := base.FileNamed(pos.File)
	if f == nil {
		return true
	}
	toks, ok := f.Root.TokensStartingAt(pos.At())
	if !ok || len(toks) < 2 || toks[len(toks)-2] != "properties" {
		return true
	}
	schema := f.Root.At(spec.JoinPointer(toks[:len(toks)-2]))
	req := schema.Get("required")
	if req == nil || req.Kind != spec.Array {
		return false
	}
	for _, r := range req.Children {
		if r.Kind == spec.String && r.Value == toks[len(toks)-1] {
			return true
		}
	}
	return false
}

// webhookClasses classes oasdiff's findings inside webhooks: oasdiff
// (v1.38) compares a modified webhook as a path "webhook:<name>" with its
// request and response checks, but there the API sends the request and
// the client answers, so a finding carries the class of its twin rule in
// the other direction (the worse of both when it also reaches paths).
func webhookClasses(found []finding.Change, base *spec.Document) {
	for i := range found {
		hook, path := false, false
		for _, op := range found[i].Operations {
			_, p, _ := strings.Cut(op, " ")
			if strings.HasPrefix(p, "webhook:") || strings.HasPrefix(op, "webhook:") {
				hook = true
			} else {
				path = true
			}
		}
		twin, ok := rules.OasdiffTwin(found[i].ID)
		if !hook || !ok {
			continue
		}
		if found[i].ID == "request-property-removed" && !requiredProperty(base, found[i].BaseSource) {
			// oasdiff does not say whether the property was required: the
			// base does.
			twin = "response-optional-property-removed"
		}
		pair := rules.ClassPair{Contract: rules.ClassOf(twin, rules.Contract), Compatible: rules.ClassOf(twin, rules.Compatible)}
		if path {
			for _, p := range []rules.Policy{rules.Contract, rules.Compatible} {
				own := rules.ClassOf(found[i].ID, p)
				if p == rules.Contract && own.Rank() > pair.Contract.Rank() {
					pair.Contract = own
				}
				if p == rules.Compatible && own.Rank() > pair.Compatible.Rank() {
					pair.Compatible = own
				}
			}
		}
		found[i].Judged = &pair
	}
}

// normalizeOperations names every operation by its path in the revision when
// only path parameter names differ (oasdiff uses the base's names), so one
// endpoint is one group.
func normalizeOperations(cs []finding.Change, base, rev *spec.Document) {
	byTemplate := map[string]string{}
	revPaths := map[string]bool{}
	if paths := rev.Root.Root.Get("paths"); paths != nil && paths.Kind == spec.Object {
		for _, k := range paths.Keys {
			revPaths[k] = true
			byTemplate[spec.PathTemplate(k)] = k
		}
	}
	for i := range cs {
		revName := func(op string) (string, bool) {
			method, path, ok := strings.Cut(op, " ")
			if !ok || revPaths[path] {
				return op, false
			}
			if p, found := byTemplate[spec.PathTemplate(path)]; found {
				return method + " " + p, true
			}
			return op, false
		}
		changed := false
		for j, op := range cs[i].Operations {
			if name, ok := revName(op); ok {
				cs[i].Operations[j], changed = name, true
			}
		}
		if changed {
			cs[i].Operations = unionSorted(cs[i].Operations, nil)
		}
		renamed := false
		for j, r := range cs[i].Reach {
			if name, ok := revName(r.Operation); ok {
				cs[i].Reach[j].Operation, renamed = name, true
			}
		}
		if renamed {
			locate.SortReach(cs[i].Reach)
		}
	}
}

// catalogueWords are sentence arguments that are keys of the catalogue
// (words, not values from the specs), written one after the other.
type catalogueWords []string

// sentence builds a tree rule's message from the catalogue of apibump's texts.
func sentence(key string, args ...any) (string, func(locale.Lang) locale.Phrase) {
	text := func(l locale.Lang) locale.Phrase {
		a := make([]any, len(args))
		for i, x := range args {
			switch k := x.(type) {
			case tree.Kind:
				x = locale.T(l, "kind."+k.String())
			case catalogueWords:
				x = catalogue(l, k)
			}
			a[i] = x
		}
		return locale.P(l, key, a...)
	}
	return text(locale.En).String(), text
}

// catalogue joins catalogue words in a language.
func catalogue(l locale.Lang, k catalogueWords) string {
	words := make([]string, len(k))
	for j, w := range k {
		words[j] = locale.T(l, w)
	}
	return strings.Join(words, "; ")
}

// sharedWords words an oasdiff finding on a component for the component:
// the place and what the rule finds, no operation's status.
func sharedWords(c *finding.Change, p oasgrammar.Path, doc *spec.Document, dir oasgrammar.Side) {
	id := c.ID
	c.Message, c.Localized = phrased(func(l locale.Lang) locale.Phrase {
		return locale.P(l, "shared.change", placewords.Words(l, p, doc, dir), rules.Words(l, id))
	})
}
