package upstream

import (
	"slices"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	odiff "github.com/oasdiff/oasdiff/diff"
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
	if n := SortSets(r); n != 5 {
		t.Errorf("SortSets sorted %d lists, want 5", n)
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
	if SortSets(r) != 0 {
		t.Error("sorted lists sorted again")
	}
	if SortSets((*odiff.Diff)(nil)) != 0 {
		t.Error("a nil report has no lists")
	}
}
