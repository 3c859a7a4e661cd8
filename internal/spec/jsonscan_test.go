package spec

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// sameTree reports the first difference between two position trees.
func sameTree(a, b *Node, at string) error {
	switch {
	case a.Kind != b.Kind:
		return fmt.Errorf("%s: kind %d vs %d", at, a.Kind, b.Kind)
	case a.Value != b.Value:
		return fmt.Errorf("%s: value %q vs %q", at, a.Value, b.Value)
	case a.Pos != b.Pos || a.KeyPos != b.KeyPos || a.End != b.End:
		return fmt.Errorf("%s: positions %v %v %v vs %v %v %v", at, a.KeyPos, a.Pos, a.End, b.KeyPos, b.Pos, b.End)
	case len(a.Children) != len(b.Children) || len(a.Keys) != len(b.Keys):
		return fmt.Errorf("%s: %d/%d members vs %d/%d", at, len(a.Keys), len(a.Children), len(b.Keys), len(b.Children))
	case (a.Keys == nil) != (b.Keys == nil) || (a.Children == nil) != (b.Children == nil):
		return fmt.Errorf("%s: nil member lists differ", at)
	case (a.index == nil) != (b.index == nil) || len(a.index) != len(b.index):
		return fmt.Errorf("%s: index differs", at)
	}
	for k, i := range a.index {
		if j, ok := b.index[k]; !ok || i != j {
			return fmt.Errorf("%s: index[%q] differs", at, k)
		}
	}
	for i := range a.Children {
		tok := fmt.Sprint(i)
		if a.Kind == Object {
			if a.Keys[i] != b.Keys[i] {
				return fmt.Errorf("%s: key %q vs %q", at, a.Keys[i], b.Keys[i])
			}
			tok = a.Keys[i]
		}
		if err := sameTree(a.Children[i], b.Children[i], at+"/"+tok); err != nil {
			return err
		}
	}
	return nil
}

// checkScan parses data both ways. When scanJSON reads it, the YAML path
// must give the same tree; it returns whether scanJSON read it.
func checkScan(t testing.TB, name string, data []byte) bool {
	t.Helper()
	f := &File{Name: name, Format: formatOf(data)}
	fast := scanJSON(f, data)
	slow, err := parseYAMLTree(f, data)
	if fast == nil {
		return false
	}
	if err != nil {
		t.Fatalf("%s: scanJSON read it but the YAML path says: %v", name, err)
	}
	if err := sameTree(fast, slow.Root, ""); err != nil {
		t.Fatalf("%s: scanJSON and the YAML path differ at %v", name, err)
	}
	return true
}

// jsonFiles lists the JSON specs of the test corpus and, when present, of
// the shared corpus of real specs.
func jsonFiles(t *testing.T) []string {
	var out []string
	for _, dir := range []string{"../../testdata", "../../../shared/corpus"} { // the module's testdata, the shared corpus
		_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".json") && filepath.Base(p) != "diff.json" && filepath.Base(p) != "entry.json" {
				out = append(out, p)
			}
			return nil
		})
	}
	if len(out) == 0 {
		t.Fatal("no JSON specs found")
	}
	return out
}

func TestScanJSONMatchesYAMLPathOnSpecs(t *testing.T) {
	for _, p := range jsonFiles(t) {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		read := checkScan(t, p, data)
		valid := !strings.Contains(p, "bad-")
		if read != valid {
			t.Errorf("%s: scanJSON read it: %v, want %v", p, read, valid)
		}
	}
}

// scanCases are small documents on the edges of what scanJSON reads.
var scanCases = []string{
	`{"openapi":"3.0.0"}`,
	"{\n  \"openapi\": \"3.1.0\",\n  \"info\": {\"title\": \"t\", \"version\": \"1\"},\n  \"paths\": {}\n}\n",
	"\n\n   {\"openapi\":\"3.0.0\",  \"a\" :  [1, -2.5e+3, 0, -0, 1E400, 1e-400, 123456789012345678901234567890, true, false, null]}  \n\n",
	"{\"openapi\":\"3.0.0\",\"x\":\"esc \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\u0000 \\u20ac end\"}",
	"{\"openapi\":\"3.0.0\",\"emoji\":\"\\ud83d\\ude00 after\", \"next\": 1}",
	"{\"openapi\":\"3.0.0\",\"lone\":\"\\ud83d\"}",
	"{\"openapi\":\"3.0.0\",\"u\":\"héllo wörld € 😀\", \"after\": {\"k\": \"v\"}}",
	"{\"openapi\":\"3.0.0\",\n\t\"tab\":\t{\"k\":\t1}\n}",
	"\t{\"openapi\":\"3.0.0\"}",
	"{\"openapi\":\"3.0.0\"}\t",
	"{\"openapi\":\"3.0.0\",\r\n\"crlf\": 1}",
	"{\"openapi\":\"3.0.0\",\"ls\":\"a\u2028b\"}",
	"{\"openapi\":\"3.0.0\",\"nel\":\"a\u0085b\"}",
	"{\"openapi\":\"3.0.0\",\"bom\":\"a\ufeffb\"}",
	"{\"openapi\":\"3.0.0\",\"del\":\"a\u007fb\"}",
	"{\"openapi\":\"3.0.0\",\"key\"\n: 1}",
	"{\"openapi\":\"3.0.0\",\"dup\":1,\"dup\":2}",
	"{\"openapi\":\"3.0.0\",\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5,\"f\":6,\"g\":7,\"h\":8,\"i\":9,\"a\":10}",
	"{\"openapi\":\"3.0.0\",\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5,\"f\":6,\"g\":7,\"h\":8,\"i\":9}",
	"{\"openapi\":\"3.0.0\",\"multi\":\"line one\\nline two\\n\", \"after\": [\"x\"]}",
	"{\"openapi\":\"3.0.0\",\"a\":[1,2,],}",
	"{\"openapi\":\"3.0.0\" // comment\n}",
	"{\"openapi\":\"2.0\"}",
	"{\"swagger\":\"2.0\",\"info\":{}}",
	"{\"swagger\":\"3.0\"}",
	"{\"openapi\":{\"a\":1}}",
	"{\"title\":\"openapi\",\"x\":\"3.0.0\"}",
	"{\"title\":\"openapi\"}",
	"{\"asyncapi\":\"2.0.0\"}",
	"{\"nothing\":1}",
	"{}",
	"[{\"openapi\":\"3.0.0\"}]",
	"{\"openapi\":\"3.0.0\",\"deep\":" + strings.Repeat("[", 50) + strings.Repeat("]", 50) + "}",
	"{\"openapi\":\"3.0.0\",\"n\":01}",
	"{\"openapi\":\"3.0.0\",\"n\":1.}",
	"{\"openapi\":\"3.0.0\",\"n\":-}",
	"{\"openapi\":\"3.0.0\",\"n\":truex}",
	"{\"openapi\":\"3.0.0\",\"s\":\"ctl\x01\"}",
	"{\"openapi\":\"3.0.0\",\"s\":\"bad \\x escape\"}",
	"{\"openapi\":\"3.0.0\",\"long\":\"" + strings.Repeat("é", 3000) + "\", \"k\": {\"" + strings.Repeat("k", 2000) + "\": 1}}",
	"{\"openapi\":\"3.0.0\"} {}",
	"{\"openapi\":\"3.0.0\",\"esc\\/key\":\"v\\/w\", \"x\": \"\\\\/\"}",
	"{\"openapi\":\"3.0.0\",\"<<\":{\"a\":1}}",
	"{\"openapi\":\"3.0.0\",\"s\":\"# not a comment\", \"t\": \"--- ... & * ! | > ' % @ `\"}",
	"{\"openapi\":\"3.0.0\",\"s\":\"\\u2028\\u0085\\ufeff\"}",
}

func TestScanJSONEdges(t *testing.T) {
	for i, c := range scanCases {
		checkScan(t, fmt.Sprintf("case %d", i), []byte(c))
	}
	// The common shapes must take the fast path.
	for _, i := range []int{0, 1, 2, 3, 4, 6, 7, 18, 19, 42} {
		f := &File{Name: "x"}
		if scanJSON(f, []byte(scanCases[i])) == nil {
			t.Errorf("case %d: scanJSON declined %q", i, scanCases[i])
		}
	}
}

func FuzzScanJSON(f *testing.F) {
	for _, c := range scanCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<16 {
			return
		}
		// ParseFile checks these before either path.
		if len(strings.TrimSpace(string(data))) == 0 || !utf8.Valid(data) {
			return
		}
		checkScan(t, "fuzz", data)
	})
}
