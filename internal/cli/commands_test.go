package cli

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v4"

	"github.com/apibump/apibump/internal/report"
)

const releaseDate = "2026-11-22"

// The README pair: base 1.4.2, revision declares 1.5.0; one breaking change
// (the query parameter sort removed) makes the next version 2.0.0.
const (
	exampleNext     = "2.0.0"
	exampleBreaking = "request-parameter-removed"
)

// bumpedExample copies the example pair into a temporary directory with the
// revision's info.version set to version.
func bumpedExample(t *testing.T, version string) (string, string) {
	t.Helper()
	base, rev := examplePair(t)
	dir := t.TempDir()
	b, err := os.ReadFile(base)
	if err != nil {
		t.Fatal(err)
	}
	r, err := os.ReadFile(rev)
	if err != nil {
		t.Fatal(err)
	}
	const declared = `version: "1.5.0"`
	if strings.Count(string(r), declared) != 1 {
		t.Fatalf("%s does not declare %s exactly once", rev, declared)
	}
	r = []byte(strings.Replace(string(r), declared, `version: "`+version+`"`, 1))
	// The version also lives in the server URL: offer v2 beside v1, as a new
	// major must, so that only info.version is judged.
	const server = "  - url: https://api.chapterandverse.example.com/v1\n"
	if strings.Count(string(r), server) != 1 {
		t.Fatalf("%s does not list the v1 server exactly once", rev)
	}
	r = []byte(strings.Replace(string(r), server, server+strings.ReplaceAll(server, "/v1", "/v2"), 1))
	nb, nr := filepath.Join(dir, "base.yaml"), filepath.Join(dir, "revision.yaml")
	if err := os.WriteFile(nb, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(nr, r, 0o644); err != nil {
		t.Fatal(err)
	}
	return nb, nr
}

func TestNextPrintsOnlyTheVersion(t *testing.T) {
	base, rev := examplePair(t)
	out, errOut, code := runWith(t, "", false, "next", "--date", releaseDate, base, rev)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if out != exampleNext+"\n" {
		t.Errorf("stdout %q, want %q", out, exampleNext+"\n")
	}
	if errOut != "" {
		t.Errorf("stderr %q, want nothing", errOut)
	}

	// Under the compatible policy the removed parameter still breaks.
	out, _, _ = runWith(t, "", false, "next", "--policy", "compatible", "--date", releaseDate, base, rev)
	if out != exampleNext+"\n" {
		t.Errorf("compatible: stdout %q, want %q", out, exampleNext+"\n")
	}

	// The same file on both sides needs no bump: the base version comes back.
	out, _, code = runWith(t, "", false, "next", "--date", releaseDate, base, base)
	if code != 0 || out != "1.4.2\n" {
		t.Errorf("next base base: exit %d, stdout %q, want 0 and %q", code, out, "1.4.2\n")
	}
}

func TestCheckVersionTooLow(t *testing.T) {
	base, rev := examplePair(t)
	out, errOut, code := runWith(t, "", false, "check", "--date", releaseDate, base, rev)
	if code != 1 {
		t.Fatalf("exit %d, want 1 (stderr %q)", code, errOut)
	}
	if errOut != "" {
		t.Errorf("a failed check is not an error: stderr %q", errOut)
	}
	var failed, moved string
	for _, l := range strings.Split(out, "\n") {
		switch {
		case strings.HasPrefix(l, "check failed:") && failed == "":
			failed = l
		case strings.HasPrefix(l, "check failed:"):
			moved = l
		}
	}
	if failed == "" {
		t.Fatalf("no \"check failed:\" line in the text report:\n%s", out)
	}
	// The version also lives in the server URL (/v1), which did not move.
	if want := "check failed: breaking change to GET /books, but its server URL offers nothing after v1: publish the change under v2 there and keep v1 until 2027-05-21"; moved != want {
		t.Errorf("second problem %q, want %q", moved, want)
	}
	for _, w := range []string{exampleNext, "1.5.0", "major"} {
		if !strings.Contains(failed, w) {
			t.Errorf("%q does not mention %s", failed, w)
		}
	}
	if !strings.Contains(out, exampleBreaking) {
		t.Errorf("the report above the verdict does not list %s:\n%s", exampleBreaking, out)
	}

	// A machine format keeps stdout parseable and puts the verdict on stderr.
	out, errOut, code = runWith(t, "", false, "check", "--format", "json", "--date", releaseDate, base, rev)
	if code != 1 {
		t.Fatalf("json: exit %d, want 1", code)
	}
	var r report.Report
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("check --format json stdout is not JSON: %v\n%s", err, out)
	}
	if r.NextVersion != exampleNext {
		t.Errorf("nextVersion %q, want %q", r.NextVersion, exampleNext)
	}
	if !strings.HasPrefix(errOut, "check failed:") || !strings.Contains(errOut, exampleNext) {
		t.Errorf("json: stderr %q, want the check failed line naming %s", errOut, exampleNext)
	}
}

func TestCheckPassesWhenBumpedEnough(t *testing.T) {
	for _, v := range []string{exampleNext, "2.0.1", "3.0.0"} {
		base, rev := bumpedExample(t, v)
		out, errOut, code := runWith(t, "", false, "check", "--date", releaseDate, base, rev)
		if code != 0 {
			t.Errorf("revision %s: exit %d, want 0\n%s%s", v, code, out, errOut)
			continue
		}
		if !strings.Contains(out, "check passed:") || strings.Contains(out, "check failed") {
			t.Errorf("revision %s: no check passed line:\n%s", v, out)
		}
	}
	// One step short of the major bump still fails.
	base, rev := bumpedExample(t, "1.99.0")
	if _, _, code := runWith(t, "", false, "check", "--date", releaseDate, base, rev); code != 1 {
		t.Errorf("revision 1.99.0: exit %d, want 1", code)
	}
}

func TestCheckFailOn(t *testing.T) {
	base, rev := bumpedExample(t, exampleNext)
	tests := []struct {
		failOn string
		code   int
	}{
		{"version", 0},
		{"breaking", 1},
		{"additive", 1},
		{"any", 1},
	}
	for _, tt := range tests {
		out, errOut, code := runWith(t, "", false, "check", "--fail-on", tt.failOn, "--date", releaseDate, base, rev)
		if code != tt.code {
			t.Errorf("--fail-on %s: exit %d, want %d\n%s%s", tt.failOn, code, tt.code, out, errOut)
			continue
		}
		if tt.code == 1 {
			if !strings.Contains(out, "check failed:") || !strings.Contains(out, "--fail-on is "+tt.failOn) {
				t.Errorf("--fail-on %s: the failure does not say why:\n%s", tt.failOn, out)
			}
			if strings.Contains(out, "check passed") {
				t.Errorf("--fail-on %s: both passed and failed:\n%s", tt.failOn, out)
			}
		}
	}
	// The same file twice has no changes: nothing to fail on.
	if out, errOut, code := runWith(t, "", false, "check", "--fail-on", "any", "--date", releaseDate, base, base); code != 0 {
		t.Errorf("no changes with --fail-on any: exit %d\n%s%s", code, out, errOut)
	}
}

func TestDiffRevisionFromStdin(t *testing.T) {
	base, rev := examplePair(t)
	data, err := os.ReadFile(rev)
	if err != nil {
		t.Fatal(err)
	}
	out, errOut, code := runWith(t, string(data), false, "diff", "--format", "json", "--date", releaseDate, base, "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var r report.Report
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if r.Revision.File != "-" || r.Revision.Version != "1.5.0" || r.NextVersion != exampleNext {
		t.Errorf("revision %q %q next %q, want -, 1.5.0 and %s", r.Revision.File, r.Revision.Version, r.NextVersion, exampleNext)
	}
	ids := map[string]bool{}
	for _, c := range r.Changes {
		ids[c.ID] = true
	}
	for _, id := range []string{exampleBreaking, "endpoint-added", "documentation-changed"} {
		if !ids[id] {
			t.Errorf("no %s in %v", id, ids)
		}
	}

	// The base from stdin works the same way.
	baseData, err := os.ReadFile(base)
	if err != nil {
		t.Fatal(err)
	}
	out, errOut, code = runWith(t, string(baseData), false, "next", "--date", releaseDate, "-", rev)
	if code != 0 || out != exampleNext+"\n" {
		t.Errorf("next - revision: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

// additivePair is a case whose only change is additive: 1.9.0 → 1.10.0.
const additivePair = "../../testdata/additive-optional-request-property"

// sameAsFiles checks that a report produced from stdin or git names the
// same changes as the report for the same two files on disk, and that every
// source position names one of the two documents as the report shows them.
func sameAsFiles(t *testing.T, got, want *report.Report) {
	t.Helper()
	if got.Summary != want.Summary || got.Bump != want.Bump || got.NextVersion != want.NextVersion {
		t.Errorf("summary %+v bump %s next %s; from files %+v bump %s next %s",
			got.Summary, got.Bump, got.NextVersion, want.Summary, want.Bump, want.NextVersion)
	}
	key := func(c report.Change) string {
		return c.ID + " " + string(c.Class) + " " + strings.Join(c.Operations, ",")
	}
	count := map[string]int{}
	for _, c := range want.Changes {
		count[key(c)]++
	}
	for _, c := range got.Changes {
		count[key(c)]--
	}
	for k, n := range count {
		if n != 0 {
			t.Errorf("change %q: %d more from files than here", k, n)
		}
	}
	for _, c := range got.Changes {
		if c.Source != nil && c.Source.File != got.Base.File && c.Source.File != got.Revision.File {
			t.Errorf("%s is placed in %q, which is neither %q nor %q", c.ID, c.Source.File, got.Base.File, got.Revision.File)
		}
	}
}

func diffJSON(t *testing.T, stdin string, args ...string) *report.Report {
	t.Helper()
	out, errOut, code := runWith(t, stdin, false, append([]string{"diff", "--format", "json", "--date", releaseDate}, args...)...)
	if code != 0 {
		t.Fatalf("diff %v: exit %d: %s", args, code, errOut)
	}
	var r report.Report
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	return &r
}

func TestStdinGivesTheSameFindingsAsFiles(t *testing.T) {
	for _, dir := range []string{exampleDir, additivePair} {
		base, rev := filepath.Join(dir, "base.yaml"), filepath.Join(dir, "revision.yaml")
		want := diffJSON(t, "", base, rev)
		revData, err := os.ReadFile(rev)
		if err != nil {
			t.Fatal(err)
		}
		baseData, err := os.ReadFile(base)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(filepath.Base(dir)+"/revision", func(t *testing.T) {
			sameAsFiles(t, diffJSON(t, string(revData), base, "-"), want)
		})
		t.Run(filepath.Base(dir)+"/base", func(t *testing.T) {
			sameAsFiles(t, diffJSON(t, string(baseData), "-", rev), want)
		})
	}
}

func TestBothStdinRefused(t *testing.T) {
	for _, cmd := range []string{"diff", "next", "check"} {
		out, errOut, code := runWith(t, "openapi: 3.0.3\n", false, cmd, "--date", releaseDate, "-", "-")
		if code != 2 {
			t.Errorf("%s - -: exit %d, want 2", cmd, code)
		}
		line := oneErrorLine(t, out, errOut)
		if !strings.Contains(line, "standard input") {
			t.Errorf("%s - -: %q does not say why", cmd, line)
		}
	}
}

func TestMissingFile(t *testing.T) {
	base, _ := examplePair(t)
	missing := filepath.Join(t.TempDir(), "no-such-revision.yaml")
	for _, args := range [][]string{
		{"diff", base, missing},
		{"next", missing, base},
		{"check", base, missing},
	} {
		out, errOut, code := runWith(t, "", false, append(args, "--date", releaseDate)...)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
		line := oneErrorLine(t, out, errOut)
		if !strings.Contains(line, "no-such-revision.yaml") {
			t.Errorf("%v: %q does not name the file", args, line)
		}
	}
}

func TestDiffFormats(t *testing.T) {
	base, rev := examplePair(t)

	out, errOut, code := runWith(t, "", false, "diff", "--format", "yaml", "--date", releaseDate, base, rev)
	if code != 0 || strings.TrimSpace(out) == "" {
		t.Fatalf("yaml: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	var y struct {
		NextVersion string `yaml:"nextVersion"`
		Bump        string `yaml:"bump"`
		Changes     []struct {
			ID string `yaml:"id"`
		} `yaml:"changes"`
	}
	if err := yaml.Unmarshal([]byte(out), &y); err != nil {
		t.Fatalf("--format yaml is not YAML: %v\n%s", err, out)
	}
	if y.NextVersion != exampleNext || y.Bump != "major" {
		t.Errorf("yaml: nextVersion %q bump %q, want %s major", y.NextVersion, y.Bump, exampleNext)
	}
	if len(y.Changes) != 6 { // coverUrl, added to a shared schema, is one finding
		t.Errorf("yaml: %d changes, want the example's 6", len(y.Changes))
	}

	out, errOut, code = runWith(t, "", false, "diff", "--format", "markdown", "--date", releaseDate, base, rev)
	if code != 0 || strings.TrimSpace(out) == "" {
		t.Fatalf("markdown: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if !strings.Contains(out, exampleNext) {
		t.Errorf("markdown does not show the next version %s:\n%s", exampleNext, out)
	}
	if !strings.HasPrefix(out, "## ") || !strings.Contains(out, "`"+exampleBreaking+"`") {
		t.Errorf("markdown does not look like the changelog:\n%s", out)
	}
}

// git runs git in the working directory, failing the test on error.
func git(t *testing.T, args ...string) {
	t.Helper()
	cmd := exec.Command("git", args...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// gitRepoWith makes a repository in a new temporary directory, which becomes
// the working directory, commits base as openapi.yaml and leaves rev in the
// work tree in its place.
func gitRepoWith(t *testing.T, base, rev string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not on PATH")
	}
	baseData, err := os.ReadFile(base)
	if err != nil {
		t.Fatal(err)
	}
	revData, err := os.ReadFile(rev)
	if err != nil {
		t.Fatal(err)
	}
	// A fresh machine has no identity and may have hooks or signing configured.
	for k, v := range map[string]string{
		"GIT_AUTHOR_NAME": "apibump test", "GIT_AUTHOR_EMAIL": "test@example.com",
		"GIT_COMMITTER_NAME": "apibump test", "GIT_COMMITTER_EMAIL": "test@example.com",
		"GIT_CONFIG_GLOBAL": os.DevNull, "GIT_CONFIG_NOSYSTEM": "1",
	} {
		t.Setenv(k, v)
	}
	t.Chdir(t.TempDir())
	git(t, "init", "-q")
	if err := os.WriteFile("openapi.yaml", baseData, 0o644); err != nil {
		t.Fatal(err)
	}
	git(t, "add", "openapi.yaml")
	git(t, "commit", "-q", "--no-verify", "-m", "base")
	if err := os.WriteFile("openapi.yaml", revData, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestDiffGitRevision(t *testing.T) {
	base, rev := examplePair(t)
	gitRepoWith(t, base, rev)

	r := diffJSON(t, "", "HEAD:openapi.yaml", "openapi.yaml")
	if r.Base.File != "HEAD:openapi.yaml" || r.Revision.File != "openapi.yaml" {
		t.Errorf("base %q revision %q, want HEAD:openapi.yaml and openapi.yaml", r.Base.File, r.Revision.File)
	}
	if r.Base.Version != "1.4.2" || r.Revision.Version != "1.5.0" || r.NextVersion != exampleNext {
		t.Errorf("base %s revision %s next %s, want 1.4.2, 1.5.0, %s", r.Base.Version, r.Revision.Version, r.NextVersion, exampleNext)
	}
	found := false
	for _, c := range r.Changes {
		if c.ID == exampleBreaking {
			found = true
			if c.Source == nil || c.Source.Line != 32 {
				t.Errorf("the removal is placed at %v, want line 32 of the committed file", c.Source)
			}
		}
	}
	if !found {
		t.Errorf("the change between HEAD and the work tree is not found: %+v", r.Changes)
	}

	// The committed file against itself: no change.
	out, errOut, code := runWith(t, "", false, "next", "--date", releaseDate, "HEAD:openapi.yaml", "HEAD:openapi.yaml")
	if code != 0 || out != "1.4.2\n" {
		t.Errorf("HEAD against HEAD: exit %d, stdout %q, stderr %q", code, out, errOut)
	}

	out, errOut, code = runWith(t, "", false, "diff", "--date", releaseDate, "nosuchref:openapi.yaml", "openapi.yaml")
	if code != 2 {
		t.Errorf("unknown ref: exit %d, want 2", code)
	}
	if line := oneErrorLine(t, out, errOut); !strings.Contains(line, "nosuchref") {
		t.Errorf("unknown ref: %q does not name the ref", line)
	}

	out, errOut, code = runWith(t, "", false, "diff", "--date", releaseDate, "HEAD:missing.yaml", "openapi.yaml")
	if code != 2 {
		t.Errorf("missing file at HEAD: exit %d, want 2", code)
	}
	if line := oneErrorLine(t, out, errOut); !strings.Contains(line, "missing.yaml") {
		t.Errorf("missing file at HEAD: %q does not name the file", line)
	}
}

func TestGitGivesTheSameFindingsAsFiles(t *testing.T) {
	for _, tc := range []struct {
		dir  string
		args []string
	}{
		{exampleDir, nil},
		{"../../testdata/compatible-response-property-removed", []string{"--policy", "compatible"}},
	} {
		t.Run(filepath.Base(tc.dir), func(t *testing.T) {
			base, err := filepath.Abs(filepath.Join(tc.dir, "base.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			rev, err := filepath.Abs(filepath.Join(tc.dir, "revision.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			want := diffJSON(t, "", append(tc.args, base, rev)...)
			gitRepoWith(t, base, rev)
			got := diffJSON(t, "", append(tc.args, "HEAD:openapi.yaml", "openapi.yaml")...)
			sameAsFiles(t, got, want)
			for _, c := range got.Changes {
				if strings.Contains(c.ID, "removed") && c.Source != nil && c.Source.File != "HEAD:openapi.yaml" {
					t.Errorf("%s is a removal, placed in %q instead of the base HEAD:openapi.yaml", c.ID, c.Source.File)
				}
			}
		})
	}
}
