package kinmodel

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apibump/apibump/internal/source"
	"github.com/apibump/apibump/internal/spec/spectest"
)

// loadDoc loads a spec with its model, for the tests of the steps that
// build it.
func loadDoc(path string) (*document, error) {
	d, err := Load(source.ParseInput(path), source.LoadOptions{})
	if err != nil {
		return nil, err
	}
	return &document{d}, nil
}

func TestSplitLoadIsTheSameModel(t *testing.T) {
	files := spectest.Files(t, 64<<20)
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
		doc, err := loadDoc(p)
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
