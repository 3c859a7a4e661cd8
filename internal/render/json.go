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
//
// Into a bytes.Buffer (every renderer's) the JSON is encoded in place and
// rewritten only when it holds a hidden rune: a report of a big comparison
// (Stripe's 2023 pair: 170 MB) is not held twice more on the way.
func WriteJSON(w io.Writer, v any) error {
	b, direct := w.(*bytes.Buffer)
	if !direct {
		b = new(bytes.Buffer)
	}
	start := b.Len()
	enc := json.NewEncoder(b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		b.Truncate(start)
		return err
	}
	out := b.Bytes()[start:]
	if esc := escape.JSON(out); len(out) > 0 && (len(esc) != len(out) || &esc[0] != &out[0]) {
		b.Truncate(start)
		b.Write(esc)
	}
	if direct {
		return nil
	}
	_, err := w.Write(b.Bytes())
	return err
}

// renderJSON writes the report as JSON, apibump's stable contract.
func renderJSON(b *bytes.Buffer, r *report.Report, _ RenderOptions) error {
	return WriteJSON(b, r)
}
