package kinmodel_test

import (
	"testing"

	"github.com/apibump/apibump/internal/kinmodel"
	"github.com/apibump/apibump/internal/source"
	"github.com/apibump/apibump/internal/spec"
	"github.com/apibump/apibump/internal/spec/spectest"
)

// spec.Load reads info.version from the tree as Build reads it from the
// model (a document compared reduced has no model of its own): on every
// spec of the test corpus, and on the unusual forms.
func TestTreeVersionIsKins(t *testing.T) {
	files := spectest.Files(t, 4<<20)
	dir := t.TempDir()
	var crafted []string
	for i, v := range []string{`"1.2.0"`, `1.10`, `3`, `true`, `null`, `{$ref: "v.yaml#/v"}`, `{$ref: "v.yaml#/n"}`, `""`} {
		spectest.Write(t, dir, "v.yaml", "v: 2.0.1\nn: 7\n")
		crafted = append(crafted, spectest.Write(t, dir, "s"+string(rune('a'+i))+".yaml",
			"openapi: 3.0.3\ninfo:\n  title: t\n  version: "+v+"\npaths: {}\n"))
	}
	n := 0
	for i, p := range append(crafted, files...) {
		in := source.ParseInput(p)
		bare, err := spec.Load(in, source.LoadOptions{})
		if err == nil {
			tree := bare.Version
			if err = kinmodel.Build(bare); err == nil && tree != bare.Version {
				t.Errorf("%s: version %q from the tree, %q from the model", p, tree, bare.Version)
			}
		}
		if err != nil {
			if i < len(crafted) {
				t.Errorf("%s: %v", p, err)
			}
			continue
		}
		n++
	}
	if n < 100 {
		t.Errorf("only %d specs", n)
	}
}
