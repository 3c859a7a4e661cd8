package normalize_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apibump/apibump/internal/classify"
	"github.com/apibump/apibump/internal/diff"
	"github.com/apibump/apibump/internal/normalize"
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

func load(t *testing.T, path string) *diff.Document {
	t.Helper()
	d, err := diff.Load(diff.ParseInput(path), diff.LoadOptions{})
	if err != nil {
		t.Fatalf("Load %s: %v", path, err)
	}
	return d
}

// loadText loads a one-file spec.
func loadText(t *testing.T, text string) *diff.Document {
	t.Helper()
	return load(t, write(t, t.TempDir(), "spec.yaml", text))
}

func normalized(t *testing.T, d *diff.Document) (*diff.Document, []normalize.Rewrite) {
	t.Helper()
	out, rw, err := normalize.Document(d, normalize.Options{})
	if err != nil {
		t.Fatalf("normalize %s: %v", d.Name(), err)
	}
	return out, rw
}

// js is a node as compact JSON, object keys sorted.
func js(n *diff.Node) string {
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
func at(d *diff.Document, pointer string) *diff.Node {
	return d.Root.Root.At(pointer)
}

func compareDocs(t *testing.T, base, rev *diff.Document) []diff.Change {
	t.Helper()
	cs, err := diff.Compare(base, rev, diff.Options{})
	if err != nil {
		t.Fatalf("Compare: %v", err)
	}
	return cs
}

// breaking lists the changes that are breaking under the compatible policy
// (and under contract when contract is set).
func breaking(cs []diff.Change, contract bool) []diff.Change {
	var out []diff.Change
	for _, c := range cs {
		r, ok := classify.Lookup(c.ID)
		if !ok || r.Compatible == classify.Breaking || contract && r.Contract == classify.Breaking {
			out = append(out, c)
		}
	}
	return out
}

func describe(cs []diff.Change) string {
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
