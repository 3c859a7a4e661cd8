package classify_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apibump/apibump/bench/specgen"
	"github.com/apibump/apibump/internal/classify/classifytest"
	"github.com/apibump/apibump/internal/finding"
	"github.com/apibump/apibump/internal/source"
	"github.com/apibump/apibump/internal/spec/spectest"
)

// comparePairJSON writes the two documents as JSON files and compares them.
func comparePairJSON(t *testing.T, base, rev []byte) []finding.Change {
	t.Helper()
	dir := t.TempDir()
	b := classifytest.Load(t, spectest.Write(t, dir, "base.json", string(base)), source.LoadOptions{})
	r := classifytest.Load(t, spectest.Write(t, dir, "revision.json", string(rev)), source.LoadOptions{})
	return classifytest.Compare(t, b, r)
}

// TestDeepAndChainedSchemas compares the hostile shapes of bench/depth.sh at
// sizes a test affords: each must give the one change at its bottom, found
// by oasdiff's rule within 100 levels and by the tree comparison beyond,
// named by the field table (schema-type-changed). An allOf of one member
// is that member once normalised: 90 (or 3000) of them are the leaf
// itself. A ring of $refs larger than upstream.MaxRing is cut before
// oasdiff reads it, and the tree comparison reports what lies inside.
// (Their cost is measured by bench/depth.sh, not here.)
func TestDeepAndChainedSchemas(t *testing.T) {
	tests := []struct {
		name      string
		base, rev []byte
		id        string
		op        string
	}{
		{"properties 80 deep", specgen.Deep(80, specgen.NestProperties, false), specgen.Deep(80, specgen.NestProperties, true), "response-property-type-changed", "GET /deep"},
		{"items 90 deep", specgen.Deep(90, specgen.NestItems, false), specgen.Deep(90, specgen.NestItems, true), "response-property-type-changed", "GET /deep"},
		{"allOf 90 deep", specgen.Deep(90, specgen.NestAllOf, false), specgen.Deep(90, specgen.NestAllOf, true), "response-body-type-changed", "GET /deep"},
		{"mixed 500 deep", specgen.Deep(500, specgen.NestMixed, false), specgen.Deep(500, specgen.NestMixed, true), "schema-type-changed", "GET /deep"},
		{"chain of 2000", specgen.Chain(2000, false), specgen.Chain(2000, true), "response-property-type-changed", "GET /chain"},
		{"nested 60 through $refs", specgen.RefNest(60, false), specgen.RefNest(60, true), "response-property-type-changed", "GET /nest"},
		{"nested 400 through $refs", specgen.RefNest(400, false), specgen.RefNest(400, true), "schema-type-changed", "GET /nest"},
		{"allOf 3000 deep", specgen.Deep(3000, specgen.NestAllOf, false), specgen.Deep(3000, specgen.NestAllOf, true), "response-body-type-changed", "GET /deep"},
		{"ring of 50 $refs", specgen.Ring(50, false), specgen.Ring(50, true), "response-property-type-changed", "GET /ring"},
		{"ring of 300 $refs", specgen.Ring(300, false), specgen.Ring(300, true), "schema-type-changed", "GET /ring"},
		{"two $refs to the next, 60 deep", specgen.Fork(60, false), specgen.Fork(60, true), "response-property-type-changed", "GET /fork"},
		{"two $refs to the next, 300 deep", specgen.Fork(300, false), specgen.Fork(300, true), "schema-type-changed", "GET /fork"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs := comparePairJSON(t, tt.base, tt.rev)
			if len(cs) != 1 || cs[0].ID != tt.id {
				t.Fatalf("changes %v, want one %s:%s", ids(cs), tt.id, classifytest.Describe(cs))
			}
			if c := cs[0]; len(c.Operations) != 1 || c.Operations[0] != tt.op || c.Source == nil || filepath.Base(c.Source.File) != "revision.json" {
				t.Errorf("operations %v, source %v; want %s, in revision.json", c.Operations, c.Source, tt.op)
			}
			if tt.id == "schema-type-changed" && !strings.Contains(cs[0].Pointer, "type") {
				t.Errorf("pointer %q, want the leaf's type", cs[0].Pointer)
			}
		})
	}
	// One side deep, the other empty: the operation is added.
	cs := comparePairJSON(t, specgen.Deep(0, specgen.NestProperties, false), specgen.Deep(600, specgen.NestMixed, false))
	if len(cs) == 0 {
		t.Errorf("a 600-deep schema against none: no change")
	}
}

// TestRingsOfDifferentLengths: a ring of n $ref targets against the same
// ring with one more inserted (each within upstream.MaxRing) pairs every
// base target with every revision target, a ring of n(n+1) pairs: cut
// before oasdiff reads it (engine/oasdiff's TestCutRings counts the cuts),
// and the tree comparison follows a target into a few pairs only, so the
// findings (id removed from the base's last schema, added to the
// revision's) grow with n, not n²: doubling n at most doubles what they
// take to write, and they take less than the documents. Without that, the
// places of the tree's differences grew with the walk of the pairs: 79
// findings at 40 against 41, some over 3,000 levels deep, 159 at 80
// against 81.
func TestRingsOfDifferentLengths(t *testing.T) {
	words := map[int]int{}
	for _, n := range []int{40, 80} {
		base, rev := specgen.Ring(n, false), specgen.Ring(n+1, false)
		cs := comparePairJSON(t, base, rev)
		got := map[string]bool{}
		for _, c := range cs {
			got[c.ID] = true
		}
		if len(cs) > 20 || !got["schema-property-removed"] || !got["schema-property-added"] {
			t.Fatalf("%d: changes %v, want id removed and added, in at most 20:%s", n, ids(cs), classifytest.Describe(cs))
		}
		words[n] = len(classifytest.Describe(cs))
		if size := len(base) + len(rev); words[n] > size {
			t.Errorf("%d: the findings take %d bytes for documents of %d:%s", n, words[n], size, classifytest.Describe(cs))
		}
	}
	if words[80] > 2*words[40]+1000 {
		t.Errorf("the findings take %d bytes at 40, %d at 80", words[40], words[80])
	}
}

// TestSchemaReferencedFromManyOperations: one component of many properties
// referenced by many operations, one property changed: one finding listing
// every operation (kin-openapi walked the component once per reference).
func TestSchemaReferencedFromManyOperations(t *testing.T) {
	doc := func(changed bool) string {
		var b strings.Builder
		b.WriteString(`{"openapi":"3.0.3","info":{"title":"t","version":"1.0.0"},"paths":{`)
		for i := range 300 {
			if i > 0 {
				b.WriteString(",")
			}
			fmt.Fprintf(&b, `"/r%d":{"get":{"responses":{"200":{"description":"ok","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Big"}}}}}}}`, i)
		}
		b.WriteString(`},"components":{"schemas":{"Big":{"type":"object","properties":{`)
		for i := range 300 {
			if i > 0 {
				b.WriteString(",")
			}
			typ := "string"
			if changed && i == 7 {
				typ = "integer"
			}
			fmt.Fprintf(&b, `"p%d":{"type":%q}`, i, typ)
		}
		b.WriteString(`}}}}}`)
		return b.String()
	}
	cs := comparePairJSON(t, []byte(doc(false)), []byte(doc(true)))
	if len(cs) != 1 || cs[0].ID != "response-property-type-changed" || len(cs[0].Operations) != 300 {
		t.Fatalf("changes %v, want one response-property-type-changed on 300 operations:%s", ids(cs), classifytest.Describe(cs))
	}
}
