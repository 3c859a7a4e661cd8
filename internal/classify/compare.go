package classify

import (
	"cmp"
	"slices"
	"strings"
	"sync"

	"github.com/apibump/apibump/internal/crash"
	"github.com/apibump/apibump/internal/engine/oasdiff"
	"github.com/apibump/apibump/internal/engine/tree"
	"github.com/apibump/apibump/internal/finding"
	"github.com/apibump/apibump/internal/locale"
	"github.com/apibump/apibump/internal/spec"
)

// Compare runs both engines over the two documents (oasdiff's diff and
// checker, and the comparison of their trees) and explains every tree
// difference, so that every difference ends up in a change with a rule.
func Compare(base, rev *spec.Document, _ Options) ([]finding.Change, error) {
	var (
		found []finding.Change
		diffs []tree.Diff
		err   error
		wg    sync.WaitGroup
	)
	wg.Add(1)
	var treeErr error
	go func() {
		defer wg.Done()
		defer func() {
			if p := recover(); p != nil {
				treeErr = crash.New("comparing the trees", p)
			}
		}()
		diffs = tree.Compare(base, rev)
	}()
	found, err = oasdiff.Run(base, rev)
	wg.Wait()
	if err != nil {
		return nil, err
	}
	if treeErr != nil {
		return nil, treeErr
	}
	own := explain(base, rev, diffs, found)
	all := append(found, own...)
	normalizeOperations(all, base, rev)
	sortChanges(all)
	return all, nil
}

func sortChanges(cs []finding.Change) {
	slices.SortStableFunc(cs, func(a, b finding.Change) int {
		return cmp.Or(
			cmp.Compare(firstOp(a), firstOp(b)),
			cmp.Compare(a.ID, b.ID),
			cmp.Compare(a.Pointer, b.Pointer),
			cmp.Compare(a.Message, b.Message),
			comparePos(a.Source, b.Source),
		)
	})
}

func firstOp(c finding.Change) string {
	if len(c.Operations) == 0 {
		return "\uffff" // document-level changes after the endpoints
	}
	o := c.Operations[0]
	if i := strings.IndexByte(o, ' '); i >= 0 {
		return o[i+1:] + " " + o[:i]
	}
	return o
}

func comparePos(a, b *spec.Position) int {
	if a == nil || b == nil {
		switch {
		case a == b:
			return 0
		case a == nil:
			return 1
		}
		return -1
	}
	return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
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
		changed := false
		for j, op := range cs[i].Operations {
			method, path, ok := strings.Cut(op, " ")
			if !ok || revPaths[path] {
				continue
			}
			if p, found := byTemplate[spec.PathTemplate(path)]; found {
				cs[i].Operations[j] = method + " " + p
				changed = true
			}
		}
		if changed {
			cs[i].Operations = unionSorted(cs[i].Operations, nil)
		}
	}
}

// sentence builds a tree rule's message from the catalogue of apibump's texts.
func sentence(key string, args ...any) (string, func(locale.Lang) locale.Phrase) {
	text := func(l locale.Lang) locale.Phrase {
		a := make([]any, len(args))
		for i, x := range args {
			if k, ok := x.(tree.Kind); ok {
				x = locale.T(l, "kind."+k.String())
			}
			a[i] = x
		}
		return locale.P(l, key, a...)
	}
	return text(locale.En).String(), text
}
