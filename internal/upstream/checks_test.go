package upstream_test

import (
	"fmt"
	"testing"

	"github.com/oasdiff/oasdiff/checker"
	odiff "github.com/oasdiff/oasdiff/diff"
	"github.com/oasdiff/oasdiff/load"

	"github.com/apibump/apibump/internal/kinmodel"
	"github.com/apibump/apibump/internal/source"
	"github.com/apibump/apibump/internal/spec"
	"github.com/apibump/apibump/internal/spec/spectest"
	"github.com/apibump/apibump/internal/upstream"
)

func specInfo(d *spec.Document) *load.SpecInfo {
	return &load.SpecInfo{Source: load.NewFileSource(d.Root.Token()), Spec: d.Spec, Version: d.Version}
}

// TestConcurrentChecksAsOasdiffRunsThem runs oasdiff's checker over every
// pair of the test corpus twice, with its checks as they are and spread over
// the CPUs by upstream.ConcurrentChecks, and wants the same findings in the same order:
// what upstream.ConcurrentChecks assumes of CheckBackwardCompatibilityUntilLevel (it
// calls each check once, one after the other, with the same arguments, and
// reads config.Checks nowhere else) and of the checks (they only read them).
func TestConcurrentChecksAsOasdiffRunsThem(t *testing.T) {
	files := spectest.Files(t, 0)
	pairs := 0
	for i := 0; i+1 < len(files); i += 2 {
		base, err1 := kinmodel.Load(source.ParseInput(files[i]), source.LoadOptions{})
		rev, err2 := kinmodel.Load(source.ParseInput(files[i+1]), source.LoadOptions{})
		if err1 != nil || err2 != nil {
			continue
		}
		report, sources, err := odiff.GetWithOperationsSourcesMap(odiff.NewConfig(), specInfo(base), specInfo(rev))
		if err != nil {
			t.Fatalf("%s: %v", files[i], err)
		}
		render := func(checks checker.BackwardCompatibilityChecks) []string {
			var out []string
			for _, c := range checker.CheckBackwardCompatibilityUntilLevel(checker.NewConfig(checks), report, sources, checker.INFO) {
				out = append(out, fmt.Sprintf("%s %s %s %s %s %v %v %s", c.GetId(), c.GetLevel(), c.GetOperation(), c.GetPath(),
					c.GetUncolorizedText(checker.NewDefaultLocalizer()), c.GetBaseSource(), c.GetRevisionSource(), c.GetComment(checker.NewDefaultLocalizer())))
			}
			return out
		}
		want := render(checker.GetAllChecks())
		got := render(upstream.ConcurrentChecks(checker.GetAllChecks()))
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: upstream.ConcurrentChecks gives other findings:\n got  %q\n want %q", files[i], got, want)
		}
		if len(want) > 0 {
			pairs++
		}
	}
	if pairs < 20 {
		t.Errorf("only %d pairs with findings", pairs)
	}
}

// TestChecksReadNoEndpointsDiff runs oasdiff's checker over every pair of
// the test corpus on the report of oasdiff's default diff and on the report
// of upstream.DiffConfig's (without Diff.EndpointsDiff), each made ready as
// the engine does (PruneSchemaDiffs, SortSets), and wants the same findings
// in the same order: what DiffConfig assumes (no check reads the endpoints
// view, and leaving it out changes nothing else of the report they read).
func TestChecksReadNoEndpointsDiff(t *testing.T) {
	files := spectest.Files(t, 0)
	pairs, withEndpoints := 0, 0
	for i := 0; i+1 < len(files); i += 2 {
		base, err1 := kinmodel.Load(source.ParseInput(files[i]), source.LoadOptions{})
		rev, err2 := kinmodel.Load(source.ParseInput(files[i+1]), source.LoadOptions{})
		if err1 != nil || err2 != nil {
			continue
		}
		findings := func(cfg *odiff.Config) ([]string, *odiff.Diff) {
			report, sources, err := odiff.GetWithOperationsSourcesMap(cfg, specInfo(base), specInfo(rev))
			if err != nil {
				t.Fatalf("%s: %v", files[i], err)
			}
			upstream.PruneSchemaDiffs(report, upstream.MaxSchemaDiffDepth)
			upstream.SortSets(report)
			var out []string
			for _, c := range checker.CheckBackwardCompatibilityUntilLevel(checker.NewConfig(checker.GetAllChecks()), report, sources, checker.INFO) {
				out = append(out, fmt.Sprintf("%s %s %s %s %s %v %v %s", c.GetId(), c.GetLevel(), c.GetOperation(), c.GetPath(),
					c.GetUncolorizedText(checker.NewDefaultLocalizer()), c.GetBaseSource(), c.GetRevisionSource(), c.GetComment(checker.NewDefaultLocalizer())))
			}
			return out, report
		}
		want, whole := findings(odiff.NewConfig())
		got, lean := findings(upstream.DiffConfig())
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: without the endpoints view the checks give other findings:\n got  %q\n want %q", files[i], got, want)
		}
		if lean != nil && lean.EndpointsDiff != nil {
			t.Fatalf("%s: upstream.DiffConfig's report has an endpoints view", files[i])
		}
		if whole != nil && whole.EndpointsDiff != nil {
			withEndpoints++
		}
		if len(want) > 0 {
			pairs++
		}
	}
	if pairs < 20 || withEndpoints < 20 {
		t.Errorf("only %d pairs with findings, %d with an endpoints view", pairs, withEndpoints)
	}
}
