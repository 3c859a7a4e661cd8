package oasdiff

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	odiff "github.com/oasdiff/oasdiff/diff"

	"github.com/apibump/apibump/internal/kinmodel"
	"github.com/apibump/apibump/internal/source"
	"github.com/apibump/apibump/internal/spec"
)

// TestSortSets: every list of names of the report is sorted, wherever it
// is held (a field, a map value, a struct held by value in a map, a cycle
// of schema differences); the documents the report points at are not.
func TestSortSets(t *testing.T) {
	shared := []string{"z", "a"}
	cyclic := &odiff.SchemaDiff{ListOfTypesDiff: &odiff.ListOfTypesDiff{Added: []string{"number", "boolean"}}}
	cyclic.PropertiesDiff = &odiff.SchemasDiff{Modified: odiff.ModifiedSchemasMap{"self": cyclic}}
	security := openapi3.SecurityRequirements{{"b": {"write", "read"}}, {"a": {}}}
	r := &odiff.Diff{
		PathsDiff: &odiff.PathsDiff{Added: []string{"/b", "/a"}, Deleted: shared},
		ComponentsDiff: &odiff.ComponentsDiff{SchemasDiff: &odiff.SchemasDiff{
			Modified: odiff.ModifiedSchemasMap{"Pet": cyclic, "Dep": {
				DependentRequiredDiff: &odiff.DependentRequiredDiff{Added: map[string][]string{"k": {"y", "x"}}},
				RequiredDiff:          &odiff.RequiredPropertiesDiff{StringsDiff: odiff.StringsDiff{Deleted: []string{"b", "a"}}},
			}},
		}},
		SecurityContext: &odiff.SecurityContext{Base: security},
	}
	if n := sortSets(r); n != 5 {
		t.Errorf("sortSets sorted %d lists, want 5", n)
	}
	for what, got := range map[string][]string{
		"paths added":        r.PathsDiff.Added,
		"paths deleted":      r.PathsDiff.Deleted,
		"list of types":      cyclic.ListOfTypesDiff.Added,
		"dependent required": r.ComponentsDiff.SchemasDiff.Modified["Dep"].DependentRequiredDiff.Added["k"],
		"required":           r.ComponentsDiff.SchemasDiff.Modified["Dep"].RequiredDiff.Deleted,
	} {
		if !slices.IsSorted(got) {
			t.Errorf("%s: %q, not sorted", what, got)
		}
	}
	if shared[0] != "z" {
		t.Errorf("the list was sorted where it lies (%q): a copy must be", shared)
	}
	if got := security[0]["b"]; got[0] != "write" {
		t.Errorf("a document's list was sorted: %q", got)
	}
	if sortSets(r) != 0 {
		t.Error("sorted lists sorted again")
	}
	if sortSets((*odiff.Diff)(nil)) != 0 {
		t.Error("a nil report has no lists")
	}
}

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
		changes, err := Run(base, load("revision.yaml", schema))
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
