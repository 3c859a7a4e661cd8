package escape

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
)

// hostile are strings a pull request can put in a spec.
var hostile = []string{
	"name\n# heading",
	"a\r\n## heading\rb",
	"x\u2028# sep\u2029y\u0085z",
	"~~~\nswallowed",
	"```\nswallowed\n```",
	"q`\n```\n# param",
	"@octo/team and @someone",
	"fixes #123",
	"<script>alert(1)</script> &amp; &#64;team",
	"\x1b[31mred\x1b[0m \x1b]0;title\x07 bell\x07",
	"\u202eevil\u202c \u2066iso\u2069 \u200bzw",
	"%0A::error::pwned",
	"::error::pwned",
	"  ::warning file=x::hi",
	"##[group]fake",
	"[x](https://evil.example) ![i](https://evil.example/i.png)",
	"cell | pipe",
	"*bold* _it_ ~~strike~~ $x^2$",
	"back\\slash\\",
	"1. list",
	"- item",
	"> quote",
	"\x7f\u009b31m c1",
	"bad \xff\xfe utf8",
	"tag \U000E0041 char",
	"",
	" ",
	"`",
	"``a`b``",
}

// noHidden fails when s holds a rune Text would have escaped.
func noHidden(t *testing.T, medium, in, out string) {
	t.Helper()
	if i := firstHidden(out); i >= 0 {
		t.Errorf("%s(%q) = %q: raw hidden rune at %d", medium, in, out, i)
	}
}

func TestText(t *testing.T) {
	for _, s := range hostile {
		got := Text(s)
		noHidden(t, "Text", s, got)
		if strings.HasPrefix(strings.TrimLeft(got, " "), "::") || strings.HasPrefix(got, "##[") {
			t.Errorf("Text(%q) = %q starts a workflow command", s, got)
		}
	}
	for in, want := range map[string]string{
		"a\nb":            `a\nb`,
		"\x1b[31m":        `\x1b[31m`,
		"\x07":            `\x07`,
		"\u202eabc":       `\u202eabc`,
		"tab\there":       `tab\there`,
		"\xff":            `\xff`,
		"\u0085":          `\u0085`,
		"\U000E0041":      `\U000e0041`,
		"::error::x":      `\x3a:error::x`,
		"GET /books/{id}": "GET /books/{id}",
		"café ünïcode ✓":  "café ünïcode ✓",
	} {
		if got := Text(in); got != want {
			t.Errorf("Text(%q) = %q, want %q", in, got, want)
		}
	}
}

// unescaped finds a Markdown markup character not preceded by a backslash.
var unescaped = regexp.MustCompile("(^|[^\\\\])(\\\\\\\\)*[`*_\\[\\]|~$]")

func TestMarkdown(t *testing.T) {
	for _, s := range hostile {
		got := Markdown(s)
		noHidden(t, "Markdown", s, strings.ReplaceAll(got, "\u200d", ""))
		if unescaped.MatchString(got) {
			t.Errorf("Markdown(%q) = %q: unescaped markup", s, got)
		}
		if strings.ContainsAny(got, "<>") {
			t.Errorf("Markdown(%q) = %q: raw HTML", s, got)
		}
		if regexp.MustCompile(`&[#a-zA-Z0-9]+;`).MatchString(strings.NewReplacer("&lt;", "", "&gt;", "", "&amp;", "").Replace(got)) {
			t.Errorf("Markdown(%q) = %q: an entity of the input survived", s, got)
		}
		if regexp.MustCompile(`@[A-Za-z0-9]|#[0-9]`).MatchString(got) {
			t.Errorf("Markdown(%q) = %q: a mention or issue reference survived", s, got)
		}
		if regexp.MustCompile(`^(#|-|\+|=)`).MatchString(got) {
			t.Errorf("Markdown(%q) = %q starts a block", s, got)
		}
	}
	if got := Markdown("a_b [c](d) <e> @f #1"); got != "a\\_b \\[c\\](d) &lt;e&gt; @\u200df #\u200d1" {
		t.Errorf("Markdown = %q", got)
	}
}

func TestMarkdownCode(t *testing.T) {
	for _, s := range hostile {
		got := MarkdownCode(s)
		noHidden(t, "MarkdownCode", s, got)
		n := len(got) - len(strings.TrimLeft(got, "`"))
		fence := got[:n]
		inner := got[n : len(got)-n]
		if !strings.HasSuffix(got, fence) || strings.Contains(inner, fence) || strings.HasPrefix(inner, "`") || strings.HasSuffix(inner, "`") {
			t.Errorf("MarkdownCode(%q) = %q: the fence does not hold", s, got)
		}
		if strings.Contains(inner, "``") && len(fence) <= strings.Count(inner, "`") && strings.Contains(inner, fence) {
			t.Errorf("MarkdownCode(%q) = %q: a run of backticks closes the span", s, got)
		}
		cell := MarkdownCodeCell(s)
		if regexp.MustCompile(`(^|[^\\])\|`).MatchString(cell) {
			t.Errorf("MarkdownCodeCell(%q) = %q: raw pipe", s, cell)
		}
	}
	for in, want := range map[string]string{
		"sort":   "`sort`",
		"a`b":    "``a`b``",
		"`":      "`` ` ``",
		"a``b":   "```a``b```",
		"x\ny":   "`x\\ny`",
		" pad ":  "`  pad  `",
		"":       "` `",
		"a|b":    "`a|b`",
		"@team":  "`@team`",
		"<b>&c;": "`<b>&c;`",
	} {
		if got := MarkdownCode(in); got != want {
			t.Errorf("MarkdownCode(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWorkflow(t *testing.T) {
	for _, s := range hostile {
		d := WorkflowData(s)
		p := WorkflowProperty(s)
		noHidden(t, "WorkflowData", s, d)
		noHidden(t, "WorkflowProperty", s, p)
		if strings.Contains(d, "%0A") && !strings.Contains(s, "%0A") {
			t.Errorf("WorkflowData(%q) = %q: a line break the runner would decode", s, d)
		}
		if strings.ContainsAny(p, ":,") {
			t.Errorf("WorkflowProperty(%q) = %q: raw separator", s, p)
		}
		if regexp.MustCompile(`%($|[^2]|2[^5])`).MatchString(d) {
			t.Errorf("WorkflowData(%q) = %q: a %% that is not %%25", s, d)
		}
	}
	for _, tc := range []struct{ in, data, prop string }{
		{"request-parameter-removed", "request-parameter-removed", "request-parameter-removed"},
		{"100% sure", "100%25 sure", "100%25 sure"},
		{"%0A", "%250A", "%250A"}, // not decoded twice
		{"one\ntwo", `one\ntwo`, `one\ntwo`},
		{"one\r\ntwo", `one\r\ntwo`, `one\r\ntwo`},
		{"GET /a: removed", "GET /a: removed", "GET /a%3A removed"},
		{"a, b", "a, b", "a%2C b"},
		{"x\n::error::y", `x\n::error::y`, `x\n%3A%3Aerror%3A%3Ay`},
		{"C:\\specs,v1", "C:\\specs,v1", "C%3A\\specs%2Cv1"},
		{"\x1b[31mred\a", `\x1b[31mred\x07`, `\x1b[31mred\x07`},
	} {
		if got := WorkflowData(tc.in); got != tc.data {
			t.Errorf("WorkflowData(%q) = %q, want %q", tc.in, got, tc.data)
		}
		if got := WorkflowProperty(tc.in); got != tc.prop {
			t.Errorf("WorkflowProperty(%q) = %q, want %q", tc.in, got, tc.prop)
		}
	}
}

func TestJSON(t *testing.T) {
	for _, s := range hostile {
		raw, err := json.Marshal(map[string]string{s: s})
		if err != nil {
			t.Fatal(err)
		}
		got := JSON(raw)
		noHidden(t, "JSON", s, string(got))
		var back, want map[string]string
		if err := json.Unmarshal(got, &back); err != nil {
			t.Fatalf("JSON(%q) is not JSON: %v\n%s", s, err, got)
		}
		_ = json.Unmarshal(raw, &want)
		for k, v := range want {
			if back[k] != v {
				t.Errorf("JSON(%q) decodes to %q, want %q", s, back[k], v)
			}
		}
	}
}

func TestExcerpt(t *testing.T) {
	if got := Excerpt("Bad credentials\n\x1b[31m  for  you", 100); got != `Bad credentials \x1b[31m for you` {
		t.Errorf("Excerpt = %q", got)
	}
	if got := Excerpt(strings.Repeat("é", 50), 10); got != strings.Repeat("é", 10)+"…" {
		t.Errorf("Excerpt = %q", got)
	}
}
