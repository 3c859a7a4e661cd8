package render_test

import (
	"io"
	"testing"

	"github.com/apibump/apibump/internal/render"
	"github.com/apibump/apibump/internal/report/reporttest"
)

// BenchmarkRender writes a comparison report in every `apibump diff` format.
func BenchmarkRender(b *testing.B) {
	reports := reporttest.BenchReports(b)
	for _, name := range []string{"examples", "generated-json"} {
		for _, f := range []render.Format{render.Text, render.JSON, render.YAML, render.Markdown, render.GitHub, render.JUnit, render.SARIF} {
			b.Run(name+"/"+string(f), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if err := render.Render(io.Discard, reports[name], f, render.RenderOptions{}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
