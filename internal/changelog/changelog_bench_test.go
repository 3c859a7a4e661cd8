package changelog_test

import (
	"io"
	"path/filepath"
	"testing"
	"time"

	"github.com/apibump/apibump/bench/specgen"
	"github.com/apibump/apibump/internal/changelog"
	"github.com/apibump/apibump/internal/classify"
	"github.com/apibump/apibump/internal/kinmodel"
	"github.com/apibump/apibump/internal/report"
	"github.com/apibump/apibump/internal/rules"
	"github.com/apibump/apibump/internal/source"
	"github.com/apibump/apibump/internal/spec"
)

// benchReports builds the reports the render benchmarks write: the testdata
// example and a generated pair of 300 resources.
func benchReports(b *testing.B) map[string]*report.Report {
	b.Helper()
	pairs := map[string][2]string{"examples": {"../../testdata/examples/base.yaml", "../../testdata/examples/revision.yaml"}}
	base, rev, err := specgen.WritePair(b.TempDir(), 300, "json")
	if err != nil {
		b.Fatal(err)
	}
	pairs["generated-json"] = [2]string{base, rev}
	out := map[string]*report.Report{}
	for name, p := range pairs {
		var docs [2]*spec.Document
		for i, path := range p {
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
		copts := classify.Options{Policy: rules.Contract, Date: benchDate}
		res, err := classify.Classify(docs[0], docs[1], changes, copts)
		if err != nil {
			b.Fatal(err)
		}
		r, err := report.Build(docs[0], docs[1], res, report.Options{Options: copts})
		if err != nil {
			b.Fatal(err)
		}
		out[name] = r
	}
	return out
}

var benchDate = time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)

// BenchmarkRender writes a comparison report in every `apibump diff` format.
func BenchmarkRender(b *testing.B) {
	reports := benchReports(b)
	for _, name := range []string{"examples", "generated-json"} {
		for _, f := range []changelog.Format{changelog.Text, changelog.JSON, changelog.YAML, changelog.Markdown, changelog.GitHub, changelog.JUnit, changelog.SARIF} {
			b.Run(name+"/"+string(f), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if err := changelog.Render(io.Discard, reports[name], f, changelog.RenderOptions{}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkEntry makes a changelog entry and writes it in every `apibump changelog` format.
func BenchmarkEntry(b *testing.B) {
	reports := benchReports(b)
	opts := changelog.EntryOptions{Date: benchDate, Window: changelog.DefaultWindow, MaxLiveMajors: 2}
	for _, name := range []string{"examples", "generated-json"} {
		for _, f := range []changelog.EntryFormat{changelog.EntryMarkdown, changelog.EntryJSON, changelog.EntryHTML} {
			b.Run(name+"/"+string(f), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					e := changelog.NewEntry(reports[name], opts)
					if err := changelog.RenderEntry(io.Discard, e, f); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
