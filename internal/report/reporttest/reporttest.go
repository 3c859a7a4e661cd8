// Package reporttest holds what the tests of the report's printers
// (packages render and changelog) share: a sample report, golden files and
// the reports the benchmarks write.
package reporttest

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cloud.google.com/go/civil"

	"github.com/apibump/apibump/internal/classify"
	"github.com/apibump/apibump/internal/finding"
	"github.com/apibump/apibump/internal/kinmodel"
	"github.com/apibump/apibump/internal/report"
	"github.com/apibump/apibump/internal/rules"
	"github.com/apibump/apibump/internal/scheme"
	"github.com/apibump/apibump/internal/source"
	"github.com/apibump/apibump/internal/spec"
	"github.com/apibump/apibump/internal/spec/spectest"
)

var update = flag.Bool("update", false, "rewrite golden files")

// Golden compares got with the file at path (relative to the package), or
// rewrites the file when the tests run with -update.
func Golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if bytes.Equal(got, want) {
		return
	}
	gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < len(gl) || i < len(wl); i++ {
		var g, w string
		if i < len(gl) {
			g = gl[i]
		}
		if i < len(wl) {
			w = wl[i]
		}
		if g != w || i >= len(gl) || i >= len(wl) {
			t.Fatalf("%s differs at line %d (run go test -update to accept):\n got: %q\nwant: %q", path, i+1, g, w)
		}
	}
}

// Sample is a small report of a major release: a breaking change placed in
// the base, an additive one reaching two endpoints whose message holds
// markup, a documentation change of the document.
func Sample() *report.Report {
	return &report.Report{
		Base: report.Spec{File: "base.yaml", Version: "1.4.2"}, Revision: report.Spec{File: "rev.yaml", Version: "1.5.0"},
		Policy: rules.Contract, Scheme: scheme.Semver, Bump: scheme.BumpMajor, NextVersion: "2.0.0",
		Summary: report.Summary{Breaking: 1, Additive: 1, NonContract: 1},
		Changes: []report.Change{
			{ID: "request-parameter-removed", Class: rules.Breaking, Operations: []string{"GET /books"}, Path: "/books",
				Message: "deleted the `query` request parameter `sort`", Source: &spec.Position{File: "base.yaml", Line: 3, Column: 9}},
			{ID: "response-optional-property-added", Class: rules.Additive, Operations: []string{"GET /a", "GET /b"},
				Message: "added <b>|x|</b>"},
			{ID: "documentation-changed", Class: rules.NonContract, Operations: []string{}, Message: "title changed at /info/title"},
		},
	}
}

// BenchDate is the release date of the benchmarks' reports.
var BenchDate = civil.Date{Year: 2026, Month: 11, Day: 22}

// BenchOptions are the options the benchmarks' reports are built with.
var BenchOptions = report.Options{Options: classify.Options{Policy: rules.Contract, Date: BenchDate}}

// Comparison is a compared pair, its changes not yet classified.
type Comparison struct {
	Base, Rev *spec.Document
	Changes   []finding.Change
}

// BenchComparisons compares the pairs the benchmarks run on: the testdata
// example and a generated pair of 300 resources (spectest.BenchPairs).
func BenchComparisons(b *testing.B) map[string]Comparison {
	b.Helper()
	pairs := spectest.BenchPairs(b)
	out := map[string]Comparison{}
	for _, name := range []string{"examples", "generated-json"} {
		var docs [2]*spec.Document
		for i, path := range pairs[name] {
			d, err := kinmodel.Load(source.ParseInput(path), source.LoadOptions{RefRoot: filepath.Dir(path)})
			if err != nil {
				b.Fatal(err)
			}
			docs[i] = d
		}
		changes, err := classify.Compare(docs[0], docs[1], classify.Options{})
		if err != nil {
			b.Fatal(err)
		}
		out[name] = Comparison{Base: docs[0], Rev: docs[1], Changes: changes}
	}
	return out
}

// Build classifies the comparison's changes and builds its report.
func (c Comparison) Build(opts report.Options) (*report.Report, error) {
	res, err := classify.Classify(c.Base, c.Rev, c.Changes, opts.Options)
	if err != nil {
		return nil, err
	}
	return report.Build(c.Base, c.Rev, res, opts)
}

// BenchReports builds the reports the printers' benchmarks write.
func BenchReports(b *testing.B) map[string]*report.Report {
	b.Helper()
	out := map[string]*report.Report{}
	for name, c := range BenchComparisons(b) {
		r, err := c.Build(BenchOptions)
		if err != nil {
			b.Fatal(err)
		}
		out[name] = r
	}
	return out
}
