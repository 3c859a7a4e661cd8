package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/apibump/apibump/internal/render"
)

// exampleDir is the README pair: base 1.4.2, revision 1.5.0, one breaking change.
const exampleDir = "../../testdata/examples"

func examplePair(t *testing.T) (string, string) {
	t.Helper()
	base, err := filepath.Abs(filepath.Join(exampleDir, "base.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	rev, err := filepath.Abs(filepath.Join(exampleDir, "revision.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return base, rev
}

// runWith runs Main in-process with stdin and the colour setting given.
func runWith(t *testing.T, stdin string, color bool, args ...string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Main(args, IO{In: strings.NewReader(stdin), Out: &out, ErrOut: &errOut, ColorOK: color})
	return out.String(), errOut.String(), code
}

// oneErrorLine checks the shape of every usage or input error: nothing on
// stdout and exactly one line on stderr starting "apibump: ".
func oneErrorLine(t *testing.T, out, errOut string) string {
	t.Helper()
	if out != "" {
		t.Errorf("stdout should be empty on a usage error, got %q", out)
	}
	if !strings.HasSuffix(errOut, "\n") {
		t.Errorf("stderr should end with a newline: %q", errOut)
	}
	lines := strings.Split(strings.TrimSuffix(errOut, "\n"), "\n")
	if len(lines) != 1 || !strings.HasPrefix(lines[0], "apibump: ") {
		t.Errorf("want exactly one line starting with \"apibump: \", got %q", errOut)
	}
	for _, bad := range []string{"goroutine", "panic", ".go:", "Usage:"} {
		if strings.Contains(errOut, bad) {
			t.Errorf("stderr contains %q: %q", bad, errOut)
		}
	}
	return lines[0]
}

func TestFlagErrors(t *testing.T) {
	base, rev := examplePair(t)
	date := "--date=2026-11-22"
	tests := []struct {
		name string
		args []string
		want []string // substrings of the error line
	}{
		{"unknown flag on diff", []string{"diff", "--no-such-flag", base, rev}, []string{"--no-such-flag"}},
		{"unknown shorthand on next", []string{"next", "-Z", base, rev}, []string{"-Z"}},
		{"unknown flag on rules", []string{"rules", "--bogus"}, []string{"--bogus"}},
		{"unknown command", []string{"frobnicate"}, []string{"frobnicate"}},
		{"diff with one arg", []string{"diff", base}, nil},
		{"diff with three args", []string{"diff", base, rev, rev}, nil},
		{"diff with no args", []string{"diff"}, nil},
		{"next with one arg", []string{"next", base}, nil},
		{"check with three args", []string{"check", base, rev, rev}, nil},
		{"rules with an arg", []string{"rules", "extra"}, []string{"extra"}},
		{"bad policy on diff", []string{"diff", "--policy", "lenient", date, base, rev}, []string{`"lenient"`}},
		{"bad policy on next", []string{"next", "--policy=strictest", date, base, rev}, []string{`"strictest"`}},
		{"bad policy on check", []string{"check", "--policy", "lax", date, base, rev}, []string{`"lax"`}},
		{"bad scheme", []string{"diff", "--scheme", "calver", date, base, rev}, []string{`"calver"`}},
		{"bad scheme on next", []string{"next", "--scheme", "roman", date, base, rev}, []string{`"roman"`}},
		{"bad date format", []string{"diff", "--date", "22/11/2026", base, rev}, []string{"--date", `"22/11/2026"`}},
		{"bad date day", []string{"next", "--date", "2026-02-30", base, rev}, []string{"--date", `"2026-02-30"`}},
		{"bad date on check", []string{"check", "--date", "tomorrow", base, rev}, []string{"--date", `"tomorrow"`}},
		{"bad diff format", []string{"diff", "--format", "xml", date, base, rev}, []string{`"xml"`}},
		{"bad diff format shorthand", []string{"diff", "-f", "html", date, base, rev}, []string{`"html"`}},
		{"bad check format", []string{"check", "--format", "toml", date, base, rev}, []string{`"toml"`}},
		{"bad rules format", []string{"rules", "--format", "yaml"}, []string{`"yaml"`}},
		{"bad fail-on", []string{"check", "--fail-on", "minor", date, base, rev}, []string{"--fail-on", `"minor"`}},
		{"empty fail-on", []string{"check", "--fail-on", "", date, base, rev}, []string{"--fail-on"}},
		{"flag without value", []string{"diff", base, rev, "--policy"}, []string{"policy"}},
		{"fail-on on diff", []string{"diff", "--fail-on", "breaking", date, base, rev}, []string{"--fail-on"}},
		{"jobs 0", []string{"check", "--jobs", "0", date, base + ":" + rev}, []string{"--jobs", "1 or more"}},
		{"jobs -5", []string{"check", "--jobs=-5", date, base + ":" + rev}, []string{"--jobs", "1 or more"}},
		{"jobs not a number", []string{"check", "-j", "many", date, base + ":" + rev}, []string{"--jobs", "whole number"}},
		{"max-live-majors 0", []string{"changelog", "--max-live-majors", "0", date, base, rev}, []string{"--max-live-majors", "1 or more"}},
		{"pr not a number", []string{"comment", "--pr", "x"}, []string{"--pr", "whole number"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := runWith(t, "", false, tt.args...)
			if code != 2 {
				t.Errorf("exit status %d, want 2 (stderr %q)", code, errOut)
			}
			line := oneErrorLine(t, out, errOut)
			for _, w := range tt.want {
				if !strings.Contains(line, w) {
					t.Errorf("error %q does not name %s", line, w)
				}
			}
		})
	}
}

// TestValidFlagsStillWork is the control for TestFlagErrors: the same
// commands with good values exit 0 (or 1 for a failing check).
func TestValidFlagsStillWork(t *testing.T) {
	base, rev := examplePair(t)
	tests := []struct {
		args []string
		code int
	}{
		{[]string{"diff", "--policy", "compatible", "--scheme", "semver", "--date", "2026-11-22", "-f", "json", base, rev}, 0},
		{[]string{"next", "--policy=contract", "--scheme=auto", "--date=2026-11-22", base, rev}, 0},
		{[]string{"check", "--fail-on", "version", "--format", "markdown", "--date", "2026-11-22", base, rev}, 1},
		{[]string{"rules", "-f", "text"}, 0},
		{[]string{"check", "--jobs", "1", "--date", "2026-11-22", base + ":" + rev}, 1},
		{[]string{"check", "-j", "3", "--date", "2026-11-22", base + ":" + rev}, 1},
	}
	for _, tt := range tests {
		_, errOut, code := runWith(t, "", false, tt.args...)
		if code != tt.code {
			t.Errorf("%v: exit status %d, want %d (stderr %q)", tt.args, code, tt.code, errOut)
		}
	}
}

func TestRulesJSON(t *testing.T) {
	out, errOut, code := runWith(t, "", false, "rules", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if errOut != "" {
		t.Errorf("stderr: %q", errOut)
	}
	var rules []map[string]any
	if err := json.Unmarshal([]byte(out), &rules); err != nil {
		t.Fatalf("rules --format json is not a JSON array: %v\n%.500s", err, out)
	}
	if len(rules) <= 750 {
		t.Errorf("%d rules, want more than 750", len(rules))
	}
	classes := map[string]bool{"breaking": true, "additive": true, "non-contract": true}
	seen := map[string]bool{}
	for i, r := range rules {
		id, _ := r["id"].(string)
		if id == "" {
			t.Errorf("rule %d has no id: %v", i, r)
			continue
		}
		if seen[id] {
			t.Errorf("rule %s listed twice", id)
		}
		seen[id] = true
		for _, k := range []string{"contract", "compatible"} {
			v, _ := r[k].(string)
			if !classes[v] {
				t.Errorf("rule %s: %s is %v, want one of breaking, additive, non-contract", id, k, r[k])
			}
		}
	}
	for _, id := range []string{"unclassified-change", "documentation-changed", "security-override-removed", "request-parameter-removed", "endpoint-added",
		"schema-format-changed", "parameter-serialization-changed", "schema-unknown-keyword-changed"} {
		if !seen[id] {
			t.Errorf("rule %s missing from rules --format json", id)
		}
	}
	// A row of the field table names its fields, its effects and its class per direction.
	for _, r := range rules {
		if r["id"] != "schema-format-changed" {
			continue
		}
		if fmt.Sprint(r["fields"]) != "[Schema.format]" || r["request"] == nil || r["response"] == nil || r["effects"] == nil {
			t.Errorf("schema-format-changed: %v", r)
		}
	}
}

func TestRulesText(t *testing.T) {
	out, errOut, code := runWith(t, "", false, "rules")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	header := strings.Fields(lines[0])
	want := []string{"ID", "CONTRACT", "COMPATIBLE", "FROM"}
	if strings.Join(header, " ") != strings.Join(want, " ") {
		t.Errorf("header %q, want the columns %v", lines[0], want)
	}
	if len(lines) <= 751 {
		t.Errorf("%d lines, want a header and more than 750 rules", len(lines))
	}
	found := false
	for _, l := range lines[1:] {
		f := strings.Fields(l)
		if len(f) != 4 {
			t.Errorf("row %q does not have 4 columns", l)
			continue
		}
		if f[0] == "security-override-removed" {
			found = true
			if f[1] != "breaking" || f[2] != "breaking" || f[3] != "apibump" {
				t.Errorf("row %q, want breaking breaking apibump", l)
			}
		}
	}
	if !found {
		t.Error("no row for security-override-removed")
	}
}

func TestColorOnlyWhenColorOK(t *testing.T) {
	base, rev := examplePair(t)
	const esc = "\x1b["
	for _, cmd := range []string{"diff", "check"} {
		args := []string{cmd, "--date", "2026-11-22", base, rev}
		plain, errPlain, _ := runWith(t, "", false, args...)
		if plain == "" {
			t.Fatalf("%s: no output (stderr %q)", cmd, errPlain)
		}
		if strings.Contains(plain, esc) || strings.Contains(errPlain, esc) {
			t.Errorf("%s without ColorOK has ANSI codes:\n%q", cmd, plain)
		}
		colored, _, _ := runWith(t, "", true, args...)
		if !strings.Contains(colored, esc) {
			t.Errorf("%s with ColorOK has no ANSI codes:\n%s", cmd, colored)
		}
		if strip := stripANSI(colored); strip != plain {
			t.Errorf("%s: the coloured output without its codes differs from the plain one:\n--- plain\n%s\n--- stripped\n%s", cmd, plain, strip)
		}
	}
	// Machine formats and `next` stay plain whatever the terminal.
	for _, args := range [][]string{
		{"diff", "-f", "json", "--date", "2026-11-22", base, rev},
		{"diff", "-f", "yaml", "--date", "2026-11-22", base, rev},
		{"diff", "-f", "markdown", "--date", "2026-11-22", base, rev},
		{"check", "-f", "json", "--date", "2026-11-22", base, rev},
		{"next", "--date", "2026-11-22", base, rev},
		{"rules"},
	} {
		out, errOut, _ := runWith(t, "", true, args...)
		if out == "" {
			t.Errorf("%v: no output", args)
		}
		if strings.Contains(out, esc) || strings.Contains(errOut, esc) {
			t.Errorf("%v with ColorOK has ANSI codes: %q", args, out)
		}
	}
}

// stripANSI removes CSI sequences (ESC [ ... letter).
func stripANSI(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '[' {
			j := i + 2
			for j < len(s) && (s[j] < 0x40 || s[j] > 0x7e) {
				j++
			}
			i = j
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// TestCheckReadsTheDeclaredVersion: a revision info.version the scheme cannot
// read is bad input, named with its line, even when nothing needs a bump.
func TestCheckReadsTheDeclaredVersion(t *testing.T) {
	dir := t.TempDir()
	spec := func(version string) string {
		return "openapi: 3.0.3\ninfo:\n  title: t\n  version: " + version + "\npaths: {}\n"
	}
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	base := write("base.yaml", spec(`"1.0.0"`))
	tests := []struct{ version, want string }{
		{"latest", `revision.yaml:4: info.version: version "latest" is not semver`},
		{"1e10", `revision.yaml:4: info.version: version "1e10" is not semver`},
		{`"1.0.0 "`, `revision.yaml:4: info.version: version "1.0.0 " is not semver`},
		{"{major: 1}", "revision.yaml:4: info.version is empty, or not text"},
		{`""`, "revision.yaml:4: info.version is empty, or not text"},
	}
	for _, tt := range tests {
		rev := write("revision.yaml", spec(tt.version))
		out, errOut, code := runWith(t, "", false, "check", base, rev)
		if code != 2 {
			t.Errorf("%s: exit status %d, want 2 (stderr %q)", tt.version, code, errOut)
		}
		if line := oneErrorLine(t, out, errOut); !strings.Contains(line, tt.want) {
			t.Errorf("%s: error %q, want %q", tt.version, line, tt.want)
		}
	}
	// Controls: a readable version passes, and diff does not judge it.
	rev := write("revision.yaml", spec(`"1.0.0"`))
	if _, errOut, code := runWith(t, "", false, "check", base, rev); code != 0 {
		t.Errorf("1.0.0: exit status %d (stderr %q)", code, errOut)
	}
	rev = write("revision.yaml", spec("latest"))
	if _, errOut, code := runWith(t, "", false, "diff", base, rev); code != 0 {
		t.Errorf("diff with info.version latest: exit status %d (stderr %q)", code, errOut)
	}
}

// TestUsageSuggestions: an unknown flag or command near a known one gets a
// suggestion, on a line of its own after the one-line error.
func TestUsageSuggestions(t *testing.T) {
	base, rev := examplePair(t)
	for _, tt := range []struct {
		args []string
		want [2]string
	}{
		{[]string{"diff", "--fromat", "json", base, rev}, [2]string{"apibump: unknown flag: --fromat", "Did you mean this? --format"}},
		{[]string{"check", "--fail-o", "breaking", base, rev}, [2]string{"apibump: unknown flag: --fail-o", "Did you mean this? --fail-on"}},
		{[]string{"dif", base, rev}, [2]string{`apibump: unknown command "dif" for "apibump"`, "Did you mean this? diff"}},
	} {
		out, errOut, code := runWith(t, "", false, tt.args...)
		if code != 2 || out != "" {
			t.Errorf("%v: exit %d, stdout %q", tt.args, code, out)
		}
		if got := strings.Split(strings.TrimSuffix(errOut, "\n"), "\n"); len(got) != 2 || got[0] != tt.want[0] || got[1] != tt.want[1] {
			t.Errorf("%v: stderr\n%s\nwant\n%s\n%s", tt.args, errOut, tt.want[0], tt.want[1])
		}
	}
	if _, errOut, _ := runWith(t, "", false, "diff", "--zzzzzzzz", base, rev); strings.Contains(errOut, "Did you mean") {
		t.Errorf("nothing is near --zzzzzzzz: %q", errOut)
	}
}

func TestVersionFlag(t *testing.T) {
	out, errOut, code := runWith(t, "", false, "--version")
	if code != 0 || !strings.HasPrefix(out, "apibump ") || errOut != "" {
		t.Errorf("--version: %d %q %q", code, out, errOut)
	}
	for _, tt := range []struct {
		info *debug.BuildInfo
		want string
	}{
		{&debug.BuildInfo{Main: debug.Module{Version: "v1.2.3"}}, "v1.2.3"},
		{&debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "0123456789abcdef0123"}, {Key: "vcs.time", Value: "2026-11-30T10:00:00Z"}, {Key: "vcs.modified", Value: "true"}}},
			"(devel) 0123456789ab+dirty 2026-11-30T10:00:00Z"},
		{&debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "(devel)"},
		{nil, "(unknown version)"},
	} {
		if got := buildVersion(tt.info, tt.info != nil); got != tt.want {
			t.Errorf("buildVersion = %q, want %q", got, tt.want)
		}
	}
}

// TestVersionsHelp: versions offers only the flags that change what it says.
func TestVersionsHelp(t *testing.T) {
	out, _, code := runWith(t, "", false, "versions", "--help")
	if code != 0 || !strings.Contains(out, "--config") || strings.Contains(out, "--strict-beta") {
		t.Errorf("versions --help must not offer --strict-beta:\n%s", out)
	}
}

// TestFormatHelp: the help of diff and check names every format Render writes.
func TestFormatHelp(t *testing.T) {
	for _, cmd := range []string{"diff", "check"} {
		out, _, _ := runWith(t, "", false, cmd, "--help")
		var line string
		for _, l := range strings.Split(out, "\n") {
			if strings.Contains(l, "--format") {
				line = l
			}
		}
		for _, f := range render.Formats() {
			if !strings.Contains(line, string(f)) {
				t.Errorf("%s --help does not name the format %s: %q", cmd, f, line)
			}
		}
	}
}
