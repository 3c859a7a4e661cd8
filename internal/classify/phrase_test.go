package classify_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apibump/apibump/internal/classify/classifytest"
	"github.com/apibump/apibump/internal/kinmodel"
	"github.com/apibump/apibump/internal/locale"
	"github.com/apibump/apibump/internal/source"
)

// TestPhraseMatchesMessage: over the corpus, every change's phrase reads as
// its message in each language, and names something of the specs.
func TestPhraseMatchesMessage(t *testing.T) {
	dirs, err := filepath.Glob("../../testdata/*")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, dir := range dirs {
		if strings.HasPrefix(filepath.Base(dir), "bad-") {
			continue // the bad-input cases
		}
		base, rev := filepath.Join(dir, "base.yaml"), filepath.Join(dir, "revision.yaml")
		if _, err := os.Stat(base); err != nil {
			continue
		}
		if _, err := os.Stat(rev); err != nil {
			continue
		}
		b, errB := kinmodel.Load(source.ParseInput(base), source.LoadOptions{})
		r, errR := kinmodel.Load(source.ParseInput(rev), source.LoadOptions{})
		if errB != nil || errR != nil {
			continue // the bad-input cases
		}
		for _, c := range classifytest.Compare(t, b, r) {
			for _, l := range []locale.Lang{locale.En, locale.Fr} {
				if got, want := c.Phrase(l).String(), c.Text(l); got != want {
					t.Errorf("%s: %s in %s: phrase %q, message %q", dir, c.ID, l, got, want)
				}
			}
			n++
		}
	}
	if n < 100 {
		t.Errorf("only %d changes checked", n)
	}
}
