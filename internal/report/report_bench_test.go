package report_test

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/apibump/apibump/bench/specgen"
	"github.com/apibump/apibump/internal/classify"
	"github.com/apibump/apibump/internal/kinmodel"
	"github.com/apibump/apibump/internal/report"
	"github.com/apibump/apibump/internal/rules"
	"github.com/apibump/apibump/internal/source"
	"github.com/apibump/apibump/internal/spec"
)

// BenchmarkBuild classifies the changes of a comparison and computes the
// bump and next version, on the testdata example and on a generated pair of
// 300 resources.
func BenchmarkBuild(b *testing.B) {
	pairs := map[string][2]string{"examples": {"../../testdata/examples/base.yaml", "../../testdata/examples/revision.yaml"}}
	base, rev, err := specgen.WritePair(b.TempDir(), 300, "json")
	if err != nil {
		b.Fatal(err)
	}
	pairs["generated-json"] = [2]string{base, rev}
	opts := report.Options{Options: classify.Options{Policy: rules.Contract, Date: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)}}
	for _, name := range []string{"examples", "generated-json"} {
		var docs [2]*spec.Document
		for i, p := range pairs[name] {
			d, err := kinmodel.Load(source.ParseInput(p), source.LoadOptions{RefRoot: filepath.Dir(p)})
			if err != nil {
				b.Fatal(err)
			}
			docs[i] = d
		}
		changes, err := classify.Compare(docs[0], docs[1], classify.Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				res, err := classify.Classify(docs[0], docs[1], changes, opts.Options)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := report.Build(docs[0], docs[1], res, opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
