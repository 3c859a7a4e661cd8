package normalize_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apibump/apibump/internal/classify"
	"github.com/apibump/apibump/internal/finding"
	"github.com/apibump/apibump/internal/kinmodel"
	"github.com/apibump/apibump/internal/normalize"
	"github.com/apibump/apibump/internal/rules"
	"github.com/apibump/apibump/internal/source"
	"github.com/apibump/apibump/internal/spec"
)

// write creates dir/name with text and returns its path.
func write(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func load(t *testing.T, path string) *spec.Document {
	t.Helper()
	d, err := kinmodel.Load(source.ParseInput(path), source.LoadOptions{})
	if err != nil {
		t.Fatalf("Load %s: %v", path, err)
	}
	return d
}

// loadText loads a one-file spec.
func loadText(t *testing.T, text string) *spec.Document {
	t.Helper()
	return load(t, write(t, t.TempDir(), "spec.yaml", text))
}

func normalized(t *testing.T, d *spec.Document) (*spec.Document, []normalize.Rewrite) {
	t.Helper()
	out, rw, err := normalize.Document(d, normalize.Options{})
	if err != nil {
		t.Fatalf("normalize %s: %v", d.Name(), err)
	}
	return out, rw
}

// js is a node as compact JSON, object keys sorted.
func js(n *spec.Node) string {
	if n == nil {
		return "<absent>"
	}
	var v any
	if err := json.Unmarshal(n.AppendJSON(nil), &v); err != nil {
		return "<" + err.Error() + ">"
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// at is the node at a JSON pointer of the document's root file.
func at(d *spec.Document, pointer string) *spec.Node {
	return d.Root.Root.At(pointer)
}

// compareDocs compares two documents as apibump does: normalised.
func compareDocs(t *testing.T, base, rev *spec.Document) []finding.Change {
	t.Helper()
	cs, err := classify.Compare(base, rev, classify.Options{})
	if err != nil {
		t.Fatalf("Compare: %v", err)
	}
	return cs
}

// compareAsWritten compares two documents without any rewrite.
func compareAsWritten(t *testing.T, base, rev *spec.Document) []finding.Change {
	t.Helper()
	skip := map[normalize.Kind]bool{}
	for _, k := range normalize.Kinds {
		skip[k] = true
	}
	cs, err := classify.Compare(base, rev, classify.Options{Skip: skip})
	if err != nil {
		t.Fatalf("Compare: %v", err)
	}
	return cs
}

// breaking lists the changes that are breaking under the compatible policy
// (and under contract when contract is set).
func breaking(cs []finding.Change, contract bool) []finding.Change {
	var out []finding.Change
	for _, c := range cs {
		if c.ClassUnder(rules.Compatible) == rules.Breaking || contract && c.ClassUnder(rules.Contract) == rules.Breaking {
			out = append(out, c)
		}
	}
	return out
}

func describe(cs []finding.Change) string {
	var b strings.Builder
	for _, c := range cs {
		fmt.Fprintf(&b, "\n  %s %v %s %s: %s", c.ID, c.Operations, c.Pointer, c.Source, c.Message)
	}
	return b.String()
}

func kinds(rw []normalize.Rewrite) string {
	var b strings.Builder
	for _, r := range rw {
		fmt.Fprintf(&b, "\n  %s %s %s (%s)", r.Kind, r.File().Name, r.Pointer(), r.Detail)
	}
	return b.String()
}

// canon is JSON text with object keys sorted.
func canon(s string) string {
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		return "<" + err.Error() + ">"
	}
	b, _ := json.Marshal(v)
	return string(b)
}
