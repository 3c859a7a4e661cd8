package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apibump/apibump/internal/report"
	"github.com/apibump/apibump/internal/rules"
)

// TestCorpus runs apibump on the real spec pairs in ../shared/corpus (Stripe,
// Harbor Swagger 2.0, DigitalOcean multi-file, Adyen 3.1): each must load,
// compare and classify every change. Skipped with -short or without the corpus.
func TestCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	root, _ := filepath.Abs("../../../shared/corpus")
	data, err := os.ReadFile(filepath.Join(root, "pairs.tsv"))
	if err != nil {
		t.Skipf("no corpus: %v", err)
	}
	for i, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		f := strings.Split(line, "\t")
		if i == 0 || len(f) < 3 {
			continue
		}
		name, base, rev := f[0], f[1], f[2]
		t.Run(name, func(t *testing.T) {
			t.Chdir(filepath.Join(root, name))
			out, errOut, code := run(t, "diff", "--format", "json", "--date", "2026-11-22", base, rev)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			var r report.Report
			if err := json.Unmarshal([]byte(out), &r); err != nil {
				t.Fatal(err)
			}
			if len(r.Changes) == 0 {
				t.Fatal("two different releases must show changes")
			}
			n := map[rules.Class]int{}
			for _, c := range r.Changes {
				if c.Class.Rank() == 0 {
					t.Errorf("%s has no class", c.ID)
				}
				n[c.Class]++
				if c.Source != nil && (c.Source.Line == 0 || c.Source.File == "") {
					t.Errorf("%s: source without a line: %+v", c.ID, c.Source)
				}
			}
			if n[rules.Breaking] != r.Summary.Breaking || n[rules.Additive] != r.Summary.Additive || n[rules.NonContract] != r.Summary.NonContract {
				t.Errorf("summary %+v does not count the changes %v", r.Summary, n)
			}
			t.Logf("%s: %d changes, %+v, bump %s → %s", name, len(r.Changes), r.Summary, r.Bump, r.NextVersion)
		})
	}
}
