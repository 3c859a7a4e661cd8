package cli

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"html"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"go.yaml.in/yaml/v4"
)

// The hostile strings of testdata/hostile-markup, as the specs hold them.
const (
	hostilePath  = "/v1/books\n# injected heading\n~~~\n@octo/team #123 <script>alert(1)</script> \x1b[31mRED\a \u202eevil %0A\r\n::error::pwned"
	hostileParam = "q`\n```\n# param heading"
)

// hostileMarkers start a line only when spec text broke out of its place.
var hostileMarkers = []string{
	"# injected", "# param", "# H1", "## added", "# reason", "# description",
	"~~~", "@octo", "@team", "::", "##[", "%0A",
}

// rawHidden matches the runes no human-facing output may hold raw: C0
// controls but the line feed, DEL, C1 controls, line and paragraph
// separators, bidirectional and zero-width format characters (the
// zero-width joiner excepted: Markdown uses it to break mentions).
var rawHidden = regexp.MustCompile("[\x00-\x09\x0b-\x1f\x7f\u0080-\u009f\u2028\u2029\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2069\ufeff]")

func hostileCase(t *testing.T) {
	t.Helper()
	dir, err := filepath.Abs("../../testdata/hostile-markup")
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
}

// runEnv runs apibump with an environment.
func runEnv(t *testing.T, env map[string]string, color bool, args ...string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Main(args, IO{In: strings.NewReader(""), Out: &out, ErrOut: &errOut, ColorOK: color,
		Getenv: func(k string) string { return env[k] }})
	return out.String(), errOut.String(), code
}

func noRawHidden(t *testing.T, what, out string) {
	t.Helper()
	if loc := rawHidden.FindStringIndex(out); loc != nil {
		t.Errorf("%s: raw %q at byte %d: …%q…", what, out[loc[0]:loc[1]], loc[0], out[max(0, loc[0]-40):min(len(out), loc[1]+40)])
	}
}

// noHostileLineStart fails when a line of out starts with spec text that
// broke out of the line it was written in.
func noHostileLineStart(t *testing.T, what, out string) {
	t.Helper()
	for i, line := range strings.Split(out, "\n") {
		l := strings.TrimLeft(line, " \t>")
		for _, m := range hostileMarkers {
			if strings.HasPrefix(l, m) {
				t.Errorf("%s: line %d starts with spec text %q: %q", what, i+1, m, line)
			}
		}
	}
}

// assertText checks a terminal or log output.
func assertText(t *testing.T, what, out string) {
	t.Helper()
	noRawHidden(t, what, regexp.MustCompile("\x1b\\[[0-9;]*m").ReplaceAllString(out, ""))
	noHostileLineStart(t, what, out)
	if strings.Contains(out, "\u200d") {
		t.Errorf("%s: a zero-width joiner in plain text", what)
	}
}

var (
	headingRe  = regexp.MustCompile(`(?s)<h[1-6][^>]*>(.*?)</h[1-6]>`)
	preRe      = regexp.MustCompile(`(?s)<pre>(.*?)</pre>`)
	codeRe     = regexp.MustCompile(`(?s)<code>(.*?)</code>`)
	tagRe      = regexp.MustCompile(`<[^>]*>`)
	mentionRe  = regexp.MustCompile(`@[A-Za-z0-9]|#[0-9]`)
	ourHTMLRe  = regexp.MustCompile(`^(<!-- apibump[^\n]*-->|</?details>|<summary>[^<]*</summary>)$`)
	rawHTMLRe  = regexp.MustCompile(`(?i)<(script|b|img|a|iframe|style)[\s>]`)
	paramCode  = "<code>" + html.EscapeString("q`\\n```\\n# param heading") + "</code>"
	injectedCo = "/v1/books\\n# injected heading"
)

// assertMarkdown renders out as GitHub-flavoured Markdown (raw HTML let
// through, as GitHub does before sanitising) and checks that spec text made
// no structure: no heading, fence, link, strikethrough or HTML of its own,
// no mention or issue reference, and the parameter name in one code span.
func assertMarkdown(t *testing.T, what, out string) {
	t.Helper()
	noRawHidden(t, what, out)
	noHostileLineStart(t, what, out)
	var b bytes.Buffer
	md := goldmark.New(goldmark.WithExtensions(extension.GFM), goldmark.WithRendererOptions(gmhtml.WithUnsafe()))
	if err := md.Convert([]byte(out), &b); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, m := range headingRe.FindAllStringSubmatch(page, -1) {
		text := html.UnescapeString(tagRe.ReplaceAllString(m[1], ""))
		for _, marker := range []string{"injected", "param heading", "H1", "added heading", "reason heading", "description heading"} {
			if strings.HasPrefix(strings.TrimSpace(text), marker) {
				t.Errorf("%s: spec text became a heading: %q", what, text)
			}
		}
	}
	for _, m := range preRe.FindAllStringSubmatch(page, -1) {
		if !strings.HasPrefix(m[1], "<code>Deprecation: @") {
			t.Errorf("%s: spec text opened a code block: %q", what, m[1])
		}
	}
	for _, tag := range []string{"<a ", "<img ", "<del>", "<script", "<b>", "<i>", "<em>"} {
		if strings.Contains(page, tag) {
			t.Errorf("%s: spec text made %s…> in\n%s", what, tag, page)
		}
	}
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "<") && !ourHTMLRe.MatchString(line) {
			t.Errorf("%s: an HTML line apibump did not write: %q", what, line)
		}
	}
	if rawHTMLRe.MatchString(out) {
		t.Errorf("%s: raw HTML from the spec: %q", what, rawHTMLRe.FindString(out))
	}
	prose := html.UnescapeString(tagRe.ReplaceAllString(codeRe.ReplaceAllString(preRe.ReplaceAllString(page, ""), ""), ""))
	if m := mentionRe.FindString(prose); m != "" {
		t.Errorf("%s: %q would notify or link on GitHub", what, m)
	}
	if strings.Contains(out, "param heading") && !strings.Contains(page, paramCode) {
		t.Errorf("%s: the parameter name is not one code span %s:\n%s", what, paramCode, page)
	}
}

// assertWorkflow checks GitHub Actions workflow commands.
func assertWorkflow(t *testing.T, what, out string) {
	t.Helper()
	noRawHidden(t, what, out)
	cmd := regexp.MustCompile(`^::(error|warning|notice) ((?:[a-z]+=[^:,]*,)*[a-z]+=[^:,]*)::(.*)$`)
	for i, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		m := cmd.FindStringSubmatch(line)
		if m == nil {
			t.Errorf("%s: line %d is not one workflow command: %q", what, i+1, line)
			continue
		}
		if regexp.MustCompile(`%0[AaDd]`).MatchString(m[3]) {
			t.Errorf("%s: line %d: the runner would decode a line break: %q", what, i+1, m[3])
		}
	}
}

func assertJSON(t *testing.T, what, out string) any {
	t.Helper()
	noRawHidden(t, what, out)
	var v any
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("%s: not JSON: %v", what, err)
	}
	return v
}

// holds reports whether the decoded document v holds s as a string somewhere.
func holds(v any, s string) bool {
	switch x := v.(type) {
	case string:
		return strings.Contains(x, s)
	case []any:
		for _, e := range x {
			if holds(e, s) {
				return true
			}
		}
	case map[string]any:
		for k, e := range x {
			if strings.Contains(k, s) || holds(e, s) {
				return true
			}
		}
	}
	return false
}

// TestHostileSpecInEveryOutput feeds the hostile pair to every output format
// and checks that no spec text comes out as structure of the medium.
func TestHostileSpecInEveryOutput(t *testing.T) {
	hostileCase(t)
	args := []string{"base.yaml", "revision.yaml", "--date", "2026-11-22"}
	diffOut := func(format string) string {
		out, errOut, code := run(t, append([]string{"diff", "--format", format}, args...)...)
		if code != 0 {
			t.Fatalf("diff --format %s: exit %d: %s", format, code, errOut)
		}
		return out
	}
	t.Run("text", func(t *testing.T) {
		assertText(t, "diff", diffOut("text"))
		out, _, _ := runEnv(t, nil, true, append([]string{"diff"}, args...)...)
		assertText(t, "diff in colour", out)
		out, errOut, code := run(t, append([]string{"check"}, args...)...)
		if code != 1 {
			t.Errorf("check exit %d", code)
		}
		assertText(t, "check", out+errOut)
		out, errOut, _ = run(t, "versions", "revision.yaml")
		assertText(t, "versions", out+errOut)
		out, errOut, _ = run(t, append([]string{"release", "--dry-run", "--force"}, args...)...)
		assertText(t, "release --dry-run", strings.ReplaceAll(out+errOut, "\u200d", ""))
	})
	t.Run("markdown", func(t *testing.T) {
		out := diffOut("markdown")
		assertMarkdown(t, "diff", out)
		if !strings.Contains(out, ", via ``via\\n# via heading <i>it</i> | `tick` *star* ~~del~~ [x](https://evil.example)``") {
			t.Errorf("diff: no reach line with the hostile property path in one code span:\n%s", out)
		}
		for _, lang := range []string{"en", "fr"} {
			out, errOut, code := run(t, append([]string{"changelog", "--lang", lang}, args...)...)
			if code != 0 {
				t.Fatalf("changelog: exit %d: %s", code, errOut)
			}
			assertMarkdown(t, "changelog "+lang, out)
		}
		out, errOut, _ := run(t, append([]string{"check", "--format", "markdown"}, args...)...)
		assertMarkdown(t, "check", out)
		assertText(t, "check's verdict", errOut)
	})
	t.Run("json", func(t *testing.T) {
		v := assertJSON(t, "diff", diffOut("json"))
		if !holds(v, hostilePath) || !holds(v, hostileParam) {
			t.Errorf("the JSON report must keep the spec's strings exactly")
		}
		out, _, _ := run(t, append([]string{"changelog", "--format", "json"}, args...)...)
		if v := assertJSON(t, "changelog", out); !holds(v, hostilePath) {
			t.Errorf("the JSON entry must keep the spec's strings exactly")
		}
		out, _, _ = run(t, "versions", "--format", "json", "revision.yaml")
		assertJSON(t, "versions", out)
	})
	t.Run("yaml", func(t *testing.T) {
		out := diffOut("yaml")
		noRawHidden(t, "diff", out)
		noHostileLineStart(t, "diff", out)
		var v any
		if err := yaml.Unmarshal([]byte(out), &v); err != nil {
			t.Fatalf("not YAML: %v", err)
		}
		var j any
		data, _ := json.Marshal(yamlToJSON(v))
		_ = json.Unmarshal(data, &j)
		if !holds(j, hostilePath) || !holds(j, hostileParam) {
			t.Errorf("the YAML report must keep the spec's strings exactly")
		}
	})
	t.Run("github", func(t *testing.T) {
		dir := t.TempDir()
		env := map[string]string{"GITHUB_STEP_SUMMARY": filepath.Join(dir, "summary.md"), "GITHUB_OUTPUT": filepath.Join(dir, "output")}
		out, errOut, code := runEnv(t, env, false, append([]string{"check", "--format", "github"}, args...)...)
		if code != 1 {
			t.Errorf("check exit %d: %s", code, errOut)
		}
		assertWorkflow(t, "annotations", out)
		assertText(t, "check's verdict", errOut)
		summary, err := os.ReadFile(env["GITHUB_STEP_SUMMARY"])
		if err != nil {
			t.Fatal(err)
		}
		assertMarkdown(t, "step summary", string(summary))
		outputs, err := os.ReadFile(env["GITHUB_OUTPUT"])
		if err != nil {
			t.Fatal(err)
		}
		assertOutputs(t, string(outputs))
	})
	t.Run("junit", func(t *testing.T) {
		out := diffOut("junit")
		noRawHidden(t, "junit", out)
		dec := xml.NewDecoder(strings.NewReader(out))
		for {
			if _, err := dec.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("not XML: %v", err)
			}
		}
	})
	t.Run("sarif", func(t *testing.T) {
		assertJSON(t, "sarif", diffOut("sarif"))
	})
	t.Run("html", func(t *testing.T) {
		out, _, _ := run(t, append([]string{"changelog", "--format", "html"}, args...)...)
		noRawHidden(t, "html", out)
		if n := strings.Count(out, "<script"); n != 1 {
			t.Errorf("%d script elements, want apibump's one", n)
		}
		if strings.Contains(out, "<script>alert") || strings.Contains(out, "<b>bold") {
			t.Errorf("raw HTML from the spec in the page")
		}
		if !strings.Contains(out, html.EscapeString(injectedCo)) {
			t.Errorf("the page lacks the escaped path %q", injectedCo)
		}
	})
	t.Run("comment", func(t *testing.T) {
		env := commentEnvHere(t, prEvent)
		stderr, code := env.run(t, args...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		assertText(t, "comment's log", stderr)
		cs := env.api.Comments(commentPR)
		if len(cs) != 1 {
			t.Fatalf("%d comments", len(cs))
		}
		assertMarkdown(t, "sticky comment", cs[0].Body)
	})
}

// yamlToJSON turns what yaml.Unmarshal gives into what json.Marshal takes.
func yamlToJSON(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = yamlToJSON(e)
		}
	case []any:
		for i, e := range x {
			x[i] = yamlToJSON(e)
		}
	}
	return v
}

// assertOutputs checks that $GITHUB_OUTPUT holds exactly the step outputs.
func assertOutputs(t *testing.T, out string) {
	t.Helper()
	keys := map[string]bool{}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	for i := 0; i < len(lines); i++ {
		if k, delim, ok := strings.Cut(lines[i], "<<"); ok {
			keys[k] = true
			for i++; i < len(lines) && lines[i] != delim; i++ {
			}
			continue
		}
		k, _, ok := strings.Cut(lines[i], "=")
		if !ok {
			t.Errorf("GITHUB_OUTPUT line %d is not an output: %q", i+1, lines[i])
		}
		keys[k] = true
	}
	want := []string{"check", "bump", "next-version", "breaking", "additive", "non-contract", "changelog"}
	if len(keys) != len(want) {
		t.Errorf("GITHUB_OUTPUT sets %v, want %v", keys, want)
	}
	for _, k := range want {
		if !keys[k] {
			t.Errorf("GITHUB_OUTPUT lacks %s", k)
		}
	}
}

// TestErrorLineIsEscaped: an error naming hostile input stays one line with
// its control characters shown escaped.
func TestErrorLineIsEscaped(t *testing.T) {
	hostileCase(t)
	_, errOut, code := run(t, "diff", "base.yaml", "no\x1b[31msuch\a\u202e\n::error::file.yaml")
	if code != 2 {
		t.Errorf("exit %d", code)
	}
	assertText(t, "error", errOut)
	if strings.Count(errOut, "\n") != 1 {
		t.Errorf("want one line, got %q", errOut)
	}
}

// TestConfigPrintEscapes: the values of .apibump.yaml come from the pull
// request too; `config print` keeps them on their lines, controls escaped,
// and its YAML still reads back to the same values.
func TestConfigPrintEscapes(t *testing.T) {
	dir := t.TempDir()
	reason := "nobody\n::error::pwned\n# heading \x1b[31mred\a \u202eevil"
	configWriteTree(t, dir, map[string]string{
		".git/HEAD": "ref: refs/heads/main\n",
		".apibump.yaml": "ignore:\n  - rule: request-parameter-removed\n    operation: \"GET /a\\n::warning::op\"\n" +
			"    reason: \"nobody\\n::error::pwned\\n# heading \\e[31mred\\a \\u202eevil\"\n    until: \"2099-01-01\"\n",
	})
	t.Chdir(dir)
	out, err := runConfigCmd(t, "print")
	if err != nil {
		t.Fatal(err)
	}
	assertText(t, "config print", out)
	var back struct {
		Ignore []struct{ Operation, Reason string } `yaml:"ignore"`
	}
	if err := yaml.Unmarshal([]byte(out), &back); err != nil {
		t.Fatalf("not YAML: %v\n%s", err, out)
	}
	if len(back.Ignore) != 1 || back.Ignore[0].Reason != reason || back.Ignore[0].Operation != "GET /a\n::warning::op" {
		t.Errorf("config print reads back as %+v", back)
	}
}
