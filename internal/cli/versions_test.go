package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// twoMajors serves /v1 (deprecated, x-sunset on one operation) and /v2.
const twoMajors = `openapi: 3.0.3
info: {title: Books, version: "2.3.0"}
paths:
  /v1/books:
    get:
      deprecated: true
      x-sunset: "2027-01-31"
      responses: {"200": {description: ok}}
  /v1/authors:
    get:
      responses: {"200": {description: ok}}
  /v2/books:
    get:
      responses: {"200": {description: ok}}
  /health:
    get:
      responses: {"200": {description: ok}}
`

func writeFile(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestVersionsCommand(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFile(t, dir, "openapi.yaml", twoMajors)
	out, errOut, code := runWith(t, "", false, "versions", "openapi.yaml")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want := `openapi.yaml (info.version 2.3.0): the version lives in path (v1, v2)
  path: openapi.yaml:4:3

MAJOR  OPERATIONS  DEPRECATED  X-SUNSET
v1     2           1           on 1 of 2 operations
v2     1           0           -

1 operation belongs to no major
`
	if out != want {
		t.Errorf("text output:\n%s\nwant:\n%s", out, want)
	}

	out, _, code = runWith(t, "", false, "versions", "--format", "json", "openapi.yaml")
	var got struct {
		File      string
		Locations []struct{ Kind string }
		Majors    []struct {
			Major                  string
			Operations, Deprecated int
			Sunsets                int
		}
		Unversioned int
		Advice      string
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil || code != 0 {
		t.Fatalf("json: exit %d, %v\n%s", code, err, out)
	}
	if got.File != "openapi.yaml" || len(got.Locations) != 1 || got.Locations[0].Kind != "path" || len(got.Majors) != 2 ||
		got.Majors[0].Major != "v1" || got.Majors[0].Operations != 2 || got.Majors[0].Deprecated != 1 || got.Majors[0].Sunsets != 1 ||
		got.Unversioned != 1 || got.Advice != "" {
		t.Errorf("json: %+v", got)
	}

	// An unversioned API is told so, with the advice.
	writeFile(t, dir, "plain.yaml", "openapi: 3.0.3\ninfo: {title: T, version: 1.0.0}\npaths:\n  /books: {get: {responses: {\"200\": {description: ok}}}}\n")
	out, _, _ = runWith(t, "", false, "versions", "plain.yaml")
	if want := "plain.yaml (info.version 1.0.0): the version lives in info.version only\nadvice: the API carries its version only in info.version"; !strings.HasPrefix(out, want) {
		t.Errorf("unversioned:\n%s\nwant it to start with\n%s", out, want)
	}

	// Bad input: one line, exit 2.
	for _, args := range [][]string{{"versions", "missing.yaml"}, {"versions", "--format", "xml", "openapi.yaml"}, {"versions"}} {
		out, errOut, code := runWith(t, "", false, args...)
		if code != 2 {
			t.Errorf("%q: exit %d, want 2", args, code)
		}
		oneErrorLine(t, out, errOut)
	}
}

// majorPair writes a base serving /v1 and /v2 and a revision that keeps only /v2.
func majorPair(t *testing.T, dir string) (string, string) {
	t.Helper()
	base := writeFile(t, dir, "base.yaml", `openapi: 3.0.3
info: {title: Books, version: "2.0.0"}
paths:
  /v1/books: {get: {responses: {"200": {description: ok}}}}
  /v2/books: {get: {responses: {"200": {description: ok}}}}
`)
	rev := writeFile(t, dir, "revision.yaml", `openapi: 3.0.3
info: {title: Books, version: "2.0.0"}
paths:
  /v2/books: {get: {responses: {"200": {description: ok}}}}
`)
	return base, rev
}

// history is a CHANGELOG.md whose last entry promised v1 a sunset.
func history(sunset string) string {
	return "# Changelog\n\n## [2.0.0] - 2026-01-10\n" +
		`<!-- apibump {"version":"2.0.0","date":"2026-01-10","supported":[{"major":"2","status":"current"},{"major":"1","status":"deprecated","sunset":"` + sunset + `"}]} -->` +
		"\n\nv2 ships.\n"
}

// TestRetiringAMajorByTheChangelog removes /v1 with no x-sunset: the sunset
// the CHANGELOG recorded decides whether that is a retirement or a breach.
func TestRetiringAMajorByTheChangelog(t *testing.T) {
	t.Run("after the recorded sunset", func(t *testing.T) {
		dir := t.TempDir()
		t.Chdir(dir)
		base, rev := majorPair(t, dir)
		cl := writeFile(t, dir, "CHANGELOG.md", history("2026-07-09"))
		out, errOut, code := runWith(t, "", false, "release", "--date", "2026-11-22", "--changelog", cl, base, rev)
		if code != 0 {
			t.Fatalf("release: exit %d\n%s%s", code, out, errOut)
		}
		data, _ := os.ReadFile(cl)
		for _, w := range []string{"### v1 (retired)", "accepted: v1 retired: its sunset 2026-07-09 has passed", "### v2 (kept, no bump: 2.0.0)"} {
			if !strings.Contains(string(data), w) {
				t.Errorf("CHANGELOG.md lacks %q:\n%s", w, data)
			}
		}
		// Without the changelog, nothing records the sunset: the check fails.
		out, _, code = runWith(t, "", false, "check", "--date", "2026-11-22", base, rev)
		if code != 1 || !strings.Contains(out, "check failed: v1 (GET /v1/books) was removed, but no sunset is recorded for it") {
			t.Errorf("check without history: exit %d\n%s", code, out)
		}
	})
	// The sunset is the last day of the promise: on that day the major may go.
	for sunset, code := range map[string]int{"2026-11-22": 0, "2026-11-23": 1} {
		t.Run("sunset "+sunset+", release 2026-11-22", func(t *testing.T) {
			dir := t.TempDir()
			t.Chdir(dir)
			base, rev := majorPair(t, dir)
			cl := writeFile(t, dir, "CHANGELOG.md", history(sunset))
			out, errOut, got := runWith(t, "", false, "release", "--dry-run", "--date", "2026-11-22", "--changelog", cl, base, rev)
			if got != code || code == 0 && !strings.Contains(out, "### v1 (retired)") {
				t.Errorf("sunset %s: exit %d, want %d\n%s%s", sunset, got, code, out, errOut)
			}
		})
	}
	t.Run("before the recorded sunset", func(t *testing.T) {
		dir := t.TempDir()
		t.Chdir(dir)
		base, rev := majorPair(t, dir)
		cl := writeFile(t, dir, "CHANGELOG.md", history("2027-01-06"))
		before, _ := os.ReadFile(rev)
		out, errOut, code := runWith(t, "", false, "release", "--date", "2026-11-22", "--changelog", cl, base, rev)
		if code != 1 {
			t.Fatalf("release: exit %d, want 1\n%s%s", code, out, errOut)
		}
		if want := "apibump: v1 (GET /v1/books) was removed before its sunset on 2027-01-06: a major stays live until its deprecation window ends; keep v1 until 2027-01-06\n"; !strings.HasPrefix(errOut, want) {
			t.Errorf("stderr %q, want it to start with %q", errOut, want)
		}
		after, _ := os.ReadFile(rev)
		data, _ := os.ReadFile(cl)
		if string(after) != string(before) || string(data) != history("2027-01-06") {
			t.Errorf("a refused release wrote files")
		}
	})
}
