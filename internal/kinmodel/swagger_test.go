package kinmodel

import (
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/getkin/kin-openapi/openapi2"
	"github.com/getkin/kin-openapi/openapi2conv"

	"github.com/apibump/apibump/internal/spec/spectest"
	"github.com/apibump/apibump/internal/upstream"
)

// TestSwaggerConversionIsKins converts every Swagger 2.0 spec of the corpus
// (and deep and chained ones) with upstream.SwaggerToV3 and with openapi2conv's
// ToV3WithLoader, and compares the models.
func TestSwaggerConversionIsKins(t *testing.T) {
	dir := t.TempDir()
	chain := `{"swagger":"2.0","info":{"title":"t","version":"1"},"parameters":{"P":{"name":"p","in":"query","type":"string"},"B":{"name":"b","in":"body","schema":{"$ref":"#/definitions/S0"}}},
"responses":{"R":{"description":"r","schema":{"$ref":"#/definitions/S1"}}},
"paths":{"/u":{"post":{"consumes":["multipart/form-data"],"parameters":[{"name":"f","in":"formData","type":"file"}],"responses":{"204":{"description":"none"}}}},"/c":{"parameters":[{"$ref":"#/parameters/P"}],"post":{"parameters":[{"$ref":"#/parameters/B"}],"responses":{"200":{"$ref":"#/responses/R"},"201":{"description":"ok","schema":{"$ref":"#/definitions/S0"}}}}}},
"definitions":{"S0":{"$ref":"#/definitions/S1"},"S1":{"$ref":"#/definitions/S2"},"S2":{"type":"object","properties":{"id":{"type":"string"},"self":{"$ref":"#/definitions/S0"}}}}}`
	p := filepath.Join(dir, "chain.json")
	if err := os.WriteFile(p, []byte(chain), 0o644); err != nil {
		t.Fatal(err)
	}
	files := append(append(spectest.Files(t, 8<<20), deepSpecs(t)...), p)
	n := 0
	for _, f := range files {
		doc, err := loadDoc(f)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if !doc.Swagger {
			continue
		}
		n++
		location := &url.URL{Path: doc.Root.Key}
		var a, b openapi2.T
		for _, d := range []*openapi2.T{&a, &b} {
			if err := json.Unmarshal(doc.kinJSON(doc.Root, doc.sanitizedRoot()), d); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
		}
		want, err := openapi2conv.ToV3WithLoader(&a, doc.newLoader(), location)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		got, err := upstream.SwaggerToV3(&b, doc.newLoader(), location)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if d := modelDiff(want, got); d != "" {
			t.Errorf("%s: another model than ToV3WithLoader's, at %s", f, d)
		}
	}
	if n < 3 {
		t.Errorf("only %d Swagger specs compared", n)
	}
}
