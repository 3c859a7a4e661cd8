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
	// Replacing 1.4.2 itself keeps what 1.4.2 recorded (the entry before
	// it, hand-written, has no state): releasing a version again never
	// loses a record.
	if h := f.History("1.4.2"); len(h) != 2 || h[1].Sunset != "2026-03-01" {
		t.Errorf("history of 1.4.2 again: %+v", h)
	}
	// Replacing 1.4.1, the hand-written entry: the newest other entry's state.
	if h := f.History("1.4.1"); len(h) != 2 {
		t.Errorf("history of 1.4.1: %+v", h)
	}
}

// TestHistoryKeepsTheReplacedEntrysRecord: an entry of the same version
// recorded a major the older entries do not know; releasing it again keeps it.
func TestHistoryKeepsTheReplacedEntrysRecord(t *testing.T) {
	f := mustParse(t, []byte(`# Changelog

## [2.0.0] - 2026-11-22
<!-- apibump {"version":"2.0.0","date":"2026-11-22","supported":[{"major":"v2","status":"current"},{"major":"v1","status":"deprecated","sunset":"2027-05-21"}]} -->

## [1.0.0] - 2026-01-10
<!-- apibump {"version":"1.0.0","date":"2026-01-10","supported":[{"major":"1","status":"current"},{"major":"0.9","status":"retired","sunset":"2026-03-01"}]} -->
`))
	h := f.History("2.0.0")
	got := map[string]string{}
	for _, m := range h {
		got[m.Major] = m.Sunset
	}
	if len(h) != 3 || got["v1"] != "2027-05-21" || got["0.9"] != "2026-03-01" {
		t.Errorf("history of 2.0.0 again: %+v", h)
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
