package prune_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apibump/apibump/bench/specgen"
	"github.com/apibump/apibump/internal/classify"
	"github.com/apibump/apibump/internal/prune"
	"github.com/apibump/apibump/internal/source"
	"github.com/apibump/apibump/internal/spec"
)

// cycleDoc is a document whose GET /ring returns R0, each Ri a $ref chain
// link to R(i+1) through a property and R(n-1) back to R0, and whose
// GET /other returns a string (its maxLength set by other). mark puts a
// description on Rm (none when negative).
func cycleDoc(n, mark, other int) []byte {
	var b strings.Builder
	b.WriteString(`{"openapi":"3.0.3","info":{"title":"ring","version":"1.0.0"},"paths":{`)
	b.WriteString(`"/ring":{"get":{"responses":{"200":{"description":"ok","content":{"application/json":{"schema":{"$ref":"#/components/schemas/R0"}}}}}}},`)
	fmt.Fprintf(&b, `"/other":{"get":{"responses":{"200":{"description":"ok","content":{"application/json":{"schema":{"type":"string","maxLength":%d}}}}}}}},`, other)
	b.WriteString(`"components":{"schemas":{`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		desc := ""
		if i == mark {
			desc = `"description":"marked",`
		}
		fmt.Fprintf(&b, `"R%d":{%s"type":"object","properties":{"next":{"$ref":"#/components/schemas/R%d"}}}`, i, desc, (i+1)%n)
	}
	b.WriteString(`}}}`)
	return []byte(b.String())
}

// TestHostile: deep schemas, long $ref chains and a long cycle of $refs are
// reduced as the full comparison reads them, and a cycle hashes by what it
// holds, wherever it is entered.
func TestHostile(t *testing.T) {
	const n = 1500
	// The full comparison of a cycle of $refs costs more than the square of
	// its length (oasdiff's diff: 300 links 2.3 s of CPU, 600 links 11 s),
	// so the cycles compared both ways are shorter; TestLongChainIndex
	// hashes a long one.
	const c = 150
	cases := []struct {
		name       string
		base, rev  []byte
		kept       int // revision operations kept
		components int // components kept, -1: not checked
	}{
		{"deep unchanged", specgen.Deep(n, specgen.NestMixed, false), specgen.Deep(n, specgen.NestMixed, false), 0, 0},
		{"deep changed", specgen.Deep(n, specgen.NestMixed, false), specgen.Deep(n, specgen.NestMixed, true), 1, -1},
		{"chain unchanged", specgen.Chain(n, false), specgen.Chain(n, false), 0, 0},
		{"chain changed", specgen.Chain(n, false), specgen.Chain(n, true), 1, n + 1},
		{"ref nest changed", specgen.RefNest(n, false), specgen.RefNest(n, true), 1, n + 1},
		{"cycle unchanged, another operation changed", cycleDoc(c, -1, 10), cycleDoc(c, -1, 20), 1, 0},
		{"cycle changed", cycleDoc(c, -1, 10), cycleDoc(c, c/2, 10), 1, c},
		{"cycle changed at its entry", cycleDoc(c, -1, 10), cycleDoc(c, 0, 10), 1, c},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			base, rev := filepath.Join(dir, "base.json"), filepath.Join(dir, "revision.json")
			if err := os.WriteFile(base, tc.base, 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(rev, tc.rev, 0o644); err != nil {
				t.Fatal(err)
			}
			full, red := runFull(base, rev, source.LoadOptions{}, classify.Options{}), runReduced(base, rev, source.LoadOptions{}, classify.Options{}, false)
			if d := sameOutcome(full, red); d != "" {
				t.Errorf("the reduced comparison differs:\n%s", d)
			}
			if red.stats.Kept[1] != tc.kept {
				t.Errorf("kept %d operations, want %d", red.stats.Kept[1], tc.kept)
			}
			if tc.components >= 0 && red.stats.KeptComponents != tc.components {
				t.Errorf("kept %d components, want %d", red.stats.KeptComponents, tc.components)
			}
		})
	}
}

// TestLongChainIndex: a chain of 200,000 $refs and a cycle of as many are
// hashed (no recursion on the chain; the comparison itself is left out).
func TestLongChainIndex(t *testing.T) {
	if testing.Short() {
		t.Skip("large documents")
	}
	const n = 200_000
	dir := t.TempDir()
	for _, tc := range []struct {
		name      string
		base, rev []byte
		kept      int
	}{
		{"chain", specgen.Chain(n, false), specgen.Chain(n, true), n + 1},
		{"cycle", cycleDoc(n, -1, 10), cycleDoc(n, 7, 10), n},
	} {
		base, rev := filepath.Join(dir, tc.name+"-base.json"), filepath.Join(dir, tc.name+"-revision.json")
		if err := os.WriteFile(base, tc.base, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(rev, tc.rev, 0o644); err != nil {
			t.Fatal(err)
		}
		var docs [2]*spec.Document
		for i, p := range []string{base, rev} {
			d, err := spec.Load(source.ParseInput(p), source.LoadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			docs[i] = d
		}
		_, st, err := prune.Roots(docs[0], docs[1])
		if err != nil {
			t.Fatal(err)
		}
		if st.KeptComponents != tc.kept || st.Kept[1] != 1 {
			t.Errorf("%s: kept %d components and %d operations, want %d and 1", tc.name, st.KeptComponents, st.Kept[1], tc.kept)
		}
	}
}
