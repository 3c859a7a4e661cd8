package diff_test

import (
	"path/filepath"
	"testing"

	"github.com/apibump/apibump/diff"
)

// Loaded without its model, a document says what it is as a loaded one
// does, and builds the same model later: on every spec of testdata/.
func TestSkipModel(t *testing.T) {
	specs, err := filepath.Glob("../testdata/*/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	json, _ := filepath.Glob("../testdata/*/*.json")
	specs = append(specs, json...)
	n := 0
	for _, p := range specs {
		if filepath.Base(p) == "case.yaml" || filepath.Base(p) == "diff.json" {
			continue
		}
		whole, werr := diff.Load(diff.ParseInput(p), diff.LoadOptions{})
		bare, berr := diff.Load(diff.ParseInput(p), diff.LoadOptions{SkipModel: true})
		if berr != nil {
			if werr == nil {
				t.Errorf("%s: refused without its model (%v), loaded with it", p, berr)
			}
			continue
		}
		if bare.Spec != nil {
			t.Errorf("%s: a model was built", p)
		}
		if err := bare.Build(); (err == nil) != (werr == nil) || err != nil && err.Error() != werr.Error() {
			t.Errorf("%s: Build: %v; Load: %v", p, err, werr)
			continue
		}
		if werr != nil {
			continue
		}
		n++
		if bare.Version != whole.Version || bare.Dialect != whole.Dialect || bare.Swagger != whole.Swagger {
			t.Errorf("%s: %q %q %v without the model, %q %q %v with it", p, bare.Version, bare.Dialect, bare.Swagger, whole.Version, whole.Dialect, whole.Swagger)
		}
		if bare.Spec == nil || len(bare.Spec.Paths.Map()) != len(whole.Spec.Paths.Map()) {
			t.Errorf("%s: Build made another model", p)
		}
	}
	if n < 100 {
		t.Errorf("only %d specs", n)
	}
}

// Lookup resolves into the files a document has read, and reads none.
func TestLookup(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"common.yaml": "Name: {type: string}\n",
		"other.yaml":  "Other: {type: integer}\n",
		"spec.yaml": `openapi: 3.0.3
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    A: {$ref: "common.yaml#/Name"}
  examples:
    E: {value: {$ref: "other.yaml#/Other"}}
`,
	} {
		write(t, dir, name, body)
	}
	d, err := diff.Load(diff.ParseInput(filepath.Join(dir, "spec.yaml")), diff.LoadOptions{SkipModel: true})
	if err != nil {
		t.Fatal(err)
	}
	if f, n, ok := d.Lookup(d.Root, "common.yaml#/Name"); !ok || n.Str("type") != "string" || filepath.Base(f.Key) != "common.yaml" {
		t.Errorf("Lookup into a file read: %v %v", n, ok)
	}
	if _, n, ok := d.Lookup(d.Root, "#/components/schemas/A"); !ok || n.Ref() == "" {
		t.Errorf("Lookup in the root: %v %v", n, ok)
	}
	// other.yaml is named only inside an example's value: never read.
	if _, _, ok := d.Lookup(d.Root, "other.yaml#/Other"); ok {
		t.Error("Lookup read other.yaml")
	}
	if len(d.Files()) != 2 {
		t.Errorf("%d files read, want 2", len(d.Files()))
	}
	if err := d.Build(); err != nil {
		t.Errorf("Build after Lookup: %v", err)
	}
}
