// Package comparison runs the comparison the commands report on: both
// documents loaded as trees, reduced to what differs (package prune), and
// classify.Compare run on the reduced documents (it normalises them and
// builds their kin-openapi models).
//
// A spec is refused the same way with or without the reduction, with the
// same message: the parts the reduction drops are checked by package
// kincheck, which finds in linear time whatever kin-openapi would refuse
// there, and a refused comparison reports the whole documents' error (the
// whole models are built, for their error, only then).
package comparison

import (
	"cmp"
	"sync"

	"github.com/apibump/apibump/internal/classify"
	"github.com/apibump/apibump/internal/crash"
	"github.com/apibump/apibump/internal/finding"
	"github.com/apibump/apibump/internal/kincheck"
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
// checks its $refs, without building its kin-openapi model (Compare has
// the models it needs built).
func Load(in source.Input, opts source.LoadOptions) (*spec.Document, error) {
	return spec.Load(in, opts)
}

// Compare compares base and rev (documents from Load) as classify.Compare
// does the whole documents, on the reduced documents unless opts.Full.
// The findings are the same either way, and so is the error for a spec
// refused.
func Compare(base, rev *spec.Document, opts Options) ([]finding.Change, prune.Stats, error) {
	b, r, st, err := Reduce(base, rev, opts)
	if err != nil {
		return nil, st, err
	}
	co := opts.Classify
	if b != base || r != rev {
		co.Whole = [2]*spec.Document{base, rev}
	}
	changes, err := classify.Compare(b, r, co)
	if err != nil {
		return nil, st, wholeError(err, [2]*spec.Document{b, r}, [2]*spec.Document{base, rev})
	}
	return changes, st, nil
}

// Reduce returns the documents Compare compares: base and rev themselves
// when opts.Full or nothing is dropped, else the reduced documents, without
// their models (classify.Compare builds them from the normalised trees).
// A whole document whose part dropped kin-openapi would refuse is refused
// here (package kincheck), as building its model refuses it.
func Reduce(base, rev *spec.Document, opts Options) (*spec.Document, *spec.Document, prune.Stats, error) {
	b, r, st, err := prune.Documents(base, rev, prune.Options{Full: opts.Full})
	if err != nil {
		return nil, nil, st, err
	}
	reduced, whole := [2]*spec.Document{b, r}, [2]*spec.Document{base, rev}
	var errs [2]error
	var wg sync.WaitGroup
	for i := range 2 {
		if reduced[i] == whole[i] {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				if p := recover(); p != nil {
					errs[i] = crash.New("checking "+whole[i].Name(), p)
				}
			}()
			errs[i] = kincheck.Check(whole[i])
		}()
	}
	wg.Wait()
	if err := cmp.Or(errs[0], errs[1]); err != nil {
		return nil, nil, st, wholeError(err, reduced, whole)
	}
	return b, r, st, nil
}

// wholeError returns the error the comparison of the whole documents gives
// in place of err, the reduced comparison's: kinmodel finds the line of
// what kin-openapi refuses in the trees it was given, and a whole document
// may hold an earlier one in a part the reduction drops, or the base one
// where the revision's is found first. The whole models are built only
// here, for a spec refused.
func wholeError(err error, reduced, whole [2]*spec.Document) error {
	if reduced == whole {
		return err
	}
	for _, w := range whole {
		if w.Spec != nil {
			continue
		}
		if werr := kinmodel.Build(w); werr != nil {
			return werr
		}
	}
	return err
}
