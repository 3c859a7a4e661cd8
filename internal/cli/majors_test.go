package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The journey of a new major, for each place the version lives: the release
// that adds it records the old one's window; removing the old one fails
// before the window ends and is a retirement after it.

const (
	majorDay = "2027-01-10" // the release that adds v2
	earlyDay = "2027-02-09" // v1 removed before its window ends (180 days: 2027-07-09)
	lateDay  = "2027-07-29" // v1 removed after it
)

// TestNewMajorRecordsTheWindow: adding v2 beside v1, in any location, is a
// major release whose entry gives v1's window, the Deprecation and Sunset
// values to serve on it, the table of both majors and a record of both.
func TestNewMajorRecordsTheWindow(t *testing.T) {
	for _, loc := range []string{"path", "server", "header", "query", "media"} {
		t.Run(loc, func(t *testing.T) {
			dir := t.TempDir()
			t.Chdir(dir)
			writeFile(t, dir, "base.yaml", bookSpec{loc: loc, majors: []int{1}, version: "1.2.0"}.yaml())
			writeFile(t, dir, "revision.yaml", bookSpec{loc: loc, majors: []int{1, 2}, version: "1.2.0", dropSortFrom: 2}.yaml())
			out, errOut, code := run(t, "release", "--date", majorDay, "base.yaml", "revision.yaml")
			if code != 0 || !strings.HasSuffix(out, "\n2.0.0\n") && out != "2.0.0\n" {
				t.Fatalf("release: exit %d, %q\n%s", code, out, errOut)
			}
			data, _ := os.ReadFile("CHANGELOG.md")
			cl := string(data)
			for _, want := range []string{
				"## [2.0.0] - 2027-01-10",
				`"supported":[{"major":"v2","status":"current"},{"major":"v1","status":"deprecated","sunset":"2027-07-09"}]`,
				"The previous major version v1 stays supported until 2027-07-09 (180 days after this release).",
				"Deprecation: @1799539200\nSunset: Fri, 09 Jul 2027 00:00:00 GMT\n",
				"| v2 | current |  |\n| v1 | deprecated | 2027-07-09 |\n",
			} {
				if !strings.Contains(cl, want) {
					t.Errorf("CHANGELOG.md lacks %q:\n%s", want, cl)
				}
			}
			if strings.Contains(cl, "kept, no bump") && !strings.Contains(cl, "No change to this major.") {
				t.Errorf("an unchanged major's section must say so:\n%s", cl)
			}
		})
	}
	t.Run("info.version only", func(t *testing.T) {
		dir := t.TempDir()
		t.Chdir(dir)
		writeFile(t, dir, "base.yaml", bookSpec{loc: "info", majors: []int{1}, version: "1.2.0"}.yaml())
		writeFile(t, dir, "revision.yaml", bookSpec{loc: "info", majors: []int{1}, version: "1.2.0", dropSortFrom: 1}.yaml())
		out, errOut, code := run(t, "release", "--date", majorDay, "base.yaml", "revision.yaml")
		if code != 0 || strings.TrimSpace(out) != "2.0.0" {
			t.Fatalf("release: exit %d, %q\n%s", code, out, errOut)
		}
		data, _ := os.ReadFile("CHANGELOG.md")
		cl := string(data)
		for _, want := range []string{"Clients cannot stay on v1", "Make the version explicit from the first release", `"supported":[{"major":"v2","status":"current"}]`} {
			if !strings.Contains(cl, want) {
				t.Errorf("CHANGELOG.md lacks %q:\n%s", want, cl)
			}
		}
		for _, unwanted := range []string{"stays supported until", "Deprecation: @", "| v1 | deprecated"} {
			if strings.Contains(cl, unwanted) {
				t.Errorf("CHANGELOG.md promises a window it cannot have (%q):\n%s", unwanted, cl)
			}
		}
	})
}

// TestMajorJourney: v2 added beside v1 and released; v1 removed before its
// window ends fails check and release with the same sentence; removed after
// it, both pass, and the retirement is a minor release. For each location
// (path, server, header, query, media type), in both flows: declared (the
// pull request carries the version) and computed (release stamps it). check
// reads the sunset from the changelog at the base.
func TestMajorJourney(t *testing.T) {
	for _, tt := range []struct{ loc, flow string }{
		{"path", "declared"}, {"path", "computed"}, {"server", "declared"}, {"server", "computed"},
		{"header", "computed"}, {"query", "declared"}, {"media", "computed"}, {"media", "declared"},
	} {
		loc, flow := tt.loc, tt.flow
		t.Run(loc+" "+flow, func(t *testing.T) {
			env := append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
			dir := t.TempDir()
			t.Chdir(dir)
			gitIn(t, dir, env, "init", "-q", "-b", "main")
			spec := filepath.Join("api", "openapi.yaml")
			os.Mkdir("api", 0o755)
			put := func(b bookSpec) {
				if loc != "path" {
					// A shared operation cannot drop sort for v2 alone: v2
					// ships as it is, a new value where the version lives.
					b.dropSortFrom = 0
				}
				writeFile(t, dir, spec, b.yaml())
			}
			// pr is the version a pull request declares: the one it needs when
			// the flow is declared, the base's when computed.
			pr := func(base, needed string) string {
				if flow == "declared" {
					return needed
				}
				return base
			}
			writeFile(t, dir, ".apibump.yaml", "version: "+flow+"\n")
			put(bookSpec{loc: loc, majors: []int{1}, version: "1.2.0"})
			gitIn(t, dir, env, "add", "-A")
			gitIn(t, dir, env, "commit", "-qm", "v1")
			gitIn(t, dir, env, "tag", "-a", "api-v1.2.0", "-m", "1.2.0")

			// R1: the pull request adds /v2.
			put(bookSpec{loc: loc, majors: []int{1, 2}, version: pr("1.2.0", "2.0.0"), dropSortFrom: 2})
			if out, errOut, code := run(t, "check", "--date", majorDay, "HEAD:api/openapi.yaml", spec); code != 0 {
				t.Fatalf("R1 check: exit %d\n%s%s", code, out, errOut)
			}
			out, errOut, code := run(t, "release", "--date", majorDay, "api-v1.2.0:api/openapi.yaml", spec)
			if code != 0 || strings.TrimSpace(out) != "2.0.0" {
				t.Fatalf("R1 release: exit %d, %q\n%s", code, out, errOut)
			}
			gitIn(t, dir, env, "add", "-A")
			gitIn(t, dir, env, "commit", "-qm", "release 2.0.0")
			gitIn(t, dir, env, "tag", "-a", "api-v2.0.0", "-m", "2.0.0")

			// R2, R3: the pull request removes /v1, before and after its window.
			put(bookSpec{loc: loc, majors: []int{2}, version: pr("2.0.0", "2.1.0"), dropSortFrom: 2})
			// The pull request's own CHANGELOG.md claims an early sunset: check
			// must read the base's.
			cl, _ := os.ReadFile("CHANGELOG.md")
			writeFile(t, dir, "CHANGELOG.md", strings.ReplaceAll(string(cl), "2027-07-09", "2027-01-01"))
			prefix := ""
			if loc == "path" {
				prefix = "/v1"
			}
			early := "v1 (GET " + prefix + "/books and 2 more operations) was removed before its sunset on 2027-07-09"
			out, errOut, code = run(t, "check", "--date", earlyDay, "HEAD:api/openapi.yaml", spec)
			if code != 1 || !strings.Contains(out, "check failed: "+early) {
				t.Errorf("R2 check: exit %d, want 1 saying %q\n%s%s", code, early, out, errOut)
			}
			writeFile(t, dir, "CHANGELOG.md", string(cl))
			out, errOut, code = run(t, "release", "--dry-run", "--date", earlyDay, "api-v2.0.0:api/openapi.yaml", spec)
			if code != 1 || !strings.Contains(errOut, "apibump: "+early) {
				t.Errorf("R2 release: exit %d, want 1 saying %q\n%s%s", code, early, out, errOut)
			}

			retired := "accepted: v1 retired: its sunset 2027-07-09 has passed"
			out, errOut, code = run(t, "check", "--date", lateDay, "HEAD:api/openapi.yaml", spec)
			if code != 0 || !strings.Contains(out, retired) || !strings.Contains(out, "bump: minor, next version: 2.1.0") {
				t.Errorf("R3 check: exit %d, want 0 saying %q\n%s%s", code, retired, out, errOut)
			}
			out, errOut, code = run(t, "release", "--date", lateDay, "api-v2.0.0:api/openapi.yaml", spec)
			if code != 0 || strings.TrimSpace(out) != "2.1.0" {
				t.Fatalf("R3 release: exit %d, %q\n%s", code, out, errOut)
			}
			data, _ := os.ReadFile("CHANGELOG.md")
			for _, want := range []string{
				"## [2.1.0] - 2027-07-29",
				`"supported":[{"major":"v2","status":"current"},{"major":"v1","status":"retired","sunset":"2027-07-09"}]`,
				"### v1 (retired)", retired, "| v1 | retired | 2027-07-09 |",
				"## [2.0.0] - 2027-01-10",
			} {
				if !strings.Contains(string(data), want) {
					t.Errorf("CHANGELOG.md lacks %q:\n%s", want, data)
				}
			}
			if stamped, _ := os.ReadFile(spec); !strings.Contains(string(stamped), "version: 2.1.0") {
				t.Errorf("the spec is not at 2.1.0:\n%s", stamped)
			}
		})
	}
}

// TestDocsOnlyPullRequest: in the computed flow a docs-only pull request
// passes without touching info.version; in the declared flow it must bump
// the patch, unless fail-on is none.
func TestDocsOnlyPullRequest(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	base := bookSpec{loc: "path", majors: []int{1}, version: "1.2.0"}.yaml()
	writeFile(t, dir, "base.yaml", base)
	writeFile(t, dir, "revision.yaml", strings.Replace(base, "title: Books API", "title: Books API\n  description: Our books.", 1))
	for _, tt := range []struct {
		config string
		args   []string
		code   int
		want   string
	}{
		{"version: computed\n", nil, 0, "check passed"},
		{"", nil, 1, "the revision must carry 1.2.1"},
		{"version: declared\n", nil, 1, "the revision must carry 1.2.1"},
		{"", []string{"--fail-on", "none"}, 0, "check passed"},
		{"", []string{"--version-flow", "computed"}, 0, "check passed"},
	} {
		os.Remove(".apibump.yaml")
		if tt.config != "" {
			writeFile(t, dir, ".apibump.yaml", tt.config)
		}
		out, errOut, code := run(t, append(append([]string{"check"}, tt.args...), "base.yaml", "revision.yaml")...)
		if code != tt.code || !strings.Contains(out, tt.want) {
			t.Errorf("%q %v: exit %d, want %d saying %q\n%s%s", tt.config, tt.args, code, tt.code, tt.want, out, errOut)
		}
	}
	// A breaking change still fails the computed flow's check.
	writeFile(t, dir, ".apibump.yaml", "version: computed\n")
	writeFile(t, dir, "revision.yaml", bookSpec{loc: "path", majors: []int{1}, version: "1.2.0", dropSortFrom: 1}.yaml())
	out, _, code := run(t, "check", "base.yaml", "revision.yaml")
	if code != 1 || !strings.Contains(out, "1 breaking change found and --fail-on is breaking") {
		t.Errorf("computed, breaking: exit %d\n%s", code, out)
	}
}

// TestCheckReadsTheBaseChangelogSafely: the base's CHANGELOG.md is read like
// a spec at a git revision: a link out of the repository is refused (one
// line, exit 2, nothing of its target shown); a missing one is no record.
func TestCheckReadsTheBaseChangelogSafely(t *testing.T) {
	env := append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
	dir := t.TempDir()
	t.Chdir(dir)
	gitIn(t, dir, env, "init", "-q", "-b", "main")
	writeFile(t, dir, "openapi.yaml", bookSpec{loc: "path", majors: []int{1, 2}, version: "2.0.0"}.yaml())
	gitIn(t, dir, env, "add", "-A")
	gitIn(t, dir, env, "commit", "-qm", "v1 and v2")
	writeFile(t, dir, "openapi.yaml", bookSpec{loc: "path", majors: []int{2}, version: "2.1.0"}.yaml())
	out, _, code := run(t, "check", "--date", lateDay, "HEAD:openapi.yaml", "openapi.yaml")
	if code != 1 || !strings.Contains(out, "no sunset is recorded") {
		t.Errorf("no changelog at the base: exit %d\n%s", code, out)
	}
	secret := filepath.Join(t.TempDir(), "secret.md")
	os.WriteFile(secret, []byte("TOPSECRET\n"), 0o644)
	if err := os.Symlink(secret, "CHANGELOG.md"); err != nil {
		t.Skip(err)
	}
	gitIn(t, dir, env, "add", "CHANGELOG.md")
	gitIn(t, dir, env, "commit", "-qm", "a link out")
	out, errOut, code := run(t, "check", "--date", lateDay, "HEAD:openapi.yaml", "openapi.yaml")
	if code != 2 || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, "CHANGELOG.md") || strings.Contains(out+errOut, "TOPSECRET") {
		t.Errorf("a base changelog linking out: exit %d\n%s%s", code, out, errOut)
	}
}

// TestCheckFindsTheChangelogAboveTheSpec: run from the spec's directory (the
// Action's working-directory), check finds the base's CHANGELOG.md at the
// repository's top, as release wrote it there.
func TestCheckFindsTheChangelogAboveTheSpec(t *testing.T) {
	env := append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
	dir := t.TempDir()
	t.Chdir(dir)
	gitIn(t, dir, env, "init", "-q", "-b", "main")
	os.Mkdir("api", 0o755)
	writeFile(t, dir, "api/openapi.yaml", bookSpec{loc: "path", majors: []int{1, 2}, version: "2.0.0"}.yaml())
	writeFile(t, dir, "CHANGELOG.md", "# Changelog\n\n## [2.0.0] - 2027-01-10\n"+
		`<!-- apibump {"version":"2.0.0","date":"2027-01-10","supported":[{"major":"v2","status":"current"},{"major":"v1","status":"deprecated","sunset":"2027-07-09"}]} -->`+"\n")
	gitIn(t, dir, env, "add", "-A")
	gitIn(t, dir, env, "commit", "-qm", "2.0.0")
	writeFile(t, dir, "api/openapi.yaml", bookSpec{loc: "path", majors: []int{2}, version: "2.1.0"}.yaml())
	t.Chdir(filepath.Join(dir, "api"))
	out, errOut, code := run(t, "check", "--date", lateDay, "HEAD:./openapi.yaml", "openapi.yaml")
	if code != 0 || !strings.Contains(out, "v1 retired: its sunset 2027-07-09 has passed") {
		t.Errorf("late: exit %d\n%s%s", code, out, errOut)
	}
	out, errOut, code = run(t, "check", "--date", earlyDay, "HEAD:./openapi.yaml", "openapi.yaml")
	if code != 1 || !strings.Contains(out, "was removed before its sunset on 2027-07-09") {
		t.Errorf("early: exit %d\n%s%s", code, out, errOut)
	}
}
