package report_test

import (
	"testing"

	"github.com/apibump/apibump/internal/report/reporttest"
)

// BenchmarkBuild classifies the changes of a comparison and computes the
// bump and next version, on the testdata example and on a generated pair of
// 300 resources.
func BenchmarkBuild(b *testing.B) {
	comparisons := reporttest.BenchComparisons(b)
	for _, name := range []string{"examples", "generated-json"} {
		c := comparisons[name]
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := c.Build(reporttest.BenchOptions); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
