package normalize_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/apibump/apibump/internal/normalize"
	"github.com/apibump/apibump/internal/safefile/safefiletest"
	"github.com/apibump/apibump/internal/spec"
)

// A spec is hostile input: deep nesting, long $ref chains, cycles and merges
// that feed one another must cost time and memory linear in its size.

// hostileSpec is a 3.1 JSON spec whose response schema is body and whose
// components/schemas are schemas (JSON members, without braces).
func hostileSpec(body, schemas string) string {
	return `{"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
"paths": {"/a": {"get": {"responses": {"200": {"description": "ok",
"content": {"application/json": {"schema": ` + body + `}}}}}}},
"components": {"schemas": {` + schemas + `}}}`
}

// size is the number of distinct nodes of a tree and of their members.
func size(n *spec.Node, seen map[*spec.Node]bool) int {
	if seen[n] {
		return 0
	}
	seen[n] = true
	s := 1 + len(n.Children)
	for _, c := range n.Children {
		s += size(c, seen)
	}
	return s
}

// normalizeHostile normalises the spec, within a deadline far above what a
// linear pass needs, and checks the output is not much larger than the input.
func normalizeHostile(t *testing.T, text string) (*spec.Document, *spec.Document, []normalize.Rewrite) {
	t.Helper()
	d := load(t, write(t, t.TempDir(), "spec.json", text))
	var out *spec.Document
	var rw []normalize.Rewrite
	safefiletest.Within(t, 60*time.Second, func() {
		var err error
		out, rw, err = normalize.Document(d, normalize.Options{})
		if err != nil {
			t.Errorf("normalize: %v", err)
		}
	})
	if out == nil {
		t.FailNow()
	}
	in, got := size(d.Root.Root, map[*spec.Node]bool{}), size(out.Root.Root, map[*spec.Node]bool{})
	if got > 3*in+1<<17 {
		t.Errorf("the normalised tree has %d nodes and members, the input %d", got, in)
	}
	return d, out, rw
}

// 4000 nested schemas, each with a keyword its type ignores.
func TestHostileDeepNesting(t *testing.T) {
	const depth = 1500 // kin-openapi decodes nested schemas in quadratic time: 4000 takes 14 s to load
	body := strings.Repeat(`{"type": "object", "maxLength": 1, "properties": {"p": `, depth) + `{"type": "string"}` + strings.Repeat(`}}`, depth)
	_, out, rw := normalizeHostile(t, hostileSpec(body, ""))
	if len(rw) != depth {
		t.Errorf("%d rewrites, want %d", len(rw), depth)
	}
	deepest := ""
	for _, r := range rw {
		if p := r.Pointer(); len(p) > len(deepest) {
			deepest = p
		}
	}
	if strings.Count(deepest, "/properties/p") != depth-1 {
		t.Errorf("deepest rewrite at %.80s…", deepest)
	}
	if js(out.Root.Root) == "" {
		t.Errorf("no output")
	}
}

// A chain of 5000 $refs ends at the schema an allOf merges.
func TestHostileRefChain(t *testing.T) {
	const n = 2000
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, `"S%d": {"$ref": "#/components/schemas/S%d"}, `, i, i+1)
	}
	fmt.Fprintf(&b, `"S%d": {"type": "object", "properties": {"a": {"type": "string"}}}`, n)
	// Each of many schemas merges the head of the chain.
	var body strings.Builder
	body.WriteString(`{"type": "object", "properties": {`)
	for i := range 200 {
		if i > 0 {
			body.WriteString(", ")
		}
		fmt.Fprintf(&body, `"m%d": {"allOf": [{"$ref": "#/components/schemas/S0"}, {"properties": {"b%d": {"type": "integer"}}}]}`, i, i)
	}
	body.WriteString("}}")
	_, out, rw := normalizeHostile(t, hostileSpec(body.String(), b.String()))
	merged := 0
	for _, r := range rw {
		if r.Kind == normalize.AllOfMerged {
			merged++
		}
	}
	if merged != 200 {
		t.Errorf("%d merges, want 200", merged)
	}
	m := at(out, "/paths/~1a/get/responses/200/content/application~1json/schema/properties/m7")
	if js(m) != canon(`{"type":"object","properties":{"a":{"type":"string"},"b7":{"type":"integer"}}}`) {
		t.Errorf("m7 = %s", js(m))
	}
}

// Cycles of references through allOf stay cycles through allOf (a cycle of
// bare $refs is refused when the document is loaded)
// and the normalised document still loads.
func TestHostileCycles(t *testing.T) {
	schemas := `"A": {"allOf": [{"$ref": "#/components/schemas/B"}]},
"B": {"allOf": [{"$ref": "#/components/schemas/A"}]},
"D": {"allOf": [{"$ref": "#/components/schemas/E"}, {"properties": {"d": {"type": "string"}}}]},
"E": {"allOf": [{"$ref": "#/components/schemas/D"}, {"properties": {"e": {"type": "string"}}}]},
"F": {"type": "object", "properties": {"self": {"$ref": "#/components/schemas/F"}, "next": {"allOf": [{"$ref": "#/components/schemas/F"}, {"properties": {"x": {"type": "string"}}}]}}}`
	body := `{"oneOf": [{"$ref": "#/components/schemas/A"}, {"$ref": "#/components/schemas/D"}, {"$ref": "#/components/schemas/F"}]}`
	d, out, _ := normalizeHostile(t, hostileSpec(body, schemas))
	// A and B: one may become a $ref to the other, never both (a cycle of
	// bare $refs, which kin-openapi would not load).
	if strings.HasPrefix(js(at(out, "/components/schemas/A")), `{"$ref"`) == strings.HasPrefix(js(at(out, "/components/schemas/B")), `{"$ref"`) {
		t.Errorf("A = %s, B = %s", js(at(out, "/components/schemas/A")), js(at(out, "/components/schemas/B")))
	}
	for _, name := range []string{"D", "E"} {
		p := "/components/schemas/" + name
		if a, b := js(at(out, p)), js(at(d, p)); a != b {
			t.Errorf("%s rewritten: %s", name, a)
		}
	}
	// F's property next merges F itself, which is being normalised: kept.
	if got := js(at(out, "/components/schemas/F/properties/next")); !strings.Contains(got, "allOf") {
		t.Errorf("F/next = %s", got)
	}
}

// allOf merges that feed one another (each schema adds a property to the
// previous one): the merged properties grow with the chain, so a budget
// keeps the output linear in the input.
func TestHostileMergeChain(t *testing.T) {
	const n = 3000
	var b strings.Builder
	fmt.Fprintf(&b, `"S0": {"type": "object", "properties": {"p0": {"type": "string"}}}`)
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, `, "S%d": {"allOf": [{"$ref": "#/components/schemas/S%d"}, {"properties": {"p%d": {"type": "string"}}}]}`, i, i-1, i)
	}
	_, out, rw := normalizeHostile(t, hostileSpec(fmt.Sprintf(`{"$ref": "#/components/schemas/S%d"}`, n), b.String()))
	merged := 0
	for _, r := range rw {
		if r.Kind == normalize.AllOfMerged {
			merged++
		}
	}
	if merged == 0 || merged == n {
		t.Errorf("%d of %d merged: the budget should stop the chain part way", merged, n)
	}
	if got := js(at(out, "/components/schemas/S1")); got != canon(`{"type":"object","properties":{"p0":{"type":"string"},"p1":{"type":"string"}}}`) {
		t.Errorf("S1 = %s", got)
	}
}
