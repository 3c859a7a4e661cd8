// Package prune compares only what changed between two OpenAPI documents.
//
// A pull request touches a few operations of a large spec; comparing the
// whole of both documents costs the same each time. Documents hashes every
// operation of both documents as the client sees it (every $ref followed,
// path-level members included, key order aside; see hash.go), in one pass
// linear in the documents, and builds reduced documents that keep:
//
//   - every member of the root other than paths, webhooks and components
//     (openapi, info, servers, security, tags, externalDocs, extensions...);
//   - the path items (and webhooks) that differ or stand on one side only;
//     inside a path item present on both sides whose path-level members
//     (parameters, servers, summary, extensions...) are equal, only the
//     operations that differ, else the whole item; every path of a template
//     whose paths differ between the sides (/books/{id} ↔ /books/{bookId})
//     whole;
//   - the components that differ or stand on one side only (a change to a
//     component nothing reaches is still a finding);
//   - everything the kept parts reach, on either side, through $refs in any
//     file, security requirements and discriminator mappings: a part reached
//     on one side is kept on both.
//
// Extensions equal on both sides are dropped too (kin-openapi keeps an
// extension as data: nothing reads what it refers to).
//
// What is dropped is equal on both sides, and reaches nothing that differs,
// so no engine finds anything in it. The nodes kept are the documents' own
// (positions and files unchanged), so every finding is the same, source
// included; the tests compare the findings of both runs on every testdata
// case, every corpus pair and every pair of oasdiff's own data (and with
// GitHub's x-webhooks configured as webhooks). classify.Compare normalises
// the reduced documents as it does whole ones: the normalisation reads the
// other document at the same place, kept on both sides. What it decides
// from a whole document (the spelling each header name takes) it reads
// from the whole documents (classify.Options.Whole). When something every
// operation reads differs (the dialect, the global security, Swagger's
// global media types), the documents are compared whole.
//
// The parts dropped are never decoded by kin-openapi; package comparison
// has package kincheck find in them what kin-openapi's decoding would
// refuse, so that bad input is refused alike.
package prune

import (
	"cmp"
	"fmt"
	"sync"

	"github.com/apibump/apibump/internal/spec"
)

// Options tune the reduction.
type Options struct {
	// Full compares the documents whole: no reduction (the --no-prune switch).
	Full bool
}

// Stats say what the reduction kept.
type Stats struct {
	// Pruned is set when the documents handed on are reduced; otherwise
	// they are compared whole and Reason says why.
	Pruned bool
	Reason string
	// Operations and Kept count the operations (paths and webhooks) of the
	// base [0] and the revision [1], and how many are kept.
	Operations, Kept [2]int
	// Components counts the components of both documents (by name), and
	// KeptComponents those kept.
	Components, KeptComponents int
}

// Documents returns the reduced base and revision, without their
// kin-openapi models (kinmodel.Build builds them; package comparison
// reduces, builds and compares). When nothing
// can be dropped, or opts.Full, they are base and rev themselves.
func Documents(base, rev *spec.Document, opts Options) (*spec.Document, *spec.Document, Stats, error) {
	if opts.Full {
		return base, rev, Stats{Reason: "the full comparison was asked for"}, nil
	}
	roots, st, err := Roots(base, rev)
	if err != nil {
		return nil, nil, st, err
	}
	if roots[0] == nil && roots[1] == nil {
		return base, rev, st, nil
	}
	out := [2]*spec.Document{base, rev}
	for s, d := range []*spec.Document{base, rev} {
		if roots[s] == nil {
			continue
		}
		nd, err := d.WithRoots(map[string]*spec.Node{d.Root.Key: roots[s]})
		if err != nil {
			return nil, nil, st, err
		}
		out[s] = nd
	}
	return out[0], out[1], st, nil
}

// Roots returns the reduced root of the base's root file [0] and of the
// revision's [1]; nil where nothing is dropped. The error is an internal
// one (a bug: please report it).
func Roots(base, rev *spec.Document) (roots [2]*spec.Node, st Stats, err error) {
	s := newSeeds()
	var x [2]*index
	var errs [2]error
	var wg sync.WaitGroup
	for i, d := range []*spec.Document{base, rev} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer recovered(&errs[i])
			x[i] = newIndex(d, s)
			x[i].build()
		}()
	}
	wg.Wait()
	if err := cmp.Or(errs[0], errs[1]); err != nil {
		return roots, st, err
	}
	defer recovered(&err)
	r := &reducer{x: x}
	if !r.decide() {
		return roots, r.stats, nil
	}
	for side := range 2 {
		roots[side] = r.reduced(side)
	}
	r.stats.Pruned = roots[0] != nil || roots[1] != nil
	if !r.stats.Pruned {
		r.stats.Reason = "nothing is equal on both sides"
	}
	r.stats.KeptComponents = len(r.comps)
	return roots, r.stats, nil
}

// recovered turns a panic into an internal error, so that a bug ends in
// one line, not a stack trace.
func recovered(err *error) {
	if p := recover(); p != nil {
		*err = fmt.Errorf("internal error reducing the documents: %v (please report it)", p)
	}
}
