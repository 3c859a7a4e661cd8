package cli

import (
	"encoding/json"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The small items of the pull-request journey (issue 12), each seen in a
// new user's first run.

// TestCheckSaysNoBump: a passing check with nothing to bump says so in
// words, not "(none bump)".
func TestCheckSaysNoBump(t *testing.T) {
	base, _ := examplePair(t)
	out, errOut, code := runWith(t, "", false, "check", "--date", "2026-11-22", base, base)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "declares 1.4.2; the changes need no version bump\n") || strings.Contains(out, "none bump") {
		t.Errorf("check passed line:\n%s", out)
	}
}

// TestCheckSwappedHint: a base newer than the revision gets a hint that the
// arguments may be swapped; the right order gets none.
func TestCheckSwappedHint(t *testing.T) {
	base, rev := examplePair(t)
	out, _, code := runWith(t, "", false, "check", "--date", "2026-11-22", rev, base)
	if code != 1 || !strings.Contains(out, "check note: the base declares 1.5.0, newer than the revision's 1.4.2: are BASE and REVISION swapped?") {
		t.Errorf("swapped: exit %d\n%s", code, out)
	}
	if out, _, _ := runWith(t, "", false, "check", "--date", "2026-11-22", base, rev); strings.Contains(out, "swapped") {
		t.Errorf("the right order gets no hint:\n%s", out)
	}
}

// TestNoProgressWithoutTerminal: Main draws no progress line unless told
// (a pipe, CI): nothing but the output.
func TestNoProgressWithoutTerminal(t *testing.T) {
	if out, errOut, code := runWith(t, "", false, "rules"); code != 0 || strings.Contains(errOut, "\r") || strings.Contains(out, "\r") {
		t.Errorf("without a terminal no line is drawn: %q", errOut)
	}
}

// TestChangelogJSONCamelCase: every key of the changelog JSON is camelCase
// (summary's non-contract, in the stable contract since the start, aside).
func TestChangelogJSONCamelCase(t *testing.T) {
	base, rev := examplePair(t)
	out, errOut, code := runWith(t, "", false, "changelog", "--format", "json", "--date", "2026-11-22", base, rev)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var doc any
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	camel := regexp.MustCompile(`^[a-z][a-zA-Z0-9]*$`)
	seen := map[string]bool{}
	var walk func(v any, path string)
	walk = func(v any, path string) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				seen[k] = true
				if !camel.MatchString(k) && !(k == "non-contract" && strings.HasSuffix(path, "summary")) {
					t.Errorf("%s.%s is not camelCase", path, k)
				}
				walk(x, path+"."+k)
			}
		case []any:
			for _, x := range v {
				walk(x, path+"[]")
			}
		}
	}
	walk(doc, "")
	for _, k := range []string{"title", "changes", "groups", "anchor", "deprecation", "sunset"} {
		if !seen[k] {
			t.Errorf("the entry has no %q key: the test no longer covers it", k)
		}
	}
}

// TestSharedGroupTitle: diff and the changelog name the group of changes
// reaching several endpoints the same way (one locale key), on a case
// whose one change reaches four operations in the same words.
func TestSharedGroupTitle(t *testing.T) {
	dir := filepath.Join(exampleDir, "..", "shared-schema-one-finding")
	base, rev := filepath.Join(dir, "base.yaml"), filepath.Join(dir, "revision.yaml")
	diff, _, _ := runWith(t, "", false, "diff", "--date", "2026-11-22", base, rev)
	entry, _, _ := runWith(t, "", false, "changelog", "--date", "2026-11-22", base, rev)
	const title = "Components and shared schemas"
	if !strings.Contains(diff, "\n"+title+"\n") || !strings.Contains(entry, title) {
		t.Errorf("both must name the group %q:\n%s\n---\n%s", title, diff, entry)
	}
}
