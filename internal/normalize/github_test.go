package normalize_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/apibump/apibump/internal/finding"
	"github.com/apibump/apibump/internal/normalize"
)

// githubDir holds GitHub's REST description of several releases
// (bench/ fetches them); the test is skipped when they are absent.
var githubDir = filepath.Join(os.Getenv("HOME"), ".cache", "apibump-bench", "github")

// GitHub 22.0.0 → 23.0.0 rewrote 92 `$ref: X` as `allOf: [{$ref: X}, {...}]`
// adding optional properties; oasdiff reads each as the removal of every
// required property of X (survey 3.1). Normalised, the allOf is merged and
// none is left, while the comparison still runs and finds the rest.
func TestGitHubAllOfRewrites(t *testing.T) {
	if testing.Short() {
		t.Skip("large documents")
	}
	basePath := filepath.Join(githubDir, "22.0.0", "api.github.com.json")
	revPath := filepath.Join(githubDir, "23.0.0", "api.github.com.json")
	for _, p := range []string{basePath, revPath} {
		if _, err := os.Stat(p); err != nil {
			t.Skipf("%s is absent", p)
		}
	}
	base, rev := load(t, basePath), load(t, revPath)
	count := func(cs []finding.Change, id string) int {
		n := 0
		for _, c := range cs {
			if c.ID == id {
				n++
			}
		}
		return n
	}
	raw := compareAsWritten(t, base, rev)
	_, rwb := normalized(t, base)
	_, rwr := normalized(t, rev)
	norm := compareDocs(t, base, rev)
	merged := 0
	for _, r := range rwr {
		if r.Kind == normalize.AllOfMerged {
			merged++
		}
	}
	const id = "response-required-property-removed"
	t.Logf("%s: %d before, %d after; changes %d before, %d after; rewrites base %d, revision %d (%d allOf merged)",
		id, count(raw, id), count(norm, id), len(raw), len(norm), len(rwb), len(rwr), merged)
	if count(raw, id) == 0 {
		t.Fatalf("the raw comparison has no %s: the documents are not the ones the survey read", id)
	}
	if n := count(norm, id); n != 0 {
		var left []finding.Change
		for _, c := range norm {
			if c.ID == id {
				left = append(left, c)
			}
		}
		t.Errorf("%d %s left after normalisation:%s", n, id, describe(left[:min(len(left), 10)]))
	}
	if len(norm) == 0 {
		t.Errorf("the normalised comparison found nothing")
	}
}
