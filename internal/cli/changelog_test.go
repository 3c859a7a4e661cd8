package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// changelogCase is the pair every changelog golden is made from: a breaking
// change, additions, a deprecation with a sunset date and documentation edits.
func changelogCase(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs("../../testdata/changelog")
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	return dir
}

func TestChangelogGoldens(t *testing.T) {
	changelogCase(t)
	for _, tt := range []struct{ golden, format, lang string }{
		{"entry.en.md", "markdown", "en"},
		{"entry.fr.md", "markdown", "fr"},
		{"entry.json", "json", "en"},
		{"entry.html", "html", "en"},
	} {
		out, errOut, code := run(t, "changelog", "--date", "2026-11-22", "--format", tt.format, "--lang", tt.lang, "base.yaml", "revision.yaml")
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", tt.golden, code, errOut)
		}
		golden(t, tt.golden, out)
	}
}

func TestChangelogEntryContent(t *testing.T) {
	changelogCase(t)
	out, _, _ := run(t, "changelog", "--date", "2026-11-22", "base.yaml", "revision.yaml")
	for _, want := range []string{
		"## [2.0.0] - 2026-11-22",
		"### Breaking changes", "### Added", "### Deprecated", "### Documentation",
		// Only info.version carries the version: no window can be served.
		"Clients cannot stay on v1",
		"Make the version explicit from the first release",
		"(`request-parameter-removed`)",
		"2027-06-30", // the endpoint's x-sunset
	} {
		if !strings.Contains(out, want) {
			t.Errorf("entry lacks %q:\n%s", want, out)
		}
	}
	for _, unwanted := range []string{"Deprecation: @", "Sunset: ", "| v1 | deprecated"} {
		if strings.Contains(out, unwanted) {
			t.Errorf("an info.version-only entry promises a window (%q):\n%s", unwanted, out)
		}
	}
	order := []string{"### Breaking changes", "### Added", "### Deprecated", "### Documentation"}
	for i := 1; i < len(order); i++ {
		if strings.Index(out, order[i-1]) > strings.Index(out, order[i]) {
			t.Errorf("%s must come before %s", order[i-1], order[i])
		}
	}
	if strings.Contains(out, "<ISO") {
		t.Errorf("user text must be escaped in markdown")
	}
	fr, _, _ := run(t, "changelog", "--date", "2026-11-22", "--lang", "fr", "base.yaml", "revision.yaml")
	if strings.Contains(fr, "Breaking changes") || strings.Contains(fr, "deleted the") {
		t.Errorf("the French entry has English in it:\n%s", fr)
	}
	forced, _, _ := run(t, "changelog", "--date", "2026-11-22", "--version", "2.0.0-rc.1", "base.yaml", "revision.yaml")
	if !strings.Contains(forced, "## [2.0.0-rc.1] - 2026-11-22") {
		t.Errorf("--version is not used:\n%s", forced)
	}
}

// TestChangelogWindow: a new major whose old one stays reachable (here its
// earlier document, at its server URL) gets the window and its headers.
func TestChangelogWindow(t *testing.T) {
	copyCase(t, "base.yaml", "revision.yaml")
	servedAt(t, "base.yaml", "v1")
	servedAt(t, "revision.yaml", "v2")
	out, _, _ := run(t, "changelog", "--date", "2026-11-22", "base.yaml", "revision.yaml")
	for _, want := range []string{
		"Deprecation: @1795305600",              // 2026-11-22T00:00:00Z
		"Sunset: Fri, 21 May 2027 00:00:00 GMT", // + 180 days
		"| v1 | deprecated | 2027-05-21 |",
		"| v2 | current |  |",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("entry lacks %q:\n%s", want, out)
		}
	}
	win, _, _ := run(t, "changelog", "--date", "2026-11-22", "--window", "1y", "base.yaml", "revision.yaml")
	if !strings.Contains(win, "2027-11-22") || !strings.Contains(win, "Sunset: Mon, 22 Nov 2027 00:00:00 GMT") {
		t.Errorf("--window 1y:\n%s", win)
	}
}

func TestChangelogBadFlags(t *testing.T) {
	changelogCase(t)
	for _, args := range [][]string{
		{"--lang", "de"}, {"--window", "soon"}, {"--format", "pdf"}, {"--max-live-majors", "0"},
		{"--prepend", "X.md", "--format", "json"},
	} {
		_, errOut, code := run(t, append(append([]string{"changelog"}, args...), "base.yaml", "revision.yaml")...)
		if code != 2 || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%v: exit %d, %q", args, code, errOut)
		}
	}
}

func copyCase(t *testing.T, files ...string) string {
	t.Helper()
	src := changelogCase(t)
	dir := t.TempDir()
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join(src, f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	return dir
}

const ownChangelog = `# Changelog of the Bookstore API

Hand-written introduction.

## [Unreleased]

- a note that must stay on top

## [1.4.2] - 2026-06-01

- an earlier release, written by hand
`

func TestPrependTwiceGivesOneEntry(t *testing.T) {
	copyCase(t, "base.yaml", "revision.yaml")
	os.WriteFile("CHANGELOG.md", []byte(ownChangelog), 0o644)
	for i := 0; i < 2; i++ {
		if _, errOut, code := run(t, "changelog", "--date", "2026-11-22", "--prepend", "CHANGELOG.md", "base.yaml", "revision.yaml"); code != 0 {
			t.Fatalf("run %d: exit %d: %s", i, code, errOut)
		}
	}
	got, _ := os.ReadFile("CHANGELOG.md")
	s := string(got)
	if strings.Count(s, "## [2.0.0]") != 1 {
		t.Errorf("want one 2.0.0 entry:\n%s", s)
	}
	if !strings.HasPrefix(s, "# Changelog of the Bookstore API\n\nHand-written introduction.\n\n## [Unreleased]\n\n- a note that must stay on top\n\n## [2.0.0] - 2026-11-22\n") {
		t.Errorf("title and [Unreleased] must stay above the new entry:\n%s", s)
	}
	if !strings.HasSuffix(s, "## [1.4.2] - 2026-06-01\n\n- an earlier release, written by hand\n") {
		t.Errorf("older entries must stay as written:\n%s", s)
	}
}

func TestPrependCreatesTheFile(t *testing.T) {
	copyCase(t, "base.yaml", "revision.yaml")
	if _, errOut, code := run(t, "changelog", "--date", "2026-11-22", "--prepend", "CHANGELOG.md", "base.yaml", "revision.yaml"); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	got, _ := os.ReadFile("CHANGELOG.md")
	if !strings.HasPrefix(string(got), "# Changelog\n") || !strings.Contains(string(got), "## [2.0.0] - 2026-11-22") {
		t.Errorf("got:\n%s", got)
	}
}

// servedAt puts a spec at a server URL naming major: one document per
// major, so that each release moves it to the next and the old major
// lives on in its earlier document.
func servedAt(t *testing.T, file, major string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(data), "\npaths:\n", "\nservers: [{url: 'https://api.example.com/"+major+"'}]\npaths:\n", 1)
	if err := os.WriteFile(file, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestPrependRemembersWindows releases two majors in a row: the second entry
// must still know version 1's window from the first, and warn that three
// majors would be live. (One document per major, moved by its server URL:
// a spec versioned only in info.version has no window to remember.)
func TestPrependRemembersWindows(t *testing.T) {
	copyCase(t, "base.yaml", "revision.yaml")
	servedAt(t, "base.yaml", "v1")
	servedAt(t, "revision.yaml", "v2")
	if _, errOut, code := run(t, "changelog", "--date", "2026-11-22", "--prepend", "CHANGELOG.md", "base.yaml", "revision.yaml"); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	// The next major: 2.0.0 → 3.0.0, a month later.
	rev, _ := os.ReadFile("revision.yaml")
	os.WriteFile("v2.yaml", []byte(strings.Replace(string(rev), "version: 1.4.2", "version: 2.0.0", 1)), 0o644)
	os.WriteFile("v3.yaml", []byte(strings.Replace(strings.Replace(string(rev), "version: 1.4.2", "version: 2.0.0", 1), "        coverUrl: {type: string, format: uri}\n", "", 1)), 0o644)
	os.WriteFile("v3.yaml", bytes.Replace(mustRead(t, "v3.yaml"), []byte("example.com/v2"), []byte("example.com/v3"), 1), 0o644)
	_, errOut, code := run(t, "changelog", "--date", "2026-12-22", "--prepend", "CHANGELOG.md", "v2.yaml", "v3.yaml")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(errOut, "warning: 3 major versions would be live on 2026-12-22, more than the 2 allowed") {
		t.Errorf("want the live-majors warning, got %q", errOut)
	}
	got, _ := os.ReadFile("CHANGELOG.md")
	s := string(got)
	top := s[strings.Index(s, "## [3.0.0]"):strings.Index(s, "## [2.0.0]")]
	for _, want := range []string{"| v3 | current |", "| v2 | deprecated | 2027-06-20 |", "| v1 | deprecated | 2027-05-21 |"} {
		if !strings.Contains(top, want) {
			t.Errorf("the 3.0.0 entry lacks %q:\n%s", want, top)
		}
	}
}

// TestChangelogPerMajor: a spec serving /v1 and /v2 gets one section per
// major, each with its own bump and next version, in both languages.
func TestChangelogPerMajor(t *testing.T) {
	dir, err := filepath.Abs("../../testdata/version-path-two-majors")
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	for _, lang := range []string{"en", "fr"} {
		out, errOut, code := run(t, "changelog", "--date", "2026-11-22", "--lang", lang, "base.yaml", "revision.yaml")
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", lang, code, errOut)
		}
		golden(t, "changelog."+lang+".md", out)
	}
	html, _, code := run(t, "changelog", "--date", "2026-11-22", "--format", "html", "base.yaml", "revision.yaml")
	if code != 0 {
		t.Fatalf("html: exit %d", code)
	}
	golden(t, "changelog.html", html)
	for _, w := range []string{"<p>The version lives in path (v1, v2).</p>", "<li>v1 (kept, minor bump → 1.1.0)</li>", "<li>v2 (kept, major bump → 3.0.0)</li>"} {
		if !strings.Contains(html, w) {
			t.Errorf("html lacks %q", w)
		}
	}
	out, _, _ := run(t, "changelog", "--date", "2026-11-22", "base.yaml", "revision.yaml")
	v1 := strings.Index(out, "### v1 (kept, minor bump → 1.1.0)")
	v2 := strings.Index(out, "### v2 (kept, major bump → 3.0.0)")
	if v1 < 0 || v2 < v1 {
		t.Fatalf("want a v1 section, then a v2 section:\n%s", out)
	}
	// The v2 breaking change is not in v1's section.
	if i := strings.Index(out, "response-body-type-changed"); i < v2 {
		t.Errorf("the v2 breaking change appears before the v2 section:\n%s", out)
	}
}

func mustRead(t *testing.T, file string) []byte {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
