package classify_test

import (
	"path/filepath"
	"testing"

	"github.com/apibump/apibump/internal/classify"
	"github.com/apibump/apibump/internal/classify/classifytest"
	"github.com/apibump/apibump/internal/source"
	"github.com/apibump/apibump/internal/spec/spectest"
)

// BenchmarkCompare runs oasdiff's diff and checker and the tree comparison on loaded documents.
func BenchmarkCompare(b *testing.B) {
	pairs := spectest.BenchPairs(b)
	for _, name := range []string{"examples", "generated-json"} {
		p := pairs[name]
		base := classifytest.Load(b, p[0], source.LoadOptions{RefRoot: filepath.Dir(p[0])})
		rev := classifytest.Load(b, p[1], source.LoadOptions{RefRoot: filepath.Dir(p[1])})
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := classify.Compare(base, rev, classify.Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
