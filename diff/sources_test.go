package diff

import (
	"reflect"
	"testing"

	odiff "github.com/oasdiff/oasdiff/diff"
	"github.com/oasdiff/oasdiff/load"
)

func TestOasdiffSourcesAsOasdiffBuildsThem(t *testing.T) {
	files := specFiles(t, 0) // the test corpus: oasdiff runs twice per pair
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
		if distinctTemplates(base.Spec) && distinctTemplates(rev.Spec) {
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
