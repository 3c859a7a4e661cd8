// Package comparison runs the comparison the commands report on: both
// documents loaded as trees, reduced to what differs (package prune), the
// kin-openapi models built for the reduced documents only (package
// kinmodel), and both engines run over them (classify.Compare).
//
// A spec is refused the same way with or without the reduction, with the
// same message: a reduced document whose model does not build is reported
// as the whole document's model build reports it, and the parts the
// reduction drops are checked by package kincheck, which finds in linear
// time whatever kin-openapi would refuse there (the whole document's model
// is built, for its error, only then).
package comparison

import (
	"cmp"
	"fmt"
	"sync"

	"github.com/apibump/apibump/internal/classify"
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
// checks its $refs, without building its kin-openapi model (Compare builds
// the models it needs).
func Load(in source.Input, opts source.LoadOptions) (*spec.Document, error) {
	return spec.Load(in, opts)
}

// Compare compares base and rev (documents from Load: the models are built
// here) as classify.Compare does the whole documents, on the reduced
// documents unless opts.Full. The findings are the same either way.
func Compare(base, rev *spec.Document, opts Options) ([]finding.Change, prune.Stats, error) {
	b, r, st, err := Reduce(base, rev, opts)
	if err != nil {
		return nil, st, err
	}
	changes, err := classify.Compare(b, r, opts.Classify)
	return changes, st, err
}

// Reduce returns the documents Compare compares (base and rev themselves
// when opts.Full or nothing is dropped), their models built, and refuses
// the pair as building the whole documents' models would.
func Reduce(base, rev *spec.Document, opts Options) (*spec.Document, *spec.Document, prune.Stats, error) {
	b, r, st, err := prune.Documents(base, rev, prune.Options{Full: opts.Full})
	if err != nil {
		return nil, nil, st, err
	}
	whole := [2]*spec.Document{base, rev}
	var errs [2]error
	var wg sync.WaitGroup
	for i, d := range []*spec.Document{b, r} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				if p := recover(); p != nil {
					errs[i] = fmt.Errorf("%s: internal error while building the model: %v (please report it)", d.Name(), p)
				}
			}()
			errs[i] = model(d, whole[i])
		}()
	}
	wg.Wait()
	if err := cmp.Or(errs[0], errs[1]); err != nil {
		return nil, nil, st, err
	}
	return b, r, st, nil
}

// model builds the model of d, the reduction of w (or w itself), and
// refuses it as building w's would.
func model(d, w *spec.Document) error {
	var err error
	if d.Spec == nil {
		err = kinmodel.Build(d)
	}
	if d == w {
		return err
	}
	if err != nil {
		// The whole document's error: kinmodel finds the line of what
		// kin-openapi refuses in the trees it was given, and the whole
		// document may hold an earlier one in a part the reduction drops.
		if werr := kinmodel.Build(w); werr != nil {
			return werr
		}
		return err
	}
	return kincheck.Check(w)
}
