package diff_test

import (
	"path/filepath"
	"testing"

	"github.com/apibump/apibump/bench/specgen"
	"github.com/apibump/apibump/internal/diff"
)

// benchPairs are the spec pairs the benchmarks run on: the hand-written
// example of testdata, and generated pairs of 300 resources (about 1.5 MB
// of JSON each side) in JSON and YAML.
func benchPairs(b *testing.B) map[string][2]string {
	b.Helper()
	pairs := map[string][2]string{
		"examples": {"../../testdata/examples/base.yaml", "../../testdata/examples/revision.yaml"},
	}
	for _, ext := range []string{"json", "yaml"} {
		dir := b.TempDir()
		base, rev, err := specgen.WritePair(dir, 300, ext)
		if err != nil {
			b.Fatal(err)
		}
		pairs["generated-"+ext] = [2]string{base, rev}
	}
	return pairs
}

func loadPair(b *testing.B, p [2]string) (*diff.Document, *diff.Document) {
	b.Helper()
	var docs [2]*diff.Document
	for i, path := range p {
		d, err := diff.Load(diff.ParseInput(path), diff.LoadOptions{RefRoot: filepath.Dir(path)})
		if err != nil {
			b.Fatal(err)
		}
		docs[i] = d
	}
	return docs[0], docs[1]
}

// BenchmarkLoad parses a revision and builds its kin-openapi model with origins.
func BenchmarkLoad(b *testing.B) {
	for _, name := range []string{"examples", "generated-json", "generated-yaml"} {
		p := benchPairs(b)[name]
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := diff.Load(diff.ParseInput(p[1]), diff.LoadOptions{RefRoot: filepath.Dir(p[1])}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCompare runs oasdiff's diff and checker and the tree comparison on loaded documents.
func BenchmarkCompare(b *testing.B) {
	pairs := benchPairs(b)
	for _, name := range []string{"examples", "generated-json"} {
		base, rev := loadPair(b, pairs[name])
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := diff.Compare(base, rev, diff.Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
