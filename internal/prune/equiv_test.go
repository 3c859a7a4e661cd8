package prune_test

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/apibump/apibump/internal/classify"
	"github.com/apibump/apibump/internal/comparison"
	"github.com/apibump/apibump/internal/finding"
	"github.com/apibump/apibump/internal/locale"
	"github.com/apibump/apibump/internal/prune"
	"github.com/apibump/apibump/internal/source"
	"github.com/apibump/apibump/internal/spec"
	"github.com/apibump/apibump/internal/spec/spectest"
)

// found is what the equivalence compares of a change: everything a
// report shows of it.
type found struct {
	ID, Message, French, Pointer, Level string
	Operations                          []string
	Source                              string
	Side                                finding.Side
}

func findings(cs []finding.Change) []found {
	out := make([]found, len(cs))
	for i, c := range cs {
		out[i] = found{ID: c.ID, Message: c.Message, French: c.Text(locale.Fr), Pointer: c.Pointer, Level: c.Level,
			Operations: c.Operations, Source: c.Source.String(), Side: c.Side}
	}
	return out
}

// outcome is the result of one comparison: its findings, or the error.
type outcome struct {
	findings []found
	err      string
	stats    prune.Stats
}

// runFull loads and compares the documents whole, as the commands did
// before the reduction: spec.Load, classify.Compare.
func runFull(base, rev string, lo source.LoadOptions, co classify.Options) outcome {
	docs, err := loadBoth(base, rev, lo, spec.Load)
	if err != nil {
		return outcome{err: err.Error()}
	}
	cs, err := classify.Compare(docs[0], docs[1], co)
	if err != nil {
		return outcome{err: err.Error()}
	}
	return outcome{findings: findings(cs)}
}

// runReduced loads and compares the documents as the commands do:
// comparison.Load, comparison.Compare (with --no-prune when full).
func runReduced(base, rev string, lo source.LoadOptions, co classify.Options, full bool) outcome {
	docs, err := loadBoth(base, rev, lo, comparison.Load)
	if err != nil {
		return outcome{err: err.Error()}
	}
	cs, st, err := comparison.Compare(docs[0], docs[1], comparison.Options{Full: full, Classify: co})
	if err != nil {
		return outcome{err: err.Error(), stats: st}
	}
	return outcome{findings: findings(cs), stats: st}
}

// configured is the comparison with GitHub's x-webhooks configured as
// webhooks (the webhooks setting), so that the reduction is checked where
// an extension is compared as operations.
var configured = classify.Options{Webhooks: []string{"x-webhooks"}}

func loadBoth(base, rev string, lo source.LoadOptions, load func(source.Input, source.LoadOptions) (*spec.Document, error)) ([2]*spec.Document, error) {
	var docs [2]*spec.Document
	for i, p := range []string{base, rev} {
		d, err := load(source.ParseInput(p), lo)
		if err != nil {
			return docs, err
		}
		docs[i] = d
	}
	return docs, nil
}

// sameOutcome compares the full and the reduced comparison of a pair and
// says how they differ.
func sameOutcome(full, red outcome) string {
	if full.err != "" || red.err != "" {
		// The files' tokens (numbered as loaded) show in oasdiff's errors.
		if tokenRe.ReplaceAllString(full.err, "apibump-file-N") == tokenRe.ReplaceAllString(red.err, "apibump-file-N") {
			return ""
		}
		return fmt.Sprintf("full: %s\nreduced: %s", orOK(full.err), orOK(red.err))
	}
	if reflect.DeepEqual(full.findings, red.findings) {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d findings in full, %d reduced (%+v)\n", len(full.findings), len(red.findings), red.stats)
	inRed := map[string]int{}
	for _, f := range red.findings {
		inRed[fmt.Sprintf("%+v", f)]++
	}
	inFull := map[string]int{}
	for _, f := range full.findings {
		k := fmt.Sprintf("%+v", f)
		inFull[k]++
		if inRed[k] == 0 {
			fmt.Fprintf(&b, "  only full:    %s\n", k)
		} else {
			inRed[k]--
		}
	}
	for _, f := range red.findings {
		k := fmt.Sprintf("%+v", f)
		if inFull[k] == 0 {
			fmt.Fprintf(&b, "  only reduced: %s\n", k)
		} else {
			inFull[k]--
		}
	}
	if b.Len() == 0 {
		b.WriteString("the same findings in another order")
	}
	return b.String()
}

var tokenRe = regexp.MustCompile(`apibump-file-[0-9]+`)

func orOK(s string) string {
	if s == "" {
		return "no error"
	}
	return s
}

// caseFiles returns the base and revision of a testdata case, as its
// case.yaml names them (or base.*, revision.*).
func caseFiles(t *testing.T, dir string) (string, string, bool) {
	data, err := os.ReadFile(filepath.Join(dir, "case.yaml"))
	if err != nil {
		return "", "", false
	}
	var c struct{ Base, Revision string }
	if err := yaml.Unmarshal(data, &c); err != nil {
		t.Fatalf("%s: %v", dir, err)
	}
	find := func(given, name string) string {
		if given != "" {
			return given
		}
		for _, ext := range []string{".yaml", ".yml", ".json"} {
			if _, err := os.Stat(filepath.Join(dir, name+ext)); err == nil {
				return name + ext
			}
		}
		return name + ".yaml"
	}
	return find(c.Base, "base"), find(c.Revision, "revision"), true
}

// TestEquivalentOnCases: on every testdata case, the reduced comparison
// finds what the full one finds (or fails the same way).
func TestEquivalentOnCases(t *testing.T) {
	root, err := filepath.Abs("../../testdata")
	if err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	n, pruned := 0, 0
	for _, e := range entries {
		dir := filepath.Join(root, e.Name())
		base, rev, ok := caseFiles(t, dir)
		if !ok {
			continue
		}
		n++
		t.Run(e.Name(), func(t *testing.T) {
			t.Chdir(dir)
			lo := source.LoadOptions{}
			full, red := runFull(base, rev, lo, classify.Options{}), runReduced(base, rev, lo, classify.Options{}, false)
			if d := sameOutcome(full, red); d != "" {
				t.Errorf("the reduced comparison differs:\n%s", d)
			}
			if d := sameOutcome(full, runReduced(base, rev, lo, classify.Options{}, true)); d != "" {
				t.Errorf("the comparison with --no-prune differs:\n%s", d)
			}
			if red.stats.Pruned {
				pruned++
			}
			if d := sameOutcome(runFull(base, rev, lo, configured), runReduced(base, rev, lo, configured, false)); d != "" {
				t.Errorf("with x-webhooks configured, the reduced comparison differs:\n%s", d)
			}
		})
	}
	if n < 40 {
		t.Errorf("only %d cases, want at least 40", n)
	}
	t.Logf("%d cases, %d with something dropped", n, pruned)
	if pruned < 10 {
		t.Errorf("only %d cases had anything dropped: the reduction is not exercised", pruned)
	}
}

// TestEquivalentOnCorpus: the same on every pair of the shared corpus.
func TestEquivalentOnCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("the corpus pairs take a while")
	}
	dir := os.Getenv("APIBUMP_CORPUS")
	if dir == "" {
		dir = "/work/shared/corpus"
	}
	f, err := os.Open(filepath.Join(dir, "pairs.tsv"))
	if err != nil {
		t.Skipf("no corpus: %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Scan() // header
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 3 {
			continue
		}
		name := cols[0]
		t.Run(name, func(t *testing.T) {
			base, rev := filepath.Join(dir, name, cols[1]), filepath.Join(dir, name, cols[2])
			lo := source.LoadOptions{}
			full, red := runFull(base, rev, lo, classify.Options{}), runReduced(base, rev, lo, classify.Options{}, false)
			if d := sameOutcome(full, red); d != "" {
				t.Errorf("the reduced comparison differs:\n%s", d)
			}
			t.Logf("%d findings; %+v", len(full.findings), red.stats)
			if !red.stats.Pruned || !mentions(base, "x-webhooks") {
				return // nothing else to compare
			}
			if d := sameOutcome(runFull(base, rev, lo, configured), runReduced(base, rev, lo, configured, false)); d != "" {
				t.Errorf("with x-webhooks configured, the reduced comparison differs:\n%s", d)
			}
		})
	}
}

// oasdiffData is the data/ directory of the oasdiff module apibump requires.
func oasdiffData(t *testing.T) string {
	dir := spectest.OasdiffData(t)
	if dir == "" {
		t.Skip("oasdiff's data directory is not found")
	}
	return dir
}

// TestEquivalentOnOasdiffData: the same on every pair of oasdiff's own
// test data (testdata/oasdiff-pairs.tsv, from oasdiff's tests; see its
// header).
func TestEquivalentOnOasdiffData(t *testing.T) {
	if testing.Short() {
		t.Skip("about 500 pairs")
	}
	data := oasdiffData(t)
	f, err := os.Open("testdata/oasdiff-pairs.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n, pruned, failed := 0, 0, 0
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		n++
		t.Run(cols[0]+"→"+cols[1], func(t *testing.T) {
			base, rev := filepath.Join(data, cols[0]), filepath.Join(data, cols[1])
			lo := source.LoadOptions{RefRoot: data}
			full, red := runFull(base, rev, lo, classify.Options{}), runReduced(base, rev, lo, classify.Options{}, false)
			if d := sameOutcome(full, red); d != "" {
				t.Errorf("the reduced comparison differs:\n%s", d)
			}
			if red.stats.Pruned {
				pruned++
			}
			if full.err != "" {
				failed++
			}
		})
	}
	t.Logf("%d pairs, %d with something dropped, %d that fail to load or compare (both ways alike)", n, pruned, failed)
	if n < 400 {
		t.Errorf("only %d pairs", n)
	}
}

// mentions tells whether the file at path holds s (a cheap test before a
// second comparison of a large pair).
func mentions(path, s string) bool {
	data, err := os.ReadFile(path)
	return err == nil && strings.Contains(string(data), s)
}
