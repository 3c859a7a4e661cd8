// Package classifytest holds what the tests that load and compare specs
// share: loading with the kin-openapi model, comparing, and describing the
// changes found in a failure message.
package classifytest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/apibump/apibump/internal/classify"
	"github.com/apibump/apibump/internal/finding"
	"github.com/apibump/apibump/internal/kinmodel"
	"github.com/apibump/apibump/internal/source"
	"github.com/apibump/apibump/internal/spec"
)

// Load loads the spec at path with its kin-openapi model, failing the test
// when it does not load.
func Load(t testing.TB, path string, opts source.LoadOptions) *spec.Document {
	t.Helper()
	d, err := kinmodel.Load(source.ParseInput(path), opts)
	if err != nil {
		t.Fatalf("Load %s: %v", path, err)
	}
	return d
}

// Compare compares two documents, failing the test on an error.
func Compare(t testing.TB, base, rev *spec.Document) []finding.Change {
	t.Helper()
	cs, err := classify.Compare(base, rev, classify.Options{})
	if err != nil {
		t.Fatalf("Compare: %v", err)
	}
	return cs
}

// Describe lists changes one a line, for a failure message.
func Describe(cs []finding.Change) string {
	var b strings.Builder
	for _, c := range cs {
		fmt.Fprintf(&b, "\n  %s %v %s %s: %s", c.ID, c.Operations, c.Pointer, c.Source, c.Message)
	}
	return b.String()
}
