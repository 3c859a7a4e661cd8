package spec

import (
	"math/rand/v2"
	"testing"
)

// TestPathTemplateIsTheRegexpReplacement: PathTemplate gives what
// replacing pathParamRe's matches by "{}" gives, on chosen paths and on
// random strings over the bytes that matter.
func TestPathTemplateIsTheRegexpReplacement(t *testing.T) {
	want := func(p string) string { return pathParamRe.ReplaceAllString(p, "{}") }
	paths := []string{"", "/", "/books", "/books/{id}", "/books/{id}/pages/{n}", "{}", "{", "}", "}{",
		"/a/{b", "/a/{b}/{c", "/a/{{b}}", "/a/{b{c}d}", "/{a}{b}", "/x/{é}/ü", "/{a\n}/{}"}
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte("{}/a\n")
	for range 20000 {
		b := make([]byte, r.IntN(12))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		paths = append(paths, string(b))
	}
	for _, p := range paths {
		if got, w := PathTemplate(p), want(p); got != w {
			t.Fatalf("PathTemplate(%q) = %q, the regexp gives %q", p, got, w)
		}
	}
}
