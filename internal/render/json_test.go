package render

import (
	"bytes"
	"strings"
	"testing"
)

// WriteJSON gives the same bytes into a bytes.Buffer (encoded in place)
// as into any writer, keeps what the buffer held, and escapes hidden runes
// either way.
func TestWriteJSONInPlace(t *testing.T) {
	for _, v := range []any{
		map[string]string{"plain": "a <b> & c"},
		map[string]string{"hidden": "evil\u202eexe.txt", "zero": "a\u200bb"},
		[]string{},
	} {
		var plain strings.Builder
		if err := WriteJSON(&plain, v); err != nil {
			t.Fatal(err)
		}
		b := bytes.NewBufferString("before\n")
		if err := WriteJSON(b, v); err != nil {
			t.Fatal(err)
		}
		if got := b.String(); got != "before\n"+plain.String() {
			t.Errorf("%v: into a buffer\n%q\nwant\n%q", v, got, "before\n"+plain.String())
		}
		if strings.ContainsAny(plain.String(), "\u202e\u200b") {
			t.Errorf("%v: a hidden rune is left raw: %q", v, plain.String())
		}
	}
	var b bytes.Buffer
	if err := WriteJSON(&b, map[string]string{"hidden": "x\u202ey"}); err != nil || !strings.Contains(b.String(), `\u202e`) {
		t.Errorf("the hidden rune is not escaped in place: %q (%v)", b.String(), err)
	}
}
