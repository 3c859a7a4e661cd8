package kinmodel_test

import (
	"path/filepath"
	"testing"

	"github.com/apibump/apibump/internal/kinmodel"
	"github.com/apibump/apibump/internal/source"
	"github.com/apibump/apibump/internal/spec/spectest"
)

// BenchmarkLoad parses a revision and builds its kin-openapi model with origins.
func BenchmarkLoad(b *testing.B) {
	for _, name := range []string{"examples", "generated-json", "generated-yaml"} {
		p := spectest.BenchPairs(b)[name]
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := kinmodel.Load(source.ParseInput(p[1]), source.LoadOptions{RefRoot: filepath.Dir(p[1])}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
