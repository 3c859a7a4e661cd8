package changelog

import (
	"strings"
	"testing"
)

const existing = `# Changelog

Our API's history.

## [Unreleased]

- something in progress

## [1.4.2] - 2026-01-10
<!-- apibump {"version":"1.4.2","date":"2026-01-10","supported":[{"major":"1","status":"current"},{"major":"0.9","status":"deprecated","sunset":"2026-03-01"}]} -->

- an older entry

## [1.4.1] - 2025-12-01

- hand-written
`

func mustParse(t *testing.T, data []byte) *File {
	t.Helper()
	f, err := ParseFile("CHANGELOG.md", data)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestUpsertKeepsTitleAndUnreleased(t *testing.T) {
	f := mustParse(t, []byte(existing))
	f.Upsert("2.0.0", []byte("## [2.0.0] - 2026-11-22\n\n- new\n"))
	got := string(f.Bytes())
	iTitle, iUnrel, iNew, iOld := strings.Index(got, "# Changelog"), strings.Index(got, "## [Unreleased]"), strings.Index(got, "## [2.0.0]"), strings.Index(got, "## [1.4.2]")
	if !(iTitle < iUnrel && iUnrel < iNew && iNew < iOld) {
		t.Errorf("order is wrong:\n%s", got)
	}
	if !strings.Contains(got, "- something in progress\n\n## [2.0.0]") {
		t.Errorf("the new entry must follow [Unreleased]:\n%s", got)
	}
	if !strings.Contains(got, "- hand-written\n") || !strings.HasSuffix(got, "- hand-written\n") {
		t.Errorf("older entries must be kept as they were:\n%s", got)
	}
}

func TestUpsertIsIdempotent(t *testing.T) {
	f := mustParse(t, []byte(existing))
	f.Upsert("2.0.0", []byte("## [2.0.0] - 2026-11-22\n\n- first run\n"))
	once := f.Bytes()
	g := mustParse(t, once)
	g.Upsert("2.0.0", []byte("## [2.0.0] - 2026-11-22\n\n- second run\n"))
	twice := string(g.Bytes())
	if strings.Count(twice, "## [2.0.0]") != 1 || !strings.Contains(twice, "second run") || strings.Contains(twice, "first run") {
		t.Errorf("running again must replace the entry:\n%s", twice)
	}
	if len(twice) != len(once)+len("second run")-len("first run") {
		t.Errorf("nothing else may change")
	}
}

func TestHistory(t *testing.T) {
	f := mustParse(t, []byte(existing))
	h := f.History("2.0.0")
	if len(h) != 2 || h[1].Major != "0.9" || h[1].Sunset != "2026-03-01" {
		t.Errorf("history %+v", h)
	}
	// Replacing 1.4.2 itself reads the entry before it, which has no state.
	if h := f.History("1.4.2"); h != nil {
		t.Errorf("history of a hand-written entry: %+v", h)
	}
}

func TestNewFileGetsTheDefaultHeader(t *testing.T) {
	f := mustParse(t, nil)
	f.Upsert("1.0.0", []byte("## [1.0.0] - 2026-11-22\n"))
	got := string(f.Bytes())
	if !strings.HasPrefix(got, "# Changelog\n") || !strings.Contains(got, "Keep a Changelog") || !strings.HasSuffix(got, "## [1.0.0] - 2026-11-22\n") {
		t.Errorf("got:\n%s", got)
	}
}
