package cli

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// onlyVersionChanged fails unless after is before with the version value replaced.
func onlyVersionChanged(t *testing.T, before, after []byte, from, to string) {
	t.Helper()
	want := bytes.Replace(before, []byte(from), []byte(to), 1)
	if !bytes.Equal(after, want) {
		t.Errorf("only the version may change:\n--- want\n%s\n--- got\n%s", want, after)
	}
}

func TestReleaseCommentedYAML(t *testing.T) {
	copyCase(t, "base.yaml", "revision.yaml")
	before, _ := os.ReadFile("revision.yaml")
	out, errOut, code := run(t, "release", "--date", "2026-11-22", "base.yaml", "revision.yaml")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if lines[len(lines)-1] != "2.0.0" {
		t.Errorf("the last line must be the version alone, got %q", out)
	}
	after, _ := os.ReadFile("revision.yaml")
	onlyVersionChanged(t, before, after, "version: 1.4.2 # stamped", "version: 2.0.0 # stamped")
	cl, err := os.ReadFile("CHANGELOG.md")
	if err != nil || !strings.Contains(string(cl), "## [2.0.0] - 2026-11-22") {
		t.Errorf("CHANGELOG.md: %v\n%s", err, cl)
	}
	// Released again on the stamped revision: nothing new.
	out, _, code = run(t, "release", "--date", "2026-11-22", "base.yaml", "revision.yaml")
	again, _ := os.ReadFile("CHANGELOG.md")
	if code != 0 || strings.TrimSpace(out) != "2.0.0" || !bytes.Equal(again, cl) {
		t.Errorf("a second release of the same version must change nothing (exit %d, %q)", code, out)
	}
}

const jsonBase = `{
  "openapi": "3.0.3",
  "info": {"title": "Pets", "version": "1.2.3"},
  "paths": {"/pets": {"get": {"parameters": [{"name": "tag", "in": "query", "schema": {"type": "string"}}],
    "responses": {"200": {"description": "ok"}}}}}
}
`

func TestReleaseJSON(t *testing.T) {
	t.Chdir(t.TempDir())
	rev := strings.Replace(jsonBase, `"parameters": [{"name": "tag", "in": "query", "schema": {"type": "string"}}],`, "", 1)
	os.WriteFile("base.json", []byte(jsonBase), 0o644)
	os.WriteFile("revision.json", []byte(rev), 0o644)
	out, errOut, code := run(t, "release", "--date", "2026-11-22", "--changelog", "API-CHANGES.md", "base.json", "revision.json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.HasSuffix(out, "2.0.0\n") {
		t.Errorf("got %q", out)
	}
	after, _ := os.ReadFile("revision.json")
	onlyVersionChanged(t, []byte(rev), after, `"version": "1.2.3"`, `"version": "2.0.0"`)
	if _, err := os.Stat("API-CHANGES.md"); err != nil {
		t.Errorf("--changelog: %v", err)
	}
}

func TestReleaseRefusesALowerDeclaredVersion(t *testing.T) {
	copyCase(t, "base.yaml", "revision.yaml")
	rev, _ := os.ReadFile("revision.yaml")
	low := bytes.Replace(rev, []byte("version: 1.4.2"), []byte("version: 1.5.0"), 1)
	os.WriteFile("revision.yaml", low, 0o644)
	_, errOut, code := run(t, "release", "--date", "2026-11-22", "base.yaml", "revision.yaml")
	if code != 1 || !strings.Contains(errOut, "1.5.0") || !strings.Contains(errOut, "2.0.0") {
		t.Errorf("exit %d, %q", code, errOut)
	}
	if after, _ := os.ReadFile("revision.yaml"); !bytes.Equal(after, low) {
		t.Errorf("a refused release must not write the spec")
	}
	if _, err := os.Stat("CHANGELOG.md"); err == nil {
		t.Errorf("a refused release must not write the changelog")
	}
	out, _, code := run(t, "release", "--date", "2026-11-22", "--force", "base.yaml", "revision.yaml")
	after, _ := os.ReadFile("revision.yaml")
	if code != 0 || !strings.HasSuffix(out, "2.0.0\n") {
		t.Errorf("--force: exit %d, %q", code, out)
	}
	onlyVersionChanged(t, low, after, "version: 1.5.0", "version: 2.0.0")
}

func TestReleaseDryRunWritesNothing(t *testing.T) {
	copyCase(t, "base.yaml", "revision.yaml")
	before, _ := os.ReadFile("revision.yaml")
	out, _, code := run(t, "release", "--date", "2026-11-22", "--dry-run", "base.yaml", "revision.yaml")
	if code != 0 || !strings.Contains(out, "## [2.0.0]") || !strings.HasSuffix(out, "\n2.0.0\n") {
		t.Errorf("exit %d:\n%s", code, out)
	}
	after, _ := os.ReadFile("revision.yaml")
	if !bytes.Equal(before, after) {
		t.Errorf("--dry-run wrote the spec")
	}
	if _, err := os.Stat("CHANGELOG.md"); err == nil {
		t.Errorf("--dry-run wrote the changelog")
	}
}

// TestReleaseFailureLeavesFilesAsTheyWere makes the changelog unwritable: the
// spec must not be stamped either.
func TestReleaseFailureLeavesFilesAsTheyWere(t *testing.T) {
	copyCase(t, "base.yaml", "revision.yaml")
	before, _ := os.ReadFile("revision.yaml")
	_, errOut, code := run(t, "release", "--date", "2026-11-22", "--changelog", "no/such/dir/CHANGELOG.md", "base.yaml", "revision.yaml")
	if code != 2 || strings.Count(errOut, "\n") != 1 {
		t.Errorf("exit %d, %q", code, errOut)
	}
	after, _ := os.ReadFile("revision.yaml")
	if !bytes.Equal(before, after) {
		t.Errorf("the spec was written although the changelog failed")
	}
}

func TestReleaseNeedsAFile(t *testing.T) {
	copyCase(t, "base.yaml", "revision.yaml")
	_, errOut, code := run(t, "release", "base.yaml", "-")
	if code != 2 || !strings.Contains(errOut, "must be a file") {
		t.Errorf("exit %d, %q", code, errOut)
	}
}

// TestReleaseNothingToRelease: a release with no change that moves the
// version changes no file, says so, prints the version and exits 0; the
// entry and record of the last release survive (changelog --prepend alike).
func TestReleaseNothingToRelease(t *testing.T) {
	copyCase(t, "base.yaml", "revision.yaml")
	if _, errOut, code := run(t, "release", "--date", "2026-11-22", "base.yaml", "revision.yaml"); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	// The release is merged: its revision is the next base.
	rev, _ := os.ReadFile("revision.yaml")
	os.WriteFile("base.yaml", rev, 0o644)
	cl, _ := os.ReadFile("CHANGELOG.md")
	for _, args := range [][]string{
		{"release", "--date", "2026-12-01", "base.yaml", "revision.yaml"},
		{"changelog", "--date", "2026-12-01", "--prepend", "CHANGELOG.md", "base.yaml", "revision.yaml"},
	} {
		out, errOut, code := run(t, args...)
		if code != 0 || !strings.Contains(errOut, "nothing to release since base.yaml: revision.yaml stays 2.0.0") {
			t.Errorf("%s: exit %d, %q", args[0], code, errOut)
		}
		if args[0] == "release" && strings.TrimSpace(out) != "2.0.0" {
			t.Errorf("release must print the current version, got %q", out)
		}
		if after, _ := os.ReadFile("CHANGELOG.md"); !bytes.Equal(after, cl) {
			t.Errorf("%s changed CHANGELOG.md:\n%s", args[0], after)
		}
		if after, _ := os.ReadFile("revision.yaml"); !bytes.Equal(after, rev) {
			t.Errorf("%s changed the revision", args[0])
		}
	}
}

// TestReleaseRerunIsIdempotent: releasing the same version again, on a
// later day (a rerun of the pipeline), rewrites its entry byte for byte:
// the day, the window and the supported-versions record of its first run.
func TestReleaseRerunIsIdempotent(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFile(t, dir, "base.yaml", bookSpec{loc: "path", majors: []int{1}, version: "1.2.0"}.yaml())
	writeFile(t, dir, "revision.yaml", bookSpec{loc: "path", majors: []int{1, 2}, version: "1.2.0", dropSortFrom: 2}.yaml())
	release := func(day string) {
		t.Helper()
		if out, errOut, code := run(t, "release", "--date", day, "base.yaml", "revision.yaml"); code != 0 || strings.TrimSpace(out) != "2.0.0" {
			t.Fatalf("release on %s: exit %d, %q\n%s", day, code, out, errOut)
		}
	}
	release("2027-01-10")
	first, _ := os.ReadFile("CHANGELOG.md")
	if !strings.Contains(string(first), `{"major":"v1","status":"deprecated","sunset":"2027-07-09"}`) {
		t.Fatalf("the first release records no window:\n%s", first)
	}
	release("2027-01-12")
	if again, _ := os.ReadFile("CHANGELOG.md"); !bytes.Equal(again, first) {
		t.Errorf("a rerun two days later changed the entry:\n--- first\n%s\n--- again\n%s", first, again)
	}
}
