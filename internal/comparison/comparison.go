// Package comparison runs the comparison the commands report on: both
// documents loaded as trees, reduced to what differs (package prune), the
// kin-openapi models built for the reduced documents only (package
// kinmodel), and both engines run over them (classify.Compare).
//
// Load refuses, in the whole document, every field of a type kin-openapi's
// decoding refuses (kinmodel.CheckTypes), so that what the reduction drops
// is checked as the full comparison would check it: a spec is refused or
// compared the same way with or without the reduction.
package comparison

import (
	"cmp"
	"fmt"
	"sync"

	"github.com/apibump/apibump/internal/classify"
	"github.com/apibump/apibump/internal/finding"
	"github.com/apibump/apibump/internal/kinmodel"
	"github.com/apibump/apibump/internal/prune"
	"github.com/apibump/apibump/internal/source"
	"github.com/apibump/apibump/internal/spec"
)

// Options tune the comparison.
type Options struct {
	// Full compares the documents whole, without the reduction (--no-prune).
	Full bool
	// Classify is handed on to classify.Compare.
	Classify classify.Options
}

// Load reads the spec named by in, with every file it references, and
// checks its $refs and the types of its fields, without building its
// kin-openapi model (Compare builds the models it needs).
func Load(in source.Input, opts source.LoadOptions) (*spec.Document, error) {
	d, err := spec.Load(in, opts)
	if err != nil {
		return nil, err
	}
	return d, nil
}

// Compare compares base and rev (documents from Load: the models are built
// here) as classify.Compare does the whole documents, on the reduced
// documents unless opts.Full. The findings are the same either way.
func Compare(base, rev *spec.Document, opts Options) ([]finding.Change, prune.Stats, error) {
	b, r, st, err := prune.Documents(base, rev, prune.Options{Full: opts.Full})
	if err != nil {
		return nil, st, err
	}
	var errs [2]error
	var wg sync.WaitGroup
	for i, d := range []*spec.Document{b, r} {
		if d.Spec != nil {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				if p := recover(); p != nil {
					errs[i] = fmt.Errorf("%s: internal error while building the model: %v (please report it)", d.Name(), p)
				}
			}()
			errs[i] = kinmodel.Build(d)
		}()
	}
	wg.Wait()
	if err := cmp.Or(errs[0], errs[1]); err != nil {
		return nil, st, err
	}
	changes, err := classify.Compare(b, r, opts.Classify)
	return changes, st, err
}
