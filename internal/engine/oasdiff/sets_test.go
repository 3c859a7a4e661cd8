package oasdiff

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cloud.google.com/go/civil"
	"github.com/apibump/apibump/internal/kinmodel"
	"github.com/apibump/apibump/internal/source"
	"github.com/apibump/apibump/internal/spec"
)

// TestSetMessagesIgnoreDeclaredOrder: the same types listed in another order
// are the same set, and oasdiff's message names them the same way.
func TestSetMessagesIgnoreDeclaredOrder(t *testing.T) {
	const doc = `openapi: 3.0.0
info: {title: t, version: 1.0.0}
paths:
  /test:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                value: %s
      responses:
        "200": {description: ok}
`
	dir := t.TempDir()
	load := func(name, schema string) *spec.Document {
		t.Helper()
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(strings.Replace(doc, "%s", schema, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
		d, err := kinmodel.Load(source.ParseInput(path), source.LoadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	base := load("base.yaml", "{type: string}")
	var messages []string
	for _, types := range []string{"[string, number, boolean]", "[string, boolean, number]"} {
		schema := "{anyOf: [" + strings.Join(func() []string {
			var out []string
			for _, ty := range strings.Split(strings.Trim(types, "[]"), ", ") {
				out = append(out, "{type: "+ty+"}")
			}
			return out
		}(), ", ") + "]}"
		changes, err := Run(base, load("revision.yaml", schema), civil.Date{})
		if err != nil {
			t.Fatal(err)
		}
		var msgs []string
		for _, c := range changes {
			msgs = append(msgs, c.ID+": "+c.Message)
		}
		messages = append(messages, strings.Join(msgs, "\n"))
	}
	if messages[0] != messages[1] {
		t.Errorf("the same set of types gives two messages:\n%s\n%s", messages[0], messages[1])
	}
	if !strings.Contains(messages[0], "`boolean and number`") {
		t.Errorf("the types are not named in order:\n%s", messages[0])
	}
}
