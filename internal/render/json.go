package render

import (
	"bytes"
	"encoding/json"
	"io"

	"github.com/apibump/apibump/internal/escape"
	"github.com/apibump/apibump/internal/report"
)

// WriteJSON writes v as indented JSON (HTML characters as they are) whose
// hidden runes are escaped (escape.JSON): apibump's JSON outputs.
func WriteJSON(w io.Writer, v any) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(escape.JSON(b.Bytes()))
	return err
}

// renderJSON writes the report as JSON, apibump's stable contract.
func renderJSON(b *bytes.Buffer, r *report.Report, _ RenderOptions) error {
	return WriteJSON(b, r)
}
