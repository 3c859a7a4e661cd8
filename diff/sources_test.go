package diff

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	odiff "github.com/oasdiff/oasdiff/diff"
	"github.com/oasdiff/oasdiff/load"
)

func TestOasdiffSourcesAsOasdiffBuildsThem(t *testing.T) {
	files := specFiles(t, 0) // the test corpus: oasdiff runs twice per pair
	// Paths Paths.Find takes for one: with other methods (GitHub's
	// attestations), with the same method (oasdiff refuses the duplicate;
	// with x-since-date it keeps one, in map order).
	dir := t.TempDir()
	for name, paths := range map[string]string{
		"disjoint.yaml": "/a/{x}: {get: {responses: {'200': {description: ok}}}}\n  /a/{y}: {delete: {responses: {'204': {description: ok}}}}",
		"shared.yaml":   "/a/{x}: {get: {responses: {'200': {description: ok}}}}\n  /a/{y}: {get: {responses: {'204': {description: ok}}}}",
	} {
		p := filepath.Join(dir, name)
		text := "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  " + paths + "\n"
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, p, p)
	}
	docs := map[string]*Document{}
	for _, p := range files {
		if d, err := Load(ParseInput(p), LoadOptions{}); err == nil {
			docs[p] = d
		}
	}
	direct := 0
	for i := 0; i+1 < len(files); i += 2 {
		base, rev := docs[files[i]], docs[files[i+1]]
		if base == nil || rev == nil {
			continue
		}
		s1 := &load.SpecInfo{Url: base.Name(), Spec: base.Spec}
		s2 := &load.SpecInfo{Url: rev.Name(), Spec: rev.Spec}
		_, want, err1 := odiff.GetWithOperationsSourcesMap(odiff.NewConfig(), s1, s2)
		_, got, err2 := oasdiffReport(odiff.NewConfig(), s1, s2)
		if (err1 == nil) != (err2 == nil) {
			t.Fatalf("%s: errors %v and %v", files[i], err1, err2)
		}
		if !reflect.DeepEqual(want, got) {
			t.Errorf("%s: the sources differ", files[i])
		}
		if free := mergeFree(base.Spec); filepath.Base(files[i]) == "disjoint.yaml" && !free || filepath.Base(files[i]) == "shared.yaml" && free {
			t.Errorf("%s: mergeFree says %v", files[i], free)
		}
		if mergeFree(base.Spec) && mergeFree(rev.Spec) {
			direct++
		}
	}
	if direct < 10 {
		t.Errorf("only %d pairs built the sources directly", direct)
	}
}

func TestFindTemplate(t *testing.T) {
	for _, c := range [][2]string{
		{"/a/{id}/b", "/a/{x}/b"},
		{"/a/{id*}", "/a/{}"},
		{"/a/{x{y}", "/a/{}"},
		{"/a/{unclosed", "/a/{"},
	} {
		if findTemplate(c[0]) != findTemplate(c[1]) {
			t.Errorf("%q and %q should match", c[0], c[1])
		}
	}
	for _, c := range [][2]string{
		{"/a/{id}", "/a/{id}/"},
		{"/a/{x}", "/a/x"},
		{"/a/{", "/a/{}"},
	} {
		if findTemplate(c[0]) == findTemplate(c[1]) {
			t.Errorf("%q and %q should differ", c[0], c[1])
		}
	}
}
