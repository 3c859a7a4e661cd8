package changelog

import (
	"bytes"
	"context"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"cloud.google.com/go/civil"

	"github.com/apibump/apibump/internal/locale"
	"github.com/apibump/apibump/internal/report"
	"github.com/apibump/apibump/internal/report/reporttest"
	"github.com/apibump/apibump/internal/rules"
	"github.com/apibump/apibump/internal/scheme"
	"github.com/apibump/apibump/internal/spec"
)

const xssMessage = "summary changed to <script>alert(1)</script>"

// htmlReport is a major release with a few changes of each class.
func htmlReport() *report.Report {
	src := func(line int) *spec.Position {
		return &spec.Position{File: "openapi/bookstore.yaml", Line: line, Column: 7}
	}
	r := &report.Report{
		Base:     report.Spec{File: "openapi/bookstore-1.4.2.yaml", Version: "1.4.2"},
		Revision: report.Spec{File: "openapi/bookstore.yaml", Version: "2.0.0"},
		Policy:   rules.Contract, Scheme: scheme.Semver, Bump: scheme.BumpMajor, NextVersion: "2.0.0",
		Changes: []report.Change{
			{ID: "request-parameter-removed", Class: rules.Breaking, Operations: []string{"GET /books/{id}"},
				Message: "deleted the `query` request parameter `fields`", Source: src(41)},
			{ID: "response-property-removed", Class: rules.Breaking, Operations: []string{"GET /books/{id}"},
				Message: "removed the required property `isbn10` from the response with the `200` status", Source: src(88)},
			{ID: "api-path-removed-without-deprecation", Class: rules.Breaking, Operations: []string{"DELETE /books/{id}"},
				Message: "api path removed without deprecation", Source: &spec.Position{File: "openapi/bookstore-1.4.2.yaml", Line: 120, Column: 5}},
			{ID: "response-media-type-removed", Class: rules.Breaking,
				Operations: []string{"GET /authors", "GET /authors/{id}", "GET /books", "GET /books/{id}", "GET /books/search", "GET /publishers", "GET /series"},
				Message:    "removed the media type `application/xml` for the response with the status `200`", Source: src(300)},
			{ID: "endpoint-added", Class: rules.Additive, Operations: []string{"POST /books/{id}/reviews"},
				Message: "endpoint added", Source: src(150)},
			{ID: "new-optional-request-parameter", Class: rules.Additive, Operations: []string{"GET /books"},
				Message: "added the new optional `query` request parameter `lang`", Source: src(22)},
			{ID: "response-optional-property-added", Class: rules.Additive, Operations: []string{"GET /books", "GET /books/{id}"},
				Message: "added the optional property `subtitle` to the response with the `200` status", Source: src(310)},
			{ID: "endpoint-deprecated", Class: rules.Additive, Operations: []string{"GET /books/search"},
				Message: "endpoint deprecated", Source: src(60)},
			{ID: "request-parameter-deprecated", Class: rules.Additive, Operations: []string{"GET /books"},
				Message: "deprecated the `query` request parameter `page`", Source: src(25)},
			{ID: "documentation-changed", Class: rules.NonContract, Operations: []string{},
				Message: "title changed at /info/title", Source: src(3)},
			{ID: "documentation-changed", Class: rules.NonContract, Operations: []string{"GET /books"},
				Message: "description changed at /paths/~1books/get/description", Source: src(18)},
			{ID: "documentation-changed", Class: rules.NonContract, Operations: []string{"GET /authors"},
				Message: xssMessage, Source: src(200)},
		},
	}
	r.Summary = summarize(r.Changes)
	return r
}

func summarize(cs []report.Change) report.Summary {
	var s report.Summary
	for _, c := range cs {
		switch c.Class {
		case rules.Breaking:
			s.Breaking++
		case rules.Additive:
			s.Additive++
		default:
			s.NonContract++
		}
	}
	return s
}

var htmlDate = civil.Date{Year: 2026, Month: 11, Day: 22}

// htmlEntry is the golden entry: a major release, so the previous major gets
// a deprecation window; an old retired major and a limit of one live major
// add a warning.
func htmlEntry(lang locale.Lang) *Entry {
	return NewEntry(htmlReport(), EntryOptions{
		Date: htmlDate, Lang: lang, MaxLiveMajors: 1,
		History: []Major{{Major: "1", Status: StatusCurrent}, {Major: "0.9", Status: StatusDeprecated, Sunset: "2026-03-01"}},
	})
}

func renderHTML(t *testing.T, e *Entry) string {
	t.Helper()
	var b bytes.Buffer
	if err := RenderHTML(&b, e); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestRenderHTMLGolden(t *testing.T) {
	reporttest.Golden(t, "testdata/entry.html", []byte(renderHTML(t, htmlEntry(locale.En))))
}

var (
	idRe    = regexp.MustCompile(`\sid="([^"]*)"`)
	styleRe = regexp.MustCompile(`(?s)<style>(.*?)</style>`)
	jsRe    = regexp.MustCompile(`(?s)<script>(.*?)</script>`)
)

func TestRenderHTMLStructure(t *testing.T) {
	e := htmlEntry(locale.En)
	out := renderHTML(t, e)

	if !strings.HasPrefix(out, "<!DOCTYPE html>\n<html lang=\"en\">") {
		t.Errorf("page does not start with the doctype and <html lang=\"en\">:\n%.80s", out)
	}
	for tag, n := range map[string]int{"<style": 1, "<script": 1, "<head>": 1, "<body>": 1, "<main": 1, "<h1>": 1} {
		if got := strings.Count(out, tag); got != n {
			t.Errorf("%d %s, want %d", got, tag, n)
		}
	}
	// Self-contained: nothing is fetched from anywhere.
	for _, bad := range []string{"src=", `href="http`, `href="//`, "<link", "<img", "<iframe", "@import", "url(", "@font-face"} {
		if strings.Contains(out, bad) {
			t.Errorf("page holds %q: it must not load anything", bad)
		}
	}
	for _, m := range regexp.MustCompile(`href="([^"]*)"`).FindAllStringSubmatch(out, -1) {
		if !strings.HasPrefix(m[1], "#") {
			t.Errorf("link %q leaves the page", m[1])
		}
	}
	// Every tag that holds content is closed.
	for _, tag := range []string{"section", "ul", "li", "details", "summary", "table", "tr", "h2", "h3", "p", "pre", "nav", "main", "header", "footer", "code", "div"} {
		open := len(regexp.MustCompile(`<`+tag+`[\s>]`).FindAllString(out, -1))
		if closed := strings.Count(out, "</"+tag+">"); open != closed || open == 0 && tag != "details" && tag != "summary" {
			t.Errorf("<%s>: %d opened, %d closed", tag, open, closed)
		}
	}
	// A paragraph holds only phrasing content: a block inside <p> would
	// close it early and spill its end out of place.
	for _, para := range regexp.MustCompile(`(?s)<p[\s>].*?</p>`).FindAllString(out, -1) {
		for _, block := range []string{"<p ", "<p>", "<div", "<details", "<ul", "<table", "<pre", "<section", "<h2", "<h3"} {
			if strings.Contains(para[2:], block) {
				t.Errorf("%s inside a paragraph: %.200s", block, para)
			}
		}
	}
	// The CSP allows exactly the inline style sheet and script.
	for _, re := range []*regexp.Regexp{styleRe, jsRe} {
		m := re.FindStringSubmatch(out)
		if m == nil {
			t.Fatalf("no %s", re)
		}
		if !strings.Contains(out, "'"+cspHash(m[1])+"'") {
			t.Errorf("the CSP lacks the hash of %.20q", m[1])
		}
	}
	if !strings.Contains(out, `<meta http-equiv="Content-Security-Policy" content="default-src 'none';`) {
		t.Errorf("no Content-Security-Policy")
	}

	// Header: title, version badge coloured by bump, date, base → next.
	for _, want := range []string{
		`<span class="api">openapi/bookstore.yaml</span>`,
		`<span class="badge bump-major" title="major release">2.0.0</span>`,
		`<time datetime="2026-11-22">2026-11-22</time>`,
		`<span class="from">1.4.2</span> <span class="arrow" aria-hidden="true">→</span> <strong class="to">2.0.0</strong>`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("header lacks %s", want)
		}
	}
	// Tiles: 4 breaking, 5 additive, 3 non-contract.
	for _, want := range []string{
		`<div class="tile t-breaking"><span class="n">4</span> <span class="l">breaking</span></div>`,
		`<div class="tile t-additive"><span class="n">5</span> <span class="l">additive</span></div>`,
		`<div class="tile t-non-contract"><span class="n">3</span> <span class="l">non-contract</span></div>`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %s", want)
		}
	}
	// Filters: hidden until the script shows them, one per class.
	if !strings.Contains(out, `<nav id="filters" class="filters" aria-label="Show changes" hidden>`) {
		t.Errorf("the filters must be hidden without JavaScript")
	}
	for _, k := range []string{"all", "breaking", "added", "deprecated", "documentation"} {
		if !strings.Contains(out, `<button type="button" data-filter="`+k+`"`) {
			t.Errorf("no %s filter button", k)
		}
	}
	// Sections, in order, each with its title and its kind.
	last := -1
	for _, s := range e.Sections {
		i := strings.Index(out, `<section id="`+string(s.Kind)+`" class="changes k-`+string(s.Kind)+`" data-kind="`+string(s.Kind)+`">`+"\n<h2>"+html.EscapeString(s.Title)+" ")
		if i < 0 || i < last {
			t.Errorf("section %q missing or out of order", s.Title)
		}
		last = i
	}
	if len(e.Sections) != 4 {
		t.Fatalf("%d sections, want 4", len(e.Sections))
	}
	for _, s := range []string{"Breaking changes", "Added", "Deprecated", "Documentation"} {
		if !strings.Contains(out, "<h2>"+s+" <span") {
			t.Errorf("no section titled %q", s)
		}
	}
	// Anchors: made from the endpoint, unique, and the heading links to itself.
	for _, want := range []string{
		`<h3 id="get-books-id"><a class="self" href="#get-books-id"><span class="method m-GET">GET</span> <span class="path">/books/{id}</span></a></h3>`,
		`<h3 id="delete-books-id"><a class="self" href="#delete-books-id">`,
		`<h3 id="post-books-id-reviews"><a class="self" href="#post-books-id-reviews">`,
		`<h3 id="get-books"><a class="self" href="#get-books">`,
		`<h3 id="get-books-2"><a class="self" href="#get-books-2">`,
		`<h3 id="components-and-shared-schemas">`,
		`<h3 id="document"><a class="self" href="#document">Document</a></h3>`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no anchor %s", want)
		}
	}
	seen := map[string]bool{}
	for _, m := range idRe.FindAllStringSubmatch(out, -1) {
		if seen[m[1]] {
			t.Errorf("id %q used twice", m[1])
		}
		seen[m[1]] = true
	}
	// A change: message (code spans kept), rule id, reach, source file:line.
	if !strings.Contains(out, `<p class="msg">Deleted the <code>query</code> request parameter <code>fields</code></p>`+"\n"+
		`<div class="facts"><code class="rule">request-parameter-removed</code>`+"\n"+`<span class="src" title="Source">openapi/bookstore.yaml:41</span></div>`) {
		t.Errorf("the first breaking change is not rendered as expected")
	}
	if !strings.Contains(out, `<div class="reach">reaches <code class="op">GET /books</code>, <code class="op">GET /books/{id}</code></div>`) {
		t.Errorf("a change reaching two endpoints does not name them")
	}
	if !strings.Contains(out, `<details class="more"><summary>and 2 more</summary><code class="op">GET /publishers</code>, <code class="op">GET /series</code></details>`) {
		t.Errorf("a change reaching seven endpoints does not fold the last two")
	}
	if strings.Count(out, `<div class="reach">`) != 2 {
		t.Errorf("only changes reaching more than one endpoint say so")
	}
	// Deprecation window, the two headers, the supported versions, the warning.
	for _, want := range []string{
		html.EscapeString(locale.T(locale.En, "deprecation.window", "v1", "2027-05-21", "180 days")),
		"<pre>Deprecation: @1795305600\nSunset: Fri, 21 May 2027 00:00:00 GMT</pre>",
		`<th scope="col">Major</th><th scope="col">Status</th><th scope="col">Sunset</th>`,
		`<tr><td><strong>v2</strong></td><td><span class="status s-current">current</span></td><td>—</td></tr>`,
		`<tr><td><strong>v1</strong></td><td><span class="status s-deprecated">deprecated</span></td><td><time datetime="2027-05-21">2027-05-21</time></td></tr>`,
		`<span class="status s-retired">retired</span>`,
		`<div id="warnings" class="callout warn" role="note">` + "\n<p><strong>Warning:</strong> " + html.EscapeString(e.Warnings[0]) + "</p>",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	// A small section lists everything, with no rule table.
	if strings.Contains(out, `class="rules"`) || strings.Contains(out, `<details class="all">`) {
		t.Errorf("small sections must not fold their changes")
	}
}

func TestRenderHTMLEscapes(t *testing.T) {
	r := htmlReport()
	r.Revision.File = `api"><b>x</b>.yaml`
	r.Changes = append(r.Changes, report.Change{ID: "endpoint-added", Class: rules.Additive,
		Operations: []string{`GET /x"><img src=x onerror=alert(2)>`}, Message: "added"})
	out := renderHTML(t, NewEntry(r, EntryOptions{Date: htmlDate, Lang: locale.En}))
	if strings.Contains(out, "<script>alert(1)") || strings.Contains(out, "<img") || strings.Contains(out, "<b>x") {
		t.Errorf("user text reaches the page unescaped")
	}
	for _, want := range []string{
		"Summary changed to &lt;script&gt;alert(1)&lt;/script&gt;",
		`<span class="path">/x&#34;&gt;&lt;img src=x onerror=alert(2)&gt;</span>`,
		`<span class="api">api&#34;&gt;&lt;b&gt;x&lt;/b&gt;.yaml</span>`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("page lacks the escaped %s", want)
		}
	}
	if n := strings.Count(out, "<script"); n != 1 {
		t.Errorf("%d <script> elements, want only the page's own", n)
	}
}

func TestRenderHTMLFrench(t *testing.T) {
	e := htmlEntry(locale.Fr)
	out := renderHTML(t, e)
	if !strings.Contains(out, `<html lang="fr">`) {
		t.Errorf("no <html lang=\"fr\">")
	}
	for _, k := range []string{"breaking", "added", "deprecated", "documentation"} {
		title := locale.T(locale.Fr, "section."+k)
		if k != "documentation" && title == locale.T(locale.En, "section."+k) {
			t.Fatalf("section.%s is not translated", k)
		}
		if !strings.Contains(out, "<h2>"+html.EscapeString(title)+" <span") {
			t.Errorf("no French section %q", title)
		}
	}
	for _, want := range []string{
		html.EscapeString(locale.T(locale.Fr, "supported.title")),
		html.EscapeString(locale.T(locale.Fr, "deprecation.window", "v1", "2027-05-21", "180 jours")),
		html.EscapeString(locale.T(locale.Fr, "status.current")),
		html.EscapeString(locale.T(locale.Fr, "components")),
		`<div class="reach">concerne <code class="op">`,
		`<summary>et 2 de plus</summary>`,
		`<span class="l">cassants</span>`,
		`data-filter="all" aria-pressed="true">Tout `,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("French page lacks %s", want)
		}
	}
	if strings.Contains(out, "Breaking changes") || strings.Contains(out, "Supported versions") {
		t.Errorf("French page has English titles")
	}
}

func TestRenderHTMLBigSection(t *testing.T) {
	r := htmlReport()
	for i := range 45 {
		r.Changes = append(r.Changes, report.Change{ID: "response-property-removed", Class: rules.Breaking,
			Operations: []string{"GET /items/" + strconv.Itoa(i%9)}, Message: "removed the property `p" + strconv.Itoa(i) + "`"})
	}
	r.Summary = summarize(r.Changes)
	e := NewEntry(r, EntryOptions{Date: htmlDate, Lang: locale.En})
	out := renderHTML(t, e)
	br := out[strings.Index(out, `<section id="breaking"`):strings.Index(out, `<section id="added"`)]
	rules, details := strings.Index(br, `<table class="rules">`), strings.Index(br, `<details class="all">`)
	if rules < 0 || details < rules {
		t.Fatalf("a section of 49 changes must show its rule table, then the list in <details>:\n%.600s", br)
	}
	if !strings.Contains(br, `<tr><td><code>response-property-removed</code></td><td class="num">46</td><td class="num">10</td></tr>`) {
		t.Errorf("rule table lacks the count of response-property-removed")
	}
	if !strings.Contains(br, "<summary>Details (49)</summary>") {
		t.Errorf("details summary lacks the count")
	}
	if n := strings.Count(br[details:], "<li "); n != 49 {
		t.Errorf("%d changes inside <details>, want 49", n)
	}
	if strings.Count(out, `<table class="rules">`) != 1 {
		t.Errorf("only the big section shows a rule table")
	}
}

func TestRenderHTMLBumpColours(t *testing.T) {
	for bump, class := range map[scheme.Bump]string{
		scheme.BumpMajor: "bump-major", scheme.BumpMinor: "bump-minor",
		scheme.BumpPatch: "bump-patch", scheme.BumpNone: "bump-none",
	} {
		r := htmlReport()
		r.Bump = bump
		out := renderHTML(t, NewEntry(r, EntryOptions{Date: htmlDate, Lang: locale.En}))
		if !strings.Contains(out, `<span class="badge `+class+`"`) {
			t.Errorf("%s bump: badge lacks class %s", bump, class)
		}
	}
	css := htmlCSS
	if !strings.Contains(css, ".badge.bump-major{background:#b42318}") || !strings.Contains(css, ".badge.bump-minor{background:#1a7f37}") ||
		strings.Contains(css, ".badge.bump-patch") || strings.Contains(css, ".badge.bump-none") {
		t.Errorf("badge colours: major red, minor green, the rest grey")
	}
}

func TestRenderHTMLNoChanges(t *testing.T) {
	r := &report.Report{Base: report.Spec{File: "a.yaml", Version: "1.0.0"}, Revision: report.Spec{File: "b.yaml", Version: "1.0.0"},
		Scheme: scheme.Semver, Bump: scheme.BumpNone, NextVersion: "1.0.0", Changes: []report.Change{}}
	out := renderHTML(t, NewEntry(r, EntryOptions{Date: htmlDate}))
	if !strings.Contains(out, `<p class="empty">No changes.</p>`) || strings.Contains(out, `<section id="breaking"`) {
		t.Errorf("an entry without changes says so")
	}
	if strings.Contains(out, `id="supported"`) || strings.Contains(out, `id="deprecation"`) {
		t.Errorf("one live major and no new major: no supported table, no deprecation")
	}
}

func TestHTMLAnchors(t *testing.T) {
	a := newAnchors("document")
	for _, c := range []struct{ in, want string }{
		{"GET /books/{id}", "get-books-id"},
		{"GET /books/{id}", "get-books-id-2"},
		{"GET /books/{id}/", "get-books-id-3"},
		{"Document", "document-2"},
		{"Composants et schémas partagés", "composants-et-schémas-partagés"},
		{"{}", "section"},
		{"POST /v2/items:batch", "post-v2-items-batch"},
	} {
		if got := a.make(c.in); got != c.want {
			t.Errorf("anchor of %q = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestHTMLMessage(t *testing.T) {
	got := htmlMessage(report.Change{Message: "added `a` and `b`"})
	if len(got) != 4 || got[0].Text != "Added " || !got[1].Code || got[1].Text != "a" || got[2].Code || got[2].Text != " and " {
		t.Errorf("htmlMessage = %+v", got)
	}
	if got := htmlMessage(report.Change{Message: "one ` backtick"}); len(got) != 1 || got[0].Code {
		t.Errorf("an unpaired backtick must leave plain text: %+v", got)
	}
	// A value keeps its backticks in its code; hidden runes are shown.
	c := report.Change{Phrase: locale.Phrase{{Text: "removed "}, {Text: "a`b\n\u202e", Value: true, Code: true}}}
	got = htmlMessage(c)
	if len(got) != 2 || !got[1].Code || got[1].Text != "a`b\\n\\u202e" || got[0].Text != "Removed " {
		t.Errorf("htmlMessage = %+v", got)
	}
}

// TestHTMLRendersInChromium screenshots the golden entry with headless
// Chromium (scripts/screenshot-html.sh): a page that renders shows a
// screenshot of real content. Set APIBUMP_SCREENSHOTS to a folder to keep it.
func TestHTMLRendersInChromium(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: no browser")
	}
	if _, err := exec.LookPath("chromium"); err != nil {
		t.Skip("chromium is not on PATH")
	}
	script, err := filepath.Abs("../../scripts/screenshot-html.sh")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if keep := os.Getenv("APIBUMP_SCREENSHOTS"); keep != "" {
		dir = keep
	}
	page := filepath.Join(dir, "entry.html")
	if err := os.WriteFile(page, []byte(renderHTML(t, htmlEntry(locale.En))), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, size := range []string{"1200,1600", "390,1600"} {
		png := filepath.Join(dir, "entry-"+strings.Split(size, ",")[0]+".png")
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		out, err := exec.CommandContext(ctx, "sh", script, page, png, size).CombinedOutput()
		cancel()
		if err != nil {
			t.Fatalf("%s: %v\n%s", script, err, out)
		}
		fi, err := os.Stat(png)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Size() < 10<<10 {
			t.Errorf("%s is %d bytes: the page did not render", png, fi.Size())
		}
	}
}

// TestRenderHTMLTitle: the page is named by the API's info.title, escaped
// (HTML and hidden runes), and by the spec's file when there is none.
func TestRenderHTMLTitle(t *testing.T) {
	e := htmlEntry(locale.En)
	r := *e.Report
	r.Revision.Title = "Books <script>alert(1)</script> \u202eAPI"
	e.Report = &r
	out := renderHTML(t, e)
	if !strings.Contains(out, "<title>Books &lt;script&gt;alert(1)&lt;/script&gt; \\u202eAPI ") ||
		!strings.Contains(out, `<span class="api">Books &lt;script&gt;alert(1)&lt;/script&gt; \u202eAPI</span>`) {
		t.Errorf("the heading must be info.title, escaped:\n%s", headOf(out))
	}
	r.Revision.Title = "  "
	if out := renderHTML(t, e); !strings.Contains(out, `<span class="api">`+r.Revision.File+`</span>`) {
		t.Errorf("no title: the file names the page:\n%s", headOf(out))
	}
}

func headOf(s string) string {
	if i := strings.Index(s, "<main"); i > 0 {
		return s[:min(i, 3000)]
	}
	return s[:min(len(s), 3000)]
}

// TestRenderHTMLSectionColours: each section has its own colour, in light
// and dark, on its heading's rule and on the edge of its items: Changed and
// Removed no longer borrow Added's green.
func TestRenderHTMLSectionColours(t *testing.T) {
	css := htmlCSS
	heading := regexp.MustCompile(`\.k-([a-z]+)>h2\{border-bottom-color:var\(--([a-z]+)\)\}`)
	item := regexp.MustCompile(`\.k-([a-z]+) \.items li\{border-left-color:var\(--([a-z]+)\)\}`)
	for _, re := range []*regexp.Regexp{heading, item} {
		colour := map[string]string{}
		for _, m := range re.FindAllStringSubmatch(css, -1) {
			colour[m[1]] = m[2]
		}
		used := map[string]SectionKind{}
		for _, k := range sectionOrder {
			v, ok := colour[string(k)]
			if !ok {
				t.Errorf("section %s: no rule %s", k, re)
				continue
			}
			if other, dup := used[v]; dup {
				t.Errorf("sections %s and %s share the colour --%s", other, k, v)
			}
			used[v] = k
			for _, scheme := range strings.SplitN(css, "@media (prefers-color-scheme:dark)", 2) {
				if !strings.Contains(scheme, "--"+v+":#") {
					t.Errorf("colour --%s is not defined for both light and dark", v)
				}
			}
		}
	}
}
