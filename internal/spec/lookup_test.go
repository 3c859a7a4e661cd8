package spec_test

import (
	"path/filepath"
	"testing"

	"github.com/apibump/apibump/internal/source"
	"github.com/apibump/apibump/internal/spec"
	"github.com/apibump/apibump/internal/spec/spectest"
)

// Lookup resolves into the files a document has read, and reads none.
func TestLookup(t *testing.T) {
	dir := t.TempDir()
	spectest.Write(t, dir, "common.yaml", "Name: {type: string}\n")
	spectest.Write(t, dir, "other.yaml", "Other: {type: integer}\n")
	p := spectest.Write(t, dir, "spec.yaml", `openapi: 3.0.3
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    A: {$ref: "common.yaml#/Name"}
  examples:
    E: {value: {$ref: "other.yaml#/Other"}}
`)
	d, err := spec.Load(source.ParseInput(p), source.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if f, n, ok := d.Lookup(d.Root, "common.yaml#/Name"); !ok || n.Str("type") != "string" || filepath.Base(f.Key) != "common.yaml" {
		t.Errorf("Lookup into a file read: %v %v", n, ok)
	}
	if _, n, ok := d.Lookup(d.Root, "#/components/schemas/A"); !ok || n.Ref() == "" {
		t.Errorf("Lookup in the root: %v %v", n, ok)
	}
	if _, _, ok := d.Lookup(d.Root, "#/components/schemas/B"); ok {
		t.Error("Lookup found what is not there")
	}
	// other.yaml is named only inside an example's value: never read.
	if _, _, ok := d.Lookup(d.Root, "other.yaml#/Other"); ok {
		t.Error("Lookup read other.yaml")
	}
	if len(d.Files()) != 2 || len(d.ReadErrors()) != 0 {
		t.Errorf("%d files read, %d errors; want 2, 0", len(d.Files()), len(d.ReadErrors()))
	}
}

// A document made by WithRoots looks up in its own version of a file.
func TestLookupWithRoots(t *testing.T) {
	p := spectest.Write(t, t.TempDir(), "spec.yaml", "openapi: 3.0.3\ninfo: {title: t, version: \"1\"}\npaths: {}\ncomponents: {schemas: {A: {type: string}}}\n")
	d, err := spec.Load(source.ParseInput(p), source.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	root := d.Root.Root
	i := 0
	for root.Keys[i] != "components" {
		i++
	}
	keys := append(append([]string(nil), root.Keys[:i]...), root.Keys[i+1:]...)
	kids := append(append([]*spec.Node(nil), root.Children[:i]...), root.Children[i+1:]...)
	nd, err := d.WithRoots(map[string]*spec.Node{d.Root.Key: spec.NewObject(root, keys, kids)})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, ok := nd.Lookup(nd.Root, "#/components/schemas/A"); ok {
		t.Error("the new document looked up in the old root")
	}
	if _, _, ok := d.Lookup(d.Root, "#/components/schemas/A"); !ok {
		t.Error("the old document lost its component")
	}
}
