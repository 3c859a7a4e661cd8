package diff

import (
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// specFiles lists the root documents of the test corpus (base.* and
// revision.*, or the files case.yaml names) and, when present, of the
// shared corpus of real specs (pairs.tsv) up to maxSize bytes (none with
// -short), base and revision one after the other.
func specFiles(t *testing.T, maxSize int64) []string {
	var out []string
	cases, _ := filepath.Glob("../../testdata/*/case.yaml")
	for _, c := range cases {
		dir := filepath.Dir(c)
		if strings.HasPrefix(filepath.Base(dir), "bad-") {
			continue
		}
		text, err := os.ReadFile(c)
		if err != nil {
			t.Fatal(err)
		}
		for _, side := range []string{"base", "revision"} {
			if m := regexp.MustCompile(`(?m)^` + side + `:\s*"?([^"\s]+)`).FindSubmatch(text); m != nil {
				out = append(out, filepath.Join(dir, string(m[1])))
				continue
			}
			if ms, _ := filepath.Glob(filepath.Join(dir, side+".*")); len(ms) > 0 {
				out = append(out, ms[0])
			}
		}
	}
	const corpus = "../../../shared/corpus"
	if tsv, err := os.ReadFile(filepath.Join(corpus, "pairs.tsv")); err == nil && maxSize > 0 && !testing.Short() {
		for _, line := range strings.Split(string(tsv), "\n")[1:] {
			f := strings.Split(line, "\t")
			if len(f) < 3 {
				continue
			}
			base, rev := filepath.Join(corpus, f[0], f[1]), filepath.Join(corpus, f[0], f[2])
			if size(base) <= maxSize && size(rev) <= maxSize {
				out = append(out, base, rev)
			}
		}
	}
	return out
}

func size(path string) int64 {
	st, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return st.Size()
}

func TestSplitLoadIsTheSameModel(t *testing.T) {
	files := specFiles(t, 64<<20)
	for _, extra := range []string{os.Getenv("APIBUMP_SPLIT_SPECS")} {
		if extra != "" {
			files = append(files, strings.Split(extra, ",")...)
		}
	}
	// Numbers kin-openapi re-encodes as float64 inside path items, numbers
	// it decodes as written in components, extensions at every level.
	dir := t.TempDir()
	odd := filepath.Join(dir, "odd.json")
	if err := os.WriteFile(odd, []byte(`{"openapi":"3.0.3","info":{"title":"t","version":"1"},"x-top":{"n":1.50},
	"paths":{"x-p":{"a":[1e2]},"/a":{"x-i":2.0,"get":{"parameters":[{"name":"q","in":"query","schema":{"type":"string","maxLength":5.0,"minLength":1e1,"default":"<&>\u2028"}}],
	"responses":{"200":{"description":"ok","content":{"application/json":{"schema":{"$ref":"#/components/schemas/S"},"example":{"big":12345678901234567890,"small":1e-7,"neg":-0.0}}}}}}}},
	"components":{"x-c":[0.1],"schemas":{"S":{"type":"array","maxItems":10,"items":{"type":"number","minimum":-1.5e300}}},"parameters":{}},
	"webhooks":{"w":{"post":{"responses":{"204":{"description":"none"}}}}}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	files = append(files, odd)
	if len(files) < 20 {
		t.Fatalf("only %d specs found", len(files))
	}
	files = append(files, deepSpecs(t)...)
	defer func(every int) { cutEvery = every }(cutEvery)
	split := 0
	for _, p := range files {
		doc, err := Load(ParseInput(p), LoadOptions{})
		if err != nil || doc.Swagger {
			continue
		}
		location := &url.URL{Path: doc.Root.Key}
		whole, err := doc.newLoader().LoadFromDataWithPath(doc.kinJSON(doc.Root, doc.sanitizedRoot()), location)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		for _, every := range []int{16, 1} {
			cutEvery = every
			parts, err := doc.loadSplit(location, doc.sanitizedRoot())
			if err != nil {
				t.Errorf("%s, cut every %d: the split load: %v", p, every, err)
				continue
			}
			split++
			if d := modelDiff(whole, parts); d != "" {
				t.Errorf("%s, cut every %d: the split load gives another model, at %s", p, every, d)
			}
			one, err := doc.loadWhole(location, doc.sanitizedRoot())
			if err != nil {
				t.Errorf("%s, cut every %d: the whole load: %v", p, every, err)
				continue
			}
			if d := modelDiff(whole, one); d != "" {
				t.Errorf("%s, cut every %d: the whole load gives another model, at %s", p, every, d)
			}
		}
	}
	t.Logf("%d loads compared", split)
}
