// Package spectest holds what the tests of loading and comparing specs
// share: writing a spec to disk, and the specs of the test corpus (the
// module's testdata and, when present, the shared corpus of real specs).
package spectest

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/apibump/apibump/bench/specgen"
)

// Write creates dir/name with text (making directories) and returns its path.
func Write(t testing.TB, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// ModuleRoot returns the directory of the module's go.mod, found from the
// working directory upwards.
func ModuleRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal(errors.New("no go.mod above the working directory"))
		}
		dir = parent
	}
}

// Testdata is the module's testdata directory.
func Testdata(t testing.TB) string { return filepath.Join(ModuleRoot(t), "testdata") }

// OasdiffData is the data/ directory of the oasdiff module apibump
// requires (a large corpus of edge cases), or "" when it cannot be found.
func OasdiffData(t testing.TB) string {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/oasdiff/oasdiff").Output()
	if err != nil {
		return ""
	}
	dir := filepath.Join(strings.TrimSpace(string(out)), "data")
	if _, err := os.Stat(dir); err != nil {
		return ""
	}
	return dir
}

// OasdiffFiles lists the spec files (.yaml, .yml, .json) under OasdiffData,
// or none when it cannot be found.
func OasdiffFiles(t testing.TB) []string {
	t.Helper()
	data := OasdiffData(t)
	if data == "" {
		return nil
	}
	var out []string
	_ = filepath.WalkDir(data, func(p string, e os.DirEntry, err error) error {
		switch filepath.Ext(p) {
		case ".yaml", ".yml", ".json":
			if err == nil && !e.IsDir() {
				out = append(out, p)
			}
		}
		return nil
	})
	return out
}

// Corpus is the shared corpus of real specs, beside the module's
// directory; it may be absent.
func Corpus(t testing.TB) string {
	return filepath.Join(filepath.Dir(ModuleRoot(t)), "shared", "corpus")
}

// Files lists the root documents of the test corpus (base.* and
// revision.*, or the files case.yaml names) and, when present, of the
// shared corpus of real specs (pairs.tsv) up to maxSize bytes (none with
// -short), base and revision one after the other.
func Files(t testing.TB, maxSize int64) []string {
	t.Helper()
	var out []string
	cases, _ := filepath.Glob(filepath.Join(Testdata(t), "*", "case.yaml"))
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
	corpus := Corpus(t)
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

// BenchPairs are the spec pairs the benchmarks run on: the hand-written
// example of testdata, and generated pairs of 300 resources (about 1.5 MB
// of JSON each side) in JSON and YAML.
func BenchPairs(b *testing.B) map[string][2]string {
	b.Helper()
	examples := filepath.Join(Testdata(b), "examples")
	pairs := map[string][2]string{
		"examples": {filepath.Join(examples, "base.yaml"), filepath.Join(examples, "revision.yaml")},
	}
	for _, ext := range []string{"json", "yaml"} {
		dir := b.TempDir()
		base, rev, err := specgen.WritePair(dir, 300, ext)
		if err != nil {
			b.Fatal(err)
		}
		pairs["generated-"+ext] = [2]string{base, rev}
	}
	return pairs
}

// LineOf returns line n (1-based) of text.
func LineOf(t testing.TB, text string, n int) string {
	t.Helper()
	lines := strings.Split(text, "\n")
	if n < 1 || n > len(lines) {
		t.Fatalf("line %d is outside the text (%d lines)", n, len(lines))
	}
	return lines[n-1]
}
