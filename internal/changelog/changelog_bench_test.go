package changelog_test

import (
	"io"
	"testing"

	"github.com/apibump/apibump/internal/changelog"
	"github.com/apibump/apibump/internal/config"
	"github.com/apibump/apibump/internal/report/reporttest"
)

// BenchmarkEntry makes a changelog entry and writes it in every `apibump changelog` format.
func BenchmarkEntry(b *testing.B) {
	reports := reporttest.BenchReports(b)
	opts := changelog.EntryOptions{Date: reporttest.BenchDate, Window: config.DefaultWindow, MaxLiveMajors: 2}
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
