package render

import (
	"bytes"
	"io"

	"go.yaml.in/yaml/v4"

	"github.com/apibump/apibump/internal/escape"
	"github.com/apibump/apibump/internal/report"
)

// writeYAML writes v as YAML: a string holding a hidden rune is
// double-quoted, where the rune is written as an escape, so no string can
// spread over lines (as a block scalar would) or hold raw controls.
func writeYAML(w io.Writer, v any) error {
	var n yaml.Node
	if err := n.Encode(v); err != nil {
		return err
	}
	escape.QuoteYAML(&n)
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(&n); err != nil {
		return err
	}
	_, err := w.Write(escape.YAML(b.Bytes()))
	return err
}

// renderYAML writes the report as YAML, the JSON contract's fields.
func renderYAML(b *bytes.Buffer, r *report.Report, _ RenderOptions) error {
	return writeYAML(b, r)
}
